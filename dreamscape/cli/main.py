"""Entry point of the `dreamscape` console script and `python -m dreamscape`."""

from __future__ import annotations

import argparse
import importlib
import sys

from dreamscape import __version__
from dreamscape.cli.parser import OneLineParser
from dreamscape.cli.stdout_guard import StdoutError, checked_stdout, silence_stdout
from dreamscape.core.errors import InputError, one_line

#: Every command: its name, its module under dreamscape.cli, and the line
#: `dreamscape --help` lists it with, in the order listed. A command's module
#: (its options, and what its work imports) is loaded only when that command
#: is the one asked for: `dreamscape --help` and `dreamscape generate` start
#: without the game, the studio, the plots or the bots.
COMMANDS = (
    ("generate", "generate_cmd", "build one dreamscape, print its hash and metrics"),
    ("play", "play_cmd", "play: the title screen, or dive straight into LEVEL"),
    ("replay", "replay_cmd", "watch a recording, or verify it headless (exit 1 on desync)"),
    ("bot", "bot_cmd", "let the bot play a range of seeds; report wins, write recordings"),
    ("sweep", "sweep_cmd", "generate a range of seeds in parallel; write their metrics, summarise them"),
    ("range", "range_cmd", "plot a level's expressive range over seeds, or how one fear/desire moves its metrics"),
    ("illuminate", "illuminate_cmd", "quality-diversity search: fill a grid of two metrics with the best level for each cell"),
    ("studio", "studio_cmd", "studio: tune a dreamer's fears, desires, size and seed and watch the labyrinth change"),
)


_NAMES = {name for name, _, _ in COMMANDS}


def build_parser(argv: list[str] | None = None) -> OneLineParser:
    """The parser for `argv`: the named command's options in full, the others by name and summary only.

    Without `argv` (None) every command is registered in full.
    """
    parser = OneLineParser(prog="dreamscape", description="Glitching dream labyrinths built from a dreamer's fears and desires.")
    parser.add_argument("--version", action="version", version=f"dreamscape {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=OneLineParser)
    wanted = None if argv is None else _command_named(argv)
    # A known command given first is all that can be parsed: the others need
    # not even be listed (each listing builds a parser). Anything else (top
    # level options, an unknown word, nothing) may print the whole list.
    alone = wanted is not None and argv is not None and argv[0] == wanted and wanted in _NAMES
    for name, module, summary in COMMANDS:
        if argv is None or name == wanted:
            importlib.import_module(f"dreamscape.cli.{module}").add_parser(sub, summary)
        elif not alone:
            sub.add_parser(name, help=summary)  # listed by --help; never parsed, as it is not the command given
    return parser


def _command_named(argv: list[str]) -> str | None:
    """The command word of `argv`: its first word that is not an option (the top level's options take no value)."""
    return next((word for word in argv if not word.startswith("-")), None)


def main(argv: list[str] | None = None) -> int:
    """Run a command; returns the process exit code (0 ok, 1 check failed, 2 bad input)."""
    if argv is None:
        argv = sys.argv[1:]
    parser = build_parser(argv)
    with checked_stdout():
        try:
            args = parser.parse_args(argv)
            if not args.command:
                parser.print_help()
                return _flushed("dreamscape", 2)
        except SystemExit as exc:
            # --help and --version print, then exit 0: that output must reach its reader too.
            if exc.code in (0, None):
                return _flushed("dreamscape", 0)
            raise
        except (StdoutError, BrokenPipeError) as exc:
            return _failed_stdout("dreamscape", exc)
        try:
            return _run(args)
        finally:
            # After an error reported on its own line, a stdout that fails too
            # must not add Python's complaint at exit.
            try:
                sys.stdout.flush()
            except (OSError, StdoutError):
                silence_stdout()


def _flushed(prog: str, code: int) -> int:
    """`code` once standard output is flushed; 2 with one line when it cannot be."""
    try:
        sys.stdout.flush()
        return code
    except (StdoutError, BrokenPipeError) as exc:
        return _failed_stdout(prog, exc)


def _failed_stdout(prog: str, exc: StdoutError | BrokenPipeError) -> int:
    """One line for a failed standard output (exit 2); a reader that left early is a quiet 0."""
    silence_stdout()
    if isinstance(exc, BrokenPipeError):
        return 0  # `dreamscape --help | head`: the reader had enough
    sys.stderr.write(f"{prog}: error: {exc.line()}\n")
    return 2


def _run(args: argparse.Namespace) -> int:
    try:
        code = int(args.run(args) or 0)
        # Standard output is buffered: a full or closed one shows up only when
        # flushed, so flush here, where the failure can still be reported.
        sys.stdout.flush()
        return code
    except StdoutError as exc:
        sys.stderr.write(f"dreamscape {args.command}: error: {exc.line()}\n")
        silence_stdout()
        return 2
    except InputError as exc:
        sys.stderr.write(f"dreamscape {args.command}: error: {exc.line()}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("dreamscape: interrupted\n")
        return 130
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, and keep Python from
        # complaining again when it flushes stdout at exit.
        silence_stdout()
        return 0
    except OSError as exc:
        # Anything the output writers did not already name (they raise
        # OutputError); the temp files are gone by now.
        where = f"{exc.filename}: " if exc.filename else ""
        sys.stderr.write(f"dreamscape {args.command}: error: {one_line(where + (exc.strerror or str(exc)))}\n")
        return 2

if __name__ == "__main__":
    raise SystemExit(main())
