"""Painting the walls: the stone top, the brick front face, and the rims on open sides."""

from __future__ import annotations

import numpy as np

from dreamscape.app.tileart.canvas import Canvas, over, shade, towards
from dreamscape.app.tileart.codes import OPEN_E, OPEN_N, OPEN_S, OPEN_W
from dreamscape.app.tileart.colours import NIGHT


def wall_top(g: Canvas) -> np.ndarray:
    img = g.solid(g.wall_top)
    shade(img, 1 + 0.09 * g.noise(3) + 0.04 * g.grain())
    # Faint joints between big blocks on top of the wall.
    joint = (np.abs(g.v - 0.5) < g.one * 0.6) | ((np.abs(g.u - 0.5) < g.one * 0.6) & (g.v < 0.5))
    over(img, joint, NIGHT, 0.35)
    return img


def wall_face(g: Canvas) -> np.ndarray:
    """The front of a wall, squeezed into the lower part of a tile by `_wall`."""
    img = g.solid(g.wall_face)
    shade(img, 1 + 0.06 * g.noise(4) + 0.05 * g.grain())
    rows = 3
    row = np.minimum((g.v * rows).astype(int), rows - 1)
    shift = np.where(row % 2 == 0, 0.0, 0.25)
    mortar = ((g.v * rows) % 1 < 1.6 / g.px * rows) | (((g.u + shift) / 0.5) % 1 < 1.2 / g.px / 0.5)
    over(img, mortar, NIGHT, 0.45)
    # Darker at the foot, where the light does not reach.
    shade(img, np.broadcast_to(1.0 - 0.35 * g.v**2, img.shape[:3]))
    return img


_FACE = 0.42  # share of a tile's height the front face of a wall takes


def paint_wall(g: Canvas, stone: np.ndarray, brick: np.ndarray, bits: int) -> np.ndarray:
    img = stone.copy()
    u, v, one = g.u, g.v, g.one
    rim = towards(g.wall_top, g.wall_edge, 0.5)
    if bits & OPEN_N:
        over(img, v < one * 2.01, rim, 0.8)
    if bits & OPEN_W:
        over(img, u < one * 1.01, rim, 0.55)
    if bits & OPEN_E:
        over(img, u > 1 - one * 1.01, rim, 0.55)
    if bits & OPEN_S:
        # The front face: the wall stands up out of the floor below it.
        start = g.px - max(2, round(g.px * _FACE))
        rows = np.linspace(0, g.px - 1, g.px - start).astype(int)
        img[:, start:] = brick[:, rows]
        lip = np.zeros((g.px, g.px), bool)
        lip[start : start + max(1, round(g.px / 20))] = True
        over(img, lip, g.wall_edge, 0.85)
    return img
