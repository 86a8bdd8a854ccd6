"""The nearest-first tour of a layout: start, every trapped dreamer, then any places
to visit after them (a climax's marks), the exit.

Its length sets the rescue window (core/pacing.py): the simulation counts it
down and the glitch schedule is spread over it.
"""

from __future__ import annotations

import numpy as np

from dreamscape.gen.grid import UNREACHED, distance_from, nearest_on_foot


def tour_length(
    walk: np.ndarray, start: tuple[int, int], dreamers: list[tuple[int, int]], exit_: tuple[int, int], after: list[tuple[int, int]] | None = None
) -> int:
    """Tiles walked from `start` to each dreamer nearest-first, then to each of
    `after` nearest-first (they can be visited only once the dreamers are awake), then to `exit_`."""
    here = start
    total = 0
    for group in (list(dreamers), list(after or ())):
        while group:
            i, steps = nearest_on_foot(walk, here, group)
            if steps == UNREACHED:
                raise ValueError("a place on the tour cannot be reached from the start")
            total += steps
            here = group.pop(i)
    # Unit steps make walking distance symmetric, and the exit's field is
    # often known already: placement measured it, on this same mask when the
    # level has no one-way tiles (grid.distances_from keeps it).
    dist = distance_from(walk, [exit_])
    return total + int(dist[here[1], here[0]])
