"""Cheap uniform draws for searches that make thousands of single draws."""

from __future__ import annotations

from dreamscape.core.rng import Stream

BLOCK = 4096


class Dice:
    """Uniform draws from a named stream, pre-drawn in blocks.

    Site searches make thousands of single draws; taking them from a block
    as plain floats costs far less than one Generator call each, and the
    sequence is still fixed by the seed.
    """

    def __init__(self, rng: Stream) -> None:
        self.rng = rng
        # The next float of the block; a list iterator's own `__next__` is the
        # cheapest single draw Python has (a search makes thousands a level).
        self._next = iter(()).__next__

    def _refill(self) -> float:
        self._next = iter(self.rng.random(BLOCK).tolist()).__next__
        return self._next()

    def random(self) -> float:
        """A float in [0, 1)."""
        try:
            return self._next()
        except StopIteration:
            return self._refill()

    def below(self, n: int) -> int:
        """An integer in [0, n)."""
        try:
            return int(self._next() * n)
        except StopIteration:
            return int(self._refill() * n)
