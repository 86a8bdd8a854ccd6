"""Sweeps on a Dask cluster: the seeds go in batches to an existing `dask.distributed` scheduler.

    for result in run_on_cluster(specs, "tcp://10.0.0.5:8786", desc="leo"):
        ...                                   # SeedResults, in the order of specs

The rows are what a local run gives (each seed is generated and measured by
the same `measure`), handed back in the order of the specs whatever order the
batches finish in. A worker that dies takes no seed with it: the scheduler
gives its batches to another worker; a batch that still cannot be finished
(every try lost its worker) comes back as a failed result for each of its
seeds, named in the summary like any failed seed. Dask is imported only here,
only when a scheduler is named.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Sequence

from dreamscape.core.errors import InputError
from dreamscape.core.level import LevelSpec
from dreamscape.designer.measure import SeedResult, measure_batch

#: Seeds per task: few enough to balance the load, enough that a task's round trip costs nothing measurable.
BATCH = 16
#: Seconds to wait for the scheduler to answer before giving up.
CONNECT_TIMEOUT = 10
#: How many times a batch whose worker died is tried again (the scheduler also moves it on by itself).
RETRIES = 2
#: The environment variable that names a scheduler when --scheduler is not given.
SCHEDULER_ENV = "DREAMSCAPE_SCHEDULER"

_ADDRESS = re.compile(r"^(tcp|tls)://[A-Za-z0-9_.\-\[\]:]+:\d{1,5}$")


def parse_scheduler(text: str | None, field: str = "--scheduler") -> str | None:
    """A scheduler address 'tcp://HOST:PORT' (or tls://), or None for the local process pool."""
    if text is None or text == "":
        return None
    if not _ADDRESS.match(text) or not 0 < int(text.rsplit(":", 1)[1]) < 65536:
        raise InputError(None, field, f"expected a Dask scheduler address such as tcp://HOST:8786, got {text!r}")
    return text


def run_on_cluster(specs: Sequence[LevelSpec], address: str, desc: str = "sweep", unit: str = "seed", quiet: bool = False) -> Iterator[SeedResult]:
    """Measure every spec on the cluster at `address`, yielding results in the order of `specs`.

    InputError when the scheduler cannot be reached. A progress bar is drawn
    on stderr when it is a terminal, as for a local sweep.
    """
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise InputError(None, "--scheduler", "needs dask.distributed: pip install -e '.[cluster]'") from None
    from tqdm import tqdm

    try:
        client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise InputError(None, "--scheduler", f"cannot reach a Dask scheduler at {address} ({type(exc).__name__}: {exc})") from None
    batches = [list(specs[i : i + BATCH]) for i in range(0, len(specs), BATCH)]
    with client, tqdm(total=len(specs), desc=desc, unit=unit, file=sys.stderr, disable=True if quiet else None, leave=False) as bar:
        futures = client.map(measure_batch, batches, pure=False, retries=RETRIES)
        position = {future.key: i for i, future in enumerate(futures)}
        done: dict[int, list[SeedResult]] = {}
        following = 0
        for future in as_completed(futures, loop=client.loop):
            i = position[future.key]
            try:
                done[i] = future.result()
            except Exception as exc:  # noqa: BLE001 - a batch lost for good is a failure of each of its seeds
                done[i] = [SeedResult(spec.seed, None, f"lost on the cluster: {type(exc).__name__}: {exc}") for spec in batches[i]]
            bar.update(len(batches[i]))
            while following in done:
                yield from done.pop(following)
                following += 1

