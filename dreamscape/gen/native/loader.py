"""The compiled breadth-first search (bfs.c), when it has been built.

`make install` compiles `bfs.c` into `_bfs.so` beside it with the system's C
compiler; without one (or on a platform where the library does not load) the
generator uses tcod's Dijkstra instead, which gives the same distances, only
slower. The library is plain C called through ctypes, which numpy has
already loaded, so using it costs no import time.
"""

from __future__ import annotations

import ctypes
import os

import numpy as np

LIBRARY = os.path.join(os.path.dirname(os.path.abspath(__file__)), "_bfs.so")

_fn = None  # the loaded function, or False once loading has failed


def _load():
    global _fn
    if _fn is None:
        _fn = False
        try:
            fn = ctypes.CDLL(LIBRARY).dreamscape_bfs4
        except (OSError, AttributeError):
            return False
        fn.restype = ctypes.c_int
        fn.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int32, ctypes.c_int32, ctypes.c_void_p]
        _fn = fn
    return _fn


def available() -> bool:
    """Whether the compiled search is built and loads here."""
    return bool(_load())


def bfs4(dist: np.ndarray, walk: np.ndarray) -> bool:
    """Fill `dist` (int32, 0 at the roots, INT32 max elsewhere) with walking
    distances over `walk` (int8, nonzero = walkable), in place.

    Returns False, leaving `dist` untouched, when the library is not built.
    """
    fn = _load()
    if not fn:
        return False
    if dist.dtype != np.int32 or walk.dtype != np.int8 or dist.shape != walk.shape or dist.ndim != 2:
        raise TypeError(f"bfs4 wants int32 and int8 grids of one shape, got {dist.dtype}{dist.shape} and {walk.dtype}{walk.shape}")
    if not (dist.flags.c_contiguous and walk.flags.c_contiguous):
        raise TypeError("bfs4 wants C-contiguous grids")
    queue = np.empty(dist.size, np.int32)
    h, w = dist.shape
    fn(dist.ctypes.data, walk.ctypes.data, h, w, queue.ctypes.data)
    return True
