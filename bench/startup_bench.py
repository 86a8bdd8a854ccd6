"""Whole-process start-up: `dreamscape --help`, and `dreamscape generate` against the reference maze.

Each figure is a fresh process, timed from launch to exit, as a user meets
it: interpreter start, imports, work and output. `generate` (it prints the
content hash and the metrics) is measured in turns with
`python ../shared/bench/reference_maze.py W H` at the same size, so machine
noise hits both alike; the figure that matters is the ratio of medians.
`--help` is an absolute time (target 0.15 s).

The commands run through the `dreamscape` console script beside the
interpreter (as `python -m dreamscape` when there is none), with this
checkout first on PYTHONPATH, so the code measured is the code here whatever
is installed. Modules are compiled once, before timing, into a bytecode
cache in a temporary folder (PYTHONPYCACHEPREFIX), as an installed package
has them compiled: a start-up timed while compiling every module (where
PYTHONDONTWRITEBYTECODE is set) measures the compiler.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFERENCE_DIRS = [ROOT.parent / "shared" / "bench", ROOT / "bench"]
HELP_TARGET = 0.15
#: (size, largest ratio to the reference at that size)
GENERATE_TARGETS = (((256, 256), 1.0), ((96, 64), 1.5))


def reference_script() -> Path:
    for folder in REFERENCE_DIRS:
        if (folder / "reference_maze.py").is_file():
            return folder / "reference_maze.py"
    raise SystemExit("bench: reference_maze.py not found in ../shared/bench")


def _env(cache: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *filter(None, [env.get("PYTHONPATH")])])
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = cache
    return env


def wall(argv: list[str], env: dict[str, str]) -> float:
    """Seconds from launching `argv` to its exit (which must be 0)."""
    started = time.perf_counter()
    done = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - started
    if done.returncode:
        raise SystemExit(f"bench: {' '.join(argv)} exited {done.returncode}: {done.stderr.decode(errors='replace').strip()}")
    return elapsed


def dreamscape(*args: str) -> list[str]:
    script = Path(sys.executable).with_name("dreamscape")
    return [sys.executable, str(script), *args] if script.is_file() else [sys.executable, "-m", "dreamscape", *args]


def _generate_argv(size: str, seed: int) -> list[str]:
    return dreamscape("generate", "leo", "--seed", str(seed), "--size", size)


def _reference_argv(reference: Path, w: int, h: int, seed: int) -> list[str]:
    return [sys.executable, str(reference), str(w), str(h), "--seed", str(seed)]


def main(quick: bool = False) -> dict:
    cache = tempfile.mkdtemp(prefix="dreamscape-pycache-")
    try:
        return _measure(quick, _env(cache))
    finally:
        shutil.rmtree(cache, ignore_errors=True)


def _measure(quick: bool, env: dict[str, str]) -> dict:
    reference = reference_script()
    rounds = 7 if quick else 21
    wall(dreamscape("--help"), env)  # compile, and warm the file cache
    helps = [wall(dreamscape("--help"), env) for _ in range(rounds)]
    result: dict = {"help": statistics.median(helps)}
    print("whole-process start-up (median of fresh processes; ratio = ours / reference, lower is better)")
    print(f"  dreamscape --help                   {result['help']:.3f} s  (target <= {HELP_TARGET} s)")
    for (w, h), target in GENERATE_TARGETS:
        size = f"{w}x{h}"
        ours_argv = partial(_generate_argv, size)
        ref_argv = partial(_reference_argv, reference, w, h)
        wall(ours_argv(0), env)  # compile, and warm the file cache
        wall(ref_argv(0), env)
        ours, ref = [], []
        for seed in range(rounds):
            ours.append(wall(ours_argv(seed), env))
            ref.append(wall(ref_argv(seed), env))
        o, r = statistics.median(ours), statistics.median(ref)
        result[size] = {"ours": o, "ref": r, "ratio": o / r}
        print(f"  generate leo --size {size:<15} {o:.3f} s  reference {r:.3f} s  ratio {o / r:.2f}  (target <= {target})")
    return result


if __name__ == "__main__":
    main(quick="--quick" in sys.argv)
