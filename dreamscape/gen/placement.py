"""Phase 'place': the start, the exit, trapped dreamers, manifestations, lures and shards.

Placement reads two walking-distance fields (from the start and from the
exit). Dreamers go deep: far from both and off the main route, preferring blind
alleys, spread apart (abandonment spreads them further) or in pairs (reunion).
"""

from __future__ import annotations

import math

import numpy as np

from dreamscape.gen.build import Build
from dreamscape.gen.dice import Dice
from dreamscape.gen.dreamscape import Dreamer, Entity, Portal
from dreamscape.gen.grid import UNREACHED, cardinal_count, distance_from, ring_count, strict_walkable

FEAR_MANIFESTATIONS = {
    "self_doubt": "shadow",
    "abandonment": "hollow",
    "loss": "fade",
    "being_trapped": "warden",
    "judgement": "watcher",
    "isolation": "drifter",
    "chaos": "storm",
    "being_controlled": "puppeteer",
}
DESIRE_LURES = {
    "recognition": "spotlight",
    "escape": "false_exit",
    "reunion": "echo_call",
    "perfection": "mirror",
    "comfort": "hearth",
    "connection": "thread",
    "authenticity": "anchor",
    "wonder": "vista",
}


class _Picker:
    """Draws free tiles from candidate pools, never the same tile twice.

    A pool is built once per kind of place (one scan of the map); each draw
    then tries random members until one is free.
    """

    def __init__(self, build: Build, walk: np.ndarray) -> None:
        self.build = build
        self.walk = walk
        self.taken = np.zeros(walk.size, bool)
        self.width = walk.shape[1]
        self.rng = build.rng("placement")
        self.dice = Dice(build.rng("placement_draws"))

    def take(self, x: int, y: int, spacing: int = 0) -> None:
        if spacing:
            view = self.taken.reshape(self.walk.shape)
            view[max(0, y - spacing) : y + spacing + 1, max(0, x - spacing) : x + spacing + 1] = True
        self.taken[y * self.width + x] = True

    def pool(self, mask: np.ndarray, score: np.ndarray | None = None, top: float = 1.0) -> np.ndarray:
        """Flat indices of walkable tiles in `mask` (the best `top` share by `score`)."""
        idx = np.flatnonzero(mask & self.walk)
        if score is not None and len(idx):
            keep = max(1, int(math.ceil(len(idx) * top)))
            if keep < len(idx):
                # Best first, equal scores in map order (a stable sort), then
                # back into map order: the pool's order decides the draws.
                best = np.argsort(-score.ravel()[idx], kind="stable")[:keep]
                idx = idx[np.sort(best)]
        return idx

    def draw(self, pool: np.ndarray) -> tuple[int, int] | None:
        """A random untaken tile of a pool, or None when it is used up."""
        n = len(pool)
        if n == 0:
            return None
        taken, below = self.taken.item, self.dice.below
        for _ in range(32):
            i = int(pool[below(n)])
            if not taken(i):
                return i % self.width, i // self.width
        rest = pool[~self.taken[pool]]
        if len(rest) == 0:
            return None
        i = int(rest[below(len(rest))])
        return i % self.width, i // self.width

    def pick(self, mask: np.ndarray, score: np.ndarray | None = None, top: float = 1.0) -> tuple[int, int] | None:
        """One draw from a fresh pool (for one-off places)."""
        return self.draw(self.pool(mask, score, top))


def run(build: Build) -> None:
    tiles = build.tiles
    h, w = build.height, build.width
    walk = strict_walkable(tiles)
    picker = _Picker(build, walk)
    rng = picker.rng

    # Start: near a random side of the map.
    side = int(rng.integers(4))
    along = rng.uniform(0.2, 0.8)
    ax, ay = [(1, along * h), (w - 2, along * h), (along * w, 1), (along * w, h - 2)][side]
    ys, xs = np.nonzero(walk)
    i = int(((xs - ax) ** 2 + (ys - ay) ** 2).argmin())
    build.start = (int(xs[i]), int(ys[i]))
    from_start = distance_from(walk, [build.start])
    reach = from_start != UNREACHED
    far = int(from_start[reach].max())
    picker.take(*build.start, spacing=1)

    # Exit: the bridge back to waking, among the farthest tiles.
    exit_place = picker.pick(reach & (from_start >= 0.85 * far))
    if exit_place is None:
        raise RuntimeError("no place for the exit: nothing walkable lies away from the start")
    build.exit = exit_place
    picker.take(*build.exit, spacing=1)
    from_exit = distance_from(walk, [build.exit])
    route = int(from_start[build.exit[1], build.exit[0]])
    detour = np.where(reach, from_start + from_exit - route, 0).astype(np.float32)
    openness = ring_count(walk).astype(np.float32)
    dead_end = walk & (cardinal_count(walk) == 1)

    _place_dreamers(build, picker, reach, from_start, from_exit, detour, dead_end, far)
    _place_manifestations(build, picker, reach, from_start, openness, far)
    _place_lures(build, picker, reach, from_start, far)
    _place_shards(build, picker, reach, from_start, openness, dead_end)


def _place_dreamers(build, picker, reach, from_start, from_exit, detour, dead_end, far) -> None:
    count = build.spec.dreamer_count()
    k = build.knob
    rng = picker.rng
    w = build.width
    cand = picker.pool(reach & (from_start >= min(8, far // 3)) & (from_exit >= min(6, far // 4)))
    if len(cand) == 0:
        cand = picker.pool(reach)
    cx, cy = (cand % w).astype(np.float32), (cand // w).astype(np.float32)
    depth = (from_start.ravel()[cand] + detour.ravel()[cand]) / max(1.0, float(far))
    depth = depth + 0.35 * dead_end.ravel()[cand] + rng.random(len(cand)) * 0.25
    spread_cap = math.sqrt(build.area / max(1, count)) * (0.6 + 0.8 * k("abandonment"))
    spread_weight = 0.6 + 2.0 * k("abandonment")
    nearest = np.full(len(cand), spread_cap, np.float32)
    pair_id = 0
    placed: list[Dreamer] = []
    while len(placed) < count:
        score = depth + spread_weight * nearest / spread_cap
        score[picker.taken[cand]] = -np.inf
        best = int(score.argmax())
        if score[best] == -np.inf:
            break
        pos = (int(cx[best]), int(cy[best]))
        partner = None
        if count - len(placed) >= 2 and rng.random() < k("reunion"):
            # Reunion: a second dreamer a few steps away; both must be woken.
            d2 = (cx - pos[0]) ** 2 + (cy - pos[1]) ** 2
            picker.take(*pos)
            partner = picker.draw(cand[(d2 >= 4) & (d2 <= 25)])
        group = [pos] + ([partner] if partner else [])
        pair = pair_id if partner else -1
        pair_id += 1 if partner else 0
        for x, y in group:
            placed.append(Dreamer(x, y, pair))
            picker.take(x, y, spacing=1)
            np.minimum(nearest, np.sqrt((cx - x) ** 2 + (cy - y) ** 2), out=nearest)
    build.dreamers = placed


def _place_manifestations(build, picker, reach, from_start, openness, far) -> None:
    k = build.knob
    mult = build.spec.overrides.manifestations
    safe = reach & (from_start >= max(6, far // 5))
    out: list[Entity] = []
    plan = [("echo", "", int(round(build.scale(3000) * mult)) + 1)]
    for fear, kind in FEAR_MANIFESTATIONS.items():
        n = int(round(k(fear) * build.scale(1800) * mult))
        plan.append((kind, fear, n))
    near = np.zeros(reach.shape, bool)
    for d in build.dreamers:
        near[max(0, d.y - 4) : d.y + 5, max(0, d.x - 4) : d.x + 5] = True
    anywhere = picker.pool(safe)
    guarding = picker.pool(safe & near)
    open_halls = picker.pool(safe, openness, top=0.15) if k("judgement") > 0 else anywhere
    guards = len(build.dreamers)
    for kind, fear, n in plan:
        for _ in range(n):
            if kind == "watcher":
                pos = picker.draw(open_halls)
            elif kind in ("warden", "echo") and guards > 0:
                # Guards: the first few keep watch over a trapped dreamer.
                guards -= 1
                pos = picker.draw(guarding) or picker.draw(anywhere)
            else:
                pos = picker.draw(anywhere)
            if pos is None:
                break
            out.append(Entity("manifestation", kind, pos[0], pos[1], fear))
            picker.take(*pos, spacing=1)
    build.manifestations = out


def _place_lures(build, picker, reach, from_start, far) -> None:
    k = build.knob
    lures: list[Entity] = []
    portals: list[Portal] = []
    w, h = build.width, build.height
    # Portal ends carry whoever steps on them away, so they go only where no
    # route has to pass: blind alleys (a false exit at the end of one) and
    # open ground (all eight neighbours walkable).
    walk = picker.walk
    aside = reach & ((cardinal_count(walk) == 1) | (ring_count(walk) == 8))
    # Dream loops: a false exit that carries the player back near the start.
    loops = 1 + int(round(k("escape") * build.scale(1500)))
    mid = picker.pool(aside & (from_start >= 0.35 * far) & (from_start <= 0.9 * far))
    home = picker.pool(aside & (from_start <= max(3, 0.12 * far)))
    if len(home) == 0:
        home = picker.pool(aside & (from_start <= 0.35 * far))
    for _ in range(loops):
        a = picker.draw(mid)
        if a is None:
            break
        picker.take(*a, spacing=1)
        b = picker.draw(home)
        if b is None:
            break
        picker.take(*b)
        lures.append(Entity("lure", "false_exit", a[0], a[1], "escape"))
        portals.append(Portal(a, b, "dream_loop"))
    # Threads: two-way portals that join distant parts of the dream.
    anywhere = picker.pool(reach & (from_start >= 4))
    ends = picker.pool(aside & (from_start >= 4))
    threads = int(round(k("connection") * build.scale(2500)))
    for _ in range(threads):
        a = picker.draw(ends)
        if a is None:
            break
        picker.take(*a, spacing=1)
        fx, fy = ends % w, ends // w
        b = picker.draw(ends[np.abs(fx - a[0]) + np.abs(fy - a[1]) >= (w + h) // 3])
        if b is None:
            break
        picker.take(*b, spacing=1)
        portals.append(Portal(a, b, "thread"))
    for desire, kind in DESIRE_LURES.items():
        if desire == "escape":
            continue
        n = int(round(k(desire) * build.scale(2500) + 0.3 * (k(desire) > 0)))
        for _ in range(n):
            pos = picker.draw(anywhere)
            if pos is None:
                break
            lures.append(Entity("lure", kind, pos[0], pos[1], desire))
            picker.take(*pos, spacing=1)
    build.lures = lures
    build.portals = portals


def _place_shards(build, picker, reach, from_start, openness, dead_end) -> None:
    recognition = build.knob("recognition")
    override = build.spec.overrides.shards
    count = override if override is not None else int(round(build.scale(700))) + 2
    exposed = int(round(count * recognition))
    shards: list[Entity] = []
    exposed_pool = picker.pool(reach, openness, top=0.1) if exposed else None
    hidden_pool = picker.pool(reach & dead_end & (from_start >= 4))
    anywhere = picker.pool(reach)
    for i in range(count):
        if i < exposed:
            # Recognition: shards out in the open, where watchers see you take them.
            pos = picker.draw(exposed_pool)
            source = "recognition"
        else:
            pos = picker.draw(hidden_pool) or picker.draw(anywhere)
            source = ""
        if pos is None:
            break
        shards.append(Entity("shard", "memory", pos[0], pos[1], source))
        picker.take(*pos)
    build.shards = shards
