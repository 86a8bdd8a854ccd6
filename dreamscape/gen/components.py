"""4-connected components of a tile mask, numbered as scipy.ndimage.label numbers them.

The mask is cut into horizontal runs of set tiles (a run's id is its place in
map order); runs that touch across two rows are joined by a union-find done
in whole arrays: every root hooks onto the smallest root it touches, pointers
jump until each names its root, and so on until no two touching runs have
different roots. A root is the run that comes first in map order, so
numbering the roots in order gives every component the number scipy gives
it: components counted in the order of their first tile (row by row, left to
right). Integers only; nothing depends on sort order or hashing.

A labelling of a 256x256 maze takes about half a millisecond.
"""

from __future__ import annotations

import numpy as np


def label(mask: np.ndarray) -> tuple[np.ndarray, int]:
    """(labels, count): int32 labels 1..count of the 4-connected components of `mask`, 0 elsewhere.

    Components are numbered in the order of their first tile in map order,
    exactly as `scipy.ndimage.label(mask, structure=<the 4-neighbour cross>)`.
    """
    m = np.ascontiguousarray(mask, dtype=bool)
    if m.ndim != 2:
        raise ValueError(f"expected a 2-D mask, got shape {m.shape}")
    h, w = m.shape
    if m.size == 0:
        return np.zeros((h, w), np.int32), 0
    starts = m.copy()  # a run starts on a set tile whose left neighbour is unset
    np.greater(m[:, 1:], m[:, :-1], out=starts[:, 1:])
    run = np.cumsum(starts.ravel(), dtype=np.int32)
    runs = int(run[-1])
    run *= m.ravel()  # each set tile's run id (1-based, map order); 0 on unset tiles
    parent = np.arange(runs + 1, dtype=np.int32)
    if h > 1 and runs:
        both = m[1:] & m[:-1]  # set tiles whose lower neighbour is set
        # One tile per pair of touching runs: where their overlap begins or either run starts.
        first = both.copy()
        np.greater(both[:, 1:], both[:, :-1], out=first[:, 1:])
        first |= both & (starts[1:] | starts[:-1])
        at = np.flatnonzero(first)
        parent = _join(parent, run[at], run[at + w])
    roots = parent == np.arange(runs + 1, dtype=np.int32)
    number = np.cumsum(roots, dtype=np.int32)
    number -= 1  # run 0 (the unset tiles) is a root numbered 0
    return number[parent][run].reshape(h, w), int(number[-1])


def _join(parent: np.ndarray, upper: np.ndarray, lower: np.ndarray) -> np.ndarray:
    """Union-find over the edges (upper[i], lower[i]), upper < lower: each node's root, the least id of its component.

    Every pointer goes to a smaller id (or to itself), so the pointers form a
    forest whatever order the hooks land in.
    """
    np.minimum.at(parent, lower, upper)  # every node is still a root: hook straight on
    parent = _compress(parent)
    a, b = upper, lower
    while True:
        ra, rb = parent[a], parent[b]
        while True:  # the roots of the ends (nodes under a root hooked last round are one step short)
            na, nb = parent[ra], parent[rb]
            if np.array_equal(na, ra) and np.array_equal(nb, rb):
                break
            ra, rb = na, nb
        apart = ra != rb
        if not apart.any():
            return _compress(parent)
        a, b, ra, rb = a[apart], b[apart], ra[apart], rb[apart]
        np.minimum.at(parent, np.maximum(ra, rb), np.minimum(ra, rb))


def _compress(parent: np.ndarray) -> np.ndarray:
    """Pointer jumping until every node points at its root."""
    while True:
        up = parent[parent]
        if np.array_equal(up, parent):
            return parent
        parent = up
