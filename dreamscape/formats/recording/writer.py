"""Writing a recording as the run goes, flushed every second of game time.

    with RecordingWriter(path, make_header(spec, content_hash)) as rec:
        rec.command(c)                # every tick
        rec.checksum(sums)            # every checksum_every ticks
        rec.finish(outcome, sums)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dreamscape.core.timing import TICKS_PER_SECOND
from dreamscape.formats.log_file import LogFile
from dreamscape.formats.recording.codec import encode_commands, record_line


class RecordingWriter:
    """Writes a recording to its final path as the run goes (it is a log, not a save).

    Call `command(c)` once per tick, `checksum(sums)` after the ticks the
    header's `checksum_every` asks for, and `finish(outcome, sums)` at the end.
    Commands reach the file at least every second of game time; `close()`
    without `finish` leaves a truncated recording, as a crash would.
    """

    def __init__(self, path: str | Path, header: dict[str, Any]) -> None:
        self.path = Path(path)
        self.ticks = 0
        self._start = 0  # first tick of the commands not yet written
        self._pending = bytearray()
        # Every write is checked: a full disk stops the run with an OutputError naming the file.
        self._file: LogFile | None = LogFile(self.path)
        self._file.write(record_line(header))
        self._file.flush()

    @property
    def closed(self) -> bool:
        return self._file is None or self._file.closed

    def command(self, command: int) -> None:
        """Record the command of the next tick."""
        self._pending.append(command)
        self.ticks += 1
        if len(self._pending) >= TICKS_PER_SECOND:
            self._write_inputs()
            self._flush()

    def checksum(self, sums: dict[str, str]) -> None:
        """Record the state checksums after the ticks recorded so far."""
        self._write_inputs()
        self._write({"k": self.ticks, "s": dict(sums)})
        self._flush()

    def finish(self, outcome: str | None, sums: dict[str, str]) -> None:
        """Write the end record (outcome None: stopped before the world ended) and close."""
        self._write_inputs()
        self._write({"end": self.ticks, "outcome": outcome, "s": dict(sums)})
        self.close()

    def close(self) -> None:
        """Write what is pending and close; without `finish` the file reads as truncated."""
        if self._file is None:
            return
        try:
            self._write_inputs()
        finally:
            file, self._file = self._file, None
            file.close()

    def __enter__(self) -> "RecordingWriter":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _write_inputs(self) -> None:
        if self._pending:
            self._write({"i": self._start, "c": encode_commands(self._pending)})
            self._start = self.ticks
            self._pending.clear()

    def _write(self, record: dict[str, Any]) -> None:
        if self._file is None:
            raise ValueError(f"recording {self.path} is already closed")
        self._file.write(record_line(record))

    def _flush(self) -> None:
        if self._file is not None:
            self._file.flush()
