"""Phase 'connect': every walkable piece joins the main one, or is filled in.

Components come from a C labelling; one Dijkstra from the main component over
'walls cost more than floor' gives every other piece its cheapest tunnel back,
which is read off by hill-climbing and carved. Water and void on a tunnel
become bridges. Specks too small to matter are walled up.
"""

from __future__ import annotations

import numpy as np
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
    flat_labels = labels.ravel()
    flat_dist = dist.ravel()
    order = np.argsort(flat_labels, kind="stable")
    bounds = np.searchsorted(flat_labels[order], np.arange(count + 2))
    tunnels = 0
    for comp in keep:
        members = order[bounds[comp] : bounds[comp + 1]]
        nearest = members[flat_dist[members].argmin()]
        y, x = divmod(int(nearest), tiles.shape[1])
        path = tcod.path.hillclimb2d(dist, (y, x), True, False)
        ys, xs = path[:, 0], path[:, 1]
        blocked = ~T.WALKABLE[tiles[ys, xs]]
        liquid = T.DEEP[tiles[ys, xs]]
        tiles[ys[blocked & ~liquid], xs[blocked & ~liquid]] = T.FLOOR
        tiles[ys[liquid], xs[liquid]] = T.BRIDGE
        tunnels += 1
    return tunnels


def run(build: Build) -> None:
    build.stats["tunnels"] = build.stats.get("tunnels", 0) + connect(build.tiles)
