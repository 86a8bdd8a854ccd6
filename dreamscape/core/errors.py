"""The one error type for bad user input: it knows the file and the field."""

from __future__ import annotations

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
        """The single line shown to the user (control characters escaped)."""
        parts = [p for p in (self.source, self.field) if p]
        return one_line(": ".join(parts + [self.message]))


def one_line(text: str) -> str:
    """Escape newlines and other control characters so a message stays on one line."""
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


def terminal_text(text: str) -> str:
    """Escape control characters except newlines and tabs: text safe to print to a terminal."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() or ch in "\n\t" else repr(ch)[1:-1] for ch in text)


def nearest(name: str, allowed: Iterable[str]) -> str | None:
    """The allowed name closest to a typo (None only when nothing is allowed).

    Always answers: even a word far from every name ('failure') gets the
    closest one, which tells the user what kind of name is expected.
    """
    allowed = list(allowed)
    if not allowed:
        return None
    import difflib  # only on a mistake: a command that goes right never loads it

    def score(candidate: str) -> float:
        ratio = difflib.SequenceMatcher(None, name, candidate).ratio()
        # Substrings ('trapped' in 'being_trapped') count as very close.
        if name and (name in candidate or candidate in name):
            ratio += 1.0
        return ratio

    return max(allowed, key=score)


def unknown_name(source: str | None, field: str, name: str, allowed: Iterable[str], what: str) -> InputError:
    """An error for a name outside a vocabulary, with a suggestion."""
    allowed = list(allowed)
    guess = nearest(name, allowed)
    hint = f"; did you mean '{guess}'?" if guess else ""
    return InputError(source, field, f"unknown {what} '{name}'{hint} (allowed: {', '.join(allowed)})")
