"""tcod's C Dijkstra and hill climb, without the rest of tcod.

`import tcod` loads all of python-tcod before any of it runs: windows, SDL
events, consoles, and a C parser for one declaration; about 55 ms, more than
`dreamscape generate` spends building a default-size dreamscape. The
generator and its metrics need two C functions of it, so this module loads
tcod's compiled core (`tcod._libtcod`, about 1.5 ms) by itself and calls
`dijkstra2d_basic` and `hillclimb2d_basic` with exactly the arguments
`tcod.path.dijkstra2d` and `tcod.path.hillclimb2d` pass them, so the
results are the same to the last element (`tests/test_components.py` holds
them side by side).

First of all, when `make install` has built core/native, 4-connected
searches and climbs on int32 grids (the spanning tree's, the metrics' route)
run there, the same results again (`tests/test_native_paths.py`), and tcod
is not loaded at all.

When tcod is already loaded (the game, the bots), or its core cannot be
loaded alone, lacks a function or fails a three-tile walk when loaded (a
tcod release that moved things), the public `tcod.path` functions are used
instead: slower to start, never wrong.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import numpy as np

from dreamscape.core.native import loader as native

_core: Any = None  # the loaded `tcod._libtcod`, or False when the public API is used


def dijkstra2d(distance: np.ndarray, cost: np.ndarray, cardinal: int, diagonal: int) -> None:
    """`tcod.path.dijkstra2d(distance, cost, cardinal, diagonal, out=distance)`: fills `distance` in place."""
    if cardinal == 1 and diagonal == 0 and _native_grid(distance) and _native_grid(cost) and native.dijkstra4(distance, cost):
        return
    core = _load()
    if not core:
        import tcod.path

        tcod.path.dijkstra2d(distance, cost, cardinal, diagonal, out=distance)
        return
    cost = np.asarray(cost)
    if distance.shape != cost.shape:
        raise TypeError(f"distance and cost must have the same shape {distance.shape!r} != {cost.shape!r}")
    _check(core, core.lib.dijkstra2d_basic(_export(core, distance), _export(core, cost), cardinal, diagonal))


def hillclimb2d(distance: np.ndarray, start: tuple[int, int], cardinal: bool, diagonal: bool) -> np.ndarray:
    """`tcod.path.hillclimb2d(distance, start, cardinal, diagonal)`: the (i, j) path down to the lowest point."""
    if cardinal and not diagonal and _native_grid(distance):
        path = native.hillclimb4(distance, start)
        if path is not None:
            return path
    core = _load()
    if not core:
        import tcod.path

        return tcod.path.hillclimb2d(distance, start, cardinal, diagonal)
    i, j = start
    if not (0 <= i < distance.shape[0] and 0 <= j < distance.shape[1]):
        raise IndexError(f"Starting point {start!r} not in shape {distance.shape!r}")
    c_dist = _export(core, np.asarray(distance))
    length = _check(core, core.lib.hillclimb2d_basic(c_dist, i, j, bool(cardinal), bool(diagonal), core.ffi.NULL))
    path = np.ndarray((length, 2), dtype=np.intc)
    _check(core, core.lib.hillclimb2d_basic(c_dist, i, j, bool(cardinal), bool(diagonal), core.ffi.from_buffer("int*", path)))
    return path


def _native_grid(array: np.ndarray) -> bool:
    """Whether the compiled helpers (core/native/dijkstra.c) take this array as it is."""
    return array.dtype == np.int32 and array.ndim == 2 and array.flags.c_contiguous


def _export(core: Any, array: np.ndarray) -> Any:
    """The array as tcod's `struct NArray` (as `tcod.path._export` makes it)."""
    types = {
        np.bool_: core.lib.np_uint8,
        np.int8: core.lib.np_int8,
        np.int16: core.lib.np_int16,
        np.int32: core.lib.np_int32,
        np.intc: core.lib.np_int32,
        np.int64: core.lib.np_int64,
        np.uint8: core.lib.np_uint8,
        np.uint16: core.lib.np_uint16,
        np.uint32: core.lib.np_uint32,
        np.uint64: core.lib.np_uint64,
    }
    if array.dtype.type not in types:
        raise TypeError(f"dtype was {array.dtype.type}, but must be one of {tuple(types)}.")
    fields = {
        "type": types[array.dtype.type],
        "ndim": array.ndim,
        "data": core.ffi.cast("void*", array.ctypes.data),
        "shape": array.shape,
        "strides": array.strides,
    }
    return core.ffi.new("struct NArray*", fields)


def _check(core: Any, code: int) -> int:
    if code < 0:
        raise RuntimeError(core.ffi.string(core.lib.TCOD_get_error()).decode())
    return code


_NEEDED = ("dijkstra2d_basic", "hillclimb2d_basic", "TCOD_get_error", "np_int8", "np_int32", "np_int64", "np_uint8")


def _load() -> Any:
    """tcod's compiled core loaded alone, or False to use `tcod.path`."""
    global _core
    if _core is None:
        _core = False if "tcod" in sys.modules else _load_core()
    return _core


def _load_core() -> Any:
    # Imported here: with core/native built, a generate never needs them.
    import importlib.machinery
    import importlib.util

    try:
        spec = importlib.util.find_spec("tcod")  # finds the package without running it
        folders = list(spec.submodule_search_locations or []) if spec else []
        for folder in folders:
            for suffix in importlib.machinery.EXTENSION_SUFFIXES:
                path = os.path.join(folder, f"_libtcod{suffix}")
                if os.path.isfile(path):
                    core_spec = importlib.util.spec_from_file_location("tcod._libtcod", path)
                    if core_spec is None or core_spec.loader is None:
                        return False
                    core = importlib.util.module_from_spec(core_spec)
                    core_spec.loader.exec_module(core)
                    return core if all(hasattr(core.lib, name) for name in _NEEDED) and _works(core) else False
    except Exception:  # any surprise means the public API
        return False
    return False


def _works(core: Any) -> bool:
    """A walk along a corridor of three tiles, there and back, through the loaded core."""
    global _core
    saved, _core = _core, core
    try:
        dist = np.array([[0, np.iinfo(np.int32).max, np.iinfo(np.int32).max]], np.int32)
        dijkstra2d(dist, np.ones((1, 3), np.int8), 1, 0)
        return dist.tolist() == [[0, 1, 2]] and hillclimb2d(dist, (0, 2), True, False).tolist() == [[0, 2], [0, 1], [0, 0]]
    finally:
        _core = saved
