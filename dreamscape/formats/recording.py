"""Recordings: a run's level, its commands tick by tick, and state checksums.

A recording is JSON Lines (UTF-8, one JSON object per line, each ending in a
newline), written as the run goes:

    {"format": "dreamscape-recording", "format_version": 1,
     "game_version": "0.1.0", "generator_version": 5, "sim_version": 1, "tick_rate": 30,
     "checksum_every": 30, "seed": 2042, "level": {...LevelSpec.to_dict()...},
     "hash": "<dreamscape content hash>"}
    {"k": 0, "s": {"player": "<hex>", "manifestations": ..., "dreamers": ...,
                   "map": ..., "rng": ...}}
    {"i": 0, "c": "A12C6M30B"}
    {"k": 30, "s": {...}}
    ...
    {"end": 917, "outcome": "won", "s": {...}}

- The header's `level` is the full level spec with the dreamer profile
  inline, so a recording replays without the level files it came from;
  `seed` repeats the level's seed and `hash` is the dreamscape's content hash.
- An input record `{"i": T, "c": RUNS}` holds the commands of ticks T,
  T+1, ... in order. RUNS is a run-length string: each command byte 0-15 is
  one letter, 'A' + byte ('A' wait, 'B' north, 'C' east, 'D' south, 'E' west,
  'I' wake, ...), followed by a decimal repeat count when it is held for more
  than one tick. Input records follow each other without gaps.
- A checksum record `{"k": T, "s": {part: hex}}` is the world's state after T
  ticks, split by part so a desync says what went wrong. One comes at tick 0
  and every `checksum_every` ticks after.
- The end record `{"end": T, "outcome": O, "s": {...}}` closes the run after
  T ticks: O is the world's outcome ('won', 'lost_time', 'lost_lucidity') or
  null when the run was stopped before the world ended.

The writer flushes every second of game time, so a crash loses at most the
last second. A file without its end record is *truncated*: it is read up to its
last whole record, and a last line cut off mid-write is ignored.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dreamscape import __version__
from dreamscape.core.bounded_read import MIB, read_input
from dreamscape.core.errors import InputError
from dreamscape.core.level import LevelSpec, level_from_dict
from dreamscape.core.timing import TICKS_PER_SECOND
from dreamscape.formats.log_file import LogFile
from dreamscape.gen.dreamscape import GENERATOR_VERSION
from dreamscape.sim.rules import SIM_VERSION
from dreamscape.sim.commands import Command

FORMAT = "dreamscape-recording"
FORMAT_VERSION = 1
CHECKSUM_EVERY = TICKS_PER_SECOND
#: The longest run a reader accepts: far beyond any rescue window (10 hours).
MAX_TICKS = 10 * 3600 * TICKS_PER_SECOND
#: A header is a few kilobytes; a longer first line is not a recording.
MAX_HEADER_BYTES = 1 << 20
#: About 250 bytes a second of play: ten hours fit with room to spare.
MAX_RECORDING_BYTES = 16 * MIB
HEADER_KEYS = ("format", "format_version", "game_version", "generator_version", "sim_version", "tick_rate", "checksum_every", "seed", "level", "hash")

_RUN = re.compile(r"([A-P])([1-9][0-9]{0,6})?")
_HEX = re.compile(r"[0-9a-f]{1,64}")


# --------------------------------------------------------------------------- the command encoding


def encode_commands(commands: bytes | bytearray | list[int]) -> str:
    """Run-length text for a sequence of command bytes: [0, 0, 0, 2] -> 'A3C'."""
    out: list[str] = []
    i, n = 0, len(commands)
    while i < n:
        c = commands[i]
        if not 0 <= c < 16:
            raise ValueError(f"command byte {c} is outside 0..15")
        j = i + 1
        while j < n and commands[j] == c:
            j += 1
        out.append(chr(65 + c) + (str(j - i) if j - i > 1 else ""))
        i = j
    return "".join(out)


def decode_commands(text: str, limit: int = MAX_TICKS) -> bytes:
    """The command bytes of a run-length string; ValueError when it is malformed."""
    if not isinstance(text, str):
        raise ValueError("commands must be a string")
    out = bytearray()
    pos = 0
    for match in _RUN.finditer(text):
        if match.start() != pos:
            break
        pos = match.end()
        count = int(match.group(2) or 1)
        if len(out) + count > limit:
            raise ValueError(f"more than {limit} ticks of commands")
        out += bytes([ord(match.group(1)) - 65]) * count
    if pos != len(text):
        raise ValueError(f"bad command text at character {pos + 1}: {text[pos:pos + 12]!r}")
    return bytes(out)


# --------------------------------------------------------------------------- writing


def make_header(spec: LevelSpec, content_hash: str, generator_version: int = GENERATOR_VERSION, checksum_every: int = CHECKSUM_EVERY, relaxed: bool = False) -> dict[str, Any]:
    """The first line of a recording of a run on `spec`'s dreamscape.

    `relaxed` (the player's relaxed mode, a longer rescue window) is written
    only when set, so recordings without it read as they always did.
    """
    header = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "game_version": __version__,
        "generator_version": generator_version,
        "sim_version": SIM_VERSION,
        "tick_rate": TICKS_PER_SECOND,
        "checksum_every": checksum_every,
        "seed": spec.seed,
        "level": spec.to_dict(),
        "hash": content_hash,
    }
    if relaxed:
        header["relaxed"] = True
    return header


def _line(record: dict[str, Any]) -> str:
    # Compact and key-ordered as built: the same run gives the same bytes.
    return json.dumps(record, separators=(",", ":"), ensure_ascii=False) + "\n"


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
        self._file.write(_line(header))
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
        self._file.write(_line(record))

    def _flush(self) -> None:
        if self._file is not None:
            self._file.flush()


# --------------------------------------------------------------------------- reading


@dataclass
class Recording:
    """A recording as read: the header, every command, the checksums, the end."""

    path: str
    header: dict[str, Any]
    spec: LevelSpec
    commands: bytes
    checksums: list[tuple[int, dict[str, str]]]  # (tick, {part: hex}), ticks rising
    end_tick: int | None = None  # None: no end record (cut off or crashed)
    outcome: str | None = None
    end_sums: dict[str, str] = field(default_factory=dict)
    cut_mid_line: bool = False  # the last line was cut off mid-write and ignored
    damaged_line: int | None = None  # first line of a damaged tail, ignored (1-based)
    damage: str = ""  # what was wrong with that line

    @property
    def truncated(self) -> bool:
        """True when the end record is missing: the file stops partway through the run."""
        return self.end_tick is None

    def tail_note(self) -> str:
        """'truncated at line N (why)' for a damaged tail, else ''."""
        if self.damaged_line is None:
            return ""
        return f"truncated at line {self.damaged_line} ({self.damage})"

    @property
    def ticks(self) -> int:
        """Ticks of commands present."""
        return len(self.commands)

    @property
    def checksum_every(self) -> int:
        return int(self.header["checksum_every"])

    @property
    def relaxed(self) -> bool:
        """Whether the run was played in relaxed mode (a longer rescue window)."""
        return bool(self.header.get("relaxed", False))

    @property
    def level_name(self) -> str:
        return self.spec.name or self.spec.profile.name


def read_recording(path: str | Path) -> Recording:
    """Read and validate a recording; InputError names the file, the line or field."""
    source = str(path)
    lines, cut = _read_lines(Path(path), source)
    header = _parse_header(lines[0] if lines else b"", source, cut and len(lines) == 1)
    spec = level_from_dict(header["level"], f"{source}: level")
    if spec.seed != header["seed"]:
        raise InputError(source, "seed", f"the header says {header['seed']} but its level has seed {spec.seed}")
    rec = Recording(source, header, spec, b"", [])
    _parse_records(rec, lines[1:], source, cut)
    return rec


def _read_lines(path: Path, source: str) -> tuple[list[bytes], bool]:
    """The file's lines, and whether the last one was cut off (no newline)."""
    data = read_input(path, MAX_RECORDING_BYTES, "a recording")
    newline = data.find(b"\n", 0, MAX_HEADER_BYTES)
    if newline < 0 and len(data) >= MAX_HEADER_BYTES:
        raise InputError(source, None, "not a dreamscape recording (no header line)")
    lines = data.split(b"\n")
    cut = lines[-1] != b""
    if not cut:
        lines.pop()
    return lines, cut


def _decode(line: bytes) -> tuple[Any, str]:
    """(the line's JSON value, '') or (None, why it is not JSON at all)."""
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, f"not UTF-8 text at byte {exc.start}"
    try:
        return json.loads(text), ""
    except RecursionError:
        return None, "nested too deeply"
    except ValueError:
        return None, "not JSON"


def _parse_header(line: bytes, source: str, cut: bool) -> dict[str, Any]:
    header, _ = _decode(line)
    if not isinstance(header, dict) or "format" not in header:
        if cut and line.lstrip().startswith(b'{"format":"' + FORMAT.encode()):
            raise InputError(source, None, "recording cut off inside its header line")
        raise InputError(source, None, "not a dreamscape recording (the first line is not a recording header)")
    if header["format"] != FORMAT:
        raise InputError(source, "format", f"not a dreamscape recording (format {header['format']!r}, expected {FORMAT!r})")
    version = header.get("format_version")
    if type(version) is not int or version != FORMAT_VERSION:  # not bool: True == 1
        shown = version if type(version) is int else repr(version)
        raise InputError(source, "format_version", f"the file is recording format {shown}; dreamscape {__version__} reads format {FORMAT_VERSION}")
    missing = [k for k in HEADER_KEYS if k not in header]
    if missing:
        raise InputError(source, missing[0], "missing from the recording header")
    made_by = header["game_version"]
    # A different generator builds a different level; different rules play it
    # differently. Either way the recording cannot be replayed here.
    for field, ours, what in (
        ("generator_version", GENERATOR_VERSION, "generator"),
        ("sim_version", SIM_VERSION, "simulation rules"),
    ):
        theirs = header[field]
        if type(theirs) is not int or theirs != ours:
            raise InputError(
                source,
                field,
                f"recorded with {what} v{theirs} (dreamscape {made_by}); this is dreamscape {__version__} with {what} v{ours}: "
                "replay it with the version that made it",
            )
    if header["tick_rate"] != TICKS_PER_SECOND:
        raise InputError(source, "tick_rate", f"recorded at {header['tick_rate']!r} ticks per second; this simulation runs at {TICKS_PER_SECOND}")
    every = header["checksum_every"]
    if isinstance(every, bool) or not isinstance(every, int) or not 1 <= every <= MAX_TICKS:
        raise InputError(source, "checksum_every", f"expected a positive number of ticks, got {every!r}")
    if isinstance(header["seed"], bool) or not isinstance(header["seed"], int):
        raise InputError(source, "seed", f"expected an integer, got {header['seed']!r}")
    if not isinstance(header["level"], dict):
        raise InputError(source, "level", "expected the level spec as a table")
    if not isinstance(header.get("relaxed", False), bool):
        raise InputError(source, "relaxed", f"expected true or false, got {header['relaxed']!r}")
    if not isinstance(header["hash"], str) or not _HEX.fullmatch(header["hash"]):
        raise InputError(source, "hash", f"expected a hexadecimal content hash, got {header['hash']!r}")
    return header


def _parse_records(rec: Recording, lines: list[bytes], source: str, cut: bool) -> None:
    """Apply the records after the header.

    A crash can leave a tail that is not records at all: a line cut off
    mid-write, or bytes that are not UTF-8 or not JSON (a file system that
    lost the last block fills it with zeros). Such a tail is reported as
    'truncated at line N' and what comes before it is kept and verified. A
    damaged line with a good record after it is no crash: it is corruption.
    """
    commands = bytearray()
    first_bad: tuple[int, str] | None = None  # (line number, why) of the first unreadable line
    for offset, raw in enumerate(lines):
        number = offset + 2  # 1-based, after the header
        last = offset == len(lines) - 1
        record, why = _decode(raw) if raw.strip() else (None, "")
        if why or (last and cut):
            if first_bad is None:
                reason = why or "cut off mid-line"
                if last and cut:
                    reason = "cut off mid-line" if not why or why == "not JSON" else f"cut off mid-line, {why}"
                first_bad = (number, reason)
            continue
        if not raw.strip():
            if first_bad is None and rec.end_tick is None:
                first_bad = (number, "an empty line")
            continue
        if first_bad is not None:
            raise InputError(source, f"line {first_bad[0]}", f"corrupt record: {first_bad[1]}, yet line {number} after it is a record")
        if rec.end_tick is not None:
            raise InputError(source, f"line {number}", "a record after the end record")
        try:
            _apply(rec, record, commands)
        except ValueError as exc:
            raise InputError(source, f"line {number}", f"corrupt record: {exc}") from None
    if first_bad is not None:
        rec.damaged_line, rec.damage = first_bad
        rec.cut_mid_line = cut
    rec.commands = bytes(commands)


def _apply(rec: Recording, record: Any, commands: bytearray) -> None:
    """Check one record against what came before and add it; ValueError if it does not fit."""
    if not isinstance(record, dict):
        raise ValueError("not a JSON object")
    keys = set(record)
    if keys == {"i", "c"}:
        if record["i"] != len(commands):
            raise ValueError(f"commands start at tick {record['i']!r}, expected {len(commands)}")
        chunk = decode_commands(record["c"], MAX_TICKS - len(commands))
        bad = next((c for c in chunk if not Command.valid(c)), None)
        if bad is not None:
            raise ValueError(f"command byte {bad} is not a valid command")
        commands += chunk
    elif keys == {"k", "s"}:
        tick = _tick(record["k"], len(commands))
        if rec.checksums and tick <= rec.checksums[-1][0]:
            raise ValueError(f"checksum at tick {tick} comes after one at tick {rec.checksums[-1][0]}")
        rec.checksums.append((tick, _sums(record["s"])))
    elif keys == {"end", "outcome", "s"}:
        tick = _tick(record["end"], len(commands))
        if tick != len(commands):
            raise ValueError(f"the run ends at tick {tick} but has commands for {len(commands)} ticks")
        if record["outcome"] is not None and not isinstance(record["outcome"], str):
            raise ValueError(f"outcome must be a string or null, got {record['outcome']!r}")
        rec.end_sums = _sums(record["s"])
        rec.end_tick, rec.outcome = tick, record["outcome"]
    else:
        raise ValueError(f"not an input, checksum or end record (keys {', '.join(sorted(map(str, keys)))})")


def _tick(value: Any, recorded: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"tick must be a non-negative integer, got {value!r}")
    if value > recorded:
        raise ValueError(f"checksum for tick {value} but commands only up to tick {recorded}")
    return value


def _sums(value: Any) -> dict[str, str]:
    if not isinstance(value, dict) or not value:
        raise ValueError("checksums must be a table of part -> hex")
    for part, digest in value.items():
        if not isinstance(digest, str) or not _HEX.fullmatch(digest):
            raise ValueError(f"checksum of {part!r} is not hexadecimal: {digest!r}")
    return dict(value)
