"""The recording codec: records to lines and back, and the run-length text of commands.

    record_line({"i": 0, "c": encode_commands([0, 0, 0, 2])})   # '{"i":0,"c":"A3C"}\n'
    value, why = decode_line(b'{"i":0,"c":"A3C"}')               # why: '' or what is wrong
    decode_commands("A3C")                                        # b'\x00\x00\x00\x02'
"""

from __future__ import annotations

import json
import re
from typing import Any

from dreamscape.core.timing import TICKS_PER_SECOND

#: The longest run a reader accepts: far beyond any rescue window (10 hours).
MAX_TICKS = 10 * 3600 * TICKS_PER_SECOND

#: One letter per command byte 0..31 ('A' is 0); recordings from before the use command
#: held only A..P (0..15), which read the same.
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef"
_RUN = re.compile(r"([A-Za-f])([1-9][0-9]{0,6})?")
#: A checksum or content hash: lowercase hexadecimal.
HEX = re.compile(r"[0-9a-f]{1,64}")


def encode_commands(commands: bytes | bytearray | list[int]) -> str:
    """Run-length text for a sequence of command bytes: [0, 0, 0, 2] -> 'A3C'."""
    out: list[str] = []
    i, n = 0, len(commands)
    while i < n:
        c = commands[i]
        if not 0 <= c < len(LETTERS):
            raise ValueError(f"command byte {c} is outside 0..{len(LETTERS) - 1}")
        j = i + 1
        while j < n and commands[j] == c:
            j += 1
        out.append(LETTERS[c] + (str(j - i) if j - i > 1 else ""))
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
        out += bytes([LETTERS.index(match.group(1))]) * count
    if pos != len(text):
        raise ValueError(f"bad command text at character {pos + 1}: {text[pos:pos + 12]!r}")
    return bytes(out)


def record_line(record: dict[str, Any]) -> str:
    """One record as a line of the file, newline included."""
    # Compact and key-ordered as built: the same run gives the same bytes.
    return json.dumps(record, separators=(",", ":"), ensure_ascii=False) + "\n"


def decode_line(line: bytes) -> tuple[Any, str]:
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
