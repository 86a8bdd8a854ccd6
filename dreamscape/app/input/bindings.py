"""Bindings as data: the defaults, checking a stored table, moving one input (no pygame).

A binding table maps each action to its inputs in slot order: key names for
the keyboard (key_names.py), gamepad input names for pads (pad_names.py).
The settings file stores them keyed by action name ('WAKE').
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from dreamscape.app.input.actions import GAMEPLAY_ACTIONS, MENU_ACTIONS, Action, action_named, context_of

DEFAULT_KEYS: dict[Action, tuple[str, ...]] = {
    Action.UP: ("up", "w"),
    Action.DOWN: ("down", "s"),
    Action.LEFT: ("left", "a"),
    Action.RIGHT: ("right", "d"),
    Action.WAKE: ("space", "e"),
    Action.USE: ("f", "q"),
    Action.PAUSE: ("escape", "p"),
    Action.MINIMAP: ("m", "tab"),
    Action.CONFIRM: ("return", "space"),
    Action.BACK: ("escape", "backspace"),
}

#: Button numbers follow SDL's layout for Xbox-style pads: 0 A, 1 B, 2 X, 3 Y, 7 Start.
DEFAULT_PAD: dict[Action, tuple[str, ...]] = {
    Action.UP: ("hat:0:up", "axis:1:-"),
    Action.DOWN: ("hat:0:down", "axis:1:+"),
    Action.LEFT: ("hat:0:left", "axis:0:-"),
    Action.RIGHT: ("hat:0:right", "axis:0:+"),
    Action.WAKE: ("button:0",),
    Action.USE: ("button:2",),
    Action.PAUSE: ("button:7",),
    Action.MINIMAP: ("button:3",),
    Action.CONFIRM: ("button:0",),
    Action.BACK: ("button:1",),
}


def check_bindings(
    raw: object,
    normalize: Callable[[str], str],
    defaults: Mapping[Action, Sequence[str]],
) -> dict[str, list[str]]:
    """Validate an action -> inputs mapping (as stored in settings); ValueError on problems.

    Returns a complete mapping keyed by action name. Actions missing from `raw`
    (a file from an older version) get their default inputs, minus any the file
    already gives to another action of the same context.
    """
    if not isinstance(raw, Mapping):
        raise ValueError(f"expected a table of action -> list of names, got {type(raw).__name__}")
    result: dict[Action, list[str]] = {}
    for name, inputs in raw.items():
        action = action_named(name)
        if action in result:
            raise ValueError(f"action {action.name} is listed twice")
        if isinstance(inputs, str) or not isinstance(inputs, Sequence):
            raise ValueError(f"{action.name}: expected a list of names, got {type(inputs).__name__}")
        names: list[str] = []
        for item in inputs:
            try:
                canonical = normalize(item)
            except ValueError as exc:
                raise ValueError(f"{action.name}: {exc}") from None
            if canonical not in names:
                names.append(canonical)
        result[action] = names
    for action in Action:
        if action not in result:
            taken = {n for other in context_of(action) for n in result.get(other, ())}
            result[action] = [n for n in defaults[action] if n not in taken]
    for group in (GAMEPLAY_ACTIONS, MENU_ACTIONS):
        owner: dict[str, Action] = {}
        for action in group:
            for item in result[action]:
                if item in owner:
                    raise ValueError(f"{item!r} is bound to both {owner[item].name} and {action.name}")
                owner[item] = action
    return {action.name: result[action] for action in Action}


def default_key_bindings() -> dict[str, list[str]]:
    """A fresh copy of DEFAULT_KEYS keyed by action name, as stored in settings."""
    return {action.name: list(keys) for action, keys in DEFAULT_KEYS.items()}


def default_pad_bindings() -> dict[str, list[str]]:
    """A fresh copy of DEFAULT_PAD keyed by action name, as stored in settings."""
    return {action.name: list(inputs) for action, inputs in DEFAULT_PAD.items()}


def rebind(bindings: dict[Action, list[str]], action: Action, name: str, slot: int) -> list[Action]:
    """Put input `name` (already canonical) in `action`'s `slot`; return the actions it was taken from.

    The input leaves every other action of the same context. If the action
    already has it in another slot the two slots swap. ValueError for a
    negative slot.
    """
    if slot < 0:
        raise ValueError(f"slot must be 0 or more, got {slot}")
    names = bindings[action]
    if name in names:
        old = names.index(name)
        if slot < len(names):
            names[old], names[slot] = names[slot], names[old]
    elif slot < len(names):
        names[slot] = name
    else:
        names.append(name)
    taken = []
    for other in context_of(action):
        if other is not action and name in bindings[other]:
            bindings[other].remove(name)
            taken.append(other)
    return taken
