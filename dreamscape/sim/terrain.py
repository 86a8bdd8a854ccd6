"""The ground as it stands now: tiles after the glitches so far, doors on their rhythm.

A glitch may not take the ground from under anyone: a change that would make
an occupied tile unwalkable waits in `pending` until the tile is left.
"""

from __future__ import annotations

import numpy as np

from dreamscape.core import tiles as T
from dreamscape.gen.dreamscape import Dreamscape, Portal
from dreamscape.sim.commands import STEPS
from dreamscape.sim.rules import can_step, door_open



class Terrain:
    """Tiles, deferred glitch changes, open portals; answers 'may I step there?'."""

    def __init__(self, ds: Dreamscape) -> None:
        self.tiles = ds.tiles.copy()
        self.glitches = ds.glitches
        self.next_glitch = 0
        self.pending: dict[tuple[int, int], int] = {}
        self.portals: list[Portal] = list(ds.portals)
        self._index_portals()
        self.version = 0  # bumped whenever the ground changes (for caches)
        self._walk_version = -1
        self._walk = T.WALKABLE[self.tiles]

    def _index_portals(self) -> None:
        self.portal_at: dict[tuple[int, int], int] = {}
        for i, p in enumerate(self.portals):
            self.portal_at.setdefault(p.a, i)
            if p.two_way:
                self.portal_at.setdefault(p.b, i)

    @staticmethod
    def door_open(x: int, y: int, tick: int) -> bool:
        """Rhythm doors alternate every DOOR_PERIOD ticks, neighbours out of step."""
        return door_open(x, y, tick)

    def can_step(self, x: int, y: int, direction: int, tick: int) -> bool:
        """May a walker on (x, y) step one tile in `direction` at this tick?"""
        dx, dy = STEPS[direction]
        return can_step(self.tiles, x, y, dx, dy, tick)

    def fire_glitches(self, tick: int, occupied: set[tuple[int, int]]) -> list[tuple[int, int]]:
        """Apply every glitch due by `tick`; returns (glitch index, tiles changed now)."""
        fired = []
        while self.next_glitch < len(self.glitches) and self.glitches[self.next_glitch].tick <= tick:
            index = self.next_glitch
            glitch = self.glitches[index]
            changed = 0
            for x, y, code in glitch.changes.tolist():
                if (x, y) in occupied and not T.WALKABLE[code]:
                    self.pending[(x, y)] = code
                else:
                    self.tiles[y, x] = code
                    self.pending.pop((x, y), None)
                    changed += 1
            if glitch.portals:
                self.portals.extend(glitch.portals)
                self._index_portals()
            self.next_glitch += 1
            self.version += 1
            fired.append((index, changed))
        return fired

    def settle(self, occupied: set[tuple[int, int]]) -> None:
        """Apply deferred changes whose tiles have been left."""
        if not self.pending:
            return
        for pos in [p for p in self.pending if p not in occupied]:
            x, y = pos
            self.tiles[y, x] = self.pending.pop(pos)
            self.version += 1

    def walkable(self) -> np.ndarray:
        """Walkable mask of the ground now (doors counted open); cached per version."""
        if self._walk_version != self.version:
            self._walk = T.WALKABLE[self.tiles]
            self._walk_version = self.version
        return self._walk
