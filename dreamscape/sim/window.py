"""The rescue window: how long the player has, derived from the level's layout.

A level may set `time_limit` (seconds) itself. Otherwise the window is a
greedy tour's length (start, each trapped dreamer nearest-first, the exit)
walked at the normal pace, times a slack for detours, doors, gardens and
hunters, plus the time to wake everyone. It depends only on the dreamscape,
so it is the same for every player, bot and replay of a seed.
"""

from __future__ import annotations

import numpy as np

from dreamscape.core import tiles as T
from dreamscape.core.timing import TICKS_PER_SECOND
from dreamscape.gen.dreamscape import Dreamscape
from dreamscape.gen.grid import UNREACHED, distance_from
from dreamscape.sim.rules import MOVE_TICKS, WAKE_TICKS

SLACK = 2.4  # room for detours round hunters, doors, gardens and glitches
GRACE = 20 * TICKS_PER_SECOND


def tour_length(ds: Dreamscape) -> int:
    """Tiles walked by a nearest-first tour: start, every dreamer, the exit."""
    walk = T.WALKABLE[ds.tiles]
    here = ds.start
    left = [d.pos for d in ds.dreamers]
    total = 0
    while left:
        dist = distance_from(walk, [here])
        steps = [int(dist[y, x]) for x, y in left]
        i = int(np.argmin(steps))
        if steps[i] == UNREACHED:
            raise ValueError("a trapped dreamer cannot be reached from the start")
        total += steps[i]
        here = left.pop(i)
    dist = distance_from(walk, [here])
    return total + int(dist[ds.exit[1], ds.exit[0]])


def rescue_window(ds: Dreamscape) -> int:
    """Ticks the player has: the level's own time limit, or one derived from its layout."""
    if ds.spec.time_limit:
        return ds.spec.time_limit * TICKS_PER_SECOND
    wake = len(ds.dreamers) * WAKE_TICKS
    return int(tour_length(ds) * MOVE_TICKS * SLACK) + 2 * wake + GRACE
