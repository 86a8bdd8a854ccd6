"""Regenerate tests/golden/hashes.json from the current generator.

Run it on purpose, and only when the generator's output is meant to change:

    python tests/update_goldens.py

Bump GENERATOR_VERSION in dreamscape/gen/dreamscape.py in the same commit, so
that a dreamscape's hash always identifies the generator that made it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden" / "hashes.json"

#: (profile or chapter stem, seed, (width, height)); edit here, then rerun.
CASES: list[tuple[str, int, tuple[int, int]]] = [
    ("leo", 0, (96, 64)),
    ("leo", 7, (79, 29)),
    ("anya", 1, (24, 16)),
    ("ava", 2, (96, 64)),
    ("celeste", 3, (64, 40)),
    ("eli", 4, (96, 64)),
    ("finn", 5, (40, 30)),
    ("jonah", 6, (96, 64)),
    ("lila", 8, (120, 80)),
    ("mira", 9, (96, 64)),
    ("zara", 10, (200, 150)),
    ("max", 2**40 + 3, (96, 64)),
    ("ch1_the_loop", 2042, (64, 40)),
    ("ch2_beautiful_prison", 1729, (80, 52)),
    ("ch3_endless_loop", 5150, (96, 64)),
    ("ch4_network_crash", 31337, (128, 96)),
    ("ch5_nexus_malfunction", 404, (192, 128)),
    ("noah", 123456789, (24, 16)),
]


def spec_for(name: str, seed: int, size: tuple[int, int]):
    from dreamscape.core.level import load_level_or_profile

    return load_level_or_profile(name).with_seed(seed).with_size(tuple(size))


def current_hash(name: str, seed: int, size: tuple[int, int]) -> str:
    from dreamscape.gen import generate

    return generate(spec_for(name, seed, size)).content_hash()


def build() -> dict:
    from dreamscape.gen import GENERATOR_VERSION

    entries = [{"name": n, "seed": s, "size": list(sz), "hash": current_hash(n, s, sz)} for n, s, sz in CASES]
    return {"generator_version": GENERATOR_VERSION, "entries": entries}


def main() -> int:
    sys.path.insert(0, str(HERE.parent))  # the checkout, even without an install
    data = build()
    GOLDEN.parent.mkdir(parents=True, exist_ok=True)
    lines = ",\n".join("    " + json.dumps(e) for e in data["entries"])
    text = f'{{\n  "generator_version": {data["generator_version"]},\n  "entries": [\n{lines}\n  ]\n}}\n'
    assert json.loads(text) == data
    GOLDEN.write_text(text, encoding="utf-8")
    print(f"wrote {GOLDEN.relative_to(HERE.parent)}: generator v{data['generator_version']}, {len(data['entries'])} hashes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
