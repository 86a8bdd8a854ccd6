"""Vectorised grid helpers shared by the phases: neighbour counts, fields, components."""

from __future__ import annotations

import numpy as np

from dreamscape.core import tiles as T
from dreamscape.gen.components import label as _label
from dreamscape.core.native.loader import bfs4, nearest4
from dreamscape.gen.paths import dijkstra2d

UNREACHED = np.iinfo(np.int32).max


def cardinal_count(mask: np.ndarray) -> np.ndarray:
    """For each tile, how many of its four neighbours are set (outside counts as unset)."""
    m = mask.astype(np.int8)
    out = np.zeros(m.shape, np.int8)
    out[1:, :] += m[:-1, :]
    out[:-1, :] += m[1:, :]
    out[:, 1:] += m[:, :-1]
    out[:, :-1] += m[:, 1:]
    return out


def inner_ring(like: np.ndarray) -> np.ndarray:
    """True everywhere but the outermost ring of tiles."""
    mask = np.zeros(like.shape, bool)
    mask[1:-1, 1:-1] = True
    return mask


def ring_count(mask: np.ndarray) -> np.ndarray:
    """For each tile, how many of its eight neighbours are set."""
    p = np.pad(mask.astype(np.int8), 1)
    h, w = mask.shape
    out = np.zeros((h, w), np.int8)
    for dy in (0, 1, 2):
        for dx in (0, 1, 2):
            if dy != 1 or dx != 1:
                out += p[dy : dy + h, dx : dx + w]
    return out


def guard_portal(mask: np.ndarray, portal) -> None:
    """Mark both ends of a portal and their eight neighbours in `mask`.

    A portal end carries whoever steps on it away, so a route cannot pass
    over it. Ends go only in blind alleys or on open ground, where no route
    has to; keeping their neighbourhoods from ever changing keeps it so.
    """
    h, w = mask.shape
    for x, y in (portal.a, portal.b):
        mask[max(0, y - 1) : min(h, y + 2), max(0, x - 1) : min(w, x + 2)] = True


def strict_walkable(tiles: np.ndarray) -> np.ndarray:
    """Walkable in both directions: one-way passages are left out.

    The reachability invariant is checked on this graph, so one-way tiles can
    only ever add routes, never be the only one.
    """
    return T.STRICT[tiles]


def distance_from(walk: np.ndarray, roots: list[tuple[int, int]] | np.ndarray) -> np.ndarray:
    """Walking distance (4-connected, unit steps) from root (x, y) tiles; UNREACHED elsewhere."""
    return distances_from(walk, [roots])[0]


def distances_from(walk: np.ndarray, root_sets: list) -> list[np.ndarray]:
    """One distance field per set of roots, all on the same walkable mask."""
    # 0/1 steps whatever the mask's dtype: tcod reads a cost, the compiled search only "nonzero".
    cost = np.ascontiguousarray(walk if walk.dtype == np.bool_ else walk != 0).view(np.int8)
    memo = _memo_for(cost)
    out = []
    for roots in root_sets:
        roots = np.asarray(roots, dtype=np.intp).reshape(-1, 2)
        key = roots.tobytes()
        if key not in memo:
            dist = np.full(walk.shape, UNREACHED, np.int32)
            dist[roots[:, 1], roots[:, 0]] = 0
            if not bfs4(dist, cost):  # the compiled search is not built here: tcod's gives the same field
                dijkstra2d(dist, cost, 1, 0)
            memo[key] = dist
        out.append(memo[key].copy())
    return out


def nearest_on_foot(walk: np.ndarray, root: tuple[int, int], targets: list[tuple[int, int]]) -> tuple[int, int]:
    """(i, steps): the (x, y) target nearest `root` by walking distance (4-connected,
    unit steps), the first of `targets` among equals, and its distance (UNREACHED
    when none can be reached).

    The compiled search stops at the nearest target's distance; without it a
    whole field is searched, with the same answer.
    """
    if not targets:
        raise ValueError("no targets to find")
    cost = np.ascontiguousarray(walk if walk.dtype == np.bool_ else walk != 0).view(np.int8)
    found = nearest4(cost, root, targets)
    if found is not None:
        return (0, UNREACHED) if found[0] < 0 else found
    dist = distance_from(walk, [root])
    steps = [int(dist[y, x]) for x, y in targets]
    i = int(np.argmin(steps))
    return i, steps[i]


#: The last walkable mask's distance fields by their roots. The phases after
#: the layout (placement, marks, the tour that sets the rescue window, the
#: metrics) walk the same mask from the same start and exit again and again;
#: a field is a pure function of the mask and the roots, so a field found
#: here is the one a fresh search would give. One mask is kept: a new one
#: (the next phase's, the next level's) replaces it.
_last: tuple[bytes, tuple[int, ...], dict[bytes, np.ndarray]] = (b"", (), {})


def _memo_for(cost: np.ndarray) -> dict[bytes, np.ndarray]:
    global _last
    data = cost.tobytes()
    last = _last  # one read: a thread that swaps the memo cannot mix two masks here
    if last[0] != data or last[1] != cost.shape:
        last = _last = (data, cost.shape, {})
    return last[2]


def label(mask: np.ndarray) -> tuple[np.ndarray, int]:
    """4-connected components of a mask (0 = background), numbered in map order of their first tile."""
    return _label(mask)


def upsample(coarse: np.ndarray, step: int, height: int, width: int) -> np.ndarray:
    """Bilinear interpolation of an integer lattice sampled every `step` tiles.

    Exact: the weights are whole numbers of tiles and the result is left
    multiplied by step**2 (no division, so no rounding). Separable: rows are
    interpolated along x first (a small array), then the result along y.
    """
    coarse = np.asarray(coarse, np.int64)
    ys, xs = np.arange(height), np.arange(width)
    y0 = np.minimum(ys // step, coarse.shape[0] - 2)
    x0 = np.minimum(xs // step, coarse.shape[1] - 2)
    fy = (ys - y0 * step)[:, None]
    fx = (xs - x0 * step)[None, :]
    rows = coarse[:, x0] * (step - fx) + coarse[:, x0 + 1] * fx
    return rows[y0] * (step - fy) + rows[y0 + 1] * fy
