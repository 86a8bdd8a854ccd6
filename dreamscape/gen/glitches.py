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

import numpy as np

from dreamscape.core import tiles as T
from dreamscape.core.timing import TICKS_PER_SECOND
from dreamscape.gen.build import Build
from dreamscape.gen.controls import goals
from dreamscape.gen.dreamscape import Glitch, Portal
from dreamscape.gen.invariant import goals_connected, goals_connected_mask, locally_safe
from dreamscape.gen.tree import carve_binary_tree

KINDS = ("shift", "fold", "flicker", "rewrite", "close")
ATTEMPTS = 4
WALL_OF_THEME = {T.DROWNED: T.WATER, T.ABYSS: T.VOID}
_DIRS = ((1, 0), (-1, 0), (0, 1), (0, -1))


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


def glitch_count(build: Build) -> int:
    """How many glitches the rescue window holds: turmoil drives the rate."""
    minutes = build.spec.time_limit_seconds() / 60.0
    rate = (0.4 + 3.6 * build.knob("turmoil")) * build.spec.overrides.glitch_rate
    rate *= math.sqrt(build.area / 6144.0)
    return min(int(round(rate * minutes)), 30 + build.area // 400)


class _Dice:
    """Uniform draws from a named stream, pre-drawn in blocks.

    Site searches make thousands of single draws; taking them from a block
    as plain floats costs far less than one Generator call each, and the
    sequence is still fixed by the seed.
    """

    def __init__(self, rng: np.random.Generator) -> None:
        self.rng = rng
        self.block: list[float] = []
        self.at = 0

    def random(self) -> float:
        if self.at >= len(self.block):
            self.block = self.rng.random(4096).tolist()
            self.at = 0
        self.at += 1
        return self.block[self.at - 1]

    def below(self, n: int) -> int:
        return int(self.random() * n)


_SOLID = T.SOLID.tolist()
_SOFT = T.SOFT.tolist()
_STRICT = T.STRICT.tolist()
_TRIES = 600


class _Scheduler:
    """Keeps the map as it stands at the current tick and draws glitch sites on it.

    Sites are found by rejection sampling a few hundred random tiles at
    most, never by scanning the whole map, so a glitch costs the same on a
    512x512 dream as on a small one.
    """

    def __init__(self, build: Build) -> None:
        self.build = build
        self.rng = build.rng("glitches")
        self.dice = _Dice(build.rng("glitch_sites"))
        self.tiles = build.tiles.copy()
        self.walk = T.STRICT[self.tiles]
        self.blocked = build.protected.copy()  # protected, or locked by a pending flicker
        self.portals = list(build.portals)
        self.goals = goals(build)
        self.anchors = list(self.goals) + [e for p in self.portals if p.two_way for e in (p.a, p.b)]
        self.size = 1.0 + 1.5 * build.knob("chaos")
        self.retries = 0
        self.local_checks = 0
        self.global_checks = 0

    def find(self, test, margin: int = 1) -> tuple[int, int] | None:
        """A random (x, y) at least `margin` from the edge for which test(x, y) holds."""
        h, w = self.tiles.shape
        span_x, span_y = w - 2 * margin, h - 2 * margin
        below = self.dice.below
        for _ in range(_TRIES):
            x, y = margin + below(span_x), margin + below(span_y)
            if test(x, y):
                return x, y
        return None

    # Each maker returns a list of (x, y, code) changes, or None when no site fits.
    def shift(self) -> list[tuple[int, int, int]] | None:
        t, walk, blocked = self.tiles.item, self.walk.item, self.blocked.item
        dx, dy = _DIRS[self.dice.below(4)]
        h, w = self.tiles.shape

        def face(x: int, y: int) -> bool:
            # A wall face: soft open ground on the (dx, dy) side, more solid behind.
            return (
                _SOLID[t(y, x)]
                and _SOFT[t(y + dy, x + dx)]
                and not walk(y - dy, x - dx)
                and not blocked(y, x)
                and not blocked(y + dy, x + dx)
            )

        start = self.find(face, margin=2)
        if start is None:
            return None
        length = 2 + self.dice.below(2 + int(2 * self.size))
        px, py = dy, dx  # along the wall face
        changes = []
        for sign in (1, -1):
            for step in range(0 if sign == 1 else 1, length):
                x, y = start[0] + sign * step * px, start[1] + sign * step * py
                if not (1 < x < w - 2 and 1 < y < h - 2) or not face(x, y):
                    break
                # The wall and the ground beside it trade places: the wall slides.
                changes.append((x, y, t(y + dy, x + dx)))
                changes.append((x + dx, y + dy, t(y, x)))
        return changes

    def fold(self, tick: int) -> tuple[list, tuple[Portal, ...]] | None:
        t, walk, blocked = self.tiles.item, self.walk.item, self.blocked.item
        if self.dice.random() < 0.5:

            def thin_wall(x: int, y: int) -> bool:
                return (
                    t(y, x) == T.WALL
                    and not blocked(y, x)
                    and ((walk(y, x - 1) and walk(y, x + 1)) or (walk(y - 1, x) and walk(y + 1, x)))
                )

            site = self.find(thin_wall)
            if site is not None:
                return [(site[0], site[1], T.FLOOR)], ()

        def ground(x: int, y: int) -> bool:
            return walk(y, x) and not blocked(y, x)

        a = self.find(ground)
        if a is None:
            return None
        h, w = self.tiles.shape
        reach = (w + h) // 3
        b = self.find(lambda x, y: abs(x - a[0]) + abs(y - a[1]) >= reach and ground(x, y))
        if b is None:
            return None
        return [], (Portal(a, b, "fold", opens_at=tick),)

    def flicker(self) -> list[tuple[int, int, int]] | None:
        t, blocked = self.tiles.item, self.blocked.item

        def soft(x: int, y: int) -> bool:
            return _SOFT[t(y, x)] and not blocked(y, x)

        centre = self.find(soft)
        if centre is None:
            return None
        r = 1 + int(self.dice.random() * self.size * 1.5)
        h, w = self.tiles.shape
        cx, cy = centre
        return [
            (x, y, T.VOID)
            for y in range(max(1, cy - r), min(h - 1, cy + r + 1))
            for x in range(max(1, cx - r), min(w - 1, cx + r + 1))
            if (x - cx) ** 2 + (y - cy) ** 2 <= r * r and soft(x, y)
        ]

    def rewrite(self) -> list[tuple[int, int, int]] | None:
        t = self.tiles
        h, w = t.shape
        half = int(3 + self.dice.below(3) * self.size)
        if w < 2 * half + 4 or h < 2 * half + 4:
            return None
        cx = half + 1 + self.dice.below(w - 2 * half - 2)
        cy = half + 1 + self.dice.below(h - 2 * half - 2)
        # Even edges: the block's rim sits on wall lines, its cells on the odd lattice.
        x0, y0 = (cx - half) & ~1, (cy - half) & ~1
        x1, y1 = min(w - 1, x0 + 2 * half) & ~1, min(h - 1, y0 + 2 * half) & ~1
        if x1 - x0 < 4 or y1 - y0 < 4:
            return None
        theme = int(self.build.regions[cy, cx])
        wall = WALL_OF_THEME.get(theme, T.WALL)
        floor = T.GARDEN if theme == T.GARDENS else T.FLOOR
        block = np.full((y1 - y0 + 1, x1 - x0 + 1), wall, np.uint8)
        ch, cw = (y1 - y0) // 2, (x1 - x0) // 2
        carve_binary_tree(block, self.rng.random((ch, cw)) < 0.5)
        block[block == T.FLOOR] = floor
        # The rim keeps what it was, so the old roads still arrive.
        old = t[y0 : y1 + 1, x0 : x1 + 1]
        rim = np.zeros(block.shape, bool)
        rim[0, :] = rim[-1, :] = rim[:, 0] = rim[:, -1] = True
        block[rim] = old[rim]
        diff = ~self.blocked[y0 : y1 + 1, x0 : x1 + 1] & (block != old)
        ys, xs = np.nonzero(diff)
        return list(zip((xs + x0).tolist(), (ys + y0).tolist(), block[ys, xs].tolist()))

    def close(self) -> list[tuple[int, int, int]] | None:
        walk, blocked = self.walk.item, self.blocked.item

        def dead_end(x: int, y: int) -> bool:
            return (
                walk(y, x)
                and not blocked(y, x)
                and walk(y - 1, x) + walk(y + 1, x) + walk(y, x - 1) + walk(y, x + 1) == 1
            )

        site = self.find(dead_end)
        if site is None:
            return None
        theme = int(self.build.regions[site[1], site[0]])
        wall = WALL_OF_THEME.get(theme, T.WALL)
        length = 2 + self.dice.below(2 + int(2 * self.size))
        changes = []
        x, y = site
        prev = None
        for _ in range(length):
            changes.append((x, y, wall))
            nxt = [(x + dx, y + dy) for dx, dy in _DIRS if walk(y + dy, x + dx) and (x + dx, y + dy) != prev]
            if len(nxt) != 1:
                break
            prev = (x, y)
            x, y = nxt[0]
            if blocked(y, x) or walk(y - 1, x) + walk(y + 1, x) + walk(y, x - 1) + walk(y, x + 1) > 2:
                break
        return changes

    def commit(self, changes: list[tuple[int, int, int]], check: bool) -> list[int] | None:
        """Apply changes; with `check`, keep them only if the invariant holds.

        Returns the codes the tiles held before, or None when rejected.
        """
        t = self.tiles
        arr = np.array(changes, np.intp).reshape(-1, 3)
        xs, ys, codes = arr[:, 0], arr[:, 1], arr[:, 2]
        old = t[ys, xs].copy()
        if check:
            box = (int(xs.min()), int(ys.min()), int(xs.max()), int(ys.max()))
            before = self.walk[max(0, box[1] - 8) : box[3] + 9, max(0, box[0] - 8) : box[2] + 9].copy()
        t[ys, xs] = codes
        self.walk[ys, xs] = T.STRICT[codes]
        if check and not self._safe(box, before):
            t[ys, xs] = old
            self.walk[ys, xs] = T.STRICT[old]
            return None
        return old.tolist()

    def _safe(self, box: tuple[int, int, int, int], before_window: np.ndarray) -> bool:
        h, w = self.tiles.shape
        if (box[2] - box[0] + 13) * (box[3] - box[1] + 13) * 3 >= h * w:
            # On a small map the window is most of it: label the whole map once.
            self.global_checks += 1
            return goals_connected(self.tiles, self.goals, self.portals)
        x0, y0 = max(0, box[0] - 8), max(0, box[1] - 8)
        before = self.walk.copy()
        before[y0 : y0 + before_window.shape[0], x0 : x0 + before_window.shape[1]] = before_window
        self.local_checks += 1
        if locally_safe(before, self.walk, box, self.anchors):
            return True
        self.global_checks += 1
        return goals_connected(self.tiles, self.goals, self.portals)


def _batch_size(area: int) -> int:
    """Glitches per unchecked batch: larger maps make each labelling dearer and a
    single glitch less likely to cut anything, so they take bigger batches."""
    return int(min(32, max(8, 8 * math.sqrt(area / 6144.0))))


def run(build: Build) -> None:
    s = _Scheduler(build)
    rng = s.rng
    horizon = build.spec.time_limit_seconds() * TICKS_PER_SECOND
    first, last = 5 * TICKS_PER_SECOND, max(6 * TICKS_PER_SECOND, horizon - 10 * TICKS_PER_SECOND)
    count = glitch_count(build)
    ticks = np.sort(rng.integers(first, last, count)).tolist()
    weights = kind_weights(build)
    kinds = rng.choice(len(KINDS), size=count, p=weights / weights.sum()).tolist()
    plan = _Plan(build, s)
    # Glitches are scheduled in batches without checks; one labelling of the
    # ground that stays walkable through the whole batch proves every state in
    # it. Only a batch that fails that is rolled back and redone one glitch at
    # a time, each checked on its own.
    # The batch size adapts: it halves after a batch fails and grows after one
    # passes, so a dream whose glitches often cut (loss, being_trapped) pays
    # for few rollbacks and a calm one for few labellings.
    most = _batch_size(build.area)
    size = most
    lo = 0
    while lo < count:
        batch = list(zip(ticks[lo : lo + size], kinds[lo : lo + size]))
        lo += len(batch)
        saved = plan.save()
        for tick, kind in batch:
            plan.add(tick, KINDS[kind], check=False)
        if goals_connected_mask(saved.walk & ~plan.removed, s.goals, saved.portals):
            plan.removed[:] = False
            size = min(most, size * 2)
            continue
        plan.restore(saved)
        for tick, kind in batch:
            plan.add(tick, KINDS[kind], check=True)
        plan.removed[:] = False
        size = max(2, size // 2)
    plan.emit_returns(horizon)
    build.glitches = plan.out
    build.stats["glitch_retries"] = s.retries
    build.stats["global_checks"] = s.global_checks


class _Saved:
    def __init__(self, plan: "_Plan") -> None:
        s = plan.s
        self.tiles, self.walk, self.blocked = s.tiles.copy(), s.walk.copy(), s.blocked.copy()
        self.protected = plan.build.protected.copy()
        self.returns = list(plan.returns)
        self.out = len(plan.out)
        self.portals = list(s.portals)
        self.anchors = list(s.anchors)


class _Plan:
    """The growing schedule: glitches out, flicker returns pending, ground removed in this batch."""

    def __init__(self, build: Build, scheduler: _Scheduler) -> None:
        self.build = build
        self.s = scheduler
        self.out: list[Glitch] = []
        self.returns: list[tuple[int, int, np.ndarray]] = []  # a heap of (tick, order, changes)
        self.removed = np.zeros(build.tiles.shape, bool)
        self.horizon = build.spec.time_limit_seconds() * TICKS_PER_SECOND

    def save(self) -> _Saved:
        return _Saved(self)

    def restore(self, saved: _Saved) -> None:
        s = self.s
        s.tiles[...] = saved.tiles
        s.walk[...] = saved.walk
        s.blocked[...] = saved.blocked
        self.build.protected[...] = saved.protected
        self.returns = saved.returns
        del self.out[saved.out :]
        s.portals = saved.portals
        s.anchors = saved.anchors
        self.removed[:] = False

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
        for _attempt in range(ATTEMPTS):
            portals: tuple[Portal, ...] = ()
            if kind == "fold":
                made = s.fold(tick)
                if made is None:
                    return
                changes, portals = made
            else:
                changes = getattr(s, kind)()
                if not changes:
                    return
            # Folds only ever add ground and links, so they cannot break a route.
            arr = np.array(changes, np.int32).reshape(-1, 3)
            xs, ys = arr[:, 0], arr[:, 1]
            was = s.walk[ys, xs]
            old = s.commit(changes, check=check and kind != "fold") if changes else []
            if old is None:
                s.retries += 1
                continue
            if not check:
                self.removed[ys, xs] |= was & ~s.walk[ys, xs]
            region = int(build.regions[arr[0, 1], arr[0, 0]]) if len(arr) else -1
            self.out.append(Glitch(tick, kind, arr, portals, region))
            for p in portals:
                s.portals.append(p)
                s.anchors.append(p.a)
                s.anchors.append(p.b)
                build.protected[p.a[1], p.a[0]] = build.protected[p.b[1], p.b[0]] = True
                s.blocked[p.a[1], p.a[0]] = s.blocked[p.b[1], p.b[0]] = True
            if kind == "flicker":
                back = arr.copy()
                back[:, 2] = old  # the ground comes back as it was
                s.blocked[arr[:, 1], arr[:, 0]] = True
                duration = int((3 + s.rng.random() * 5) * (1 + build.knob("loss")) * TICKS_PER_SECOND)
                heapq.heappush(self.returns, (min(tick + duration, self.horizon - 1), len(self.out), back))
            return
