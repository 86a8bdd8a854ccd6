"""Where to look next through the fog: the edge of the known map, weighed by what is heard.

The frontier is every seen tile one can stand on with an unseen tile beside
it. The bot walks to the frontier tile that minimises the walk there plus
the straight way still to go from it to where the target is thought to be:
a dreamer heard calling (its call's bearing and nearness from where the
player stood, calls.py), a known dreamer or exit the known ground does not
yet reach, or nothing (then the nearest frontier). It knows no more than the
view shows: only seen tiles, and the calls.
"""

from __future__ import annotations

import numpy as np

from dreamscape.bot.fields import FAR, reach_field
from dreamscape.bot.ground import STEP_TICKS, Ground
from dreamscape.core.shifted import shifted
from dreamscape.sim.calls import Call
from dreamscape.sim.view import UNSEEN

#: (dx, dy) per compass point in thousandths (point 0 north, clockwise; y grows south).
_UNIT = (
    (0, -1000), (383, -924), (707, -707), (924, -383),
    (1000, 0), (924, 383), (707, 707), (383, 924),
    (0, 1000), (-383, 924), (-707, 707), (-924, 383),
    (-1000, 0), (-924, -383), (-707, -707), (-383, -924),
)  # fmt: skip
#: Tiles from the listener to the middle of each nearness band (calls.NEAR_BANDS).
_BAND_MIDDLE = {4: 6, 3: 15, 2: 30, 1: 56}
#: What each tile of straight way left from a frontier tile counts for, in ticks.
AHEAD_TICKS = STEP_TICKS


def frontier(view, ground: Ground) -> np.ndarray:
    """Mask of seen tiles the player could stand on with an unseen 4-neighbour."""
    unseen = view.tiles == UNSEEN
    edge = np.zeros_like(unseen)
    for dx, dy in ((0, -1), (1, 0), (0, 1), (-1, 0)):
        edge |= shifted(unseen, dx, dy, False)
    return edge & ground.walk


def guess(call: Call) -> tuple[int, int]:
    """Where a caller probably is: the middle of its nearness band along its bearing."""
    ux, uy = _UNIT[call.bearing]
    r = _BAND_MIDDLE[call.nearness]
    return call.from_x + ux * r // 1000, call.from_y + uy * r // 1000


def is_frontier(view, x: int, y: int) -> bool:
    """Does (x, y) still border unseen ground?"""
    h, w = view.tiles.shape
    return any(0 <= x + dx < w and 0 <= y + dy < h and view.tiles[y + dy, x + dx] == UNSEEN for dx, dy in ((0, -1), (1, 0), (0, 1), (-1, 0)))


def choose(view, ground: Ground, aim: tuple[int, int] | None, avoid: set[tuple[int, int]], haunted: np.ndarray | None = None) -> tuple[int, int] | None:
    """The frontier tile to walk to next (None when the known ground has no frontier left).

    `aim` is where the target is thought to be (None: just the nearest);
    `avoid` holds tiles found not to lead anywhere; `haunted` is the extra
    cost of ground near the manifestations seen lately, so the search turns
    away from them while there is somewhere else to look.
    """
    p = view.player
    edge = frontier(view, ground)
    for x, y in avoid:
        edge[y, x] = False
    if not edge.any():
        return None
    h, w = edge.shape
    reach, x0, y0 = reach_field(ground, p.x, p.y, max(h, w), haunted)
    score = np.where(edge & (reach < FAR), reach.astype(np.int64), np.int64(FAR))
    if aim is not None:
        ys, xs = np.mgrid[0:h, 0:w]
        # Chebyshev-and-a-half: close to straight-line distance, in integers.
        ddx, ddy = np.abs(xs - aim[0]), np.abs(ys - aim[1])
        ahead = np.maximum(ddx, ddy) + np.minimum(ddx, ddy) // 2
        score = np.where(score < FAR, score + ahead * AHEAD_TICKS, score)
    best = int(np.argmin(score))  # the first of equals in row order: deterministic
    if score.flat[best] >= FAR:
        return None
    return best % w, best // w
