"""The 'blackout' climax (chapter 4, Zara's story): the network is down and the woken share their sight.

From the first tick the lights are out (LightsOut): the player's own sight
reaches only BLACKOUT_SIGHT tiles and grows by BLACKOUT_GROWTH for each
dreamer woken, up to the usual SIGHT (hollow regions still bound it to
DARK_SIGHT). A woken dreamer stays where they woke and lends what they see
(SightShared): every tile in their own field of view (SHARED_SIGHT tiles, the
player's algorithm; DARK_SIGHT in a hollow region) is visible to the player,
and so is whatever stands there. Their fields are computed again only when
the ground changes or someone new joins. Once every dreamer shares, the
shared dreamspace holds (DreamspaceShared): the player's sight is whole
again. The way out is always open. No marks, no randomness: integers and
the world's own order only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from dreamscape.sim import rules as R
from dreamscape.sim.climax_rule import ClimaxRule
from dreamscape.sim.events import DreamspaceShared, Event, LightsOut, SightShared
from dreamscape.sim.sight import fov_near

if TYPE_CHECKING:
    from dreamscape.sim.world import World

BLACKOUT = "blackout"


def blackout_radius(sharing: int, resolved: bool) -> int:
    """The player's own sight radius with `sharing` dreamers lending theirs (before hollow regions)."""
    if resolved:
        return R.SIGHT
    return min(R.SIGHT, R.BLACKOUT_SIGHT + R.BLACKOUT_GROWTH * sharing)


class Blackout(ClimaxRule):
    """The 'blackout' climax in one world: `begun` from the start (the lights are out),
    `resolved` once every dreamer shares their sight."""

    name = BLACKOUT

    def __init__(self, world: World) -> None:
        super().__init__(world)
        self.begun = True
        #: Which dreamers lend their sight (each from the tick they woke).
        self.sharing = [False] * len(world.dreamers)
        self._dark = world.sight.dark
        self._lent: np.ndarray | None = None
        self._lent_key: tuple | None = None
        #: Times the lent sight was computed (for the tests: only when the ground or the sharers change).
        self.computed = 0

    @property
    def shared_count(self) -> int:
        return sum(self.sharing)

    def radius(self) -> int:
        return blackout_radius(self.shared_count, self.resolved)

    def ints(self) -> bytes:
        return super().ints() + bytes(self.sharing)

    def step(self, world: World, events: list[Event]) -> bool:
        """The lights go out on the first tick; each dreamer woken shares their sight."""
        t = world.tick
        if t == 0:
            events.append(LightsOut(t, self.radius()))
        for i, awake in enumerate(world.awake):
            if awake and not self.sharing[i]:
                self.sharing[i] = True
                events.append(SightShared(t, i, self.radius()))
        if not self.resolved and self.sharing and all(self.sharing):
            self.resolved = True
            events.append(DreamspaceShared(t))
        return False

    def sight(self, world: World) -> tuple[int, np.ndarray | None, object]:
        """The player's radius, and the tiles the sharing dreamers see (computed again only
        when the ground or the sharers change), with the key that tells them apart."""
        if not any(self.sharing):
            return self.radius(), None, None
        key = (tuple(self.sharing), world.terrain.version)
        if key != self._lent_key:
            tiles = world.terrain.tiles
            lent = np.zeros(tiles.shape, bool)
            for i, (x, y) in enumerate(world.dreamers):
                if self.sharing[i]:
                    fov_near(tiles, x, y, R.DARK_SIGHT if self._dark[y, x] else R.SHARED_SIGHT, lent)
            self._lent, self._lent_key = lent, key
            self.computed += 1
        return self.radius(), self._lent, self._lent_key
