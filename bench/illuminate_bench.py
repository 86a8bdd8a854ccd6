"""Illumination against sweeps: how many archive cells each fills with the same number of levels.

`dreamscape illuminate lila --x dead_ends --y path_length` (MAP-Elites over
Lila's knobs and the seed, 20x20 cells) against, in an identical archive (the
same pilot fixes the same bounds): a plain sweep of Lila's seeds as she is
(what `dreamscape sweep` gives) and a random search drawing knobs and seeds
uniformly. Target: illumination fills at least 1.5x the cells of the sweep.
"""

from __future__ import annotations

import sys
import time

from dreamscape.core.level import load_level_or_profile
from dreamscape.designer.illuminate import Illumination, default_vary, random_sweep, seed_sweep
from dreamscape.designer.sweep import run_specs

TARGET = 1.5


def main(quick: bool = False) -> dict:
    budget = 400 if quick else 2000
    spec = load_level_or_profile("lila")

    def evaluate(specs: list) -> list:
        return list(run_specs(specs, 2, quiet=True))

    search = Illumination(spec, "dead_ends", "path_length", default_vary(spec), (20, 20))
    started = time.perf_counter()
    for _ in search.run(budget, evaluate):
        pass
    took = time.perf_counter() - started
    sweep = seed_sweep(search, budget, evaluate)
    uniform = random_sweep(search, budget, evaluate)
    ratio = len(search.elites) / max(1, len(sweep.elites))
    print(f"illuminate lila, dead_ends x path_length, 20x20 cells, {budget} levels ({took:.1f} s with 2 workers)")
    print(f"  illumination   : {len(search.elites):4d} cells ({search.coverage:.1%})")
    print(f"  sweep of seeds : {len(sweep.elites):4d} cells ({sweep.coverage:.1%})")
    print(f"  random knobs   : {len(uniform.elites):4d} cells ({uniform.coverage:.1%})")
    print(f"  illumination / sweep: {ratio:.2f}x (target >= {TARGET}x); / random knobs: {len(search.elites) / max(1, len(uniform.elites)):.2f}x")
    return {"illuminate": len(search.elites), "sweep": len(sweep.elites), "random": len(uniform.elites), "ratio": ratio}


if __name__ == "__main__":
    main(quick="--quick" in sys.argv)
