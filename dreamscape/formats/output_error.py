"""The error for an output that could not be written: one line naming the file and the cause."""

from __future__ import annotations

from dreamscape.core.errors import InputError


class OutputError(InputError, OSError):
    """Writing `source` failed (disk full, file too large, permission, a bad target).

    An InputError, so the command line prints it as one line and exits 2; also
    an OSError, so callers that already catch OSError (the game's settings and
    recordings, the studio's save dialog) keep handling it as before.
    """

    def __init__(self, source: str, field: str | None, message: str, errno: int | None = None) -> None:
        super().__init__(source, field, message)
        self.errno = errno
        self.filename = source

    def __str__(self) -> str:
        # OSError would format errno and filename itself; the one line says it all.
        return self.line()

    def with_field(self, field: str) -> "OutputError":
        """The same error naming the option the path came from (`--record-dir`)."""
        return OutputError(self.source or "", field, self.message, self.errno)


def cannot_write(path: object, exc: OSError, field: str | None = None) -> OutputError:
    """An OutputError for `path` from the OSError that stopped the write."""
    if isinstance(exc, OutputError):
        return exc if field is None or exc.field else exc.with_field(field)
    cause = exc.strerror or str(exc) or type(exc).__name__
    return OutputError(str(path), field, f"cannot write ({cause})", exc.errno)
