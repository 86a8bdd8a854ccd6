"""Settings, progress and the folders they live in: round trips, damaged files, atomic saves."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings as hyp_settings, strategies as st

from dreamscape.app import paths
from dreamscape.app.progress import SEED_SESSION, LastSession, Progress, load_progress, save_progress
from dreamscape.app.settings import Settings, load_settings, save_settings


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    """A private home and DREAMSCAPE_HOME, so no test can touch the real ones."""
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("DREAMSCAPE_HOME", str(tmp_path / "portable"))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    return tmp_path / "portable"


@pytest.fixture
def xdg_home(tmp_path, monkeypatch) -> Path:
    """A private home without DREAMSCAPE_HOME, so the XDG rules apply."""
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("DREAMSCAPE_HOME", raising=False)
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    return tmp_path


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# -- paths -------------------------------------------------------------------


def test_portable_home_overrides_xdg(home, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xc"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xd"))
    assert paths.config_dir() == home / "config"
    assert paths.data_dir() == home / "data"
    assert paths.recordings_dir() == home / "data" / "recordings"


def test_xdg_variables_are_respected(xdg_home, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xc"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xd"))
    assert paths.config_dir() == tmp_path / "xc" / "dreamscape"
    assert paths.data_dir() == tmp_path / "xd" / "dreamscape"
    assert paths.recordings_dir() == tmp_path / "xd" / "dreamscape" / "recordings"


def test_without_xdg_variables_the_home_folders_are_used(xdg_home):
    assert paths.config_dir() == xdg_home / ".config" / "dreamscape"
    assert paths.data_dir() == xdg_home / ".local" / "share" / "dreamscape"


def test_relative_xdg_values_are_ignored(xdg_home, monkeypatch):
    # The XDG spec calls relative values invalid.
    monkeypatch.setenv("XDG_CONFIG_HOME", "relative/config")
    assert paths.config_dir() == xdg_home / ".config" / "dreamscape"


def test_folders_are_created_only_when_asked(home):
    assert not paths.config_dir().exists()
    assert not paths.recordings_dir().exists()
    assert paths.config_dir(ensure=True).is_dir()
    assert paths.recordings_dir(ensure=True).is_dir()
    assert paths.data_dir().is_dir()


def test_display_path_abbreviates_home(xdg_home):
    assert paths.display_path(xdg_home / ".config" / "x.json") == os.path.join("~", ".config", "x.json")
    assert paths.display_path("/elsewhere/x.json") == "/elsewhere/x.json"


# -- settings ----------------------------------------------------------------


def test_defaults_are_the_documented_ones():
    s = Settings()
    assert (s.master_volume, s.music_volume, s.effects_volume) == (0.8, 0.6, 0.8)
    assert (s.glitch_intensity, s.text_scale) == (0.6, 1.0)
    assert not (s.colour_blind or s.relaxed or s.fullscreen or s.notice_seen)
    assert s.show_minimap and s.window_size == (1280, 720) and s.version == 1
    assert s.keys["WAKE"] == ["space", "e"] and s.keys["CONFIRM"] == ["return", "space"]
    assert s.pad["WAKE"] == ["button:0"] and s.pad["PAUSE"] == ["button:7"]


def test_missing_file_gives_defaults_silently_and_creates_nothing(home):
    settings, message = load_settings()
    assert settings == Settings() and message is None
    assert not home.exists()


def test_save_uses_the_config_folder_and_creates_it(home):
    written = save_settings(Settings(music_volume=0.25))
    assert written == home / "config" / "settings.json"
    assert json.loads(written.read_text())["music_volume"] == 0.25
    assert load_settings() == (Settings(music_volume=0.25), None)


def test_save_respects_xdg_config_home(xdg_home, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xc"))
    assert save_settings(Settings()) == tmp_path / "xc" / "dreamscape" / "settings.json"


unit = st.floats(0.0, 1.0, allow_nan=False)
key_names = st.sampled_from(["c", "g", "h", "j", "k", "l", "v", "x", "z", "left shift", "f5", "[1]"])


@hyp_settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    volumes=st.tuples(unit, unit, unit, unit),
    text_scale=st.floats(0.75, 2.0, allow_nan=False),
    flags=st.tuples(*[st.booleans()] * 5),
    size=st.tuples(st.integers(640, 7680), st.integers(360, 4320)),
    wake_keys=st.lists(key_names, min_size=0, max_size=3, unique=True),
    pause_button=st.integers(0, 20),
)
def test_settings_round_trip(home, volumes, text_scale, flags, size, wake_keys, pause_button):
    keys = dict(Settings().keys, WAKE=wake_keys)
    button = f"button:{pause_button}"
    pad = {action: [b for b in inputs if b != button] for action, inputs in Settings().pad.items()}
    pad["PAUSE"] = [button]
    original = Settings(
        *volumes, text_scale, *flags[:3], size, *flags[3:], keys=keys, pad=pad,
    )
    save_settings(original)
    loaded, message = load_settings()
    assert message is None
    assert loaded == original
    assert loaded.window_size == size and isinstance(loaded.window_size, tuple)


@pytest.mark.parametrize(
    "content, detail",
    [
        (b"\xff\xfe\x00\x81garbage", "UTF-8"),
        (b'{\n  "music_volume": 0.5,\n  "keys": {"UP": ["up"', "line 3"),
        (b"[1, 2, 3]", "JSON object"),
        (b"", "line 1"),
    ],
    ids=["garbage-bytes", "truncated", "not-an-object", "empty"],
)
def test_unreadable_file_gives_defaults_and_names_the_file(home, content, detail):
    path = paths.config_dir(ensure=True) / "settings.json"
    path.write_bytes(content)
    settings, message = load_settings()
    assert settings == Settings()
    assert paths.display_path(path) in message and detail in message and "using defaults" in message
    assert "\n" not in message


@pytest.mark.parametrize(
    "field, value, detail",
    [
        ("music_volume", "loud", "expected a number"),
        ("music_volume", 1.7, "outside 0..1"),
        ("text_scale", 0.5, "outside 0.75..2"),
        ("glitch_intensity", -0.1, "outside 0..1"),
        ("fullscreen", 1, "true or false"),
        ("window_size", [320, 200], "outside 640x360"),
        ("window_size", "1280x720", "window_size"),
        ("keys", {"JUMP": ["j"]}, "JUMP"),
        ("keys", {"WAKE": ["no-such-key"]}, "no-such-key"),
        ("keys", {"WAKE": "space"}, "list"),
        ("keys", {"WAKE": ["w"], "UP": ["w"]}, "both"),
        ("pad", {"WAKE": ["trigger:9"]}, "trigger:9"),
        ("brightness", 3, "brightness"),
    ],
)
def test_bad_field_falls_back_to_its_default_and_keeps_the_rest(home, field, value, detail):
    path = paths.config_dir(ensure=True) / "settings.json"
    path.write_text(json.dumps({"text_scale": 1.5, "colour_blind": True, field: value}))
    settings, message = load_settings(path)
    expected_scale = 1.0 if field == "text_scale" else 1.5
    assert settings == Settings(text_scale=expected_scale, colour_blind=True)
    assert paths.display_path(path) in message and detail in message and field in message


def test_message_abbreviates_the_home_folder(xdg_home):
    path = paths.config_dir(ensure=True) / "settings.json"
    path.write_text("{oops")
    _, message = load_settings()
    assert message.startswith(f"settings file {os.path.join('~', '.config', 'dreamscape', 'settings.json')} is unreadable (line 1")


def test_unreadable_because_folder(home):
    path = paths.config_dir(ensure=True) / "settings.json"
    path.mkdir()
    settings, message = load_settings()
    assert settings == Settings() and "is a directory" in message


def test_actions_missing_from_a_file_get_their_defaults_without_conflicts(home):
    # A file that only remaps WAKE (or predates an action) still binds everything else.
    path = paths.config_dir(ensure=True) / "settings.json"
    path.write_text(json.dumps({"keys": {"WAKE": ["w"]}}))
    settings, message = load_settings()
    assert message is None
    assert settings.keys["WAKE"] == ["w"]
    assert settings.keys["UP"] == ["up"]  # "w" now belongs to WAKE
    assert settings.keys["MINIMAP"] == ["m", "tab"]


def test_key_names_are_stored_in_canonical_spelling():
    s = Settings(keys={"WAKE": ["SPACE", "Left Shift"]})
    assert s.keys["WAKE"] == ["space", "left shift"]


def test_save_is_atomic_when_the_write_fails(home, monkeypatch):
    path = save_settings(Settings(music_volume=0.1))
    before = path.read_bytes()

    def half_then_crash(obj, handle, **kw):
        handle.write('{"music_volume": 0.9, "keys": {')
        raise OSError("disk full")

    monkeypatch.setattr(json, "dump", half_then_crash)
    with pytest.raises(OSError, match="disk full"):
        save_settings(Settings(music_volume=0.9))
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert files_in(path.parent) == ["settings.json"]
    assert load_settings(path) == (Settings(music_volume=0.1), None)


def test_replace_clamps_numbers_and_rejects_wrong_types():
    base = Settings()
    assert base.replace(master_volume=1.5).master_volume == 1.0
    assert base.replace(effects_volume=-2).effects_volume == 0.0
    assert base.replace(text_scale=0.1).text_scale == 0.75
    assert base.replace(text_scale=9).text_scale == 2.0
    assert base.replace(window_size=(100, 5000)).window_size == (640, 5000)
    with pytest.raises(TypeError):
        base.replace(colour_blind="yes")
    with pytest.raises(TypeError):
        base.replace(music_volume="loud")
    with pytest.raises(ValueError):
        base.replace(music_volume=float("nan"))
    with pytest.raises(ValueError):
        base.replace(keys={"JUMP": ["j"]})
    with pytest.raises(TypeError):
        base.replace(loudness=1)
    assert base == Settings()


def test_copy_does_not_share_binding_lists():
    original = Settings()
    twin = original.copy()
    twin.keys["WAKE"].append("q")
    assert original.keys["WAKE"] == ["space", "e"]
    assert original.replace(relaxed=True).keys is not original.keys


# -- progress ----------------------------------------------------------------


def test_progress_round_trip(home):
    progress = Progress()
    assert progress.complete("ch1_the_loop", 95.5) is True
    assert progress.complete("ch1_the_loop", 120.0) is False  # slower: best kept
    assert progress.complete("ch1_the_loop", 80.25) is True
    assert progress.complete("ch2_beautiful_prison", 300) is True
    progress.record_session(SEED_SESSION, 123456)
    written = save_progress(progress)
    assert written == home / "data" / "progress.json"
    loaded, message = load_progress()
    assert message is None
    assert loaded == progress
    assert loaded.completed == ["ch1_the_loop", "ch2_beautiful_prison"]
    assert loaded.best_time("ch1_the_loop") == 80.25
    assert loaded.is_completed("ch2_beautiful_prison") and not loaded.is_completed("ch3_endless_loop")
    assert loaded.last == LastSession("seed", 123456) and loaded.last.is_seed


def test_missing_progress_is_a_fresh_start(home):
    assert load_progress() == (Progress(), None)
    assert not home.exists()


@pytest.mark.parametrize("content", [b"\x00\xff\xfe", b'{"completed": ["ch1"', b'"just a string"'])
def test_unreadable_progress_is_empty_with_a_message(home, content):
    path = paths.data_dir(ensure=True) / "progress.json"
    path.write_bytes(content)
    progress, message = load_progress()
    assert progress == Progress()
    assert paths.display_path(path) in message and "\n" not in message


def test_bad_progress_entries_are_dropped_and_the_rest_kept(home):
    path = paths.data_dir(ensure=True) / "progress.json"
    path.write_text(json.dumps({
        "completed": ["ch1_the_loop", 5, "ch1_the_loop", "../evil"],
        "best_times": {"ch1_the_loop": 61.0, "ch2_beautiful_prison": -3, "ch3_endless_loop": "fast"},
        "last": {"chapter": "ch2_beautiful_prison", "seed": -1},
    }))
    progress, message = load_progress()
    assert progress.completed == ["ch1_the_loop"]
    assert progress.best_times == {"ch1_the_loop": 61.0}
    assert progress.last is None
    assert paths.display_path(path) in message and "completed" in message


def test_progress_save_is_atomic(home, monkeypatch):
    first = Progress(completed=["ch1_the_loop"], best_times={"ch1_the_loop": 50.0})
    path = save_progress(first)
    before = path.read_bytes()

    def crash(obj, handle, **kw):
        handle.write("{")
        raise RuntimeError("power cut")

    monkeypatch.setattr(json, "dump", crash)
    with pytest.raises(RuntimeError):
        save_progress(Progress())
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert files_in(path.parent) == ["progress.json"]


def test_progress_rejects_bad_values_from_code():
    with pytest.raises(ValueError):
        Progress().complete("ch1_the_loop", -1)
    with pytest.raises(ValueError):
        Progress().record_session("", 3)
    with pytest.raises(ValueError):
        LastSession("seed", True)
