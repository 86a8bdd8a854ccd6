"""`dreamscape illuminate LEVEL --x M --y M --out DIR`: search a profile's knobs and seeds for variety.

MAP-Elites with pyribs (designer/illuminate.py): the two metrics are the
archive's axes, each cell keeps its best level by the documented quality, and
DIR gets the archive and every new elite's level file after every batch
(designer/illuminate_files.py), and the heatmap when the run ends, so Ctrl+C
keeps what was found and `--resume` carries on. Exit 0 when done, 130 when
interrupted (the files are complete up to the last batch), 2 on bad input.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from dreamscape.cli.options import parse_count, spec_from_args
from dreamscape.cli.sweep_cmd import parse_workers, scheduler_from_args
from dreamscape.core.errors import InputError, unknown_name

DEFAULT_BUDGET = 2000
MAX_BUDGET = 1_000_000
DEFAULT_CELLS = "20x20"
MAX_CELLS = 200


def add_parser(sub: argparse._SubParsersAction, summary: str) -> None:
    p = sub.add_parser(
        "illuminate",
        help=summary,
        description=(
            "Search the profile's knobs (--vary) and seeds with MAP-Elites (pyribs) for levels that fill a grid "
            "of two metrics (--x, --y), keeping in each cell the level of highest quality "
            "(dreamer_spread / (1 + retries + glitch_retries)). Writes DIR/archive.csv, DIR/levels/*.toml and DIR/state.json "
            "after every batch and DIR/heatmap.png at the end. Exit 0 when done, 130 when interrupted, 2 on bad input."
        ),
    )
    p.add_argument("target", metavar="LEVEL_OR_PROFILE", help="a level or dreamer profile .toml, or a bundled name such as 'lila'")
    p.add_argument("--x", metavar="METRIC", required=True, help="metric on the archive's first axis (e.g. dead_ends)")
    p.add_argument("--y", metavar="METRIC", required=True, help="metric on the archive's second axis (e.g. path_length)")
    p.add_argument("--vary", metavar="NAMES", help="comma-separated fears, desires or 'turmoil' to search (default: turmoil and the profile's own)")
    p.add_argument("--budget", metavar="N", help=f"levels to generate in all (default {DEFAULT_BUDGET})")
    p.add_argument("--cells", metavar="WxH", default=DEFAULT_CELLS, help=f"archive cells along --x and --y (default {DEFAULT_CELLS})")
    p.add_argument("--out", metavar="DIR", required=True, help="the folder to write (made if missing)")
    p.add_argument("--resume", action="store_true", help="carry on from the illumination already in DIR (its arguments are kept)")
    p.add_argument("--size", metavar="WxH", help="map size, 24x16 to 512x512 (default: the level's, or 96x64)")
    p.add_argument("--workers", metavar="N", help="worker processes (default: one per CPU; 1 runs in this process)")
    p.add_argument("--scheduler", metavar="tcp://HOST:PORT", help="evaluate on that Dask cluster (default: $DREAMSCAPE_SCHEDULER if set)")
    p.set_defaults(run=run, seed=None)


def parse_budget(text: str | None) -> int:
    if text is None:
        return DEFAULT_BUDGET
    return parse_count(text, "--budget", 1, MAX_BUDGET, "levels")


def parse_cells(text: str) -> tuple[int, int]:
    parts = text.lower().split("x")
    try:
        w, h = (int(p, 10) for p in parts)
    except ValueError:
        w = h = 0
    if len(parts) != 2 or not (2 <= w <= MAX_CELLS and 2 <= h <= MAX_CELLS):
        raise InputError(None, "--cells", f"expected WxH with each from 2 to {MAX_CELLS}, e.g. {DEFAULT_CELLS}, got {text!r}")
    return w, h


def parse_vary(text: str) -> list[str]:
    from dreamscape.designer.illuminate import KNOBS

    names = [n.strip() for n in text.split(",") if n.strip()]
    if not names:
        raise InputError(None, "--vary", "expected one or more comma-separated fears, desires or 'turmoil'")
    for name in names:
        if name not in KNOBS:
            raise unknown_name(None, "--vary", name, KNOBS, "knob")
    if len(set(names)) != len(names):
        raise InputError(None, "--vary", f"a knob is named twice in {text!r}")
    return names


def run(args: argparse.Namespace) -> int:
    from dreamscape.designer.where import check_metric

    x, y = check_metric(args.x, "--x"), check_metric(args.y, "--y")
    if x == y:
        raise InputError(None, "--y", "expected a metric other than --x")
    budget = parse_budget(args.budget)
    cells = parse_cells(args.cells)
    workers = parse_workers(args.workers)
    scheduler = scheduler_from_args(args)
    folder = Path(args.out)
    if folder.exists() and not folder.is_dir():
        raise InputError(str(folder), "--out", "expected a folder (this is a file)")
    try:
        import ribs  # noqa: F401 - only to say clearly when the extra is missing
    except ImportError:
        raise InputError(None, "illuminate", "needs pyribs: pip install -e '.[designer]'") from None
    from tqdm import tqdm

    from dreamscape.designer import illuminate_files as files
    from dreamscape.designer.illuminate import Illumination, default_vary
    from dreamscape.designer.sweep import run_specs

    spec = spec_from_args(args)
    state = files.read_state(folder) if args.resume else None
    if state is not None:
        if (state["x"], state["y"]) != (x, y):
            raise InputError(str(folder / files.STATE), "--resume", f"that run illuminates {state['x']} x {state['y']}, not {x} x {y}")
        vary, cells = list(state["vary"]), (int(state["cells"][0]), int(state["cells"][1]))
    else:
        vary = parse_vary(args.vary) if args.vary else default_vary(spec)
    search = Illumination(spec, x, y, vary, cells)
    if state is not None:
        search.set_ranges([tuple(r) for r in state["ranges"]])
        search.restore(files.read_elites(folder, vary), int(state["evaluations"]))

    def evaluate(specs: list) -> list:
        return list(run_specs(specs, workers, desc="batch", scheduler=scheduler, quiet=True))

    name = spec.name or spec.profile.name
    started = time.perf_counter()
    interrupted = False
    written: dict = {}  # each cell's elite whose level file is on disk: only new elites are written
    with tqdm(total=budget, initial=search.evaluations, desc=f"illuminate {name}", unit="level", file=sys.stderr, disable=None) as bar:
        try:
            for done in search.run(budget, evaluate):
                files.write_all(folder, search, args.target, budget, written, heatmap=False)
                bar.update(done - bar.n)
                bar.set_postfix(cells=len(search.elites))
        except KeyboardInterrupt:
            interrupted = True
    files.write_all(folder, search, args.target, budget, written)
    elapsed = time.perf_counter() - started
    total = cells[0] * cells[1]
    print(f"{name}  {spec.width}x{spec.height}  {x} x {y}  varied: {', '.join(vary)}")
    print(
        f"{len(search.elites)} of {total} cells filled (coverage {search.coverage:.1%}) after {search.evaluations} levels "
        f"in {elapsed:.1f} s{' (interrupted: what was found is kept)' if interrupted else ''}"
    )
    print(f"wrote {folder / files.ARCHIVE}, {folder / files.HEATMAP}, {len(search.elites)} levels in {folder / files.LEVELS}")
    return 130 if interrupted else 0
