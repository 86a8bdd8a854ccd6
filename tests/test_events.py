"""The simulation's events are typed: one documented, named class per kind, and readers match on the type.

A real bot game reports only those classes; the readers (sound, the first
chapter's lessons, the dive screen's messages, the bot's playthrough) let an
event of a kind they do not know pass without effect.
"""

from __future__ import annotations

import dataclasses
import inspect
import re

import pygame
import pytest

from dreamscape.app.audio import Audio
from dreamscape.app.prompts import TEACHING, Teacher
from dreamscape.bot.bot import Bot
from dreamscape.core.level import load_level_or_profile
from dreamscape.gen import generate
from dreamscape.sim import events as E
from dreamscape.sim.events import EVENT_TYPES, Caught, Event, Glitched, LossReason, Lost, Moved, Won
from dreamscape.sim.views import Views
from dreamscape.sim.world import OUTCOMES, World


class Unheard(Event):
    """A kind no reader knows (as from a newer simulation)."""


@pytest.fixture(scope="module")
def ch1():
    return generate(load_level_or_profile("ch1_the_loop"))


def _own_doc(cls: type) -> str:
    # A dataclass without a docstring is given its signature as one; that is no documentation.
    doc = inspect.getdoc(cls) or ""
    return "" if doc.startswith(f"{cls.__name__}(") else doc


def test_every_event_class_is_a_documented_named_frozen_dataclass():
    assert len(set(EVENT_TYPES)) == len(EVENT_TYPES)
    declared = {obj for obj in vars(E).values() if isinstance(obj, type) and issubclass(obj, Event) and obj is not Event}
    assert declared == set(EVENT_TYPES)
    assert _own_doc(Event)
    for cls in EVENT_TYPES:
        assert re.fullmatch(r"(?:[A-Z][a-z]+)+", cls.__name__), cls.__name__
        assert _own_doc(cls), f"{cls.__name__} has no docstring"
        assert dataclasses.is_dataclass(cls) and cls.__dataclass_params__.frozen  # type: ignore[attr-defined]
        names = [f.name for f in dataclasses.fields(cls)]
        assert names[0] == "tick"
        assert not {"a", "b", "kind"} & set(names), f"{cls.__name__} has positional-style fields {names}"


def test_an_event_is_frozen_and_compares_by_type():
    moved = Moved(3, 1, 2)
    with pytest.raises(dataclasses.FrozenInstanceError):
        moved.x = 4  # type: ignore[misc]
    assert moved == Moved(3, 1, 2) and moved != E.Bumped(3, 1, 2)


def test_a_loss_reason_is_the_outcome_it_leaves():
    assert {r.value for r in LossReason} | {"won", None} == set(OUTCOMES)


def test_step_returns_only_the_event_classes_over_a_real_bot_game(ch1):
    world = World(ch1)
    bot = Bot()
    seen: set[type] = set()
    last: list[Event] = []
    while not world.done:
        tick = world.tick
        events = world.step(bot.command(world.view()))
        for e in events:
            assert type(e) in EVENT_TYPES, e
            assert e.tick == tick
        seen |= {type(e) for e in events}
        last = events or last
    assert {Moved, E.Woke, E.WakeProgress, Glitched} <= seen
    assert isinstance(last[-1], (Won, Lost))
    assert (world.outcome == "won") == isinstance(last[-1], Won)


def test_audio_hears_an_unknown_kind_as_nothing(monkeypatch):
    monkeypatch.setenv("DREAMSCAPE_MUTE", "1")
    audio = Audio(log=lambda line: None)
    assert audio.on_events([Unheard(1)]) == []
    assert audio.on_events([Unheard(1), Caught(1, 0, 50)]) == ["caught"]


def test_the_lessons_ignore_an_unknown_kind(ch1):
    view = Views(World(ch1)).fog()
    plain, told = Teacher(TEACHING), Teacher(TEACHING)
    assert [p.key for p in told.step(view, [Unheard(0)])] == [p.key for p in plain.step(view, [])]
    assert [p.key for p in told.step(view, [Unheard(0), Glitched(0, 0, 3)])] == ["glitch"]


@pytest.fixture
def dive(tmp_path, monkeypatch):
    monkeypatch.setenv("DREAMSCAPE_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("DREAMSCAPE_MUTE", "1")
    from dreamscape.app.frame_loop import App
    from dreamscape.app.screens.dive import DiveScene
    from dreamscape.app.session import DiveSession

    app = App(headless=True)
    yield DiveScene(app, DiveSession(load_level_or_profile("ch1_the_loop"), record_dir=None))
    if pygame.get_init():
        app.close()


def test_the_dive_screen_shows_nothing_for_an_unknown_kind(dive):
    before = [t.title for t in dive.toasts.items]
    dive._react([Unheard(0)], dive.session.view())
    assert [t.title for t in dive.toasts.items] == before
    dive._react([Unheard(0), Caught(0, 0, 88)], dive.session.view())
    assert [t.title for t in dive.toasts.items] == before + ["Caught"]
    assert dive.toasts.items[-1].detail == "lucidity 88"


def test_the_dive_screen_tells_the_doubt_climax_as_it_happens(dive):
    from dreamscape.sim.events import BeaconLit, BridgeOpened, DoubtRose, LoopBroken, Woke

    import dataclasses

    view = dive.session.view()
    assert view.climax == "doubt" and not view.exit_open
    view = dataclasses.replace(view, awake_count=view.dreamer_count)  # as the screen sees it after Leo wakes
    before = len(dive.toasts.items)
    # Leo wakes and his doubt rises in the same tick: no promise of a way out while it is sealed.
    dive._react([Woke(0, 0), DoubtRose(0, 3, 1, 1)], view)
    titles = [t.title for t in dive.toasts.items[before:]]
    assert titles == ["The doubt rises"]
    assert "bridge back" not in " ".join(t.detail for t in dive.toasts.items)
    assert dive.app.audio.drone_turmoil == 1.0  # the drone swells while the Doubt hunts
    dive._react([BeaconLit(1, 0, "Ava")], view)
    assert dive.toasts.items[-1].title == "Ava's beacon burns"
    dive._react([LoopBroken(2, 3), BridgeOpened(2, "Mia", 4, 4)], view)
    assert [t.title for t in dive.toasts.items[-2:]] == ["The loop breaks", "Mia's bridge"]
    calm = dive.app.audio.drone_turmoil
    assert calm is not None and calm < dive.turmoil  # and settles once the loop is broken
