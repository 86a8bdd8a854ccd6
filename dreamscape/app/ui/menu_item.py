"""One row of a game menu: its words, its value and what confirming or adjusting it does."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

@dataclass
class MenuItem:
    """One row of a Menu.

    label: what the row says. value: text shown at the right (or a function
    giving it, so it stays current). on_confirm: run on CONFIRM or a click.
    on_adjust: run with -1/+1 on LEFT/RIGHT (sliders, toggles, choices).
    fraction: makes the row a slider (0..1 fill); on_set takes a clicked
    fraction. toggle: makes the row an on/off switch. enabled: False shows it
    dimmed and refuses it. selectable: False makes a plain line of text the
    cursor skips. detail: a smaller second line. extra: a dim right-hand
    column (the gamepad bindings). help: a sentence the screen may show for
    the selected row. mark: "done" or "locked" drawn before the value.
    """

    label: str
    on_confirm: Callable[[], None] | None = None
    value: str | Callable[[], str] | None = None
    on_adjust: Callable[[int], None] | None = None
    fraction: Callable[[], float] | None = None
    on_set: Callable[[float], None] | None = None
    toggle: Callable[[], bool] | None = None
    enabled: bool = True
    selectable: bool = True
    detail: str = ""
    extra: str = ""
    help: str = ""
    mark: str = ""
    name: str = ""  # a stable id for screens and tests

    def value_text(self) -> str:
        """The value as shown now (calling `value` when it is a function)."""
        value = self.value() if callable(self.value) else self.value
        return value or ""

