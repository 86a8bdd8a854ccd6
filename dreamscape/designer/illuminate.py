"""Quality-diversity illumination: MAP-Elites over a profile's knobs and the seed, with pyribs.

    search = Illumination(spec, "dead_ends", "path_length", vary=["turmoil", "being_trapped"], cells=(20, 20))
    for done in search.run(budget=2000, evaluate=evaluate):   # evaluate(specs) -> SeedResults, in order
        ...                                                   # evaluations so far

A candidate is a vector in [0, 1]: one entry per varied knob (its intensity)
and a last one that picks the seed. Its level is the spec with those knobs
and that seed, generated and measured as a sweep does; the two named metrics
place it in a cell of a grid archive, and its quality decides whether it
replaces the cell's elite. Quality (QUALITY_TEXT): the dreamers far apart and
the map built without re-rolls, `dreamer_spread / (1 + retries + glitch_retries)`.

The search starts from a pilot batch of uniformly random candidates, whose
metrics also fix the archive's bounds (their span, widened by half on each
side); from then on pyribs' Gaussian emitters mutate elites. Every random
choice comes from generators seeded from `seed`, so the same arguments give
the same archive. `random_sweep` fills an identical archive from the same
pilot with uniformly random candidates instead, and `seed_sweep` with the
profile as it is over consecutive seeds (what `dreamscape sweep` does): the
baselines the coverage is compared with.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from dreamscape.core.level import MAX_SEED, LevelSpec
from dreamscape.core.vocabulary import DESIRES, FEARS
from dreamscape.designer.measure import SeedResult

QUALITY_TEXT = "dreamer_spread / (1 + retries + glitch_retries): the dreamers far apart, the map built without re-rolls"
#: Candidates per emitter per batch, and emitters.
BATCH = 16
EMITTERS = 2
#: Gaussian mutation of an elite, in knob units (the seed entry is redrawn by it as well).
SIGMA = 0.15
#: The pilot: this many batches of uniformly random candidates.
PILOT_BATCHES = 2
#: Knob values are kept to this many decimals, so a level file states them exactly and the
#: studio's sliders (studio/knobs.py, INTENSITY_DECIMALS) hold them exactly.
DECIMALS = 2
KNOBS = ("turmoil",) + tuple(FEARS) + tuple(DESIRES)

Evaluate = Callable[[list[LevelSpec]], list[SeedResult]]


def quality(row: dict) -> float:
    """The documented quality of a measured level (QUALITY_TEXT)."""
    return float(row["dreamer_spread"]) / (1 + int(row["retries"]) + int(row["glitch_retries"]))


def default_vary(spec: LevelSpec) -> list[str]:
    """Turmoil and every fear and desire the profile has."""
    profile = spec.profile
    return ["turmoil"] + [k for k in KNOBS[1:] if profile.knob(k) > 0.0]


@dataclass(frozen=True)
class Elite:
    """One cell's best level: where it sits, its knobs and seed, metrics and quality."""

    cell: tuple[int, int]
    knobs: dict[str, float]
    seed: int
    solution: tuple[float, ...]
    row: dict
    quality: float


class Illumination:
    """A MAP-Elites search over `vary` knobs and the seed of `spec`, binned by metrics `x` and `y`."""

    def __init__(self, spec: LevelSpec, x: str, y: str, vary: Sequence[str], cells: tuple[int, int], seed: int = 0) -> None:
        self.spec = spec
        self.x, self.y = x, y
        self.vary = list(vary)
        self.cells = cells
        self.seed = seed
        self.evaluations = 0
        self.ranges: list[tuple[float, float]] | None = None
        self.archive: Any = None  # a ribs GridArchive once the pilot fixed the bounds
        self.elites: dict[tuple[int, int], Elite] = {}

    # -- candidates ------------------------------------------------------------------

    def spec_for(self, solution: Sequence[float]) -> tuple[LevelSpec, dict[str, float]]:
        """The level of a candidate vector, and its knobs."""
        knobs = {name: round(min(1.0, max(0.0, float(v))), DECIMALS) for name, v in zip(self.vary, solution)}
        profile = self.spec.profile
        for name, value in knobs.items():
            profile = profile.with_knob(name, value)
        seed = min(MAX_SEED, int(min(0.999999, max(0.0, float(solution[-1]))) * (MAX_SEED + 1)))
        return self.spec._replace(profile=profile, seed=seed), knobs

    def _uniform(self, rng: np.random.Generator, n: int) -> np.ndarray:
        return rng.random((n, len(self.vary) + 1))

    # -- the search ------------------------------------------------------------------

    def run(self, budget: int, evaluate: Evaluate) -> Iterator[int]:
        """Evaluate candidates until `budget` evaluations in all (this one's and any resumed); yields the count after each batch."""
        from ribs.emitters import GaussianEmitter
        from ribs.schedulers import Scheduler

        if self.ranges is None:
            rng = np.random.default_rng([self.seed, 0])
            pilot = self._uniform(rng, min(budget, PILOT_BATCHES * BATCH * EMITTERS))
            results = self._evaluate(pilot, evaluate)
            self._make_archive(results)
            self._insert(pilot, results)
            yield self.evaluations
        assert self.archive is not None
        dim = len(self.vary) + 1
        # Seeded by how far the search has come, so a resumed run goes on with fresh draws.
        emitters = [
            GaussianEmitter(
                self.archive, sigma=SIGMA, x0=np.full(dim, 0.5), bounds=[(0.0, 1.0)] * dim, batch_size=BATCH, seed=self.seed * 7919 + self.evaluations * 31 + i
            )
            for i in range(EMITTERS)
        ]
        scheduler = Scheduler(self.archive, emitters)
        while self.evaluations < budget:
            solutions = scheduler.ask()[: budget - self.evaluations]
            results = self._evaluate(solutions, evaluate)
            objectives, measures = self._scores(results)
            if len(solutions) < BATCH * EMITTERS:
                # The last, short batch: added straight to the archive (the scheduler wants whole batches).
                self._insert(solutions, results)
            else:
                scheduler.tell(objectives, measures)
                self._remember(solutions, results)
            yield self.evaluations

    def _evaluate(self, solutions: np.ndarray, evaluate: Evaluate) -> list[SeedResult]:
        results = evaluate([self.spec_for(s)[0] for s in solutions])
        self.evaluations += len(solutions)
        return results

    def _scores(self, results: list[SeedResult]) -> tuple[np.ndarray, np.ndarray]:
        """Objective and measures of each result; a failed build scores lowest, outside every cell."""
        objectives = np.array([quality(r.row) if r.row else -1e9 for r in results], float)
        measures = np.array([(r.row[self.x], r.row[self.y]) if r.row else (np.nan, np.nan) for r in results], float)
        lo = np.array([a for a, _ in self.ranges or []], float)
        measures = np.where(np.isnan(measures), lo - 1.0, measures)
        return objectives, measures

    def _make_archive(self, pilot: list[SeedResult]) -> None:
        rows = [r.row for r in pilot if r.row]
        ranges = []
        for name in (self.x, self.y):
            values = [float(row[name]) for row in rows] or [0.0, 1.0]
            lo, hi = min(values), max(values)
            span = max(hi - lo, 1.0)
            ranges.append((max(0.0, lo - span / 2) if lo >= 0 else lo - span / 2, hi + span / 2))
        self.set_ranges(ranges)

    def set_ranges(self, ranges: list[tuple[float, float]]) -> None:
        """Fix the archive's bounds (from the pilot, or from a run being resumed)."""
        from ribs.archives import GridArchive

        self.ranges = [(float(a), float(b)) for a, b in ranges]
        self.archive = GridArchive(solution_dim=len(self.vary) + 1, dims=list(self.cells), ranges=self.ranges, seed=self.seed)

    def _insert(self, solutions: np.ndarray, results: list[SeedResult]) -> None:
        assert self.archive is not None
        objectives, measures = self._scores(results)
        self.archive.add(np.asarray(solutions, float), objectives, measures)
        self._remember(solutions, results)

    def _remember(self, solutions: np.ndarray, results: list[SeedResult]) -> None:
        """Keep the full record of every candidate that is now its cell's elite."""
        assert self.archive is not None
        for solution, result in zip(solutions, results):
            if result.row is None:
                continue
            cell = self.cell_of(result.row)
            q = quality(result.row)
            held = self.elites.get(cell)
            if held is None or q > held.quality:
                _, knobs = self.spec_for(solution)
                self.elites[cell] = Elite(cell, knobs, result.seed, tuple(float(v) for v in solution), result.row, q)

    def cell_of(self, row: dict) -> tuple[int, int]:
        """The archive cell of a measured level (beyond the bounds: the edge cell, as pyribs files it)."""
        assert self.ranges is not None
        out = []
        for name, (lo, hi), n in zip((self.x, self.y), self.ranges, self.cells):
            share = (float(row[name]) - lo) / (hi - lo)
            out.append(min(n - 1, max(0, int(share * n))))
        return out[0], out[1]

    def restore(self, elites: list[Elite], evaluations: int) -> None:
        """Carry on from a saved archive (its bounds set first): its elites back in, the count where it stopped."""
        for elite in elites:
            self._insert(np.array([elite.solution]), [SeedResult(elite.seed, elite.row)])
        self.evaluations = evaluations

    @property
    def coverage(self) -> float:
        """Share of the archive's cells that hold an elite."""
        return len(self.elites) / (self.cells[0] * self.cells[1])


def random_sweep(search: Illumination, budget: int, evaluate: Evaluate) -> Illumination:
    """The baseline: an archive like `search`'s (same pilot, same bounds) filled by uniformly random candidates."""
    twin = Illumination(search.spec, search.x, search.y, search.vary, search.cells, search.seed)
    assert search.ranges is not None
    twin.set_ranges(search.ranges)
    rng = np.random.default_rng([search.seed, 0])
    while twin.evaluations < budget:
        n = min(BATCH * EMITTERS, budget - twin.evaluations)
        solutions = twin._uniform(rng, n)
        twin._insert(solutions, twin._evaluate(solutions, evaluate))
    return twin


def seed_sweep(search: Illumination, budget: int, evaluate: Evaluate) -> Illumination:
    """The plainest baseline: the profile as it is, seeds 0 to budget-1 (a `dreamscape sweep`), in the same archive."""
    twin = Illumination(search.spec, search.x, search.y, [], search.cells, search.seed)
    assert search.ranges is not None
    twin.set_ranges(search.ranges)
    for start in range(0, budget, BATCH * EMITTERS):
        seeds = range(start, min(budget, start + BATCH * EMITTERS))
        solutions = np.array([[(s + 0.5) / (MAX_SEED + 1)] for s in seeds])
        twin._insert(solutions, twin._evaluate(solutions, evaluate))
    return twin
