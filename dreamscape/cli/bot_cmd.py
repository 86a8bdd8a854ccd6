"""`dreamscape bot LEVEL --seeds A:B [--sight fog|full]`: the bot plays each seed and reports how it went.

`--sight fog` (the default) shows the bot only what a player sees, so its
wins say what a person can do; `--sight full` shows it the whole world, to
prove a level can be won at all.

Exit 0 when every game was won, 1 when any was lost, 2 on bad input. With
--record-dir, every game is recorded there (`<level>-<seed>.rec`) for
`dreamscape replay --verify`.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from pathlib import Path

from dreamscape.cli.options import parse_seed_range, spec_from_args
from dreamscape.core.errors import InputError
from dreamscape.core.timing import TICKS_PER_SECOND
from dreamscape.formats.output_error import OutputError

#: Kept here (not imported from the bot) so `--help` loads nothing heavy.
SIGHTS = ("fog", "full")


def add_parser(sub: argparse._SubParsersAction, summary: str) -> None:
    p = sub.add_parser(
        "bot",
        help=summary,
        description="Let the bot play a level for each seed in A:B (A up to but not including B) and report its wins. Exit 0 when every game was won, 1 when any was lost, 2 on bad input.",
    )
    p.add_argument("target", metavar="LEVEL_OR_PROFILE", help="a level or dreamer profile .toml, or a bundled name such as 'leo'")
    p.add_argument("--seeds", metavar="A:B", required=True, help="the seeds to play, A up to but not including B (e.g. 0:50)")
    p.add_argument("--size", metavar="WxH", help="map size, 24x16 to 512x512 (default: the level's, or 96x64)")
    p.add_argument(
        "--sight",
        choices=SIGHTS,
        default="fog",
        help="what the bot is shown: fog (only what a player has seen; the default) or full (the whole world, to prove a level solvable)",
    )
    p.add_argument("--record-dir", metavar="DIR", help="write one recording per game into DIR (created if missing)")
    p.add_argument("--verbose", "-v", action="store_true", help="print one line per game")
    p.set_defaults(run=run, seed=None)


def run(args: argparse.Namespace) -> int:
    seeds = parse_seed_range(args.seeds)
    spec = spec_from_args(args)
    record_dir = _record_dir(args.record_dir)
    stem = _stem(args.target)

    from tqdm import tqdm

    from dreamscape.bot import Bot, play
    from dreamscape.gen import generate

    results = []
    busy = 0.0
    bar = tqdm(seeds, desc=spec.name or spec.profile.name, unit="game", file=sys.stderr, disable=None, leave=False)
    try:
        for seed in bar:
            ds = generate(spec.with_seed(seed))
            record = record_dir / f"{stem}-{seed}.rec" if record_dir else None
            started = time.perf_counter()
            try:
                result = play(ds, Bot(), record, sight=args.sight)
            except OutputError as exc:
                # A recording could not be written (disk full): stop here, naming the file and the option.
                raise exc.with_field("--record-dir") from None
            busy += time.perf_counter() - started
            results.append(result)
            if args.verbose:
                bar.write(_line(result), file=sys.stdout)
    finally:
        bar.close()
    print(_summary(spec, args.seeds, args.sight, results, busy, record_dir))
    return 0 if all(r.won for r in results) else 1


def _record_dir(text: str | None) -> Path | None:
    if not text:
        return None
    folder = Path(text)
    if folder.exists() and not folder.is_dir():
        raise InputError(text, "--record-dir", "exists and is not a folder")
    blocker = _file_on_the_way(folder)
    if blocker is not None:
        raise InputError(text, "--record-dir", f"'{blocker}' is a file, not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(text, "--record-dir", f"cannot create the folder ({exc.strerror or exc})") from None
    if not os.access(folder, os.W_OK):
        raise InputError(text, "--record-dir", "folder is not writable")
    return folder


def _file_on_the_way(folder: Path) -> Path | None:
    """The nearest existing parent of `folder` when it is not a folder (so mkdir would fail)."""
    for parent in folder.parents:
        if parent.exists() or parent.is_symlink():
            return None if parent.is_dir() else parent
    return None


def _stem(target: str) -> str:
    """A file-name-safe name for the level: the file's stem, or the bundled name."""
    name = Path(target).stem or "level"
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in name)


def _line(r) -> str:
    return f"seed {r.seed}  {r.outcome:<13}  {r.ticks} ticks ({r.share:.0%} of {r.window})  lucidity {r.lucidity}  caught {r.caught}  shards {r.shards}  woke {r.woken}/{r.dreamers}"


def _summary(spec, seeds_text: str, sight: str, results: list, busy: float, record_dir: Path | None) -> str:
    wins = [r for r in results if r.won]
    lost = Counter(r.outcome for r in results if not r.won)
    shares = [r.share for r in wins]
    ticks = sum(r.ticks for r in results)
    rate = ticks / busy if busy > 0 else 0.0
    lines = [
        f"{spec.name or spec.profile.name}  {spec.width}x{spec.height}  seeds {seeds_text}  sight {sight}",
        f"wins {len(wins)}/{len(results)} ({len(wins) / len(results):.1%})",
    ]
    if shares:
        from dreamscape.bot.trials import median

        minutes = median([r.ticks for r in wins]) / TICKS_PER_SECOND / 60
        lines.append(f"window used (wins): median {median(shares):.0%}, max {max(shares):.0%}; median time {minutes:.1f} min")
    lines.append(f"losses: {lost['lost_time']} time, {lost['lost_lucidity']} lucidity")
    lines.append(f"speed: {rate:,.0f} ticks/s ({rate / TICKS_PER_SECOND:,.0f}x real time)")
    if record_dir is not None:
        lines.append(f"wrote {len(results)} recordings to {record_dir}")
    return "\n".join(lines)
