"""The nearest-first tour of a layout: start, every trapped dreamer, the exit.

Its length sets the rescue window (core/pacing.py): the simulation counts it
down and the glitch schedule is spread over it.
"""

from __future__ import annotations

import numpy as np

from dreamscape.gen.grid import UNREACHED, distance_from


def tour_length(walk: np.ndarray, start: tuple[int, int], dreamers: list[tuple[int, int]], exit_: tuple[int, int]) -> int:
    """Tiles walked from `start` to each dreamer nearest-first, then to `exit_`."""
    here = start
    left = list(dreamers)
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
    return total + int(dist[exit_[1], exit_[0]])
