"""Every chapter's climax, drawn by the real game at the strongest glitch setting, passes the flash analyser.

The climaxes bring screen effects of their own (the doubt rising, the loop
breaking, the unmasking, the night replaying, the lights going out, a hack,
a ward waking): each is played here as the game plays it, with its own
triggers, its toasts and its drone, and the frames around it are fed to the
WCAG 2.3.1 meter. Headless, 1280x720.
"""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

from dreamscape.app import intents  # noqa: E402
from dreamscape.app.flash import FlashMeter  # noqa: E402
from dreamscape.app.transitions import Reset  # noqa: E402
from dreamscape.bot.bot import Bot  # noqa: E402
from dreamscape.core.level import load_level_or_profile  # noqa: E402
from dreamscape.gen import generate  # noqa: E402
from dreamscape.sim import World  # noqa: E402

#: Each chapter's climax events, as the event classes' names.
CLIMAXES = {
    "ch1_the_loop": ("DoubtRose", "LoopBroken"),
    "ch2_beautiful_prison": ("Unmasked",),
    "ch3_endless_loop": ("NightReplayed", "LoopRemembered"),
    "ch4_network_crash": ("LightsOut", "SightShared"),
    "ch5_nexus_malfunction": ("WardWoken", "Hacked"),
}
#: Frames drawn before and after each event (60 frames a second, two a tick).
BEFORE, AFTER = 60, 180


def first_ticks(level: str, names: tuple[str, ...]) -> dict[str, int]:
    """The tick each named event first happens at, in the fog bot's game of `level` (what autoplay plays)."""
    world = World(generate(load_level_or_profile(level)))
    bot = Bot()
    found: dict[str, int] = {}
    while not world.done and len(found) < len(names):
        for event in world.step(bot.command(world.fog_view())):
            if type(event).__name__ in names:
                found.setdefault(type(event).__name__, event.tick)
    return found


@pytest.fixture
def app(tmp_path, monkeypatch):
    monkeypatch.setenv("DREAMSCAPE_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("DREAMSCAPE_MUTE", "1")
    from dreamscape.app.frame_loop import App

    a = App(headless=True)
    a.apply_settings(a.settings.replace(glitch_intensity=1.0, window_size=(1280, 720)))
    yield a
    if pygame.get_init():
        a.close()


@pytest.mark.parametrize("level", sorted(CLIMAXES))
def test_the_climax_drawn_at_the_strongest_setting_passes_the_flash_analyser(app, level):
    names = CLIMAXES[level]
    ticks = first_ticks(level, names)
    assert set(ticks) == set(names), f"the bot's game never reached {set(names) - set(ticks)}"
    app.go(Reset(intents.Loading(load_level_or_profile(level), chapter=level, autoplay=True)))
    app.run(2)
    dive = app.top
    assert type(dive).__name__ == "DiveScene" and dive.fx.intensity == 1.0
    session = dive.session
    for name in sorted(names, key=ticks.get):
        start = ticks[name] - BEFORE // 2
        if session.world.tick > start:
            continue  # already drawn within the window of the event before
        while session.world.tick < start:
            session.step(0)  # autoplay: the bot's command replaces this one, as in the dive
        meter = FlashMeter(60)
        seen, active = False, 0
        for _ in range(BEFORE + AFTER):
            before = session.world.tick
            app.run(1)
            seen = seen or before <= ticks[name] <= session.world.tick
            active += dive.fx.active
            meter.feed(pygame.surfarray.pixels3d(app.screen).transpose(1, 0, 2))
        report = meter.report()
        assert seen, f"{name} did not happen inside the frames drawn"
        assert active > 0, "the climax's glitch never ran"
        assert report.frames == BEFORE + AFTER
        assert report.passed, f"{level}, {name}: {report.summary()}"
