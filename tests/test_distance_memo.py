"""Distance fields found again from the memo of the last mask are the fields a fresh search gives."""

from __future__ import annotations

import numpy as np

from dreamscape.gen import grid
from dreamscape.gen.invariant import _distinct
from dreamscape.gen.paths import dijkstra2d


def _fresh(walk: np.ndarray, roots: list[tuple[int, int]]) -> np.ndarray:
    dist = np.full(walk.shape, grid.UNREACHED, np.int32)
    for x, y in roots:
        dist[y, x] = 0
    dijkstra2d(dist, walk.astype(np.int8), 1, 0)
    return dist


def _maze(seed: int) -> np.ndarray:
    walk = np.random.default_rng(seed).random((40, 50)) < 0.65
    walk[0, :] = walk[:, 0] = True
    return walk


def test_a_field_asked_for_twice_is_the_fresh_field_and_not_shared():
    walk = _maze(1)
    first = grid.distance_from(walk, [(0, 0)])
    first[5, 5] = -7  # the caller's copy: scribbling on it must not reach the memo
    again = grid.distance_from(walk, [(0, 0)])
    assert np.array_equal(again, _fresh(walk, [(0, 0)]))
    assert again[5, 5] != -7


def test_a_changed_mask_is_searched_again():
    walk = _maze(2)
    before = grid.distance_from(walk, [(0, 0)])
    walk[0, 1:] = False  # cut the top row: the memo of the old mask no longer applies
    after = grid.distance_from(walk, [(0, 0)])
    assert np.array_equal(after, _fresh(walk, [(0, 0)]))
    assert not np.array_equal(before, after)


def test_fields_of_several_root_sets_match_fresh_ones_in_any_order():
    walk = _maze(3)
    sets = [[(0, 0)], [(0, 10), (20, 0)], [(0, 0)]]
    for roots, field in zip(sets, grid.distances_from(walk, sets)):
        assert np.array_equal(field, _fresh(walk, roots))
    shuffled = list(reversed(sets))
    for roots, field in zip(shuffled, grid.distances_from(walk, shuffled)):
        assert np.array_equal(field, _fresh(walk, roots))


def test_distinct_counts_like_unique():
    rng = np.random.default_rng(4)
    for n in (0, 1, 2, 17, 500):
        values = rng.integers(0, 9, n)
        assert _distinct(values) == len(np.unique(values))
