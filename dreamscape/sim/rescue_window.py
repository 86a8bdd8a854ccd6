"""The rescue window: how long the player has, derived from the level's layout.

A level may set `time_limit` (seconds) itself. Otherwise the window is a
greedy tour's length (start, each trapped dreamer nearest-first, then any
marks of the level's climax nearest-first, the exit;
gen/tour.py) walked at the normal pace, times a slack for detours, doors,
gardens and hunters, plus the time to wake everyone (core/pacing.py). It
depends only on the dreamscape, so it is the same for every player, bot and
replay of a seed, and the generator spreads the glitch schedule over it.
"""

from __future__ import annotations

from dreamscape.core import tiles as T
from dreamscape.core.climax import visited
from dreamscape.core.pacing import derived_window
from dreamscape.core.timing import TICKS_PER_SECOND
from dreamscape.gen.dreamscape import Dreamscape
from dreamscape.gen.tour import tour_length as _tour


def tour_length(ds: Dreamscape) -> int:
    """Tiles walked by a nearest-first tour: start, every dreamer, any marks to visit, the exit."""
    return _tour(T.WALKABLE[ds.tiles], ds.start, [d.pos for d in ds.dreamers], ds.exit, visited(ds.marks))


def rescue_window(ds: Dreamscape) -> int:
    """Ticks the player has: the level's own time limit, or one derived from its layout.

    The generator works it out to spread the glitch schedule and keeps it in
    `ds.stats`; a dreamscape built some other way has it worked out here.
    """
    if ds.spec.time_limit:
        return ds.spec.time_limit * TICKS_PER_SECOND
    if "rescue_window" in ds.stats:
        return int(ds.stats["rescue_window"])
    return derived_window(tour_length(ds), len(ds.dreamers), ds.spec.overrides.window_permille)
