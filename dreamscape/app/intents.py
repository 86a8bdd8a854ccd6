"""Where a screen can lead: one small frozen value per screen of the game.

An intent names a screen and what it needs (the chapter to introduce, the
level to build, the result to show); routes.py turns it into the screen.
The order of the game is read from the screens' own transitions: the title
opens Chapters, a chapter's Intro leads to Loading, Loading to the Dive, the
Dive to its Results.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, Union

if TYPE_CHECKING:
    from dreamscape.app.campaign import Chapter
    from dreamscape.app.session import DiveResult, DiveSession
    from dreamscape.app.transitions import Transition
    from dreamscape.core.level import LevelSpec
    from dreamscape.formats.recording.reader import Recording


class PausedDive(Protocol):
    """What the pause menu asks of the dive beneath it."""

    @property
    def session(self) -> "DiveSession":
        """The dive's session (the menu shows its level and how it stands)."""

    def resume(self) -> None:
        """The dive is about to run again."""

    def restart(self) -> "Transition | None":
        """End this dive; where to go to dive the same dream from the start."""

    def abandon(self) -> "Transition | None":
        """End this dive; where to go to leave it."""


@dataclass(frozen=True)
class Notice:
    """The photosensitivity notice, before the title until it has been read."""


@dataclass(frozen=True)
class Title:
    """The title screen and its main menu."""


@dataclass(frozen=True)
class Chapters:
    """The campaign's chapters, to choose one."""


@dataclass(frozen=True)
class SeedEntry:
    """Any seed: choose a dreamer and a seed (`seed` filled in, `dreamer` preselected)."""

    seed: int | None = None
    dreamer: str | None = None


@dataclass(frozen=True)
class Intro:
    """A chapter's story before its dive."""

    chapter: "Chapter"


@dataclass(frozen=True)
class Loading:
    """Build `spec`'s dreamscape for a dive (`chapter` names a campaign chapter; `autoplay` lets the bot dive)."""

    spec: "LevelSpec"
    chapter: str | None = None
    autoplay: bool = False


@dataclass(frozen=True)
class Dive:
    """Play the built dive `session`."""

    session: "DiveSession"


@dataclass(frozen=True)
class Pause:
    """The pause menu over `dive`."""

    dive: PausedDive


@dataclass(frozen=True)
class Results:
    """How a dive ended; `spec` (the level dived) lets 'Try again' rebuild it."""

    result: "DiveResult"
    spec: "LevelSpec | None" = None


@dataclass(frozen=True)
class Settings:
    """The settings menu."""


@dataclass(frozen=True)
class Keys:
    """The key bindings."""


@dataclass(frozen=True)
class Playback:
    """Watch a recording (a path to read, or one already read)."""

    recording: "Path | Recording"


@dataclass(frozen=True)
class Epilogue:
    """The ending, once the last chapter's dream is resolved."""


Intent = Union[Notice, Title, Chapters, SeedEntry, Intro, Loading, Dive, Pause, Results, Settings, Keys, Playback, Epilogue]
