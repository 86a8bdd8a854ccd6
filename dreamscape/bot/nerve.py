"""The bot's nerve: what one more touch is worth, in ticks of detour.

A touch costs lucidity; detours cost time. The bot shares its spare time
(the time left beyond what the rest of the tour needs) among the touches its
lucidity can still take, so it is careful with time to spare and few
touches left, and bolder when the window is tight. Held up for long in front
of the same goal (a guard that will not leave its dreamer), it commits: a
touch becomes cheap until that goal is reached. A touch that would end the
dive is never worth it.
"""

from __future__ import annotations

from collections.abc import Callable

FAR = 2**31 - 1
#: The penalty of a touch that would end the dive.
LETHAL = 1_000_000
#: Bounds on what one touch is worth, in ticks.
MIN_TOUCH, MAX_TOUCH = 60, 2000
#: The rest of the tour is expected to take this much longer than a clean walk.
NEED_SLACK = 1.2
#: Ticks without getting closer to the goal after which the bot commits...
PATIENCE = 300
#: ...and what a touch is then worth, as a share of its usual worth.
COMMITTED = 0.1


class Nerve:
    """Tracks progress towards the current goal and prices touches."""

    def __init__(self) -> None:
        self._progress: tuple = ((), FAR, 0)  # goal, best value reached, tick reached
        self._committed: tuple = ()

    def patience(self, goal: tuple, value: int, tick: int) -> float:
        """1 while the bot gets closer to `goal` (field `value` here), falling as it is held up."""
        if self._progress[0] != goal or value < self._progress[1]:
            self._progress = (goal, value, tick)
        held = tick - self._progress[2]
        if held >= PATIENCE:
            self._committed = goal
        if self._committed == goal:
            return COMMITTED
        return 1.0 - (1.0 - COMMITTED) * held / PATIENCE

    @staticmethod
    def worth(lucidity: int, spare: float, patience: float) -> Callable[[int, bool], int]:
        """`worth(drain, hunting)`: the ticks a touch draining `drain` lucidity is worth now."""

        def worth(drain: int, hunting: bool = False) -> int:
            if lucidity <= drain:
                return LETHAL
            touches_left = (lucidity - 1) // drain
            value = min(MAX_TOUCH, max(MIN_TOUCH, spare / touches_left))
            return int(value * patience)

        return worth
