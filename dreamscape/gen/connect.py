"""Phase 'connect': every walkable piece joins the main one, or is filled in.

Components come from `components.label`; a taxicab distance transform gives
every tile its distance to the main piece, and each other piece is joined by
an L-shaped tunnel from its closest tile to the main piece's tile nearest it. Water and void on a tunnel become
bridges. Specks too small to matter are walled up.
"""

from __future__ import annotations

import numpy as np

from dreamscape.core import tiles as T
from dreamscape.gen.build import Build
from dreamscape.gen.grid import label, strict_walkable
from dreamscape.gen.nearest import nearest_tile, taxicab_distance

MIN_PIECE = 6


def connect(tiles: np.ndarray) -> int:
    """Join all walkable components into one; returns how many tunnels were carved."""
    walk = strict_walkable(tiles)
    labels, count = label(walk)
    if count <= 1:
        return 0
    sizes = np.bincount(labels.ravel(), minlength=count + 1)
    sizes[0] = 0
    main = int(sizes.argmax())
    small = (sizes < MIN_PIECE) & (np.arange(count + 1) != main)
    small[0] = False
    tiles[small[labels]] = T.WALL
    keep = [c for c in range(1, count + 1) if not small[c] and c != main]
    if not keep:
        return 0
    # Every tile's taxicab distance to the main piece.
    target = labels == main
    dist = taxicab_distance(target)
    h, w = tiles.shape
    tunnels = 0
    for y, x in _closest_tiles(dist, labels, count, keep):
        ty, tx = nearest_tile(target, dist, y, x)
        # An L-shaped tunnel, along x then along y, kept off the outer ring.
        xs = np.arange(min(x, tx), max(x, tx) + 1)
        ys = np.arange(min(y, ty), max(y, ty) + 1)
        path_y = np.concatenate([np.full(len(xs), y), ys])
        path_x = np.concatenate([xs, np.full(len(ys), tx)])
        inside = (path_y > 0) & (path_y < h - 1) & (path_x > 0) & (path_x < w - 1)
        path_y, path_x = path_y[inside], path_x[inside]
        here = tiles[path_y, path_x]
        blocked = ~T.WALKABLE[here]
        liquid = T.DEEP[here]
        tiles[path_y[blocked & ~liquid], path_x[blocked & ~liquid]] = T.FLOOR
        tiles[path_y[liquid], path_x[liquid]] = T.BRIDGE
        tunnels += 1
    return tunnels


def _closest_tiles(dist: np.ndarray, labels: np.ndarray, count: int, keep: list[int]) -> list[tuple[int, int]]:
    """For each kept piece, its tile nearest the main piece (ties: first in map order).

    Done with integer keys rather than `scipy.ndimage.minimum_position`,
    whose choice among equally near tiles follows an unstable sort that
    NumPy runs with different SIMD kernels on different processors.
    """
    flat = np.arange(dist.size, dtype=np.int64)
    key = dist.ravel().astype(np.int64) * dist.size + flat
    best = np.full(count + 1, np.iinfo(np.int64).max, np.int64)
    np.minimum.at(best, labels.ravel(), key)
    w = dist.shape[1]
    return [divmod(int(best[c] % dist.size), w) for c in keep]


def run(build: Build) -> None:
    build.stats["tunnels"] = build.stats.get("tunnels", 0) + connect(build.tiles)
