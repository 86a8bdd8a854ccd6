"""Atomic file writes: a failed command never leaves a half-written file behind."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from dreamscape.core.errors import InputError


def check_writable(path: Path, field: str) -> None:
    """Fail early, before any work, when `path` cannot be written."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise InputError(str(path), field, "is a directory, expected a file name")
    if not folder.is_dir():
        raise InputError(str(path), field, f"folder '{folder}' does not exist")
    if not os.access(folder, os.W_OK):
        raise InputError(str(path), field, f"folder '{folder}' is not writable")


def write_atomic(path: Path, write: Callable[[Path], None]) -> None:
    """Call `write(temp_path)` for a temp file beside `path`, then move it into place.

    The temp file keeps the target's suffix (image writers look at it). On any
    error the temp file is removed and `path` is left as it was.
    """
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=path.suffix, dir=path.parent if str(path.parent) else ".")
    os.close(fd)
    try:
        write(Path(tmp))
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def write_text_atomic(path: Path, text: str) -> None:
    """Write a text file atomically (UTF-8)."""
    write_atomic(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
