"""Standard output that fails with one clear line: full (/dev/full), closed (`>&-`) or gone.

    with checked_stdout():
        ...                      # print() as usual
        sys.stdout.flush()       # StdoutError (an InputError) when the writes failed

Python buffers standard output and reports a failed write only at exit, as a
traceback-like "Exception ignored" and exit code 120; with the stream closed
it sets `sys.stdout` to None, so `print` loses everything without a word and
`sys.stdout.write` raises AttributeError. Inside `checked_stdout` either
case raises StdoutError, which the command line prints as one line (exit 2).
A reader that went away (`| head`) still raises BrokenPipeError, which the
command line treats as the quiet end that Unix tools make of it.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator

from dreamscape.core.errors import InputError, terminal_text

NAME = "standard output"


class StdoutError(InputError):
    """Writing to standard output failed."""

    def __init__(self, cause: str) -> None:
        super().__init__(NAME, None, f"cannot write ({cause})")


class _Checked:
    """Passes everything to the real stream; turns a failed write or flush into StdoutError.

    Text is passed with its control characters escaped: names and file names
    come from the user's files, and a crafted one must not drive the terminal.
    """

    def __init__(self, stream) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(terminal_text(text))
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise StdoutError(exc.strerror or str(exc)) from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise StdoutError(exc.strerror or str(exc)) from None

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


class _Closed:
    """Stands in for a closed standard output: any write is an error, flushing is not."""

    closed = False  # to print() and friends this is a usable stream that refuses writes
    encoding = "utf-8"
    errors = "strict"

    def write(self, text: str) -> int:
        if not text:
            return 0
        raise StdoutError("it is closed")

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        raise OSError(9, "standard output is closed")


@contextlib.contextmanager
def checked_stdout() -> Iterator[None]:
    """Replace sys.stdout by a checked stream for the duration, then put the real one back."""
    real = sys.stdout
    if real is None:
        _hold_descriptor(1)
    sys.stdout = _Checked(real) if real is not None else _Closed()
    try:
        yield
    finally:
        sys.stdout = real


def silence_stdout() -> None:
    """After a failed write, point descriptor 1 at /dev/null so Python's final flush
    at exit finds somewhere to put the rest instead of complaining again."""
    stream = sys.stdout
    try:
        fd = stream.fileno()
        devnull = os.open(os.devnull, os.O_WRONLY)
    except (AttributeError, OSError, ValueError):
        return  # not a real file (captured in a test, or closed)
    try:
        os.dup2(devnull, fd)
    except OSError:
        pass
    finally:
        os.close(devnull)


def _hold_descriptor(fd: int) -> None:
    """With descriptor 1 closed, the next file opened would get it and receive
    whatever is written to "standard output"; hold it with /dev/null instead."""
    try:
        os.fstat(fd)
        return
    except OSError:
        pass
    with contextlib.suppress(OSError):
        held = os.open(os.devnull, os.O_WRONLY)
        if held != fd:
            os.dup2(held, fd)
            os.close(held)


class _Escaped:
    """A stream whose text has its control characters escaped (for reports sent to stderr)."""

    def __init__(self, stream) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(terminal_text(text))

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


def escaped_stderr():
    """Standard error for a report that holds names from the user's files."""
    return _Escaped(sys.stderr)
