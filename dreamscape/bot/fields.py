"""Distance fields over the bot's `Ground`: tcod Dijkstra on directed grid graphs.

A goal field holds, for every tile, the ticks still to walk from there to the
goal (counting the tile itself, not the goal; the bot only compares
neighbours, so the constant offset does not matter). It is rooted at the goal
and follows steps backwards, so one-way passages come out right. Portals are
folded in with extra passes: an entrance is worth what its landing tile is.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import tcod

from dreamscape.bot.ground import DIRECTIONS, Ground
from dreamscape.sim.commands import STEPS

FAR = np.iinfo(np.int32).max
OPPOSITE = {1: 3, 2: 4, 3: 1, 4: 2}
_PORTAL_PASSES = 3  # portal chains longer than this are not worth following


def relax(cost: np.ndarray, conditions: dict[int, np.ndarray], seed: np.ndarray) -> np.ndarray:
    """Shortest distances from the finite entries of `seed` (FAR elsewhere).

    An edge in direction d leaves a tile where `conditions[d]` is set and
    costs `cost` of the tile it enters; cost 0 means the tile cannot be entered.
    """
    graph = tcod.path.CustomGraph(cost.shape)
    for d in DIRECTIONS:
        dx, dy = STEPS[d]
        graph.add_edge((dy, dx), 1, cost=cost, condition=conditions[d])
    finder = tcod.path.Pathfinder(graph)
    finder.distance[...] = seed
    finder.rebuild_frontier()
    finder.resolve()
    return finder.distance.copy()


@dataclass
class Field:
    """Ticks to a goal from every tile; `fixed` marks tiles whose value is given, not walked
    (the goal itself, and portal entrances worth their landing); `cost` is what
    entering each tile was counted at."""

    dist: np.ndarray
    fixed: np.ndarray
    cost: np.ndarray


def _backward(ground: Ground, x0: int = 0, y0: int = 0, x1: int | None = None, y1: int | None = None) -> dict[int, np.ndarray]:
    # Growing from the goal along d means a walker stepping the opposite way.
    return {d: ground.back[OPPOSITE[d]][y0:y1, x0:x1] for d in DIRECTIONS}


def goal_field(ground: Ground, goals: list[tuple[int, int]], extra: np.ndarray | None = None, worth: list[int] | None = None) -> Field:
    """The field of ticks to reach any of the `goals` (x, y), portals included.

    `extra` adds a cost to entering tiles (the bot's dislike of haunted ground);
    `worth` gives each goal a value of its own (ticks still to come after it;
    0 for all by default), so the field leads to the best goal, not the nearest.
    """
    cost = ground.cost if extra is None else np.where(ground.cost > 0, ground.cost + extra, 0).astype(np.int32)
    seed = np.full(cost.shape, FAR, np.int32)
    for i, (x, y) in enumerate(goals):
        if ground.walk[y, x]:
            seed[y, x] = min(int(seed[y, x]), worth[i] if worth else 0)
    conditions = _backward(ground)
    dist = relax(cost, conditions, seed)
    for _ in range(_PORTAL_PASSES):
        if not _portal_seeds(ground, cost, dist, seed):
            break
        dist = relax(cost, conditions, seed)
    return Field(dist, seed < FAR, cost)


def _portal_seeds(ground: Ground, cost: np.ndarray, dist: np.ndarray, seed: np.ndarray) -> bool:
    """Give each portal entrance the worth of its landing; True when that shortens some way."""
    h, w = dist.shape
    changed = False
    for (ex, ey), (lx, ly) in ground.entries.items():
        if seed[ey, ex] == 0:
            continue  # the entrance is itself a goal
        if dist[ly, lx] == 0:
            after = 0
        else:
            after = min((int(dist[ly + STEPS[d][1], lx + STEPS[d][0]]) for d in ground.leave.get((lx, ly), ())), default=FAR)
        if after >= FAR:
            continue
        value = after + int(cost[ey, ex])
        if value >= seed[ey, ex]:
            continue
        # Only worth a pass when some neighbour would walk in.
        for d in DIRECTIONS:
            dx, dy = STEPS[d]
            nx, ny = ex - dx, ey - dy
            if 0 <= nx < w and 0 <= ny < h and ground.ok[d][ny, nx] and dist[ny, nx] > value + cost[ny, nx]:
                seed[ey, ex] = value
                changed = True
                break
    return changed


def local_field(ground: Ground, field: Field, penalty: np.ndarray, x0: int, y0: int) -> np.ndarray:
    """Re-plan inside a window with extra `penalty` ticks per tile (danger).

    The window's border and its fixed tiles keep their global worth (plus
    their own penalty), so a detour inside the window is weighed against the
    whole way to the goal.
    """
    h, w = penalty.shape
    x1, y1 = x0 + w, y0 + h
    # The field's own costs (with any haunted-ground extra), so values inside
    # and at the border of the window are on the same scale.
    cost = field.cost[y0:y1, x0:x1]
    cost = np.where(cost > 0, cost + penalty, 0).astype(np.int32)
    glob = field.dist[y0:y1, x0:x1]
    keep = field.fixed[y0:y1, x0:x1].copy()
    keep[0, :] = keep[-1, :] = True
    keep[:, 0] = keep[:, -1] = True
    keep &= glob < FAR
    seed = np.full((h, w), FAR, np.int32)
    seed[keep] = np.minimum(glob[keep].astype(np.int64) + penalty[keep], FAR - 1)
    return relax(cost, _backward(ground, x0, y0, x1, y1), seed)


def reach_field(ground: Ground, x: int, y: int, radius: int, extra: np.ndarray | None = None) -> tuple[np.ndarray, int, int]:
    """Ticks to walk from (x, y) to every tile within `radius`: (dist, x0, y0) of the window
    (`extra`: a cost added to entering each tile, over the whole map)."""
    h, w = ground.cost.shape
    x0, y0 = max(0, x - radius), max(0, y - radius)
    x1, y1 = min(w, x + radius + 1), min(h, y + radius + 1)
    seed = np.full((y1 - y0, x1 - x0), FAR, np.int32)
    seed[y - y0, x - x0] = 0
    conditions = {d: ground.ok[d][y0:y1, x0:x1] for d in DIRECTIONS}
    for d in ground.leave.get((x, y), ()):
        # Standing on a portal's landing that is itself an entrance (locked until left).
        conditions[d] = conditions[d].copy()
        conditions[d][y - y0, x - x0] = True
    cost = ground.cost[y0:y1, x0:x1]
    if extra is not None:
        cost = np.where(cost > 0, cost + extra[y0:y1, x0:x1], 0).astype(np.int32)
    return relax(cost, conditions, seed), x0, y0
