"""tcod's symmetric shadowcasting agrees with the same algorithm in exact rationals.

libtcod computes its slopes in single-precision floats. Each of those steps
is one correctly rounded IEEE-754 operation, so any machine that follows the
standard gets the same answer; this checks the stronger claim that the
answer is the one exact arithmetic gives, on thousands of random maps, so
sight (and with it noticing and hunting) never hangs on a rounding.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
import tcod

from dreamscape.sim.rules import DARK_SIGHT, SIGHT

# {xx, xy, yx, yy}: how a quadrant's (depth, column) maps onto the grid.
QUADRANTS = ((1, 0, 0, 1), (0, 1, 1, 0), (0, -1, -1, 0), (-1, 0, 0, -1))
HALF = Fraction(1, 2)


def _half_away(n: Fraction) -> int:
    """Round, halves away from zero (libtcod's round_half_up on either sign)."""
    m = math.floor(abs(n) + HALF)
    return m if n >= 0 else -m


def _half_toward(n: Fraction) -> int:
    """Round, halves towards zero (libtcod's round_half_down)."""
    m = math.ceil(abs(n) - HALF)
    return m if n >= 0 else -m


def exact_fov(transparent: np.ndarray, x0: int, y0: int, radius: int) -> np.ndarray:
    """Symmetric shadowcasting with Fraction slopes; walls are lit, as in tcod."""
    h, w = transparent.shape
    out = np.zeros((h, w), bool)
    out[y0, x0] = True

    def inside(x: int, y: int) -> bool:
        return 0 <= x < w and 0 <= y < h

    def scan(q: int, depth: int, low: Fraction, high: Fraction) -> None:
        xx, xy, yx, yy = QUADRANTS[q]
        while inside(x0 + depth * xx, y0 + depth * yx):
            first = _half_away(depth * low)
            prev_wall = False
            for col in range(first, _half_toward(depth * high) + 1):
                mx, my = x0 + depth * xx + col * xy, y0 + depth * yx + col * yy
                if not inside(mx, my):
                    continue
                wall = not transparent[my, mx]
                if wall or depth * low <= col <= depth * high:
                    out[my, mx] = True
                if prev_wall and not wall:
                    low = Fraction(2 * col - 1, 2 * depth)
                if col != first and not prev_wall and wall:
                    scan(q, depth + 1, low, Fraction(2 * col - 1, 2 * depth))
                prev_wall = wall
            if prev_wall:
                return
            depth += 1

    for q in range(4):
        scan(q, 1, Fraction(-1), Fraction(1))
    if radius > 0:
        ys, xs = np.mgrid[0:h, 0:w]
        out &= (xs - x0) ** 2 + (ys - y0) ** 2 < radius * radius
    return out


@pytest.mark.parametrize("radius", [DARK_SIGHT + 1, SIGHT + 1])
def test_tcod_matches_exact_rationals_on_random_maps(radius):
    rng = np.random.default_rng(radius)
    for trial in range(400):
        size = int(rng.integers(5, 2 * radius + 6))
        transparent = rng.random((size, size + int(rng.integers(0, 5)))) > rng.uniform(0.05, 0.6)
        y0, x0 = int(rng.integers(transparent.shape[0])), int(rng.integers(transparent.shape[1]))
        transparent[y0, x0] = True
        got = tcod.map.compute_fov(transparent, (y0, x0), radius, algorithm=tcod.constants.FOV_SYMMETRIC_SHADOWCAST)
        want = exact_fov(transparent, x0, y0, radius)
        assert np.array_equal(got, want), f"trial {trial}: {np.argwhere(got != want).tolist()[:5]}"


def test_the_reference_is_not_trivially_everything():
    # A wall beside the viewer hides the tiles straight behind it.
    transparent = np.ones((7, 9), bool)
    transparent[3, 4] = False
    seen = exact_fov(transparent, 3, 3, 0)
    assert seen[3, 4] and not seen[3, 6] and not seen[3, 8]
    assert seen[0, 3] and seen[6, 8]
