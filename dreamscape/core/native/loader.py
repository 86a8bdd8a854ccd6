"""The compiled helpers (bfs.c, dijkstra.c, label.c, pcg64.c) in `_native.so`, when it has been built.

`make install` compiles them into `_native.so` beside this file with the
system's C compiler; without one (or where the library does not load) every
caller falls back to code that gives the same results, only slower: tcod's
Dijkstra and hill climb for distance fields and routes, a numpy union-find
for components, numpy arithmetic for PCG64's words. The
library is plain C called through ctypes, which numpy has already loaded,
so using it costs no import time.
"""

from __future__ import annotations

import ctypes
import os

import numpy as np

LIBRARY = os.path.join(os.path.dirname(os.path.abspath(__file__)), "_native.so")

_lib = None  # the loaded library, or False once loading has failed


def _load():
    global _lib
    if _lib is None:
        _lib = False
        try:
            lib = ctypes.CDLL(LIBRARY)
            bfs, words, nearest = lib.dreamscape_bfs4, lib.dreamscape_pcg64_words, lib.dreamscape_nearest4
            dijkstra, climb = lib.dreamscape_dijkstra4, lib.dreamscape_hillclimb4
            label, components = lib.dreamscape_label4, lib.dreamscape_components4
        except (OSError, AttributeError):  # not built, or built from older sources
            return False
        bfs.restype = ctypes.c_int
        bfs.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int32, ctypes.c_int32, ctypes.c_void_p]
        nearest.restype = ctypes.c_int64
        nearest.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int32, ctypes.c_int32, ctypes.c_int32]
        nearest.argtypes += [ctypes.c_void_p, ctypes.c_int64, ctypes.c_void_p, ctypes.c_void_p]
        words.restype = None
        words.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int64, ctypes.c_void_p]
        dijkstra.restype = ctypes.c_int
        dijkstra.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int32, ctypes.c_int32, ctypes.c_void_p]
        label.restype = ctypes.c_int32
        label.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int32, ctypes.c_int32, ctypes.c_void_p]
        components.restype = None
        components.argtypes = [ctypes.c_void_p, ctypes.c_int32, ctypes.c_int32, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int64, ctypes.c_void_p]
        climb.restype = ctypes.c_int64
        climb.argtypes = [ctypes.c_void_p, ctypes.c_int32, ctypes.c_int32, ctypes.c_int32, ctypes.c_int32, ctypes.c_void_p]
        _lib = lib
    return _lib


def available() -> bool:
    """Whether the compiled helpers are built and load here."""
    return bool(_load())


def bfs4(dist: np.ndarray, walk: np.ndarray) -> bool:
    """Fill `dist` (int32, 0 at the roots, INT32 max elsewhere) with walking
    distances over `walk` (int8, nonzero = walkable), in place.

    Returns False, leaving `dist` untouched, when the library is not built.
    """
    lib = _load()
    if not lib:
        return False
    _same_grids(dist, np.int32, walk, np.int8)
    queue = np.empty(dist.size, np.int32)
    h, w = dist.shape
    lib.dreamscape_bfs4(dist.ctypes.data, walk.ctypes.data, h, w, queue.ctypes.data)
    return True


def nearest4(walk: np.ndarray, root: tuple[int, int], targets: list[tuple[int, int]]) -> tuple[int, int] | None:
    """(k, steps): the nearest of the (x, y) `targets` by walking distance from
    (x, y) `root` over `walk` (int8, nonzero = walkable), the lowest k among
    equals, with its distance; k = -1 when none is reachable. None when the
    library is not built."""
    lib = _load()
    if not lib:
        return None
    _grid(walk, np.int8, "walk")
    h, w = walk.shape
    start = int(flat_tiles([root], walk.shape)[0])
    tiles = flat_tiles(targets, walk.shape).astype(np.int32)
    dist = np.full(walk.shape, np.iinfo(np.int32).max, np.int32)
    queue = np.empty(walk.size, np.int32)
    steps = np.zeros(1, np.int32)
    k = lib.dreamscape_nearest4(dist.ctypes.data, walk.ctypes.data, h, w, start, tiles.ctypes.data, len(targets), queue.ctypes.data, steps.ctypes.data)
    return int(k), int(steps[0])


def label4(mask: np.ndarray) -> tuple[np.ndarray, int] | None:
    """(labels, count): int32 labels 1..count of the 4-connected components of
    `mask` (int8, nonzero = set), numbered in the order of their first tile in
    map order, 0 elsewhere; None when the library is not built."""
    lib = _load()
    if not lib:
        return None
    _grid(mask, np.int8, "mask")
    labels = np.empty(mask.shape, np.int32)
    parent = np.empty(mask.size, np.int32)
    h, w = mask.shape
    count = lib.dreamscape_label4(labels.ctypes.data, mask.ctypes.data, h, w, parent.ctypes.data)
    return labels, int(count)


def components4(mask: np.ndarray, points: list[tuple[int, int]]) -> list[int] | None:
    """For each (x, y) of `points`, an id of its 4-connected component of `mask`
    (int8, nonzero = set): equal ids exactly for connected points, 0 on an
    unset tile. None when the library is not built."""
    lib = _load()
    if not lib:
        return None
    _grid(mask, np.int8, "mask")
    h, w = mask.shape
    tiles = flat_tiles(points, mask.shape)
    ids = np.empty(len(points), np.int32)
    parent = np.empty(mask.size, np.int32)
    lib.dreamscape_components4(mask.ctypes.data, h, w, parent.ctypes.data, tiles.ctypes.data, len(points), ids.ctypes.data)
    return ids.tolist()


def pcg64_words(state: int, inc: int, n: int) -> tuple[np.ndarray, int] | None:
    """(the next `n` PCG64 words from 128-bit `state` with increment `inc`, the new state),
    or None when the library is not built."""
    lib = _load()
    if not lib:
        return None
    mask = (1 << 64) - 1
    halves = np.array([state >> 64, state & mask], np.uint64)
    increment = np.array([inc >> 64, inc & mask], np.uint64)
    out = np.empty(n, np.uint64)
    lib.dreamscape_pcg64_words(halves.ctypes.data, increment.ctypes.data, n, out.ctypes.data)
    return out, (int(halves[0]) << 64) | int(halves[1])


def flat_tiles(points, shape: tuple[int, int]) -> np.ndarray:
    """The flat (map-order) int64 indices of (x, y) `points` on a grid of `shape`;
    IndexError for a point outside it (the C side would read out of bounds)."""
    h, w = shape
    for x, y in points:
        if not (0 <= x < w and 0 <= y < h):
            raise IndexError(f"point {(x, y)!r} is outside the {w}x{h} grid")
    return np.array([y * w + x for x, y in points], np.int64)


def _grid(array: np.ndarray, dtype, name: str) -> None:
    """The C side reads a bare buffer: refuse any other dtype, shape or layout rather than read out of bounds."""
    if array.dtype != dtype or array.ndim != 2 or not array.flags.c_contiguous:
        raise TypeError(f"{name} must be a C-contiguous 2-D {np.dtype(dtype).name} grid, got {array.dtype}{array.shape}")
    if array.size >= 2**31:  # the C side indexes tiles with int32
        raise ValueError(f"{name} has {array.size} tiles; the compiled helpers take fewer than 2**31")


def _same_grids(dist: np.ndarray, dist_type, other: np.ndarray, other_type) -> None:
    _grid(dist, dist_type, "dist")
    _grid(other, other_type, "the second grid")
    if dist.shape != other.shape:
        raise TypeError(f"the grids differ in shape: {dist.shape} and {other.shape}")


def dijkstra4(dist: np.ndarray, cost: np.ndarray) -> bool:
    """Lower `dist` (int32; INT32 max = not a start) to weighted walking
    distances, stepping onto a tile for its `cost` (int32; 0 or less = never).

    `tcod.path.dijkstra2d(dist, cost, 1, 0, out=dist)`, the same to the last
    element. Returns False, leaving `dist` untouched, when the library is not built.
    """
    lib = _load()
    if not lib:
        return False
    _same_grids(dist, np.int32, cost, np.int32)
    heap = np.empty(5 * dist.size, np.int64)
    h, w = dist.shape
    if lib.dreamscape_dijkstra4(dist.ctypes.data, cost.ctypes.data, h, w, heap.ctypes.data) < 0:
        raise OverflowError("a walking distance passes the int32 range")
    return True


def hillclimb4(dist: np.ndarray, start: tuple[int, int]) -> np.ndarray | None:
    """The (i, j) tiles from `start` down `dist` (int32) to its lowest point,
    4-connected: `tcod.path.hillclimb2d(dist, start, True, False)`, ties
    taken in its order (north, south, west, east). None when the library is not built.
    """
    lib = _load()
    if not lib:
        return None
    _grid(dist, np.int32, "dist")
    i, j = start
    h, w = dist.shape
    if not (0 <= i < h and 0 <= j < w):
        raise IndexError(f"Starting point {start!r} not in shape {dist.shape!r}")
    out = np.empty((dist.size, 2), np.intc)
    n = lib.dreamscape_hillclimb4(dist.ctypes.data, h, w, i, j, out.ctypes.data)
    return out[:n].copy()
