"""Controls: each frame's pygame events become action presses and a per-tick command.

Every binding is data (key names and gamepad input names kept in the
settings), so each action can be remapped. The game never looks at raw keys:

    controls = Controls(settings)
    for event in pygame.event.get():
        for action, down in controls.handle(event):
            ...                       # menus react to presses and releases
    command = controls.command()      # once per simulation tick
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Union

import pygame

from dreamscape.app.input.actions import DIRECTIONS, Action
from dreamscape.app.input.bindings import (
    DEFAULT_KEYS,
    DEFAULT_PAD,
    check_bindings,
    default_key_bindings,
    default_pad_bindings,
    rebind,
)
from dreamscape.app.input.key_names import key_code, key_label, normalize_key_name
from dreamscape.app.input.pad_names import AXIS_DEAD_ZONE, hat_directions, normalize_pad_input, pad_label
from dreamscape.app.settings import Settings
from dreamscape.sim.commands import NONE, USE_BIT, WAKE_BIT

#: ("key", code) or ("pad", joystick id, input name).
InputId = Union[tuple[str, int], tuple[str, int, str]]
#: An action pressed (True) or released (False).
Change = tuple[Action, bool]


def _joystick_id(event: pygame.event.Event) -> int:
    # pygame-ce names it instance_id; older events only carry `joy`.
    return getattr(event, "instance_id", getattr(event, "joy", 0))


def _parse(
    raw: object, normalize: Callable[[str], str], defaults: Mapping[Action, Sequence[str]]
) -> dict[Action, list[str]]:
    checked = check_bindings(raw, normalize, defaults)
    return {Action[name]: names for name, names in checked.items()}


class Controls:
    """Turns pygame events into action presses/releases and a per-tick command byte.

    Held state is tracked per physical input, so holding both Up and W and
    releasing one keeps UP held. Key repeats are not new presses.
    """

    def __init__(self, settings: Settings | None = None, dead_zone: float = AXIS_DEAD_ZONE) -> None:
        keys = settings.keys if settings is not None else default_key_bindings()
        pad = settings.pad if settings is not None else default_pad_bindings()
        self.dead_zone = dead_zone
        self._keys = _parse(keys, normalize_key_name, DEFAULT_KEYS)
        self._pad = _parse(pad, normalize_pad_input, DEFAULT_PAD)
        self._key_lookup: dict[int, list[Action]] = {}
        self._pad_lookup: dict[str, list[Action]] = {}
        self._rebuild()
        # Input -> the actions it triggered when pressed, so a remap while a
        # key is down still releases what that key pressed.
        self._down: dict[InputId, tuple[Action, ...]] = {}
        self._order: list[Action] = []  # held directions, most recent last
        self._tap_direction: Action | None = None
        self._tap_wake = False
        self._tap_use = False  # use pressed since the last tick (one use per press)

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
            active = hat_directions(event.value)
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
            elif action is Action.USE:
                self._tap_use = True
        return changes

    def _release(self, input_id: InputId) -> list[Change]:
        actions = self._down.pop(input_id, ())
        changes = [(a, False) for a in actions if not self.held(a)]
        for action, _ in changes:
            if action in self._order:
                self._order.remove(action)
        return changes

    def release_all(self) -> list[Change]:
        """Release everything (focus lost, game paused); the command drops to 0."""
        changes = [(a, False) for a in Action if self.held(a)]
        self._down.clear()
        self._order.clear()
        self._tap_direction = None
        self._tap_wake = False
        self._tap_use = False
        return changes

    # -- queries ------------------------------------------------------------

    def held(self, action: Action) -> bool:
        """True while any input bound to `action` is down."""
        return any(action in actions for actions in self._down.values())

    def command(self) -> int:
        """This tick's simulation command byte; call exactly once per tick.

        The direction is the most recently pressed one still held; a direction
        or wake pressed and already released since the previous tick still
        counts for this one tick, so a quick tap between ticks is not lost.
        """
        direction = self._tap_direction or (self._order[-1] if self._order else None)
        wake = self._tap_wake or self.held(Action.WAKE)
        use = self._tap_use
        self._tap_direction = None
        self._tap_wake = False
        self._tap_use = False
        code = DIRECTIONS[direction] if direction is not None else NONE
        # Use is a press, not a hold: one per press, however long it is held.
        return code | (WAKE_BIT if wake else 0) | (USE_BIT if use else 0)

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
        taken = rebind(self._keys, action, normalize_key_name(key), slot)
        self._rebuild()
        return taken

    def remap_pad(self, action: Action, pad_input: str, slot: int = 0) -> list[Action]:
        """Like remap() for a gamepad input name ('button:2', 'hat:0:up', 'axis:1:+')."""
        taken = rebind(self._pad, action, normalize_pad_input(pad_input), slot)
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
