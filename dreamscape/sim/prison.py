"""The 'prison' climax (chapter 2, Lila and Anya): the false doorways and Lila's paint.

A level whose climax is 'prison' has a few bright doorways (marks of kind
'doorway', placed by gen/marks.py) that look exactly like the way out, and
so does the exit itself: while the prison is masked, the fog view shows the
doorways and the exit alike (`disguised`) and the exit does not hum.
Stepping onto a false doorway carries the player gently back to the start
(CarriedBack), unless that would strand them: from the start, walking round
every masked doorway, each sleeping dreamer and the exit they can reach from
where they stand must still be within reach; a doorway that stands in the
only way lets them pass.

Dreamer 0 is Lila (core.climax.PAINTER), dreamer 1 Anya (UNMASKER); with one
dreamer, that one plays both parts. Waking Lila lends PAINT_CHARGES strokes
of paint (PaintGiven): the use command paints the tile the player faces, a
wall (never the map's border) into floor or a gap of water or void into a
causeway (Painted), one stroke each; anything else, or with no paint left,
does nothing (PaintFailed). Waking Anya unmasks the doorways (Unmasked): they
become harmless husks and the exit is known, and hums, again. Integers only;
nothing is drawn from any stream.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from dreamscape.core import tiles as T
from dreamscape.core.climax import PAINTER, UNMASKER
from dreamscape.sim.climax_rule import ClimaxRule
from dreamscape.sim.commands import STEPS
from dreamscape.sim.events import CarriedBack, Event, Moved, PaintFailed, PaintGiven, Painted, Unmasked
from dreamscape.sim.reach import goals_out_of_reach

if TYPE_CHECKING:
    from dreamscape.sim.world import World

PRISON = "prison"
#: Strokes of paint Lila lends when she wakes.
PAINT_CHARGES = 3
#: What paint makes of each tile it can change: walls become floor, the deep a causeway.
PAINTS = {T.WALL: T.FLOOR, T.WATER: T.BRIDGE, T.VOID: T.BRIDGE}


class Prison(ClimaxRule):
    """The 'prison' climax in one world: the marks are the false doorways; `begun` is
    Lila's paint lent, `resolved` the doorways unmasked (Anya awake)."""

    name = PRISON

    def __init__(self, world: World) -> None:
        super().__init__(world)
        self.start = world.ds.start
        n = len(world.dreamers)
        #: The dreamer indices of the painter and of the one who unmasks.
        self.painter, self.unmasker = (0, min(1, n - 1)) if n else (-1, -1)
        self.exit = world.exit
        self._safe: dict[tuple, bool] = {}

    @property
    def exit_hums(self) -> bool:
        return self.resolved

    def disguised(self) -> list[tuple[int, int]]:
        if self.resolved:
            return []
        return sorted([*self.marks, self.exit], key=lambda pos: (pos[1], pos[0]))

    def ints(self) -> bytes:
        return super().ints() + np.array([self.paint, self.carried, *[v for pos in self.painted for v in pos]], np.int64).tobytes()

    def step(self, world: World, events: list[Event]) -> bool:
        """Lila lends her paint and Anya unmasks the doorways as they wake; a masked
        doorway stepped onto carries the player back. True on the tick of the unmasking
        (the exit's hum goes out at once)."""
        t = world.tick
        awake = world.awake
        if not self.begun and (self.painter < 0 or awake[self.painter]):
            self.begun = True
            self.paint = PAINT_CHARGES
            events.append(PaintGiven(t, PAINTER, PAINT_CHARGES))
        if self.resolved:
            return False
        if self.unmasker < 0 or awake[self.unmasker]:
            self.resolved = True
            self.done = [True] * len(self.marks)
            events.append(Unmasked(t, UNMASKER, len(self.marks)))
            return True
        p = world.player
        here = (p.x, p.y)
        if here in self.marks and any(isinstance(e, Moved) and (e.x, e.y) == here for e in events):
            i = self.marks.index(here)
            if self._may_carry(world, i):
                p.x, p.y = self.start
                p.tx, p.ty, p.move_left = -1, -1, 0
                self.carried += 1
                events.append(CarriedBack(t, i, *self.start))
        return False

    def _may_carry(self, world: World, doorway: int) -> bool:
        """Whether carrying the player from `doorway` to the start strands no one: from the
        start, round every masked doorway, each sleeping dreamer and the exit within reach
        of the doorway stays within reach. Judged once per doorway, ground and awake set."""
        terrain = world.terrain
        key = (doorway, terrain.version, tuple(world.awake))
        known = self._safe.get(key)
        if known is not None:
            return known
        sx, sy = self.start
        here = self.marks[doorway]
        ok = here != self.start and bool(T.WALKABLE[terrain.tiles[sy, sx]])
        if ok:
            asleep = [(i, pos) for i, pos in enumerate(world.dreamers) if not world.awake[i]]
            places = self.places()
            walled = terrain.tiles.copy()
            for x, y in self.marks:
                walled[y, x] = T.WALL
            lost_here = goals_out_of_reach(terrain.tiles, terrain.ends, here, asleep, world.exit, places)
            lost_there = goals_out_of_reach(walled, terrain.ends, self.start, asleep, world.exit, places)
            ok = all(goal in lost_here for goal in lost_there)
        if len(self._safe) > 64:
            self._safe.clear()
        self._safe[key] = ok
        return ok

    def use(self, world: World, events: list[Event]) -> None:
        """Paint the tile the player faces, if it can be painted and paint is left."""
        p = world.player
        dx, dy = STEPS.get(p.facing, (0, 0))
        x, y = p.x + dx, p.y + dy
        h, w = world.terrain.tiles.shape
        t = world.tick
        inside = 0 < x < w - 1 and 0 < y < h - 1
        code = int(world.terrain.tiles[y, x]) if inside else -1
        if self.paint <= 0 or code not in PAINTS:
            events.append(PaintFailed(t, x, y, self.paint))
            return
        world.terrain.paint(x, y, PAINTS[code])
        self.paint -= 1
        self.painted.append((x, y))
        events.append(Painted(t, x, y, self.paint))
