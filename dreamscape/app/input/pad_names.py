"""Gamepad input names: checking them, showing them, reading a hat (no pygame).

Gamepad inputs are named "button:N", "hat:N:up|down|left|right" and
"axis:N:+|-" (an axis counts as held beyond AXIS_DEAD_ZONE). Plain joystick
numbers are used, so any pad SDL can open works, mapped or not.
"""

from __future__ import annotations

import re

#: How far a stick must lean before it counts as a direction.
AXIS_DEAD_ZONE = 0.5

_PAD_INPUT = re.compile(r"^(?:button:\d{1,3}|hat:\d{1,2}:(?:up|down|left|right)|axis:\d{1,2}:[+-])$")
_BUTTON_LABELS = {0: "A", 1: "B", 2: "X", 3: "Y", 4: "LB", 5: "RB", 6: "Back", 7: "Start"}
_STICK_LABELS = {"axis:0:-": "Stick Left", "axis:0:+": "Stick Right", "axis:1:-": "Stick Up", "axis:1:+": "Stick Down"}


def normalize_pad_input(name: str) -> str:
    """Check a gamepad input name ('button:0', 'hat:0:up', 'axis:1:+'); ValueError if malformed."""
    text = name.strip().lower() if isinstance(name, str) else ""
    if not _PAD_INPUT.match(text):
        raise ValueError(f"unknown gamepad input {name!r} (expected button:N, hat:N:up|down|left|right or axis:N:+|-)")
    # "button:007" and "button:7" are one button.
    kind, number, *rest = text.split(":")
    return ":".join([kind, str(int(number)), *rest])


def pad_label(name: str) -> str:
    """How a gamepad input is shown on screen: 'button:0' -> 'A', 'hat:0:up' -> 'D-pad Up'."""
    kind, number, *rest = name.split(":")
    if kind == "button":
        return _BUTTON_LABELS.get(int(number), f"Button {number}")
    if kind == "hat":
        prefix = "D-pad" if number == "0" else f"D-pad {number}"
        return f"{prefix} {rest[0].capitalize()}"
    return _STICK_LABELS.get(name, f"Axis {number}{rest[0]}")


def hat_directions(value: tuple[int, int]) -> list[str]:
    """The hat directions ('up', 'left', ...) a hat position (x, y) holds."""
    x, y = value
    # SDL hats report y = +1 for up, unlike screen coordinates.
    return [d for d, on in (("up", y > 0), ("down", y < 0), ("left", x < 0), ("right", x > 0)) if on]
