"""An argparse parser whose errors are one line and exit code 2."""

from __future__ import annotations

import argparse
import sys
from typing import NoReturn

from dreamscape.core.errors import one_line


class OneLineParser(argparse.ArgumentParser):
    """Usage mistakes print one line (`dreamscape generate: error: ...`), exit 2.

    An option given an empty value (`--size ''`) is a mistake too: no option
    of this program means anything by an empty string.
    """

    def error(self, message: str) -> NoReturn:
        # argparse quotes what the user typed: escape it so it cannot drive the terminal.
        sys.stderr.write(one_line(f"{self.prog}: error: {message} (see '{self.prog} --help')") + "\n")
        raise SystemExit(2)

    def parse_known_args(self, args=None, namespace=None):  # type: ignore[override]
        namespace, extras = super().parse_known_args(args, namespace)
        for action in self._actions:
            value = getattr(namespace, action.dest, None) if action.dest is not argparse.SUPPRESS else None
            values = value if isinstance(value, list) else [value]
            if any(isinstance(v, str) and not v.strip() for v in values):
                name = "/".join(action.option_strings) or action.metavar or action.dest
                self.error(f"argument {name}: expected a value, got an empty string")
        return namespace, extras
