"""The compiled breadth-first search gives tcod's distances (a level without the library: test_native_paths.py)."""

from __future__ import annotations

import shutil

import numpy as np
import pytest
import tcod.path

from dreamscape.core.native import loader
from dreamscape.gen import grid

UNREACHED = np.iinfo(np.int32).max

needs_library = pytest.mark.skipif(not loader.available(), reason="the native helpers are not built here (no C compiler)")


def _roots_field(shape, roots) -> np.ndarray:
    dist = np.full(shape, UNREACHED, np.int32)
    for x, y in roots:
        dist[y, x] = 0
    return dist


@needs_library
@pytest.mark.parametrize("seed", range(12))
def test_breadth_first_equals_tcods_dijkstra(seed):
    rng = np.random.default_rng(seed)
    h, w = int(rng.integers(1, 60)), int(rng.integers(1, 60))
    walk = (rng.random((h, w)) < rng.uniform(0.3, 0.9)).astype(np.int8)
    # Some roots on walls: tcod lets them spread into walkable neighbours, and so must this.
    roots = [(int(rng.integers(w)), int(rng.integers(h))) for _ in range(int(rng.integers(1, 5)))]
    ours, theirs = _roots_field((h, w), roots), _roots_field((h, w), roots)
    assert loader.bfs4(ours, walk)
    tcod.path.dijkstra2d(theirs, walk, 1, 0, out=theirs)
    assert np.array_equal(ours, theirs)


@needs_library
@pytest.mark.parametrize("seed", range(40))
def test_the_nearest_target_is_a_whole_fields_argmin(seed):
    rng = np.random.default_rng(1000 + seed)
    h, w = int(rng.integers(1, 40)), int(rng.integers(1, 40))
    walk = (rng.random((h, w)) < rng.uniform(0.4, 0.95)).astype(np.int8)
    root = (int(rng.integers(w)), int(rng.integers(h)))
    # Repeats, the root itself, walls and unreachable pockets among the targets: ties and misses show.
    targets = [(int(rng.integers(w)), int(rng.integers(h))) for _ in range(int(rng.integers(1, 8)))]
    if seed % 5 == 0:
        targets.append(root)
    field = _roots_field((h, w), [root])
    assert loader.bfs4(field, walk)
    steps = [int(field[y, x]) for x, y in targets]
    k, found = loader.nearest4(walk, root, targets)
    if min(steps) == UNREACHED:
        assert k == -1
    else:
        assert (k, found) == (int(np.argmin(steps)), min(steps))
    # The grid helper answers the same with the library switched off.
    assert grid.nearest_on_foot(walk.astype(bool), root, targets) == (int(np.argmin(steps)), min(steps))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(grid, "nearest4", lambda *args: None)
        assert grid.nearest_on_foot(walk.astype(bool), root, targets) == (int(np.argmin(steps)), min(steps))


@needs_library
def test_wrong_arrays_are_refused_not_read_out_of_bounds():
    with pytest.raises(TypeError):
        loader.bfs4(np.zeros((4, 4), np.int64), np.ones((4, 4), np.int8))
    with pytest.raises(TypeError):
        loader.bfs4(np.zeros((4, 4), np.int32), np.ones((4, 5), np.int8))
    with pytest.raises(TypeError):
        loader.bfs4(np.zeros((4, 4), np.int32)[:, ::2].copy().T, np.ones((2, 4), np.int8).T)
    with pytest.raises(TypeError):
        loader.nearest4(np.ones((4, 4), bool), (0, 0), [(1, 1)])
    with pytest.raises(IndexError):
        loader.nearest4(np.ones((4, 4), np.int8), (0, 0), [(1, 4)])


def test_the_nearest_of_no_targets_is_refused_with_or_without_the_library(monkeypatch):
    walk = np.ones((3, 3), bool)
    with pytest.raises(ValueError):
        grid.nearest_on_foot(walk, (0, 0), [])
    monkeypatch.setattr(grid, "nearest4", lambda *args: None)
    with pytest.raises(ValueError):
        grid.nearest_on_foot(walk, (0, 0), [])


def test_make_install_builds_the_library_where_a_compiler_exists():
    if shutil.which("cc") is None and shutil.which("gcc") is None:
        pytest.skip("no C compiler on this machine")
    assert loader.available(), f"{loader.LIBRARY} is missing or does not load: run `make install`"


# A level and its metrics without the library: tests/test_native_paths.py.
