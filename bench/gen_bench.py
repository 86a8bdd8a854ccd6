"""Generator speed against the plain reference labyrinth, measured in the same run.

Each round times our full pipeline (regions through the checked glitch
schedule) and then the reference (`../shared/bench/reference_maze.py`, a
Python backtracker plus one pnoise2 call per tile) on the same tile count, with
the same seeds, interleaved so that machine noise hits both alike. The figure
that matters is the ratio of medians.
"""

from __future__ import annotations

import gc
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

from dreamscape.core.level import DEFAULT_SIZE, load_level_or_profile
from dreamscape.core.resources import levels_dir
from dreamscape.gen import generate

ROOT = Path(__file__).resolve().parent.parent
REFERENCE_DIRS = [ROOT.parent / "shared" / "bench", ROOT / "bench"]


def load_reference():
    """The reference generator: ../shared/bench/reference_maze.py."""
    for folder in REFERENCE_DIRS:
        if (folder / "reference_maze.py").is_file():
            sys.path.insert(0, str(folder))
            from reference_maze import reference_labyrinth

            return reference_labyrinth
    raise SystemExit("bench: reference_maze.py not found in ../shared/bench")


def time_pair(spec, reference, size, rounds):
    ours, ref = [], []
    for seed in range(rounds):
        s = spec.with_size(size).with_seed(seed)
        gc.collect()
        t = time.perf_counter()
        generate(s)
        ours.append(time.perf_counter() - t)
        t = time.perf_counter()
        reference(size[0], size[1], seed)
        ref.append(time.perf_counter() - t)
    return statistics.median(ours), statistics.median(ref)


def peak_memory(spec, size) -> float:
    """Peak traced allocation (MiB) of one generation at this size."""
    tracemalloc.start()
    generate(spec.with_size(size).with_seed(1))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def main(quick: bool = False) -> list[dict]:
    reference = load_reference()
    profiles = ["leo", "mira", "zara"]
    sizes = [DEFAULT_SIZE, (256, 256)]
    rows = []
    print("generator vs reference maze (median of seeds; ratio = ours / reference, lower is better)")
    print(f"{'profile':8} {'size':>9} {'ours ms':>9} {'ref ms':>9} {'ratio':>6} {'peak MiB':>9}")
    for name in profiles:
        spec = load_level_or_profile(levels_dir() / "dreamers" / f"{name}.toml")
        generate(spec.with_size((48, 32)))  # warm imports and caches
        for size in sizes:
            rounds = (5 if quick else 9) if size[0] * size[1] > 20000 else (9 if quick else 31)
            ours, ref = time_pair(spec, reference, size, rounds)
            peak = peak_memory(spec, size)
            rows.append({"profile": name, "size": size, "ours": ours, "ref": ref, "ratio": ours / ref, "peak": peak})
            print(f"{name:8} {size[0]:>4}x{size[1]:<4} {ours * 1e3:9.2f} {ref * 1e3:9.2f} {ours / ref:6.2f} {peak:9.1f}")
    # Brogue CE's map size, in-process, absolute (its C generator takes ~20 ms
    # here); the reference on the same size shows how fast the machine is now.
    for name in profiles:
        spec = load_level_or_profile(levels_dir() / "dreamers" / f"{name}.toml")
        ours, ref = time_pair(spec, reference, (79, 29), 15 if quick else 41)
        print(f"{name:8}    79x29  {ours * 1e3:9.2f} ms whole pipeline (target <= 10 ms); reference {ref * 1e3:.2f} ms, ratio {ours / ref:.2f}")
    return rows


if __name__ == "__main__":
    main(quick="--quick" in sys.argv)
