"""The 'replay' climax (chapter 3, Mira's story): a night that rewinds until its memories are found.

A level whose climax is 'replay' has three memories (marks of kind
'memory', placed by gen/marks.py), each a thing the dreamer's curated loop
was made to hide. The climax holds from the first tick: the memories call
like dreamers until seen, the way out stays sealed, and every
REPLAY_PERIOD ticks the night replays (NightReplayed): every manifestation
is set back at its post, forgetting the player, as the loop starts over.
Stepping onto a memory finds it (MemoryFound); with all found the dreamer
remembers (LoopRemembered), the night stops replaying and reaching the exit
wins once everyone is awake. Integers only; nothing is drawn from any stream.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dreamscape.core.timing import TICKS_PER_SECOND
from dreamscape.sim.actors import WANDER
from dreamscape.sim.climax_rule import ClimaxRule
from dreamscape.sim.events import Event, LoopRemembered, MemoryFound, NightReplayed

if TYPE_CHECKING:
    from dreamscape.sim.world import World

REPLAY = "replay"
#: The night starts over this often while a memory is still hidden.
REPLAY_PERIOD = 45 * TICKS_PER_SECOND
#: A manifestation this near the player (Chebyshev) when the night replays stays where it is:
#: nothing appears on top of the player.
REPLAY_CLEARANCE = 2


class Replay(ClimaxRule):
    """The 'replay' climax in one world: the marks are the memories; `resolved` is all found."""

    name = REPLAY

    def __init__(self, world: World) -> None:
        super().__init__(world)
        self.begun = bool(self.marks)
        #: How many times the night has replayed.
        self.replays = 0

    @property
    def exit_open(self) -> bool:
        return self.resolved or not self.marks

    def needed(self) -> list[int]:
        return self.pending()

    def pending(self) -> list[int]:
        return [] if self.resolved else [i for i, found in enumerate(self.done) if not found]

    def ints(self) -> bytes:
        return super().ints() + self.replays.to_bytes(4, "little")

    def step(self, world: World, events: list[Event]) -> bool:
        """Memories are found underfoot; the night replays on its period; all found, the loop ends."""
        if self.resolved or not self.marks:
            return False
        t = world.tick
        p = world.player
        for i in self.pending():
            if self.marks[i] == (p.x, p.y):
                self.done[i] = True
                events.append(MemoryFound(t, i, self.labels[i]))
        if all(self.done):
            self.resolved = True
            events.append(LoopRemembered(t, *world.exit))
            return True  # the exit may hum now
        if t > 0 and t % REPLAY_PERIOD == 0:
            self.replays += 1
            _rewind(world)
            events.append(NightReplayed(t, self.replays))
        return False


def _rewind(world: World) -> None:
    """Every manifestation not close to the player back at its post, wandering, its step undone."""
    p = world.player
    for h in world.haunts:
        if max(abs(h.home_x - p.x), abs(h.home_y - p.y)) <= REPLAY_CLEARANCE:
            continue
        h.x, h.y, h.tx, h.ty, h.move_left = h.home_x, h.home_y, -1, -1, 0
        h.state, h.trail, h.last_dir = WANDER, 0, 0
