"""`dreamscape play`: for now, a window that shows dreamscapes and steps through seeds."""

from __future__ import annotations

import argparse

from dreamscape.cli.options import parse_seed
from dreamscape.core.level import LevelSpec, load_level_or_profile
from dreamscape.core.resources import bundled_chapters


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("play", help="open the dreamscape window", description="Open a window showing generated dreamscapes.")
    p.add_argument("level", nargs="?", metavar="LEVEL", help="a level or dreamer profile (default: the first chapter)")
    p.add_argument("--seed", metavar="N", help="seed to start from")
    p.add_argument("--headless", action="store_true", help="no window: run under the dummy video driver")
    p.add_argument("--frames", type=int, metavar="N", help="stop after N frames")
    p.add_argument("--screenshot", metavar="FILE", help="save the last frame as a PNG")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    spec: LevelSpec = load_level_or_profile(args.level or bundled_chapters()[0])
    if args.seed is not None:
        spec = spec.with_seed(parse_seed(args.seed))
    from dreamscape.app.preview import run_preview

    return run_preview(spec, headless=args.headless, frames=args.frames, screenshot=args.screenshot)
