"""What a scenario test asserts about events: those of one type, with the fields given.

    >>> from dreamscape.sim.events import Moved, Woke
    >>> events = [Moved(6, 2, 1), Woke(50, 0)]
    >>> expect(events, Woke, dreamer=0).tick
    50
    >>> events_of(events, Moved, x=3)
    []
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from dreamscape.sim.events import Event

E = TypeVar("E", bound=Event)


def events_of(events: Iterable[Event], kind: type[E], **fields: Any) -> list[E]:
    """The events of type `kind` whose named fields equal those given (`dreamer=0`)."""
    return [e for e in events if isinstance(e, kind) and all(getattr(e, name) == value for name, value in fields.items())]


def expect(events: Sequence[Event], kind: type[E], **fields: Any) -> E:
    """The first event of type `kind` with those fields; AssertionError if none."""
    found = events_of(events, kind, **fields)
    if not found:
        raise AssertionError(f"no {kind.__name__} event with {fields} among {list(events)}")
    return found[0]


def expect_none(events: Sequence[Event], kind: type[Event], **fields: Any) -> None:
    """AssertionError if any event of type `kind` with those fields happened."""
    found = events_of(events, kind, **fields)
    if found:
        raise AssertionError(f"unexpected {kind.__name__} events: {found}")
