"""Looks: one step's frozen random choices of tears, a channel split, blocks and a tint.

Sizes are in reference pixels (a frame REFERENCE_HEIGHT tall) or shares of
the frame, so a look is the same picture at any resolution.

    look = roll(rng, strength, aspect=16 / 9)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dreamscape.app.glitchfx.tint import HUES, tint_for

#: Sizes are designed at this frame height and scaled with the real one.
REFERENCE_HEIGHT = 720
#: Below this strength nothing is drawn.
MIN_VISIBLE = 0.04
#: Largest shares of the frame each effect may cover.
TEAR_SHARE = 0.2
SPLIT_SHARE = 0.12
NOISE_SHARE = 0.03


@dataclass(frozen=True)
class Tear:
    """A horizontal band shifted sideways, wrapping round."""

    y: float  # top, as a share of the height
    height: float  # reference pixels
    shift: float  # reference pixels, signed


@dataclass(frozen=True)
class Split:
    """A horizontal slab with its red channel moved right (wrapping round)."""

    y: float  # share of the height
    height: float  # share of the height
    offset: float  # reference pixels red moves right by


@dataclass(frozen=True)
class Block:
    """A small rectangle copied from nearby, or pixelated."""

    x: float  # shares of the frame
    y: float
    w: float  # reference pixels
    h: float
    source: tuple[float, float] | None  # displacement in reference pixels, or None to pixelate
    cell: float  # pixelation cell, reference pixels


@dataclass(frozen=True)
class Look:
    """Everything one step drew: tears, at most one split, blocks, at most one tint."""

    tears: tuple[Tear, ...]
    split: Split | None
    blocks: tuple[Block, ...]
    tint: tuple[str, tuple[int, int, int]] | None


def roll(rng: np.random.Generator, s: float, aspect: float) -> Look:
    """Choose every random detail of a look at strength `s` (0..1)."""
    tears: list[Tear] = []
    if s >= 0.08:
        budget = TEAR_SHARE * min(1.0, 0.3 + s) * REFERENCE_HEIGHT
        for _ in range(int(rng.integers(1, 2 + round(4 * s)))):
            height = float(rng.uniform(2, 6 + 42 * s))
            if height > budget:
                break
            budget -= height
            shift = float(rng.uniform(2, 4 + 90 * s)) * (1 if rng.random() < 0.5 else -1)
            tears.append(Tear(float(rng.random()), height, shift))
    split = None
    if s >= MIN_VISIBLE:
        height = SPLIT_SHARE * (0.3 + 0.7 * s) * float(rng.uniform(0.6, 1.0))
        split = Split(float(rng.uniform(0, 1 - height)), height, 2 + 10 * s)
    blocks: list[Block] = []
    if s >= 0.2:
        # Area in reference pixels of a frame of this aspect at the reference height.
        budget = NOISE_SHARE * s * REFERENCE_HEIGHT * REFERENCE_HEIGHT * aspect
        for _ in range(round(10 * s)):
            w, h = float(rng.uniform(8, 16 + 40 * s)), float(rng.uniform(6, 12 + 24 * s))
            if w * h > budget:
                break
            budget -= w * h
            if rng.random() < 0.6:
                source = (float(rng.uniform(-70, 70)), float(rng.uniform(-14, 14)))
                blocks.append(Block(float(rng.random()), float(rng.random()), w, h, source, 1.0))
            else:
                blocks.append(Block(float(rng.random()), float(rng.random()), w, h, None, float(rng.uniform(4, 9))))
    tint = None
    if s >= 0.1:
        blend, amounts = HUES[int(rng.integers(len(HUES)))]
        tint = (blend, tint_for(blend, amounts, s))
    return Look(tuple(tears), split, tuple(blocks), tint)
