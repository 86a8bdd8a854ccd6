"""A file written as it goes (a recording), where every write is checked.

    log = LogFile("runs/leo-3.rec", "--record-dir")
    log.write(line); log.flush()      # OutputError at once when the disk is full
    log.close()                       # flushed, fsynced, in place

A new file is written in place, so a crash leaves everything flushed so far
under its own name. An existing regular file is written to a temp file beside
it and renamed over only by `close()`, so a run that fails keeps the old file
byte-identical. Devices and FIFOs are written through; symlinks are followed.
A new file whose first write fails is removed again. After a write error the file is closed (a temp file removed) and every later
call does nothing, so the error is raised once and nothing loops on it.
"""

from __future__ import annotations

import dataclasses
import os

from dreamscape.formats.atomic import close_quietly, open_temp_beside, remove_quietly, sync_folder, write_fully
from dreamscape.formats.output_error import cannot_write
from dreamscape.formats.output_target import FILE, NEW, STREAM, resolve_target


class LogFile:
    """Text appended in memory by `write`, pushed to the file by `flush` and `close`."""

    def __init__(self, path: str | os.PathLike[str], field: str | None = None) -> None:
        self.field = field
        self._buffer = bytearray()
        self._tmp: str | None = None
        self._flushed = False  # whether any flush completed
        self.target = target = resolve_target(path, field)
        self._fd: int | None = None
        try:
            if target.kind == STREAM:
                self._fd = os.open(target.path, os.O_WRONLY | os.O_NOCTTY | os.O_CLOEXEC)
                return
            if target.kind == NEW:
                try:
                    self._fd = os.open(target.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)
                    return
                except FileExistsError:
                    # It appeared since it was checked: replace it like any existing file.
                    self.target = target = dataclasses.replace(target, kind=FILE, stat=os.stat(target.path))
        except OSError as exc:
            raise cannot_write(target.shown, exc, field) from None
        self._fd, self._tmp = open_temp_beside(target, field)

    @property
    def closed(self) -> bool:
        """Whether the file is closed (by `close`, or by a write error)."""
        return self._fd is None

    def write(self, text: str) -> None:
        """Add text to what the next `flush` writes (ignored once closed)."""
        if self._fd is not None:
            self._buffer += text.encode("utf-8")

    def flush(self) -> None:
        """Write everything pending; OutputError naming the file when the write fails."""
        if self._fd is None or not self._buffer:
            return
        try:
            # A copy: the buffer itself cannot be cleared while a view of it is alive in a traceback.
            write_fully(self._fd, bytes(self._buffer))
        except OSError as exc:
            self._fail(exc)
        self._buffer.clear()
        self._flushed = True

    def close(self) -> None:
        """Flush, sync and close; an existing file is replaced only now."""
        if self._fd is None:
            return
        self.flush()
        fd, self._fd = self._fd, None
        try:
            if self.target.kind != STREAM:
                os.fsync(fd)
        except OSError as exc:
            self._fd = fd
            self._fail(exc)
        try:
            os.close(fd)
            if self._tmp is not None:
                os.replace(self._tmp, self.target.path)
                self._tmp = None
        except OSError as exc:
            self._discard_temp()
            raise cannot_write(self.target.shown, exc, self.field) from None
        if self.target.kind != STREAM:
            sync_folder(self.target.folder)

    def _fail(self, exc: OSError):
        """Close after a write error, remove the temp file, and raise the error once."""
        if self._fd is not None:
            close_quietly(self._fd)
            self._fd = None
        self._buffer.clear()
        self._discard_temp()
        if self.target.kind == NEW and not self._flushed:
            # Not even the first write went through: the file this created holds nothing of use.
            remove_quietly(self.target.path)
        raise cannot_write(self.target.shown, exc, self.field) from None

    def _discard_temp(self) -> None:
        if self._tmp is not None:
            remove_quietly(self._tmp)
            self._tmp = None

