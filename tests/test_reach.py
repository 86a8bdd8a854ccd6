"""dreamscape.sim.reach: where a walker can get to, by the rules of stepping."""

from __future__ import annotations

from collections import deque

import numpy as np
import pytest

from dreamscape.core import tiles as T
from dreamscape.core.level import load_level_or_profile
from dreamscape.core.resources import bundled_chapters
from dreamscape.gen import generate
from dreamscape.gen.dreamscape import Portal
from dreamscape.sim import World
from dreamscape.sim.commands import STEPS
from dreamscape.sim.reach import Reach, goals_out_of_reach, portal_ends, wake_spots
from dreamscape.sim.rules import DOOR_PERIOD
from scenario.picture import scenario
from scenario.rows import locate


def reached(picture: str, start: str = "@", portals=()) -> set[tuple[int, int]]:
    """The walkable tiles of a picture a walker on `start` can come to stand on."""
    world = scenario(picture, portals=portals)
    tiles = world.terrain.tiles
    reach = Reach(tiles, world.terrain.ends, locate(picture, start) if start != "@" else world.ds.start)
    h, w = tiles.shape
    return {(x, y) for y in range(h) for x in range(w) if T.WALKABLE[tiles[y, x]] and reach.at(x, y)}


def test_a_corridor_is_reached_end_to_end_and_walls_stop_it():
    assert reached("#@..#.#") == {(1, 0), (2, 0), (3, 0)}


def test_one_way_passages_go_only_their_way():
    assert reached("#@>.#") == {(1, 0), (2, 0), (3, 0)}
    assert reached("#.>@#") == {(3, 0)}
    assert reached("#@<.#") == {(1, 0)}


def test_a_one_way_tile_is_not_left_sideways():
    picture = """
        #####
        ##1##
        #@>.#
        #####
    """
    assert (2, 1) not in reached(picture)
    assert (3, 2) in reached(picture)


def test_a_rhythm_door_counts_as_open():
    assert reached("#@+.#") == {(1, 0), (2, 0), (3, 0)}


def test_a_portal_end_carries_the_walker_and_is_never_walked_over():
    # O at (2, 0) puts you down on o at (5, 0), a dead end; (3, 0) lies beyond O.
    assert reached("#@O.#o#") == {(1, 0), (5, 0)}
    # A two-way portal: over to Q, back onto it and you stand on P, then either side of it.
    assert reached("#@P.#Q.#") == {(1, 0), (2, 0), (3, 0), (5, 0), (6, 0)}


def test_a_dream_loop_carries_only_one_way():
    assert reached("#@O#o.#") == {(1, 0), (4, 0), (5, 0)}
    assert reached("#.O#o@#") == {(4, 0), (5, 0)}


def test_the_start_counts_even_on_a_tile_about_to_close():
    world = scenario("#.@.#")
    tiles = world.terrain.tiles.copy()
    tiles[0, 2] = T.WALL  # a glitch waits to close it under the walker
    reach = Reach(tiles, {}, (2, 0))
    assert reach.at(2, 0) and reach.at(1, 0) and reach.at(3, 0)


def test_portal_ends_keep_the_first_claim_and_loops_carry_from_a_only():
    ends = portal_ends([Portal((1, 1), (5, 5), "thread"), Portal((1, 1), (7, 7), "thread"), Portal((2, 2), (3, 3), "dream_loop")])
    assert ends == {(1, 1): (5, 5), (5, 5): (1, 1), (7, 7): (1, 1), (2, 2): (3, 3)}


def test_goals_out_of_reach_names_dreamers_and_the_exit():
    picture = """
        #########
        #@..#D..#
        #.D.#..X#
        #########
    """
    world = scenario(picture)
    asleep = list(enumerate(world.dreamers))
    assert goals_out_of_reach(world.terrain.tiles, {}, world.ds.start, asleep, world.exit) == [0, -1]
    assert goals_out_of_reach(world.terrain.tiles, {}, (6, 1), asleep, world.exit) == [1]
    assert goals_out_of_reach(world.terrain.tiles, {}, world.ds.start, [], (-1, -1)) == [-1]  # no exit at all


def test_a_dreamer_is_woken_from_any_walkable_tile_beside_it():
    world = scenario("#####\n#@#D#\n#####")
    assert wake_spots(world.terrain.tiles, 3, 1) == [(3, 1)]
    world = scenario("####\n#@##\n##D#\n####")
    assert (1, 1) in wake_spots(world.terrain.tiles, 2, 2)  # diagonally
    assert goals_out_of_reach(world.terrain.tiles, {}, (1, 1), [(0, (2, 2))], world.exit) == [-1]


# -- against a plain search over the simulation's own rules ------------------------


def plain_reach(terrain, start):
    seen = {start}
    todo = deque([start])
    while todo:
        x, y = todo.popleft()
        for d, (dx, dy) in STEPS.items():
            nx, ny = x + dx, y + dy
            if terrain.can_step(x, y, d, DOOR_PERIOD * ((nx + ny) % 2)):
                there = (nx, ny)
                index = terrain.portal_at.get(there)
                if index is not None:
                    portal = terrain.portals[index]
                    there = portal.b if there == portal.a else portal.a
                if there not in seen:
                    seen.add(there)
                    todo.append(there)
    return seen


@pytest.mark.parametrize("path", bundled_chapters()[:3], ids=lambda p: p.stem)
def test_reach_agrees_with_a_plain_search_through_the_glitches(path):
    rng = np.random.default_rng(5)
    for seed in range(2):
        ds = generate(load_level_or_profile(path).with_seed(seed))
        world = World(ds)
        terrain = world.terrain
        for glitch in ds.glitches[:12]:
            terrain.fire_glitches(glitch.tick, set())
            walk = terrain.walkable()
            ys, xs = np.nonzero(walk)
            for i in rng.integers(0, len(xs), 3).tolist():
                start = (int(xs[i]), int(ys[i]))
                reach = Reach(terrain.tiles, terrain.ends, start)
                expected = {p for p in plain_reach(terrain, start) if walk[p[1], p[0]]}
                got = {(x, y) for x, y in zip(xs.tolist(), ys.tolist()) if reach.at(x, y)}
                assert got == expected, f"{path.stem} seed {seed} from {start}: differs at {sorted(got ^ expected)[:5]}"
