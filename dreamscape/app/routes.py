"""The one map from an intent to the screen that serves it.

This is the only module that imports the screens. Each is imported when it
is first asked for, so the title opens without loading the dive's modules
(the generator, the simulation) that the first dive needs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dreamscape.app import intents

if TYPE_CHECKING:
    from dreamscape.app.host import Host
    from dreamscape.app.scene import Scene


def screen_for(intent: intents.Intent, host: "Host") -> "Scene":
    """A new screen for `intent`, shown in `host`."""
    match intent:
        case intents.Notice():
            from dreamscape.app.screens.notice import NoticeScene

            return NoticeScene(host)
        case intents.Title():
            from dreamscape.app.screens.title import TitleScene

            return TitleScene(host)
        case intents.Chapters():
            from dreamscape.app.screens.chapters import ChaptersScene

            return ChaptersScene(host)
        case intents.SeedEntry(seed=seed, dreamer=dreamer):
            from dreamscape.app.screens.seed_entry import SeedScene

            return SeedScene(host, seed=seed, dreamer=dreamer)
        case intents.Intro(chapter=chapter):
            from dreamscape.app.screens.intro import IntroScene

            return IntroScene(host, chapter)
        case intents.Loading(spec=spec, chapter=chapter_key, autoplay=autoplay):
            from dreamscape.app.screens.loading import LoadingScene

            return LoadingScene(host, spec, chapter=chapter_key, autoplay=autoplay)
        case intents.Dive(session=session):
            from dreamscape.app.screens.dive import DiveScene

            return DiveScene(host, session)
        case intents.Pause(dive=dive):
            from dreamscape.app.screens.pause import PauseScene

            return PauseScene(host, dive)
        case intents.Results(result=result, spec=spec):
            from dreamscape.app.screens.results import ResultsScene

            return ResultsScene(host, result, spec=spec)
        case intents.Settings():
            from dreamscape.app.screens.settings_menu import SettingsScene

            return SettingsScene(host)
        case intents.Keys():
            from dreamscape.app.screens.keys_menu import KeysScene

            return KeysScene(host)
        case intents.Playback(recording=recording):
            from dreamscape.app.screens.playback import PlaybackScene

            return PlaybackScene(host, recording)
        case intents.Epilogue():
            from dreamscape.app.screens.epilogue import EpilogueScene

            return EpilogueScene(host)
    raise TypeError(f"no screen serves {intent!r}")
