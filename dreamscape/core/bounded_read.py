"""Read a user's file safely: a regular file only, and never more than the format allows.

A FIFO would block the program on open, `/dev/zero` would be read until
memory runs out, and `/dev/null` would pass for an empty file. Each of these
is refused with one line that says what the path is and what is expected.
"""

from __future__ import annotations

import errno
import os
import stat
from typing import TYPE_CHECKING

from dreamscape.core.errors import InputError

if TYPE_CHECKING:
    from pathlib import Path

KIB = 1024
MIB = 1024 * KIB


def describe_size(limit: int) -> str:
    """'1 MiB', '16 MiB' or '64 KiB': a limit as the user reads it."""
    if limit % MIB == 0:
        return f"{limit // MIB} MiB"
    if limit % KIB == 0:
        return f"{limit // KIB} KiB"
    return f"{limit} bytes"


def kind_of(mode: int) -> str:
    """What a non-regular file is, in words."""
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


class FileProblem(Exception):
    """Why a file could not be read, in a few words (no file name: the caller adds it)."""


class MissingFile(FileProblem):
    """The file does not exist (for settings, a fresh start rather than damage)."""


def read_limited(path: str | Path, limit: int, expected: str) -> bytes:
    """The whole content of a regular file of at most `limit` bytes.

    Raises FileProblem with a short reason: missing, not a regular file, too
    large, or unreadable. `expected` names the format ('a .toml file').
    """
    flags = os.O_RDONLY | os.O_CLOEXEC | os.O_NOCTTY | getattr(os, "O_NONBLOCK", 0)
    try:
        # O_NONBLOCK: opening a FIFO with no writer must not wait for one.
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise MissingFile("no such file") from None
    except IsADirectoryError:
        raise FileProblem(f"is a directory, expected {expected}") from None
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            raise FileProblem("file name too long") from None
        raise FileProblem(f"cannot read file ({exc.strerror or exc})") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FileProblem(f"is {kind_of(info.st_mode)}, expected {expected} (a regular file)")
        if info.st_size > limit:
            raise FileProblem(f"is {info.st_size:,} bytes; {expected} is at most {describe_size(limit)}")
        chunks = []
        left = limit + 1  # one byte more shows a file that grew while read
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        if len(data) > limit:
            raise FileProblem(f"is larger than {describe_size(limit)}, the most {expected} may be")
        return data
    except OSError as exc:
        if exc.errno == errno.EISDIR:
            raise FileProblem(f"is a directory, expected {expected}") from None
        raise FileProblem(f"cannot read file ({exc.strerror or exc})") from None
    finally:
        os.close(fd)


def read_input(path: str | Path, limit: int, expected: str) -> bytes:
    """read_limited, with a problem turned into an InputError naming the file."""
    try:
        return read_limited(path, limit, expected)
    except FileProblem as exc:
        raise InputError(str(path), None, str(exc)) from None
