"""One level generated and measured: a row of a sweep, or the error that stopped it.

    result = measure(spec)          # SeedResult(seed, row, error)
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from dreamscape import gen
from dreamscape.core.level import LevelSpec
from dreamscape.designer.metrics import compute

Row = dict[str, Any]


@dataclass(frozen=True)
class SeedResult:
    """One spec's outcome: a row of metrics, or the error that stopped it."""

    seed: int
    row: Row | None
    error: str | None = None


def measure(spec: LevelSpec) -> SeedResult:
    """Generate one dreamscape and measure it; an exception becomes a failed result."""
    try:
        started = time.perf_counter()
        # Looked up on the package at call time, so a test can stand in for the generator.
        ds = gen.generate(spec)
        ms = (time.perf_counter() - started) * 1000.0
        metrics = compute(ds)
        row: Row = {"seed": spec.seed, "hash": ds.content_hash(), "ms": round(ms, 3)}
        row.update(metrics)
        return SeedResult(spec.seed, row)
    except Exception as exc:  # noqa: BLE001 - a sweep records any failure and goes on
        return SeedResult(spec.seed, None, f"{type(exc).__name__}: {exc}")


def measure_batch(specs: Sequence[LevelSpec]) -> list[SeedResult]:
    """`measure` of each spec in turn: one task of a sweep on a cluster."""
    return [measure(spec) for spec in specs]
