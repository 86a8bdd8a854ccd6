"""Many bot games at once: a chapter's seeds played in worker processes, and their figures.

    results = run_trials(spec, range(50), sight="fog", workers=2)
    figures = Figures.of(results)     # wins, median share of the window, losses

Games are independent and each is deterministic, so the results are the same
whatever the number of workers; they come back in seed order.
"""

from __future__ import annotations

from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from dreamscape.bot.playthrough import GameResult, play
from dreamscape.core.workers import worker_context


def median(values: list[float]) -> float:
    """The middle value (the mean of the middle two for an even count); 0 for none."""
    ordered = sorted(values)
    n = len(ordered)
    if not n:
        return 0.0
    return ordered[n // 2] if n % 2 else (ordered[n // 2 - 1] + ordered[n // 2]) / 2


def _one(job: tuple) -> GameResult:
    from dreamscape.gen import generate

    spec, seed, sight = job
    return play(generate(spec.with_seed(seed)), sight=sight)


def run_trials(spec, seeds, sight: str = "fog", workers: int = 1) -> list[GameResult]:
    """Play `spec` once per seed with the bot shown `sight`; results in seed order."""
    jobs = [(spec, seed, sight) for seed in seeds]
    if workers <= 1 or len(jobs) <= 1:
        return [_one(job) for job in jobs]
    with ProcessPoolExecutor(max_workers=workers, mp_context=worker_context()) as pool:
        return list(pool.map(_one, jobs, chunksize=1))


@dataclass(frozen=True)
class Figures:
    """What a set of games says: wins, the median share of the window a win used, losses."""

    games: int
    wins: int
    median_share: float
    median_ticks: float
    lost_time: int
    lost_lucidity: int

    @property
    def win_rate(self) -> float:
        return self.wins / self.games if self.games else 0.0

    @classmethod
    def of(cls, results: list[GameResult]) -> "Figures":
        won = [r for r in results if r.won]
        lost = Counter(r.outcome for r in results if not r.won)
        return cls(len(results), len(won), median([r.share for r in won]), median([r.ticks for r in won]), lost["lost_time"], lost["lost_lucidity"])
