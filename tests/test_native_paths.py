"""The compiled weighted Dijkstra and hill climb give tcod's results, and the metrics are the same without them."""

from __future__ import annotations

import numpy as np
import pytest
import tcod.path

from dreamscape.core.level import load_level_or_profile
from dreamscape.core.native import loader
from dreamscape.designer.metrics import compute
from dreamscape.gen import generate, grid

MAX = np.iinfo(np.int32).max

needs_library = pytest.mark.skipif(not loader.available(), reason="the native helpers are not built here")


@needs_library
@pytest.mark.parametrize("seed", range(10))
def test_weighted_distances_equal_tcods(seed):
    rng = np.random.default_rng(seed)
    h, w = int(rng.integers(1, 50)), int(rng.integers(1, 50))
    cost = rng.integers(1, 1000, (h, w), dtype=np.int32)
    cost[rng.random((h, w)) < 0.2] = 0  # no entry
    dist = np.full((h, w), MAX, np.int32)
    for _ in range(int(rng.integers(1, 4))):
        dist[int(rng.integers(h)), int(rng.integers(w))] = int(rng.integers(0, 50))
    theirs = dist.copy()
    assert loader.dijkstra4(dist, cost)
    tcod.path.dijkstra2d(theirs, cost, 1, 0, out=theirs)
    assert np.array_equal(dist, theirs)


@needs_library
@pytest.mark.parametrize("seed", range(10))
def test_hill_climb_equals_tcods_ties_included(seed):
    rng = np.random.default_rng(100 + seed)
    h, w = int(rng.integers(2, 40)), int(rng.integers(2, 40))
    # Unit-step fields from several roots are full of equal neighbours: the tie order shows.
    walk = rng.random((h, w)) < 0.7
    field = grid.distances_from(walk, [[(int(rng.integers(w)), int(rng.integers(h))) for _ in range(3)]])[0]
    small = rng.integers(0, 4, (h, w), dtype=np.int32)  # and a field of plateaus
    for dist in (field, small):
        for _ in range(20):
            start = (int(rng.integers(h)), int(rng.integers(w)))
            ours = loader.hillclimb4(dist, start)
            assert ours is not None
            assert np.array_equal(ours, tcod.path.hillclimb2d(dist, start, True, False))


@needs_library
def test_bad_arrays_are_refused():
    with pytest.raises(TypeError):
        loader.dijkstra4(np.zeros((3, 3), np.int32), np.ones((3, 4), np.int32))
    with pytest.raises(TypeError):
        loader.dijkstra4(np.zeros((3, 3), np.int64), np.ones((3, 3), np.int32))
    with pytest.raises(IndexError):
        loader.hillclimb4(np.zeros((3, 3), np.int32), (3, 0))


@pytest.mark.parametrize("name", ["leo", "mira", "zara"])
def test_metrics_are_the_same_without_the_library(name, monkeypatch):
    spec = load_level_or_profile(name).with_size((96, 64)).with_seed(7)
    ds = generate(spec)
    with_library = (ds.content_hash(), compute(ds))
    monkeypatch.setattr(loader, "_lib", False)
    monkeypatch.setattr(grid, "_last", (b"", (), {}))
    ds = generate(spec)
    assert (ds.content_hash(), compute(ds)) == with_library
