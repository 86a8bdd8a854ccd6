"""The layer rules of DESIGN.md: gen and sim never touch pygame, global random or the clock."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import tokenize
from pathlib import Path

import pytest

from conftest import REPO_ROOT, subprocess_env

PACKAGE = REPO_ROOT / "dreamscape"
PURE_DIRS = [d for d in (PACKAGE / "gen", PACKAGE / "sim") if d.is_dir()]

#: `import x`, `import a, x`, `import a as b, x` (x possibly dotted: x.y).
_IMPORT = r"\bimport\s+(?:[\w.]+(?:\s+as\s+\w+)?\s*,\s*)*{}\b"

FORBIDDEN = {
    "import pygame": re.compile(_IMPORT.format("pygame")),
    "from pygame": re.compile(r"\bfrom\s+pygame\b"),
    "import random": re.compile(_IMPORT.format("random")),
    "from random": re.compile(r"\bfrom\s+random\b"),
    "time.time(": re.compile(r"\btime\.time\("),
    "perf_counter(": re.compile(r"perf_counter\("),
    "datetime": re.compile(r"datetime"),
    "builtin hash(": re.compile(r"(?<![\w.])hash\("),
}

_SNIPPET = """
import sys
sys.modules["pygame"] = None  # any `import pygame` now raises ImportError
import dreamscape.gen, dreamscape.designer.metrics, dreamscape.core.level, dreamscape.sim
from dreamscape.core.level import load_level_or_profile
from dreamscape.gen import generate
from dreamscape.designer.metrics import compute
from dreamscape.sim import World
ds = generate(load_level_or_profile("leo").with_seed(3).with_size((64, 40)))
m = compute(ds)
world = World(ds)
for tick in range(300):
    world.step((tick // 7) % 5)
assert sys.modules["pygame"] is None
print("ok", ds.content_hash(), m["path_length"], world.checksums()["player"])
"""


def test_gen_metrics_and_sim_work_without_pygame(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-c", _SNIPPET],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=str(tmp_path),
        env=subprocess_env(),
    )
    assert proc.returncode == 0, proc.stderr
    words = proc.stdout.split()
    assert words[0] == "ok" and re.fullmatch(r"[0-9a-f]{32}", words[1])


def test_sim_checksums_agree_across_hash_seeds(tmp_path):
    """The same run gives the same checksums in processes with different PYTHONHASHSEED."""
    outputs = []
    for hash_seed in ("0", "4242"):
        env = subprocess_env()
        env["PYTHONHASHSEED"] = hash_seed
        proc = subprocess.run([sys.executable, "-c", _SNIPPET], capture_output=True, text=True, timeout=120, cwd=str(tmp_path), env=env)
        assert proc.returncode == 0, proc.stderr
        outputs.append(proc.stdout.split())
    assert outputs[0] == outputs[1]


def test_blocking_pygame_really_blocks(tmp_path):
    """The trick above is sound: with the module set to None, importing pygame fails."""
    proc = subprocess.run(
        [sys.executable, "-c", "import sys; sys.modules['pygame'] = None\nimport pygame"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=str(tmp_path),
        env=subprocess_env(),
    )
    assert proc.returncode != 0
    assert "ImportError" in proc.stderr or "ModuleNotFoundError" in proc.stderr


def code_only(source: str) -> str:
    """The source with comments and string literals (docstrings too) blanked out, all else kept."""
    lines = source.splitlines(keepends=True)
    chars = [list(line) for line in lines]
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type not in (tokenize.COMMENT, tokenize.STRING):
            continue
        (r0, c0), (r1, c1) = tok.start, tok.end
        for r in range(r0, r1 + 1):
            row = chars[r - 1]
            lo = c0 if r == r0 else 0
            hi = c1 if r == r1 else len(row)
            for c in range(lo, hi):
                if row[c] != "\n":
                    row[c] = " "
    return "".join("".join(row) for row in chars)


def violations(source: str) -> list[str]:
    code = code_only(source)
    return [label for label, pattern in FORBIDDEN.items() if pattern.search(code)]


def test_static_checker_catches_each_pattern():
    samples = {
        "import pygame": "import pygame\n",
        "from pygame": "from pygame import Rect\n",
        "import random": "import os as o, random\n",
        "from random": "from random import choice\n",
        "time.time(": "import time\nt = time.time()\n",
        "perf_counter(": "from time import perf_counter\nt = perf_counter()\n",
        "datetime": "import datetime\n",
        "builtin hash(": "x = hash('a')\n",
    }
    for label, source in samples.items():
        assert label in violations(source), label
    # Not violations: methods named hash, and words in docs or comments.
    assert "import pygame" in violations("import numpy, pygame.draw\n")
    assert violations("h = ds.content_hash()\nk = obj.hash(1)\nimport randomize\n") == []
    assert violations('"""never import pygame or hash()"""\n# from random import x\n') == []


def test_pure_dirs_exist():
    assert (PACKAGE / "gen").is_dir()
    assert list((PACKAGE / "gen").glob("*.py"))


@pytest.mark.parametrize(
    "path",
    [p for d in PURE_DIRS for p in sorted(d.rglob("*.py"))],
    ids=lambda p: str(p.relative_to(PACKAGE)),
)
def test_no_forbidden_calls_in_gen_and_sim(path: Path):
    found = violations(path.read_text(encoding="utf-8"))
    assert not found, f"{path.relative_to(REPO_ROOT)} uses {found}: gen and sim must stay pure and deterministic"
