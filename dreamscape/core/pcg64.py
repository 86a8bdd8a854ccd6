"""PCG64 and numpy's SeedSequence in integer arithmetic: the raw words of
`numpy.random.PCG64(numpy.random.SeedSequence(entropy))`, word for word,
without importing `numpy.random`.

`numpy.random` loads every bit generator, the legacy RandomState, and
`secrets` (for OS entropy) before it can hand out one word: about 11 ms of a
command that builds a level in well under a tenth of a second. The streams
(core/rng.py) need only PCG64's raw output and its seeding, both documented
algorithms that numpy promises never to change, so they are computed here.
`tests/test_pcg64.py` holds every figure to numpy's own.

PCG64 is a 128-bit linear congruential generator whose output is the XOR of
its state's two halves rotated by the state's top six bits (XSL-RR). Many
words at once come from jumping: after r steps the state is
A_r * s + G_r * inc (mod 2**128), with A_r = MULT**r and G_r = 1 + MULT + ...
+ MULT**(r-1); so a block of words is one multiply-add of each block's first
state with fixed constants, done in numpy on 64-bit halves.
"""

from __future__ import annotations

import numpy as np

from dreamscape.core.native.loader import pcg64_words

MASK32 = 0xFFFFFFFF
MASK64 = 0xFFFFFFFFFFFFFFFF
MASK128 = (1 << 128) - 1
MULT = 0x2360ED051FC65DA44385DF649FCCF645

# SeedSequence's hash constants (numpy/random/bit_generator.pyx).
_INIT_A, _MULT_A = 0x43B0D7E5, 0x931E8875
_INIT_B, _MULT_B = 0x8B51F9DD, 0x58F38DED
_MIX_L, _MIX_R = 0xCA01F9DD, 0x4973F715
_POOL = 4

_BLOCK = 256  # words per jump block
_U32, _U58, _M32 = np.uint64(32), np.uint64(58), np.uint64(MASK32)


def _uint32_words(value: int) -> list[int]:
    """An entropy integer as SeedSequence reads it: little-endian 32-bit words, [0] for zero."""
    if value < 0:
        raise ValueError(f"entropy must be non-negative, got {value}")
    words = []
    while True:
        words.append(value & MASK32)
        value >>= 32
        if not value:
            return words


def seed_words(entropy: list[int], n_words: int = 4) -> list[int]:
    """`SeedSequence(entropy).generate_state(n_words, numpy.uint64)` as ints."""
    data = [w for value in entropy for w in _uint32_words(int(value))]
    hash_a = _INIT_A

    def hashmix(value: int) -> int:
        nonlocal hash_a
        value ^= hash_a
        hash_a = (hash_a * _MULT_A) & MASK32
        value = (value * hash_a) & MASK32
        return value ^ (value >> 16)

    def mix(x: int, y: int) -> int:
        r = (_MIX_L * x - _MIX_R * y) & MASK32
        return r ^ (r >> 16)

    pool = [hashmix(data[i] if i < len(data) else 0) for i in range(_POOL)]
    for src in range(_POOL):
        for dst in range(_POOL):
            if src != dst:
                pool[dst] = mix(pool[dst], hashmix(pool[src]))
    for src in range(_POOL, len(data)):
        for dst in range(_POOL):
            pool[dst] = mix(pool[dst], hashmix(data[src]))

    hash_b = _INIT_B
    out32 = []
    for i in range(2 * n_words):
        value = pool[i % _POOL] ^ hash_b
        hash_b = (hash_b * _MULT_B) & MASK32
        value = (value * hash_b) & MASK32
        out32.append(value ^ (value >> 16))
    return [out32[2 * i] | (out32[2 * i + 1] << 32) for i in range(n_words)]


def _output(state: int) -> int:
    """XSL-RR: the halves' XOR rotated right by the top six bits."""
    x = ((state >> 64) ^ state) & MASK64
    rot = state >> 122
    return ((x >> rot) | (x << ((64 - rot) & 63))) & MASK64


def _jumps() -> tuple[list[int], list[int]]:
    """(A_r, G_r) for r = 1 .. _BLOCK."""
    a, g = [], []
    ar, gr = 1, 0
    for _ in range(_BLOCK):
        gr = (gr + ar) & MASK128
        ar = (ar * MULT) & MASK128
        a.append(ar)
        g.append(gr)
    return a, g


_JUMPS: tuple[list[int], list[int]] | None = None


def _halves(values: list[int]) -> tuple[np.ndarray, np.ndarray]:
    return np.array([v & MASK64 for v in values], np.uint64), np.array([v >> 64 for v in values], np.uint64)


def _mulhi(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The high 64 bits of the 128-bit products a * b (broadcast)."""
    a0, a1 = a & _M32, a >> _U32
    b0, b1 = b & _M32, b >> _U32
    p01, p10 = a0 * b1, a1 * b0
    mid = ((a0 * b0) >> _U32) + (p01 & _M32) + (p10 & _M32)
    return a1 * b1 + (p01 >> _U32) + (p10 >> _U32) + (mid >> _U32)


class PCG64:
    """PCG64 seeded through SeedSequence, as `numpy.random.PCG64(SeedSequence(entropy))`."""

    __slots__ = ("state", "inc", "_z")

    def __init__(self, entropy: list[int]) -> None:
        w = seed_words(entropy)
        initstate, initseq = (w[0] << 64) | w[1], (w[2] << 64) | w[3]
        self.inc = ((initseq << 1) | 1) & MASK128
        self.state = self.inc  # one step from zero
        self.state = ((self.state + initstate) * MULT + self.inc) & MASK128
        self._z: tuple[np.ndarray, np.ndarray] | None = None

    def random_raw(self, size: int | None = None):
        """The next word (an int), or the next `size` words as a uint64 array."""
        if size is None:
            self.state = (self.state * MULT + self.inc) & MASK128
            return _output(self.state)
        return self._words(int(size))

    def _words(self, n: int) -> np.ndarray:
        global _JUMPS
        if n <= 0:
            return np.zeros(0, np.uint64)
        compiled = pcg64_words(self.state, self.inc, n)  # native/pcg64.c, when built: the same words
        if compiled is not None:
            words, self.state = compiled
            return words
        if _JUMPS is None:
            _JUMPS = _jumps()
        a, g = _JUMPS
        if self._z is None:  # G_r * inc: fixed for this generator
            self._z = _halves([(gr * self.inc) & MASK128 for gr in g])
        # The state before each block of _BLOCK words.
        starts = []
        s = self.state
        jump_a, jump_z = a[-1], (g[-1] * self.inc) & MASK128
        for _ in range((n + _BLOCK - 1) // _BLOCK):
            starts.append(s)
            s = (jump_a * s + jump_z) & MASK128
        x_lo, x_hi = (h[:, None] for h in _halves(starts))
        y_lo, y_hi = (h[None, :] for h in _halves(a))
        z_lo, z_hi = (h[None, :] for h in self._z)
        lo = x_lo * y_lo
        hi = _mulhi(x_lo, y_lo) + x_lo * y_hi + x_hi * y_lo
        lo2 = lo + z_lo
        hi = (hi + z_hi + (lo2 < lo).astype(np.uint64)).ravel()[:n]
        lo = lo2.ravel()[:n]
        self.state = (int(hi[-1]) << 64) | int(lo[-1])
        x = hi ^ lo
        rot = hi >> _U58
        return (x >> rot) | (x << ((np.uint64(64) - rot) & np.uint64(63)))

    def state_repr(self) -> str:
        """`repr(numpy_pcg64.state["state"])`: the position, for state checksums."""
        return repr({"state": self.state, "inc": self.inc})
