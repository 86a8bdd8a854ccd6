"""The input layer: keyboard and gamepad events become abstract actions.

Every binding is data (pygame key names and gamepad input names kept in the
settings), so each action can be remapped. The game never looks at raw keys:

    controls = Controls(settings)
    for event in pygame.event.get():
        for action, down in controls.handle(event):
            ...                       # menus react to presses
    command = controls.command()      # once per simulation tick
    controls.end_frame()              # forget this frame's presses/releases

Gamepad inputs are named "button:N", "hat:N:up|down|left|right" and
"axis:N:+|-" (an axis counts as held beyond AXIS_DEAD_ZONE). Plain joystick
events are used, so any pad SDL can open works, mapped or not.
"""

from __future__ import annotations

import enum
import re
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

import pygame

from dreamscape.sim.commands import EAST, NONE, NORTH, SOUTH, WAKE_BIT, WEST

if TYPE_CHECKING:
    from dreamscape.app.settings import Settings


class Action(enum.Enum):
    """What a player can ask for, independent of the key or button used."""

    UP = "up"
    DOWN = "down"
    LEFT = "left"
    RIGHT = "right"
    WAKE = "wake"
    PAUSE = "pause"
    MINIMAP = "minimap"
    CONFIRM = "confirm"
    BACK = "back"


#: Actions read while playing; no two of them may share an input.
GAMEPLAY_ACTIONS = (Action.UP, Action.DOWN, Action.LEFT, Action.RIGHT, Action.WAKE, Action.PAUSE, Action.MINIMAP)
#: Actions read in menus. They may share inputs with gameplay actions (Space
#: both wakes and confirms) because the two are never read at the same time.
MENU_ACTIONS = (Action.CONFIRM, Action.BACK)

DIRECTIONS = {Action.UP: NORTH, Action.RIGHT: EAST, Action.DOWN: SOUTH, Action.LEFT: WEST}

DEFAULT_KEYS: dict[Action, tuple[str, ...]] = {
    Action.UP: ("up", "w"),
    Action.DOWN: ("down", "s"),
    Action.LEFT: ("left", "a"),
    Action.RIGHT: ("right", "d"),
    Action.WAKE: ("space", "e"),
    Action.PAUSE: ("escape", "p"),
    Action.MINIMAP: ("m", "tab"),
    Action.CONFIRM: ("return", "space"),
    Action.BACK: ("escape", "backspace"),
}

#: Button numbers follow SDL's layout for Xbox-style pads: 0 A, 1 B, 3 Y, 7 Start.
DEFAULT_PAD: dict[Action, tuple[str, ...]] = {
    Action.UP: ("hat:0:up", "axis:1:-"),
    Action.DOWN: ("hat:0:down", "axis:1:+"),
    Action.LEFT: ("hat:0:left", "axis:0:-"),
    Action.RIGHT: ("hat:0:right", "axis:0:+"),
    Action.WAKE: ("button:0",),
    Action.PAUSE: ("button:7",),
    Action.MINIMAP: ("button:3",),
    Action.CONFIRM: ("button:0",),
    Action.BACK: ("button:1",),
}

#: How far a stick must lean before it counts as a direction.
AXIS_DEAD_ZONE = 0.5

_PAD_INPUT = re.compile(r"^(?:button:\d{1,3}|hat:\d{1,2}:(?:up|down|left|right)|axis:\d{1,2}:[+-])$")
_KEY_LABELS = {"escape": "Esc", "return": "Enter", "enter": "Keypad Enter"}
_BUTTON_LABELS = {0: "A", 1: "B", 2: "X", 3: "Y", 4: "LB", 5: "RB", 6: "Back", 7: "Start"}
_STICK_LABELS = {"axis:0:-": "Stick Left", "axis:0:+": "Stick Right", "axis:1:-": "Stick Up", "axis:1:+": "Stick Down"}


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


@contextmanager
def _key_names_ready() -> Iterator[None]:
    # pygame.key.name()/key_code() with the default (compat) names read pygame's
    # own table, which is valid before the display starts; pygame still warns
    # then, and tests or tools that never open a window should not see that.
    if pygame.display.get_init():
        yield
        return
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"pygame\.init\(\) has not been called")
        yield


def key_code(name: str) -> int:
    """The pygame key code for a key name ('space', 'Left Shift'); ValueError if unknown."""
    if not isinstance(name, str) or not name.strip():
        raise ValueError(f"unknown key name {name!r}")
    with _key_names_ready():
        try:
            return pygame.key.key_code(name.strip())
        except ValueError:
            raise ValueError(f"unknown key name {name!r}") from None


def key_name(code: int) -> str:
    """The canonical pygame name of a key code ('' for keys without a name)."""
    with _key_names_ready():
        return pygame.key.name(code)


def normalize_key_name(name: str) -> str:
    """The canonical spelling of a key name ('SPACE' -> 'space'); ValueError if unknown."""
    canonical = key_name(key_code(name))
    if not canonical:
        raise ValueError(f"unknown key name {name!r}")
    return canonical


def normalize_pad_input(name: str) -> str:
    """Check a gamepad input name ('button:0', 'hat:0:up', 'axis:1:+'); ValueError if malformed."""
    text = name.strip().lower() if isinstance(name, str) else ""
    if not _PAD_INPUT.match(text):
        raise ValueError(f"unknown gamepad input {name!r} (expected button:N, hat:N:up|down|left|right or axis:N:+|-)")
    # "button:007" and "button:7" are one button.
    kind, number, *rest = text.split(":")
    return ":".join([kind, str(int(number)), *rest])


def key_label(name: str) -> str:
    """How a key name is shown on screen: 'space' -> 'Space', 'left shift' -> 'Left Shift'."""
    if name in _KEY_LABELS:
        return _KEY_LABELS[name]
    return " ".join(word[:1].upper() + word[1:] for word in name.split(" "))


def pad_label(name: str) -> str:
    """How a gamepad input is shown on screen: 'button:0' -> 'A', 'hat:0:up' -> 'D-pad Up'."""
    kind, number, *rest = name.split(":")
    if kind == "button":
        return _BUTTON_LABELS.get(int(number), f"Button {number}")
    if kind == "hat":
        prefix = "D-pad" if number == "0" else f"D-pad {number}"
        return f"{prefix} {rest[0].capitalize()}"
    return _STICK_LABELS.get(name, f"Axis {number}{rest[0]}")


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


def capture_next_key(event: pygame.event.Event) -> str | None:
    """For the remap screen: the key name of a KEYDOWN event, else None."""
    if event.type != pygame.KEYDOWN:
        return None
    return key_name(event.key) or None


def capture_next_pad_input(event: pygame.event.Event, dead_zone: float = AXIS_DEAD_ZONE) -> str | None:
    """For the remap screen: the gamepad input name a pad event presses, else None."""
    if event.type == pygame.JOYBUTTONDOWN:
        return f"button:{event.button}"
    if event.type == pygame.JOYHATMOTION:
        active = _hat_directions(event.value)
        return f"hat:{event.hat}:{active[0]}" if active else None
    if event.type == pygame.JOYAXISMOTION and abs(event.value) > dead_zone:
        return f"axis:{event.axis}:{'+' if event.value > 0 else '-'}"
    return None


def _hat_directions(value: tuple[int, int]) -> list[str]:
    x, y = value
    # SDL hats report y = +1 for up, unlike screen coordinates.
    return [d for d, on in (("up", y > 0), ("down", y < 0), ("left", x < 0), ("right", x > 0)) if on]


def _joystick_id(event: pygame.event.Event) -> int:
    # pygame-ce names it instance_id; older events only carry `joy`.
    return getattr(event, "instance_id", getattr(event, "joy", 0))


#: ("key", code) or ("pad", joystick id, input name).
InputId = tuple
Change = tuple[Action, bool]


class Controls:
    """Turns pygame events into action presses/releases and a per-tick command byte.

    Held state is tracked per physical input, so holding both Up and W and
    releasing one keeps UP held. Key repeats are not new presses.
    """

    def __init__(self, settings: Settings | None = None, dead_zone: float = AXIS_DEAD_ZONE) -> None:
        keys = settings.keys if settings is not None else default_key_bindings()
        pad = settings.pad if settings is not None else default_pad_bindings()
        self.dead_zone = dead_zone
        self._keys = {a: list(v) for a, v in self._parse(keys, normalize_key_name, DEFAULT_KEYS).items()}
        self._pad = {a: list(v) for a, v in self._parse(pad, normalize_pad_input, DEFAULT_PAD).items()}
        self._key_lookup: dict[int, list[Action]] = {}
        self._pad_lookup: dict[str, list[Action]] = {}
        self._rebuild()
        # Input -> the actions it triggered when pressed, so a remap while a
        # key is down still releases what that key pressed.
        self._down: dict[InputId, tuple[Action, ...]] = {}
        self._order: list[Action] = []  # held directions, most recent last
        self._tap_direction: Action | None = None
        self._tap_wake = False
        self._pressed: set[Action] = set()
        self._released: set[Action] = set()

    @staticmethod
    def _parse(
        raw: object, normalize: Callable[[str], str], defaults: Mapping[Action, Sequence[str]]
    ) -> dict[Action, list[str]]:
        checked = check_bindings(raw, normalize, defaults)
        return {Action[name]: names for name, names in checked.items()}

    def _rebuild(self) -> None:
        self._key_lookup = {}
        for action, names in self._keys.items():
            for name in names:
                self._key_lookup.setdefault(key_code(name), []).append(action)
        self._pad_lookup = {}
        for action, names in self._pad.items():
            for name in names:
                self._pad_lookup.setdefault(name, []).append(action)

    # -- events -------------------------------------------------------------

    def handle(self, event: pygame.event.Event) -> list[Change]:
        """Apply one event; return the actions it pressed (True) or released (False)."""
        kind = event.type
        if kind == pygame.KEYDOWN:
            return self._press(("key", event.key), self._key_lookup.get(event.key, ()))
        if kind == pygame.KEYUP:
            return self._release(("key", event.key))
        if kind in (pygame.JOYBUTTONDOWN, pygame.JOYBUTTONUP):
            return self._set_pad(_joystick_id(event), f"button:{event.button}", kind == pygame.JOYBUTTONDOWN)
        if kind == pygame.JOYHATMOTION:
            active = _hat_directions(event.value)
            changes: list[Change] = []
            for direction in ("up", "down", "left", "right"):
                changes += self._set_pad(_joystick_id(event), f"hat:{event.hat}:{direction}", direction in active)
            return changes
        if kind == pygame.JOYAXISMOTION:
            joy, value = _joystick_id(event), event.value
            # Release first so a stick flicked across centre in one event
            # ends the old direction before starting the new one.
            changes = self._set_pad(joy, f"axis:{event.axis}:+", value > self.dead_zone)
            changes += self._set_pad(joy, f"axis:{event.axis}:-", value < -self.dead_zone)
            return sorted(changes, key=lambda change: change[1])
        if kind == pygame.JOYDEVICEREMOVED:
            joy = _joystick_id(event)
            changes = []
            for input_id in [i for i in self._down if i[0] == "pad" and i[1] == joy]:
                changes += self._release(input_id)
            return changes
        if kind == pygame.WINDOWFOCUSLOST:
            # Keys released while another window has focus never reach us.
            return self.release_all()
        return []

    def _set_pad(self, joy: int, name: str, down: bool) -> list[Change]:
        input_id = ("pad", joy, name)
        if down:
            return self._press(input_id, self._pad_lookup.get(name, ()))
        return self._release(input_id)

    def _press(self, input_id: InputId, actions: Sequence[Action]) -> list[Change]:
        if input_id in self._down or not actions:
            return []
        changes = [(a, True) for a in actions if not self.held(a)]
        self._down[input_id] = tuple(actions)
        for action in actions:
            if action in DIRECTIONS:
                # A fresh press of a direction wins even if another input already holds it.
                if action in self._order:
                    self._order.remove(action)
                self._order.append(action)
                self._tap_direction = action
            elif action is Action.WAKE:
                self._tap_wake = True
        self._pressed.update(a for a, _ in changes)
        return changes

    def _release(self, input_id: InputId) -> list[Change]:
        actions = self._down.pop(input_id, ())
        changes = [(a, False) for a in actions if not self.held(a)]
        for action, _ in changes:
            if action in self._order:
                self._order.remove(action)
        self._released.update(a for a, _ in changes)
        return changes

    def release_all(self) -> list[Change]:
        """Release everything (focus lost, game paused); the command drops to 0."""
        changes = [(a, False) for a in Action if self.held(a)]
        self._down.clear()
        self._order.clear()
        self._tap_direction = None
        self._tap_wake = False
        self._released.update(a for a, _ in changes)
        return changes

    # -- queries ------------------------------------------------------------

    def held(self, action: Action) -> bool:
        """True while any input bound to `action` is down."""
        return any(action in actions for actions in self._down.values())

    def pressed(self, action: Action) -> bool:
        """True if `action` was pressed since the last end_frame()."""
        return action in self._pressed

    def released(self, action: Action) -> bool:
        """True if `action` was released since the last end_frame()."""
        return action in self._released

    def end_frame(self) -> None:
        """Forget this frame's presses and releases (call after the frame has read them)."""
        self._pressed.clear()
        self._released.clear()

    def command(self) -> int:
        """This tick's simulation command byte; call exactly once per tick.

        The direction is the most recently pressed one still held; a direction
        or wake pressed and already released since the previous tick still
        counts for this one tick, so a quick tap between ticks is not lost.
        """
        direction = self._tap_direction or (self._order[-1] if self._order else None)
        wake = self._tap_wake or self.held(Action.WAKE)
        self._tap_direction = None
        self._tap_wake = False
        code = DIRECTIONS[direction] if direction is not None else NONE
        return code | (WAKE_BIT if wake else 0)

    # -- bindings -----------------------------------------------------------

    def keys_for(self, action: Action) -> list[str]:
        """The key names bound to `action`, in slot order."""
        return list(self._keys[action])

    def pad_for(self, action: Action) -> list[str]:
        """The gamepad inputs bound to `action`, in slot order."""
        return list(self._pad[action])

    def bindings_text(self, action: Action, pad: bool = False) -> str:
        """On-screen hint for an action: 'Space / E' (or 'A' with pad=True)."""
        names = [pad_label(n) for n in self._pad[action]] if pad else [key_label(n) for n in self._keys[action]]
        return " / ".join(names) if names else "unbound"

    def remap(self, action: Action, key: str, slot: int = 0) -> list[Action]:
        """Bind key name `key` to `action` at `slot`; return the actions it was taken from.

        The key leaves every other action of the same context (two gameplay
        actions never share a key; a gameplay and a menu action may). If the
        action already has the key in another slot the two slots swap.
        ValueError for an unknown key name.
        """
        taken = _rebind(self._keys, action, normalize_key_name(key), slot)
        self._rebuild()
        return taken

    def remap_pad(self, action: Action, pad_input: str, slot: int = 0) -> list[Action]:
        """Like remap() for a gamepad input name ('button:2', 'hat:0:up', 'axis:1:+')."""
        taken = _rebind(self._pad, action, normalize_pad_input(pad_input), slot)
        self._rebuild()
        return taken

    def key_bindings(self) -> dict[str, list[str]]:
        """The current key bindings as stored in Settings.keys."""
        return {a.name: list(v) for a, v in self._keys.items()}

    def pad_bindings(self) -> dict[str, list[str]]:
        """The current gamepad bindings as stored in Settings.pad."""
        return {a.name: list(v) for a, v in self._pad.items()}

    def apply_to(self, settings: Settings) -> Settings:
        """A copy of `settings` carrying these bindings (to save after remapping)."""
        return settings.replace(keys=self.key_bindings(), pad=self.pad_bindings())


def _rebind(bindings: dict[Action, list[str]], action: Action, name: str, slot: int) -> list[Action]:
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
