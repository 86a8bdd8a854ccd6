"""How the screens lead to one another: title, chapter intro, dive, results.

Screens call these instead of building each other, so no screen module
imports another and the order of the game reads in one place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dreamscape.app import campaign
from dreamscape.core.level import LevelSpec

if TYPE_CHECKING:
    from dreamscape.app.frame_loop import App
    from dreamscape.app.session import DiveResult


def begin(app: "App") -> None:
    """The first screen: the photosensitivity notice until it has been read, then the title."""
    from dreamscape.app.screens.notice import NoticeScene

    to_title(app)
    if not app.settings.notice_seen:
        app.push(NoticeScene(app))


def to_title(app: "App") -> None:
    from dreamscape.app.screens.title import TitleScene

    app.reset(TitleScene(app))


def start_chapter(app: "App", chapter: campaign.Chapter) -> None:
    """Show a chapter's intro; confirming it starts the dive."""
    from dreamscape.app.screens.intro import IntroScene

    app.push(IntroScene(app, chapter))


def start_dive(app: "App", spec: LevelSpec, chapter: str | None = None, autoplay: bool = False) -> None:
    """Dive into `spec`'s dreamscape: a loading screen builds it, then the dive replaces everything."""
    from dreamscape.app.screens.loading import LoadingScene

    app.reset(LoadingScene(app, spec, chapter=chapter, autoplay=autoplay))


def enter_dive(app: "App", session) -> None:
    """The dreamscape of a dive is built: start playing it."""
    from dreamscape.app.screens.dive import DiveScene

    app.reset(DiveScene(app, session))


def pause(app: "App", dive) -> None:
    from dreamscape.app.screens.pause import PauseScene

    app.push(PauseScene(app, dive))


def show_results(app: "App", result: "DiveResult", spec: LevelSpec | None = None) -> None:
    """The results of a finished dive (`spec` lets 'Try again' rebuild it)."""
    from dreamscape.app.screens.results import ResultsScene

    app.replace(ResultsScene(app, result, spec=spec))


def open_settings(app: "App") -> None:
    from dreamscape.app.screens.settings_menu import SettingsScene

    app.push(SettingsScene(app))


def watch(app: "App", recording) -> None:
    """Play a recording back in the window."""
    from dreamscape.app.screens.playback import PlaybackScene

    app.push(PlaybackScene(app, recording))
