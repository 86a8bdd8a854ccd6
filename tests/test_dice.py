"""Dice: single draws from blocks, the same sequence as the stream's own block draws."""

from __future__ import annotations

from dreamscape.core.rng import stream
from dreamscape.gen.dice import BLOCK, Dice


def test_draws_follow_the_streams_blocks_across_a_refill():
    expected = stream(7, "glitch_sites").random(3 * BLOCK).tolist()
    dice = Dice(stream(7, "glitch_sites"))
    got = [dice.random() if i % 3 else float(dice.below(1000)) for i in range(len(expected))]
    for i, (ours, theirs) in enumerate(zip(got, expected)):
        assert ours == (theirs if i % 3 else float(int(theirs * 1000))), i


def test_below_stays_in_range():
    dice = Dice(stream(1, "x"))
    draws = [dice.below(5) for _ in range(2 * BLOCK + 3)]
    assert set(draws) == {0, 1, 2, 3, 4}
