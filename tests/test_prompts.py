"""The first chapter teaches: each lesson once per dive on its trigger, none once the chapter is completed."""

from __future__ import annotations

import json
import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame
import pytest

from dreamscape.app import paths
from dreamscape.app.progress import Progress, load_progress, save_progress
from dreamscape.app.prompts import FIRST_LESSONS, LESSONS, TEACHING, Teacher, lesson
from dreamscape.core import tiles as T
from dreamscape.core.level import load_level_or_profile
from dreamscape.gen import generate
from dreamscape.sim.commands import Command
from dreamscape.sim.events import DoubtRose, Event, Gift, Glitched, Noticed, ShardTaken
from dreamscape.sim.views import Views
from dreamscape.sim.world import World


@pytest.fixture(scope="module")
def ch1():
    return generate(load_level_or_profile("ch1_the_loop"))


def fresh(world: World):
    return Views(world).fog()


def stand(world: World, x: int, y: int):
    """Put the player on (x, y) (as a scripted scene does) and return the view from there."""
    world.player.x, world.player.y = x, y
    world.sight.update(world.terrain.tiles, x, y, world.terrain.version)
    return fresh(world)


def spot_seeing(world: World, target: tuple[int, int], near: int, far: int, avoid=()):
    """A walkable tile `near`..`far` tiles from `target` from which it is in sight (and nothing at `avoid`)."""
    tx, ty = target
    for r in range(near, far + 1):
        for x in range(tx - r, tx + r + 1):
            for y in range(ty - r, ty + r + 1):
                if max(abs(x - tx), abs(y - ty)) != r or not (0 <= x < world.ds.width and 0 <= y < world.ds.height):
                    continue
                if not T.WALKABLE[world.terrain.tiles[y, x]] or (x, y) in world.dreamers:
                    continue
                view = stand(world, x, y)
                if view.visible[ty, tx] and not any(view.visible[ay, ax] for ax, ay in avoid):
                    return view
    pytest.fail(f"no tile sees {target}")


def test_every_lesson_fires_once_on_its_trigger_in_a_scripted_first_chapter(ch1):
    world = World(ch1)
    teacher = Teacher(TEACHING, Progress())
    assert teacher.active
    shown: list[str] = []

    def step(view, events=()) -> list[str]:
        keys = [p.key for p in teacher.step(view, events, wake_key="Enter")]
        shown.extend(keys)
        return keys

    # The first pulse of the call: the dreamer is out of sight at the start.
    start = fresh(world)
    assert start.calls and not any(start.visible[d.y, d.x] for d in start.dreamers)
    assert step(start) == ["call"]
    assert step(start) == []
    # The dreamer comes into view (not yet beside it).
    d = world.dreamers[0]
    assert step(spot_seeing(world, d, 3, 8)) == ["dreamer"]
    # Beside the sleeping dreamer: the lesson names the wake key.
    beside = spot_seeing(world, d, 1, 1)
    assert beside.player.beside == 0
    prompts = teacher.step(beside, (), wake_key="Enter")
    assert [p.key for p in prompts] == ["beside"] and "Hold Enter" in prompts[0].detail
    shown.append("beside")
    # A shard and a false exit come into view.
    false_exits = [lure.pos for lure in ch1.lures if lure.type == "false_exit"]
    assert step(spot_seeing(world, ch1.shards[0].pos, 1, 6, avoid=false_exits)) == ["shard"]
    assert step(spot_seeing(world, false_exits[0], 1, 6)) == ["false_exit"]
    # A manifestation notices you, for real: one stands in sight, close.
    world = World(ch1)
    view = stand(world, *ch1.start)
    h = world.haunts[0]
    near = next(
        (x, y)
        for x in range(ch1.start[0] - 4, ch1.start[0] + 5)
        for y in range(ch1.start[1] - 4, ch1.start[1] + 5)
        if view.visible[y, x] and T.WALKABLE[world.terrain.tiles[y, x]] and (x, y) != ch1.start
    )
    h.x, h.y = h.home_x, h.home_y = near
    events = world.step(Command.WAIT)
    assert any(isinstance(e, Noticed) for e in events)
    assert step(fresh(world), events) == ["noticed"]
    assert step(fresh(world), events) == []
    # The first glitch, as the world fires it.
    world = World(ch1)
    events: list = []
    while not any(isinstance(e, Glitched) for e in events):
        events = world.step(Command.WAIT)
        assert not world.done
    assert step(fresh(world), events) == ["glitch"]
    assert step(fresh(world), events) == []
    # Leo wakes and his Doubt rises: the showdown's lesson.
    world = World(ch1)
    world.awake = [True] * len(world.awake)
    events = world.step(Command.WAIT)
    assert any(isinstance(e, DoubtRose) for e in events)
    assert step(fresh(world), events) == ["doubt"]
    assert step(fresh(world), events) == []
    assert sorted(shown) == sorted(FIRST_LESSONS) and len(shown) == len(set(shown))
    assert teacher.shown == shown


def test_taking_a_shard_teaches_too_and_the_call_of_the_way_out_has_its_own_words(ch1):
    world = World(ch1)
    teacher = Teacher(TEACHING)
    view = fresh(world)
    assert [p.key for p in teacher.step(view, [ShardTaken(5, 0, Gift.LUCIDITY)])] == ["call", "shard"]
    world.awake = [True] * len(world.awake)
    world.tick = 89
    world.step(Command.WAIT)  # the pulse after everyone woke: the Doubt rises, the beacons call
    view = fresh(world)
    assert view.doubt_risen and any(c.is_mark for c in view.calls)
    words = lesson("call", view)
    assert "friends" in words.title.lower() and "beacon" in words.detail
    loop = world.climax
    loop.done = [True] * len(loop.done)
    loop.resolved = True
    world.tick = 179
    world.step(Command.WAIT)  # the pulse after the loop broke: only the exit calls
    view = fresh(world)
    assert view.calls and all(c.is_exit for c in view.calls)
    words = lesson("call", view)
    assert "way out" in words.title.lower() and "dotted" in words.detail


def test_a_new_dive_teaches_again_but_a_completed_chapter_never(ch1):
    world = World(ch1)
    view = fresh(world)
    glitch: list[Event] = [Glitched(1, 0, 3)]
    first, second = Teacher(TEACHING, Progress()), Teacher(TEACHING, Progress())
    assert first.step(view, glitch) and second.step(view, glitch)  # once per dive: every dive
    done = Progress()
    done.complete(TEACHING, 120.0)
    assert done.completed == [TEACHING] and not done.lessons_due(TEACHING)
    teacher = Teacher(TEACHING, done)
    assert not teacher.active
    assert teacher.step(view, glitch + [Noticed(1, 0)]) == []
    # Completed by a file, without the taught field: still none.
    assert Teacher(TEACHING, Progress(completed=[TEACHING])).step(view, glitch) == []
    # Other chapters and seed dives teach nothing.
    assert Teacher("ch2_beautiful_prison", Progress()).step(view, glitch) == []
    assert Teacher(None, Progress()).step(view, glitch) == []


def test_lessons_are_short(ch1):
    view = fresh(World(ch1))
    for key in LESSONS:
        words = lesson(key, view, "Space / E")
        # A headline and a line or two: read at a glance, mid-dive.
        assert words.title and words.detail and len(words.title) <= 48 and len(words.detail) <= 120
    assert "Space / E" in lesson("beside", view, "Space / E").detail


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("DREAMSCAPE_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("DREAMSCAPE_MUTE", "1")
    return tmp_path / "home"


def test_an_old_progress_file_without_lessons_loads(home):
    path = paths.data_dir(ensure=True) / "progress.json"
    path.write_text(json.dumps({"version": 1, "completed": ["ch1_the_loop"], "best_times": {"ch1_the_loop": 88.0}, "last": None}))
    progress, message = load_progress()
    assert message is None
    assert progress.completed == ["ch1_the_loop"] and progress.best_time("ch1_the_loop") == 88.0
    assert progress.taught == ["ch1_the_loop"] and not progress.lessons_due("ch1_the_loop")
    path.write_text(json.dumps({"version": 1, "completed": [], "best_times": {}, "last": None}))
    progress, message = load_progress()
    assert message is None and progress.taught == [] and progress.lessons_due("ch1_the_loop")


def test_lessons_put_away_survive_a_save_and_bad_entries_are_dropped(home):
    progress = Progress()
    progress.mark_taught("ch1_the_loop")
    save_progress(progress)
    loaded, message = load_progress()
    assert message is None and loaded == progress and not loaded.lessons_due("ch1_the_loop")
    path = paths.data_dir() / "progress.json"
    path.write_text(json.dumps({"completed": [], "taught": ["ch1_the_loop", 7, "../x"]}))
    loaded, message = load_progress()
    assert loaded.taught == ["ch1_the_loop"] and "taught" in message
    path.write_text(json.dumps({"taught": "all"}))
    loaded, message = load_progress()
    assert loaded.taught == [] and "taught" in message


# -- in the game --------------------------------------------------------------------------------


@pytest.fixture
def app(home):
    from dreamscape.app.frame_loop import App

    a = App(headless=True)
    a.settings = a.settings.replace(notice_seen=True)
    yield a
    if pygame.get_init():
        a.close()


def _dive(app, level: str = "ch1_the_loop"):
    from dreamscape.app import intents
    from dreamscape.app.launch import _chapter_key
    from dreamscape.app.transitions import Reset

    spec = load_level_or_profile(level)
    app.go(Reset(intents.Loading(spec, chapter=_chapter_key(spec), autoplay=True)))
    app.run(2)
    return app.top


def test_the_first_chapter_shows_its_lessons_one_at_a_time(app):
    dive = _dive(app)
    assert dive.chapter == TEACHING and dive.teacher.active
    app.run(30)
    assert dive.teacher.shown[:1] == ["call"]
    first = dive.lessons.items[0]
    assert first.title.startswith("Something calls") and first.opacity() == 0.0  # waits for the level's name
    app.run(150)
    assert dive.lessons.items[0] is first and first.opacity() == 1.0
    # Queued lessons wait their turn.
    dive.lessons.add("Another", "lesson")
    dive.lessons.update(200.0)
    assert dive.lessons.items[-1].age == 0.0


def test_a_completed_first_chapter_teaches_nothing(app):
    app.progress.complete(TEACHING, 100.0)
    dive = _dive(app)
    app.run(300)
    assert not dive.teacher.active and dive.teacher.shown == [] and dive.lessons.items == []


def test_winning_the_chapter_puts_its_lessons_away(app):
    from dreamscape.app.session import DiveResult

    result = DiveResult(level="The Loop", seed=2042, outcome="won", ticks=3000, woken=1, dreamers=1, shards=0, lucidity=50, recording=None, chapter=TEACHING)
    app.record_result(result)
    loaded, _ = load_progress()
    assert TEACHING in loaded.taught and not loaded.lessons_due(TEACHING)
