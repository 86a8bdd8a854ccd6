"""Painting the floors: one pattern per theme, drawn strongly in the colour-blind set."""

from __future__ import annotations

import numpy as np

from dreamscape.app.tileart.canvas import Canvas, over, shade, towards
from dreamscape.app.tileart.codes import N_THEMES
from dreamscape.app.tileart.colours import NIGHT
from dreamscape.core import tiles as T


def paint_floor(g: Canvas) -> np.ndarray:
    img = g.solid(g.floor)
    mottle = np.full(N_THEMES, 0.06, np.float32)
    mottle[[T.CAVES, T.ABYSS, T.HOLLOW]] = (0.11, 0.05, 0.07)
    shade(img, 1 + mottle[:, None, None] * g.noise(3) + 0.03 * g.grain())
    u, v, one = g.u, g.v, g.one
    strength = 1.0 if g.cb else 0.55
    dark = towards(g.floor, NIGHT, 0.45)
    light = towards(g.floor, (255, 255, 255), 0.22)
    # One pattern per theme (drawn strongly in the colour-blind set, where
    # pattern and lightness must tell the regions apart without hue).
    for theme in range(N_THEMES):
        one_img = img[theme : theme + 1]
        d, li = dark[theme], light[theme]
        if theme == T.MAZE:
            # Flagstones, two per tile offset like brickwork: corridors count out.
            seam = (v > 1 - one * 1.01) | (np.abs(v - 0.5) < one * 0.6)
            seam |= ((np.abs(u - 0.5) < one * 0.6) & (v < 0.5)) | ((u < one * 1.01) & (v >= 0.5))
            over(one_img, seam, d, 0.7 * strength)
            if g.cb:
                over(one_img, np.abs(((u + v) * 4) % 1 - 0.5) < 0.06, li, 0.45)
        elif theme == T.HALLS:
            # Polished slabs with a soft bevel.
            over(one_img, (u < one * 1.01) | (v < one * 1.01), li, 0.45 * strength)
            over(one_img, (u > 1 - one * 1.01) | (v > 1 - one * 1.01), d, 0.6 * strength)
            if g.cb:
                over(one_img, (np.abs(u - 0.5) < one * 0.6) | (np.abs(v - 0.5) < one * 0.6), d, 0.5)
        elif theme == T.CAVES:
            pebbles = g.noise(6, 1)[0]
            over(one_img, pebbles > 0.55, li, 0.5 * strength)
            over(one_img, pebbles < -0.6, d, 0.6 * strength)
            if g.cb:
                over(one_img, ((u * 3 % 1 - 0.5) ** 2 + (v * 3 % 1 - 0.5) ** 2) < 0.03, d, 0.7)
        elif theme == T.DROWNED:
            # Damp stone: faint ripples of reflected light.
            ripple = np.abs(np.sin((v * 3 + 0.15 * np.sin(u * 6.28)) * 3.14159)) > 0.96
            over(one_img, ripple, li, 0.35 * strength)
            if g.cb:
                over(one_img, np.abs(np.sin((v * 4 + 0.2 * np.sin(u * 6.28)) * 3.14159)) > 0.9, d, 0.5)
        elif theme == T.ABYSS:
            # Walkways over nothing: fine glowing cracks.
            crack = np.abs(g.noise(4, 1)[0]) < 0.05
            over(one_img, crack, towards(g.tint[theme], (255, 255, 255), 0.3), 0.45 * strength)
            if g.cb:
                over(one_img, ((u * 4 % 1 - 0.5) ** 2 + (v * 4 % 1 - 0.5) ** 2) < 0.02, li, 0.7)
        elif theme == T.GARDENS:
            # Mossy ground: short blades.
            blades = (np.abs(((u * 5 + 0.3 * (v * 7 % 1)) % 1) - 0.5) < 0.07) & (g.noise(5, 1)[0] > 0.2)
            over(one_img, blades, towards(g.floor[theme], (150, 220, 120), 0.4), 0.6 * strength)
            if g.cb:
                over(one_img, np.abs(((u - v) * 3) % 1 - 0.5) < 0.07, d, 0.5)
        elif theme == T.HOLLOW:
            # Dust and long streaks: the corridors go on.
            streak = np.abs(np.sin(u * 3.14159 * 5 + g.noise(2, 1)[0] * 0.8)) > 0.97
            over(one_img, streak, d, 0.5 * strength)
            if g.cb:
                over(one_img, np.abs((u * 4) % 1 - 0.5) < 0.05, li, 0.35)
    return img
