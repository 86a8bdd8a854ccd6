"""The bots play the 'prison' climax (chapter 2) through their views: they walk round
doorways they cannot trust and paint a way through where it pays."""

from __future__ import annotations

from dreamscape.bot.bot import Bot
from dreamscape.bot.ground import DOORWAY_COST, Ground
from dreamscape.sim import rules as R
from dreamscape.sim.events import CarriedBack, Painted, Won
from scenario.asserting import expect, expect_none
from scenario.picture import scenario

#: Lila beside the start; Anya across the water, seen but a long walk round.
CANAL = """
################################
#@D............................#
#~~~~~~~~~~~~~~~~~~~~~~~~~~~~~.#
#..............................#
#..D...................X.......#
################################
"""

#: The doorway stands in the straight way to Anya; open floor all round it.
HALL = """
#################
#...............#
#@D.....1......D#
#...............#
#..............X#
#################
"""


def run(world, sight: str, limit: int = 20000) -> list:
    bot, events = Bot(), []
    while not world.done and world.tick < limit:
        view = world.fog_view() if sight == "fog" else world.view()
        events += world.step(bot.command(view))
    return events


def test_the_fog_bot_paints_across_the_water_when_the_way_round_is_too_long():
    step = R.MOVE_TICKS + 1
    # Long enough for the way across, far too short for the way round (about sixty steps more).
    limit = 2 * R.WAKE_TICKS + 40 * step
    world = scenario(CANAL, climax="prison", time_limit_ticks=limit)
    events = run(world, "fog")
    painted = expect(events, Painted)
    assert painted.y == 2
    expect(events, Won)


def test_without_the_climax_the_same_window_is_lost():
    step = R.MOVE_TICKS + 1
    world = scenario(CANAL, time_limit_ticks=2 * R.WAKE_TICKS + 40 * step)
    events = run(world, "fog")
    expect_none(events, Won)


def test_both_bots_walk_round_a_doorway_and_win():
    for sight in ("fog", "full"):
        world = scenario(HALL, climax="prison", marks=[(8, 2)])
        events = run(world, sight)
        expect_none(events, CarriedBack)
        expect(events, Won)


#: The doorway and the exit both in sight of the start.
PAIR = """
###########
#X.......1#
#.........#
#....@....#
#...D.D...#
###########
"""


def test_the_fog_bot_fears_every_doorway_and_the_full_bot_only_the_false():
    world = scenario(PAIR, climax="prison", marks=[(9, 1)])
    fog, whole = Ground(world.fog_view()), Ground(world.view())
    assert world.fog_view().doorways == ((1, 1), (9, 1))
    assert fog.cost[1, 9] > DOORWAY_COST and fog.cost[1, 1] > DOORWAY_COST
    assert whole.cost[1, 9] > DOORWAY_COST and whole.cost[1, 1] < DOORWAY_COST
