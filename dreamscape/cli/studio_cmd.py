"""`dreamscape studio [LEVEL_OR_PROFILE] [--seed N] [--size WxH]`: tune a dreamer live."""

from __future__ import annotations

import argparse
from pathlib import Path

from dreamscape.cli.options import add_window_options, spec_from_args, window_options
from dreamscape.core.errors import InputError
from dreamscape.core.resources import bundled_dreamers

#: The dreamer the studio opens with when none is named.
DEFAULT_TARGET = "leo"


def add_parser(sub: argparse._SubParsersAction, summary: str) -> None:
    """Register `dreamscape studio` and its options."""
    p = sub.add_parser(
        "studio",
        help=summary,
        description="Open the dreamer studio: a slider for every fear and desire, turmoil, the size, the trapped dreamers "
        "and the seed; the map rebuilds as they move. Overlays show regions, walking distance, chokepoints and markers; "
        "a timeline scrubs the glitch schedule; Ctrl+S saves the tuned dreamer as a level, Ctrl+E exports a PNG.",
    )
    p.add_argument(
        "target",
        nargs="?",
        metavar="LEVEL_OR_PROFILE",
        help=f"a level or dreamer profile .toml, a bundled name (default: {DEFAULT_TARGET}), "
        "or a folder `dreamscape illuminate` wrote (browse its elites: Tab, or click the archive)",
    )
    p.add_argument("--seed", metavar="N", help="generator seed to start from (an integer; default: the level's own)")
    p.add_argument("--size", metavar="WxH", help="map size to start from, 24x16 to 512x512 (default: the level's, or 96x64)")
    p.add_argument("--save-dir", metavar="DIR", default=None, help="folder that saved levels and PNGs are offered in (default: levels/studio)")
    add_window_options(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Check the arguments, then open the studio window; returns the exit code."""
    if args.target is None:
        names = [p.stem for p in bundled_dreamers()]
        args.target = DEFAULT_TARGET if DEFAULT_TARGET in names or not names else names[0]
    archive = None
    if Path(args.target).is_dir():
        from dreamscape.designer.illuminate_files import STATE
        from dreamscape.studio.archive_panel import ArchivePanel

        if not (Path(args.target) / STATE).is_file():
            raise InputError(args.target, None, f"is a directory, not a level or profile, nor a folder `dreamscape illuminate` wrote (no {STATE})")
        archive = ArchivePanel.open(Path(args.target))
        args.target = archive.target
        if args.size is None:
            args.size = f"{archive.size[0]}x{archive.size[1]}"
    spec = spec_from_args(args)
    frames, screenshot = window_options(args)
    if args.save_dir is not None and Path(args.save_dir).exists() and not Path(args.save_dir).is_dir():
        raise InputError(args.save_dir, "--save-dir", "is a file, expected a folder")
    from dreamscape.studio.save import DEFAULT_SAVE_DIR
    from dreamscape.studio.tuning_window import run_studio

    save_dir = Path(args.save_dir) if args.save_dir is not None else DEFAULT_SAVE_DIR
    return run_studio(spec, headless=args.headless, frames=frames, screenshot=screenshot, save_dir=save_dir, archive=archive)

