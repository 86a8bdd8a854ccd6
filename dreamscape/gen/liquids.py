"""Phase 'liquids': drowned quarters fill with water, the abyss with void, gardens grow.

Walls in a drowned or abyss region turn to water or void, so their corridors
become causeways and walkways over the deep; the corridors themselves are
kept, which keeps every route. Garden floors turn soft (they slow the walker).
"""

from __future__ import annotations

import numpy as np

from dreamscape.core import tiles as T
from dreamscape.gen.build import Build


def run(build: Build) -> None:
    tiles, regions = build.tiles, build.regions
    inner = np.zeros(tiles.shape, bool)
    inner[1:-1, 1:-1] = True
    wall = (tiles == T.WALL) & inner
    tiles[wall & (regions == T.DROWNED)] = T.WATER
    tiles[wall & (regions == T.ABYSS)] = T.VOID
    deep = (tiles == T.WATER) | (tiles == T.VOID)
    # A floor tile with the deep on both sides is a bridge.
    both_h = np.zeros_like(deep)
    both_h[:, 1:-1] = deep[:, :-2] & deep[:, 2:]
    both_v = np.zeros_like(deep)
    both_v[1:-1, :] = deep[:-2, :] & deep[2:, :]
    tiles[(tiles == T.FLOOR) & (both_h | both_v)] = T.BRIDGE
    tiles[(tiles == T.FLOOR) & (regions == T.GARDENS)] = T.GARDEN
