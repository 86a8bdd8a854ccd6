"""The 'nexus' climax (chapter 5): the clients' wards, their traumas, and the terminals' hack.

The facility has failed mid-cycle and a hundred and more clients sleep in
one dream, in wards around the trapped dreamers (gen/wards.py). Every glitch
belongs to a ward and is its fear breaking through: the tiles it changed
stay scarred with that fear (the view's `struck`) until the ward wakes.
Waking a ward's dreamer (the wake command, as ever) wakes the whole ward
(WardWoken): the glitches of that ward still to come are eased and never
strike, and its scars heal. The climax is begun from
the first tick and resolved once every ward is awake.

The marks are terminals. Standing on one not yet used and pressing use hacks
it (Hacked): for HOLD ticks nothing of the glitch schedule happens, and the
whole of it still to come is put back by HOLD ticks, so a glitch due k ticks
after the hack strikes exactly HOLD ticks later. Each terminal works once;
holds from two terminals run one after the other. Terminals are optional:
none is needed for the way out, which is open as it always is.
Integers only, and nothing is drawn from any stream.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from dreamscape.core.timing import TICKS_PER_SECOND
from dreamscape.sim.climax_rule import ClimaxRule
from dreamscape.sim.events import Event, Glitched, Hacked, WardWoken
from dreamscape.sim.view import ClientView, StruckView

if TYPE_CHECKING:
    from dreamscape.sim.world import World

NEXUS = "nexus"
TERMINAL = "terminal"
#: Ticks a hack holds every glitch still.
HOLD = 20 * TICKS_PER_SECOND


class Nexus(ClimaxRule):
    """The 'nexus' climax in one world: the marks are terminals (done: hacked);
    `begun` from the start, `resolved` once every ward is awake."""

    name = NEXUS

    def __init__(self, world: World) -> None:
        super().__init__(world)
        ds = world.ds
        self.terrain = world.terrain
        self.wards = ds.wards
        n = len(ds.glitches)
        self.glitch_wards = (list(ds.glitch_wards) + [-1] * n)[:n]
        self.woken = [False] * len(self.wards)
        #: Each ward's glitches, by schedule index.
        self.traumas: list[list[int]] = [[] for _ in self.wards]
        for index, ward in enumerate(self.glitch_wards):
            if ward >= 0:
                self.traumas[ward].append(index)
        #: (tick, glitch index) of the struck glitches whose ward still sleeps, newest first.
        self.scars: tuple[tuple[int, int], ...] = ()
        #: The scars' StruckViews and their tiles, made once for each `scars`.
        self._struck_key: tuple | None = None
        self._struck: tuple[StruckView, ...] = ()
        self._struck_at = (np.zeros(0, np.intp), np.zeros(0, np.intp))
        self._fog_struck: tuple = (None, ())
        self._fog_clients: tuple = (None, b"", ())
        self.begun = True
        self._clients: dict[tuple, tuple[ClientView, ...]] = {}
        self._xs = np.array([c.x for w in self.wards for c in w.clients], np.intp)
        self._ys = np.array([c.y for w in self.wards for c in w.clients], np.intp)

    @property
    def client_count(self) -> int:
        return len(self._xs)

    def clients_woken(self) -> int:
        return sum(len(w.clients) for w, awake in zip(self.wards, self.woken) if awake)

    def hold_left(self, tick: int) -> int:
        """Ticks the glitches are still held by a hack."""
        return max(0, self.terrain.hold_until - tick)

    def ints(self) -> bytes:
        terrain = self.terrain
        return super().ints() + bytes(self.woken) + np.array([terrain.hold_until, terrain.delay], np.int64).tobytes()

    def step(self, world: World, events: list[Event]) -> bool:
        """Wards wake with their dreamers (easing their glitches, healing their scars); struck glitches scar."""
        t = world.tick
        eased = self.terrain.eased
        start = self.terrain.next_glitch
        for i, ward in enumerate(self.wards):
            if self.woken[i] or not world.awake[ward.dreamer]:
                continue
            self.woken[i] = True
            count = 0
            for index in self.traumas[i]:
                if index >= start and not eased[index]:
                    eased[index] = 1
                    count += 1
            events.append(WardWoken(t, i, len(ward.clients), count))
            if self.scars:
                self.scars = tuple(r for r in self.scars if self.glitch_wards[r[1]] != i)
        if self.wards and all(self.woken):
            self.resolved = True
        struck = tuple((t, e.glitch) for e in events if isinstance(e, Glitched) and self.glitch_wards[e.glitch] >= 0)
        if struck:
            self.scars = struck + self.scars
        return False

    def use(self, world: World, events: list[Event]) -> None:
        """On a terminal not yet used: hack it, holding every glitch HOLD ticks."""
        p = world.player
        for i, pos in enumerate(self.marks):
            if pos == (p.x, p.y) and self.kinds[i] == TERMINAL and not self.done[i]:
                terrain = self.terrain
                terrain.hold_until = max(world.tick, terrain.hold_until) + HOLD
                terrain.delay += HOLD
                self.done[i] = True
                events.append(Hacked(world.tick, i, terrain.hold_until))
                return

    def view_fields(self, tick: int, seen: np.ndarray | None) -> dict:
        """The clients (those seen, through the fog), how many are awake, the hold and the struck tiles."""
        key = tuple(self.woken)
        every = self._clients.get(key)
        if every is None:
            self._clients.clear()
            every = self._clients[key] = tuple(
                ClientView(i, c.x, c.y, c.fear, self.woken[i]) for i, w in enumerate(self.wards) for c in w.clients
            )
        clients = every
        if seen is not None and every:
            shown = seen[self._ys, self._xs]
            if not shown.all():
                mask = shown.tobytes()
                made_of, made_for, made = self._fog_clients
                if made_of is not every or made_for != mask:
                    self._fog_clients = (every, mask, tuple(c for c, s in zip(every, shown.tolist()) if s))
                clients = self._fog_clients[2]
        struck = self._struck_views()
        if seen is not None and struck:
            xs, ys = self._struck_at
            shown = seen[ys, xs]
            if not shown.all():
                # The same tuple while the same scars are seen, so what draws them can keep its work.
                scars_seen = (self.scars, shown.tobytes())
                if self._fog_struck[0] != scars_seen:
                    self._fog_struck = (scars_seen, tuple(v for v, s in zip(struck, shown.tolist()) if s))
                struck = self._fog_struck[1]
        return {
            "clients": clients,
            "client_count": self.client_count,
            "clients_woken": self.clients_woken(),
            "hold_left": self.hold_left(tick),
            "struck": struck,
        }

    def _struck_views(self) -> tuple[StruckView, ...]:
        """A StruckView for each tile of each scar (made again only when the scars change)."""
        if self._struck_key != self.scars:
            glitches = self.terrain.glitches
            views = []
            for when, index in self.scars:
                fear = self.wards[self.glitch_wards[index]].fear
                views += [StruckView(x, y, fear, when) for x, y, _ in glitches[index].changes.tolist()]
            self._struck = tuple(views)
            self._struck_at = (np.array([v.x for v in views], np.intp), np.array([v.y for v in views], np.intp))
            self._struck_key = self.scars
        return self._struck
