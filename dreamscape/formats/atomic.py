"""Atomic file writes: a failed command never leaves a half-written file behind."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from dreamscape.core.errors import InputError

Writer = Callable[[Path], None]


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


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_all_atomic(outputs: Sequence[tuple[Path, Writer]]) -> None:
    """Write several files so that either all are replaced or none is touched.

    Each writer fills a temp file beside its target (same suffix, since image
    writers look at it); only when every writer has succeeded are the temp
    files moved into place. On any error the temp files are removed.
    """
    temps: list[tuple[str, Path]] = []
    try:
        for path, write in outputs:
            path = Path(path)
            folder = path.parent if str(path.parent) else Path(".")
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=path.suffix, dir=folder)
            os.close(fd)
            temps.append((tmp, path))
            write(Path(tmp))
            # mkstemp makes the file private; give it the user's usual permissions.
            os.chmod(tmp, 0o666 & ~_umask())
        for tmp, path in temps:
            os.replace(tmp, path)
    except BaseException:
        for tmp, _ in temps:
            try:
                os.unlink(tmp)
            except FileNotFoundError:
                pass
        raise


def write_atomic(path: Path, write: Writer) -> None:
    """Call `write(temp_path)` for a temp file beside `path`, then move it into place."""
    write_all_atomic([(Path(path), write)])


def write_text_atomic(path: Path, text: str) -> None:
    """Write a text file atomically (UTF-8)."""
    write_atomic(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
