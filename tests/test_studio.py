"""The dreamer studio: its model, the coalescing builder, saving, overlays and the headless window."""

from __future__ import annotations

import os

# Before pygame is imported anywhere: no window, no audio device.
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import math
import random
import subprocess
import sys
import threading
import time
import tomllib

import numpy as np
import pygame
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import subprocess_env
from dreamscape.designer import metrics
from dreamscape.cli.main import main
from dreamscape.core.level import LevelSpec, Overrides, load_level_or_profile
from dreamscape.core.profile import DreamerProfile
from dreamscape.gen.architect import generate
from dreamscape.studio import analysis
from dreamscape.formats.level_toml import level_to_toml, toml_string
from dreamscape.studio.map_view import tiles_after
from dreamscape.studio.model import StudioModel
from dreamscape.studio.save import SaveDialog, save_level
from dreamscape.studio.controller import Studio
from dreamscape.studio.tuning_window import open_window
from dreamscape.studio.worker import Builder

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def display():
    screen = open_window(headless=True)
    assert screen is not None
    yield screen
    pygame.quit()


@pytest.fixture
def studio(display, tmp_path):
    made = []

    def make(target: str = "leo", **kw) -> Studio:
        s = Studio(load_level_or_profile(target), save_dir=tmp_path / "levels" / "studio", sync=True, **kw)
        made.append(s)
        s.update(0)
        s.draw(display)
        return s

    yield make
    for s in made:
        s.close()


def press(s: Studio, key: int, mod: int = 0) -> None:
    s.handle_event(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode=""))


def settle(s: Studio, screen: pygame.Surface) -> None:
    """Send any change to the builder, wait for it, take the result and draw it."""
    s.update(0)
    s.draw(screen)


def build_now(model: StudioModel, builder: Builder):
    spec = model.take_request()
    assert spec is not None
    model.requested(builder.request(spec))
    assert builder.wait_idle(30)
    result = builder.poll()
    assert result is not None and model.accept(result)
    return result


# -- the command line -------------------------------------------------------------------


def test_headless_cli_runs_and_saves_a_screenshot_that_is_not_blank(run_cli, tmp_path):
    shot = tmp_path / "x.png"
    code, _out, err = run_cli("studio", "leo", "--headless", "--frames", "5", "--screenshot", str(shot), cwd=tmp_path)
    assert code == 0, err
    assert shot.read_bytes()[:8] == PNG_SIGNATURE
    image = pygame.image.load(str(shot))
    assert image.get_size() == (1280, 800)
    pixels = pygame.surfarray.array3d(image).reshape(-1, 3)
    colours = np.unique(pixels[:: 7], axis=0)
    assert len(colours) > 60, "the screenshot is (nearly) a flat colour"
    # The middle of the window is the map: many colours there, not a placeholder.
    middle = pygame.surfarray.array3d(image)[500:800, 250:550].reshape(-1, 3)
    assert len(np.unique(middle, axis=0)) > 20
    assert not list(tmp_path.glob("levels")), "a headless run must not save anything"


@pytest.mark.parametrize(
    "args, field",
    [
        (["nobody_at_all"], "nobody_at_all"),
        (["leo", "--size", "10x10"], "--size"),
        (["leo", "--size", "wide"], "--size"),
        (["leo", "--seed", "x"], "--seed"),
        (["leo", "--frames", "0"], "--frames"),
        (["leo", "--screenshot", "shot.jpg"], "--screenshot"),
    ],
)
def test_bad_arguments_exit_2_with_one_line(args, field, capsys):
    assert main(["studio", *args, "--headless"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert err.startswith("dreamscape studio: error: ") and field in err
    assert "Traceback" not in err


# -- the model and the builder ----------------------------------------------------------------


def test_the_model_builder_and_saving_need_no_pygame():
    code = (
        "import sys\n"
        "import dreamscape.studio.model, dreamscape.studio.worker, dreamscape.studio.save\n"
        "assert 'pygame' not in sys.modules, 'pygame was imported'\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=subprocess_env(), timeout=60)
    assert proc.returncode == 0, proc.stderr


def test_the_studio_runs_without_the_game(tmp_path):
    """The studio shares only dreamscape.render with the game: with dreamscape.app
    unimportable, every studio module still imports and the window runs headless."""
    shot = tmp_path / "studio.png"
    code = (
        "import importlib, pkgutil, sys\n"
        "sys.modules['dreamscape.app'] = None  # any import of the game now fails\n"
        "import dreamscape.studio\n"
        "names = [m.name for m in pkgutil.walk_packages(dreamscape.studio.__path__, 'dreamscape.studio.')]\n"
        "assert 'dreamscape.studio.tuning_window' in names, names\n"
        "for name in names:\n"
        "    importlib.import_module(name)\n"
        "from dreamscape.core.level import load_level_or_profile\n"
        "from dreamscape.studio.tuning_window import run_studio\n"
        f"code = run_studio(load_level_or_profile('leo'), headless=True, frames=4, screenshot={str(shot)!r}, save_dir={str(tmp_path / 'levels')!r})\n"
        "assert code == 0, code\n"
        "assert not [m for m in sys.modules if m.startswith('dreamscape.app.')], 'the game was imported'\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=subprocess_env(), timeout=120, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert shot.read_bytes()[:8] == PNG_SIGNATURE


def test_a_slider_change_regenerates_with_the_new_value():
    model = StudioModel(load_level_or_profile("leo"))
    builder = Builder()
    try:
        before = build_now(model, builder)
        model.select_key("being_trapped")
        assert model.nudge(+1)
        assert model.spec().profile.fear("being_trapped") == pytest.approx(0.45)
        after = build_now(model, builder)
    finally:
        builder.close()
    assert after.ds.spec.profile.fear("being_trapped") == 0.45
    assert after.content_hash != before.content_hash
    assert model.result is after and model.previous_metrics == before.metrics
    assert model.take_request() is None, "an unchanged spec must not be built again"


def test_many_quick_changes_coalesce_into_fewer_builds_ending_with_the_last():
    model = StudioModel(load_level_or_profile("leo"))
    builder = Builder()
    try:
        model.select_key("being_trapped")
        changes = 0
        for value in np.linspace(0.0, 0.9, 12):
            model.set_value("being_trapped", float(value))
            spec = model.take_request()
            if spec is not None:
                model.requested(builder.request(spec))
                changes += 1
        assert builder.wait_idle(30)
        result = builder.poll()
    finally:
        builder.close()
    assert changes == 12
    assert builder.built < changes
    assert result.request_id == model.requested_id
    assert result.spec == model.spec()
    assert result.ds.spec.profile.fear("being_trapped") == 0.9


def wait_for(condition, timeout: float = 10.0) -> bool:
    """Poll `condition` until it holds (True) or `timeout` seconds pass (False)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.005)
    return condition()


def test_stale_results_are_dropped():
    gate = threading.Semaphore(0)
    built_for: list[float] = []

    def gated_build(spec, request_id, requested_at):
        built_for.append(spec.profile.fear("being_trapped"))
        gate.acquire(timeout=10)
        return analysis.BuildResult(request_id, spec, requested_at, metrics={"dead_ends": request_id})

    spec = load_level_or_profile("leo")
    builder = Builder(gated_build, live_interval=math.inf)
    try:
        first = builder.request(spec)
        assert wait_for(lambda: len(built_for) == 1)
        builder.request(spec.with_profile(spec.profile.with_knob("being_trapped", 0.5)))
        last = builder.request(spec.with_profile(spec.profile.with_knob("being_trapped", 0.9)))
        gate.release()  # the first build finishes, overtaken by the newest request
        assert wait_for(lambda: builder.built == 1 and len(built_for) == 2)
        assert builder.poll() is None, "an overtaken build must not be handed out"
        gate.release()
        assert builder.wait_idle(10)
        result = builder.poll()
        assert builder.poll() is None
    finally:
        builder.close()
    # The middle request was replaced before it started, so it was never built.
    assert built_for == [0.4, 0.9]
    assert result.request_id == last and builder.dropped == 1

    model = StudioModel(spec)
    assert model.accept(result)
    late = analysis.BuildResult(first, spec, 0.0)
    assert not model.accept(late), "an older build must never replace a newer one"
    assert model.result is result


def test_a_long_drag_still_shows_superseded_builds_now_and_then():
    gate = threading.Semaphore(0)
    started = threading.Event()

    def gated_build(spec, request_id, requested_at):
        started.set()
        gate.acquire(timeout=10)
        return analysis.BuildResult(request_id, spec, requested_at)

    spec = load_level_or_profile("leo")
    builder = Builder(gated_build, live_interval=0.0)
    try:
        builder.request(spec)
        assert started.wait(10)
        builder.request(spec.with_seed(1))  # arrives while the first is building
        gate.release()
        assert wait_for(lambda: builder.built == 1)
        shown = builder.poll()
        gate.release()
        assert builder.wait_idle(10)
        final = builder.poll()
    finally:
        builder.close()
    # With no map shown for a while, even an overtaken build is worth showing.
    assert shown is not None and shown.spec.seed == 0
    assert final.spec.seed == 1


def test_dragging_being_trapped_up_makes_dead_ends_appear(studio, display):
    """The designer's scenario: drag being_trapped from 0 to 1 and watch dead ends appear."""
    s = studio("leo")
    low, high = [], []
    for seed in (3, 11, 42):
        for digit in str(seed):
            press(s, getattr(pygame, f"K_{digit}"))
        press(s, pygame.K_RETURN)
        row = next(r for r in s.rows if r.knob.key == "being_trapped")
        y = row.bar.centery
        s.handle_event(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=(row.bar.left - 4, y)))
        settle(s, display)
        assert s.model.result.spec.seed == seed
        assert s.model.value("being_trapped") == 0.0
        low.append(s.model.result.metrics["dead_ends"])
        for x in range(row.bar.left, row.bar.right + 20, 15):
            s.handle_event(pygame.event.Event(pygame.MOUSEMOTION, pos=(x, y), rel=(15, 0), buttons=(1, 0, 0)))
        s.handle_event(pygame.event.Event(pygame.MOUSEBUTTONUP, button=1, pos=(row.bar.right + 20, y)))
        settle(s, display)
        assert s.model.value("being_trapped") == 1.0
        high.append(s.model.result.metrics["dead_ends"])
    assert np.mean(high) > np.mean(low) * 1.5, (low, high)
    # A whole drag is one undo step, however many values it passed through.
    row = next(r for r in s.rows if r.knob.key == "being_trapped")
    s.handle_event(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=(row.bar.right, row.bar.centery)))
    for x in range(row.bar.right, row.bar.left - 10, -20):
        s.handle_event(pygame.event.Event(pygame.MOUSEMOTION, pos=(x, row.bar.centery), rel=(-20, 0), buttons=(1, 0, 0)))
    s.handle_event(pygame.event.Event(pygame.MOUSEBUTTONUP, button=1, pos=(row.bar.left - 10, row.bar.centery)))
    assert s.model.value("being_trapped") == 0.0
    press(s, pygame.K_z, pygame.KMOD_CTRL)
    assert s.model.value("being_trapped") == 1.0


def test_keys_select_adjust_undo_and_set_the_seed(studio):
    s = studio("leo")
    model = s.model
    state = (random.getstate(), np.random.get_state()[1].copy())
    assert model.selected_knob.key == "self_doubt"
    press(s, pygame.K_DOWN)
    press(s, pygame.K_DOWN)
    press(s, pygame.K_DOWN)
    assert model.selected_knob.key == "being_trapped"
    press(s, pygame.K_RIGHT)
    assert model.value("being_trapped") == 0.45
    press(s, pygame.K_LEFT, pygame.KMOD_SHIFT)
    assert model.value("being_trapped") == 0.44
    press(s, pygame.K_LEFT)
    assert model.value("being_trapped") == 0.40
    press(s, pygame.K_z, pygame.KMOD_CTRL)
    assert model.value("being_trapped") == 0.44
    press(s, pygame.K_y, pygame.KMOD_CTRL)
    assert model.value("being_trapped") == 0.40
    press(s, pygame.K_DELETE)
    assert model.value("being_trapped") == 0.4  # back to the level's own value

    press(s, pygame.K_PAGEUP)
    press(s, pygame.K_RIGHTBRACKET)
    assert model.value("seed") == 2
    press(s, pygame.K_LEFTBRACKET)
    assert model.value("seed") == 1
    for key in (pygame.K_7, pygame.K_0, pygame.K_7, pygame.K_BACKSPACE, pygame.K_9):
        press(s, key)
    assert model.seed_entry == "709"
    press(s, pygame.K_RETURN)
    assert model.value("seed") == 709 and model.seed_entry is None
    press(s, pygame.K_r)
    assert model.value("seed") != 709
    # The roll came from the studio's own generator: the world's randomness is untouched.
    assert random.getstate() == state[0]
    assert (np.random.get_state()[1] == state[1]).all()
    press(s, pygame.K_UP)
    assert model.selected_knob.key == "loss"
    for _ in range(3):
        press(s, pygame.K_UP)
    assert model.selected_knob.key == "seed", "the selection wraps round"
    press(s, pygame.K_ESCAPE)
    assert not s.running


def test_shrinking_the_map_keeps_the_dreamers_it_can_hold():
    model = StudioModel(load_level_or_profile("leo"))
    model.set_value("dreamers", 20)
    assert model.value("dreamers") == 20
    model.set_value("width", 24)
    model.set_value("height", 16)
    assert model.value("dreamers") <= (24 * 16) // 64
    model.spec().check_capacity()
    assert model.set_value("width", 9999) and model.value("width") == 256


def test_chokepoint_mask_agrees_with_the_metric():
    spec = load_level_or_profile("leo")
    for seed in range(4):
        ds = generate(spec.with_seed(seed))
        field = analysis.analyse(ds.tiles, ds.start, ds.exit)
        assert int(field.chokepoints.sum()) == metrics.compute(ds)["chokepoints"]
        # Every cut tile lies on the drawn route.
        on_route = np.zeros_like(field.chokepoints)
        on_route[field.route[:, 0], field.route[:, 1]] = True
        assert not (field.chokepoints & ~on_route).any()


# -- the view -----------------------------------------------------------------------------------


def test_the_timeline_at_a_later_tick_shows_the_changed_map(studio, display):
    s = studio("leo")
    ds = s.model.ds
    assert ds.glitches, "the test needs a dream with glitches"
    area = (s.layout.map_area.width - 4, s.layout.map_area.height - 4)
    plan = pygame.surfarray.array3d(s.map_view.render(s.model, area)).copy()
    press(s, pygame.K_PERIOD)
    assert s.model.tick == ds.glitches[0].tick
    press(s, pygame.K_END)
    assert s.model.tick == s.model.end_tick
    later = pygame.surfarray.array3d(s.map_view.render(s.model, area))
    assert not np.array_equal(plan, later)
    assert not np.array_equal(ds.tiles, tiles_after(ds, len(ds.glitches)))
    assert np.array_equal(tiles_after(ds, len(ds.glitches)), ds.tiles_at_tick(s.model.tick))
    # Scrubbing with the mouse: a press on the bar's left end goes back to the start.
    bar_y = s.layout.timeline.top + 47
    s.handle_event(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=(s.layout.timeline.left + 10, bar_y)))
    s.handle_event(pygame.event.Event(pygame.MOUSEBUTTONUP, button=1, pos=(s.layout.timeline.left + 10, bar_y)))
    assert s.model.tick == 0
    again = pygame.surfarray.array3d(s.map_view.render(s.model, area))
    assert np.array_equal(plan, again)


def test_space_plays_the_schedule_and_the_wheel_steps_it(studio, display):
    s = studio("leo")
    press(s, pygame.K_SPACE)
    assert s.playing
    s.update(1000.0)  # one second of real time plays several seconds of the dream
    assert s.model.tick > 30
    press(s, pygame.K_SPACE)
    assert not s.playing
    press(s, pygame.K_HOME)
    s.mouse = s.layout.timeline.center
    s.handle_event(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=1))
    assert s.model.tick == s.model.glitch_ticks[0]
    # Over a slider the wheel adjusts that row.
    row = next(r for r in s.rows if r.knob.key == "wonder")
    s.mouse = row.rect.center
    s.handle_event(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=1))
    assert s.model.selected_knob.key == "wonder" and s.model.value("wonder") == 0.05


def test_overlays_toggle_by_key_and_by_chip(studio, display):
    s = studio("leo")
    area = (s.layout.map_area.width - 4, s.layout.map_area.height - 4)
    plain = pygame.surfarray.array3d(s.map_view.render(s.model, area)).copy()
    for key, name in ((pygame.K_g, "regions"), (pygame.K_d, "distance"), (pygame.K_c, "chokepoints")):
        assert not s.model.overlays[name]
        press(s, key)
        assert s.model.overlays[name]
        shown = pygame.surfarray.array3d(s.map_view.render(s.model, area))
        assert not np.array_equal(plain, shown), name
        press(s, key)
    press(s, pygame.K_m)
    assert not s.model.overlays["markers"]
    s.draw(display)
    chip = s.targets["overlay:markers"]
    s.handle_event(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=chip.center))
    assert s.model.overlays["markers"]
    assert np.array_equal(plain, pygame.surfarray.array3d(s.map_view.render(s.model, area)))


@pytest.mark.parametrize("size", [(640, 400), (1920, 1080)])
def test_the_window_draws_at_other_sizes(studio, size):
    s = studio("ch1_the_loop")
    s.model.toggle("regions")
    s.model.toggle("distance")
    screen = pygame.Surface(size)
    s.draw(screen)
    assert s.layout.screen.size == size
    assert s.layout.map_area.right <= s.layout.side.left


# -- saving and exporting ------------------------------------------------------------------------


def test_save_round_trips_and_never_overwrites_unasked(studio, display, tmp_path):
    s = studio("leo")
    model = s.model
    model.set_value("being_trapped", 0.85)
    model.set_value("wonder", 0.3)
    model.set_value("self_doubt", 0.0)
    model.set_value("width", 72)
    model.set_value("height", 48)
    model.set_value("dreamers", 3)
    model.set_value("seed", 99)
    settle(s, display)
    press(s, pygame.K_s, pygame.KMOD_CTRL)
    assert s.dialog is not None and s.dialog.text.endswith(os.path.join("levels", "studio", "leo_99.toml"))
    press(s, pygame.K_RETURN)
    assert s.dialog is None
    path = tmp_path / "levels" / "studio" / "leo_99.toml"
    saved = load_level_or_profile(path)
    assert saved == model.spec()
    assert generate(saved).content_hash() == s.model.result.content_hash
    assert "saved" in model.message

    first_text = path.read_text()
    model.set_value("being_trapped", 0.2)
    press(s, pygame.K_s, pygame.KMOD_CTRL)
    press(s, pygame.K_RETURN)
    assert s.dialog is not None and s.dialog.asking == path
    assert path.read_text() == first_text
    press(s, pygame.K_n)
    assert s.dialog is not None and s.dialog.asking is None
    assert path.read_text() == first_text
    press(s, pygame.K_RETURN)
    press(s, pygame.K_y)
    assert s.dialog is None
    assert load_level_or_profile(path).profile.fear("being_trapped") == 0.2


def test_a_typed_file_name_is_used_and_given_its_suffix(studio, tmp_path):
    s = studio("leo")
    press(s, pygame.K_s, pygame.KMOD_CTRL)
    target = tmp_path / "elsewhere" / "my level"
    s.dialog.text = ""
    s.handle_event(pygame.event.Event(pygame.TEXTINPUT, text=str(target)))
    press(s, pygame.K_RETURN)
    assert (tmp_path / "elsewhere" / "my level.toml").is_file()


def test_save_dialog_reports_unwritable_paths_and_stays_open(tmp_path):
    spec = load_level_or_profile("leo")
    (tmp_path / "taken").mkdir()
    dialog = SaveDialog("Save", str(tmp_path / "taken"), lambda path, replace: save_level(spec, path, replace))
    # 'taken' is a folder, but the name gets its suffix: 'taken.toml' is free.
    assert dialog.submit() == tmp_path / "taken.toml" and dialog.done
    assert (tmp_path / "taken.toml").is_file()
    blocker = tmp_path / "file"
    blocker.write_text("x")
    dialog = SaveDialog("Save", str(blocker / "inside.toml"), lambda path, replace: save_level(spec, path, replace))
    assert dialog.submit() is None and dialog.error and not dialog.done
    dialog.text = ""
    assert dialog.submit() is None and dialog.error == "type a file name"


def test_export_writes_a_png_and_asks_before_replacing(studio, display, tmp_path):
    s = studio("leo")
    press(s, pygame.K_PERIOD)
    press(s, pygame.K_e, pygame.KMOD_CTRL)
    assert s.dialog.text.endswith("leo_0.png")
    press(s, pygame.K_RETURN)
    path = tmp_path / "levels" / "studio" / "leo_0.png"
    data = path.read_bytes()
    assert data[:8] == PNG_SIGNATURE
    image = pygame.image.load(str(path))
    assert image.get_width() > 600 and image.get_height() > 400
    press(s, pygame.K_e, pygame.KMOD_CTRL)
    press(s, pygame.K_RETURN)
    assert s.dialog.asking == path
    press(s, pygame.K_ESCAPE)
    assert s.dialog is not None and s.dialog.asking is None
    press(s, pygame.K_ESCAPE)
    assert s.dialog is None and path.read_bytes() == data


# -- the level writer --------------------------------------------------------------------------------


def test_bundled_levels_round_trip_through_the_writer(bundled_paths, tmp_path):
    for path in bundled_paths:
        spec = load_level_or_profile(path)
        out = tmp_path / f"{path.stem}.toml"
        out.write_text(level_to_toml(spec))
        assert load_level_or_profile(out) == spec, path.name


def test_writer_keeps_overrides_time_limit_and_awkward_text(tmp_path):
    profile = DreamerProfile('Ana "Quote" \\ Back', 0.35, {"loss": 0.1, "chaos": 1.0}, {"wonder": 0.05}, "line one\nline two\ttab")
    spec = LevelSpec(profile, 2**63 - 1, (200, 30), 5, 600, "Odd \u263e 'name' \\ [x]", "intro", Overrides(1.5, 0.25, 2.0, 7))
    text = level_to_toml(spec)
    assert "[overrides]" in text and "[dreamer.fears]" in text
    out = tmp_path / "odd.toml"
    out.write_text(text)
    assert load_level_or_profile(out) == spec


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=40))
def test_toml_strings_hold_any_text(text):
    assert tomllib.loads(f"v = {toml_string(text)}")["v"] == text
