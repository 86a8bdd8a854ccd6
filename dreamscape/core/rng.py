"""Named random streams derived from one master seed.

Every consumer asks for a stream by name ('layout', 'placement', 'glitches',
'ai', 'cosmetic', ...). The name is mixed in with a stable hash (BLAKE2b, never
Python's salted `hash()`), so streams are independent and identical in every
process and on every machine.

NumPy promises that a bit generator's raw output and `SeedSequence` stay the
same for a given seed, but not the draws of `numpy.random.Generator`, whose
methods may change algorithm between releases. So a `Stream` takes only raw
64-bit words from PCG64 and turns them into numbers with integer arithmetic
(and one exact scaling by a power of two for floats) of its own.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from dreamscape.core.blake2 import blake2b
from dreamscape.core.pcg64 import PCG64

_TWO_M53 = 2.0**-53
_U32 = np.uint64(32)
_U11 = np.uint64(11)


def stable_hash(text: str) -> int:
    """A 64-bit hash of a string that never changes between runs."""
    return int.from_bytes(blake2b(text.encode("utf-8"), digest_size=8).digest(), "little")


def _count(size) -> int:
    if isinstance(size, (tuple, list)):
        n = 1
        for s in size:
            n *= int(s)
        return n
    return int(size)


class Stream:
    """Uniform draws computed from PCG64's raw words only.

    The methods mirror the few parts of `numpy.random.Generator` that the
    generator and the simulation use (`random`, `integers`, `uniform`,
    `permutation`) plus a weighted draw over integer weights, and every one
    of them gives the same numbers on any machine and any NumPy release whose
    PCG64 is the documented one.
    """

    __slots__ = ("bits",)

    def __init__(self, bits: PCG64) -> None:
        self.bits = bits

    def raw(self, size=None):
        """Raw 64-bit words: an int, or a uint64 array of `size`."""
        if size is None:
            return int(self.bits.random_raw())
        return self.bits.random_raw(_count(size)).reshape(size)

    def random(self, size=None):
        """Floats in [0, 1): 53 random bits times 2**-53 (exact)."""
        if size is None:
            return (int(self.bits.random_raw()) >> 11) * _TWO_M53
        return (self.raw(size) >> _U11).astype(np.float64) * _TWO_M53

    def integers(self, lo: int, hi: int | None = None, size=None, dtype=np.int64):
        """Integers in [lo, hi) (or [0, lo) with one bound), by multiply-shift.

        The top bits of a word times the span, shifted back down: no rejection
        loop, a bias below span / 2**32, and nothing but integer arithmetic.
        """
        if hi is None:
            lo, hi = 0, lo
        lo, hi = int(lo), int(hi)
        span = hi - lo
        if span <= 0:
            raise ValueError(f"empty range [{lo}, {hi})")
        if size is None:
            return lo + ((int(self.bits.random_raw()) * span) >> 64)
        words = self.raw(size)
        if span <= 2**32:
            out = ((words >> _U32) * np.uint64(span)) >> _U32
            return (out.astype(np.int64) + lo).astype(dtype, copy=False)
        flat = [lo + ((int(w) * span) >> 64) for w in words.ravel().tolist()]
        return np.array(flat, dtype=dtype).reshape(words.shape)

    def uniform(self, lo: float, hi: float, size=None):
        """Floats in [lo, hi): one multiply and one add on `random()`."""
        return lo + (hi - lo) * self.random(size)

    def permutation(self, n: int) -> np.ndarray:
        """A random order of range(n): indices sorted by a random word each (stable)."""
        return np.argsort(self.raw(n), kind="stable")

    def weighted(self, weights: Sequence[int] | np.ndarray, size: int) -> np.ndarray:
        """`size` indices drawn with the given integer weights (none negative, one positive)."""
        cumulative = np.cumsum(np.asarray(weights, np.int64))
        draws = self.integers(0, int(cumulative[-1]), size)
        return np.searchsorted(cumulative, draws, side="right")

    def state(self) -> bytes:
        """The generator's position, for state checksums."""
        return self.bits.state_repr().encode()


def stream(seed: int, name: str, *more: int) -> Stream:
    """The named stream of a master seed.

    Extra integers (an attempt number, a glitch index) derive sub-streams.
    """
    entropy = [int(seed) & (2**64 - 1), int(seed) >> 64, stable_hash(name), *(int(m) for m in more)]
    return Stream(PCG64(entropy))


def derive_seed(seed: int, name: str, *more: int) -> int:
    """A derived 63-bit integer seed (for retries that regenerate from a new seed)."""
    return stream(seed, name, *more).raw() >> 1
