"""Phase 'glitches': the timed schedule of changes that make the dream unstable.

Kinds (weights set by the fears):
  shift    - a stretch of wall slides one tile into the corridor beside it
  fold     - a corridor folds: a wall opens into a loop, or a two-way portal opens
  flicker  - floor flickers away into void, and 'return's a few seconds later
  rewrite  - a block of the dream is torn down and rebuilt as a new maze
  close    - walls close in on a blind alley, sealing it

turmoil sets how often; chaos makes glitches bigger and rewrites common.
Every glitch that takes ground away is checked against the reachability
invariant on the map as it will be at that tick; a candidate that breaks it
is thrown away and re-rolled (counted in `glitch_retries`).
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable

import numpy as np

from dreamscape.core import tiles as T
from dreamscape.core.climax import visited
from dreamscape.core.pacing import derived_window
from dreamscape.core.timing import TICKS_PER_SECOND
from dreamscape.gen.build import Build
from dreamscape.gen.dreamscape import Glitch, Portal
from dreamscape.gen.glitch_sites import SiteFinder
from dreamscape.gen.grid import guard_portal
from dreamscape.gen.tour import tour_length
from dreamscape.gen.invariant import goals_connected_mask

KINDS = ("shift", "fold", "flicker", "rewrite", "close")
#: The kinds whose site is only a list of tile changes (a fold also opens portals).
_CHANGES: dict[str, Callable[[SiteFinder], list[tuple[int, int, int]] | None]] = {
    "shift": SiteFinder.shift,
    "flicker": SiteFinder.flicker,
    "rewrite": SiteFinder.rewrite,
    "close": SiteFinder.close,
}
ATTEMPTS = 4


def kind_weights(build: Build) -> np.ndarray:
    """Relative frequency of each glitch kind for this dreamer."""
    k = build.knob
    return np.array(
        [
            1.0 + 1.2 * k("self_doubt") + 0.5 * k("chaos"),
            0.8 + 2.0 * k("connection") + 0.6 * k("escape"),
            0.7 + 3.5 * k("loss"),
            0.25 + 3.0 * k("chaos"),
            0.4 + 3.5 * k("being_trapped"),
        ]
    )


#: Beyond the rescue window: time memory shards may add (10 s each).
HORIZON_MARGIN = 60 * TICKS_PER_SECOND


def horizon_ticks(build: Build) -> int:
    """The span the schedule covers: the longest a player may spend in the dream.

    That is the level's own time limit when it sets one; otherwise the
    layout-derived rescue window plus a margin for time bought with memory
    shards, and never less than the size-derived span (so small maps keep
    their pace). Relaxed mode's longer window ends calmer: no glitches past this.
    """
    spec = build.spec
    if spec.time_limit:
        build.stats["rescue_window"] = spec.time_limit * TICKS_PER_SECOND
        return spec.time_limit * TICKS_PER_SECOND
    walk = T.WALKABLE[build.tiles]
    tour = tour_length(walk, build.start, [d.pos for d in build.dreamers], build.exit, visited(build.marks))
    window = derived_window(tour, len(build.dreamers), spec.overrides.window_permille)
    # The simulation counts this same window down; kept so it need not walk the tour again.
    build.stats["rescue_window"] = window
    return max(spec.time_limit_seconds() * TICKS_PER_SECOND, window + HORIZON_MARGIN)


def glitch_count(build: Build) -> int:
    """How many glitches the schedule holds: turmoil drives the rate.

    Counted over the size-derived span rather than the horizon: a layout with
    a long walk spreads the same glitches thinner instead of paying for more
    checked glitches at generation time.
    """
    minutes = build.spec.time_limit_seconds() / 60.0
    rate = (0.4 + 3.6 * build.knob("turmoil")) * build.spec.overrides.glitch_rate
    rate *= math.sqrt(build.area / 6144.0)
    return min(int(round(rate * minutes)), 30 + build.area // 400)


def _first_broken(walks: np.ndarray, i: int, j: int, goals, portals) -> int | None:
    """Index of the first state in walks[i:j] that parts the goals, or None."""
    ground = walks[i] if j - i == 1 else np.logical_and.reduce(walks[i:j])
    if goals_connected_mask(ground, goals, portals):
        return None
    if j - i == 1:
        return i
    mid = (i + j) // 2
    found = _first_broken(walks, i, mid, goals, portals)
    return found if found is not None else _first_broken(walks, mid, j, goals, portals)


def _batch_size(area: int) -> int:
    """Glitches per unchecked batch: larger maps make each labelling dearer and a
    single glitch less likely to cut anything, so they take bigger batches."""
    return int(min(32, max(8, 8 * math.sqrt(area / 6144.0))))


def run(build: Build) -> None:
    s = SiteFinder(build)
    rng = s.rng
    horizon = horizon_ticks(build)
    first, last = 5 * TICKS_PER_SECOND, max(6 * TICKS_PER_SECOND, horizon - 10 * TICKS_PER_SECOND)
    count = glitch_count(build)
    ticks = np.sort(rng.integers(first, last, count)).tolist()
    weights = kind_weights(build)
    # Integer weights (a float times a power of two, rounded: exact) for an integer draw.
    kinds = rng.weighted(np.round(weights * 2**20).astype(np.int64), count).tolist()
    plan = _Plan(build, s, horizon)
    # Glitches are scheduled in batches without checks, keeping the walkable
    # mask after each. If the ground walkable through the whole batch (the
    # masks ANDed) joins the goals, every state in it does: one labelling
    # proves the batch. Otherwise halving finds the first glitch whose state
    # breaks the invariant; the plan rolls back to just before it, that one
    # glitch is re-rolled with checks, and scheduling goes on after it.
    most = _batch_size(build.area)
    # One buffer for a batch's masks: ANDing a slice of it reads them in
    # place, where a list of masks would first be copied into a new array.
    walks = np.empty((most, *s.walk.shape), bool)
    lo = 0
    while lo < count:
        batch = list(zip(ticks[lo : lo + most], kinds[lo : lo + most]))
        saves = []
        for k, (tick, kind) in enumerate(batch):
            saves.append(plan.save())
            plan.add(tick, KINDS[kind], check=False)
            walks[k] = s.walk
        portals = s.portals[: saves[0].portals]  # those open when the batch began
        bad = _first_broken(walks, 0, len(batch), s.goals, portals)
        if bad is None:
            lo += len(batch)
            continue
        plan.restore(saves[bad])
        tick, kind = batch[bad]
        plan.add(tick, KINDS[kind], check=True)
        lo += bad + 1
    plan.emit_returns(horizon)
    build.glitches = plan.out
    build.stats["glitch_retries"] = s.retries
    build.stats["glitch_horizon"] = horizon
    build.stats["global_checks"] = s.global_checks


class _Saved:
    """A point the plan can roll back to: lengths and the (small) pending-return heap."""

    def __init__(self, plan: "_Plan") -> None:
        s = plan.s
        self.journal = len(s.journal)
        self.returns = list(plan.returns)
        self.out = len(plan.out)
        self.portals = len(s.portals)
        self.anchors = len(s.anchors)


class _Plan:
    """The growing schedule: glitches out and flicker returns pending; it can roll back."""

    def __init__(self, build: Build, scheduler: SiteFinder, horizon: int) -> None:
        self.build = build
        self.s = scheduler
        self.out: list[Glitch] = []
        self.returns: list[tuple[int, int, np.ndarray]] = []  # a heap of (tick, order, changes)
        self.horizon = horizon

    def save(self) -> _Saved:
        return _Saved(self)

    def restore(self, saved: _Saved) -> None:
        """Undo everything after `saved`: tiles from the journal, the rest recomputed."""
        s, build = self.s, self.build
        s.undo_to(saved.journal)
        self.returns = saved.returns
        del self.out[saved.out :]
        del s.portals[saved.portals :]
        del s.anchors[saved.anchors :]
        build.protected[...] = s.base_protected
        for p in s.portals:
            guard_portal(build.protected, p)
        s.blocked[...] = build.protected
        for _, _, back in self.returns:
            s.blocked[back[:, 1], back[:, 0]] = True

    def emit_returns(self, until: int) -> None:
        s, protected = self.s, self.build.protected
        while self.returns and self.returns[0][0] <= until:
            tick, _, back = heapq.heappop(self.returns)
            s.commit(back.tolist(), check=False)
            s.blocked[back[:, 1], back[:, 0]] = protected[back[:, 1], back[:, 0]]
            self.out.append(Glitch(tick, "return", back))

    def add(self, tick: int, kind: str, check: bool) -> None:
        s, build = self.s, self.build
        self.emit_returns(tick)
        changes: list[tuple[int, int, int]] | None
        for _attempt in range(ATTEMPTS):
            portals: tuple[Portal, ...] = ()
            if kind == "fold":
                made = s.fold(tick)
                if made is None:
                    return
                changes, portals = made
            else:
                changes = _CHANGES[kind](s)
                if not changes:
                    return
            # Folds only ever add ground and links, so they cannot break a route.
            old = s.commit(changes, check=check and kind != "fold") if changes else []
            if old is None:
                s.retries += 1
                continue
            arr = np.array(changes, np.int32).reshape(-1, 3)
            region = int(build.regions[arr[0, 1], arr[0, 0]]) if len(arr) else -1
            self.out.append(Glitch(tick, kind, arr, portals, region))
            for p in portals:
                s.portals.append(p)
                s.anchors.append(p.a)
                s.anchors.append(p.b)
                guard_portal(build.protected, p)
                guard_portal(s.blocked, p)
            if kind == "flicker":
                back = arr.copy()
                back[:, 2] = old  # the ground comes back as it was
                s.blocked[arr[:, 1], arr[:, 0]] = True
                duration = int((3 + s.rng.random() * 5) * (1 + build.knob("loss")) * TICKS_PER_SECOND)
                heapq.heappush(self.returns, (min(tick + duration, self.horizon - 1), len(self.out), back))
            return
