"""The painting canvas: pixel coordinates, noise and theme colours, and the blends painters use.

Every art is painted for all seven themes at once: images are
(themes, px, px, 3) float32 and colours (themes, 3), so the Python overhead
is paid once per art rather than once per sprite.
"""

from __future__ import annotations

import numpy as np

from dreamscape.app.tileart.codes import N_THEMES
from dreamscape.app.tileart.colours import floor_colour, wall_colours
from dreamscape.render import palette as P


def as_colours(rgbs) -> np.ndarray:
    """One colour or many as a (n, 3) float32 array."""
    return np.asarray(rgbs, np.float32).reshape(-1, 3)


class Canvas:
    """Pixel-centre coordinates in tile units, noise, and the theme colours."""

    def __init__(self, px: int, rng: np.random.Generator, cb: bool) -> None:
        self.px = px
        c = (np.arange(px, dtype=np.float32) + 0.5) / px
        self.v, self.u = np.meshgrid(c, c, indexing="ij")  # v down, u across
        self.rng = rng
        self.cb = cb
        self.one = 1.0 / px  # one pixel in tile units
        self.stars = rng.uniform(0.08, 0.92, (5, 3))  # void stars: x, y, twinkle phase
        self._weights: dict[int, tuple] = {}
        themes = range(N_THEMES)
        self.floor = as_colours([floor_colour(t, cb) for t in themes])
        self.tint = as_colours([P.THEME_FLOOR[t] for t in themes])
        walls = [wall_colours(t, cb) for t in themes]
        self.wall_top = as_colours([w[0] for w in walls])
        self.wall_face = as_colours([w[1] for w in walls])
        self.wall_edge = as_colours([w[2] for w in walls])

    def solid(self, colours: np.ndarray) -> np.ndarray:
        """(themes, px, px, 3) filled with one colour per theme."""
        return np.broadcast_to(colours[:, None, None, :], (len(colours), self.px, self.px, 3)).copy()

    def noise(self, coarse: int = 4, n: int = N_THEMES) -> np.ndarray:
        """(n, px, px) smooth value noise in about [-1, 1]."""
        weights = self._weights.get(coarse)
        if weights is None:
            x, y = self.u * coarse, self.v * coarse
            i, j = np.minimum(x.astype(int), coarse - 1), np.minimum(y.astype(int), coarse - 1)
            fx, fy = x - i, y - j
            fx, fy = fx * fx * (3 - 2 * fx), fy * fy * (3 - 2 * fy)
            flat = j * (coarse + 1) + i  # index of the top-left lattice point
            weights = self._weights[coarse] = (flat, (1 - fx) * (1 - fy), fx * (1 - fy), (1 - fx) * fy, fx * fy)
        flat, w00, w10, w01, w11 = weights
        k = coarse + 1
        g = self.rng.uniform(-1, 1, (n, k * k)).astype(np.float32)
        return g[:, flat] * w00 + g[:, flat + 1] * w10 + g[:, flat + k] * w01 + g[:, flat + k + 1] * w11

    def grain(self, n: int = N_THEMES) -> np.ndarray:
        """(n, px, px) white noise in [-1, 1]: per-pixel grit."""
        return self.rng.uniform(-1, 1, (n, self.px, self.px)).astype(np.float32)


def towards(a: np.ndarray, b, t: float) -> np.ndarray:
    """Colour arrays (or one colour) `a` moved a fraction `t` towards `b`."""
    a = np.asarray(a, np.float32)
    return a + (np.asarray(b, np.float32) - a) * t


def over(img: np.ndarray, mask: np.ndarray, colours, alpha: float = 1.0) -> None:
    """Blend colours over `img` (themes, px, px, 3) where the (px, px) bool `mask` is set."""
    picked = img[:, mask]  # (themes, n, 3)
    picked += (as_colours(colours)[:, None, :] - picked) * alpha
    img[:, mask] = picked


def shade(img: np.ndarray, factor: np.ndarray) -> None:
    """Scale `img` (themes, px, px, 3) by a (themes, px, px) brightness factor, in place."""
    img *= factor[..., None]
