"""core/pcg64.py gives numpy's PCG64 and SeedSequence word for word, compiled or not."""

from __future__ import annotations

import numpy as np
import pytest

from dreamscape.core import pcg64
from dreamscape.core.rng import stable_hash, stream
from dreamscape.core.native import loader

ENTROPIES = [[1, 0, 123, 5], [0], [2**64 - 1, 2**70, 7], [5, 0, 9_999_999_999, 1, 2, 3, 4, 5], [2**32, 2**32 - 1]]
SIZES = (None, 1, None, 255, 256, 257, None, 1000, 65_536, 3, 0, 513)


def _random_entropy(seed: int) -> list[int]:
    rng = np.random.default_rng(seed)
    return [int(v) for v in rng.integers(0, 2**63, int(rng.integers(1, 9)))] + [int(rng.integers(0, 2**32))]


@pytest.mark.parametrize("entropy", ENTROPIES + [_random_entropy(s) for s in range(8)])
def test_seeding_matches_seed_sequence(entropy):
    want = [int(v) for v in np.random.SeedSequence(entropy).generate_state(4, np.uint64)]
    assert pcg64.seed_words(entropy) == want


@pytest.mark.parametrize("compiled", [True, False])
@pytest.mark.parametrize("entropy", ENTROPIES)
def test_words_and_state_match_numpy(entropy, compiled, monkeypatch):
    if compiled and not loader.available():
        pytest.skip("the native helpers are not built here")
    if not compiled:
        monkeypatch.setattr(pcg64, "pcg64_words", lambda *a: None)  # the numpy arithmetic path
    theirs = np.random.PCG64(np.random.SeedSequence(entropy))
    ours = pcg64.PCG64(entropy)
    assert ours.state_repr() == repr(theirs.state["state"])
    for size in SIZES:
        want, got = theirs.random_raw(size), ours.random_raw(size)
        if size is None:
            assert isinstance(got, int) and got == int(want)
        else:
            assert got.dtype == np.uint64 and np.array_equal(got, want), size
        assert ours.state_repr() == repr(theirs.state["state"]), size


def test_negative_entropy_is_refused_like_numpy():
    with pytest.raises(ValueError):
        np.random.SeedSequence([-1])
    with pytest.raises(ValueError):
        pcg64.PCG64([-1])


def test_streams_draw_what_numpy_pcg64_would():
    s = stream(42, "layout", 3)
    entropy = [42, 0, stable_hash("layout"), 3]
    theirs = np.random.PCG64(np.random.SeedSequence(entropy))
    assert s.raw() == int(theirs.random_raw())
    assert np.array_equal(s.raw(700), theirs.random_raw(700))
    assert s.state() == repr(theirs.state["state"]).encode()


def test_blake2b_without_openssl_is_hashlibs():
    import hashlib

    from dreamscape.core.blake2 import blake2b

    for data in (b"", b"layout", bytes(range(256)) * 9):
        assert blake2b(data, digest_size=8).digest() == hashlib.blake2b(data, digest_size=8).digest()
        assert blake2b(data, digest_size=16).hexdigest() == hashlib.blake2b(data, digest_size=16).hexdigest()
