"""Builds a world's views (view.py) each tick: the one place that reads World's insides for them.

Everything small (the player, the manifestations, what is known) is built
afresh once per tick and only when asked; the big arrays are cached until
the ground or the sight changes, so asking costs a few microseconds.
"""

from __future__ import annotations

import numpy as np

from dreamscape.core import tiles as T
from dreamscape.sim import rules as R
from dreamscape.sim.actors import HUNT
from dreamscape.sim.view import UNSEEN, DreamerView, HauntView, LureView, MarkView, PlayerView, PortalView, ShardView, View, frozen


class Views:
    """The whole and the fog view of one world, cached per tick."""

    def __init__(self, world) -> None:
        self.world = world
        self._whole: View | None = None
        self._fog: View | None = None
        self._cost_key: int | None = None
        self._cost = np.zeros((0, 0), np.int32)
        self._fog_key: tuple | None = None
        self._fog_tiles = np.zeros((0, 0), np.uint8)
        self._fog_cost = np.zeros((0, 0), np.int32)
        ds = world.ds
        # Where the things that never move stand, to tell in one lookup which of them the fog shows.
        self._dreamer_at = _positions(world.dreamers)
        self._shard_at = _positions([(s.x, s.y) for s in ds.shards])
        self._lure_at = _positions([(e.x, e.y) for e in ds.lures])
        #: (key, tuple) of each part built last, by part and fog: most ticks change none of them.
        self._parts: dict[tuple[str, bool], tuple] = {}
        self._calls_key: tuple | None = None
        self._calls_now: tuple = ()

    def whole(self) -> View:
        """The view of everything at this tick."""
        w = self.world
        if self._whole is None or self._whole.tick != w.tick or self._whole.outcome != w.outcome:
            self._whole = self._build(fog=False)
        return self._whole

    def fog(self) -> View:
        """The view of what the player has seen, at this tick."""
        w = self.world
        if self._fog is None or self._fog.tick != w.tick or self._fog.outcome != w.outcome:
            self._fog = self._build(fog=True)
        return self._fog

    # -- building -----------------------------------------------------------

    def step_cost(self) -> np.ndarray:
        """Ticks a step onto each tile takes, 0 where it cannot be entered (cached per ground)."""
        terrain = self.world.terrain
        if self._cost_key != terrain.version:
            tiles = terrain.tiles
            lured = self.world.lure_near
            cost = np.where(tiles == T.GARDEN, R.step_ticks(True, False), R.step_ticks(False, False)).astype(np.int32)
            cost += lured.astype(np.int32) * (R.step_ticks(False, True) - R.step_ticks(False, False))
            cost[~T.WALKABLE[tiles]] = 0
            self._cost, self._cost_key = frozen(cost), terrain.version
        return self._cost

    def _fogged(self) -> tuple[np.ndarray, np.ndarray]:
        w = self.world
        key = (w.terrain.version, w.sight.version)
        if self._fog_key != key:
            seen = w.sight.seen
            self._fog_tiles = frozen(np.where(seen, w.terrain.tiles, UNSEEN).astype(np.uint8))
            self._fog_cost = frozen(np.where(seen, self.step_cost(), 0).astype(np.int32))
            self._fog_key = key
        return self._fog_tiles, self._fog_cost

    def _part(self, name: str, fog: bool, at: tuple[np.ndarray, np.ndarray], state: tuple, build) -> tuple:
        """The view's tuple of one kind of thing that never moves, standing `at` (xs, ys):
        `build(shows)` (shows[i]: whether thing i is shown), made again only when what
        the fog shows of them or their `state` changed."""
        shows = self.world.sight.seen[at[1], at[0]].tolist() if fog and len(at[0]) else None
        key = (shows, state)
        cached = self._parts.get((name, fog))
        if cached is not None and cached[0] == key:
            return cached[1]
        part = build(shows if shows is not None else _Everything())
        self._parts[(name, fog)] = (key, part)
        return part

    def _calls(self) -> tuple:
        """The last pulse's calls, less those whose caller has been seen (or woken) since
        (worked out once a tick: the whole and the fog view show the same)."""
        w = self.world
        if self._calls_key == (w.tick, w.outcome):
            return self._calls_now
        seen = w.sight.seen

        def unseen(c) -> bool:
            if c.is_mark:
                return w.climax.still_calls(c.index, seen)
            x, y = w.exit if c.is_exit else w.dreamers[c.index]
            if c.is_exit:
                return not seen[y, x] and w.climax.exit_hums
            return not seen[y, x] and not w.awake[c.index]

        self._calls_now = tuple(c for c in w.calls if unseen(c))
        self._calls_key = (w.tick, w.outcome)
        return self._calls_now

    def _build(self, fog: bool) -> View:
        w = self.world
        ds = w.ds
        p = w.player
        sight = w.sight
        visible, seen = sight.visible, sight.seen
        lent = sight.lent
        known = seen if fog else None

        def shown(x: int, y: int) -> bool:
            return known is None or bool(known[y, x])

        player = PlayerView(
            p.x, p.y, p.tx, p.ty, p.move_left, w._step_total if p.move_left else 1,
            p.lucidity, p.shards, p.wake_target, p.wake_progress, p.grace,
            R.beside(p.x, p.y, w.dreamers, w.awake),
        )  # fmt: skip
        dreamers = self._part("dreamers", fog, self._dreamer_at, tuple(w.awake), lambda shows: tuple(
            DreamerView(i, x, y, w.awake[i]) for i, (x, y) in enumerate(w.dreamers) if shows[i]
        ))  # fmt: skip
        shards = self._part("shards", fog, self._shard_at, tuple(w.taken), lambda shows: tuple(
            ShardView(i, s.x, s.y) for i, s in enumerate(ds.shards) if not w.taken[i] and shows[i]
        ))  # fmt: skip
        lures = self._part("lures", fog, self._lure_at, (), lambda shows: tuple(
            LureView(i, e.type, e.x, e.y) for i, e in enumerate(ds.lures) if shows[i]
        ))  # fmt: skip
        portals = tuple(
            PortalView(q.a, q.b, q.two_way, q.kind, q.opens_at)
            for q in w.terrain.portals
            if shown(*q.a) or (q.two_way and shown(*q.b))
        )
        rule = w.climax
        # While the way out is disguised, the fog view cannot tell it from the marks that look like it.
        disguised = rule.disguised()
        hidden = set(disguised) if fog else set()
        marks = tuple(
            MarkView(i, rule.kinds[i], rule.labels[i], x, y, rule.done[i])
            for i, (x, y) in enumerate(rule.marks)
            if shown(x, y) and (x, y) not in hidden
        )
        haunts = []
        for i, h in enumerate(w.haunts):
            if fog and not (visible[h.y, h.x] or (h.move_left and h.tx >= 0 and visible[h.ty, h.tx])):
                continue
            haunts.append(HauntView(i, h.kind, h.x, h.y, h.tx, h.ty, h.move_left, h.home_x, h.home_y, h.state == HUNT, h.stun, h.last_dir))
        if fog:
            tiles, cost = self._fogged()
        else:
            tiles, cost = frozen(w.terrain.tiles), self.step_cost()
        ex, ey = w.exit
        return View(
            fog=fog,
            tick=w.tick,
            time_left=w.time_left,
            deadline=w.deadline,
            outcome=w.outcome,
            relaxed=w.relaxed,
            width=ds.width,
            height=ds.height,
            player=player,
            dreamer_count=len(w.dreamers),
            awake_count=sum(w.awake),
            dreamers=dreamers,
            shards=shards,
            lures=lures,
            portals=portals,
            exit=w.exit if shown(ex, ey) and (ex, ey) not in hidden else None,
            haunts=tuple(haunts),
            calls=self._calls(),
            tiles=tiles,
            visible=frozen(visible),
            seen=frozen(seen),
            step_cost=cost,
            ground_version=w.terrain.version,
            sight_version=sight.version,
            sight_radius=sight.radius,
            climax=ds.spec.climax,
            marks=marks,
            mark_count=len(rule.marks),
            needed=tuple(rule.needed()),
            climax_begun=rule.begun,
            climax_resolved=rule.resolved,
            exit_open=rule.exit_open,
            doorways=tuple(pos for pos in disguised if shown(*pos)),
            paint=rule.paint,
            painted=tuple(pos for pos in rule.painted if shown(*pos)),
            carried=rule.carried,
            lent=None if lent is None else frozen(lent),
            eyes=None if lent is None else frozen(sight.eyes),
            **rule.view_fields(w.tick, known),
        )


class _Everything:
    """`shows` of the whole view: every thing is shown."""

    def __getitem__(self, i: int) -> bool:
        return True


def _positions(points) -> tuple[np.ndarray, np.ndarray]:
    """(xs, ys) arrays of (x, y) points, for one fancy-index lookup."""
    xs = np.array([x for x, _ in points], np.intp)
    ys = np.array([y for _, y in points], np.intp)
    return xs, ys
