"""Perlin gradient noise in 16.16 fixed point, with integer arithmetic only.

Floating-point noise is fast but a C library compiled on another machine
(or with fused multiply-adds) may round differently, and one flipped theme
changes the whole dreamscape. Here coordinates, the fade curve and the
interpolation are int64 with explicit shifts, so every machine gets the same
field.
"""

from __future__ import annotations

import numpy as np

from dreamscape.core.rng import Stream

FRACTION_BITS = 16
ONE = 1 << FRACTION_BITS
_MASK = ONE - 1
# The eight lattice gradients of 2D improved noise: the diagonals and the axes.
_GX = np.array([1, -1, 1, -1, 1, -1, 0, 0], np.int64)
_GY = np.array([1, 1, -1, -1, 0, 0, 1, -1], np.int64)


def permutation_table(rng: Stream) -> np.ndarray:
    """A shuffled 0..255 repeated twice, so lookups of X + 1 + Y never wrap."""
    perm = rng.permutation(256).astype(np.int64)
    return np.concatenate([perm, perm])


def _fade(t: np.ndarray) -> np.ndarray:
    """6t^5 - 15t^4 + 10t^3 for t in [0, ONE), in fixed point."""
    t3 = (((t * t) >> FRACTION_BITS) * t) >> FRACTION_BITS
    inner = ((t * (6 * t - 15 * ONE)) >> FRACTION_BITS) + 10 * ONE
    return (t3 * inner) >> FRACTION_BITS


def _lerp(t: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return a + (((b - a) * t) >> FRACTION_BITS)


def _grad(h: np.ndarray, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    g = h & 7
    return _GX[g] * x + _GY[g] * y


def sample(perm: np.ndarray, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """Noise at every (ys[j], xs[i]) of a lattice, as int64 times ONE (about -ONE..ONE).

    `xs` and `ys` are non-negative 16.16 fixed-point coordinates.
    """
    xs = np.asarray(xs, np.int64)[None, :]
    ys = np.asarray(ys, np.int64)[:, None]
    X, Y = (xs >> FRACTION_BITS) & 255, (ys >> FRACTION_BITS) & 255
    fx, fy = xs & _MASK, ys & _MASK
    a, b = perm[X] + Y, perm[X + 1] + Y
    aa, ab, ba, bb = perm[a], perm[a + 1], perm[b], perm[b + 1]
    u, v = _fade(fx), _fade(fy)
    low = _lerp(u, _grad(aa, fx, fy), _grad(ba, fx - ONE, fy))
    high = _lerp(u, _grad(ab, fx, fy - ONE), _grad(bb, fx - ONE, fy - ONE))
    return _lerp(v, low, high)
