"""The base of every screen: a scene on the game's stack.

The game keeps a stack of scenes. Only the top one receives input and
updates; drawing starts at the highest scene that is not an overlay, so a
pause menu or a dialog draws over the frozen dive beneath it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

if TYPE_CHECKING:
    from dreamscape.app.input.actions import Action
    from dreamscape.app.frame_loop import App


class Scene:
    """One screen. Subclasses override the hooks they need."""

    #: An overlay draws on top of the scene below it instead of hiding it.
    overlay = False

    def __init__(self, app: "App") -> None:
        self.app = app

    def enter(self) -> None:
        """Called when the scene becomes the top of the stack (again)."""

    def leave(self) -> None:
        """Called when the scene is popped or replaced."""

    def handle(self, event: pygame.event.Event, actions: list[tuple["Action", bool]]) -> None:
        """One input event, with the actions it pressed (True) or released (False)."""

    def update(self, dt_ms: float) -> None:
        """Advance by `dt_ms` of wall time (only while on top)."""

    def draw(self, surface: pygame.Surface) -> None:
        """Draw the scene onto the window surface."""

    def focus_lost(self) -> None:
        """The window lost focus; a running dive pauses here."""
