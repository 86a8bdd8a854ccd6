"""The world: a dreamscape in play, advanced one fixed tick at a time.

`step(command)` applies the glitches due, moves the player (waking is in
`waking.py`), plays a climax's part (`climax_rule.py`), updates sight, moves the manifestations (`manifestations.py`),
settles touches and pickups, and returns the tick's events (`events.py`).
A glitch never shuts the player away from a sleeping dreamer, a climax's
mark still to visit or the exit they could reach: it waits (and the schedule with it) until it would not.
The world never reads the clock or the global random module; its only
randomness is the 'ai' stream of the level's seed. It begins as `Start`
(`start.py`) says, the game's own start unless told otherwise.
"""

from __future__ import annotations

import hashlib

import numpy as np

from dreamscape.core import tiles as T
from dreamscape.core.rng import stream
from dreamscape.gen.dreamscape import Dreamscape
from dreamscape.sim import rules as R
from dreamscape.sim.actors import Haunt, Player
from dreamscape.sim.calls import EXIT, Call, due, pulse
from dreamscape.sim.climaxes import climax_rule
from dreamscape.sim.commands import STEPS, USE_BIT
from dreamscape.sim.events import Bumped, Event, Gift, Glitched, GlitchHeld, LossReason, Lost, Moved, ShardTaken, ThroughPortal, Won
from dreamscape.sim.hunt import HuntField
from dreamscape.sim.manifestations import step_manifestations
from dreamscape.sim.reach import goals_out_of_reach
from dreamscape.sim.sight import Sight
from dreamscape.sim.start import Start
from dreamscape.sim.terrain import Terrain
from dreamscape.sim.view import View
from dreamscape.sim.views import Views
from dreamscape.sim.rescue_window import rescue_window
from dreamscape.sim.waking import hold_wake, stop_waking
from dreamscape.core import pacing

#: Every outcome, in the order the checksum numbers them (a loss's is its LossReason's value).
OUTCOMES = (None, "won", "lost_time", "lost_lucidity")
#: The start a World has when given none: the game's own.
GAME_START = Start()


class World:
    """Everything that changes during a dive, and the rules that change it."""

    def __init__(self, ds: Dreamscape, relaxed: bool = False, start: Start = GAME_START) -> None:
        self.ds = ds
        #: Relaxed mode (a player setting, kept in recordings) lengthens the rescue window.
        self.relaxed = relaxed
        self.tick = 0
        self.terrain = Terrain(ds)
        self.player = Player(*ds.start, lucidity=start.lucidity)
        self.exit = ds.exit
        self.dreamers = [d.pos for d in ds.dreamers]
        self.awake = [False] * len(self.dreamers)
        self.haunts = [Haunt(e.type, e.x, e.y, e.x, e.y) for e in ds.manifestations]
        #: Each manifestation's Type Object, by index.
        self.haunt_kinds = [R.KINDS.get(h.kind, R.DEFAULT_KIND) for h in self.haunts]
        self.shard_at = {s.pos: i for i, s in enumerate(ds.shards)}
        self.taken = [False] * len(ds.shards)
        if start.deadline is not None:
            self.deadline = start.deadline
        else:
            self.deadline = rescue_window(ds)
            if relaxed:
                self.deadline = pacing.relaxed(self.deadline)
        self.rng = stream(ds.seed, "ai")
        self.sight = Sight(ds.tiles.shape, ds.dark())
        self.hunt = HuntField()
        self.outcome: str | None = None
        self.lure_near = self._lure_mask(ds)
        self._bumped: tuple[int, int] | None = None
        self._step_total = 1
        #: Changes refused by _keeps_ways, with what they were judged on (so
        #: they are judged again only once the player, the awake or the ground change).
        self._refused: dict[tuple, tuple] = {}
        #: Steps onto one-way passages and portal ends judged so far (see _no_dead_end).
        self._ways: dict[tuple, bool] = {}
        self.calls: tuple[Call, ...] = ()
        #: The level's climax (climax_rule.py; the inert base rule without one).
        self.climax = climax_rule(self)
        self._see()
        self._views = Views(self)
        self._pulse()

    @classmethod
    def from_dreamscape(cls, ds: Dreamscape, relaxed: bool = False, start: Start = GAME_START) -> "World":
        """The same as `World(ds, relaxed, start)`."""
        return cls(ds, relaxed, start)

    @staticmethod
    def _lure_mask(ds: Dreamscape) -> np.ndarray:
        mask = np.zeros(ds.tiles.shape, bool)
        r = R.LURE_RADIUS
        for e in ds.lures:
            if e.type != "false_exit":
                mask[max(0, e.y - r) : e.y + r + 1, max(0, e.x - r) : e.x + r + 1] = True
        return mask

    # -- the tick ---------------------------------------------------------

    @property
    def time_left(self) -> int:
        """Ticks until the rescue window closes."""
        return max(0, self.deadline - self.tick)

    @property
    def done(self) -> bool:
        return self.outcome is not None

    def occupied(self) -> set[tuple[int, int]]:
        """Tiles someone stands on or is stepping onto: a glitch must wait for them."""
        p = self.player
        taken = {(p.x, p.y), *self.dreamers}
        if p.moving:
            taken.add((p.tx, p.ty))
        for h in self.haunts:
            taken.add((h.x, h.y))
            if h.moving:
                taken.add((h.tx, h.ty))
        return taken

    def step(self, command: int) -> list[Event]:
        """Advance one tick under `command`; returns what happened."""
        if self.outcome is not None:
            return []
        events: list[Event] = []
        t = self.tick
        terrain = self.terrain
        if terrain.busy(t):
            occupied = self.occupied()
            held = terrain.held
            for index, changed in terrain.fire_glitches(t, occupied, self._keeps_ways):
                events.append(Glitched(t, index, changed))
            if terrain.held >= 0 and terrain.held != held:
                events.append(GlitchHeld(t, terrain.held))
            terrain.settle(occupied, self._keeps_ways)
        self._player_step(command, events)
        rose = self.climax.step(self, events)
        p = self.player
        self._see()
        step_manifestations(self, events)
        self.tick += 1
        if due(self.tick) or rose:
            self._pulse()
        if all(self.awake) and (p.x, p.y) == self.exit and self.climax.exit_open:
            self.outcome = "won"
            events.append(Won(t))
        elif p.lucidity <= 0:
            self.outcome = LossReason.LUCIDITY_FAILED.value
            events.append(Lost(t, LossReason.LUCIDITY_FAILED))
        elif self.tick >= self.deadline:
            self.outcome = LossReason.WINDOW_CLOSED.value
            events.append(Lost(t, LossReason.WINDOW_CLOSED))
        return events

    def _see(self) -> None:
        """Bring sight up to date: the player's place, the ground, and what the climax says of sight."""
        p = self.player
        cap, lent, lent_key = self.climax.sight(self)
        self.sight.update(self.terrain.tiles, p.x, p.y, self.terrain.version, cap, lent, lent_key)

    def _keeps_ways(self, what: tuple, trial) -> bool:
        """May a glitch, or a deferred change, happen now? (Terrain's `keeps`.)

        Not if, on the ground it would leave (`trial()`), a sleeping dreamer
        or the exit would be out of reach from where the player stands, or
        is stepping to, while it is within reach now. A refusal is judged
        again only once that place, the awake or the ground has changed.
        """
        p = self.player
        here = (p.x, p.y)
        if p.moving:
            here = self.terrain.ends.get((p.tx, p.ty), (p.tx, p.ty))
        key = (here, tuple(self.awake), self.climax.key(), self.terrain.version)
        if self._refused.get(what) == key:
            return False
        asleep = [(i, pos) for i, pos in enumerate(self.dreamers) if not self.awake[i]]
        places = self._places()
        tiles, ends = trial()
        lost = goals_out_of_reach(tiles, ends, here, asleep, self.exit, places)
        if lost:
            now = goals_out_of_reach(self.terrain.tiles, self.terrain.ends, here, asleep, self.exit, places)
            if any(goal not in now for goal in lost):
                self._refused[what] = key
                return False
        self._refused.pop(what, None)
        return True

    def _places(self) -> list[tuple[int, tuple[int, int]]]:
        """Tiles that must stay within reach besides the dreamers and the exit: the climax's marks still to visit (reach.py ids)."""
        return self.climax.places()

    def _no_dead_end(self, x: int, y: int) -> bool:
        """May the player step onto (x, y)? Not onto a one-way passage or a portal end
        that leads only where a sleeping dreamer or the exit they can reach now is
        out of reach: the dream lets no one fall into a pocket with no way back.
        Judged once per ground, place and awake set (such tiles are few)."""
        terrain = self.terrain
        to = (x, y)
        if int(terrain.tiles[y, x]) not in T.ONEWAY_DIRECTION and to not in terrain.ends:
            return True
        p = self.player
        key = (to, (p.x, p.y), tuple(self.awake), self.climax.key(), terrain.version)
        known = self._ways.get(key)
        if known is None:
            asleep = [(i, pos) for i, pos in enumerate(self.dreamers) if not self.awake[i]]
            places = self._places()
            there = goals_out_of_reach(terrain.tiles, terrain.ends, terrain.ends.get(to, to), asleep, self.exit, places)
            if there:
                here = goals_out_of_reach(terrain.tiles, terrain.ends, (p.x, p.y), asleep, self.exit, places)
                known = not any(goal not in here for goal in there)
            else:
                known = True
            if len(self._ways) > 256:
                self._ways.clear()
            self._ways[key] = known
        return known

    # -- the player -------------------------------------------------------

    def _player_step(self, command: int, events: list[Event]) -> None:
        p = self.player
        t = self.tick
        direction, waking = command & 7, bool(command & 8)
        if direction:
            p.facing = direction
        if command & USE_BIT:
            p.use_queued = True
        if p.move_left:
            p.move_left -= 1
            if p.move_left:
                return
            p.x, p.y, p.tx, p.ty = p.tx, p.ty, -1, -1
            events.append(Moved(t, p.x, p.y))
            self._arrive(events)
            # No return: a direction still held starts the next step this very
            # tick, so walking costs exactly MOVE_TICKS a tile.
        if p.use_queued:
            # A use pressed mid-step acts on arrival, before the next step begins.
            p.use_queued = False
            self.climax.use(self, events)
        if direction:
            stop_waking(p, t, events)
            if self.terrain.can_step(p.x, p.y, direction, t) and self._no_dead_end(p.x + STEPS[direction][0], p.y + STEPS[direction][1]):
                dx, dy = STEPS[direction]
                p.tx, p.ty = p.x + dx, p.y + dy
                cost = R.step_ticks(self.terrain.tiles[p.ty, p.tx] == T.GARDEN, bool(self.lure_near[p.ty, p.tx]))
                p.move_left = self._step_total = cost
                self._bumped = None
            else:
                dx, dy = STEPS[direction]
                target = (p.x + dx, p.y + dy)
                if self._bumped != target:
                    events.append(Bumped(t, *target))
                self._bumped = target
            return
        if waking:
            hold_wake(p, self.dreamers, self.awake, t, events)
            return
        self._bumped = None
        stop_waking(p, t, events)

    def _arrive(self, events: list[Event]) -> None:
        p = self.player
        t = self.tick
        self._take_shard(events)
        index = self.terrain.portal_at.get((p.x, p.y))
        if index is None:
            return
        # Carried to the other end; arriving there by portal does not carry
        # you back (only stepping onto an end does).
        portal = self.terrain.portals[index]
        p.x, p.y = portal.b if (p.x, p.y) == portal.a else portal.a
        events.append(ThroughPortal(t, index, portal.kind == "dream_loop"))
        self._take_shard(events)

    def _take_shard(self, events: list[Event]) -> None:
        p = self.player
        t = self.tick
        shard = self.shard_at.get((p.x, p.y))
        if shard is not None and not self.taken[shard]:
            self.taken[shard] = True
            p.shards += 1
            if p.lucidity < R.LUCIDITY_MAX:
                p.lucidity = min(R.LUCIDITY_MAX, p.lucidity + R.SHARD_LUCIDITY)
                events.append(ShardTaken(t, shard, Gift.LUCIDITY))
            else:
                self.deadline += R.SHARD_TIME
                events.append(ShardTaken(t, shard, Gift.TIME))

    # -- the dreamer's call and the views ----------------------------------

    def _pulse(self) -> None:
        """Every sleeping dreamer not yet seen calls, and the exit hums until seen;
        so does every mark of the climax the player must find now and has not seen."""
        seen = self.sight.seen
        callers = [(i, x, y) for i, (x, y) in enumerate(self.dreamers) if not self.awake[i] and not seen[y, x]]
        callers += self.climax.callers(seen)
        ex, ey = self.exit
        if not seen[ey, ex] and self.climax.exit_hums:
            callers.append((EXIT, ex, ey))
        self.calls = pulse(self.tick, self.player.x, self.player.y, callers)

    def view(self) -> View:
        """Everything about this tick, read-only (for the full-sight bot, tests and tools)."""
        return self._views.whole()

    def fog_view(self) -> View:
        """This tick as the player knows it: only what they have seen (for the game and the fog bot)."""
        return self._views.fog()

    # -- checksums --------------------------------------------------------

    def checksums(self) -> dict[str, str]:
        """A short hash of each part of the state, so a desync names what went wrong."""
        p = self.player
        parts = {
            "player": np.array(p.ints() + [self.deadline, self.tick, OUTCOMES.index(self.outcome)], np.int64).tobytes()
            + np.packbits(self.sight.seen).tobytes(),
            "manifestations": np.array([v for h in self.haunts for v in h.ints()], np.int64).tobytes(),
            "dreamers": bytes(self.awake) + bytes(self.taken) + self.climax.ints(),
            "map": self.terrain.tiles.tobytes()
            + np.array(sorted((x, y, c) for (x, y), c in self.terrain.pending.items()), np.int64).tobytes()
            + np.array([self.terrain.next_glitch, len(self.terrain.portals)], np.int64).tobytes(),
            "rng": self.rng.state(),
        }
        return {k: hashlib.blake2b(v, digest_size=8).hexdigest() for k, v in parts.items()}
