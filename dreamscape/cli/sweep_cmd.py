"""`dreamscape sweep LEVEL --seeds A:B`: generate every seed in parallel, one row of metrics each.

Rows go to a CSV or JSONL file (`--out`), a summary table (mean, sd, min,
max per metric) to the terminal. `--where` keeps only the seeds whose
metrics satisfy a condition. `--scheduler tcp://HOST:PORT` (or
$DREAMSCAPE_SCHEDULER) runs the seeds on a Dask cluster (designer/cluster.py). Exit 0 when every seed generated, 1 when any
failed (the others are still written and summarised), 2 on bad input.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
import textwrap
import time
from pathlib import Path
from typing import IO

from dreamscape.cli.options import parse_count, parse_seed_range, spec_from_args
from dreamscape.cli.stdout_guard import escaped_stderr
from dreamscape.core.errors import InputError
from dreamscape.formats.atomic import check_writable, is_stream, write_atomic

OUT_FORMATS = {".csv": "csv", ".jsonl": "jsonl"}
#: Failed seeds listed one by one before the rest are only counted.
SHOWN_FAILURES = 10
MAX_WORKERS = 256
#: Stands in the parser for the list of metric names until help is shown.
METRICS_EPILOG = "metrics: (listed when help is shown)"


class MetricsHelpFormatter(argparse.HelpFormatter):
    """Help text that ends with every metric name.

    The names come from the generator's modules, which are slow to import;
    loading them only when --help is shown keeps every command quick to start.
    """

    def add_text(self, text: str | None) -> None:
        if text == METRICS_EPILOG:
            from dreamscape.designer.metrics import METRIC_NAMES

            text = "metrics: " + ", ".join(METRIC_NAMES)
        super().add_text(text)


def add_parser(sub: argparse._SubParsersAction, summary: str) -> None:
    p = sub.add_parser(
        "sweep",
        help=summary,
        description=(
            "Generate the level for every seed in A:B (A up to but not including B) in parallel and measure each. "
            "Rows (seed, hash, ms, then every metric) go to --out; a summary of every metric is printed. "
            "Exit 0 when every seed generated, 1 when any failed, 2 on bad input."
        ),
        epilog=METRICS_EPILOG,
        formatter_class=MetricsHelpFormatter,
    )
    add_run_options(p)
    p.add_argument("--out", metavar="FILE", help="write one row per seed: FILE.csv, FILE.jsonl, or '-' for CSV on stdout")
    p.add_argument(
        "--where",
        metavar="EXPR",
        help="keep only seeds whose metrics satisfy EXPR, e.g. 'dead_ends > 30 and path_length < 200' "
        "(metric names and seed, numbers, < <= > >= == !=, and/or/not, + - * / %%, parentheses; a division by zero is false)",
    )
    p.set_defaults(run=run, seed=None)


def add_run_options(p: argparse.ArgumentParser) -> None:
    """The target, --seeds, --size and --workers, shared with `dreamscape range`."""
    p.add_argument("target", metavar="LEVEL_OR_PROFILE", help="a level or dreamer profile .toml, or a bundled name such as 'leo'")
    p.add_argument("--seeds", metavar="A:B", required=True, help="the seeds, A up to but not including B (e.g. 0:500)")
    p.add_argument("--size", metavar="WxH", help="map size, 24x16 to 512x512 (default: the level's, or 96x64)")
    p.add_argument("--workers", metavar="N", help="worker processes (default: one per CPU; 1 runs in this process)")
    p.add_argument(
        "--scheduler",
        metavar="tcp://HOST:PORT",
        help="send the work to the dask.distributed scheduler there instead of local processes (default: $DREAMSCAPE_SCHEDULER if set)",
    )


def scheduler_from_args(args: argparse.Namespace) -> str | None:
    """The Dask scheduler named by --scheduler, else by $DREAMSCAPE_SCHEDULER, else None (local processes)."""
    from dreamscape.designer.cluster import SCHEDULER_ENV, parse_scheduler

    if args.scheduler is not None:
        return parse_scheduler(args.scheduler)
    return parse_scheduler(os.environ.get(SCHEDULER_ENV), SCHEDULER_ENV)


def parse_workers(text: str | None, field: str = "--workers") -> int:
    """A worker count from 1 to MAX_WORKERS (default: one per CPU)."""
    if text is None:
        return os.cpu_count() or 1
    return parse_count(text, field, 1, MAX_WORKERS, "worker processes")


def run(args: argparse.Namespace) -> int:
    # Imported here: the generator's libraries are slow to load, and other
    # commands (the game's title screen) should not wait for them.
    from dreamscape.gen import GENERATOR_VERSION
    from dreamscape.designer.sweep import run_specs, workers_used
    from dreamscape.designer.where import parse_where

    seeds = parse_seed_range(args.seeds)
    workers = parse_workers(args.workers)
    scheduler = scheduler_from_args(args)
    condition = parse_where(args.where) if args.where is not None else None
    out_format = _out_format(args.out)
    if args.out and args.out != "-":
        check_writable(Path(args.out), "--out")
    spec = spec_from_args(args)
    name = spec.name or spec.profile.name

    started = time.perf_counter()
    results = list(run_specs([spec.with_seed(seed) for seed in seeds], workers, desc=name, scheduler=scheduler))
    elapsed = time.perf_counter() - started

    rows = [r.row for r in results if r.row is not None]
    kept = [row for row in rows if condition(row)] if condition is not None else rows
    if args.out == "-":
        _write_rows(sys.stdout, kept, "csv")
        sys.stdout.flush()  # a failing stdout is reported before the summary goes to stderr
        out = escaped_stderr()
    else:
        if out_format is not None:  # set exactly when --out names a file
            write_atomic(Path(args.out), _rows_bytes(kept, out_format), "--out")
        out = sys.stdout
    print(f"{name}  {spec.width}x{spec.height}  seeds {seeds.start}:{seeds.stop}  generator v{GENERATOR_VERSION}", file=out)
    if condition is not None:
        print(f"kept {len(kept)} of {len(results)} seeds where {condition.text}", file=out)
    print(summary_table(kept), file=out)
    failures = [r for r in results if r.row is None]
    ran_on = f"on {scheduler}" if scheduler else _plural(workers_used(workers, len(results)), "worker")
    print(_totals(kept, failures, len(results), elapsed, ran_on), file=out)
    for line in _failure_lines(failures):
        print(line, file=out)
    if args.out and args.out != "-":
        print(f"wrote {args.out} ({len(kept)} rows)", file=out)
    return 1 if failures else 0


def _out_format(out: str | None) -> str | None:
    if out is None:
        return None
    if out == "-":
        return "csv"
    fmt = OUT_FORMATS.get(Path(out).suffix.lower())
    if fmt is None and is_stream(out):
        return "csv"  # a device or FIFO (/dev/null, a named pipe), as for '-'
    if fmt is None:
        raise InputError(out, "--out", "expected a file name ending in .csv or .jsonl, or '-' for CSV on stdout")
    return fmt


def _rows_bytes(rows: list[dict], fmt: str) -> bytes:
    text = io.StringIO(newline="")
    _write_rows(text, rows, fmt)
    return text.getvalue().encode("utf-8")


def _write_rows(stream: IO[str], rows: list[dict], fmt: str) -> None:
    """CSV (a header, then one line per row) or JSONL (one object per line), columns in COLUMNS order."""
    from dreamscape.designer.sweep import COLUMNS

    if fmt == "jsonl":
        for row in rows:
            stream.write(json.dumps({k: row[k] for k in COLUMNS}) + "\n")
        return
    # Built in memory first, so a reader that quits early never sees half a header.
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    stream.write(buffer.getvalue())


def summary_table(rows: list[dict]) -> str:
    """Mean, standard deviation (population), min and max of ms and every metric."""
    from dreamscape.designer.metrics import METRIC_NAMES
    from dreamscape.designer.sweep import column_stats

    if not rows:
        return "no seeds to summarise"
    names = ("ms",) + METRIC_NAMES
    width = max(len(n) for n in names)
    lines = [f"{'metric':<{width}}  {'mean':>11} {'sd':>11} {'min':>11} {'max':>11}"]
    for name in names:
        stats = column_stats(row[name] for row in rows)
        lines.append(f"{name:<{width}}  {_num(stats.mean):>11} {_num(stats.sd):>11} {_num(stats.min):>11} {_num(stats.max):>11}")
    return "\n".join(lines)


def _num(value: float) -> str:
    return f"{value:.6g}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def _totals(kept: list[dict], failures: list, total: int, elapsed: float, ran_on: str) -> str:
    retries = sum(row["retries"] for row in kept)
    glitch_retries = sum(row["glitch_retries"] for row in kept)
    rate = total / elapsed if elapsed > 0 else 0.0
    return (
        f"seeds {len(kept)}  retries {retries}  glitch_retries {glitch_retries}  failures {len(failures)}  "
        f"{rate:.1f} seeds/s ({total} in {elapsed:.2f} s, {ran_on})"
    )


def _failure_lines(failures: list) -> list[str]:
    lines = [f"failed: seed {r.seed}: {textwrap.shorten(r.error or '', 160)}" for r in failures[:SHOWN_FAILURES]]
    if len(failures) > SHOWN_FAILURES:
        lines.append(f"failed: ... and {len(failures) - SHOWN_FAILURES} more seeds")
    return lines
