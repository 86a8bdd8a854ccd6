"""Scenario tests of the 'prison' climax (chapter 2): false doorways, Lila's paint, Anya's unmasking.

Stages are drawn with the scenario helper (tests/scenario/); doorways are
marks '1', '2'. Dreamers are numbered in reading order: the first is Lila
(the painter), the second Anya (who unmasks the doorways).
"""

from __future__ import annotations

from dreamscape.core import tiles as T
from dreamscape.core.climax import PAINTER, UNMASKER
from dreamscape.sim.commands import EAST, NORTH, SOUTH, USE_BIT, WAKE_BIT
from dreamscape.sim.events import Bumped, CarriedBack, Moved, PaintFailed, PaintGiven, Painted, Unmasked, Woke
from dreamscape.sim.prison import PAINT_CHARGES
from scenario.asserting import expect, expect_none
from scenario.picture import scenario
from scenario.running import hold, play, walk

#: Lila below the start, Anya at the far side; the doorway in open floor, the exit in the corner.
ROOM = """
##########
#@.......#
#..1.....#
#D......D#
#.......X#
##########
"""


def wake(world) -> list:
    return hold(world, WAKE_BIT, lambda tick: any(isinstance(e, Woke) for e in tick))


def prison(picture: str = ROOM, marks=("1",), **kw):
    return scenario(picture, climax="prison", marks=list(marks), **kw)


def test_a_masked_doorway_carries_the_player_back_to_the_start():
    world = prison()
    events = walk(world, "EES")
    carried = expect(events, CarriedBack)
    assert (carried.doorway, carried.x, carried.y) == (0, *world.ds.start)
    assert (world.player.x, world.player.y) == world.ds.start and not world.player.moving
    assert world.view().carried == 1


def test_a_doorway_held_through_carries_back_and_stops_the_step_under_way():
    world = prison()
    walk(world, "EE")
    # Holding south: the arrival on the doorway would start the next step at once.
    events = play(world, [SOUTH] * 12)
    expect(events, CarriedBack)
    assert (world.player.x, world.player.y) != (3, 3)


#: The doorway stands in the only way to Anya and the exit.
CORRIDOR = """
###########
#D@..1..DX#
###########
"""


def test_a_doorway_in_the_only_way_lets_the_player_pass():
    world = prison(CORRIDOR)
    events = walk(world, "EEE")
    expect_none(events, CarriedBack)
    assert (world.player.x, world.player.y) == (5, 1)
    walk(world, "EE")  # on beside Anya
    assert world.player.x == 7


def test_no_carry_back_once_the_start_is_cut_off():
    # A glitch walls the start in once the player has left it (nothing needs it): carrying back would strand them.
    world = prison(glitches=[(30, {(2, 1): "#", (1, 2): "#"})])
    walk(world, "EE")
    play(world, [0] * 30)
    assert world.terrain.tiles[1, 2] == T.WALL
    events = walk(world, "S")
    expect_none(events, CarriedBack)
    assert (world.player.x, world.player.y) == (3, 2)


def test_waking_anya_unmasks_the_doorways_and_the_exit_is_known_again():
    world = prison()
    walk(world, "S")
    wake(world)  # Lila
    assert not world.view().climax_resolved
    walk(world, "NEEEEEES")
    events = wake(world)  # Anya
    unmasked = expect(events, Unmasked)
    assert (unmasked.friend, unmasked.count) == (UNMASKER, 1)
    view = world.fog_view()
    assert view.climax_resolved and view.doorways == () and view.exit == world.exit
    assert [m.done for m in view.marks] == [True]
    # A husk is harmless.
    events = walk(world, "WWWW")
    expect_none(events, CarriedBack)
    assert (world.player.x, world.player.y) == (3, 2)


def test_one_dreamer_plays_both_parts():
    world = prison("#######\n#@D.1X#\n#.....#\n#######")
    events = wake(world)
    assert expect(events, PaintGiven).friend == PAINTER and expect(events, Unmasked).count == 1
    assert world.climax.paint == PAINT_CHARGES


#: The exit is round a bend, out of sight of the start.
BEND = """
##########
#@D......#
#######..#
#X.....1.#
##########
"""


def test_the_exit_does_not_hum_while_disguised_and_hums_once_unmasked():
    world = prison(BEND, marks=("1",), seed=1)
    play(world, [0] * 200)
    view = world.fog_view()
    assert not view.seen[3, 1]
    assert not any(c.is_exit for c in view.calls)
    world2 = scenario(BEND.replace("1", "."))  # the same place without the climax hums
    play(world2, [0] * 200)
    assert any(c.is_exit for c in world2.fog_view().calls)


#: Two mirror images: the doorway and the exit trade places.
LEFT = """
###########
#X.......1#
#.........#
#....@....#
#...D.D...#
###########
"""
RIGHT = LEFT.replace("X", "x").replace("1", "X").replace("x", "1")


def test_the_fog_view_cannot_tell_the_exit_from_a_doorway():
    a, b = prison(LEFT), prison(RIGHT)
    fa, fb = a.fog_view(), b.fog_view()
    assert a.exit != b.exit
    assert fa.doorways == fb.doorways == ((1, 1), (9, 1))
    assert fa.exit is None and fb.exit is None
    assert fa.marks == fb.marks == ()
    assert fa.calls == fb.calls
    assert (fa.tiles == fb.tiles).all()
    # The whole view knows which is which.
    assert a.view().exit == (1, 1) and b.view().exit == (9, 1)
    assert [m.pos for m in a.view().marks] == [(9, 1)]


#: Lila beside the start; a wall to the south, water to the east, the border to the north.
STUDIO = """
#########
#D@~....#
#.#.....#
#.......#
#.....D.#
#......X#
#########
"""


def test_no_paint_before_lila_wakes():
    world = prison(STUDIO, marks=())
    events = play(world, [EAST, USE_BIT])
    failed = expect(events, PaintFailed)
    assert (failed.x, failed.y, failed.left) == (3, 1, 0)
    assert world.terrain.tiles[1, 3] == T.WATER


def test_paint_opens_the_wall_faced_and_a_gap_of_water():
    world = prison(STUDIO, marks=())
    events = wake(world)
    assert expect(events, PaintGiven).charges == PAINT_CHARGES
    version = world.terrain.version
    events = play(world, [SOUTH, 0, USE_BIT])  # bump the wall below, then use
    expect(events, Bumped)
    painted = expect(events, Painted)
    assert (painted.x, painted.y, painted.left) == (2, 2, PAINT_CHARGES - 1)
    assert world.terrain.tiles[2, 2] == T.FLOOR and world.terrain.version > version
    assert world.view().tiles[2, 2] == T.FLOOR and world.view().step_cost[2, 2] > 0
    events = play(world, [EAST | USE_BIT] + [0] * 12)  # face, paint and step in one press
    assert expect(events, Painted).left == PAINT_CHARGES - 2
    assert world.terrain.tiles[1, 3] == T.BRIDGE
    assert expect(events, Moved).x == 3
    assert world.view().painted == ((2, 2), (3, 1)) and world.view().paint == PAINT_CHARGES - 2


def test_paint_never_opens_the_border_nor_floor():
    world = prison(STUDIO, marks=())
    wake(world)
    events = play(world, [NORTH, 0, USE_BIT])
    failed = expect(events, PaintFailed)
    assert (failed.x, failed.y, failed.left) == (2, 0, PAINT_CHARGES)
    assert world.terrain.tiles[0, 2] == T.WALL
    assert world.climax.paint == PAINT_CHARGES
    fresh = prison(STUDIO, marks=())
    wake(fresh)  # no direction pressed yet: the player faces their own tile, floor
    failed = expect(play(fresh, [USE_BIT]), PaintFailed)
    assert (failed.x, failed.y) == (2, 1) and fresh.climax.paint == PAINT_CHARGES


def test_paint_runs_out():
    picture = """
    #########
    #D@.....#
    #########
    #########
    #########
    #########
    #..D...X#
    #########
    """
    world = prison(picture, marks=())
    wake(world)
    walk(world, "E")
    left = []
    for _ in range(PAINT_CHARGES + 1):
        events = play(world, [SOUTH, 0, USE_BIT] + [SOUTH] * 12)
        left.append(expect(events, PaintFailed if len(left) == PAINT_CHARGES else Painted).left)
    assert left == [2, 1, 0, 0]
    assert (world.player.x, world.player.y) == (3, 4) and world.terrain.tiles[5, 3] == T.WALL


def test_the_same_play_gives_the_same_checksums_and_paint_is_in_them():
    commands = [WAKE_BIT] * 200 + [SOUTH, 0, USE_BIT] + [SOUTH] * 40 + [EAST] * 60

    def run(cmds):
        world = prison(STUDIO, marks=())
        play(world, cmds)
        return world

    a, b = run(commands), run(commands)
    assert a.checksums() == b.checksums()
    plain = run([c & ~USE_BIT for c in commands])
    assert plain.checksums()["map"] != a.checksums()["map"]
    assert plain.checksums()["dreamers"] != a.checksums()["dreamers"]
