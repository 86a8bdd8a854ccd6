"""Atomic file writes: a failed command never leaves a half-written or lost file behind.

    write_all_atomic([(Path("leo.json"), text.encode(), "--json"),
                      (Path("leo.png"), lambda out: pygame.image.save(s, out, "png"), "--png")])

Each output's content is made in memory first (bytes, or a function that
fills a binary stream), so a writer that fails quietly (an image library
ignoring a short write) cannot leave a short file behind. Then every regular
file is written to a temp file beside it, every write checked, flushed and
fsynced, and only when all are complete are they renamed into place. Devices
and FIFOs are written through, never renamed over; symlinks are followed
(see output_target). Any OSError becomes an OutputError naming the file,
after the temp files are removed: the old files stay byte-identical.
"""

from __future__ import annotations

import contextlib
import io
import os
import stat
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import BinaryIO, Union

from dreamscape.formats.output_error import OutputError, cannot_write
from dreamscape.formats.output_target import FILE, STREAM, Target, check_writable, is_stream, resolve_target

__all__ = ["Content", "check_writable", "is_stream", "write_all_atomic", "write_atomic", "write_text_atomic"]

#: An output's content: the bytes, or a function that writes them to a binary stream.
Content = Union[bytes, Callable[[BinaryIO], None]]


def _read_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# Read once at import: toggling the umask later would race with files other
# threads create (the game opens recordings on a worker thread).
_UMASK = _read_umask()


def write_all_atomic(outputs: Sequence[tuple]) -> None:
    """Write several outputs, each `(path, content)` or `(path, content, field)`, all or none.

    Every content is made before any file is touched; then the temp files are
    written and synced, devices and FIFOs written through, and the temp files
    renamed into place. On an error nothing regular has been replaced, the
    temp files are gone, and an OutputError names the file (and the option).
    """
    planned: list[tuple[Target, bytes, str | None]] = []
    for item in outputs:
        path, content, field = (*item, None)[:3]
        target = resolve_target(path, field)
        planned.append((target, _render(content, target, field), field))
    temps: list[tuple[str, Target, str | None]] = []
    try:
        for target, data, field in planned:
            if target.kind != STREAM:
                temps.append((write_temp_beside(target, data, field), target, field))
        for target, data, field in planned:
            if target.kind == STREAM:
                write_through(target, data, field)
        while temps:
            tmp, target, field = temps[0]
            try:
                os.replace(tmp, target.path)
            except OSError as exc:
                raise cannot_write(target.shown, exc, field) from None
            temps.pop(0)
            sync_folder(target.folder)
    finally:
        for tmp, _, _ in temps:
            remove_quietly(tmp)


def write_atomic(path: str | os.PathLike[str], content: Content, field: str | None = None) -> None:
    """Write one output atomically (see `write_all_atomic`)."""
    write_all_atomic([(path, content, field)])


def write_text_atomic(path: str | os.PathLike[str], text: str, field: str | None = None) -> None:
    """Write a text file atomically (UTF-8)."""
    write_atomic(path, text.encode("utf-8"), field)


# --------------------------------------------------------------------------- the steps, also used by log_file


def write_temp_beside(target: Target, data: bytes, field: str | None) -> str:
    """A synced temp file beside the target holding `data`; returns its path (removed on failure)."""
    fd, tmp = open_temp_beside(target, field)
    try:
        write_fully(fd, data)
        os.fsync(fd)
    except OSError as exc:
        close_quietly(fd)
        remove_quietly(tmp)
        raise cannot_write(target.shown, exc, field) from None
    try:
        os.close(fd)
    except OSError as exc:  # some filesystems report a failed write only here
        remove_quietly(tmp)
        raise cannot_write(target.shown, exc, field) from None
    return tmp


def open_temp_beside(target: Target, field: str | None) -> tuple[int, str]:
    """Create the temp file (same folder, so the rename is atomic) with the permissions the result should have."""
    import tempfile  # only when writing: `generate` without outputs never loads it

    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.path.name}.", suffix=".tmp", dir=target.folder)
    except OSError as exc:
        raise cannot_write(target.shown, exc, field) from None
    try:
        if target.kind == FILE and target.stat is not None:
            # Replacing a file keeps its permission bits and, where allowed, its owner.
            os.fchmod(fd, stat.S_IMODE(target.stat.st_mode))
            if (target.stat.st_uid, target.stat.st_gid) != (os.getuid(), os.getgid()):
                with contextlib.suppress(PermissionError):
                    os.fchown(fd, target.stat.st_uid, target.stat.st_gid)
        else:
            # mkstemp makes the file private; a new file gets the user's usual permissions.
            os.fchmod(fd, 0o666 & ~_UMASK)
    except OSError as exc:
        close_quietly(fd)
        remove_quietly(tmp)
        raise cannot_write(target.shown, exc, field) from None
    return fd, tmp


def write_through(target: Target, data: bytes, field: str | None) -> None:
    """Write `data` into a character device or FIFO (a FIFO waits for its reader, as `cat > fifo` does)."""
    try:
        fd = os.open(target.path, os.O_WRONLY | os.O_NOCTTY | os.O_CLOEXEC)
    except OSError as exc:
        raise cannot_write(target.shown, exc, field) from None
    try:
        # Between the check and the open, a regular file could have taken the
        # name; writing into it without truncating would corrupt it.
        mode = os.fstat(fd).st_mode
        if not (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)):
            raise OutputError(target.shown, field, "changed into a regular file while being written; nothing was written")
        write_fully(fd, data)
    except OSError as exc:
        close_quietly(fd)
        raise cannot_write(target.shown, exc, field) from None
    try:
        os.close(fd)
    except OSError as exc:
        raise cannot_write(target.shown, exc, field) from None


def write_fully(fd: int, data: bytes) -> None:
    """os.write until every byte is written: a short write is followed up, so a full disk raises."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        if written <= 0:
            raise OSError(5, "the write made no progress")
        view = view[written:]


def sync_folder(folder: Path) -> None:
    """Make a rename durable; best effort, since some filesystems cannot sync a folder."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def close_quietly(fd: int) -> None:
    """Close a descriptor after an error that is already being reported."""
    with contextlib.suppress(OSError):
        os.close(fd)


def remove_quietly(path: str | os.PathLike[str]) -> None:
    """Remove a temp file after an error that is already being reported."""
    with contextlib.suppress(OSError):
        os.unlink(path)


def _render(content: Content, target: Target, field: str | None) -> bytes:
    if isinstance(content, (bytes, bytearray, memoryview)):
        return bytes(content)
    buffer = io.BytesIO()
    try:
        content(buffer)
    except OutputError:
        raise
    except OSError as exc:
        raise cannot_write(target.shown, exc, field) from None
    return buffer.getvalue()
