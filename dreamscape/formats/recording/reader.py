"""Reading a recording: the header, then every record checked against what came before.

A crash can leave a damaged tail (a line cut off mid-write, or bytes that
are not records at all); it is reported as 'truncated at line N' and what
comes before it is kept. Damage with a good record after it is corruption.

    rec = read_recording(path)        # InputError names the file, the line or field
    rec.commands, rec.checksums, rec.outcome, rec.tail_note()
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dreamscape.core.bounded_read import MIB, read_input
from dreamscape.core.errors import InputError
from dreamscape.core.level import LevelSpec, level_from_dict
from dreamscape.formats.recording.codec import HEX, MAX_TICKS, decode_commands, decode_line
from dreamscape.formats.recording.header import MAX_HEADER_BYTES, parse_header
from dreamscape.sim.commands import Command

#: About 250 bytes a second of play: ten hours fit with room to spare.
MAX_RECORDING_BYTES = 16 * MIB


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
    header = parse_header(lines[0] if lines else b"", source, cut and len(lines) == 1)
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
        record, why = decode_line(raw) if raw.strip() else (None, "")
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
        if not isinstance(digest, str) or not HEX.fullmatch(digest):
            raise ValueError(f"checksum of {part!r} is not hexadecimal: {digest!r}")
    return dict(value)
