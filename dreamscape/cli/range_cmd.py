"""`dreamscape range LEVEL --seeds A:B --x M --y M --out F.png`: the level's expressive range.

A heatmap of two metrics over the seeds shows what sort of maps a level
makes and how varied they are. With `--vary NAME` it instead raises one fear,
desire or turmoil from 0 to 1 and plots each chosen metric's mean and spread
against it: does the knob do what its name says, and smoothly? Exit 0 when
every map generated, 1 when any failed (the plot shows the rest), 2 on bad input.
"""

from __future__ import annotations

import argparse
import re
import time
import warnings
from functools import partial
from pathlib import Path

from dreamscape.cli.options import MAX_SEEDS_PER_RUN, parse_count, parse_seed_range, spec_from_args
from dreamscape.cli.sweep_cmd import add_run_options, parse_workers, scheduler_from_args
from dreamscape.core.errors import InputError, unknown_name
from dreamscape.core.vocabulary import ALL_NAMES
from dreamscape.designer.effects import EFFECTS
from dreamscape.formats.atomic import check_writable, is_stream

DEFAULT_IMAGE_SIZE = "1200x900"
MIN_IMAGE = (400, 300)
MAX_IMAGE = (8000, 8000)
DEFAULT_STEPS = 11
MAX_STEPS = 101
MAX_METRICS = 9
#: Shown beside a knob's own metric: the broad shape of the map.
GENERAL_METRICS = ("path_length", "floor_ratio")


def add_parser(sub: argparse._SubParsersAction, summary: str) -> None:
    p = sub.add_parser(
        "range",
        help=summary,
        description=(
            "Generate the level for every seed in A:B and plot a heatmap of two metrics (--x, --y); "
            "or, with --vary NAME, raise that fear, desire or turmoil from 0 to 1 and plot each metric's "
            "mean and standard deviation against it. Exit 0 when every map generated, 1 when any failed, 2 on bad input."
        ),
    )
    add_run_options(p)
    p.add_argument("--x", metavar="METRIC", help="metric on the horizontal axis (e.g. dead_ends)")
    p.add_argument("--y", metavar="METRIC", help="metric on the vertical axis (e.g. loops)")
    p.add_argument("--out", metavar="FILE.png", required=True, help="the PNG to write")
    p.add_argument("--image-size", metavar="WxH", default=DEFAULT_IMAGE_SIZE, help=f"the PNG's size in pixels (default {DEFAULT_IMAGE_SIZE})")
    p.add_argument("--vary", metavar="NAME", help="a fear, desire or 'turmoil' to raise from 0 to 1 instead of plotting --x/--y")
    p.add_argument("--steps", metavar="K", help=f"with --vary: knob values from 0 to 1 (default {DEFAULT_STEPS})")
    p.add_argument("--metrics", metavar="M1,M2", help="with --vary: metrics to plot (default: the knob's documented metric, path_length, floor_ratio)")
    p.set_defaults(run=run, seed=None)


def run(args: argparse.Namespace) -> int:
    # Imported here: the generator's libraries are slow to load, and other
    # commands (the game's title screen) should not wait for them.
    from dreamscape.designer.sweep import run_specs
    from dreamscape.designer.where import check_metric

    seeds = parse_seed_range(args.seeds)
    workers = parse_workers(args.workers)
    image_size = parse_image_size(args.image_size)
    if args.vary is not None:
        knob = _knob(args.vary)
        for flag, value in (("--x", args.x), ("--y", args.y)):
            if value is not None:
                raise InputError(None, flag, "not used with --vary (choose the plotted metrics with --metrics)")
        steps = _steps(args.steps)
        if steps * len(seeds) > MAX_SEEDS_PER_RUN:
            raise InputError(
                None, "--seeds", f"{steps} steps x {len(seeds):,} seeds is {steps * len(seeds):,} maps; one run makes at most {MAX_SEEDS_PER_RUN:,}"
            )
        metrics = _metric_list(args.metrics) if args.metrics is not None else default_metrics(knob)
    else:
        for flag, value in (("--steps", args.steps), ("--metrics", args.metrics)):
            if value is not None:
                raise InputError(None, flag, "only used with --vary NAME")
        for flag, value in (("--x", args.x), ("--y", args.y)):
            if value is None:
                raise InputError(None, flag, "required: a metric name (or use --vary NAME)")
        x_name, y_name = check_metric(args.x, "--x"), check_metric(args.y, "--y")
    if not args.out.lower().endswith(".png") and not is_stream(args.out):
        raise InputError(args.out, "--out", "expected a file name ending in .png")
    check_writable(Path(args.out), "--out")
    spec = spec_from_args(args)
    scheduler = scheduler_from_args(args)

    from dreamscape.gen import GENERATOR_VERSION
    from dreamscape.designer.range_plot import heatmap_figure, response_figure, save_figure

    name = spec.name or spec.profile.name
    where = f"seeds {seeds.start}:{seeds.stop}, {spec.width}×{spec.height}, generator v{GENERATOR_VERSION}"
    started = time.perf_counter()
    if args.vary is None:
        results = list(run_specs([spec.with_seed(s) for s in seeds], workers, desc=name, scheduler=scheduler))
        rows = [r.row for r in results if r.row is not None]
        xs, ys = [row[x_name] for row in rows], [row[y_name] for row in rows]
        title = f"{name}: expressive range of {len(rows)} maps\n{where}"
        integer = [all(isinstance(v, int) for v in values) for values in (xs, ys)]
        draw = partial(heatmap_figure, xs, ys, x_name, y_name, title, image_size, integer[0], integer[1])
        report = f"{len(rows)} maps, {x_name} {_span(xs)}, {y_name} {_span(ys)}"
    else:
        values = [round(i / (steps - 1), 6) for i in range(steps)]
        specs = [spec.with_profile(spec.profile.with_knob(knob, v)).with_seed(s) for v in values for s in seeds]
        results = list(run_specs(specs, workers, desc=f"{name} {knob}", unit="map", scheduler=scheduler))
        per_step = len(seeds)
        series = {
            m: [[r.row[m] for r in results[i * per_step : (i + 1) * per_step] if r.row is not None] for i in range(steps)] for m in metrics
        }
        effect = EFFECTS[knob]
        title = f"{name}: {knob} from 0 to 1 in {steps} steps, {per_step} seeds at each\n{where}"
        own = (spec.profile.name, spec.profile.knob(knob))
        draw = partial(response_figure, values, series, knob, title, image_size, {effect.metric: effect.direction}, own)
        report = _response_table(values, series, knob)
    with warnings.catch_warnings():
        # Layout hints (a small image with many subplots) are not worth a line on stderr.
        warnings.simplefilter("ignore")
        fig = draw()
        save_figure(fig, args.out, "--out")
    elapsed = time.perf_counter() - started
    failures = [r for r in results if r.row is None]
    print(report)
    for r in failures[:10]:
        print(f"failed: seed {r.seed}: {r.error}")
    print(f"wrote {args.out} ({image_size[0]}x{image_size[1]}, {len(results)} maps in {elapsed:.1f} s, {len(failures)} failed)")
    return 1 if failures else 0


def parse_image_size(text: str) -> tuple[int, int]:
    """'WxH' in pixels, within MIN_IMAGE..MAX_IMAGE."""
    match = re.fullmatch(r"\s*(\d+)\s*[xX]\s*(\d+)\s*", text or "")
    size = (int(match.group(1)), int(match.group(2))) if match else None
    if size is None or not all(lo <= v <= hi for v, lo, hi in zip(size, MIN_IMAGE, MAX_IMAGE)):
        raise InputError(
            None,
            "--image-size",
            f"expected WIDTHxHEIGHT in pixels from {MIN_IMAGE[0]}x{MIN_IMAGE[1]} to {MAX_IMAGE[0]}x{MAX_IMAGE[1]}, got {text!r}",
        )
    return size


def default_metrics(knob: str) -> list[str]:
    """The knob's documented metric, then the general ones."""
    return list(dict.fromkeys((EFFECTS[knob].metric,) + GENERAL_METRICS))


def _knob(name: str) -> str:
    if name not in ALL_NAMES:
        raise unknown_name(None, "--vary", name, ALL_NAMES, "fear, desire or turmoil")
    return name


def _steps(text: str | None) -> int:
    if text is None:
        return DEFAULT_STEPS
    return parse_count(text, "--steps", 2, MAX_STEPS, "knob values")


def _metric_list(text: str) -> list[str]:
    from dreamscape.designer.where import check_metric

    names = [part.strip() for part in text.split(",") if part.strip()]
    if not names:
        raise InputError(None, "--metrics", "expected metric names separated by commas, e.g. dead_ends,loops")
    if len(set(names)) > MAX_METRICS:
        raise InputError(None, "--metrics", f"at most {MAX_METRICS} metrics fit one image, got {len(set(names))}")
    return list(dict.fromkeys(check_metric(n, "--metrics") for n in names))


def _span(values: list) -> str:
    return f"{min(values):g}..{max(values):g}" if values else "(none)"


def _response_table(values: list[float], series: dict[str, list[list[float]]], knob: str) -> str:
    """The plotted means as text: one line per knob value."""
    names = list(series)
    width = [max(len(n), 9) for n in names]
    lines = [f"{knob:>14}  " + "  ".join(f"{n:>{w}}" for n, w in zip(names, width))]
    for i, value in enumerate(values):
        cells = []
        for name, w in zip(names, width):
            column = series[name][i]
            cells.append(f"{sum(column) / len(column):>{w}.4g}" if column else f"{'-':>{w}}")
        lines.append(f"{value:>14g}  " + "  ".join(cells))
    return "\n".join(lines)
