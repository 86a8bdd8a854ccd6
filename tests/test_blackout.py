"""Scenario tests of the 'blackout' climax (chapter 4): the lights out and the woken dreamers' shared sight.

Stages are drawn with the scenario helper (tests/scenario/) with
climax="blackout"; the level's own chapter plays it too.
"""

from __future__ import annotations

import numpy as np

from dreamscape.sim import rules as R
from dreamscape.sim.blackout import blackout_radius
from dreamscape.sim.commands import WAKE_BIT
from dreamscape.sim.events import DreamspaceShared, LightsOut, SightShared, Woke
from scenario.asserting import expect, expect_none, events_of
from scenario.picture import scenario
from scenario.running import hold, play, walk

#: Seven dreamers round the player: each wake command wakes the next, without a step.
RING = """
#####
#DDD#
#D@D#
#DDX#
#####
"""

#: One dreamer at the top of a shaft the player cannot see down; a watcher at its foot.
SHAFT = """
###############
#D@..........X#
#.#############
#.#############
#.#############
#.#############
#W#############
###############
"""


def wake(world) -> list:
    return hold(world, WAKE_BIT, lambda tick: any(isinstance(e, Woke) for e in tick))


def test_the_lights_go_out_on_the_first_tick_and_sight_shrinks():
    world = scenario(SHAFT, climax="blackout")
    view = world.fog_view()
    assert view.climax == "blackout" and view.climax_begun and not view.climax_resolved and view.exit_open
    assert view.sight_radius == R.BLACKOUT_SIGHT < R.SIGHT
    events = play(world, [0])
    assert expect(events, LightsOut).radius == R.BLACKOUT_SIGHT
    expect_none(play(world, [0] * 5), LightsOut)
    # Nothing beyond the small radius is seen down the corridor.
    seen = world.fog_view().seen
    assert seen[1, 2 + R.BLACKOUT_SIGHT] and not seen[1, 2 + R.BLACKOUT_SIGHT + 1]
    plain = scenario(SHAFT)
    assert plain.fog_view().sight_radius == R.SIGHT and plain.fog_view().seen[1, 2 + R.SIGHT]


def test_sight_grows_by_one_per_woken_dreamer_up_to_full_and_is_whole_once_all_share():
    world = scenario(RING, climax="blackout")
    radii = [world.fog_view().sight_radius]
    shared = []
    for _ in range(7):
        events = wake(world)
        shared.append(expect(events, SightShared))
        radii.append(world.fog_view().sight_radius)
    assert [s.dreamer for s in shared] == list(range(7))
    assert radii == [min(R.SIGHT, R.BLACKOUT_SIGHT + n) for n in range(7)] + [R.SIGHT]
    assert [s.radius for s in shared] == radii[1:]
    assert expect(events, DreamspaceShared).tick == shared[-1].tick
    view = world.fog_view()
    assert view.climax_resolved and view.all_awake and view.exit_open
    assert blackout_radius(0, False) == R.BLACKOUT_SIGHT and blackout_radius(100, False) == R.SIGHT
    assert blackout_radius(0, True) == R.SIGHT
    events = walk(world, "S") + play(world, "E*8")
    assert world.outcome == "won"


def test_hollow_regions_keep_sight_at_most_dark_sight():
    picture = """
    ##########
    #D@......#
    #.######.#
    #D......X#
    ##########
    """
    world = scenario(picture, climax="blackout", dark=[1, 2, 3])
    wake(world)
    assert world.fog_view().sight_radius == R.DARK_SIGHT  # 5 by the count, 4 in the hollow
    assert R.BLACKOUT_SIGHT + 1 > R.DARK_SIGHT


def test_a_woken_dreamer_shares_what_they_see_even_far_away():
    world = scenario(SHAFT, climax="blackout")
    play(world, [0])
    foot = (1, 6)
    assert not world.fog_view().seen[foot[1], foot[0]]
    assert not any(h.kind == "watcher" for h in world.fog_view().haunts)
    events = wake(world)
    shared = expect(events, SightShared, dreamer=0)
    assert shared.tick == expect(events, Woke).tick
    walk(world, "EEEEEEEE")  # far down the corridor, the shaft out of the player's own sight
    view = world.fog_view()
    assert view.lent is not None and view.eyes is not None
    assert view.lent[foot[1], foot[0]] and view.visible[foot[1], foot[0]] and view.seen[foot[1], foot[0]]
    assert not view.in_eyes(*foot)
    watcher = [h for h in view.haunts if h.kind == "watcher"]
    assert watcher and (watcher[0].x, watcher[0].y) == foot
    # The watcher does not see the player through the dreamer's eyes: sight is symmetric only for the player's own.
    assert not any(h.hunting for h in world.view().haunts)
    # The lent field is the player's algorithm at SHARED_SIGHT from the dreamer.
    assert view.lent.sum() > 0 and not view.lent[1, 1 + R.SHARED_SIGHT + 1]


def test_the_lent_sight_is_computed_again_only_when_the_ground_changes():
    picture = """
    ##############
    #D@.........X#
    ####.#########
    ####.#########
    ####.#########
    ##############
    """
    # At tick 60 the wall beside the dreamer opens onto the shaft below it.
    world = scenario(picture, climax="blackout", glitches=[(60, {(1, 2): ".", (1, 3): ".", (1, 4): "."})])
    wake(world)
    assert world.tick < 60
    rule = world.climax
    before = rule.computed
    lent = world.fog_view().lent
    assert lent is not None and not lent[4, 1]
    play(world, [0] * (58 - world.tick))
    assert rule.computed == before  # nothing changed: nothing computed
    play(world, [0] * 4)
    assert world.terrain.tiles[4, 1] != 1
    assert rule.computed == before + 1
    lent = world.fog_view().lent
    assert lent is not None and lent[4, 1] and lent[3, 1]
    play(world, [0] * 20)
    assert rule.computed == before + 1


def test_without_the_climax_nothing_is_lent_and_sight_is_whole():
    world = scenario(SHAFT)
    wake(world)
    walk(world, "EEEEEEEE")
    view = world.fog_view()
    assert view.lent is None and view.eyes is None and not view.seen[6, 1]
    assert not events_of(play(world, [0] * 3), SightShared)


def test_blackout_is_deterministic_and_its_state_is_in_the_checksum():
    commands = [WAKE_BIT] * 60 + [2] * 40 + [0] * 20

    def run() -> list[dict]:
        world = scenario(SHAFT, climax="blackout")
        return [(world.step(c), world.checksums())[1] for c in commands]

    a, b = run(), run()
    assert a == b
    plain = scenario(SHAFT)
    sums = [(plain.step(c), plain.checksums())[1] for c in commands]
    # What was seen differs (the lent and the shrunk sight), and so does the climax's state.
    assert sums[-1]["player"] != a[-1]["player"] and sums[-1]["dreamers"] != a[-1]["dreamers"]


def test_the_fog_bot_wins_a_small_blackout():
    from dreamscape.bot.bot import Bot

    picture = """
    ####################
    #@.....#.....D.....#
    #.####.#.#####.###.#
    #.#D.......#.#...#.#
    #.#.####.###.#.#.#.#
    #...#D.....#...#..X#
    ####################
    """
    world = scenario(picture, climax="blackout")
    bot = Bot()
    radii = set()
    while not world.done and world.tick < 20_000:
        view = world.fog_view()
        radii.add(view.sight_radius)
        world.step(bot.command(view))
    assert world.outcome == "won"
    assert min(radii) == R.BLACKOUT_SIGHT and max(radii) == R.SIGHT


def test_chapter_four_is_a_blackout_and_its_world_starts_dark():
    from dreamscape.core.level import load_level_or_profile
    from dreamscape.gen import generate
    from dreamscape.sim.world import World

    spec = load_level_or_profile("ch4_network_crash")
    assert spec.climax == "blackout" and spec.trapped_dreamers == 8
    world = World(generate(spec))
    assert world.fog_view().sight_radius <= R.BLACKOUT_SIGHT
    assert isinstance(world.step(0)[0], LightsOut)
    assert np.count_nonzero(world.fog_view().seen) < 100
