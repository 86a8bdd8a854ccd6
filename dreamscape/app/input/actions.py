"""What a player can ask for, independent of the key or button used (no pygame)."""

from __future__ import annotations

import enum

from dreamscape.sim.commands import EAST, NORTH, SOUTH, WEST


class Action(enum.Enum):
    """What a player can ask for, independent of the key or button used."""

    UP = "up"
    DOWN = "down"
    LEFT = "left"
    RIGHT = "right"
    WAKE = "wake"
    USE = "use"
    PAUSE = "pause"
    MINIMAP = "minimap"
    CONFIRM = "confirm"
    BACK = "back"


#: Actions read while playing; no two of them may share an input.
GAMEPLAY_ACTIONS = (Action.UP, Action.DOWN, Action.LEFT, Action.RIGHT, Action.WAKE, Action.USE, Action.PAUSE, Action.MINIMAP)
#: Actions read in menus. They may share inputs with gameplay actions (Space
#: both wakes and confirms) because the two are never read at the same time.
MENU_ACTIONS = (Action.CONFIRM, Action.BACK)

#: The simulation direction code of each direction action.
DIRECTIONS = {Action.UP: NORTH, Action.RIGHT: EAST, Action.DOWN: SOUTH, Action.LEFT: WEST}


def context_of(action: Action) -> tuple[Action, ...]:
    """The group of actions `action` must not share an input with."""
    return MENU_ACTIONS if action in MENU_ACTIONS else GAMEPLAY_ACTIONS


def action_named(name: str) -> Action:
    """The action for a settings-file name ('WAKE' or 'wake'); ValueError otherwise."""
    try:
        return Action[str(name).upper()]
    except KeyError:
        allowed = ", ".join(a.name for a in Action)
        raise ValueError(f"unknown action {name!r} (expected one of {allowed})") from None
