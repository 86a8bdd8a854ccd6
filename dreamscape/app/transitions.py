"""What a screen's input or update asks of the scene stack.

A screen's `handle`, `update` and `focus_lost` return one of these (or None
to stay where it is); the frame loop applies it, asking routes.py for the
screen that serves the intent. So a screen says where to go, never how the
next screen is made.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Union

if TYPE_CHECKING:
    from dreamscape.app.intents import Intent


@dataclass(frozen=True)
class Push:
    """Open the intent's screen on top; the current one waits beneath it."""

    intent: "Intent"


@dataclass(frozen=True)
class Replace:
    """Swap the top screen for the intent's screen."""

    intent: "Intent"


@dataclass(frozen=True)
class Pop:
    """Close the top screen and return to the one beneath.

    With `otherwise`, a screen that has nothing beneath it goes there instead
    of ending the game.
    """

    otherwise: "Intent | None" = None


@dataclass(frozen=True)
class Reset:
    """Close every screen and open the intent's screen alone."""

    intent: "Intent"


Transition = Union[Push, Replace, Pop, Reset]
