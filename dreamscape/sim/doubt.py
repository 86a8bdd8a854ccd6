"""The 'doubt' climax (chapter 1, Leo's story): the Doubt, the loop and the friends' beacons.

A level whose climax is 'doubt' has three beacons, one per friend (Ava, Mia,
Noah), placed by the generator (gen/marks.py). When the last dreamer is
woken their Doubt rises (DoubtRose): a large, slow manifestation of kind
'doubt' that always hunts, a few steps from them, and the way out is folded
into a loop: the exit stays where it was but reaching it does not win. From
then on each beacon the player steps onto is lit (BeaconLit), and unlit
beacons call like dreamers (calls.py). When all three are lit the loop is
broken: the Doubt is unmade (LoopBroken) and Mia's bridge opens the exit
(BridgeOpened). A level without this climax has no beacons and nothing here
happens. Integers only: the Doubt's place is chosen by walking distance with
a fixed tie-break, drawing nothing from any stream.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from dreamscape.core.climax import BRIDGE_BUILDER
from dreamscape.gen.grid import UNREACHED, distance_from
from dreamscape.sim import rules as R
from dreamscape.sim.actors import HUNT, Haunt
from dreamscape.sim.climax_rule import ClimaxRule
from dreamscape.sim.events import BeaconLit, BridgeOpened, DoubtRose, Event, LoopBroken

if TYPE_CHECKING:
    from dreamscape.sim.world import World

DOUBT = "doubt"


class Doubt(ClimaxRule):
    """The 'doubt' climax in one world: the marks are the friends' beacons;
    `begun` is the Doubt risen, `resolved` the loop broken."""

    name = DOUBT

    def __init__(self, world: World) -> None:
        super().__init__(world)
        #: The Doubt's index among the world's manifestations while it is risen, else -1.
        self.doubt = -1

    @property
    def exit_open(self) -> bool:
        return self.resolved

    def needed(self) -> list[int]:
        return self.pending() if self.begun else []

    def pending(self) -> list[int]:
        return [] if self.resolved else [i for i, lit in enumerate(self.done) if not lit]

    def ints(self) -> bytes:
        return super().ints() + bytes((self.doubt + 1,))

    def step(self, world: World, events: list[Event]) -> bool:
        """The Doubt rises once everyone is awake, beacons light, the loop breaks.

        True on the tick the Doubt rises (the beacons' first call goes out at once)."""
        if self.resolved:
            return False
        t = world.tick
        if not self.begun:
            if all(world.awake):
                self._rise(world, events)
                return True
            return False
        p = world.player
        for i in self.pending():
            if self.marks[i] == (p.x, p.y):
                self.done[i] = True
                events.append(BeaconLit(t, i, self.labels[i]))
        if all(self.done):
            gone = self.doubt
            del world.haunts[gone]
            del world.haunt_kinds[gone]
            self.resolved, self.doubt = True, -1
            events.append(LoopBroken(t, gone))
            events.append(BridgeOpened(t, BRIDGE_BUILDER, *world.exit))
        return False

    def _rise(self, world: World, events: list[Event]) -> None:
        x, y = rise_tile(world.terrain.walkable(), (world.player.x, world.player.y), world.occupied())
        doubt = Haunt(DOUBT, x, y, x, y, state=HUNT, trail=R.LOSE_TRAIL)
        world.haunts.append(doubt)
        world.haunt_kinds.append(R.KINDS[DOUBT])
        self.begun, self.doubt = True, len(world.haunts) - 1
        events.append(DoubtRose(world.tick, self.doubt, x, y))


def rise_tile(walkable: np.ndarray, near: tuple[int, int], occupied: set[tuple[int, int]]) -> tuple[int, int]:
    """Where the Doubt rises: the walkable tile farthest by walking from `near` within
    DOUBT_SPAWN steps, not occupied; of equals the first in reading order. `near` itself when nothing else is."""
    dist = distance_from(walkable, [near])
    ok = (dist != UNREACHED) & (dist <= R.DOUBT_SPAWN) & (dist > 0)
    for x, y in occupied:
        if 0 <= y < ok.shape[0] and 0 <= x < ok.shape[1]:
            ok[y, x] = False
    if not ok.any():
        return near
    best = int(dist[ok].max())
    i = int(np.flatnonzero((ok & (dist == best)).ravel())[0])
    return i % walkable.shape[1], i // walkable.shape[1]
