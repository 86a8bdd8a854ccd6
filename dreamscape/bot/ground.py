"""The ground as the bot sees it: what each step costs and which steps are allowed.

Built from the world's public state (tiles, lures, portals) at one terrain
version; rebuilt when that version or the set of open portals changes.
Arrays are indexed [y, x] like the tiles.
"""

from __future__ import annotations

import numpy as np

from dreamscape.core import tiles as T
from dreamscape.sim import rules as R
from dreamscape.sim.commands import STEPS

#: Direction codes in a fixed order (never a set: the bot must be deterministic).
DIRECTIONS = (1, 2, 3, 4)
#: Ticks one step really takes: the arrival tick cannot start the next move.
STEP_TICKS = R.MOVE_TICKS + 1
GARDEN_TICKS = R.GARDEN_MOVE_TICKS + 1
#: Mean wait in front of a rhythm door (shut half of each period); the exact
#: wait is used when the bot stands in front of one.
DOOR_WAIT = R.DOOR_PERIOD // 4


def shifted(a: np.ndarray, dx: int, dy: int, fill) -> np.ndarray:
    """out[y, x] = a[y + dy, x + dx], `fill` where that falls off the map."""
    out = np.full_like(a, fill)
    h, w = a.shape
    out[max(0, -dy) : h - max(0, dy), max(0, -dx) : w - max(0, dx)] = a[max(0, dy) : h - max(0, -dy), max(0, dx) : w - max(0, -dx)]
    return out


class Ground:
    """Step costs and permissions at one terrain version.

    - `cost[y, x]`: ticks to walk onto the tile (0 for tiles that cannot be entered);
    - `ok[d][y, x]`: a walker on (x, y) may step in direction d (doors counted
      open, one-way passages respected; portal entrances are never stood on,
      so no step leaves them);
    - `back[d][y, x]`: ok[d] seen from the arrival tile, i.e. the walker on
      (x - dx, y - dy) may step onto (x, y): what a field rooted at the goal needs;
    - `entries`: portal entrance -> where it lands;
    - `leave`: landing tile -> the directions a walker standing there may step.
    """

    def __init__(self, world) -> None:
        terrain = world.terrain
        tiles = terrain.tiles
        self.key = (terrain.version, len(terrain.portals))
        walk = T.WALKABLE[tiles]  # lookups make new arrays: the world's are only read
        self.walk = walk
        cost = np.where(tiles == T.GARDEN, GARDEN_TICKS, STEP_TICKS).astype(np.int32)
        cost += world.lure_near.astype(np.int32) * R.LURE_SLOW_TICKS
        cost[tiles == T.DOOR] += DOOR_WAIT
        cost[~walk] = 0
        self.cost = cost
        self.entries: dict[tuple[int, int], tuple[int, int]] = {}
        for portal in terrain.portals:
            self.entries.setdefault(portal.a, portal.b)
            if portal.two_way:
                self.entries.setdefault(portal.b, portal.a)
        self.leave: dict[tuple[int, int], list[int]] = {}
        self.ok: dict[int, np.ndarray] = {}
        self.back: dict[int, np.ndarray] = {}
        for d in DIRECTIONS:
            dx, dy = STEPS[d]
            # One-way tiles: entered and left only along their own direction.
            wrong = np.isin(tiles, [code for code, step in T.ONEWAY_DIRECTION.items() if step != (dx, dy)])
            ok = walk & ~wrong & shifted(walk & ~wrong, dx, dy, False)
            for x, y in self.entries.values():
                if ok[y, x]:
                    self.leave.setdefault((x, y), []).append(d)
            for x, y in self.entries:
                ok[y, x] = False
            self.ok[d] = ok
            self.back[d] = shifted(ok, -dx, -dy, False)
