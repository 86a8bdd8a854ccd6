"""Entry point of the `dreamscape` console script and `python -m dreamscape`."""

from __future__ import annotations

import os
import sys

from dreamscape import __version__
from dreamscape.cli import bot_cmd, generate_cmd, play_cmd, range_cmd, replay_cmd, studio_cmd, sweep_cmd
from dreamscape.cli.parser import OneLineParser
from dreamscape.core.errors import InputError

COMMANDS = (generate_cmd, play_cmd, replay_cmd, bot_cmd, sweep_cmd, range_cmd, studio_cmd)


def build_parser() -> OneLineParser:
    parser = OneLineParser(prog="dreamscape", description="Glitching dream labyrinths built from a dreamer's fears and desires.")
    parser.add_argument("--version", action="version", version=f"dreamscape {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=OneLineParser)
    for module in COMMANDS:
        module.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run a command; returns the process exit code (0 ok, 1 check failed, 2 bad input)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 2
    try:
        return int(args.run(args) or 0)
    except InputError as exc:
        sys.stderr.write(f"dreamscape {args.command}: error: {exc.line()}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("dreamscape: interrupted\n")
        return 130
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, and keep Python from
        # complaining again when it flushes stdout at exit.
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (AttributeError, OSError, ValueError):
            pass  # stdout is not a real file (captured, or already closed)
        return 0
    except OSError as exc:
        # Writing an output failed (disk full, permissions changed mid-run):
        # the atomic writers have already removed their temp files.
        where = f"{exc.filename}: " if exc.filename else ""
        sys.stderr.write(f"dreamscape {args.command}: error: {where}{exc.strerror or exc}\n")
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
