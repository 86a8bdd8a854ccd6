"""The use command in the world: it acts once the player stands, on what they face."""

from __future__ import annotations

from dreamscape.sim.climax_rule import ClimaxRule
from dreamscape.sim.commands import EAST, NORTH, USE_BIT
from scenario.picture import scenario
from scenario.running import play


class Recorder(ClimaxRule):
    """A climax that notes where and when the player used, and what they faced."""

    def __init__(self, world) -> None:
        super().__init__(world)
        self.uses: list[tuple[int, int, int, int]] = []

    def use(self, world, events) -> None:
        p = world.player
        assert not p.moving
        self.uses.append((world.tick, p.x, p.y, p.facing))


ROOM = """
#######
#@...X#
#D....#
#######
"""


def recorded(picture: str = ROOM):
    world = scenario(picture)
    world.climax = Recorder(world)
    return world, world.climax


def test_a_use_standing_acts_that_tick_on_the_direction_last_pressed():
    world, rule = recorded()
    play(world, [NORTH])  # a bump: facing north, still on the start
    play(world, [USE_BIT])
    assert rule.uses == [(1, 1, 1, NORTH)]
    assert world.player.facing == NORTH


def test_a_use_pressed_mid_step_waits_for_the_arrival_and_acts_once():
    world, rule = recorded()
    play(world, [EAST])  # a step begins
    assert world.player.moving
    play(world, [USE_BIT])
    assert rule.uses == []
    while world.player.moving:
        play(world, [0])
    assert rule.uses == [(rule.uses[0][0], 2, 1, EAST)]
    play(world, [0] * 5)
    assert len(rule.uses) == 1


def test_facing_and_a_queued_use_are_in_the_checksum():
    a, _ = recorded()
    b, _ = recorded()
    play(a, [NORTH])
    play(b, [0])
    assert a.checksums()["player"] != b.checksums()["player"]


def test_without_a_climax_use_changes_nothing_but_the_facing():
    world = scenario(ROOM)
    before = world.checksums()
    play(world, [USE_BIT])
    after = world.checksums()
    assert {k for k in before if before[k] != after[k]} == {"player"}  # the tick moved on
    assert world.player.use_queued is False and (world.player.x, world.player.y) == (1, 1)
