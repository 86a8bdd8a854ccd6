"""Painting the ground that is not plain floor: bridges, gardens, doors, one-way tiles, water, the void."""

from __future__ import annotations

import numpy as np

from dreamscape.app.tileart.canvas import Canvas, as_colours, over, shade, towards
from dreamscape.app.tileart.codes import ANIM_FRAMES, N_THEMES
from dreamscape.app.tileart.colours import NIGHT, at_luminance, relative_luminance
from dreamscape.core import tiles as T
from dreamscape.render import palette as P

#: Garden ground's and a bridge's luminance as a share of the floor's in the same region.
_GARDEN_SHARE = 0.9
_BRIDGE_SHARE = 0.8


def like_floor(g: Canvas, colours: np.ndarray, share: float) -> np.ndarray:
    """(themes, 3): each theme's colour brought to `share` of that theme's floor luminance.

    Ground an entity may stand on stays as bright as the floor, near enough,
    so the same outline and the same walls keep 3:1 from it.
    """
    out = []
    for theme, colour in enumerate(colours):
        target = relative_luminance(tuple(g.floor[theme])) * share
        out.append(at_luminance(tuple(int(round(v)) for v in colour), target))
    return as_colours(out)


def bridge(g: Canvas) -> np.ndarray:
    wood = towards(towards(np.array([P.TILE_BASE[T.BRIDGE]] * N_THEMES), g.floor, 0.25), NIGHT, 0.2)
    wood = like_floor(g, wood, _BRIDGE_SHARE)
    img = g.solid(wood)
    plank = (g.v * 4).astype(int)
    shade(img, 1 + 0.06 * (plank % 2) + 0.08 * g.noise(2) * np.sin(g.u * 25) ** 2 + 0.04 * g.grain())
    over(img, (g.v * 4) % 1 < 1.5 / g.px * 4, NIGHT, 0.55)
    # Rails along both sides.
    over(img, (g.u < 0.09) | (g.u > 0.91), towards(wood, NIGHT, 0.5), 0.9)
    return img


def garden(g: Canvas) -> np.ndarray:
    green = towards(np.array([P.TILE_BASE[T.GARDEN]] * N_THEMES, np.float32), g.floor, 0.3)
    green = like_floor(g, green if g.cb else towards(green, NIGHT, 0.25), _GARDEN_SHARE)
    img = g.solid(green)
    shade(img, 1 + 0.12 * g.noise(4) + 0.05 * g.grain())
    # Leaves: small ellipses, lit on top.
    for _ in range(6):
        cx, cy = g.rng.uniform(0.12, 0.88, 2)
        leaf = ((g.u - cx) / 0.13) ** 2 + ((g.v - cy) / 0.07) ** 2 < 1
        over(img, leaf, towards(green, (210, 255, 170), 0.35), 0.75)
        over(img, leaf & (g.v > cy), towards(green, NIGHT, 0.3), 0.5)
    # A couple of pale flowers.
    for _ in range(2):
        cx, cy = g.rng.uniform(0.15, 0.85, 2)
        petal = (g.u - cx) ** 2 + (g.v - cy) ** 2 < 0.004
        over(img, petal, (255, 214, 236) if g.rng.random() < 0.5 else (255, 240, 160), 0.9)
    return img


def stable(g: Canvas, ground: np.ndarray) -> np.ndarray:
    img = ground * 1.12
    r = np.hypot(g.u - 0.5, g.v - 0.5)
    over(img, np.abs(r - 0.3) < g.one * 0.9, (255, 236, 180), 0.55)
    over(img, r < 0.06, (255, 236, 180), 0.6)
    return img


def door(g: Canvas, ground: np.ndarray, shut: bool) -> np.ndarray:
    img = ground.copy()
    u, v = g.u, g.v
    wood = towards(np.array([P.TILE_BASE[T.DOOR]] * N_THEMES, np.float32), g.tint, 0.15)
    if shut:
        panel = (u >= 0.14) & (u <= 0.86)
        over(img, panel, wood, 1.0)
        shade(img, np.broadcast_to(1 + 0.1 * np.where(panel, np.sin(u * 3.14159 * 6) ** 2 - 0.5, 0), img.shape[:3]))
        over(img, panel & (np.abs(v - 0.5) < 0.06), towards(wood, NIGHT, 0.5), 0.8)
        over(img, (u - 0.5) ** 2 + (v - 0.5) ** 2 < 0.006, (255, 230, 150), 1.0)
    else:
        # Slid open into the frame: a sliver of door and a lit threshold.
        over(img, ((u >= 0.14) & (u < 0.22)) | ((u > 0.78) & (u <= 0.86)), wood, 0.9)
        over(img, (np.abs(v - 0.5) < 0.03) & (u > 0.22) & (u < 0.78), (255, 230, 150), 0.35)
    over(img, (u < 0.14) | (u > 0.86), towards(wood, NIGHT, 0.6), 1.0)
    return img


def oneway(g: Canvas, ground: np.ndarray, dx: int, dy: int) -> np.ndarray:
    img = ground.copy()
    # `a` runs along the allowed way (0 tail, 1 head), `b` across it.
    a = {(1, 0): g.u, (-1, 0): 1 - g.u, (0, 1): g.v, (0, -1): 1 - g.v}[(dx, dy)]
    b = g.v if dx else g.u
    glow = P.SKY_BLUE if g.cb else (120, 230, 255)
    for start in (0.22, 0.52):
        chevron = np.abs((a - start) - (0.3 - np.abs(b - 0.5))) < 0.075
        over(img, chevron & (np.abs(b - 0.5) < 0.32), glow, 0.85)
    return img


def water(g: Canvas, frame: int) -> np.ndarray:
    deep = towards(np.array([P.TILE_BASE[T.WATER]] * N_THEMES, np.float32), g.tint, 0.15)
    img = g.solid(towards(deep, NIGHT, 0.35))
    shade(img, 1 + 0.08 * g.noise(2))
    phase = frame / ANIM_FRAMES * 2 * np.pi
    crest = np.sin(g.v * 2 * np.pi * 2 + np.sin(g.u * 2 * np.pi + phase) * 0.9 + phase)
    over(img, crest > 0.9, towards(deep, (200, 235, 255), 0.45), 0.55)
    over(img, crest < -0.95, NIGHT, 0.25)
    return img


def void(g: Canvas, frame: int) -> np.ndarray:
    img = g.solid(towards(np.array([P.TILE_BASE[T.VOID]] * N_THEMES, np.float32), NIGHT, 0.3))
    shade(img, 1 + 0.35 * g.noise(2))
    # Stars twinkle: each at its own phase, in the same place on every frame.
    for sx, sy, ph in g.stars:
        bright = 0.5 + 0.5 * np.sin(2 * np.pi * (frame / ANIM_FRAMES + ph))
        dot = (np.abs(g.u - sx) < g.one * 0.8) & (np.abs(g.v - sy) < g.one * 0.8)
        over(img, dot, (210, 200, 255), 0.3 + 0.7 * bright)
    return img