"""Saving the tuned level and exporting the map, never overwriting a file unasked.

`SaveDialog` is the small state machine behind Ctrl+S and Ctrl+E: a file name
field, then, when the file exists, a "replace? Y/N" question.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from pathlib import Path

from dreamscape.core.errors import InputError
from dreamscape.core.level import LevelSpec, level_from_dict
from dreamscape.formats.atomic import write_text_atomic
from dreamscape.formats.level_toml import level_to_toml

#: Where saved levels go unless the studio is told otherwise.
DEFAULT_SAVE_DIR = Path("levels") / "studio"

Writer = Callable[[Path, bool], Path]


class TargetExists(FileExistsError):
    """The file to write is already there and replacing it was not confirmed.

    A subclass, so that other "exists" errors (a folder on the way that is a
    file) are reported as errors rather than mistaken for this question.
    """


def slug(name: str) -> str:
    """A file-name-safe lower-case form of a name ('Leo Vance' -> 'leo_vance')."""
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_") or "dreamer"


def default_stem(spec: LevelSpec) -> str:
    """'<dreamer>_<seed>', the name a save starts from."""
    return f"{slug(spec.profile.name)}_{spec.seed}"


def with_suffix(path: Path, suffix: str) -> Path:
    """`path` ending in `suffix` (added when the name has another or none)."""
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)


def save_level(spec: LevelSpec, path: Path, replace: bool = False) -> Path:
    """Write `spec` as a level file atomically; TargetExists if it is there, unless `replace`.

    The text is read back through the level loader first, so a file that
    would not load to the same spec is never written.
    """
    path = with_suffix(Path(path), ".toml")
    text = level_to_toml(spec)
    again = level_from_dict(tomllib.loads(text), str(path))
    if again != spec:
        raise ValueError(f"{path}: the level would not read back as written")
    return _write(path, replace, lambda target: write_text_atomic(target, text))


def export_png(ds, path: Path, tick: int | None = None, replace: bool = False) -> Path:
    """Render the map (with legend) at `tick` and write it as PNG; TargetExists if it is there, unless `replace`."""
    from dreamscape.render.map_image import render_map, save_surface

    path = with_suffix(Path(path), ".png")
    surface = render_map(ds, tick=tick or None)
    return _write(path, replace, lambda target: save_surface(surface, target))


def _write(path: Path, replace: bool, write: Callable[[Path], object]) -> Path:
    if path.is_dir():
        raise IsADirectoryError(21, "is a folder, expected a file name", str(path))
    if path.exists() and not replace:
        raise TargetExists(17, "exists", str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    write(path)
    return path


class SaveDialog:
    """A file name being typed, and the replace question when that file exists.

    `write(path, replace)` does the saving and raises TargetExists when it
    would overwrite without `replace`. After `submit` or `answer`,
    `saved` holds the written path, `asking` the path awaiting Y/N, and
    `error` what went wrong (the dialog stays open to fix the name).
    """

    def __init__(self, title: str, default: str, write: Writer) -> None:
        self.title = title
        self.text = default
        self._write = write
        self.asking: Path | None = None
        self.saved: Path | None = None
        self.error = ""

    @property
    def done(self) -> bool:
        """Whether the file has been written."""
        return self.saved is not None

    def type(self, chars: str) -> None:
        """Add typed characters to the name (ignored while asking Y/N)."""
        if self.asking is None:
            self.text += "".join(ch for ch in chars if ch.isprintable())
            self.error = ""

    def backspace(self, word: bool = False) -> None:
        """Delete the last character (or the last word, up to a separator)."""
        if self.asking is not None:
            return
        if word:
            self.text = re.sub(r"[^/\\_.\- ]*[/\\_.\- ]?$", "", self.text)
        else:
            self.text = self.text[:-1]
        self.error = ""

    def submit(self) -> Path | None:
        """Try to write under the typed name; returns the path once written."""
        name = self.text.strip()
        if not name:
            self.error = "type a file name"
            return None
        return self._attempt(Path(name).expanduser(), replace=False)

    def answer(self, yes: bool) -> Path | None:
        """The reply to "replace?": yes writes over the file, no goes back to the name."""
        path, self.asking = self.asking, None
        if path is None or not yes:
            return None
        return self._attempt(path, replace=True)

    def _attempt(self, path: Path, replace: bool) -> Path | None:
        try:
            self.saved = self._write(path, replace)
        except TargetExists as exc:
            self.asking = Path(exc.filename) if exc.filename else path
            return None
        except InputError as exc:
            self.error = exc.line()
            return None
        except ValueError as exc:
            self.error = str(exc)
            return None
        except OSError as exc:
            where = exc.filename or path
            self.error = f"{where}: {exc.strerror or exc}"
            return None
        return self.saved
