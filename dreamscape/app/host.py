"""What a screen may use of the game that shows it: the host.

Screens are handed this, not the whole App: the settings and progress they
show and change, the controls and sound they drive, the window's scale and
a few ways to report. They never touch the scene stack; they return a
transition instead (transitions.py) and the frame loop applies it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import pygame

    from dreamscape.app.audio import Audio
    from dreamscape.app.input.runtime import Controls
    from dreamscape.app.progress import Progress
    from dreamscape.app.session import DiveResult
    from dreamscape.app.settings import Settings


class Host(Protocol):
    """The game as a screen sees it (frame_loop.App is the one implementation)."""

    @property
    def settings(self) -> "Settings":
        """The player's settings as they stand now."""

    @property
    def progress(self) -> "Progress":
        """The campaign so far: chapters done, best times, the last session."""

    @property
    def controls(self) -> "Controls":
        """The bindings and the held keys (the dive reads its command here)."""

    @property
    def audio(self) -> "Audio":
        """Music and effects."""

    @property
    def screen(self) -> "pygame.Surface":
        """The window surface (widgets size themselves from it)."""

    @property
    def ui_scale(self) -> float:
        """Text and widget scale: the player's text scale grown with the window."""

    @property
    def headless(self) -> bool:
        """True under the dummy video driver (tests, screenshots): work waits for fixed frames."""

    @property
    def notices(self) -> list[str]:
        """Messages for the player, oldest first; the title shows and dismisses them."""

    def apply_settings(self, settings: "Settings") -> None:
        """Use new settings now and save them."""

    def record_start(self, chapter: str | None, seed: int) -> None:
        """Remember the dive being started, for the title's Continue."""

    def record_result(self, result: "DiveResult") -> None:
        """Count a finished dive towards the campaign."""

    def log(self, line: str) -> None:
        """Write a line for the developer (stderr)."""

    def quit(self) -> None:
        """Close the game after this frame."""
