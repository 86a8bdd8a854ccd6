"""Chapter four's blackout as the player meets it: the darker dive, the woken dreamers' light,
the HUD, the lessons, the toasts, the drone and the results line. Headless."""

from __future__ import annotations

import dataclasses
import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import numpy as np
import pygame
import pytest

from dreamscape.app.chapter_text import climax_stake
from dreamscape.app.dive_view.view import DiveView
from dreamscape.app.hud import climax_message
from dreamscape.app.prompts import Teacher
from dreamscape.app.screens.results import climax_text
from dreamscape.app.session import DiveResult
from dreamscape.sim.commands import WAKE_BIT
from dreamscape.sim.events import DreamspaceShared, LightsOut, SightShared, Woke
from dreamscape.sim.views import Views
from scenario.picture import scenario
from scenario.running import hold, walk

HD = (1280, 720)
#: An open hall with pillars (so sight has edges to fall on), one dreamer beside the start.
HALL = """
##############################
#D@..........................#
#............................#
#...#....#....#....#....#....#
#............................#
#............................#
#...#....#....#....#....#....#
#............................#
#...........................X#
##############################
"""


def frame(world) -> np.ndarray:
    surface = pygame.Surface(HD)
    view = DiveView(world.ds)
    view.draw(surface, Views(world).fog(), 0.0)
    return pygame.surfarray.array3d(surface).astype(np.int32)


def woken_and_left(climax: str):
    world = scenario(HALL, climax=climax)
    hold(world, WAKE_BIT, lambda tick: any(isinstance(e, Woke) for e in tick))
    walk(world, "E" * 14)
    return world


def test_a_frame_in_the_blackout_is_darker_than_one_without():
    dark, plain = scenario(HALL, climax="blackout"), scenario(HALL)
    dark.step(0)
    plain.step(0)
    assert frame(dark).mean() < 0.8 * frame(plain).mean()


def test_a_woken_dreamer_keeps_a_light_where_they_stand_in_the_blackout():
    dark, plain = woken_and_left("blackout"), woken_and_left("")
    view = DiveView(dark.ds)
    view.draw(pygame.Surface(HD), Views(dark).fog(), 0.0)  # places the camera
    x, y = view.screen_pos(*dark.dreamers[0])
    x0, y0 = max(0, x - 96), max(0, y - 96)

    def patch(a: np.ndarray) -> float:
        return float(a[x0 : x + 96, y0 : y + 96].mean())

    lit, remembered = frame(dark), frame(plain)
    assert patch(lit) > 1.3 * patch(remembered)


def test_the_hud_counts_the_dreamers_sharing_and_says_when_the_dreamspace_holds():
    world = scenario(HALL, climax="blackout")
    view = Views(world).fog()
    assert climax_message(view) == "The network is down — each dreamer you wake lends their sight (0/1)"
    hold(world, WAKE_BIT, lambda tick: any(isinstance(e, Woke) for e in tick))
    assert "dreamspace holds" in (climax_message(world.fog_view()) or "")
    assert climax_message(scenario(HALL).fog_view()) is None


def test_chapter_four_teaches_the_blackout_once_and_the_shared_sight_once():
    world = scenario(HALL, climax="blackout")
    teacher = Teacher("ch4_network_crash")
    assert teacher.active
    shown = [p.key for p in teacher.step(world.fog_view(), world.step(0))]
    assert shown == ["blackout"]
    events = hold(world, WAKE_BIT, lambda tick: any(isinstance(e, SightShared) for e in tick))
    assert [p.key for p in teacher.step(world.fog_view(), events)] == ["shared_sight"]
    assert teacher.step(world.fog_view(), [LightsOut(0, 4), SightShared(1, 0, 5)]) == []
    from dreamscape.app.progress import Progress

    # Another chapter teaches its own climax, not this one's; a completed chapter teaches nothing.
    assert "blackout" not in Teacher("ch2_beautiful_prison").keys and not Teacher(None).active
    assert not Teacher("ch4_network_crash", Progress(completed=["ch4_network_crash"])).active
    assert "sight" in (climax_stake("blackout") or "") and climax_stake("") is None


PLAIN = DiveResult("Network Crash", 31337, "lost_time", 3000, 3, 8, 0, 70, None, chapter="ch4_network_crash", climax="blackout")


def test_the_results_line_names_the_sight_shared():
    assert climax_text(dataclasses.replace(PLAIN, sight_shared=3)) == "The network stayed down: sight shared by 3 of 8 dreamers."
    held = dataclasses.replace(PLAIN, outcome="won", woken=8, sight_shared=8, dreamspace_shared=True)
    assert climax_text(held).startswith("Sight shared by all 8 dreamers") and "together" in climax_text(held)
    short = dataclasses.replace(held, outcome="lost_time")
    assert "beyond your reach" in climax_text(short)


@pytest.fixture
def dive(tmp_path, monkeypatch):
    monkeypatch.setenv("DREAMSCAPE_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("DREAMSCAPE_MUTE", "1")
    from dreamscape.app.frame_loop import App
    from dreamscape.app.screens.dive import DiveScene
    from dreamscape.app.session import DiveSession
    from dreamscape.core.level import load_level_or_profile

    app = App(headless=True)
    yield DiveScene(app, DiveSession(load_level_or_profile("ch4_network_crash"), record_dir=None))
    if pygame.get_init():
        app.close()


def test_the_dive_tells_the_blackout_and_the_drone_brightens_as_dreamers_join(dive):
    view = dive.session.view()
    assert dive.drone_light == pytest.approx(0.25)
    dive._react([LightsOut(0, 4)], view)
    assert dive.toasts.items[-1].title == "The network goes dark"
    dark = dive.drone_light
    world = dive.session.world
    world.awake[:4] = [True] * 4
    events = world.step(0)
    assert [e.dreamer for e in events if isinstance(e, SightShared)] == [0, 1, 2, 3]
    dive._react(events, dive.session.view())
    assert dive.toasts.items[-1].title == "A dreamer shares their sight"
    assert dark < dive.drone_light < 1.0 and dive.app.audio.drone_light == 0.5
    world.awake[:] = [True] * len(world.awake)
    events = world.step(0)
    assert any(isinstance(e, DreamspaceShared) for e in events)
    dive._react(events, dive.session.view())
    assert dive.drone_light == 1.0 and dive.toasts.items[-1].title == "The dreamspace holds"
    assert dive.app.audio.effects_for(events)[-1] == "won"
    result = dive.session.result()
    assert result.sight_shared == 8 and result.dreamspace_shared
