"""The base of every screen: a scene on the game's stack.

The game keeps a stack of scenes. Only the top one receives input and
updates; drawing starts at the highest scene that is not an overlay, so a
pause menu or a dialog draws over the frozen dive beneath it. A scene never
changes the stack itself: its input and update hooks return a transition
(transitions.py), which the frame loop applies.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

if TYPE_CHECKING:
    from dreamscape.app.host import Host
    from dreamscape.app.input.actions import Action
    from dreamscape.app.transitions import Transition


class Scene:
    """One screen. Subclasses override the hooks they need."""

    #: An overlay draws on top of the scene below it instead of hiding it.
    overlay = False

    def __init__(self, app: "Host") -> None:
        #: The game this screen is shown in (only what a screen may use of it).
        self.app = app
        self._next: "Transition | None" = None

    def enter(self) -> None:
        """Called when the scene becomes the top of the stack (again)."""

    def leave(self) -> None:
        """Called when the scene is popped or replaced."""

    def handle(self, event: pygame.event.Event, actions: list[tuple["Action", bool]]) -> "Transition | None":
        """One input event, with the actions it pressed (True) or released (False); where to go next."""
        return None

    def update(self, dt_ms: float) -> "Transition | None":
        """Advance by `dt_ms` of wall time (only while on top); where to go next."""
        return None

    def draw(self, surface: pygame.Surface) -> None:
        """Draw the scene onto the window surface."""

    def focus_lost(self) -> "Transition | None":
        """The window lost focus (a running dive pauses here); where to go next."""
        return None

    # -- transitions asked for from inside a widget's callback --------------------------

    def go(self, transition: "Transition | None") -> None:
        """Ask for `transition` once the current event is handled.

        Menu rows run callbacks that cannot return anything; they ask here,
        and the scene's `handle` returns what was asked (`take_transition`).
        """
        if transition is not None:
            self._next = transition

    def take_transition(self) -> "Transition | None":
        """The transition asked for with `go` since the last call, if any."""
        asked, self._next = self._next, None
        return asked


def pressed(actions: list[tuple["Action", bool]], action: "Action") -> bool:
    """True when `actions` holds a press of `action`."""
    return (action, True) in actions
