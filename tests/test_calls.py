"""The dreamer's call: what a player can learn of a dreamer they have not seen."""

from __future__ import annotations

import math

import numpy as np
import pytest

from dreamscape.core.level import load_level_or_profile
from dreamscape.gen import generate
from dreamscape.sim import World
from dreamscape.sim.calls import CALL_PERIOD, EXIT, bearing, nearness
from dreamscape.sim.commands import EAST, NORTH, SOUTH, WEST


@pytest.mark.parametrize(
    "dx, dy, point",
    [(0, -5, 0), (5, -5, 2), (5, 0, 4), (5, 5, 6), (0, 5, 8), (-5, 5, 10), (-5, 0, 12), (-5, -5, 14), (0, 0, 4)],
)
def test_bearing_of_the_eight_winds(dx, dy, point):
    assert bearing(dx, dy) == point


def test_bearing_agrees_with_the_angle_away_from_sector_edges():
    # The integer sectors against the angle itself, wherever the angle is not within
    # half a degree of an edge (there the rational edges may round either way).
    for dx in range(-30, 31):
        for dy in range(-30, 31):
            if dx == dy == 0:
                continue
            degrees = math.degrees(math.atan2(dx, -dy)) % 360  # 0 north, clockwise
            offset = (degrees + 11.25) % 22.5
            if min(offset, 22.5 - offset) < 0.5:
                continue
            assert bearing(dx, dy) == int((degrees + 11.25) // 22.5) % 16, (dx, dy)


def test_nearness_bands():
    assert [nearness(d, 0) for d in (0, 10, 11, 20, 21, 40, 41, 400)] == [4, 4, 3, 3, 2, 2, 1, 1]
    assert nearness(-3, 15) == 3


def _world(seed: int = 0) -> World:
    return World(generate(load_level_or_profile("ch3_endless_loop").with_seed(seed)))


def test_every_unseen_sleeping_dreamer_calls_from_the_first_tick():
    world = _world()
    seen = world.sight.seen
    calls = world.fog_view().calls
    unseen = [i for i, (x, y) in enumerate(world.dreamers) if not seen[y, x]]
    assert unseen and [c.index for c in calls if c.is_dreamer] == unseen
    # Chapter 3's hidden memories call from the first tick too (the 'replay' climax).
    marks = world.climax.marks
    assert [c.mark for c in calls if c.is_mark] == [i for i, (x, y) in enumerate(marks) if not seen[y, x]]
    p = world.player
    for c in calls:
        x, y = world.exit if c.index == EXIT else marks[c.mark] if c.is_mark else world.dreamers[c.index]
        assert (c.bearing, c.nearness, c.tick, c.from_x, c.from_y) == (bearing(x - p.x, y - p.y), nearness(x - p.x, y - p.y), 0, p.x, p.y)


def test_calls_pulse_every_period_and_hold_between():
    world = _world(1)
    first = world.fog_view().calls
    for _ in range(CALL_PERIOD - 1):
        world.step(EAST)
        assert world.fog_view().calls == first  # heard at the pulse, not every tick
    world.step(EAST)
    assert world.tick == CALL_PERIOD
    assert {c.tick for c in world.fog_view().calls} == {CALL_PERIOD}


def test_a_dreamer_once_seen_no_longer_calls_and_the_exit_hums_until_seen():
    world = _world(2)
    x, y = world.dreamers[0]
    world.sight.seen[y, x] = True  # as if the player had seen it
    ex, ey = world.exit
    world._pulse()
    indices = [c.index for c in world.calls]
    assert 0 not in indices and (EXIT in indices) == (not world.sight.seen[ey, ex])
    world.sight.seen[ey, ex] = True
    world._pulse()
    assert EXIT not in [c.index for c in world.calls]


def test_calls_are_the_same_in_both_views_and_reveal_no_tile():
    world = _world(3)
    for command in [NORTH, EAST, SOUTH, WEST] * 60:
        world.step(command)
    fog, whole = world.fog_view(), world.view()
    assert fog.calls == whole.calls
    for c in fog.calls:
        assert 0 <= c.bearing < 16 and 1 <= c.nearness <= 4  # a direction and a band, never a position
        assert c.index == EXIT or c.index not in {d.index for d in fog.dreamers}


def test_the_call_is_derived_state_so_replays_hear_the_same():
    a, b = _world(4), _world(4)
    rng = np.random.default_rng(9)
    for command in rng.integers(0, 5, 600).tolist():
        a.step(command)
        b.step(command)
        assert a.calls == b.calls
