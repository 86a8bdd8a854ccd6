"""Generate many dreamscapes in parallel and measure each: the engine of `sweep` and `range`.

    specs = [spec.with_seed(seed) for seed in range(100)]
    for result in run_specs(specs, workers=2):
        print(result.seed, result.row["dead_ends"] if result.row else result.error)

Each spec is generated and measured in a worker process (or in this process
with one worker). Results come back in the order of the specs, whatever order
the workers finish in, so the same specs always give the same rows (apart
from the `ms` timings).
"""

from __future__ import annotations

import math
import signal
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from dreamscape.core.level import LevelSpec
from dreamscape.core.workers import worker_context
from dreamscape.designer.measure import SeedResult, measure
from dreamscape.designer.metrics import METRIC_NAMES

#: The columns of a sweep row, in order.
COLUMNS: tuple[str, ...] = ("seed", "hash", "ms") + METRIC_NAMES
#: Enough tasks per hand-out to keep the pipes quiet, few enough to balance the load.
MAX_CHUNK = 16



def run_specs(
    specs: Sequence[LevelSpec], workers: int, desc: str = "sweep", unit: str = "seed", scheduler: str | None = None, quiet: bool = False
) -> Iterator[SeedResult]:
    """Measure every spec, yielding results in the order of `specs`.

    `workers` 1 runs in this process; more starts a pool of that many
    processes (never more than there are specs). With `scheduler` (a Dask
    scheduler's address) the work goes to that cluster instead (cluster.py).
    A progress bar is drawn on stderr when it is a terminal, unless `quiet`
    (a caller with a bar of its own).
    """
    if scheduler is not None:
        from dreamscape.designer.cluster import run_on_cluster

        yield from run_on_cluster(specs, scheduler, desc, unit, quiet)
        return
    from tqdm import tqdm

    # No monitor thread: a thread left running would make the next pool's fork unsafe.
    tqdm.monitor_interval = 0
    workers = max(1, min(workers, len(specs)))
    if workers == 1:
        with tqdm(total=len(specs), desc=desc, unit=unit, file=sys.stderr, disable=True if quiet else None, leave=False) as bar:
            for spec in specs:
                result = measure(spec)
                bar.update(1)
                yield result
        return
    chunk = max(1, min(MAX_CHUNK, len(specs) // (workers * 4)))
    # The pool is started before the bar: tqdm's monitor thread must not exist when the workers fork.
    with (
        worker_context().Pool(workers, initializer=_ignore_interrupts) as pool,
        tqdm(total=len(specs), desc=desc, unit=unit, file=sys.stderr, disable=True if quiet else None, leave=False) as bar,
    ):
        for result in pool.imap(measure, specs, chunksize=chunk):
            bar.update(1)
            yield result


def workers_used(workers: int, tasks: int) -> int:
    """How many workers `run_specs` really starts for this many tasks."""
    return max(1, min(workers, tasks))


def _ignore_interrupts() -> None:
    # Ctrl-C goes to the parent, which stops the pool; workers must not each print a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@dataclass(frozen=True)
class ColumnStats:
    """Mean, population standard deviation, min and max of one column."""

    mean: float
    sd: float
    min: float
    max: float


def column_stats(values: Iterable[float]) -> ColumnStats:
    """Statistics of a column; ValueError when it is empty.

    The standard deviation is the population one (divide by n), so a single
    seed has sd 0 rather than no sd at all.
    """
    values = list(values)
    if not values:
        raise ValueError("no values to take statistics of")
    n = len(values)
    mean = math.fsum(values) / n
    var = math.fsum((v - mean) ** 2 for v in values) / n
    return ColumnStats(mean, math.sqrt(var), min(values), max(values))
