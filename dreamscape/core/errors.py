"""The one error type for bad user input: it knows the file and the field."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


class InputError(Exception):
    """Bad input from the user: a file, a field and what is allowed.

    The command line prints it as one line and exits with code 2.
    """

    def __init__(self, source: str | None, field: str | None, message: str) -> None:
        self.source = source
        self.field = field
        self.message = message
        super().__init__(self.line())

    def line(self) -> str:
        """The single line shown to the user."""
        parts = [p for p in (self.source, self.field) if p]
        return ": ".join(parts + [self.message])


def nearest(name: str, allowed: Iterable[str]) -> str | None:
    """The allowed name closest to a typo, or None when nothing is close."""
    found = difflib.get_close_matches(name, list(allowed), n=1, cutoff=0.5)
    if found:
        return found[0]
    # Substring hints catch 'trapped' -> 'being_trapped'.
    for candidate in allowed:
        if name and (name in candidate or candidate in name):
            return candidate
    return None


def unknown_name(source: str | None, field: str, name: str, allowed: Iterable[str], what: str) -> InputError:
    """An error for a name outside a vocabulary, with a suggestion."""
    allowed = list(allowed)
    guess = nearest(name, allowed)
    hint = f"; did you mean '{guess}'?" if guess else ""
    return InputError(source, field, f"unknown {what} '{name}'{hint} (allowed: {', '.join(allowed)})")
