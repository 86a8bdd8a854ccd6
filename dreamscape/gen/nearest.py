"""The taxicab distance to a set of tiles, and which of them is nearest.

`taxicab_distance` gives every tile its distance (steps along x plus steps
along y, walls ignored) to the nearest set tile of a mask, exactly as
scipy.ndimage.distance_transform_cdt(~mask, metric="taxicab"): the nearest
set tile in each row first, then the best row for each column, each a pair
of running minimums over whole arrays.

`nearest_tile` names the nearest set tile the way that transform's indices
do when several are equally near. SciPy sweeps the map twice: forward (each
tile takes the better of its upper and left neighbours' answers, the upper on
a tie) and backward (a tile keeps its answer when no lower or right neighbour
does strictly better; the lower wins a tie with the right). Followed back
from one tile, that is a walk: down while some equally near tile lies lower,
else right, until some lie up and to the left of where the walk stands; of
those, the forward sweep's answer is the uppermost. Replaying the walk over
the few equally near tiles answers one tile at a time, without the sweeps.
"""

from __future__ import annotations

import numpy as np


def taxicab_distance(target: np.ndarray) -> np.ndarray:
    """int32: each tile's taxicab distance to the nearest set tile of `target` (which must have one)."""
    t = np.asarray(target, dtype=bool)
    h, w = t.shape
    far = 2 * (h + w)  # more than any distance on the map
    xs = np.arange(w, dtype=np.int64)
    left = np.maximum.accumulate(np.where(t, xs, -far), axis=1)
    right = np.minimum.accumulate(np.where(t, xs, 2 * far)[:, ::-1], axis=1)[:, ::-1]
    along = np.minimum(xs - left, right - xs)  # to the nearest in the same row (`far` or more: none)
    ys = np.arange(h, dtype=np.int64)[:, None]
    from_above = np.minimum.accumulate(along - ys, axis=0) + ys
    from_below = np.minimum.accumulate((along + ys)[::-1], axis=0)[::-1] - ys
    return np.minimum(from_above, from_below).astype(np.int32)


def nearest_tile(target: np.ndarray, distance: np.ndarray, y: int, x: int) -> tuple[int, int]:
    """(ty, tx): the set tile of `target` nearest (y, x), as the indices of
    scipy.ndimage.distance_transform_cdt(~target, metric="taxicab", return_indices=True) name it.

    `distance` is `taxicab_distance(target)`.
    """
    d = int(distance[y, x])
    if d == 0:
        return y, x
    ties = _ring(target, y, x, d)
    cy, cx = y, x
    while True:
        behind = [t for t in ties if t[0] <= cy and t[1] <= cx]
        if behind:
            return min(behind)  # the uppermost (one tile per row lies at this distance)
        if any(t[0] > cy for t in ties):
            cy += 1
            ties = [t for t in ties if t[0] >= cy]
        else:
            cx += 1
            ties = [t for t in ties if t[1] >= cx]


def _ring(target: np.ndarray, y: int, x: int, d: int) -> list[tuple[int, int]]:
    """The set tiles of `target` at taxicab distance exactly `d` from (y, x)."""
    h, w = target.shape
    dy = np.arange(-d, d + 1)
    dx = d - np.abs(dy)
    ty = np.concatenate([y + dy, y + dy[1:-1]])
    tx = np.concatenate([x + dx, x - dx[1:-1]])
    inside = (ty >= 0) & (ty < h) & (tx >= 0) & (tx < w)
    ty, tx = ty[inside], tx[inside]
    on = target[ty, tx]
    return list(zip(ty[on].tolist(), tx[on].tolist()))
