"""The ground as it stands now: tiles after the glitches so far, doors on their rhythm.

A glitch may not take the ground from under anyone: a change that would make
an occupied tile unwalkable waits in `pending` until the tile is left. Nor
may it shut anyone in: given `keeps`, a glitch (or a deferred change) that
would take ground away is first tried on a copy, and waits while `keeps`
refuses it; the glitches after it wait too (see World._keeps_ways).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import numpy as np

from dreamscape.core import tiles as T
from dreamscape.gen.dreamscape import Dreamscape, Portal
from dreamscape.sim.commands import STEPS
from dreamscape.sim.reach import portal_ends
from dreamscape.sim.rules import can_step, door_open


#: keeps(what, trial) -> may this change go ahead? `what` names it (("glitch", index)
#: or ("tile", (x, y))); `trial()` gives the ground after it: (tiles, portal ends).
Keeps = Callable[[tuple, Callable[[], tuple[np.ndarray, dict]]], bool]


class Terrain:
    """Tiles, deferred glitch changes, open portals; answers 'may I step there?'."""

    def __init__(self, ds: Dreamscape) -> None:
        self.tiles = ds.tiles.copy()
        self.glitches = ds.glitches
        self.next_glitch = 0
        self.pending: dict[tuple[int, int], int] = {}
        self.held = -1  # the glitch `keeps` last refused, while it waits (-1: none)
        #: Ticks the whole schedule has been put back by (a 'nexus' hack), and the
        #: tick before which nothing of it happens (no glitch, no deferred change).
        self.delay = 0
        self.hold_until = 0
        #: Glitches that will never strike (their ward woken, 'nexus'); skipped when due.
        self.eased = bytearray(len(self.glitches))
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
        #: Each portal end, and where stepping onto it puts the walker down.
        self.ends = portal_ends(self.portals)

    @staticmethod
    def door_open(x: int, y: int, tick: int) -> bool:
        """Rhythm doors alternate every DOOR_PERIOD ticks, neighbours out of step."""
        return door_open(x, y, tick)

    def can_step(self, x: int, y: int, direction: int, tick: int) -> bool:
        """May a walker on (x, y) step one tile in `direction` at this tick?"""
        dx, dy = STEPS[direction]
        return can_step(self.tiles, x, y, dx, dy, tick)

    def busy(self, tick: int) -> bool:
        """Whether a glitch is due by `tick` or a deferred change waits (and nothing holds them)."""
        if tick < self.hold_until:
            return False
        n = self.next_glitch
        return (n < len(self.glitches) and self.glitches[n].tick + self.delay <= tick) or bool(self.pending)

    def fire_glitches(self, tick: int, occupied: set[tuple[int, int]], keeps: Keeps | None = None) -> list[tuple[int, int]]:
        """Apply every glitch due by `tick`; returns (glitch index, tiles changed now).

        A glitch `keeps` refuses stays next in line (`held`), and so do those after it.
        An eased glitch is passed over, changing nothing.
        """
        fired = []
        self.held = -1
        while self.next_glitch < len(self.glitches) and self.glitches[self.next_glitch].tick + self.delay <= tick:
            index = self.next_glitch
            glitch = self.glitches[index]
            if self.eased[index]:
                self.next_glitch += 1
                continue
            if keeps is not None and self._takes_ground(glitch) and not keeps(("glitch", index), partial(self._after, glitch)):
                self.held = index
                break
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

    @staticmethod
    def _takes_ground(glitch) -> bool:
        """Could this glitch cut a way? Not if it only lays two-way ground and opens no portal."""
        return bool(glitch.portals) or (len(glitch.changes) > 0 and not T.STRICT[glitch.changes[:, 2]].all())

    def _after(self, glitch) -> tuple[np.ndarray, dict]:
        """The ground once `glitch` has fully happened (every change, none deferred)."""
        tiles = self.tiles.copy()
        glitch.apply(tiles)
        return tiles, portal_ends(self.portals + list(glitch.portals)) if glitch.portals else self.ends

    def settle(self, occupied: set[tuple[int, int]], keeps: Keeps | None = None) -> None:
        """Apply deferred changes whose tiles have been left (and that `keeps` allows)."""
        if not self.pending:
            return
        for pos in [p for p in self.pending if p not in occupied]:
            x, y = pos
            if keeps is not None and not keeps(("tile", pos), partial(self._with, x, y, self.pending[pos])):
                continue
            self.tiles[y, x] = self.pending.pop(pos)
            self.version += 1

    def _with(self, x: int, y: int, code: int) -> tuple[np.ndarray, dict]:
        tiles = self.tiles.copy()
        tiles[y, x] = code
        return tiles, self.ends

    def paint(self, x: int, y: int, code: int) -> None:
        """Lay `code` on (x, y) at once (a climax's paint: it only ever adds ground).

        A glitch change still waiting on the tile is dropped: the paint is newer."""
        self.tiles[y, x] = code
        self.pending.pop((x, y), None)
        self.version += 1

    def walkable(self) -> np.ndarray:
        """Walkable mask of the ground now (doors counted open); cached per version."""
        if self._walk_version != self.version:
            self._walk = T.WALKABLE[self.tiles]
            self._walk_version = self.version
        return self._walk
