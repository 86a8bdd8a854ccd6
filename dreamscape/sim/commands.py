"""Abstract commands, one per tick, encoded in one byte (never keys).

Bits 0-2: the direction held (0 none, 1 north, 2 east, 3 south, 4 west).
Bit 3: the wake command held. Bit 4: the use command (a climax's paint,
hack...) pressed this tick. Every other bit must be zero.
"""

from __future__ import annotations

NONE, NORTH, EAST, SOUTH, WEST = range(5)
#: (dx, dy) of each direction code.
STEPS = {NORTH: (0, -1), EAST: (1, 0), SOUTH: (0, 1), WEST: (-1, 0)}
WAKE_BIT = 8
USE_BIT = 16
VALID_MAX = USE_BIT | WAKE_BIT | WEST


class Command:
    """Helpers for the one-byte command encoding."""

    WAIT = 0

    @staticmethod
    def move(direction: int, wake: bool = False) -> int:
        """Hold a direction (and optionally the wake command)."""
        if direction not in STEPS:
            raise ValueError(f"direction must be 1..4, got {direction}")
        return direction | (WAKE_BIT if wake else 0)

    @staticmethod
    def wake() -> int:
        """Hold the wake command beside a trapped dreamer."""
        return WAKE_BIT

    @staticmethod
    def use() -> int:
        """Use what the player faces or stands on (a climax's paint or terminal)."""
        return USE_BIT

    @staticmethod
    def direction(command: int) -> int:
        return command & 7

    @staticmethod
    def waking(command: int) -> bool:
        return bool(command & WAKE_BIT)

    @staticmethod
    def using(command: int) -> bool:
        return bool(command & USE_BIT)

    @staticmethod
    def valid(command: int) -> bool:
        """True for a byte this encoding can produce."""
        return 0 <= command <= VALID_MAX and (command & 7) <= WEST
