"""Field of view: tcod's symmetric shadowcasting, recomputed only when needed.

Symmetric means the player sees a manifestation exactly when it sees the
player, so one computation serves both: that is `eyes`, the player's own
field of view, which the manifestations notice through. Sight shrinks in
hollow regions, and a climax may shrink it further (`cap`) and lend the
player tiles others see (`lent`, the 'blackout' climax's woken dreamers):
`visible` is what the player sees now, by their own eyes or lent ones.
"""

from __future__ import annotations

import numpy as np
import tcod

from dreamscape.core import tiles as T
from dreamscape.sim.rules import DARK_SIGHT, SIGHT


def fov(tiles: np.ndarray, x: int, y: int, radius: int) -> np.ndarray:
    """The tiles seen from (x, y) within `radius` (the player's algorithm), as a mask of the whole map."""
    # tcod's radius is exclusive for this algorithm: ask one more to see `radius` tiles.
    return tcod.map.compute_fov(T.TRANSPARENT[tiles], (y, x), radius + 1, algorithm=tcod.constants.FOV_SYMMETRIC_SHADOWCAST)


def fov_near(tiles: np.ndarray, x: int, y: int, radius: int, out: np.ndarray) -> None:
    """Or into `out` the tiles seen from (x, y) within `radius`, computed on the window round it only.

    The same tiles as `fov` (nothing beyond the radius is ever seen), for a fraction of the cost."""
    h, w = tiles.shape
    x0, y0 = max(0, x - radius - 1), max(0, y - radius - 1)
    x1, y1 = min(w, x + radius + 2), min(h, y + radius + 2)
    seen = tcod.map.compute_fov(
        T.TRANSPARENT[tiles[y0:y1, x0:x1]], (y - y0, x - x0), radius + 1, algorithm=tcod.constants.FOV_SYMMETRIC_SHADOWCAST
    )
    out[y0:y1, x0:x1] |= seen


class Sight:
    """What the player sees now, and everything they have seen."""

    def __init__(self, shape: tuple[int, int], dark: np.ndarray) -> None:
        self.dark = dark
        #: The player's own field of view (what sees them back).
        self.eyes = np.zeros(shape, bool)
        #: What the player sees now: their own field of view and any lent to them.
        self.visible = self.eyes
        #: The tiles others lend the player's sight (None: none are).
        self.lent: np.ndarray | None = None
        self.seen = np.zeros(shape, bool)
        #: The radius of the player's own sight at the last recomputation.
        self.radius = SIGHT
        self._key: tuple | None = None
        #: Bumped at every recomputation (so views can tell when `seen` may have grown).
        self.version = 0

    def update(self, tiles: np.ndarray, x: int, y: int, version: int, cap: int = SIGHT, lent: np.ndarray | None = None, lent_key: object = None) -> None:
        """Recompute when the player's tile, the ground, the radius or what is lent has changed.

        `cap` bounds the radius (hollow regions bound it to DARK_SIGHT as well);
        `lent` is a mask of tiles seen by others, told apart by `lent_key`."""
        radius = min(cap, DARK_SIGHT if self.dark[y, x] else SIGHT)
        key = (x, y, version, radius, lent_key)
        if key == self._key:
            return
        self._key = key
        self.version += 1
        self.radius = radius
        self.eyes = fov(tiles, x, y, radius)
        self.lent = lent
        self.visible = self.eyes if lent is None else self.eyes | lent
        self.seen |= self.visible
