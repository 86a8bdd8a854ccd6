"""4-connected components of a tile mask, numbered as scipy.ndimage.label numbers them.

The mask is cut into horizontal runs of set tiles (a run's id is its place in
map order); runs that touch across two rows are joined by a union-find done
in whole arrays: every root hooks onto the smallest root it touches, pointers
jump until each names its root, and so on until no two touching runs have
different roots. A root is the run that comes first in map order, so
numbering the roots in order gives every component the number scipy gives
it: components counted in the order of their first tile (row by row, left to
right). Integers only; nothing depends on sort order or hashing.

`component_ids` answers the question the invariant asks many times a map
(do these few tiles share a component?) without numbering every tile, and
can stop joining as soon as they have all met.

Both first ask the compiled union-find (core/native/label.c), which numbers
components the same way in a fraction of the time, and use the union-find
where the library is not built.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from dreamscape.core.native.loader import components4, flat_tiles, label4


def label(mask: np.ndarray) -> tuple[np.ndarray, int]:
    """(labels, count): int32 labels 1..count of the 4-connected components of `mask`, 0 elsewhere.

    Components are numbered in the order of their first tile in map order,
    exactly as `scipy.ndimage.label(mask, structure=<the 4-neighbour cross>)`.
    """
    native = _native(mask)
    if native is not None:
        return native
    h, w = np.shape(mask)
    run, parent, upper, lower = _runs(mask)
    if upper.size:
        parent = _compress(_join(parent, upper, lower))
    number = np.cumsum(parent == np.arange(parent.size, dtype=np.int32), dtype=np.int32)
    number -= 1  # run 0 (the unset tiles) is a root numbered 0
    return number[parent][run].reshape(h, w), int(number[-1])


def component_ids(mask: np.ndarray, points: Sequence[tuple[int, int]], together: int | None = None) -> list[int]:
    """For each (x, y) of `points`, an id of the component of `mask` it lies in; 0 for an unset tile.

    Two points get the same id exactly when they are connected; the ids are
    for comparing, not `label`'s numbers. With `together=k`, joining
    stops as soon as the first k points are known to be connected: their ids
    are then equal, and the other points' ids are not to be compared.
    """
    grid = _int8_grid(mask)
    tiles = flat_tiles(points, grid.shape)
    native = components4(grid, list(points))
    if native is not None:
        return native
    run, parent, upper, lower = _runs(mask)
    at = run[tiles]
    watch = at[:together] if together else None
    if upper.size:
        parent = _join(parent, upper, lower, watch if watch is not None and watch.all() else None)
    return _roots(parent, at).tolist()


def _native(mask: np.ndarray) -> tuple[np.ndarray, int] | None:
    """`label` from the compiled union-find, or None where the library is not built."""
    return label4(_int8_grid(mask))


def _int8_grid(mask: np.ndarray) -> np.ndarray:
    """The mask as the compiled helpers read it: 0/1 int8, C-contiguous, 2-D (anything else refused)."""
    if np.ndim(mask) != 2:
        raise ValueError(f"expected a 2-D mask, got shape {np.shape(mask)}")
    return np.ascontiguousarray(mask, dtype=bool).view(np.int8)


def _runs(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(run, parent, upper, lower): each tile's run id (0 where unset, flat), one pointer per run
    (each to itself), and one edge (upper run, lower run) per pair of runs that touch across rows."""
    m = np.ascontiguousarray(mask, dtype=bool)
    if m.ndim != 2:
        raise ValueError(f"expected a 2-D mask, got shape {m.shape}")
    h, w = m.shape
    if m.size == 0:
        none = np.zeros(0, np.int32)
        return none, np.zeros(1, np.int32), none, none
    starts = m.copy()  # a run starts on a set tile whose left neighbour is unset
    np.greater(m[:, 1:], m[:, :-1], out=starts[:, 1:])
    run = np.cumsum(starts.ravel(), dtype=np.int32)
    parent = np.arange(int(run[-1]) + 1, dtype=np.int32)
    run *= m.ravel()  # each set tile's run id (1-based, map order); 0 on unset tiles
    if h == 1:
        return run, parent, run[:0], run[:0]
    both = m[1:] & m[:-1]  # set tiles whose lower neighbour is set
    # One tile per pair of touching runs: where their overlap begins or either run starts.
    first = both.copy()
    np.greater(both[:, 1:], both[:, :-1], out=first[:, 1:])
    first |= both & (starts[1:] | starts[:-1])
    at = np.flatnonzero(first)
    return run, parent, run[at], run[at + w]


def _join(parent: np.ndarray, a: np.ndarray, b: np.ndarray, watch: np.ndarray | None = None) -> np.ndarray:
    """Union-find over the edges (a[i], b[i]), a < b: afterwards a node's root is the least id of its component.

    Every pointer goes to a smaller id (or to itself), so the pointers form a
    forest whatever order the hooks land in; nodes under a root hooked later
    may be left a few steps short of it (`_roots` and `_compress` finish).
    With `watch`, stops early once all of those nodes have one root.
    """
    np.minimum.at(parent, b, a)  # every node is still a root: hook straight on
    parent = _compress(parent)
    edges = np.stack([a, b])
    while True:
        if watch is not None and (parent[watch] == parent[watch[0]]).all():
            return parent
        roots = _roots(parent, edges)
        apart = roots[0] != roots[1]
        if not apart.any():
            return parent
        edges, roots = edges[:, apart], roots[:, apart]
        roots.sort(axis=0)  # (smaller, larger) root of each edge still apart
        np.minimum.at(parent, roots[1], roots[0])


def _roots(parent: np.ndarray, nodes: np.ndarray) -> np.ndarray:
    """The roots of `nodes`, following pointers until none moves."""
    r = parent[nodes]
    while True:
        up = parent[r]
        if (up == r).all():
            return r
        r = up


def _compress(parent: np.ndarray) -> np.ndarray:
    """Pointer jumping until every node points at its root."""
    while True:
        up = parent[parent]
        if not (up != parent).any():
            return parent
        parent = up
