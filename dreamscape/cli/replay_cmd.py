"""`dreamscape replay FILE [--verify | --summary]`: watch a recording, or verify it headless."""

from __future__ import annotations

import argparse

from dreamscape.cli.options import add_window_options, window_options
from dreamscape.core.errors import one_line
from dreamscape.core.timing import TICKS_PER_SECOND


def add_parser(sub: argparse._SubParsersAction, summary: str) -> None:
    p = sub.add_parser(
        "replay",
        help=summary,
        description="Watch a recorded run in the window (pause, single step, 1/4x to 16x, seek to a tick), print its summary with --summary, "
        "or with --verify replay it headless and compare every state checksum. "
        "Exit 0 when all match, 1 on a desync (naming the first tick and the parts that differ), "
        "2 for a file that is not a readable recording from a compatible version.",
    )
    p.add_argument("file", metavar="FILE", help="a recording (.rec) written by the game or the bot")
    p.add_argument("--verify", action="store_true", help="replay without a display and compare every checksum")
    p.add_argument("--summary", action="store_true", help="print what the recording holds and stop")
    add_window_options(p, "playback window")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from dreamscape.formats.recording.reader import read_recording

    rec = read_recording(args.file)
    if args.summary and not args.verify:
        print(summary(rec))
        return 0
    if not args.verify:
        return _watch(args, rec)
    from dreamscape.recordings.verify import verify

    result = verify(rec)
    print(one_line(f"{args.file}: {result.line()}"))
    return 0 if result.ok else 1


def summary(rec) -> str:
    """Two lines: what was played, and how the run went."""
    h = rec.header
    spec = rec.spec
    who = spec.profile.name
    title = rec.level_name if rec.level_name == who else f"{rec.level_name} ({who})"
    first = f"{title}  seed {spec.seed}  {spec.width}x{spec.height}  generator v{h['generator_version']}  recorded by dreamscape {h['game_version']}"
    ticks = rec.ticks
    seconds = ticks // TICKS_PER_SECOND
    played = f"{ticks} ticks ({seconds // 60}:{seconds % 60:02d} of play)"
    tail = f"; {rec.tail_note()}" if rec.damaged_line is not None else ""
    if rec.truncated:
        second = f"{played}  truncated: no end record; {len(rec.checksums)} checksums{tail}"
    else:
        second = f"{played}  outcome: {rec.outcome or 'stopped before the end'}  complete; {len(rec.checksums) + 1} checksums{tail}"
    # Names and versions come from the file: a crafted one must not drive the terminal.
    return f"{one_line(first)}\n{one_line(second)}"


def _watch(args: argparse.Namespace, rec) -> int:
    """Visual playback; on a machine without a display, the summary instead."""
    from dreamscape.render.display import display_available

    frames, screenshot = window_options(args)
    print(summary(rec))
    if not args.headless and not display_available():
        print("no display here, so no playback window (use --verify to check the recording headless)")
        return 0
    from dreamscape.app.launch import run_game

    return run_game(recording=rec, headless=args.headless, frames=frames, screenshot=screenshot)
