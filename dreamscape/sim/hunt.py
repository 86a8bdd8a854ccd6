"""The distance field hunters follow toward the player.

One tcod Dijkstra over a window around the player, recomputed only when the
player's tile or the ground changes, and only while someone is hunting.
"""

from __future__ import annotations

import numpy as np
import tcod

from dreamscape.sim.rules import HUNT_WINDOW

FAR = np.iinfo(np.int32).max


class HuntField:
    """Walking distance to the player from every tile near them."""

    def __init__(self) -> None:
        self._key: tuple | None = None
        self.dist: np.ndarray = np.zeros((0, 0), np.int32)
        self.x0 = self.y0 = 0

    def update(self, walkable: np.ndarray, x: int, y: int, version: int) -> None:
        key = (x, y, version)
        if key == self._key:
            return
        self._key = key
        h, w = walkable.shape
        self.x0, self.y0 = max(0, x - HUNT_WINDOW), max(0, y - HUNT_WINDOW)
        x1, y1 = min(w, x + HUNT_WINDOW + 1), min(h, y + HUNT_WINDOW + 1)
        cost = walkable[self.y0 : y1, self.x0 : x1].astype(np.int8)
        dist = np.full(cost.shape, FAR, np.int32)
        dist[y - self.y0, x - self.x0] = 0
        tcod.path.dijkstra2d(dist, cost, 1, 0, out=dist)
        self.dist = dist

    def at(self, x: int, y: int) -> int:
        """Distance from (x, y) to the player, FAR outside the window or unreachable."""
        lx, ly = x - self.x0, y - self.y0
        if 0 <= ly < self.dist.shape[0] and 0 <= lx < self.dist.shape[1]:
            return int(self.dist[ly, lx])
        return FAR
