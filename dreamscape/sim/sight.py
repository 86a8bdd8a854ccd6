"""Field of view: tcod's symmetric shadowcasting, recomputed only when needed.

Symmetric means the player sees a manifestation exactly when it sees the
player, so one computation serves both. Sight shrinks in hollow regions.
"""

from __future__ import annotations

import numpy as np
import tcod

from dreamscape.core import tiles as T
from dreamscape.sim.rules import DARK_SIGHT, SIGHT


class Sight:
    """What the player sees now, and everything they have seen."""

    def __init__(self, shape: tuple[int, int], dark: np.ndarray) -> None:
        self.dark = dark
        self.visible = np.zeros(shape, bool)
        self.seen = np.zeros(shape, bool)
        self._key: tuple | None = None
        #: Bumped at every recomputation (so views can tell when `seen` may have grown).
        self.version = 0

    def update(self, tiles: np.ndarray, x: int, y: int, version: int) -> None:
        """Recompute when the player's tile or the ground has changed."""
        key = (x, y, version)
        if key == self._key:
            return
        self._key = key
        self.version += 1
        radius = DARK_SIGHT if self.dark[y, x] else SIGHT
        # tcod's radius is exclusive for this algorithm: ask one more to see `radius` tiles.
        self.visible = tcod.map.compute_fov(T.TRANSPARENT[tiles], (y, x), radius + 1, algorithm=tcod.constants.FOV_SYMMETRIC_SHADOWCAST)
        self.seen |= self.visible
