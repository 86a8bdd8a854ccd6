"""Phase 'connect': every walkable piece joins the main one, or is filled in.

Components come from a C labelling; one Dijkstra from the main component over
'walls cost more than floor' gives every other piece its cheapest tunnel back,
which is read off by hill-climbing and carved. Water and void on a tunnel
become bridges. Specks too small to matter are walled up.
"""

from __future__ import annotations

import numpy as np
import scipy.ndimage as ndi
import tcod

from dreamscape.core import tiles as T
from dreamscape.gen.build import Build
from dreamscape.gen.grid import UNREACHED, label, strict_walkable

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
    cost = np.where(walk, 1, 4).astype(np.int32)
    cost[tiles == T.WATER] = 5
    cost[tiles == T.VOID] = 5
    # The outer ring stays solid.
    cost[0, :] = cost[-1, :] = 0
    cost[:, 0] = cost[:, -1] = 0
    dist = np.full(tiles.shape, UNREACHED, np.int32)
    dist[labels == main] = 0
    tcod.path.dijkstra2d(dist, cost, 1, 0, out=dist)
    tunnels = 0
    # Each piece's tile nearest to the main one, found in C for all pieces at once.
    for y, x in ndi.minimum_position(dist, labels, keep):
        path = tcod.path.hillclimb2d(dist, (int(y), int(x)), True, False)
        ys, xs = path[:, 0], path[:, 1]
        blocked = ~T.WALKABLE[tiles[ys, xs]]
        liquid = T.DEEP[tiles[ys, xs]]
        tiles[ys[blocked & ~liquid], xs[blocked & ~liquid]] = T.FLOOR
        tiles[ys[liquid], xs[liquid]] = T.BRIDGE
        tunnels += 1
    return tunnels


def run(build: Build) -> None:
    build.stats["tunnels"] = build.stats.get("tunnels", 0) + connect(build.tiles)
