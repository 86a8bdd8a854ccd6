"""Cheap uniform draws for searches that make thousands of single draws."""

from __future__ import annotations

from dreamscape.core.rng import Stream


class Dice:
    """Uniform draws from a named stream, pre-drawn in blocks.

    Site searches make thousands of single draws; taking them from a block
    as plain floats costs far less than one Generator call each, and the
    sequence is still fixed by the seed.
    """

    def __init__(self, rng: Stream) -> None:
        self.rng = rng
        self.block: list[float] = []
        self.at = 0

    def random(self) -> float:
        if self.at >= len(self.block):
            self.block = self.rng.random(4096).tolist()
            self.at = 0
        self.at += 1
        return self.block[self.at - 1]

    def below(self, n: int) -> int:
        return int(self.random() * n)
