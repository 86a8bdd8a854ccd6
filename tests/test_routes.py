"""Screens return transitions, the router makes the screen for each intent, and no screen imports another."""

from __future__ import annotations

import ast
import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from pathlib import Path  # noqa: E402
from typing import get_args  # noqa: E402

import pygame  # noqa: E402

from conftest import REPO_ROOT  # noqa: E402
from dreamscape.app import campaign, intents, routes  # noqa: E402
from dreamscape.app.frame_loop import App  # noqa: E402
from dreamscape.app.screens.chapters import ChaptersScene  # noqa: E402
from dreamscape.app.screens.dive import DiveScene  # noqa: E402
from dreamscape.app.screens.epilogue import EpilogueScene  # noqa: E402
from dreamscape.app.screens.intro import IntroScene  # noqa: E402
from dreamscape.app.screens.keys_menu import KeysScene  # noqa: E402
from dreamscape.app.screens.loading import LoadingScene  # noqa: E402
from dreamscape.app.screens.notice import NoticeScene  # noqa: E402
from dreamscape.app.screens.pause import PauseScene  # noqa: E402
from dreamscape.app.screens.playback import PlaybackScene  # noqa: E402
from dreamscape.app.screens.results import ResultsScene  # noqa: E402
from dreamscape.app.screens.seed_entry import SeedScene  # noqa: E402
from dreamscape.app.screens.settings_menu import SettingsScene  # noqa: E402
from dreamscape.app.screens.title import TitleScene  # noqa: E402
from dreamscape.app.session import DiveResult, DiveSession  # noqa: E402
from dreamscape.app.transitions import Pop, Push, Reset  # noqa: E402

SCREENS_DIR = REPO_ROOT / "dreamscape" / "app" / "screens"
RECORDING = REPO_ROOT / "tests" / "golden" / "recordings" / "ch1_walk.rec"


def chapter(number: int) -> campaign.Chapter:
    return campaign.chapters()[number - 1]


def result(outcome: str, chapter_key: str | None) -> DiveResult:
    return DiveResult(level="The Loop", seed=2042, outcome=outcome, ticks=2130, woken=1, dreamers=1, shards=2, lucidity=64, recording=None, chapter=chapter_key)


def key(app: App, code: int):
    """A key press as a screen receives it: the event and the actions it means."""
    event = pygame.event.Event(pygame.KEYDOWN, key=code, mod=0, unicode="", scancode=0)
    actions = app.controls.handle(event)
    app.controls.handle(pygame.event.Event(pygame.KEYUP, key=code, mod=0, unicode="", scancode=0))
    return event, actions


# -- the router -------------------------------------------------------------------------------


def test_every_intent_is_served_by_its_screen(app):
    session = DiveSession(chapter(1).spec, record_dir=None)
    dive = DiveScene(app, session)
    expected = [
        (intents.Notice(), NoticeScene),
        (intents.Title(), TitleScene),
        (intents.Chapters(), ChaptersScene),
        (intents.SeedEntry(seed=77), SeedScene),
        (intents.Intro(chapter(2)), IntroScene),
        (intents.Loading(chapter(1).spec, chapter=chapter(1).key), LoadingScene),
        (intents.Dive(session), DiveScene),
        (intents.Pause(dive), PauseScene),
        (intents.Results(result("won", chapter(1).key)), ResultsScene),
        (intents.Settings(), SettingsScene),
        (intents.Keys(), KeysScene),
        (intents.Playback(RECORDING), PlaybackScene),
        (intents.Epilogue(), EpilogueScene),
    ]
    assert {type(intent) for intent, _ in expected} == set(get_args(intents.Intent)), "an intent kind is missing here"
    for intent, screen in expected:
        made = routes.screen_for(intent, app)
        assert type(made) is screen, intent
        if isinstance(made, LoadingScene):
            made.worker.join()
    # What the intent carries reaches the screen.
    assert routes.screen_for(intents.SeedEntry(seed=77), app).digits == "77"
    assert routes.screen_for(intents.Intro(chapter(2)), app).chapter == chapter(2)
    assert routes.screen_for(intents.Pause(dive), app).dive is dive
    session.close()


def test_the_frame_loop_applies_transitions(app):
    app.go(Reset(intents.Title()))
    app.go(Push(intents.Settings()))
    assert [type(s) for s in app.scenes] == [TitleScene, SettingsScene]
    app.go(Pop())
    assert [type(s) for s in app.scenes] == [TitleScene]
    # A screen with nothing beneath it can close into another instead of ending the game.
    app.go(Reset(intents.Playback(RECORDING)))
    app.go(Pop(otherwise=intents.Title()))
    assert [type(s) for s in app.scenes] == [TitleScene] and app.running
    app.go(Pop())
    assert not app.scenes and not app.running


# -- screens say where to go ---------------------------------------------------------------------


def test_title_campaign_leads_to_the_chapters(app):
    title = TitleScene(app)
    app.push(title)
    title.menu.select("campaign")
    assert title.handle(*key(app, pygame.K_RETURN)) == Push(intents.Chapters())
    assert app.top is title  # the screen only asks; the frame loop moves
    title.menu.select("seed")
    assert title.handle(*key(app, pygame.K_RETURN)) == Push(intents.SeedEntry())
    assert title.handle(*key(app, pygame.K_DOWN)) is None


def test_pause_back_and_pause_pop_back_into_the_dive(app):
    session = DiveSession(chapter(1).spec, record_dir=None)
    dive = DiveScene(app, session)
    app.reset(dive)
    assert dive.handle(*key(app, pygame.K_ESCAPE)) == Push(intents.Pause(dive))
    pause = PauseScene(app, dive)
    assert pause.handle(*key(app, pygame.K_ESCAPE)) == Pop()
    assert pause.handle(*key(app, pygame.K_p)) == Pop()
    pause.menu.select("quit")
    assert pause.handle(*key(app, pygame.K_RETURN)) == Reset(intents.Title())
    app.reset(TitleScene(app))


def test_results_lead_to_the_title_or_the_next_chapter(app):
    won = ResultsScene(app, result("won", chapter(1).key))
    assert won.menu.selected.name == "next"
    assert won.handle(*key(app, pygame.K_RETURN)) == Push(intents.Intro(chapter(2)))
    assert won.handle(*key(app, pygame.K_ESCAPE)) == Reset(intents.Title())
    won.menu.select("title")
    assert won.handle(*key(app, pygame.K_RETURN)) == Reset(intents.Title())
    lost = ResultsScene(app, result("lost_time", chapter(3).key))
    assert lost.handle(*key(app, pygame.K_RETURN)) == Reset(intents.Loading(chapter(3).spec, chapter=chapter(3).key))


def test_intro_dives_or_goes_back(app):
    intro = IntroScene(app, chapter(1))
    assert intro.handle(*key(app, pygame.K_ESCAPE)) == Pop()
    assert intro.handle(*key(app, pygame.K_RETURN)) == Reset(intents.Loading(chapter(1).spec, chapter=chapter(1).key))


# -- no screen knows another ----------------------------------------------------------------------


def imported_modules(path: Path) -> set[str]:
    """Every module `path` imports, at the top or inside a function ('from a import b' counts a.b too)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def test_no_screen_imports_another_screen_the_router_or_the_app():
    screens = {f"dreamscape.app.screens.{p.stem}" for p in SCREENS_DIR.glob("*.py") if p.stem != "__init__"}
    assert len(screens) >= 12
    forbidden = {"dreamscape.app.flow", "dreamscape.app.routes", "dreamscape.app.frame_loop", "dreamscape.app.launch"}
    for path in sorted(SCREENS_DIR.glob("*.py")):
        names = imported_modules(path)
        bad = {n for n in names if n in forbidden or (n in screens and n != f"dreamscape.app.screens.{path.stem}")}
        assert not bad, f"{path.name} imports {sorted(bad)}"
    assert not (REPO_ROOT / "dreamscape" / "app" / "flow.py").exists()


def test_only_the_router_imports_the_screens():
    package = REPO_ROOT / "dreamscape"
    importers = sorted(
        str(p.relative_to(package))
        for p in package.rglob("*.py")
        if SCREENS_DIR not in p.parents and any(n.startswith("dreamscape.app.screens.") for n in imported_modules(p))
    )
    assert importers == ["app/routes.py"]
