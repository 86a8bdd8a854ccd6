"""Phase 'tree': a random spanning tree over the cell lattice, carved as corridors.

Cells sit at odd (x, y); a corridor joins each cell to its parent. The tree is
the shortest-path tree of tcod's C Dijkstra over random cell costs, so the
whole lattice is connected in one call instead of a Python backtracker.
Hollow regions get near-uniform costs (long straight spokes); elsewhere
high-variance costs give winding, branchy passages; isolation makes region
borders dear to cross, so regions hang together by few threads.
"""

from __future__ import annotations

import numpy as np

from dreamscape.core import tiles as T
from dreamscape.gen.build import Build
from dreamscape.gen.paths import dijkstra2d


_STEPS = np.array([(-1, 0), (1, 0), (0, -1), (0, 1)], np.intp)  # (dy, dx)


def spanning_tree(costs: np.ndarray, root: tuple[int, int]) -> np.ndarray:
    """Parent (cy, cx) of every cell of a (ch, cw) cost lattice; the root is its own parent.

    One C Dijkstra from the root gives every cell its distance; each cell's
    parent is its nearest neighbour, which is strictly nearer (costs are at
    least 1), so the links form a tree that reaches every cell.
    """
    ch, cw = costs.shape
    dist = np.full((ch, cw), np.iinfo(np.int32).max, np.int32)
    dist[root] = 0
    dijkstra2d(dist, costs, 1, 0)
    pad = np.pad(dist, 1, constant_values=np.iinfo(np.int32).max)
    around = np.stack([pad[:-2, 1:-1], pad[2:, 1:-1], pad[1:-1, :-2], pad[1:-1, 2:]])
    step = _STEPS[around.argmin(axis=0)]
    cy, cx = np.mgrid[0:ch, 0:cw]
    parents = np.stack([cy + step[..., 0], cx + step[..., 1]], axis=-1)
    parents[root] = root
    return parents


def carve_tree(tiles: np.ndarray, parents: np.ndarray, x0: int = 0, y0: int = 0) -> None:
    """Carve cells and parent links of a tree whose cell (0, 0) is tile (x0+1, y0+1)."""
    ch, cw = parents.shape[:2]
    cy, cx = np.mgrid[0:ch, 0:cw]
    tiles[y0 + 2 * cy + 1, x0 + 2 * cx + 1] = T.FLOOR
    py, px = parents[..., 0], parents[..., 1]
    tiles[y0 + cy + py + 1, x0 + cx + px + 1] = T.FLOOR


def carve_binary_tree(block: np.ndarray, north: np.ndarray) -> None:
    """Carve a binary-tree maze into `block`, whose cell (0, 0) is tile (1, 1).

    Every cell links north or west (`north` says which; the top row always
    goes west, the left column north), so the cells form one tree rooted at
    the top-left corner. Vectorised, and its diagonal grain reads as the
    machine-made order of a rewritten dream.
    """
    ch, cw = north.shape
    north = north.copy()
    north[0, :] = False
    north[:, 0] = True
    north[0, 0] = False
    cy, cx = np.mgrid[0:ch, 0:cw]
    block[2 * cy + 1, 2 * cx + 1] = T.FLOOR
    up = north & (cy > 0)
    block[2 * cy[up], 2 * cx[up] + 1] = T.FLOOR
    left = ~north & (cx > 0)
    block[2 * cy[left] + 1, 2 * cx[left]] = T.FLOOR


def run(build: Build) -> None:
    rng = build.rng("tree")
    ch, cw = (build.height - 1) // 2, (build.width - 1) // 2
    cell_theme = build.regions[1 : 2 * ch : 2, 1 : 2 * cw : 2]
    costs = rng.integers(1, 1000, (ch, cw), dtype=np.int32)
    # Hollow: near-uniform cost, so Dijkstra grows long straight spokes.
    hollow = cell_theme == T.HOLLOW
    costs[hollow] = 500 + (costs[hollow] & 7)
    isolation = build.knob("isolation")
    if isolation > 0:
        # Isolation: crossing into another region costs dearly, so the tree
        # enters each region by as few doors as it can.
        border = np.zeros(cell_theme.shape, bool)
        border[:, 1:] |= cell_theme[:, 1:] != cell_theme[:, :-1]
        border[:, :-1] |= cell_theme[:, 1:] != cell_theme[:, :-1]
        border[1:, :] |= cell_theme[1:, :] != cell_theme[:-1, :]
        border[:-1, :] |= cell_theme[1:, :] != cell_theme[:-1, :]
        costs[border] += int(isolation * 40000)
    root = (int(rng.integers(ch)), int(rng.integers(cw)))
    parents = spanning_tree(costs, root)
    carve_tree(build.tiles, parents)
    build.stats["cells"] = ch * cw
