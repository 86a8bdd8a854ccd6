"""The recording header: its first line, made for a run and checked when read.

    header = make_header(spec, content_hash)
    header = parse_header(first_line, source, cut=False)   # InputError says what does not fit
"""

from __future__ import annotations

from typing import Any

from dreamscape import __version__
from dreamscape.core.errors import InputError
from dreamscape.core.level import LevelSpec
from dreamscape.core.timing import TICKS_PER_SECOND
from dreamscape.formats.recording.codec import HEX, MAX_TICKS, decode_line
from dreamscape.gen.dreamscape import GENERATOR_VERSION
from dreamscape.sim.rules import SIM_VERSION

FORMAT = "dreamscape-recording"
FORMAT_VERSION = 1
CHECKSUM_EVERY = TICKS_PER_SECOND
#: A header is a few kilobytes; a longer first line is not a recording.
MAX_HEADER_BYTES = 1 << 20
HEADER_KEYS = ("format", "format_version", "game_version", "generator_version", "sim_version", "tick_rate", "checksum_every", "seed", "level", "hash")


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


def parse_header(line: bytes, source: str, cut: bool) -> dict[str, Any]:
    """The header in a recording's first line (`cut`: the file ends inside it); InputError when it is not one this version replays."""
    header, _ = decode_line(line)
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
    if not isinstance(header["hash"], str) or not HEX.fullmatch(header["hash"]):
        raise InputError(source, "hash", f"expected a hexadecimal content hash, got {header['hash']!r}")
    return header
