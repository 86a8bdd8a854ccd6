"""Phase 'regions': a noise field that themes parts of the map by the dreamer's inner life.

Two Perlin fields place each tile on a plane where every theme owns a
direction; a tile takes the theme it points to most, plus that theme's bias. Biases come from the profile (being_trapped favours mazes, wonder
caves, loss drowned quarters...). Perlin is sampled on a coarse lattice and
interpolated: the field is smooth at that scale, so sampling every tile would
cost many times more for the same picture.
"""

from __future__ import annotations

import math

import noise
import numpy as np

from dreamscape.core import tiles as T
from dreamscape.gen.build import Build
from dreamscape.gen.grid import upsample


def theme_weights(build: Build) -> np.ndarray:
    """How strongly the profile asks for each theme (0 = never)."""
    k = build.knob
    w = np.zeros(len(T.THEMES), np.float64)
    w[T.MAZE] = 0.7 + 1.0 * k("being_trapped") + 0.5 * k("self_doubt") + 0.3 * k("perfection")
    w[T.HALLS] = 0.6 + 1.0 * k("judgement") + 0.8 * k("perfection") + 0.3 * k("recognition")
    w[T.CAVES] = 0.15 + 1.4 * k("wonder") + 0.3 * k("chaos")
    w[T.DROWNED] = 0.1 + 0.9 * k("loss") + 0.3 * k("escape")
    w[T.ABYSS] = 0.05 + 1.2 * k("isolation") + 0.2 * k("loss")
    w[T.GARDENS] = 1.3 * k("comfort")
    w[T.HOLLOW] = 1.4 * k("abandonment")
    return w


def run(build: Build) -> None:
    rng = build.rng("regions")
    # Themes are decided per 2x2 block (the maze lattice's cell size), a
    # quarter of the work for the same picture.
    h, w = (build.height + 1) // 2, (build.width + 1) // 2
    weights = theme_weights(build)
    scale = min(20.0, max(7.0, math.sqrt(h * w) / 4.0))
    step = max(2, int(scale / 2))
    ch, cw = h // step + 2, w // step + 2
    # Two smooth fields (u, v) place every tile on a plane; each theme owns a
    # direction on that plane, widened by its weight (a power diagram), so
    # themes form organic blobs and a stronger weight claims more ground.
    fields = []
    for _ in range(2):
        ox, oy = rng.uniform(0, 1000, 2)
        base = int(rng.integers(0, 256))
        coarse = np.array(
            [[noise.pnoise2(ox + i * step / scale, oy + j * step / scale, octaves=1, base=base) for i in range(cw)] for j in range(ch)],
            np.float32,
        )
        fields.append(upsample(coarse, step, h, w))
    u, v = fields
    spin = rng.uniform(0, 2 * math.pi)
    themes = np.flatnonzero(weights > 0)
    angles = spin + 2 * math.pi * themes / len(T.THEMES)
    bias = (0.12 * np.log(weights[themes])).astype(np.float32)
    # Themes on the last axis, so the argmax runs over contiguous memory.
    score = u[..., None] * np.cos(angles).astype(np.float32) + v[..., None] * np.sin(angles).astype(np.float32)
    score += bias
    blocks = themes.astype(np.uint8)[score.argmax(axis=-1)]
    build.regions = np.repeat(np.repeat(blocks, 2, axis=0), 2, axis=1)[: build.height, : build.width].copy()
