"""Fixed-point trigonometry and logarithms computed with Python integers only.

A library's `sin`, `cos` or `log` may differ in its last bit between
processors (NumPy picks SIMD kernels at run time) and between C libraries, so
none of them may feed a decision of the generator. These give the same
integer on every machine: each series is summed in integers with 64 guard
bits, then rounded to the requested number of fractional bits.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fractions import Fraction

_GUARD = 64


def _atan_inv(n: int, one: int) -> int:
    """atan(1/n) scaled by `one` (Gregory series in integers)."""
    power = one // n
    total, k, sign = power, 1, 1
    n2 = n * n
    while power:
        power //= n2
        sign = -sign
        total += sign * (power // (2 * k + 1))
        k += 1
    return total


def _pi(one: int) -> int:
    """pi scaled by `one` (Machin's formula)."""
    return 16 * _atan_inv(5, one) - 4 * _atan_inv(239, one)


def _round_shift(value: int, shift: int) -> int:
    """value / 2**shift rounded to nearest (halves up)."""
    return (value + (1 << (shift - 1))) >> shift


@lru_cache(maxsize=None)
def cos_sin_turn(num: int, den: int, bits: int = 16) -> tuple[int, int]:
    """(cos, sin) of num/den of a full turn, each times 2**bits, rounded."""
    work = bits + _GUARD
    one = 1 << work
    num %= den
    # Fold into the first eighth of a turn, where the series converge fastest.
    octant, rest = divmod(8 * num, den)
    mirror = octant % 2 == 1
    part = den - rest if mirror else rest  # part / (8 * den) of a turn, in [0, 1/8]
    x = 2 * _pi(one) * part // (8 * den)
    c = s = 0
    term, k = one, 0
    while term:
        if k % 2 == 0:
            c += term if k % 4 == 0 else -term
        else:
            s += term if k % 4 == 1 else -term
        k += 1
        term = term * x // (one * k)
    if mirror:
        c, s = s, c
    # Undo the folding: each octant pair is a quarter turn of the first.
    quarter = octant // 2
    for _ in range(quarter):
        c, s = -s, c
    return _round_shift(c, _GUARD), _round_shift(s, _GUARD)


def _atanh_series(p: int, q: int, one: int) -> int:
    """atanh(p / q) scaled by `one`, for 0 <= p / q <= 1/3."""
    term = one * p // q
    total, k = term, 1
    p2, q2 = p * p, q * q
    while term:
        term = term * p2 // q2
        total += term // (2 * k + 1)
        k += 1
    return total


@lru_cache(maxsize=None)
def ln_fixed(value: float | Fraction, bits: int = 16) -> int:
    """ln(value) times 2**bits, rounded, for a positive value (exactly as given)."""
    n, d = value.as_integer_ratio()  # exact, d > 0
    if n <= 0:
        raise ValueError(f"ln of a non-positive number: {value!r}")
    work = bits + _GUARD
    one = 1 << work
    # value = m * 2**e with m = mn / md in [1, 2): ln value = e ln 2 + 2 atanh((m - 1) / (m + 1)).
    e = n.bit_length() - d.bit_length()
    mn, md = (n, d << e) if e >= 0 else (n << -e, d)
    if mn < md:
        mn, e = mn * 2, e - 1
    ln2 = 2 * _atanh_series(1, 3, one)
    total = e * ln2 + 2 * _atanh_series(mn - md, mn + md, one)
    return _round_shift(total, _GUARD)
