"""The 'doubt' climax (chapter 1, Leo's story): the Doubt, the loop and the friends' beacons.

A level whose climax is 'doubt' has three beacons, one per friend (Ava, Mia,
Noah), placed by the generator (gen/beacons.py). When the last dreamer is
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
from dreamscape.sim.events import BeaconLit, BridgeOpened, DoubtRose, Event, LoopBroken

if TYPE_CHECKING:
    from dreamscape.sim.world import World

DOUBT = "doubt"


class Loop:
    """The state of a 'doubt' climax in one world: beacons lit, Doubt risen, loop broken."""

    def __init__(self, beacons: list[tuple[int, int]], friends: list[str]) -> None:
        self.beacons = beacons
        self.friends = friends
        self.lit = [False] * len(beacons)
        self.risen = False
        self.broken = False
        #: The Doubt's index among the world's manifestations while it is risen, else -1.
        self.doubt = -1

    @property
    def active(self) -> bool:
        """The level has this climax at all."""
        return bool(self.beacons)

    @property
    def exit_open(self) -> bool:
        """Whether reaching the exit wins (always, without this climax)."""
        return not self.beacons or self.broken

    def unlit(self) -> list[tuple[int, tuple[int, int]]]:
        """(index, position) of the beacons not yet lit."""
        return [(i, pos) for i, pos in enumerate(self.beacons) if not self.lit[i]]

    def ints(self) -> bytes:
        """Its part of the world's checksum (nothing without the climax)."""
        if not self.beacons:
            return b""
        return bytes(self.lit) + bytes((self.risen, self.broken, self.doubt + 1))


def step_loop(world: World, events: list[Event]) -> bool:
    """The climax's part of a tick, after the player's: the Doubt rises, beacons light, the loop breaks.

    True on the tick the Doubt rises (the beacons' first call goes out at once)."""
    loop = world.doubt_loop
    if not loop.active or loop.broken:
        return False
    t = world.tick
    if not loop.risen:
        if all(world.awake):
            _rise(world, events)
            return True
        return False
    p = world.player
    for i, pos in loop.unlit():
        if pos == (p.x, p.y):
            loop.lit[i] = True
            events.append(BeaconLit(t, i, loop.friends[i]))
    if all(loop.lit):
        gone = loop.doubt
        del world.haunts[gone]
        del world.haunt_kinds[gone]
        loop.broken, loop.doubt = True, -1
        events.append(LoopBroken(t, gone))
        events.append(BridgeOpened(t, BRIDGE_BUILDER, *world.exit))
    return False


def _rise(world: World, events: list[Event]) -> None:
    loop = world.doubt_loop
    x, y = rise_tile(world.terrain.walkable(), (world.player.x, world.player.y), world.occupied())
    doubt = Haunt(DOUBT, x, y, x, y, state=HUNT, trail=R.LOSE_TRAIL)
    world.haunts.append(doubt)
    world.haunt_kinds.append(R.KINDS[DOUBT])
    loop.risen, loop.doubt = True, len(world.haunts) - 1
    events.append(DoubtRose(world.tick, loop.doubt, x, y))


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
