"""The dreamer's call: how a player finds a dreamer they have not yet seen.

Every CALL_PERIOD ticks each trapped dreamer the player has not seen calls
out. The call carries through walls, so it tells a direction as the crow
flies (one of 16 compass points) and how near the caller is (four bands),
never a tile: the player, the game and the fog bot all learn exactly this
much. The way out (the exit, the bridge back to waking) hums the same way
until it has been seen, so a player can note where it lies while searching.
A climax's marks the player must find now (a friend's beacon, a memory)
call the same way too, while unseen.

Everything here is integer arithmetic, so a call is the same on any machine.
"""

from __future__ import annotations

from dataclasses import dataclass

from dreamscape.core.timing import TICKS_PER_SECOND

#: A pulse every three seconds; the first at tick 0.
CALL_PERIOD = 3 * TICKS_PER_SECOND
#: Chebyshev distance bands: nearness 4 within 10 tiles, 3 within 20, 2 within 40, else 1.
NEAR_BANDS = (10, 20, 40)
#: The exit's call carries this index (dreamers are 0..n-1).
EXIT = -1
#: A climax's mark m (a friend's beacon, a memory) calls with the index MARK - m (-2, -3, ...).
MARK = -2
POINTS = 16
#: tan of 11.25, 33.75, 56.25 and 78.75 degrees, in thousandths (sector edges).
_EDGES = (199, 668, 1497, 5027)


@dataclass(frozen=True, slots=True)
class Call:
    """One caller's last pulse as the player heard it.

    `bearing` is the compass point (0 north, 4 east, 8 south, 12 west) from
    where the player stood at the pulse; `nearness` 1 (far) to 4 (close);
    `tick` the tick of the pulse; `index` the dreamer (or EXIT, or
    `mark_call(m)` for a climax's mark m).
    """

    index: int
    bearing: int
    nearness: int
    tick: int
    from_x: int
    from_y: int

    @property
    def is_exit(self) -> bool:
        return self.index == EXIT

    @property
    def is_mark(self) -> bool:
        return self.index <= MARK

    @property
    def is_dreamer(self) -> bool:
        return self.index >= 0

    @property
    def mark(self) -> int:
        """The mark calling (only when `is_mark`)."""
        return mark_of(self.index)


def mark_call(mark: int) -> int:
    """The call index of mark `mark`."""
    return MARK - mark


def mark_of(index: int) -> int:
    """The mark whose call index is `index`."""
    return MARK - index


def bearing(dx: int, dy: int) -> int:
    """Compass point (0..15, 0 north, clockwise; y grows southwards) of the offset (dx, dy)."""
    a, b = abs(dx), abs(dy)
    # How many sector edges the slope b/a lies beyond, from east-west (0) to north-south (4).
    q = sum(1 for edge in _EDGES if b * 1000 > a * edge)
    if dx >= 0:
        return (4 - q) % POINTS if dy <= 0 else 4 + q
    return 12 - q if dy > 0 else (12 + q) % POINTS


def nearness(dx: int, dy: int) -> int:
    """4 (close) .. 1 (far) by Chebyshev distance."""
    d = max(abs(dx), abs(dy))
    for level, band in zip((4, 3, 2), NEAR_BANDS):
        if d <= band:
            return level
    return 1


def pulse(tick: int, px: int, py: int, callers: list[tuple[int, int, int]]) -> tuple[Call, ...]:
    """The calls heard at `tick` by a player on (px, py) from `callers` (index, x, y)."""
    return tuple(Call(i, bearing(x - px, y - py), nearness(x - px, y - py), tick, px, py) for i, x, y in callers)


def due(tick: int) -> bool:
    """True on the ticks a pulse goes out."""
    return tick % CALL_PERIOD == 0
