"""Painting the whole lit sheet: every art of every theme, with cast shadows, at start-up."""

from __future__ import annotations

import numpy as np

from dreamscape.app.tileart.canvas import Canvas
from dreamscape.app.tileart.codes import ANIM_FRAMES, N_ART, N_THEMES, N_WALL, ground_art
from dreamscape.app.tileart.features import bridge, door, garden, oneway, stable, void, water
from dreamscape.app.tileart.floors import paint_floor
from dreamscape.app.tileart.walls import paint_wall, wall_face, wall_top
from dreamscape.core import tiles as T

#: The light left at the foot of a wall on the ground below it: a soft band, so
#: an entity standing there still stands out from it.
_CAST_SHADOW = 0.75


def paint_all(px: int, colour_blind: bool, rng: np.random.Generator) -> np.ndarray:
    """(N_THEMES * N_ART, px, px, 3) uint8: every art of every theme, fully lit."""
    g = Canvas(px, rng, colour_blind)
    arts = np.zeros((N_ART, N_THEMES, px, px, 3), np.float32)
    floors = [paint_floor(g) for _ in range(2)]
    # The second look is a shade lighter: a checkerboard in halls, scatter elsewhere.
    floors[1] *= np.where(np.arange(N_THEMES) == T.HALLS, 1.1, 1.04)[:, None, None, None]
    paint = {
        "floor_a": floors[0],
        "floor_b": floors[1],
        "bridge": bridge(g),
        "garden_a": garden(g),
        "garden_b": garden(g),
        "stable": stable(g, floors[0]),
        "door_shut": door(g, floors[0], shut=True),
        "door_open": door(g, floors[0], shut=False),
    }
    for name, (dx, dy) in (("oneway_n", (0, -1)), ("oneway_e", (1, 0)), ("oneway_s", (0, 1)), ("oneway_w", (-1, 0))):
        paint[name] = oneway(g, floors[0], dx, dy)
    for frame in range(ANIM_FRAMES):
        paint[f"water_{frame}"] = water(g, frame)
        paint[f"void_{frame}"] = void(g, frame)
    shadow = (_CAST_SHADOW + (1 - _CAST_SHADOW) * np.clip(g.v / 0.34, 0, 1) ** 0.8)[None, :, :, None]
    for name, img in paint.items():
        arts[ground_art(name)] = img
        arts[ground_art(name, True)] = img * shadow
    stone, brick = wall_top(g), wall_face(g)
    for bits in range(N_WALL):
        arts[bits] = paint_wall(g, stone, brick, bits)
    out = np.clip(arts.transpose(1, 0, 2, 3, 4), 0, 255).astype(np.uint8)
    return np.ascontiguousarray(out.reshape(N_THEMES * N_ART, px, px, 3))
