"""Same spec, same dreamscape: in one process, across processes, and against golden hashes."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from conftest import REPO_ROOT, subprocess_env
from dreamscape.core import rng
from dreamscape.core.level import load_level_or_profile
from dreamscape.gen import GENERATOR_VERSION, generate

GOLDEN = Path(__file__).resolve().parent / "golden" / "hashes.json"
BUMP_HINT = (
    "If the change is intended, bump GENERATOR_VERSION in dreamscape/gen/dreamscape.py "
    "and run `python tests/update_goldens.py` in the same commit."
)
HASH_LINE = re.compile(r"^hash ([0-9a-f]{32})$", re.M)

SPECS = [("leo", 7, (96, 64)), ("mira", 3, (79, 29)), ("zara", 11, (24, 16)), ("ch2_beautiful_prison", 1729, (80, 52)), ("ch5_nexus_malfunction", 9, (128, 96))]


def _spec(name, seed, size):
    return load_level_or_profile(name).with_seed(seed).with_size(size)


# --------------------------------------------------------------------------- one process


@pytest.mark.parametrize("name, seed, size", SPECS)
def test_same_spec_same_dreamscape(name, seed, size):
    a = generate(_spec(name, seed, size))
    b = generate(_spec(name, seed, size))
    assert a.canonical() == b.canonical()
    assert a.content_hash() == b.content_hash()
    assert re.fullmatch(r"[0-9a-f]{32}", a.content_hash())
    assert np.array_equal(a.tiles, b.tiles)
    assert np.array_equal(a.regions, b.regions)
    assert a.stats == b.stats


def test_no_hidden_state_between_generations():
    """Generating other dreamscapes in between changes nothing."""
    first = generate(_spec("leo", 5, (64, 40))).content_hash()
    for name, seed, size in SPECS:
        generate(_spec(name, seed, size))
    assert generate(_spec("leo", 5, (64, 40))).content_hash() == first


def test_hash_depends_on_seed_size_and_profile():
    base = _spec("leo", 5, (64, 40))
    hashes = {
        generate(base).content_hash(),
        generate(base.with_seed(6)).content_hash(),
        generate(base.with_size((65, 40))).content_hash(),
        generate(base.with_profile(base.profile.with_knob("chaos", 1.0))).content_hash(),
    }
    assert len(hashes) == 4


def test_hash_covers_glitches_and_generator_version():
    ds = generate(_spec("leo", 5, (64, 40)))
    original = ds.content_hash()
    assert ds.glitches, "expected a glitch schedule to perturb"
    kept = ds.glitches
    ds.glitches = kept[:-1]
    assert ds.content_hash() != original
    ds.glitches = kept
    assert ds.content_hash() == original
    ds.generator_version += 1
    assert ds.content_hash() != original


def test_canonical_is_plain_json():
    ds = generate(_spec("mira", 3, (79, 29)))
    c = ds.canonical()
    assert json.loads(json.dumps(c, sort_keys=True)) == c
    assert c["generator_version"] == GENERATOR_VERSION
    assert len(c["tiles"]) == 29 and all(len(row) == 79 for row in c["tiles"])


# --------------------------------------------------------------------------- across processes

_SNIPPET = """
import sys
from dreamscape.core.level import load_level_or_profile
from dreamscape.gen import generate
for arg in sys.argv[1:]:
    name, seed, w, h = arg.split(":")
    spec = load_level_or_profile(name).with_seed(int(seed)).with_size((int(w), int(h)))
    print(arg, generate(spec).content_hash())
"""


def _hashes_in_subprocess(hashseed: str) -> dict[str, str]:
    args = [f"{n}:{s}:{w}:{h}" for n, s, (w, h) in SPECS]
    proc = subprocess.run(
        [sys.executable, "-c", _SNIPPET, *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=str(REPO_ROOT),
        env=subprocess_env(PYTHONHASHSEED=hashseed),
    )
    assert proc.returncode == 0, proc.stderr
    out = dict(line.split() for line in proc.stdout.splitlines())
    assert len(out) == len(SPECS)
    return out


def test_identical_across_processes_with_different_hash_seeds():
    a = _hashes_in_subprocess("0")
    b = _hashes_in_subprocess("12345")
    assert a == b
    # ... and equal to this process's (which has its own hash seed).
    here = {f"{n}:{s}:{w}:{h}": generate(_spec(n, s, (w, h))).content_hash() for n, s, (w, h) in SPECS}
    assert a == here


@pytest.mark.parametrize("hashseed", ["0", "12345"])
def test_cli_prints_the_same_hash(hashseed, run_cli, tmp_path):
    code, out, err = run_cli("generate", "leo", "--seed", "7", cwd=tmp_path, env=subprocess_env(PYTHONHASHSEED=hashseed))
    assert code == 0, err
    found = HASH_LINE.findall(out)
    assert len(found) == 1, out
    assert found[0] == generate(load_level_or_profile("leo").with_seed(7)).content_hash()


# --------------------------------------------------------------------------- goldens


def _golden() -> dict:
    return json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_golden_file_is_well_formed():
    data = _golden()
    entries = data["entries"]
    assert len(entries) >= 14
    assert len({e["name"] for e in entries}) >= 10
    sizes = {tuple(e["size"]) for e in entries}
    assert {(79, 29), (24, 16), (200, 150)} <= sizes
    for e in entries:
        assert set(e) == {"name", "seed", "size", "hash"}
        assert re.fullmatch(r"[0-9a-f]{32}", e["hash"])


def test_golden_generator_version_matches():
    assert _golden()["generator_version"] == GENERATOR_VERSION, (
        f"tests/golden/hashes.json was made by generator v{_golden()['generator_version']}, "
        f"the code is v{GENERATOR_VERSION}: run `python tests/update_goldens.py`."
    )


def test_golden_cases_match_the_update_script():
    """The file holds exactly the cases the deliberate script writes."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    try:
        import update_goldens
    finally:
        sys.path.pop(0)
    cases = [(e["name"], e["seed"], tuple(e["size"])) for e in _golden()["entries"]]
    assert cases == [(n, s, tuple(sz)) for n, s, sz in update_goldens.CASES]


def test_golden_hashes():
    mismatches = []
    for e in _golden()["entries"]:
        got = generate(_spec(e["name"], e["seed"], tuple(e["size"]))).content_hash()
        if got != e["hash"]:
            mismatches.append(f"{e['name']} seed {e['seed']} {e['size'][0]}x{e['size'][1]}: golden {e['hash']}, now {got}")
    assert not mismatches, "generator output changed:\n  " + "\n  ".join(mismatches) + "\n" + BUMP_HINT


# --------------------------------------------------------------------------- rng


def test_stream_is_reproducible():
    a = rng.stream(42, "layout").integers(0, 2**32, 64)
    b = rng.stream(42, "layout").integers(0, 2**32, 64)
    assert np.array_equal(a, b)


def test_streams_differ_between_names_seeds_and_sub_indices():
    draws = {
        "layout": rng.stream(42, "layout").integers(0, 2**32, 16).tolist(),
        "glitches": rng.stream(42, "glitches").integers(0, 2**32, 16).tolist(),
        "seed43": rng.stream(43, "layout").integers(0, 2**32, 16).tolist(),
        "sub1": rng.stream(42, "layout", 1).integers(0, 2**32, 16).tolist(),
        "sub2": rng.stream(42, "layout", 2).integers(0, 2**32, 16).tolist(),
        "big": rng.stream(2**63 - 1, "layout").integers(0, 2**32, 16).tolist(),
    }
    as_tuples = [tuple(v) for v in draws.values()]
    assert len(set(as_tuples)) == len(as_tuples)


def test_stable_hash_is_fixed():
    # Literal values: BLAKE2b-64 of the name, little-endian. These never change.
    assert rng.stable_hash("layout") == 3056088946494436443
    assert rng.stable_hash("glitches") == 1639966377400416513
    assert rng.stable_hash("") == 13020603013274838756
    assert rng.stable_hash("layout") != rng.stable_hash("Layout")


def test_stable_hash_same_in_another_process():
    proc = subprocess.run(
        [sys.executable, "-c", "from dreamscape.core.rng import stable_hash; print(stable_hash('placement'))"],
        capture_output=True,
        text=True,
        timeout=60,
        env=subprocess_env(PYTHONHASHSEED="777"),
    )
    assert proc.returncode == 0, proc.stderr
    assert int(proc.stdout) == rng.stable_hash("placement")


def test_derive_seed_is_reproducible_and_in_range():
    a = rng.derive_seed(5, "retry", 1)
    assert a == rng.derive_seed(5, "retry", 1)
    assert a != rng.derive_seed(5, "retry", 2)
    assert 0 <= a < 2**63
