"""Small typed readers for TOML tables that raise InputError naming the field."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from dreamscape.core.bounded_read import MIB, read_input
from dreamscape.core.errors import InputError, unknown_name

if TYPE_CHECKING:
    from pathlib import Path

# Levels and profiles are a few hundred bytes; a megabyte leaves room for
# comments and intros while refusing a stray log or image at once.
MAX_TOML_BYTES = 1 * MIB


def read_toml(path: str | Path) -> dict[str, Any]:
    """Parse a TOML file, turning every failure into one clear InputError."""
    import tomllib  # only when a file is read: a recording's level (inline tables) needs no TOML parser

    source = str(path)
    raw = read_input(path, MAX_TOML_BYTES, "a .toml file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(source, None, "is not UTF-8 text") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(source, None, f"malformed TOML: {exc}") from None
    except RecursionError:
        raise InputError(source, None, "malformed TOML: arrays or tables nested too deeply") from None


def check_keys(source: str, prefix: str, table: dict[str, Any], allowed: tuple[str, ...], what: str = "key") -> None:
    """Reject keys outside `allowed`, suggesting the nearest valid one."""
    for key in table:
        if key not in allowed:
            field = f"{prefix}{key}"
            raise unknown_name(source, field, key, allowed, what)


#: Characters that would drive a terminal or reorder text when a name is shown.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def get_str(source: str, field: str, value: Any, lines: bool = False) -> str:
    """A non-empty string without control characters (newlines and tabs allowed when `lines`)."""
    if not isinstance(value, str) or not value.strip():
        raise InputError(source, field, f"expected a non-empty string, got {_show(value)}")
    for ch in value:
        if (ch < " " or "\x7f" <= ch < "\xa0" or ch in _BIDI_CONTROLS) and not (lines and ch in "\n\t"):
            kind = "text" if lines else "a one-line name"
            raise InputError(source, field, f"expected {kind} without control characters, got {ascii(ch)} in it")
    return value


def get_int(source: str, field: str, value: Any, lo: int, hi: int) -> int:
    """An integer in [lo, hi] (booleans and floats are refused)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(source, field, f"expected an integer from {lo} to {hi}, got {_show(value)}")
    if not lo <= value <= hi:
        raise InputError(source, field, f"expected an integer from {lo} to {hi}, got {value}")
    return value


def get_float(source: str, field: str, value: Any, lo: float, hi: float) -> float:
    """A finite number in [lo, hi]; integers are accepted."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InputError(source, field, f"expected a number from {lo:g} to {hi:g}, got {_show(value)}")
    try:
        value = float(value)
    except OverflowError:
        raise InputError(source, field, f"expected a number from {lo:g} to {hi:g}, got a {len(str(value))}-digit integer") from None
    if math.isnan(value) or not lo <= value <= hi:
        raise InputError(source, field, f"expected a number from {lo:g} to {hi:g}, got {value!r}")
    return value


def get_table(source: str, field: str, value: Any) -> dict[str, Any]:
    """A TOML table."""
    if not isinstance(value, dict):
        raise InputError(source, field, f"expected a table, got {_show(value)}")
    return value


def _show(value: Any) -> str:
    kind = type(value).__name__
    text = repr(value)
    if len(text) > 40:
        text = text[:37] + "..."
    return f"{kind} {text}"
