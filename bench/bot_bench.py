"""The fair-play table: per chapter, the fog bot's and the full-sight bot's win rate
and median share of the rescue window.

The fog bot sees only what a player has seen (and hears the dreamers' calls);
the full-sight bot sees the whole world and proves a level can be won. Seeds
0 to N-1 per chapter (N = 10 here, to keep `make bench` within minutes on
two cores; `DREAMSCAPE_BENCH_SEEDS=50` for the full table the README quotes,
as does the opt-in acceptance test).
"""

from __future__ import annotations

import os
import sys
import time

from dreamscape.bot.trials import Figures, run_trials
from dreamscape.core.level import load_level_or_profile
from dreamscape.core.resources import bundled_chapters
from dreamscape.core.timing import TICKS_PER_SECOND


def main(quick: bool = False) -> dict:
    seeds = int(os.environ.get("DREAMSCAPE_BENCH_SEEDS", "3" if quick else "10"))
    workers = min(2, os.cpu_count() or 1)
    started = time.perf_counter()
    print(f"seeds 0-{seeds - 1} per chapter, {workers} worker(s); share = median share of the rescue window a win used")
    print(f"{'chapter':<24}{'fog wins':>10}{'fog share':>11}{'fog min':>9}{'fog lost t/l':>14}{'full wins':>11}{'full share':>12}")
    table = {}
    for path in bundled_chapters():
        spec = load_level_or_profile(path)
        fog = Figures.of(run_trials(spec, range(seeds), "fog", workers))
        full = Figures.of(run_trials(spec, range(seeds), "full", workers))
        table[path.stem] = (fog, full)
        print(
            f"{path.stem:<24}{fog.wins:>5}/{fog.games:<4}{fog.median_share:>10.0%}{fog.median_ticks / TICKS_PER_SECOND / 60:>9.1f}"
            f"{fog.lost_time:>9}/{fog.lost_lucidity:<4}"
            f"{full.wins:>6}/{full.games:<4}{full.median_share:>11.0%}",
            flush=True,
        )
    print(f"({time.perf_counter() - started:.0f} s)")
    return table


if __name__ == "__main__":
    main(quick="--quick" in sys.argv)
