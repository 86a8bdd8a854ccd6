"""`dreamscape play [LEVEL] [--seed N] [--autoplay]`: the game."""

from __future__ import annotations

import argparse

from dreamscape.cli.options import add_window_options, parse_seed, window_options
from dreamscape.core.level import LevelSpec, load_level_or_profile
from dreamscape.core.resources import bundled_chapters


def add_parser(sub: argparse._SubParsersAction, summary: str) -> None:
    p = sub.add_parser(
        "play",
        help=summary,
        description="Open the game. Without LEVEL it starts at the title screen (campaign, any seed, settings); "
        "with LEVEL (a level file, a dreamer profile, or a bundled name such as ch1_the_loop or leo) the dive starts at once. "
        "Every session is recorded to the data folder.",
    )
    p.add_argument("level", nargs="?", metavar="LEVEL", help="a level or dreamer profile to dive into at once")
    p.add_argument("--seed", metavar="N", help="the seed (default: the level's own)")
    p.add_argument("--autoplay", action="store_true", help="let the bot play the dive in the window")
    add_window_options(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    spec: LevelSpec | None = None  # None opens the title screen
    if args.level is not None or args.seed is not None or args.autoplay:
        # A seed or autoplay without a level dives into the first chapter.
        spec = load_level_or_profile(args.level if args.level is not None else bundled_chapters()[0])
        if args.seed is not None:
            spec = spec.with_seed(parse_seed(args.seed))
    frames, screenshot = window_options(args)
    from dreamscape.app.launch import run_game

    return run_game(spec, autoplay=args.autoplay, headless=args.headless, frames=frames, screenshot=screenshot)

