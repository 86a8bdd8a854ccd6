"""The generator's own grid algorithms against the libraries they replace, on hostile grids.

`gen/components.py` and `gen/nearest.py` took over from scipy.ndimage
(`label`, `distance_transform_cdt`) so that scipy is not loaded to build a
dreamscape; `gen/paths.py` calls tcod's C core without loading all of tcod.
Their results feed the generator's decisions (which piece is the main one,
where a tunnel runs, how far a dreamer lies), so each must equal the
original exactly: the same numbers in the same places, the same dtype.
Labelling is checked twice: by the compiled flood fill (core/native/label.c)
where it is built, and by the numpy union-find that stands in without it.
"""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest
import scipy.ndimage as ndi
import tcod.path
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dreamscape.core.level import load_level_or_profile
from dreamscape.core.native import loader
from dreamscape.gen import components, generate, paths
from dreamscape.gen.components import component_ids, label
from dreamscape.gen.grid import strict_walkable
from dreamscape.gen.nearest import nearest_tile, taxicab_distance

FOUR = np.array([[0, 1, 0], [1, 1, 1], [0, 1, 0]], bool)
UNREACHED = np.iinfo(np.int32).max


@st.composite
def masks(draw, max_side: int = 24, need_one: bool = False) -> np.ndarray:
    """A boolean grid: random noise of any density, or a maze-like, striped or checked one."""
    h = draw(st.integers(1, max_side))
    w = draw(st.integers(1, max_side))
    seed = draw(st.integers(0, 2**32 - 1))
    kind = draw(st.sampled_from(["noise", "sparse", "dense", "stripes", "checks", "spiral"]))
    rng = np.random.default_rng(seed)
    if kind == "noise":
        mask = rng.random((h, w)) < draw(st.floats(0, 1))
    elif kind == "sparse":
        mask = rng.random((h, w)) < 0.08
    elif kind == "dense":
        mask = rng.random((h, w)) < 0.92
    elif kind == "stripes":
        mask = (np.arange(w)[None, :] % 2 == 0) | (rng.random((h, w)) < 0.1)
        mask = np.broadcast_to(mask, (h, w)).copy()
    elif kind == "checks":
        mask = (np.add.outer(np.arange(h), np.arange(w)) % 2 == 0) | (rng.random((h, w)) < 0.2)
    else:
        mask = _spiral(h, w)
    if need_one and not mask.any():
        mask[draw(st.integers(0, h - 1)), draw(st.integers(0, w - 1))] = True
    return mask


def _spiral(h: int, w: int) -> np.ndarray:
    """A one-tile-wide spiral corridor: one long component whose runs chain far apart."""
    mask = np.zeros((h, w), bool)
    top, left, bottom, right = 0, 0, h - 1, w - 1
    while top <= bottom and left <= right:
        mask[top, left : right + 1] = True
        mask[top : bottom + 1, right] = True
        if top + 2 <= bottom:
            mask[bottom, left : right + 1] = True
        if left + 2 <= right:
            mask[top + 2 : bottom + 1, left] = True
        top, left, bottom, right = top + 2, left + 2, bottom - 2, right - 2
    return mask


ENGINES = ["compiled", "numpy"] if loader.available() else ["numpy"]


@pytest.fixture(params=ENGINES)
def engine(request, monkeypatch):
    """Labelling by the compiled flood fill, or by the numpy union-find (the library switched off)."""
    if request.param == "numpy":
        monkeypatch.setattr(components, "label4", lambda mask: None)
        monkeypatch.setattr(components, "components4", lambda mask, points: None)
    return request.param


# One engine for all of a test's examples: nothing in it changes between them.
ONE_ENGINE = [HealthCheck.function_scoped_fixture]


@settings(max_examples=400, deadline=None, suppress_health_check=ONE_ENGINE)
@given(mask=masks())
def test_label_numbers_components_as_scipy_does(engine, mask):
    labels, count = label(mask)
    expected, expected_count = ndi.label(mask, structure=FOUR)
    assert count == expected_count
    assert labels.dtype == expected.dtype
    assert np.array_equal(labels, expected)


@settings(max_examples=300, deadline=None, suppress_health_check=ONE_ENGINE)
@given(mask=masks(), data=st.data())
def test_component_ids_are_equal_exactly_for_connected_tiles(engine, mask, data):
    h, w = mask.shape
    points = data.draw(st.lists(st.tuples(st.integers(0, w - 1), st.integers(0, h - 1)), min_size=1, max_size=8))
    expected, _ = ndi.label(mask, structure=FOUR)
    want = [int(expected[y, x]) for x, y in points]
    ids = component_ids(mask, points)
    assert [i == 0 for i in ids] == [c == 0 for c in want]
    assert all((ids[i] == ids[j]) == (want[i] == want[j]) for i in range(len(points)) for j in range(len(points)))
    k = data.draw(st.integers(1, len(points)))
    early = component_ids(mask, points, together=k)
    assert (len(set(early[:k])) == 1) == (len(set(want[:k])) == 1)
    assert [i == 0 for i in early[:k]] == [c == 0 for c in want[:k]]


def test_labelling_refuses_a_mask_that_is_not_a_grid(engine):
    with pytest.raises(ValueError):
        label(np.ones(5, bool))
    with pytest.raises(ValueError):
        component_ids(np.ones((2, 2, 2), bool), [(0, 0)])
    for outside in ((3, 0), (-1, 0), (0, 2)):
        with pytest.raises(IndexError):
            component_ids(np.ones((2, 3), bool), [(0, 0), outside])


@pytest.mark.skipif(not loader.available(), reason="the native helpers are not built here")
def test_the_compiled_labelling_refuses_arrays_it_cannot_read():
    with pytest.raises(TypeError):
        loader.label4(np.ones((4, 4), bool))  # the caller passes int8
    with pytest.raises(TypeError):
        loader.label4(np.ones((4, 8), np.int8)[:, ::2])
    with pytest.raises(TypeError):
        loader.components4(np.ones((4, 4), bool), [(0, 0)])
    with pytest.raises(IndexError):
        loader.components4(np.ones((4, 4), np.int8), [(4, 0)])


@settings(max_examples=300, deadline=None)
@given(masks(need_one=True))
def test_taxicab_distance_and_nearest_tile_match_scipy_at_every_tile(target):
    expected, (near_y, near_x) = ndi.distance_transform_cdt(~target, metric="taxicab", return_indices=True)
    dist = taxicab_distance(target)
    assert dist.dtype == expected.dtype
    assert np.array_equal(dist, expected)
    h, w = target.shape
    for y in range(h):
        for x in range(w):
            assert nearest_tile(target, dist, y, x) == (near_y[y, x], near_x[y, x]), (y, x)


@pytest.mark.parametrize("name,size", [("leo", (96, 64)), ("mira", (256, 256)), ("zara", (128, 96))])
def test_label_and_distance_match_scipy_on_generated_maps(engine, name, size):
    ds = generate(load_level_or_profile(name).with_seed(3).with_size(size))
    walk = strict_walkable(ds.tiles)
    for mask in (walk, ~walk, walk[:, ::2], ds.regions == ds.regions[0, 0]):
        labels, count = label(mask)
        expected, expected_count = ndi.label(mask, structure=FOUR)
        assert count == expected_count and np.array_equal(labels, expected)
    labels, _ = label(walk)
    target = labels == np.bincount(labels.ravel())[1:].argmax() + 1
    expected, (near_y, near_x) = ndi.distance_transform_cdt(~target, metric="taxicab", return_indices=True)
    dist = taxicab_distance(target)
    assert np.array_equal(dist, expected)
    ys, xs = np.nonzero(walk & ~target)
    for y, x in zip(ys[::37].tolist(), xs[::37].tolist()):
        assert nearest_tile(target, dist, y, x) == (near_y[y, x], near_x[y, x])


@pytest.fixture
def lean_core(monkeypatch):
    """gen.paths on tcod's core loaded alone, as in a process that never imported tcod."""
    core = paths._load_core()
    assert core, "tcod's compiled core did not load alone: gen/paths.py would fall back to importing all of tcod"
    monkeypatch.setattr(paths, "_core", core)
    return core


def test_the_lean_core_is_tcods_own(lean_core):
    """Loaded alone while tcod is loaded (as here), the core is the very one tcod uses."""
    from tcod.cffi import lib

    assert lean_core.lib is lib


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])  # one core for all
@given(walk=masks(max_side=40), seed=st.integers(0, 2**32 - 1), dtype=st.sampled_from([np.int8, np.uint8, np.int16, np.int32]))
def test_the_lean_dijkstra_and_hill_climb_equal_tcod_path(lean_core, walk, seed, dtype):
    assert paths._core is lean_core
    rng = np.random.default_rng(seed)
    cost = (walk * rng.integers(1, 5, walk.shape)).astype(dtype)
    h, w = walk.shape
    root = (int(rng.integers(h)), int(rng.integers(w)))
    ours = np.full((h, w), UNREACHED, np.int32)
    ours[root] = 0
    theirs = ours.copy()
    paths.dijkstra2d(ours, cost, 1, 0)
    tcod.path.dijkstra2d(theirs, cost, 1, 0, out=theirs)
    assert np.array_equal(ours, theirs)
    start = (int(rng.integers(h)), int(rng.integers(w)))
    assert np.array_equal(paths.hillclimb2d(ours, start, True, False), tcod.path.hillclimb2d(theirs, start, True, False))


def test_without_the_lean_core_the_public_tcod_path_answers_the_same(monkeypatch):
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    assert paths._load_core() is False
    monkeypatch.setattr(paths, "_core", False)
    walk = _spiral(15, 21)
    ours = np.full(walk.shape, UNREACHED, np.int32)
    ours[0, 0] = 0
    theirs = ours.copy()
    paths.dijkstra2d(ours, walk.astype(np.int8), 1, 0)
    tcod.path.dijkstra2d(theirs, walk.astype(np.int8), 1, 0, out=theirs)
    assert np.array_equal(ours, theirs) and ours[walk].max() > 40
    assert np.array_equal(paths.hillclimb2d(ours, (8, 10), True, False), tcod.path.hillclimb2d(theirs, (8, 10), True, False))
