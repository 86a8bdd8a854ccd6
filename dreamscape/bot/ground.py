"""The ground as the bot sees it: what each step costs and which steps are allowed.

Built from a view (sim/view.py) of the world: the tiles, what each step
costs there (the rules' own step costs, read from the view), and the open
portals; rebuilt when the ground changes (or, through the fog, when more of
it has been seen). Tiles the view has not seen count as walls. Arrays are
indexed [y, x] like the tiles.
"""

from __future__ import annotations

import numpy as np

from dreamscape.core import tiles as T
from dreamscape.core.shifted import shifted
from dreamscape.sim import rules as R
from dreamscape.sim.commands import STEPS

#: Direction codes in a fixed order (never a set: the bot must be deterministic).
DIRECTIONS = (1, 2, 3, 4)
#: Ticks one step really takes: the arrival tick cannot start the next move.
STEP_TICKS = R.MOVE_TICKS + 1
#: Mean wait in front of a rhythm door (shut half of each period); the exact
#: wait is used when the bot stands in front of one.
DOOR_WAIT = R.DOOR_PERIOD // 4
#: What stepping onto a doorway that may be false is reckoned to cost (it carries
#: the walker back to the start): walked onto only when no other way is known.
DOORWAY_COST = 2000


class Ground:
    """Step costs and permissions at one terrain version.

    - `cost[y, x]`: ticks to walk onto the tile (0 for tiles that cannot be entered);
    - `ok[d][y, x]`: a walker on (x, y) may step in direction d (doors counted
      open, one-way passages respected; portal entrances are never stood on,
      so no step leaves them); a doorway that may be false (every one the view
      shows but the exit it knows) costs DOORWAY_COST more;
    - `back[d][y, x]`: ok[d] seen from the arrival tile, i.e. the walker on
      (x - dx, y - dy) may step onto (x, y): what a field rooted at the goal needs;
    - `entries`: portal entrance -> where it lands;
    - `leave`: landing tile -> the directions a walker standing there may step.
    """

    def __init__(self, view) -> None:
        tiles = view.tiles
        self.key = key(view)
        walk = view.step_cost > 0  # new arrays: the view's are only read
        self.walk = walk
        cost = np.where(walk, view.step_cost + 1, 0).astype(np.int32)
        cost[tiles == T.DOOR] += DOOR_WAIT
        for x, y in view.doorways:
            if (x, y) != view.exit and walk[y, x]:
                cost[y, x] += DOORWAY_COST
        self.cost = cost
        self.entries: dict[tuple[int, int], tuple[int, int]] = {}
        for portal in view.portals:
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


def key(view) -> tuple:
    """What a Ground is built on: the ground's version, what is seen (through the fog) and the doorways feared."""
    return (view.ground_version, view.sight_version if view.fog else 0, view.doorways)
