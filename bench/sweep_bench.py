"""Sweep throughput: seeds per second with one worker and with two, and the speed-up.

Runs the same runner `dreamscape sweep` uses (`dreamscape.designer.sweep.run_specs`)
over 1,000 seeds of leo at the default size (200 with --quick). The figure
that matters is the speed-up of two workers over one: on a machine with two
free cores it should approach 2.
"""

from __future__ import annotations

import sys
import time

from dreamscape.core.level import DEFAULT_SIZE, load_level_or_profile
from dreamscape.designer.sweep import run_specs


def seeds_per_second(specs: list, workers: int) -> tuple[float, int]:
    """(seeds per second, failures) of one sweep over `specs`."""
    started = time.perf_counter()
    failures = sum(result.row is None for result in run_specs(specs, workers, desc=f"{workers} worker(s)"))
    return len(specs) / (time.perf_counter() - started), failures


def main(quick: bool = False) -> dict:
    count = 200 if quick else 1000
    spec = load_level_or_profile("leo").with_size(DEFAULT_SIZE)
    specs = [spec.with_seed(seed) for seed in range(count)]
    list(run_specs(specs[:3], 1))  # warm imports and caches before timing
    from dreamscape.core.workers import worker_context

    print(f"sweep of {count} seeds, leo {DEFAULT_SIZE[0]}x{DEFAULT_SIZE[1]} (workers started by {worker_context().get_start_method()})")
    one, failed_one = seeds_per_second(specs, 1)
    print(f"  1 worker : {one:7.1f} seeds/s")
    two, failed_two = seeds_per_second(specs, 2)
    print(f"  2 workers: {two:7.1f} seeds/s")
    print(f"  speed-up : {two / one:.2f}x (target >= 1.8x)" + (f"  ({failed_one + failed_two} seeds failed)" if failed_one + failed_two else ""))
    return {"seeds": count, "one": one, "two": two, "speedup": two / one}


if __name__ == "__main__":
    main(quick="--quick" in sys.argv)
