"""One grid array moved by a whole step, for neighbour tests over a whole map at once."""

from __future__ import annotations

import numpy as np


def shifted(a: np.ndarray, dx: int, dy: int, fill) -> np.ndarray:
    """out[y, x] = a[y + dy, x + dx], `fill` where that falls off the map."""
    out = np.full_like(a, fill)
    h, w = a.shape
    out[max(0, -dy) : h - max(0, dy), max(0, -dx) : w - max(0, dx)] = a[max(0, dy) : h - max(0, -dy), max(0, dx) : w - max(0, -dx)]
    return out
