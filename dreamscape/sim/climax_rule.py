"""The part every climax plays in a world's tick (core.climax names them; sim/climaxes.py makes them).

A `ClimaxRule` holds its climax's state: its marks (placed by gen/marks.py)
and which are done, whether the climax has begun and whether it is resolved.
The world asks it, each tick, what the climax does after the player's move
(`step`), what the use command does (`use`), whether the way out is open,
which marks must stay within reach of the player (`places`), which call
like dreamers (`callers`) and how far the player sees (`sight`). The base rule is a level without a climax:
nothing happens and the exit is always open.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from dreamscape.sim import rules as R
from dreamscape.sim.calls import mark_call, mark_of
from dreamscape.sim.events import Event

if TYPE_CHECKING:
    from dreamscape.sim.world import World


class ClimaxRule:
    """A level's climax in play; this base is the climax of a level without one."""

    #: The core.climax name ('' for none).
    name = ""

    def __init__(self, world: World) -> None:
        marks = world.ds.marks
        self.marks = [(m.x, m.y) for m in marks]
        self.kinds = [m.kind for m in marks]
        self.labels = [m.label for m in marks]
        self.done = [False] * len(marks)
        #: The climax has begun (the Doubt rose, the lights went out...).
        self.begun = False
        #: The climax is resolved (the loop broken, the memories found...).
        self.resolved = False
        #: Strokes of paint the player holds, and the tiles painted so far, in order ('prison').
        self.paint = 0
        self.painted: list[tuple[int, int]] = []
        #: Times the player was carried back to the start ('prison').
        self.carried = 0

    @property
    def exit_open(self) -> bool:
        """Whether reaching the exit wins once everyone is awake."""
        return True

    @property
    def exit_hums(self) -> bool:
        """Whether the exit calls like a dreamer until seen (not while disguised)."""
        return True

    def disguised(self) -> list[tuple[int, int]]:
        """Tiles that look exactly like the way out now, the exit among them, sorted
        (none without a climax that disguises it: the exit is known for itself)."""
        return []

    def needed(self) -> list[int]:
        """Marks the player must stand on now (for the calls, the view and the bots)."""
        return []

    def pending(self) -> list[int]:
        """Marks the player will have to stand on and has not: they must stay within reach."""
        return []

    def step(self, world: World, events: list[Event]) -> bool:
        """The climax's part of a tick, after the player's; True when the calls should pulse at once."""
        return False

    def use(self, world: World, events: list[Event]) -> None:
        """The use command, with the player standing still (nothing, without a climax that has one)."""

    def places(self) -> list[tuple[int, tuple[int, int]]]:
        """(reach id, position) of the tiles that must stay within reach besides the dreamers and the exit."""
        return [(mark_call(i), self.marks[i]) for i in self.pending()]

    def callers(self, seen) -> list[tuple[int, int, int]]:
        """(call index, x, y) of the marks that call this pulse: the needed ones not yet seen."""
        return [(mark_call(i), *self.marks[i]) for i in self.needed() if not seen[self.marks[i][1], self.marks[i][0]]]

    def still_calls(self, index: int, seen) -> bool:
        """Whether a mark's call heard at the last pulse still stands (it is needed and unseen)."""
        i = mark_of(index)
        x, y = self.marks[i]
        return i in self.needed() and not seen[y, x]

    def sight(self, world: World) -> tuple[int, np.ndarray | None, object]:
        """The player's sight radius now (at most), the tiles others lend them (or None)
        and a key that changes whenever those do (see Sight.update)."""
        return R.SIGHT, None, None
    def view_fields(self, tick: int, seen) -> dict:
        """Fields of the View only this climax has (`seen`: the fog view's mask, None for the whole view)."""
        return {}

    def key(self) -> tuple:
        """What the reach caches must be judged again on when it changes."""
        return (tuple(self.done), self.begun, self.resolved)

    def ints(self) -> bytes:
        """Its part of the world's checksum (nothing without a climax)."""
        if not self.name:
            return b""
        return bytes(self.done) + bytes((self.begun, self.resolved))
