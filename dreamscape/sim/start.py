"""How a world begins, where it may differ from what its dreamscape implies.

`World(ds)` starts with the rescue window of `rescue_window.py` (lengthened
in relaxed mode) and full lucidity; a `Start` given to the World names an
exact window or a lower lucidity instead (rule tests and tools stage such
worlds), so nothing need change a World's fields after it is built.
"""

from __future__ import annotations

from dataclasses import dataclass

from dreamscape.sim.rules import LUCIDITY_MAX


@dataclass(frozen=True)
class Start:
    """A world's initial state; the defaults are the game's own start.

    `deadline`: the tick the rescue window closes, exact (relaxed mode does
    not lengthen it); None for the dreamscape's own window. `lucidity`: the
    player's lucidity at the first tick.
    """

    deadline: int | None = None
    lucidity: int = LUCIDITY_MAX

    def __post_init__(self) -> None:
        if self.deadline is not None and self.deadline <= 0:
            raise ValueError(f"a rescue window must be positive, got {self.deadline}")
        if not 0 <= self.lucidity <= LUCIDITY_MAX:
            raise ValueError(f"lucidity must be 0..{LUCIDITY_MAX}, got {self.lucidity}")
