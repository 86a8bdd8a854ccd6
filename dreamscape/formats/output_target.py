"""What an output path really is, so a writer never destroys a device, a FIFO or a symlink.

    target = resolve_target("leo.json", "--json")

- an existing regular file ("file") is replaced atomically: a temp file beside
  it, then a rename; its permission bits and owner are kept;
- nothing there yet ("new") is created the same way;
- a symlink is followed: its final target is what gets written (created when
  the link dangles and the target's folder exists); the link stays a link;
- a character device or a FIFO ("stream", such as /dev/null or a named pipe)
  is written through, never renamed over;
- a folder, a block device or a socket is refused with one clear line.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from dreamscape.formats.output_error import OutputError, cannot_write

FILE = "file"
NEW = "new"
STREAM = "stream"


@dataclass(frozen=True)
class Target:
    """Where the bytes for an output path go, and how."""

    shown: str  # the path as the user gave it: the name errors use
    path: Path  # the file written: the path itself, or a symlink's final target
    kind: str  # FILE, NEW or STREAM
    stat: os.stat_result | None = None  # of the existing file or stream

    @property
    def folder(self) -> Path:
        """The folder that holds the temp file and the renamed result."""
        return self.path.parent


def resolve_target(path: str | os.PathLike[str], field: str | None = None) -> Target:
    """Classify `path` for writing; OutputError (naming the path and `field`) when it cannot be."""
    shown = str(path)
    try:
        st = os.stat(path)  # follows symlinks: the target is what matters
    except (FileNotFoundError, NotADirectoryError):
        st = None
    except OSError as exc:  # a symlink loop, a folder that cannot be searched
        raise cannot_write(shown, exc, field) from None
    if st is not None:
        mode = st.st_mode
        if stat.S_ISREG(mode):
            return Target(shown, Path(os.path.realpath(path)), FILE, st)
        if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
            return Target(shown, Path(path), STREAM, st)
        if stat.S_ISDIR(mode):
            raise OutputError(shown, field, "is a directory, expected a file name")
        what = "a block device" if stat.S_ISBLK(mode) else "a socket" if stat.S_ISSOCK(mode) else "not a regular file"
        raise OutputError(shown, field, f"is {what}; expected a file, a character device (such as /dev/null) or a FIFO")
    # Nothing there yet. A dangling symlink is followed to the file it names,
    # which is created when its folder exists.
    real = Path(os.path.realpath(path))
    if not real.parent.is_dir():
        if os.path.islink(path):
            raise OutputError(shown, field, f"is a symbolic link to '{os.readlink(path)}', whose folder does not exist")
        given = Path(path).parent if str(Path(path).parent) else Path(".")
        raise OutputError(shown, field, f"folder '{given}' does not exist")
    return Target(shown, real, NEW)


def is_stream(path: str | os.PathLike[str]) -> bool:
    """Whether `path` is (or links to) a character device or FIFO, which takes any content."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


def check_writable(path: str | os.PathLike[str], field: str | None) -> Target:
    """Fail early, before any work, when `path` cannot be written; returns its target."""
    target = resolve_target(path, field)
    if target.kind == STREAM:
        if not os.access(target.path, os.W_OK):
            raise OutputError(target.shown, field, "is not writable")
    elif not os.access(target.folder, os.W_OK):
        raise OutputError(target.shown, field, f"folder '{target.folder}' is not writable")
    return target
