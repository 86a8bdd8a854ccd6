"""Scenario tests: every rule of the simulation, on small ASCII worlds.

Each test draws a stage with the `scenario` helper (tests/scenario/),
steps it and asserts on typed events, positions and state. Tests marked
xfail(strict) show a rule that the simulation gets wrong today; each reason
says how.
"""

from __future__ import annotations

from collections import deque
from itertools import pairwise

import pytest

from dreamscape.core import tiles as T
from dreamscape.sim import rules as R
from dreamscape.sim.actors import HUNT, WANDER
from dreamscape.sim.commands import EAST, NORTH, SOUTH, WAKE_BIT, WEST
from dreamscape.sim.events import (
    Bumped,
    Caught,
    Gift,
    Glitched,
    GlitchHeld,
    LossReason,
    Lost,
    LostTrail,
    Moved,
    Noticed,
    ShardTaken,
    ThroughPortal,
    WakeInterrupted,
    WakeProgress,
    Woke,
    Won,
)
from scenario.asserting import events_of, expect, expect_none
from scenario.looking import draw, haunt_at, position, tile_at
from scenario.picture import glitch, scenario
from scenario.rows import locate
from scenario.running import hold, parse_commands, play, walk

WAIT = 0


def corridor(row: str) -> str:
    """A one-row picture walled above and below, so its tiles have y = 1."""
    return "\n".join(("#" * len(row), row, "#" * len(row)))


def wait(world, ticks: int):
    return play(world, [WAIT] * ticks)


def step_duration(world, direction: int) -> int:
    """Ticks from issuing a move to the 'moved' event."""
    start = world.tick
    # Press until the step starts, then let go (a direction held on arrival
    # would start the next step at once).
    events = hold(world, direction, lambda tick: world.player.moving or any(isinstance(e, Bumped) for e in tick))
    expect_none(events, Bumped)
    events += hold(world, 0, lambda tick: any(isinstance(e, Moved) for e in tick))
    return expect(events, Moved).tick - start


def walking_distance(world, goal: tuple[int, int]) -> dict[tuple[int, int], int]:
    """Breadth-first walking distance to `goal` over the ground as it stands."""
    walkable = world.terrain.walkable()
    h, w = walkable.shape
    dist = {goal: 0}
    queue = deque([goal])
    while queue:
        x, y = queue.popleft()
        for dx, dy in ((0, -1), (1, 0), (0, 1), (-1, 0)):
            n = (x + dx, y + dy)
            if 0 <= n[0] < w and 0 <= n[1] < h and walkable[n[1], n[0]] and n not in dist:
                dist[n] = dist[(x, y)] + 1
                queue.append(n)
    return dist


def sees(world, index: int = 0) -> bool:
    """Does manifestation `index` see the player (in sight and within its notice)?"""
    h, p = world.haunts[index], world.player
    kind = R.KINDS.get(h.kind, R.DEFAULT_KIND)
    return bool(world.sight.visible[h.y, h.x]) and max(abs(h.x - p.x), abs(h.y - p.y)) <= kind.notice


# -- the helper itself ---------------------------------------------------------


def test_picture_builds_the_world_it_shows():
    picture = """
        #########
        #@.D*LM.#
        #"~:=,+X#
        #^>v<..1#
        #########
    """
    world = scenario(picture)
    assert position(world) == (1, 1)
    assert world.exit == (7, 2)
    assert world.dreamers == [(3, 1)]
    assert [(h.kind, h.x, h.y) for h in world.haunts] == [("echo", 6, 1)]
    assert list(world.shard_at) == [(4, 1)]
    assert [e.type for e in world.ds.lures] == ["spotlight"]
    assert locate(picture, "1") == (7, 3)
    assert "".join(tile_at(world, x, 2) for x in range(9)) == '#"~:=,+.#'
    assert "".join(tile_at(world, x, 3) for x in range(9)) == "#^>v<...#"
    assert tile_at(world, 7, 3) == "." and tile_at(world, 1, 1) == "."
    assert draw(world).splitlines()[1] == "#@.D*.M.#"


def test_command_strings():
    assert parse_commands("N E*2 S W wait . wake Z E+wake") == [NORTH, EAST, EAST, SOUTH, WEST, 0, 0, WAKE_BIT, WAKE_BIT, EAST | WAKE_BIT]
    with pytest.raises(ValueError):
        parse_commands("E+W")
    with pytest.raises(ValueError):
        parse_commands("jump")


def test_bad_pictures_are_refused():
    with pytest.raises(ValueError, match="width"):
        scenario("#@#\n##")
    with pytest.raises(ValueError, match="@"):
        scenario("#..#")
    with pytest.raises(ValueError, match="unknown"):
        scenario("#@?#")
    with pytest.raises(ValueError, match="pair"):
        scenario("#@P#")
    with pytest.raises(ValueError, match="kind"):
        scenario("#@#", kinds={"X": "fade"})


def test_walk_refuses_a_wall_and_the_docstring_examples_hold():
    import doctest

    import scenario as package
    from scenario import asserting, looking, picture, rows, running

    with pytest.raises(AssertionError, match="bumped"):
        walk(scenario(corridor("#@#")), "E")
    results = [doctest.testmod(module) for module in (package, asserting, looking, picture, rows, running)]
    assert sum(r.attempted for r in results) >= 5 and not any(r.failed for r in results)


def test_exact_time_limit_and_kinds():
    world = scenario("#@.f#", time_limit_ticks=47, kinds={"f": "fade"})
    assert world.time_left == 47
    assert world.haunts[0].kind == "fade"


# -- movement -------------------------------------------------------------------


def test_a_move_takes_move_ticks_and_the_player_is_between_tiles_meanwhile():
    world = scenario(corridor("#@...#"))
    assert world.step(EAST) == []
    assert world.player.moving and position(world) == (1, 1)
    events = wait(world, R.MOVE_TICKS - 1)
    assert events == [] and world.player.moving
    events = wait(world, 1)
    assert events == [Moved(R.MOVE_TICKS, 2, 1)]
    assert position(world) == (2, 1) and not world.player.moving


def test_commands_during_a_move_are_ignored():
    world = scenario("###\n#.#\n#@.\n###")
    play(world, [EAST] + [NORTH] * (R.MOVE_TICKS - 1) + [WEST])
    assert position(world) == (2, 2)


def test_holding_a_direction_covers_a_tile_every_move_ticks():
    world = scenario(corridor("#@" + "." * 12 + "#"))
    events = play(world, [EAST] * (10 * R.MOVE_TICKS + 1))
    # The first step starts on tick 0; each arrival starts the next at once.
    assert [e.tick for e in events_of(events, Moved)] == [R.MOVE_TICKS * k for k in range(1, 11)]
    assert position(world) == (11, 1)


def test_walls_block_with_one_bump_while_held():
    world = scenario("####\n#@.#\n####")
    events = play(world, [NORTH] * 20)
    assert events == [Bumped(0, 1, 0)]
    assert position(world) == (1, 1) and not world.player.moving
    events = play(world, [WEST])
    assert [(type(e), e.x, e.y) for e in events] == [(Bumped, 0, 1)]


def test_the_edge_of_the_map_blocks():
    world = scenario("@.")
    events = play(world, "W N S")
    assert [type(e) for e in events] == [Bumped] * 3
    assert position(world) == (0, 0)


def test_gardens_slow_the_step_onto_them():
    world = scenario('#@"".#')
    assert step_duration(world, EAST) == R.GARDEN_MOVE_TICKS
    assert step_duration(world, EAST) == R.GARDEN_MOVE_TICKS
    assert step_duration(world, EAST) == R.MOVE_TICKS  # off the garden: the destination decides


def test_lures_slow_steps_within_their_radius():
    world = scenario("#@...L..#")  # the lure at x=5, radius 2: x=3..7 are slow
    assert step_duration(world, EAST) == R.MOVE_TICKS  # onto x=2, three away
    assert step_duration(world, EAST) == R.MOVE_TICKS + R.LURE_SLOW_TICKS  # onto x=3
    assert step_duration(world, EAST) == R.MOVE_TICKS + R.LURE_SLOW_TICKS  # onto x=4
    assert step_duration(world, EAST) == R.MOVE_TICKS + R.LURE_SLOW_TICKS  # onto the lure


# -- doors and one-ways -------------------------------------------------------------


def test_doors_open_and_shut_on_their_rhythm():
    world = scenario(corridor("#@+.#"))  # the door at (2, 1): x + y odd, so shut in the first period
    events = play(world, [EAST] * 10)
    assert events_of(events, Bumped, x=2, y=1) and position(world) == (1, 1)
    wait(world, R.DOOR_PERIOD - world.tick)  # the second period: open
    assert world.tick == R.DOOR_PERIOD
    walk(world, "EE")
    assert position(world) == (3, 1)
    wait(world, 2 * R.DOOR_PERIOD - world.tick)  # the third period: shut again
    events = play(world, [WEST] * 10)
    assert events_of(events, Bumped, x=2, y=1) and position(world) == (3, 1)
    wait(world, 3 * R.DOOR_PERIOD - world.tick)
    walk(world, "W")
    assert position(world) == (2, 1)


def test_neighbouring_doors_are_out_of_step():
    world = scenario("#@++.#")
    for tick in range(0, 4 * R.DOOR_PERIOD, R.DOOR_PERIOD // 2):
        first, second = world.terrain.door_open(2, 1, tick), world.terrain.door_open(3, 1, tick)
        assert first != second
        assert world.terrain.door_open(2, 1, tick) != world.terrain.door_open(2, 1, tick + R.DOOR_PERIOD)


ONEWAYS = {
    ">": ("#@>.#", "EE", "W"),
    "<": ("#.<@#", "WW", "E"),
    "v": ("###\n#@#\n#v#\n#.#\n###", "SS", "N"),
    "^": ("###\n#.#\n#^#\n#@#\n###", "NN", "S"),
}


@pytest.mark.parametrize("arrow", ONEWAYS)
def test_one_way_passages_allow_only_their_direction(arrow):
    picture, forward, back = ONEWAYS[arrow]
    world = scenario(picture)
    start = position(world)
    walk(world, forward)  # onto the arrow and off it again
    after = position(world)
    assert abs(after[0] - start[0]) + abs(after[1] - start[1]) == 2
    events = play(world, f"{back}*10")  # back onto the arrow: refused
    assert [type(e) for e in events] == [Bumped]
    assert position(world) == after


def test_a_one_way_tile_cannot_be_left_sideways():
    world = scenario(
        """
        #####
        ##.##
        #@>.#
        ##.##
        #####
        """
    )
    walk(world, "E")
    events = play(world, "N*5 S*5")
    assert [(type(e), e.x, e.y) for e in events] == [(Bumped, 2, 1), (Bumped, 2, 3)]
    walk(world, "E")
    assert position(world) == (3, 2)


# -- field of view ---------------------------------------------------------------


def test_a_tile_behind_a_wall_is_not_visible():
    world = scenario("#########\n#@..#...#\n#########")
    visible = world.sight.visible
    assert visible[1, 3] and visible[1, 4]  # the floor before the wall, and the wall itself
    assert not visible[1, 5] and not world.sight.seen[1, 5]


def test_seen_tiles_are_remembered_after_moving_away():
    world = scenario(
        """
        #######
        #@....#
        #####.#
        #####.#
        #####.#
        #######
        """
    )
    assert world.sight.visible[1, 1] and world.sight.visible[1, 2]
    assert not world.sight.seen[4, 5]
    walk(world, "EEEESSS")
    assert position(world) == (5, 4)
    assert not world.sight.visible[1, 1] and not world.sight.visible[1, 2]
    assert world.sight.seen[1, 1] and world.sight.seen[1, 2]
    assert world.sight.visible[4, 5] and world.sight.seen[4, 5]


def test_sight_shrinks_in_a_hollow_region():
    corridor = "#@" + "." * 14 + "#"
    lit, dark = scenario(corridor), scenario(corridor, dark=[0])
    assert lit.sight.visible[0, 1 + 5]
    assert not dark.sight.visible[0, 1 + 5]
    assert dark.sight.visible[0, 1 + 2]
    assert not lit.sight.visible[0, 1 + R.SIGHT + 1]
    assert lit.sight.visible.sum() > dark.sight.visible.sum()


def test_sight_follows_the_region_of_the_players_tile():
    world = scenario("#@" + "." * 14 + "#", dark=[(1, 0), (2, 0)])
    assert not world.sight.visible[0, 1 + 5]
    walk(world, "EE")  # out of the hollow at x=3
    assert world.sight.visible[0, 3 + 5]


@pytest.mark.parametrize("hollow", [False, True], ids=["maze", "hollow"])
def test_the_sight_radius_reaches_its_full_length(hollow):
    radius = R.DARK_SIGHT if hollow else R.SIGHT
    world = scenario("#@" + "." * 14 + "#", dark=[0] if hollow else [])
    assert world.sight.visible[0, 1 + radius]


# -- waking -----------------------------------------------------------------------


def test_holding_wake_beside_a_dreamer_wakes_it():
    world = scenario("#D@.#")
    events = play(world, [WAKE_BIT] * (R.WAKE_TICKS - 1))
    expect_none(events, Woke)
    assert world.awake == [False]
    assert [e.held for e in events_of(events, WakeProgress, dreamer=0)] == list(range(15, R.WAKE_TICKS, 15))
    events = play(world, [WAKE_BIT])
    assert expect(events, Woke, dreamer=0).tick == R.WAKE_TICKS - 1
    assert world.awake == [True]
    events = play(world, [WAKE_BIT] * 100)  # an awake dreamer needs no more waking
    assert events == [] and world.player.wake_progress == 0


def test_waking_works_diagonally_but_not_from_two_tiles_away():
    diagonal = scenario("####\n#D.#\n#.@#\n####")
    expect(play(diagonal, [WAKE_BIT] * R.WAKE_TICKS), Woke, dreamer=0)
    far = scenario("#D.@#")
    assert play(far, [WAKE_BIT] * 2 * R.WAKE_TICKS) == []
    assert far.awake == [False] and far.player.wake_progress == 0


def test_releasing_wake_early_resets_progress():
    world = scenario("#D@.#")
    events = play(world, [WAKE_BIT] * 30 + [WAIT] + [WAKE_BIT] * (R.WAKE_TICKS - 1))
    assert expect(events, WakeInterrupted, dreamer=0).tick == 30
    expect_none(events, Woke)
    assert world.awake == [False]
    assert expect(play(world, [WAKE_BIT]), Woke, dreamer=0)


def test_moving_resets_waking():
    world = scenario("####\n#D@#\n#..#\n####")
    events = play(world, [WAKE_BIT] * 30)
    events += walk(world, "S")  # still beside the dreamer, diagonally
    assert expect(events, WakeInterrupted, dreamer=0).tick == 30
    assert world.player.wake_progress == 0
    events = play(world, [WAKE_BIT] * (R.WAKE_TICKS - 1))
    expect_none(events, Woke)
    expect(play(world, [WAKE_BIT]), Woke, dreamer=0)


def test_a_bump_also_resets_waking():
    world = scenario("####\n#D@#\n####")
    play(world, [WAKE_BIT] * 30)
    events = play(world, [NORTH])
    assert [type(e) for e in events] == [WakeInterrupted, Bumped]
    assert world.player.wake_progress == 0


def test_being_caught_interrupts_waking():
    world = scenario(corridor("#D@.M.#"))
    events = play(world, [WAKE_BIT] * 2 * R.WAKE_TICKS)
    caught = expect(events, Caught, haunt=0)
    assert caught.tick < R.WAKE_TICKS - 1  # caught before the waking could finish
    assert expect(events, WakeInterrupted, dreamer=0).tick == caught.tick
    # Progress starts again from nothing after the touch.
    assert expect(events, Woke, dreamer=0).tick == caught.tick + R.WAKE_TICKS


# -- manifestations ------------------------------------------------------------------

SEALED_PLAYER_ROOM = """
    #####################
    #...................#
    #.#######.#########.#
    #.#.....#.#.......#.#
    #.#.....M.#.......#.#
    #.#.....#.#.......#.#
    #.#######.#########.#
    #...................#
    #####################
    #@###################
    #####################
"""


def test_wandering_is_deterministic_for_a_seed():
    a, b, other = (scenario(SEALED_PLAYER_ROOM, seed=s) for s in (7, 7, 8))
    trail_a, trail_other = [], []
    for _ in range(400):
        a.step(WAIT), b.step(WAIT), other.step(WAIT)
        assert a.checksums() == b.checksums()
        trail_a.append(haunt_at(a))
        trail_other.append(haunt_at(other))
    assert len(set(trail_a)) > 5  # it really wanders
    assert a.haunts[0].state == WANDER
    assert trail_a != trail_other  # and another seed wanders elsewhere


def test_wanderers_keep_going_rather_than_turn_back():
    world = scenario("#" * 21 + "\n#" + "." * 9 + "M" + "." * 9 + "#\n" + "#" * 21 + "\n#@" + "#" * 19 + "\n" + "#" * 21)
    xs = [haunt_at(world)[0]]
    for _ in range(200):
        world.step(WAIT)
        if haunt_at(world)[0] != xs[-1]:
            xs.append(haunt_at(world)[0])
    end = min(i for i, x in enumerate(xs) if x in (1, 19))  # first reaching a dead end
    steps = [b - a for a, b in pairwise(xs[: end + 1])]
    assert len(steps) == 9 and len(set(steps)) == 1  # straight to one end, no dithering


def test_noticing_needs_sight_and_nearness():
    hidden = scenario("#########\n#@..#..M#\n#########")  # two tiles beyond a wall
    far = scenario("#@" + "." * 6 + "M#")  # in sight, 7 tiles off: beyond an echo's notice of 6
    near = scenario("#@" + "." * 5 + "M#")  # in sight, 6 tiles off
    expect_none(play(hidden, [WAIT] * 5), Noticed)
    assert far.sight.visible[haunt_at(far)[1], haunt_at(far)[0]]
    expect_none(play(far, [WAIT] * 5), Noticed)
    assert expect(play(near, [WAIT]), Noticed, haunt=0).tick == 0
    assert near.haunts[0].state == HUNT


HUNT_ROUND_THE_CORNER = """
    ######
    #@...#
    #~##.#
    #M...#
    ######
"""


def test_hunters_approach_along_the_distance_field():
    world = scenario(HUNT_ROUND_THE_CORNER)  # it sees the player through the water, but must walk round
    dist = walking_distance(world, position(world))
    assert dist[haunt_at(world)] == 8
    steps = [dist[haunt_at(world)]]
    events = []
    while not events_of(events, Caught):
        events += world.step(WAIT)
        here = dist[haunt_at(world)]
        if here != steps[-1]:
            steps.append(here)
        assert world.tick < 200, draw(world)
    assert expect(events, Noticed, haunt=0).tick == 0
    assert steps == list(range(8, 0, -1))  # every step a tile closer (the touch comes on the last step)


def test_a_hunters_first_step_after_noticing_goes_towards_the_player():
    for seed in range(8):
        world = scenario("#" * 11 + "\n#@.....M..#\n" + "#" * 11, seed=seed)
        expect(world.step(WAIT), Noticed, haunt=0)
        assert world.haunts[0].tx == 6, f"seed {seed}: stepped to x={world.haunts[0].tx}, away from the player"


LOSE_TRAIL_POCKET = """
    #########
    #M~.@...#
    ####.####
    ####.####
    ####.####
    #########
"""


def test_hunters_lose_the_trail_after_lose_trail_ticks_out_of_sight():
    world = scenario(LOSE_TRAIL_POCKET)  # the echo watches through water but can never reach the player
    events = wait(world, R.LOSE_TRAIL + 60)  # in sight all along: the trail stays warm
    expect(events, Noticed, haunt=0)
    expect_none(events, LostTrail)
    assert world.haunts[0].state == HUNT
    last_seen = world.tick - 1
    assert sees(world)
    events = []
    while world.haunts[0].state == HUNT:
        tick = world.tick
        events += world.step(SOUTH if position(world)[1] < 4 else WAIT)  # round the corner, out of sight
        if sees(world):
            last_seen = tick
        assert world.tick < 1000, draw(world)
    lost = expect(events, LostTrail, haunt=0)
    assert position(world) == (4, 4)
    assert lost.tick - last_seen == R.LOSE_TRAIL
    assert world.haunts[0].state == WANDER


def test_watchers_never_move_and_call_hunters_nearby():
    world = scenario(
        """
        ##########################
        #@..W.........############
        #############.############
        #M............#########M##
        ##########################
        """
    )
    watcher = haunt_at(world, 0)
    events = world.step(WAIT)
    # The watcher notices and calls the echo 3 tiles off; the one 19 tiles off is beyond CALL_RADIUS.
    assert [(type(e), e.haunt) for e in events] == [(Noticed, 0), (Noticed, 1)]
    assert [h.state for h in world.haunts] == [HUNT, HUNT, WANDER]
    assert not sees(world, 1)  # the echo never saw the player: it was called
    dist = walking_distance(world, position(world))
    start = dist[haunt_at(world, 1)]
    events += wait(world, 80)
    assert haunt_at(world, 0) == watcher
    assert dist[haunt_at(world, 1)] <= start - 5  # the called echo comes along the field
    expect_none(events, Noticed, haunt=2)


def test_a_wandering_warden_turns_back_at_its_leash():
    world = scenario("#" * 31 + "\n#" + "." * 14 + "H" + "." * 14 + "#\n" + "#" * 31 + "\n#@" + "#" * 29 + "\n" + "#" * 31)
    leash = R.KINDS["warden"].leash
    home = haunt_at(world)
    reach = []
    for _ in range(600):
        world.step(WAIT)
        reach.append(abs(haunt_at(world)[0] - home[0]))
    assert max(reach) >= leash  # it roams out to the leash...
    assert max(reach) <= leash + 1  # ...turns back once past it (never two beyond)


def test_a_hunting_warden_stays_leashed():
    world = scenario("#" * 40 + "\n#H.@" + "." * 35 + "#\n" + "#" * 40)
    home = haunt_at(world)
    leash = R.KINDS["warden"].leash
    farthest = 0
    for _ in range(400):
        world.step(EAST)
        farthest = max(farthest, abs(haunt_at(world)[0] - home[0]) + abs(haunt_at(world)[1] - home[1]))
    assert farthest <= leash + 1


def test_shadows_always_hunt_without_seeing():
    world = scenario(
        """
        ###########
        #@#.......#
        #.#.#####.#
        #.#.#S....#
        #.#.#######
        #...#######
        ###########
        """
    )
    assert not sees(world)
    dist = walking_distance(world, position(world))
    steps = [dist[haunt_at(world)]]
    events = []
    while not events_of(events, Caught):
        tick = world.step(WAIT)
        events += tick
        if dist[haunt_at(world)] != steps[-1]:
            steps.append(dist[haunt_at(world)])
        assert world.haunts[0].state == HUNT or events_of(tick, Caught)
        assert world.tick < 400, draw(world)
    expect_none(events, Noticed)
    expect_none(events, LostTrail)
    assert world.tick > R.LOSE_TRAIL  # hunted longer than any trail lasts
    assert steps == list(range(steps[0], 0, -1))


@pytest.mark.parametrize("kind", ["echo", "shadow", "storm", "watcher", "warden"])
def test_a_touch_drains_the_kinds_lucidity_and_stuns(kind):
    world = scenario("#@k.#", kinds={"k": kind})
    drain = R.KINDS[kind].drain
    events = world.step(EAST)  # the player steps onto it
    caught = expect(events, Caught, haunt=0)
    assert (caught.tick, caught.lucidity_left) == (0, R.LUCIDITY_MAX - drain)
    assert world.player.lucidity == R.LUCIDITY_MAX - drain
    h = world.haunts[0]
    fade = R.KINDS[kind].fade
    assert h.stun == fade and h.state == WANDER
    events = wait(world, fade)
    expect_none(events, Caught)  # faded: it drifts off and touches no one, however close
    assert world.haunts[0].stun == 0
    events = wait(world, 60)
    expect(events, Caught, haunt=0)  # the player is still there: touched again once it is back
    assert world.player.lucidity == max(0, R.LUCIDITY_MAX - 2 * drain)


def test_after_a_touch_a_second_touch_within_the_grace_drains_nothing():
    # Two manifestations side by side: the second reaches the player right after the first.
    world = scenario("#@kk#", kinds={"k": "echo"})
    drain = R.KINDS["echo"].drain
    events = world.step(EAST)
    expect(events, Caught, haunt=0)
    assert world.player.grace == R.CATCH_GRACE
    events = wait(world, R.CATCH_GRACE - 1)
    expect_none(events, Caught)  # the second one is right there, yet nothing drains
    assert world.player.lucidity == R.LUCIDITY_MAX - drain
    events = wait(world, 60)
    second = expect(events, Caught, haunt=1)  # once the grace is over, it touches
    assert second.tick >= R.CATCH_GRACE
    assert world.player.lucidity == R.LUCIDITY_MAX - 2 * drain


def test_lucidity_at_zero_loses():
    world = scenario("#@.M..#", lucidity=R.DEFAULT_KIND.drain)
    events = wait(world, 60)
    caught = expect(events, Caught, haunt=0)
    assert caught.lucidity_left == 0 and world.player.lucidity == 0
    lost = expect(events, Lost, reason=LossReason.LUCIDITY_FAILED)
    assert lost.tick == caught.tick
    assert world.outcome == "lost_lucidity" and world.done
    expect_none(events, Lost, reason=LossReason.WINDOW_CLOSED)


# -- portals ------------------------------------------------------------------------


def test_two_way_portals_carry_both_ways_without_bouncing_back():
    world = scenario(corridor("#@P#Q.#"))
    events = walk(world, "E")
    assert [type(e) for e in events] == [Moved, ThroughPortal]
    assert (events[0].x, events[0].y, events[1].portal, events[1].dream_loop) == (2, 1, 0, False)
    assert position(world) == (4, 1)
    assert wait(world, 30) == [] and position(world) == (4, 1)  # standing on Q does not send you back
    walk(world, "E")
    events = walk(world, "W")
    expect(events, ThroughPortal, portal=0, dream_loop=False)
    assert position(world) == (2, 1)


def test_dream_loops_are_one_way():
    world = scenario(corridor("#@O#o.#"))
    events = walk(world, "E")
    expect(events, ThroughPortal, portal=0, dream_loop=True)
    assert position(world) == (4, 1)
    events = walk(world, "E") + walk(world, "W")  # back onto the loop's far end
    expect_none(events, ThroughPortal)
    assert position(world) == (4, 1)


def test_portals_given_as_tuples():
    world = scenario(corridor("#@1#2.#"), portals=[((2, 1), (4, 1), "dream_loop")])
    expect(walk(world, "E"), ThroughPortal, portal=0, dream_loop=True)
    assert position(world) == (4, 1)


# -- memory shards -----------------------------------------------------------------------


def test_shards_restore_lucidity_up_to_the_maximum():
    world = scenario(corridor("#@**.#"), lucidity=50)
    events = walk(world, "E")
    assert expect(events, ShardTaken, shard=0, gift=Gift.LUCIDITY).tick == R.MOVE_TICKS
    assert world.player.lucidity == 50 + R.SHARD_LUCIDITY
    walk(world, "E")
    assert world.player.lucidity == R.LUCIDITY_MAX  # capped
    assert world.player.shards == 2 and world.taken == [True, True]
    expect_none(walk(world, "WW"), ShardTaken)  # taken shards are gone


def test_a_shard_at_full_lucidity_adds_time():
    world = scenario(corridor("#@*.#"), time_limit_ticks=300)
    events = walk(world, "E")
    expect(events, ShardTaken, shard=0, gift=Gift.TIME)
    assert world.player.lucidity == R.LUCIDITY_MAX
    assert world.time_left == 300 + R.SHARD_TIME - world.tick


# -- glitches ---------------------------------------------------------------------


def test_glitches_fire_on_their_tick_and_change_tiles():
    world = scenario(corridor("#@...#"), glitches=[glitch(5, {(3, 1): "#", (4, 1): '"'})])
    events = wait(world, 5)
    expect_none(events, Glitched)
    assert tile_at(world, 3, 1) == "."
    events = wait(world, 1)
    assert events == [Glitched(5, 0, 2)]
    assert tile_at(world, 3, 1) == "#" and tile_at(world, 4, 1) == '"'
    walk(world, "E")
    assert [type(e) for e in play(world, "E")] == [Bumped]


def test_a_glitch_waits_for_the_player_to_leave_their_tile():
    world = scenario(corridor("#@..#"), glitches=[glitch(3, {(1, 1): "#"})])
    events = wait(world, 30)
    assert events == [Glitched(3, 0, 0)]  # deferred: nothing changed now
    assert tile_at(world, 1, 1) == "."
    world.step(EAST)
    wait(world, R.MOVE_TICKS - 1)
    assert tile_at(world, 1, 1) == "."  # still mid-step off it
    wait(world, 1)
    assert position(world) == (2, 1) and tile_at(world, 1, 1) == "."
    wait(world, 1)  # the tick after arrival, it changes
    assert tile_at(world, 1, 1) == "#"
    assert [type(e) for e in play(world, "W")] == [Bumped]


def test_a_glitch_waits_for_the_tile_the_player_is_stepping_onto():
    world = scenario(corridor("#@..#"), glitches=[glitch(2, {(2, 1): "~"})])
    world.step(EAST)
    wait(world, 20)
    assert position(world) == (2, 1) and tile_at(world, 2, 1) == "."
    walk(world, "E")
    wait(world, 1)
    assert tile_at(world, 2, 1) == "~"


def test_a_glitch_waits_for_a_manifestation_to_leave():
    picture = "#" * 13 + "\n#....M......#\n" + "#" * 13 + "\n#@" + "#" * 11 + "\n" + "#" * 13
    world = scenario(picture, glitches=[glitch(0, {(5, 1): ":"})])
    events = world.step(WAIT)
    assert [(type(e), e.changed) for e in events] == [(Glitched, 0)]
    while haunt_at(world) == (5, 1):  # standing there, or stepping off it
        assert tile_at(world, 5, 1) == "."
        world.step(WAIT)
        assert world.tick < 100
    world.step(WAIT)
    assert tile_at(world, 5, 1) == ":"


def test_a_glitch_never_takes_a_dreamers_ground():
    world = scenario(corridor("#@D..#"), glitches=[glitch(1, {(2, 1): "#", (3, 1): "#"})])
    events = play(world, [WAKE_BIT] * R.WAKE_TICKS + [WAIT] * 100)
    expect(events, Woke, dreamer=0)
    assert tile_at(world, 2, 1) == "."  # still there, awake or not
    assert tile_at(world, 3, 1) == "#"


def test_a_glitch_that_opens_a_portal_makes_it_usable():
    portal = ((2, 1), (4, 1), "fold")
    world = scenario(corridor("#@1#2.#"), glitches=[glitch(40, {}, portals=[portal], kind="fold")])
    events = walk(world, "E")
    expect_none(events, ThroughPortal)
    assert position(world) == (2, 1)
    walk(world, "W")
    wait(world, 40 - world.tick)
    expect(wait(world, 1), Glitched, glitch=0)
    events = walk(world, "E")
    expect(events, ThroughPortal, portal=0, dream_loop=False)
    assert position(world) == (4, 1)
    walk(world, "E")
    expect(walk(world, "W"), ThroughPortal, portal=0, dream_loop=False)  # a fold is two-way
    assert position(world) == (2, 1)


# -- no glitch shuts the player in ----------------------------------------------------

#: A side room (row 3) whose doorway at (3, 4) a glitch walls up; the way round
#: by the left-hand corridor then runs only through whatever stands at (7, 2).
SIDE_ROOM = """
    #########
    #D.....X#
    #.#####{way}#
    #.#@....#
    #.#.#####
    #...#####
    #########
"""
DOORWAY = (3, 4)


def side_room(way: str, *glitches, **kw):
    return scenario(SIDE_ROOM.format(way=way), glitches=glitches or [glitch(3, {DOORWAY: "#"}, kind="close")], **kw)


def test_a_glitch_that_would_shut_the_player_in_waits_until_they_leave():
    world = side_room("#")
    events = wait(world, 40)
    assert events == [GlitchHeld(3, 0)]  # once, not every tick
    assert tile_at(world, *DOORWAY) == "." and world.terrain.next_glitch == 0
    walk(world, "E")  # about the room: still shut in if it fired
    walk(world, "W")
    assert world.terrain.next_glitch == 0
    events = walk(world, "S")  # into the doorway: from there both sides are open
    assert [(e.glitch, e.changed) for e in events_of(events, Glitched)] == [(0, 0)]  # under the player: deferred
    walk(world, "S")
    wait(world, 1)
    assert tile_at(world, *DOORWAY) == "#"
    assert [type(e) for e in play(world, "N")] == [Bumped]


def test_a_deferred_change_waits_too_while_it_would_shut_the_player_in():
    world = side_room("#")
    walk(world, "S")  # the glitch fires while the player is in the doorway
    assert world.terrain.pending == {DOORWAY: T.WALL}
    walk(world, "N")  # back into the room: the wall would shut them in
    wait(world, 30)
    assert tile_at(world, *DOORWAY) == "." and DOORWAY in world.terrain.pending
    walk(world, "SS")
    wait(world, 1)
    assert tile_at(world, *DOORWAY) == "#" and not world.terrain.pending


def test_a_glitch_waits_while_the_player_is_stepping_into_the_room_it_shuts():
    picture = SIDE_ROOM.format(way="#").replace("#.#@....#", "#.#.....#").replace("#.#.#####", "#.#@#####")
    world = scenario(picture, glitches=[glitch(2, {DOORWAY: "#"})])
    assert position(world) == DOORWAY
    world.step(NORTH)  # from the doorway into the room: the wall would come down behind them
    events = wait(world, 30)
    assert [(e.tick, type(e)) for e in events if isinstance(e, (Glitched, GlitchHeld))] == [(2, GlitchHeld)]
    assert tile_at(world, *DOORWAY) == "." and position(world) == (3, 3)


def test_a_one_way_passage_pointing_into_the_room_is_no_way_out():
    world = side_room("v")  # enters the room from the corridor, never leaves it
    expect(wait(world, 10), GlitchHeld, glitch=0)
    assert tile_at(world, *DOORWAY) == "."
    world = side_room("^")  # leaves the room: a way out
    expect(wait(world, 10), Glitched, glitch=0)
    assert tile_at(world, *DOORWAY) == "#"
    walk(world, "EEEENN")
    assert position(world) == (7, 1)


def test_a_rhythm_door_is_a_way_out_even_while_it_is_shut():
    world = side_room("+")  # (7, 2): x + y odd, so shut for the first DOOR_PERIOD ticks
    assert not world.terrain.door_open(7, 2, 3)
    events = wait(world, 10)
    assert [(e.tick, type(e)) for e in events] == [(3, Glitched)]
    assert tile_at(world, *DOORWAY) == "#"


def test_portals_are_ways_in_and_out():
    # Q, the far end of a two-way portal, stands in the room (beside the player).
    world = side_room("#", portals=[((5, 1), (4, 3))])
    expect(wait(world, 10), Glitched, glitch=0)
    walk(world, "E")  # onto Q: carried out
    assert position(world) == (5, 1)
    # A dream loop only brings you in.
    world = side_room("#", portals=[((5, 1), (4, 3), "dream_loop")])
    expect(wait(world, 10), GlitchHeld, glitch=0)


def test_the_glitches_after_a_held_one_wait_with_it():
    world = side_room("#", glitch(3, {DOORWAY: "#"}), glitch(5, {(1, 5): '"'}))
    events = wait(world, 30)
    expect_none(events, Glitched)
    assert tile_at(world, 1, 5) == "." and world.terrain.next_glitch == 0
    events = walk(world, "SS")
    assert [e.glitch for e in events_of(events, Glitched)] == [0, 1]
    assert tile_at(world, 1, 5) == '"'


def test_a_glitch_that_would_cut_off_a_sleeping_dreamer_waits_until_it_is_woken():
    picture = """
        #######
        #@...X#
        ###.###
        ###.###
        ###D###
        #######
    """
    world = scenario(picture, glitches=[glitch(3, {(3, 2): "#"})])
    expect(wait(world, 10), GlitchHeld, glitch=0)
    walk(world, "EES")  # in the alcove's mouth the glitch fires, deferred under the player
    assert world.terrain.pending == {(3, 2): T.WALL}
    walk(world, "N")
    wait(world, 10)
    assert tile_at(world, 3, 2) == "."  # the dreamer is still asleep down there
    walk(world, "SS")
    expect(play(world, [WAKE_BIT] * R.WAKE_TICKS), Woke, dreamer=0)
    wait(world, 10)
    assert tile_at(world, 3, 2) == "."  # awake, but the player is down there too
    walk(world, "NN")
    wait(world, 1)
    assert tile_at(world, 3, 2) == "#"


# -- the rescue window ----------------------------------------------------------------------


def test_reaching_the_exit_with_every_dreamer_awake_wins():
    world = scenario(corridor("#D@.X#"))
    play(world, [WAKE_BIT] * R.WAKE_TICKS)
    events = walk(world, "EE")
    arrived, won = events[-2:]
    assert (arrived, type(won)) == (Moved(arrived.tick, 4, 1), Won)
    assert won.tick == arrived.tick == world.tick - 1
    assert world.outcome == "won" and world.done


def test_standing_on_the_exit_with_a_dreamer_asleep_does_not_win():
    world = scenario(corridor("#@.XD#"))
    events = walk(world, "EE") + wait(world, 100)
    expect_none(events, Won)
    assert not world.done
    events = play(world, [WAKE_BIT] * R.WAKE_TICKS)  # wake it from the exit
    woke, won = expect(events, Woke, dreamer=0), expect(events, Won)
    assert woke.tick == won.tick
    assert world.outcome == "won"


def test_running_out_of_time_loses():
    world = scenario("#@.X.D#", time_limit_ticks=50)
    events = wait(world, 49)
    expect_none(events, Lost)
    assert world.time_left == 1
    events = wait(world, 1)
    assert events == [Lost(49, LossReason.WINDOW_CLOSED)]
    assert world.outcome == "lost_time" and world.time_left == 0


@pytest.mark.parametrize("ending", ["won", "lost_time", "lost_lucidity"])
def test_after_the_end_nothing_happens(ending):
    if ending == "won":
        world = scenario("#@X.#")
        play(world, "E*10")
    elif ending == "lost_time":
        world = scenario("#@.M..X#", time_limit_ticks=3)
        wait(world, 3)
    else:
        world = scenario("#@.M..X#", lucidity=1)
        wait(world, 40)
    assert world.outcome == ending
    before, tick, where = world.checksums(), world.tick, position(world)
    for command in (EAST, WEST, WAKE_BIT, WAIT):
        assert world.step(command) == []
    assert world.checksums() == before and world.tick == tick and position(world) == where


# -- checksums ------------------------------------------------------------------------------


def test_checksums_are_equal_for_equal_states():
    picture = "#D@..M..#\n#.......#\n#########"
    a, b = scenario(picture, seed=3), scenario(picture, seed=3)
    assert a.checksums() == b.checksums()
    commands = parse_commands("wake*20 E*7 S*7 W*7 wake*50 .*30")
    for command in commands:
        a.step(command), b.step(command)
        assert a.checksums() == b.checksums()
    assert scenario(picture, seed=4).checksums()["rng"] != scenario(picture, seed=3).checksums()["rng"]


def test_checksums_change_with_the_part_that_changed():
    world = scenario("####\n#D@.\n####", glitches=[glitch(100, {(3, 1): "#"})])
    twin = scenario("####\n#D@.\n####", glitches=[glitch(100, {(3, 1): "#"})])
    first = world.checksums()
    walk(world, "E")
    wait(twin, world.tick)
    moved = world.checksums()
    assert {k for k in first if twin.checksums()[k] != moved[k]} == {"player"}  # only where the player is differs
    walk(world, "W")
    play(world, [WAKE_BIT] * R.WAKE_TICKS)
    woke = world.checksums()
    assert woke["dreamers"] != moved["dreamers"] and woke["map"] == first["map"]
    wait(world, 100 - world.tick + 1)
    glitched = world.checksums()
    assert glitched["map"] != woke["map"] and glitched["dreamers"] == woke["dreamers"]
    wanderer = scenario(SEALED_PLAYER_ROOM)
    start = wanderer.checksums()
    wait(wanderer, 30)
    after = wanderer.checksums()
    assert after["manifestations"] != start["manifestations"] and after["rng"] != start["rng"]


def test_a_one_way_passage_into_a_dead_end_will_not_let_you_through():
    # The one-way passage leads south into a pocket with no way back; the dreamer and the exit lie east.
    world = scenario(
        """
        #########
        #@....DX#
        #v#######
        #.#######
        #########
        """
    )
    with pytest.raises(AssertionError, match="bumped walking S"):
        walk(world, "S")
    assert position(world) == (1, 1)  # refused: the dream lets no one fall where there is no way back
    open_pocket = scenario(
        """
        #########
        #@....DX#
        #v#.#####
        #...#####
        #########
        """
    )
    walk(open_pocket, "S")
    assert position(open_pocket) == (1, 2)  # a pocket with a way out: through you go


def test_a_one_way_passage_that_leads_on_to_the_goals_lets_you_through():
    world = scenario(
        """
        ######
        #@>X.#
        ######
        """
    )
    walk(world, "E")
    assert position(world) == (2, 1)  # the one-way passage leads on to the exit: allowed
