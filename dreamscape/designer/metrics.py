"""Metrics of a dreamscape: the numbers designers sweep, plot and filter on.

Every metric has a plain snake_case name; the same names are the CSV columns
of `dreamscape sweep` and the variables of its `--where` expressions. All
counts are over the map before any glitch unless the name says otherwise.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from dreamscape.core import tiles as T
from dreamscape.core.timing import TICKS_PER_SECOND
from dreamscape.gen.dreamscape import Dreamscape
from dreamscape.gen.grid import UNREACHED, cardinal_count, distances_from, label, ring_count, strict_walkable
from dreamscape.gen.glitches import KINDS
from dreamscape.gen.paths import hillclimb2d
from dreamscape.gen.placement import DESIRE_LURES, FEAR_MANIFESTATIONS

#: Metric names with a one-line meaning (the docs table is generated from this).
DESCRIPTIONS: dict[str, str] = {
    "width": "map width in tiles",
    "height": "map height in tiles",
    "time_limit": "rescue window in seconds",
    "path_length": "walking steps from the start to the exit",
    "dreamer_dist_mean": "mean walking steps from the start to each trapped dreamer",
    "dreamer_dist_max": "walking steps from the start to the farthest dreamer",
    "dreamer_spread": "mean straight-line distance from each dreamer to its nearest fellow",
    "paired_dreamers": "share of dreamers placed in reunion pairs",
    "dead_ends": "walkable tiles with exactly one walkable neighbour",
    "loops": "independent cycles that walk around walls (Euler: E - V + C - 2x2 floor squares)",
    "chokepoints": "tiles every route from start to exit must cross",
    "floor_ratio": "walkable share of the map",
    "open_ratio": "share of walkable tiles whose eight neighbours are all walkable",
    "deep_ratio": "water and void share of the map",
    "garden_ratio": "garden share of walkable tiles",
    "stable_ratio": "stable (never glitching) share of walkable tiles",
    "region_links": "walkable crossings per 100 tiles of region border",
    "mirror_score": "per-mille of the map inside left-right mirrored blocks (13x8 or more)",
    "rooms": "rooms and halls carved",
    "doors": "rhythm doors",
    "one_ways": "one-way passages",
    "manifestations": "fear manifestations",
    "lures": "desire lures (false exits included)",
    "dream_loops": "false exits whose portal carries the player back",
    "portals": "two-way portals open from the start",
    "shards": "memory shards",
    "shard_exposure": "mean walkable neighbours (of 8) around shards",
    "glitch_count": "glitches in the schedule (flicker returns not counted)",
    "glitch_tiles": "mean tiles changed per glitch",
    "glitch_rate": "glitches per minute of the span the schedule covers (the longest a dive may last)",
    "retries": "whole-map regenerations needed for the reachability invariant",
    "glitch_retries": "glitch candidates re-rolled because they broke the invariant",
}
for _theme in T.THEMES:
    DESCRIPTIONS[f"region_{_theme.name}"] = f"share of the map themed {_theme.name} ({_theme.description})"
for _kind in sorted(set(FEAR_MANIFESTATIONS.values()) | {"echo"}):
    DESCRIPTIONS[f"manifest_{_kind}"] = f"'{_kind}' manifestations"
for _kind in sorted(DESIRE_LURES.values()):
    DESCRIPTIONS[f"lure_{_kind}"] = f"'{_kind}' lures"
for _kind in KINDS:
    DESCRIPTIONS[f"glitch_{_kind}"] = f"'{_kind}' glitches"

#: Every metric name, in a stable column order.
METRIC_NAMES: tuple[str, ...] = tuple(DESCRIPTIONS)


def compute(ds: Dreamscape) -> dict[str, Any]:
    """All metrics of a dreamscape, keyed by METRIC_NAMES order."""
    tiles = ds.tiles
    h, w = tiles.shape
    area = h * w
    walk = strict_walkable(tiles)
    n_walk = max(1, int(walk.sum()))
    dreamers = [d.pos for d in ds.dreamers]
    from_start, from_exit = distances_from(walk, [[ds.start], [ds.exit]])
    dists = [int(from_start[y, x]) for x, y in dreamers]
    m: dict[str, Any] = {"width": w, "height": h, "time_limit": ds.spec.time_limit_seconds()}
    m["path_length"] = int(from_start[ds.exit[1], ds.exit[0]])
    m["dreamer_dist_mean"] = round(float(np.mean(dists)), 2) if dists else 0.0
    m["dreamer_dist_max"] = max(dists) if dists else 0
    m["dreamer_spread"] = _spread(dreamers)
    m["paired_dreamers"] = round(sum(d.pair >= 0 for d in ds.dreamers) / max(1, len(ds.dreamers)), 3)
    m["dead_ends"] = int((walk & (cardinal_count(walk) == 1)).sum())
    m["loops"] = _loops(walk)
    m["chokepoints"] = _chokepoints(walk, ds.start, from_exit)
    m["floor_ratio"] = round(n_walk / area, 4)
    m["open_ratio"] = round(float((walk & (ring_count(walk) == 8)).sum()) / n_walk, 4)
    m["deep_ratio"] = round(float(T.DEEP[tiles].sum()) / area, 4)
    m["garden_ratio"] = round(float((tiles == T.GARDEN).sum()) / n_walk, 4)
    m["stable_ratio"] = round(float((tiles == T.STABLE).sum()) / n_walk, 4)
    m["region_links"] = _region_links(walk, ds.regions)
    m["mirror_score"] = _mirror_score(walk)
    m["rooms"] = int(ds.stats.get("rooms", 0))
    m["doors"] = int((tiles == T.DOOR).sum())
    m["one_ways"] = int(np.isin(tiles, T.ONEWAYS).sum())
    m["manifestations"] = len(ds.manifestations)
    m["lures"] = len(ds.lures)
    m["dream_loops"] = sum(p.kind == "dream_loop" for p in ds.portals)
    m["portals"] = sum(p.two_way for p in ds.portals)
    m["shards"] = len(ds.shards)
    around = ring_count(walk)
    m["shard_exposure"] = round(float(np.mean([around[s.y, s.x] for s in ds.shards])), 3) if ds.shards else 0.0
    real = [g for g in ds.glitches if g.kind != "return"]
    m["glitch_count"] = len(real)
    m["glitch_tiles"] = round(float(np.mean([len(g.changes) for g in real])), 2) if real else 0.0
    horizon = ds.stats.get("glitch_horizon", ds.spec.time_limit_seconds() * TICKS_PER_SECOND)
    m["glitch_rate"] = round(len(real) / max(1e-9, horizon / (60.0 * TICKS_PER_SECOND)), 3)
    m["retries"] = int(ds.stats.get("retries", 0))
    m["glitch_retries"] = int(ds.stats.get("glitch_retries", 0))
    counts = np.bincount(ds.regions.ravel(), minlength=len(T.THEMES))
    for theme in T.THEMES:
        m[f"region_{theme.name}"] = round(float(counts[theme.code]) / area, 4)
    for name in METRIC_NAMES:
        if name.startswith("manifest_"):
            m[name] = sum(e.type == name[9:] for e in ds.manifestations)
        elif name.startswith("lure_"):
            m[name] = sum(e.type == name[5:] for e in ds.lures)
        elif name.startswith("glitch_") and name[7:] in KINDS:
            m[name] = sum(g.kind == name[7:] for g in real)
    return {name: m[name] for name in METRIC_NAMES}


def _spread(points: list[tuple[int, int]]) -> float:
    if len(points) < 2:
        return 0.0
    p = np.array(points, np.int64)
    # Squared distances are exact integers; one correctly rounded sqrt each and
    # an exactly rounded sum (fsum), so the figure is the same on any machine.
    d2 = ((p[:, None, :] - p[None, :, :]) ** 2).sum(-1)
    np.fill_diagonal(d2, np.iinfo(np.int64).max)
    nearest = d2.min(axis=1).tolist()
    return round(math.fsum(math.sqrt(v) for v in nearest) / len(nearest), 2)


def _loops(walk: np.ndarray) -> int:
    # Euler's formula for a planar grid graph: bounded faces = E - V + C. Each
    # 2x2 block of floor is a trivial face; the rest are loops around walls.
    edges = int((walk[:, 1:] & walk[:, :-1]).sum() + (walk[1:, :] & walk[:-1, :]).sum())
    squares = int((walk[1:, 1:] & walk[1:, :-1] & walk[:-1, 1:] & walk[:-1, :-1]).sum())
    _, comps = label(walk)
    return edges - int(walk.sum()) + comps - squares


def chokepoint_tiles(walk: np.ndarray, start: tuple[int, int], from_exit: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(route, mask): one shortest route from start to exit and its cut tiles.

    The `chokepoints` metric counts the mask; the studio draws it. Ground off the route splits into components; each one touches the
    route between a lowest and a highest index and so bypasses every route
    tile strictly between them. Route tiles no bypass spans are cut tiles.
    """
    mask = np.zeros(walk.shape, bool)
    if from_exit[start[1], start[0]] == UNREACHED:
        return np.zeros((0, 2), np.intp), mask
    route = hillclimb2d(from_exit, (start[1], start[0]), True, False)
    n = len(route)
    if n < 3:
        return route, mask
    order = np.full(walk.shape, -1, np.int64)
    order[route[:, 0], route[:, 1]] = np.arange(n)
    labels, count = label(walk & (order < 0))
    first = np.full(count + 1, n, np.int64)
    last = np.full(count + 1, -1, np.int64)
    spans_from, spans_to = [], []
    h, w = walk.shape
    for dy, dx in ((1, 0), (-1, 0), (0, 1), (0, -1)):
        ny, nx = route[:, 0] + dy, route[:, 1] + dx
        inside = (ny >= 0) & (ny < h) & (nx >= 0) & (nx < w)
        i, ny, nx = np.arange(n)[inside], ny[inside], nx[inside]
        comp = labels[ny, nx]
        touching = comp > 0
        np.minimum.at(first, comp[touching], i[touching])
        np.maximum.at(last, comp[touching], i[touching])
        # The route passing beside itself further along is a shortcut too.
        j = order[ny, nx]
        shortcut = (j >= 0) & (np.abs(j - i) > 1)
        spans_from.append(np.minimum(i[shortcut], j[shortcut]))
        spans_to.append(np.maximum(i[shortcut], j[shortcut]))
    used = last >= 0
    a = np.concatenate([first[used]] + spans_from)
    b = np.concatenate([last[used]] + spans_to)
    wide = b - a >= 2
    cover = np.zeros(n + 1, np.int64)
    np.add.at(cover, a[wide] + 1, 1)
    np.add.at(cover, b[wide], -1)
    bypassed = np.cumsum(cover)[:n] > 0
    cut = np.flatnonzero(~bypassed[1:-1]) + 1
    mask[route[cut, 0], route[cut, 1]] = True
    return route, mask



def _chokepoints(walk: np.ndarray, start: tuple[int, int], from_exit: np.ndarray) -> int:
    """Cut vertices between start and exit, found along one shortest route."""
    return int(chokepoint_tiles(walk, start, from_exit)[1].sum())

def _region_links(walk: np.ndarray, regions: np.ndarray) -> float:
    cross_h = regions[:, 1:] != regions[:, :-1]
    cross_v = regions[1:, :] != regions[:-1, :]
    border = int(cross_h.sum() + cross_v.sum())
    if border == 0:
        return 0.0
    links = int((cross_h & walk[:, 1:] & walk[:, :-1]).sum() + (cross_v & walk[1:, :] & walk[:-1, :]).sum())
    return round(100.0 * links / border, 3)


def _mirror_score(walk: np.ndarray, half: int = 6, rows: int = 8) -> float:
    h, w = walk.shape
    # Axis columns c run from `half` to w - half - 1; column c itself is the mirror.
    n = w - 2 * half
    if n <= 0 or h < rows:
        return 0.0
    same = np.ones((h, n), bool)
    mixed_floor = np.zeros((h, n), bool)
    mixed_wall = np.zeros((h, n), bool)
    for k in range(half):
        left = walk[:, half - 1 - k : half - 1 - k + n]
        right = walk[:, half + 1 + k : half + 1 + k + n]
        same &= left == right
        mixed_floor |= left
        mixed_wall |= ~left
    # Plain wall or plain floor is trivially symmetric; only mixed rows count.
    sym = same & mixed_floor & mixed_wall
    run = np.cumsum(np.vstack([np.zeros((1, n), np.int32), sym.astype(np.int32)]), axis=0)
    full = (run[rows:] - run[:-rows]) == rows  # windows of `rows` symmetric rows
    inside = np.zeros((h, n), bool)
    for r in range(rows):
        inside[r : r + full.shape[0]] |= full
    return round(1000.0 * float(inside.sum()) / (h * n), 3)
