"""The pace of a dive, shared by the generator and the simulation.

The rescue window is derived from a level's layout: the generator needs it to
spread the glitch schedule over the whole time a player may spend, and the
simulation counts it down. Both take these numbers from here, so the two can
never disagree. (The simulation's own rules module re-exports the step and
wake times; change them here.)
"""

from __future__ import annotations

from dreamscape.core.timing import TICKS_PER_SECOND

MOVE_TICKS = 6  # a tile every 0.2 s
WAKE_TICKS = 45  # hold wake this long beside a dreamer (1.5 s)
#: The window allows this many times the walk of a tour that knows the map
#: (NUM/DEN, integers keep it exact): a player must search through the fog,
#: following the dreamers' calls, and detour round hunters, doors, gardens
#: and glitches. Measured on the fog bot: a search takes a median 17-25 and
#: a 90th percentile 28-35 ticks per tile of that tour (6 ticks a step).
WINDOW_SLACK_NUM, WINDOW_SLACK_DEN = 11, 2
WINDOW_GRACE = 20 * TICKS_PER_SECOND
#: Relaxed mode multiplies the rescue window by NUM/DEN (integers keep it exact).
RELAXED_WINDOW_NUM, RELAXED_WINDOW_DEN = 3, 2


def derived_window(tour_tiles: int, dreamers: int, scale_permille: int = 1000) -> int:
    """Ticks of the rescue window for a tour of `tour_tiles` tiles and `dreamers` to wake,
    the walking part scaled by `scale_permille` / 1000 (a level's `window` override)."""
    walking = tour_tiles * MOVE_TICKS * WINDOW_SLACK_NUM * scale_permille // (WINDOW_SLACK_DEN * 1000)
    return walking + 2 * dreamers * WAKE_TICKS + WINDOW_GRACE


def relaxed(window: int) -> int:
    """The rescue window in relaxed mode."""
    return window * RELAXED_WINDOW_NUM // RELAXED_WINDOW_DEN
