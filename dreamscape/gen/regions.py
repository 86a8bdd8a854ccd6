"""Phase 'regions': a noise field that themes parts of the map by the dreamer's inner life.

Two Perlin fields place each tile on a plane where every theme owns a
direction; a tile takes the theme it points to most, plus that theme's bias.
Biases come from the profile (being_trapped favours mazes, wonder caves, loss
drowned quarters...). Perlin is sampled on a coarse lattice and interpolated:
the field is smooth at that scale, so sampling every tile would cost many
times more for the same picture.

Every number that decides a theme is an integer: the noise is fixed point,
the interpolation keeps its common denominator, and the directions and biases
come from exact integer trigonometry and logarithms (core/exact.py), so the
same seed themes the same tiles on any processor.
"""

from __future__ import annotations

import math

import numpy as np

from dreamscape.core import tiles as T
from dreamscape.core.exact import cos_sin_turn, ln_fixed
from dreamscape.gen import gradient_noise
from dreamscape.gen.build import Build
from dreamscape.gen.grid import upsample

#: The plane's directions are whole steps of 1/SPIN_STEPS of a turn, a
#: multiple of the theme count so every theme's offset is whole too.
SPIN_STEPS = 1024 * len(T.THEMES)
#: 0.12 ln(weight): how far a theme's weight widens its share of the plane.
BIAS_NUM, BIAS_DEN = 12, 100


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
    inc = int(round(step * gradient_noise.ONE / scale))
    for _ in range(2):
        perm = gradient_noise.permutation_table(rng)
        ox, oy = (int(v) for v in rng.integers(0, 1000 * gradient_noise.ONE, 2))
        coarse = gradient_noise.sample(perm, ox + inc * np.arange(cw), oy + inc * np.arange(ch))
        fields.append(upsample(coarse, step, h, w))
    u, v = fields  # noise times ONE * step**2
    spin = int(rng.integers(SPIN_STEPS))
    themes = np.flatnonzero(weights > 0)
    per_theme = SPIN_STEPS // len(T.THEMES)
    turns = [cos_sin_turn(spin + int(t) * per_theme, SPIN_STEPS, gradient_noise.FRACTION_BITS) for t in themes]
    cos = np.array([c for c, _ in turns], np.int64)
    sin = np.array([s for _, s in turns], np.int64)
    # The bias in the same units as u * cos: 2**32 * step**2 per unit.
    bias = np.array([ln_fixed(float(weights[t]), 32) * BIAS_NUM // BIAS_DEN for t in themes], np.int64) * step * step
    # Themes on the last axis, so the argmax runs over contiguous memory; ties go to the first theme.
    score = u[..., None] * cos + v[..., None] * sin
    score += bias
    blocks = themes.astype(np.uint8)[score.argmax(axis=-1)]
    build.regions = np.repeat(np.repeat(blocks, 2, axis=0), 2, axis=1)[: build.height, : build.width].copy()
