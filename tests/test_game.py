"""The game loop end to end, headless: dives, pause, recordings, playback, the command line."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import dataclasses  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import pygame  # noqa: E402
import pytest  # noqa: E402

from dreamscape.app import intents, paths  # noqa: E402
from dreamscape.app.input.actions import Action  # noqa: E402
from dreamscape.app.transitions import Push, Reset  # noqa: E402
from dreamscape.cli.main import main  # noqa: E402
from dreamscape.core.level import load_level_or_profile  # noqa: E402
from dreamscape.formats.recording.reader import read_recording  # noqa: E402
from dreamscape.recordings.verify import verify  # noqa: E402


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("DREAMSCAPE_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("DREAMSCAPE_MUTE", "1")
    return tmp_path / "home"


@pytest.fixture
def app(home):
    from dreamscape.app.frame_loop import App

    a = App(headless=True)
    yield a
    if pygame.get_init():
        a.close()


def _key(key: int, down: bool = True) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN if down else pygame.KEYUP, key=key, mod=0, unicode="", scancode=0)


def _image(path: Path) -> np.ndarray:
    return pygame.surfarray.array3d(pygame.image.load(str(path)))


def _colours(pixels: np.ndarray) -> int:
    return len(np.unique(pixels.reshape(-1, 3)[::7], axis=0))


def test_headless_play_saves_a_screenshot_that_is_not_blank_and_differs_between_seeds(home, tmp_path):
    shots = []
    for seed in (1, 2):
        shot = tmp_path / f"s{seed}.png"
        assert main(["play", "ch1_the_loop", "--seed", str(seed), "--headless", "--frames", "40", "--screenshot", str(shot)]) == 0
        shots.append(_image(shot))
    assert shots[0].shape[:2] == (1280, 720)
    assert _colours(shots[0]) > 40
    assert np.abs(shots[0].astype(int) - shots[1].astype(int)).mean() > 5


def test_headless_title_screen_first_start_shows_the_notice(home, tmp_path):
    shot = tmp_path / "t.png"
    assert main(["play", "--headless", "--frames", "5", "--screenshot", str(shot)]) == 0
    assert _colours(_image(shot)) > 10


def test_bad_play_arguments_are_one_line_errors(home, tmp_path, capsys):
    for argv in (["play", "ch1_the_loop", "--headless", "--frames", "0"], ["play", "ch1_the_loop", "--headless", "--frames", "x"], ["play", "nowhere.toml", "--headless"], ["play", "ch1_the_loop", "--headless", "--screenshot", str(tmp_path / "missing" / "a.png")], ["play", "ch1_the_loop", "--headless", "--screenshot", str(tmp_path / "a.jpg")]):
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "Traceback" not in err


def _dive(app, level="ch1_the_loop", autoplay=False, chapter=None):
    app.go(Reset(intents.Loading(load_level_or_profile(level), chapter=chapter, autoplay=autoplay)))
    assert type(app.top).__name__ == "LoadingScene"
    app.run(2)  # the loading screen, then (headless) the finished dive
    assert type(app.top).__name__ == "DiveScene"
    return app.top


def test_holding_a_key_moves_the_player_and_pause_stops_the_tick(app):
    dive = _dive(app)
    world = dive.world
    app.run(10)
    assert world.tick > 0
    pygame.event.post(_key(pygame.K_ESCAPE))
    app.run(2)
    assert type(app.top).__name__ == "PauseScene"
    frozen = world.tick
    app.run(60)
    assert world.tick == frozen  # a whole second of frames, not one tick
    pygame.event.post(_key(pygame.K_ESCAPE))
    app.run(2)
    assert app.top is dive
    app.run(30)
    assert world.tick > frozen


def test_losing_focus_pauses_the_dive(app):
    dive = _dive(app)
    app.run(5)
    pygame.event.post(pygame.event.Event(pygame.WINDOWFOCUSLOST))
    app.run(2)
    assert type(app.top).__name__ == "PauseScene"
    frozen = dive.world.tick
    app.run(30)
    assert dive.world.tick == frozen


def test_the_controls_drive_the_player(app):
    dive = _dive(app)
    world = dive.world
    start = (world.player.x, world.player.y)
    # Try each direction in turn until one moves the player: the start has at least one open side.
    for key in (pygame.K_RIGHT, pygame.K_LEFT, pygame.K_DOWN, pygame.K_UP):
        pygame.event.post(_key(key))
        app.run(20)
        pygame.event.post(_key(key, down=False))
        app.run(10)
        if (world.player.x, world.player.y) != start:
            break
    assert (world.player.x, world.player.y) != start


def test_every_dive_is_recorded_and_the_recording_verifies(app, home):
    dive = _dive(app, autoplay=True)
    app.run(300)
    app.go(dive.abandon())
    recs = sorted(paths.recordings_dir().glob("*.rec"))
    assert len(recs) == 1
    rec = read_recording(recs[0])
    assert rec.ticks >= 140 and not rec.truncated
    assert verify(rec).ok
    assert type(app.top).__name__ == "TitleScene"


def test_autoplay_finishes_chapter_one_and_shows_the_results(app):
    dive = _dive(app, autoplay=True, chapter="ch1_the_loop")
    for _ in range(400):
        app.run(60)
        if type(app.top).__name__ == "ResultsScene":
            break
    assert type(app.top).__name__ == "ResultsScene"
    result = app.top.result
    assert result.outcome == dive.world.outcome and result.recording and result.recording.exists()
    assert verify(read_recording(result.recording)).ok
    assert result.chapter == "ch1_the_loop" and result.autoplay
    assert app.progress.completed == []  # the bot's wins are not the player's


def test_a_won_chapter_counts_towards_the_campaign_and_survives_a_restart(app, home):

    from dreamscape.app.frame_loop import App
    from dreamscape.app.session import DiveResult

    won = DiveResult("The Loop", 3, "won", 1800, 1, 1, 0, 80, None, chapter="ch1_the_loop")
    app.record_result(dataclasses.replace(won, outcome="lost_time"))
    assert app.progress.completed == []
    app.record_result(won)
    app.record_result(dataclasses.replace(won, ticks=900))
    assert app.progress.completed == ["ch1_the_loop"] and app.progress.best_time("ch1_the_loop") == 30.0
    app.close()
    again = App(headless=True)
    assert again.progress.completed == ["ch1_the_loop"] and again.progress.best_time("ch1_the_loop") == 30.0
    again.close()


def test_playback_steps_seeks_and_changes_speed(app, home):
    dive = _dive(app, autoplay=True)
    app.run(400)
    app.go(dive.abandon())
    rec = sorted(paths.recordings_dir().glob("*.rec"))[0]
    app.go(Push(intents.Playback(rec)))
    scene = app.top
    reel = scene.reel
    app.run(30)
    assert 0 < reel.tick <= 20  # about 1x: 30 frames at 60 a second is 15 ticks
    for _ in range(6):
        pygame.event.post(_key(pygame.K_EQUALS))
    app.run(1)
    assert scene.speed == 16.0
    pygame.event.post(_key(pygame.K_SPACE))
    app.run(1)
    paused_at = reel.tick
    app.run(10)
    assert reel.tick == paused_at
    pygame.event.post(_key(pygame.K_PERIOD))
    app.run(1)
    assert reel.tick == paused_at + 1
    for key in (pygame.K_1, pygame.K_0, pygame.K_0, pygame.K_RETURN):
        pygame.event.post(_key(key))
    app.run(1)
    assert reel.tick == 100
    # Seeking back and forth lands on the same state as playing straight through.
    sums = reel.world.checksums()
    reel.seek(250)
    reel.seek(100)
    assert reel.world.checksums() == sums
    assert reel.desync is None


def test_headless_replay_window_saves_a_screenshot(home, tmp_path):
    golden = Path(__file__).resolve().parent / "golden" / "recordings" / "ch1_walk.rec"
    shot = tmp_path / "r.png"
    assert main(["replay", str(golden), "--headless", "--frames", "30", "--screenshot", str(shot)]) == 0
    assert _colours(_image(shot)) > 30


def test_relaxed_mode_setting_lengthens_the_dive(app):
    normal = _dive(app).world.deadline
    app.apply_settings(app.settings.replace(relaxed=True))
    relaxed = _dive(app).world.deadline
    assert relaxed > normal
    assert Action.WAKE  # the controls module loaded with the app


def test_whole_game_frames_at_the_strongest_glitch_setting_pass_the_flash_analyser(app):
    """The real dive (camera panning, HUD, toasts, glitches fired every few frames) at intensity 1."""
    from dreamscape.app.flash import FlashMeter

    app.apply_settings(app.settings.replace(glitch_intensity=1.0))
    dive = _dive(app, level="ch5_nexus_malfunction", autoplay=True)
    meter = FlashMeter(60)
    active = 0
    for i in range(360):
        if i % 3 == 0:
            dive.fx.trigger(1.0)
        app.run(1)
        meter.feed(pygame.surfarray.pixels3d(app.screen).transpose(1, 0, 2))
        active += dive.fx.active
    report = meter.report()
    assert report.frames == 360
    assert report.passed, report.summary()
    assert active > 100  # the effects really were running


def test_toasts_fade_in_hold_fade_out_and_do_not_stack_repeats():
    from dreamscape.app.toasts import FADE_MS, HOLD_MS, Toasts

    toasts = Toasts()
    toasts.add("Caught", "lucidity 88", warn=True)
    toasts.add("Caught", "lucidity 76", warn=True)  # the same headline refreshes the last one
    assert len(toasts.items) == 1 and toasts.items[0].detail == "lucidity 76"
    assert toasts.items[0].opacity() == 0.0
    toasts.update(FADE_MS / 2)
    assert 0.4 < toasts.items[0].opacity() < 0.6
    toasts.update(FADE_MS)
    assert toasts.items[0].opacity() == 1.0
    surface = pygame.Surface((640, 360))
    toasts.draw(surface)
    assert surface.get_at((320, 360 * 16 // 100 + 10))[:3] != (0, 0, 0)
    toasts.update(HOLD_MS + FADE_MS)
    assert toasts.items == []


@pytest.mark.parametrize("chapter", ["ch1_the_loop", "ch2_beautiful_prison", "ch3_endless_loop", "ch4_network_crash", "ch5_nexus_malfunction"])
def test_every_chapter_loads_into_a_dive_the_bot_can_play(app, chapter):
    dive = _dive(app, level=chapter, autoplay=True, chapter=chapter)
    app.run(120)
    assert dive.world.tick >= 55 and not dive.world.outcome
    assert sum(dive.world.awake) <= len(dive.world.awake) and len(dive.world.awake) == dive.spec.trapped_dreamers


def test_a_level_saved_by_the_studio_plays_in_the_game(home, tmp_path):
    from dreamscape.core.level import load_level_or_profile as load
    from dreamscape.studio.save import save_level

    spec = load("lila").with_seed(11)
    spec = spec.with_profile(spec.profile.with_knob("being_trapped", 1.0))
    path = save_level(spec, tmp_path / "lila_trapped.toml")
    shot = tmp_path / "lila.png"
    assert main(["play", str(path), "--headless", "--frames", "20", "--screenshot", str(shot)]) == 0
    assert _colours(_image(shot)) > 30
    rec = sorted(paths.recordings_dir().glob("*.rec"))[-1]
    assert read_recording(rec).spec == spec
