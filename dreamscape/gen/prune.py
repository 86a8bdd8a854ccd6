"""Phase 'prune': removes dead-end corridors, leaving sparser halls and hollows.

Each pass walls up every current dead end in the prunable regions, so a pass
shortens every blind corridor by one tile. being_trapped prunes less (more
dead ends remain); isolation prunes more (a sparser dream).
"""

from __future__ import annotations

import numpy as np

from dreamscape.core import tiles as T
from dreamscape.gen.build import Build
from dreamscape.gen.grid import cardinal_count

PRUNED_THEMES = (T.HALLS, T.GARDENS, T.HOLLOW, T.ABYSS, T.DROWNED)
_PRUNED = np.isin(np.arange(len(T.THEMES)), PRUNED_THEMES)


def run(build: Build) -> None:
    trapped, isolation = build.knob("being_trapped"), build.knob("isolation")
    passes = int(round(12 * (1.0 - trapped) * (1.0 + 0.8 * isolation)))
    # Mazes keep most of their blind alleys; only a few of their shortest spurs go.
    maze_passes = int(round(2 * (1.0 - trapped)))
    prunable = _PRUNED[build.regions]
    maze = build.regions == T.MAZE
    tiles = build.tiles
    for step in range(max(passes, maze_passes)):
        floor = tiles == T.FLOOR
        dead = floor & (cardinal_count(floor) <= 1)
        allowed = prunable if step < passes else np.zeros_like(prunable)
        if step < maze_passes:
            allowed = allowed | maze
        dead &= allowed
        if not dead.any():
            break
        tiles[dead] = T.WALL
