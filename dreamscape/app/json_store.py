"""One tolerant JSON file of the player's (settings, progress): read safely, write atomically.

    store = JsonStore("settings", "using defaults", "bad values", "using defaults for those")
    data, message = store.read(path)        # never raises for a bad file
    ...                                     # check data's fields, gathering problems
    message = store.problems_notice(path, problems)
    store.write(path, data)

A missing file is silent; a file that cannot be used at all (not a regular
file, too large, not UTF-8, not JSON, not a JSON object) gives no data and one
line naming the file. The caller checks the fields itself and reports the bad
ones in one line too. Writing goes through formats/atomic.py, so a crash
mid-write leaves the previous file whole.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dreamscape.app.paths import display_path
from dreamscape.core.bounded_read import KIB, FileProblem, MissingFile, read_limited
from dreamscape.core.errors import one_line
from dreamscape.formats.atomic import write_text_atomic
from dreamscape.formats.output_error import OutputError

#: Settings and progress files are a few kilobytes.
MAX_JSON_BYTES = 256 * KIB
# A long list of problems would not fit on one line of the notice.
_MAX_PROBLEMS_SHOWN = 3


class JsonFileError(Exception):
    """A JSON file exists but cannot be used; the message says why, briefly."""


@dataclass(frozen=True)
class JsonStore:
    """How one kind of file is named in its notices, and what the game does about damage.

    what: the file's kind ('settings'), as in "settings file ~/x is unreadable".
    fallback: what happens when the whole file is unusable ('using defaults').
    bad: what its bad parts are called ('bad values').
    partial: what happens to the bad parts ('using defaults for those').
    """

    what: str
    fallback: str
    bad: str
    partial: str

    def read(self, path: Path) -> tuple[dict[str, Any] | None, str | None]:
        """(the JSON object, None); (None, None) if there is no file; (None, one line) if unusable."""
        try:
            data = read_json_file(path)
        except JsonFileError as exc:
            return None, self._unreadable(path, str(exc))
        if data is None:
            return None, None
        if not isinstance(data, dict):
            return None, self._unreadable(path, f"expected a JSON object, got {type(data).__name__}")
        return data, None

    def problems_notice(self, path: Path, problems: Sequence[str]) -> str | None:
        """One line naming the file and its bad parts; None when there are none."""
        if not problems:
            return None
        where = display_path(path)
        return one_line(f"{self.what} file {where} has {self.bad} ({problems_text(problems)}); {self.partial}")

    def write(self, path: Path, data: object) -> Path:
        """Write `data` atomically (creating the folder); return the path written."""
        write_json_atomic(path, data)
        return path

    def _unreadable(self, path: Path, detail: str) -> str:
        return one_line(f"{self.what} file {display_path(path)} is unreadable ({detail}); {self.fallback}")


def read_json_file(path: Path) -> object | None:
    """The parsed content of a JSON file, None if it does not exist; JsonFileError if unreadable."""
    try:
        # Settings and progress are a few kilobytes: a FIFO, a device or a
        # huge file in their place is damage, not something to wait on.
        raw = read_limited(path, MAX_JSON_BYTES, "a JSON file")
    except MissingFile:
        return None
    except FileProblem as exc:
        raise JsonFileError(str(exc)) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise JsonFileError(f"not UTF-8 text at byte {exc.start}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise JsonFileError(f"line {exc.lineno}: {exc.msg}") from None
    except RecursionError:
        raise JsonFileError("nested too deeply") from None


def write_json_atomic(path: Path, data: object) -> None:
    """Write `data` as JSON, replacing `path` only once the whole file is written."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(str(path), None, f"cannot create its folder '{path.parent}' ({exc.strerror or exc})", exc.errno) from None
    handle = io.StringIO()
    json.dump(data, handle, indent=2)
    handle.write("\n")
    write_text_atomic(path, handle.getvalue())


def problems_text(problems: Sequence[str]) -> str:
    """Join problems for a one-line notice, eliding all but the first few."""
    shown = list(problems[:_MAX_PROBLEMS_SHOWN])
    if len(problems) > len(shown):
        shown.append(f"and {len(problems) - len(shown)} more")
    return "; ".join(shown)
