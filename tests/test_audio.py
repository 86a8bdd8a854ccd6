"""Synthesised sounds (dreamscape.app.synth) and the mixer wrapper (dreamscape.app.audio)."""

from __future__ import annotations

import os

# Before pygame is imported anywhere: no real sound card in tests.
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from types import SimpleNamespace

import numpy as np
import pygame
import pytest

from dreamscape.app.synth import drone as synth_drone
from dreamscape.app.synth import effects as synth_effects
from dreamscape.app.synth.samples import SAMPLE_RATE
from dreamscape.app.audio import EFFECT_NAMES, EVENT_EFFECTS, Audio
from dreamscape.sim.events import (
    EVENT_TYPES,
    Bumped,
    Caught,
    Event,
    Gift,
    Glitched,
    GlitchHeld,
    LossReason,
    Lost,
    LostTrail,
    Moved,
    Noticed,
    ShardTaken,
    ThroughPortal,
    WakeInterrupted,
    WakeProgress,
    Woke,
    Won,
)

FULL_SCALE = 32767
#: A sample this close to zero is inaudible as a click at the start or end.
EDGE_TOLERANCE = 0.01 * FULL_SCALE
#: Volumes read back from pygame are stored in 1/128 steps.
VOLUME_STEP = 1.0 / 128


@pytest.fixture(scope="module")
def effects() -> dict[str, np.ndarray]:
    return synth_effects.render_effects()


@pytest.fixture(scope="module")
def drones() -> dict[float, np.ndarray]:
    return {turmoil: synth_drone.drone(turmoil) for turmoil in (0.0, 0.5, 1.0)}


def _centroid(samples: np.ndarray, sample_rate: int = SAMPLE_RATE) -> float:
    """Spectral centroid (Hz) of the left channel: where the sound's energy sits."""
    mags = np.abs(np.fft.rfft(samples[:, 0].astype(np.float64)))
    freqs = np.fft.rfftfreq(samples.shape[0], 1.0 / sample_rate)
    return float((mags * freqs).sum() / mags.sum())


# --- synth: effects -----------------------------------------------------------


def test_effect_names_are_the_documented_set():
    assert set(EFFECT_NAMES) == {
        "step", "bump", "wake_tick", "woke", "shard", "portal", "glitch",
        "noticed", "caught", "won", "lost", "call", "exit_call", "lights_out", "sight_shared", "menu_move", "menu_select",
    }  # fmt: skip
    assert set(synth_effects.render_effects(22050)) == set(EFFECT_NAMES)


@pytest.mark.parametrize("name", EFFECT_NAMES)
def test_effect_is_int16_stereo_audible_and_below_clipping(effects, name):
    samples = effects[name]
    assert samples.dtype == np.int16
    assert samples.ndim == 2 and samples.shape[1] == 2
    assert samples.flags["C_CONTIGUOUS"]
    as_float = samples.astype(np.float64)
    rms = np.sqrt(np.mean(as_float**2))
    assert rms > 0.003 * FULL_SCALE, f"{name} is (nearly) silent"
    assert np.abs(as_float).max() < 0.9 * FULL_SCALE
    # Effects are short: a flood of them must not pile up for seconds.
    assert samples.shape[0] <= 2 * SAMPLE_RATE


@pytest.mark.parametrize("name", EFFECT_NAMES)
def test_effect_starts_and_ends_on_silence(effects, name):
    samples = np.abs(effects[name].astype(np.int32))
    assert samples[0].max() <= EDGE_TOLERANCE
    assert samples[-1].max() <= EDGE_TOLERANCE
    # The fade is gradual, not a single zero sample in front of a jump.
    assert np.abs(np.diff(effects[name][:8].astype(np.int32), axis=0)).max() < 0.1 * FULL_SCALE


@pytest.mark.parametrize("name", EFFECT_NAMES)
def test_effect_is_deterministic_and_follows_the_sample_rate(name):
    make = synth_effects.EFFECTS[name]
    assert np.array_equal(make(44100), make(44100))
    # Same duration at another rate: about half the samples at 22050 Hz.
    assert abs(make(22050).shape[0] * 2 - make(44100).shape[0]) <= 4


def test_effects_differ_from_each_other(effects):
    signatures = {name: (samples.shape[0], round(_centroid(samples))) for name, samples in effects.items()}
    assert len(set(signatures.values())) == len(EFFECT_NAMES)


def test_step_and_menu_move_are_quieter_than_caught(effects):
    def peak(name: str) -> int:
        return int(np.abs(effects[name].astype(np.int32)).max())

    assert peak("step") < peak("caught") / 3
    assert peak("menu_move") < peak("caught") / 3


# --- synth: drone ---------------------------------------------------------------


@pytest.mark.parametrize("turmoil", [0.0, 0.5, 1.0])
def test_drone_is_a_few_seconds_of_int16_stereo(drones, turmoil):
    samples = drones[turmoil]
    assert samples.dtype == np.int16 and samples.shape == (int(synth_drone.DRONE_SECONDS * SAMPLE_RATE), 2)
    assert 2.0 <= samples.shape[0] / SAMPLE_RATE <= 8.0
    as_float = samples.astype(np.float64)
    assert np.sqrt(np.mean(as_float**2)) > 0.05 * FULL_SCALE
    assert np.abs(as_float).max() < 0.9 * FULL_SCALE


@pytest.mark.parametrize("turmoil", [0.0, 0.5, 1.0])
def test_drone_loops_without_a_seam(drones, turmoil):
    samples = drones[turmoil].astype(np.float64)
    seam = np.abs(samples[0] - samples[-1]).max()
    inside = np.abs(np.diff(samples, axis=0)).max()
    signal_range = samples.max() - samples.min()
    # Wrapping around is no bigger a step than any step within the loop...
    assert seam <= inside
    assert seam < 0.05 * signal_range
    # ...and the slope carries on: the sample after the end predicts the first.
    predicted = 2 * samples[-1] - samples[-2]
    assert np.abs(predicted - samples[0]).max() <= np.abs(np.diff(samples, n=2, axis=0)).max() + 2


def test_a_cut_loop_would_fail_the_seam_check(drones):
    """The seam test has teeth: cutting the loop at an arbitrary point leaves a jump."""
    samples = drones[0.0].astype(np.float64)
    cut = samples[: int(0.3 * SAMPLE_RATE) + 123]
    seam = np.abs(cut[0] - cut[-1]).max()
    assert seam > 0.05 * (samples.max() - samples.min())


def test_turmoil_changes_the_drone(drones):
    calm, mid, wild = drones[0.0], drones[0.5], drones[1.0]
    assert not np.array_equal(calm, mid) and not np.array_equal(mid, wild)
    # More turmoil: brighter, harsher energy.
    assert _centroid(calm) < _centroid(mid) < _centroid(wild)


def test_turmoil_is_clamped_and_the_drone_deterministic(drones):
    assert np.array_equal(synth_drone.drone(-3.0), drones[0.0])
    assert np.array_equal(synth_drone.drone(7.0), drones[1.0])
    assert np.array_equal(synth_drone.drone(0.5), drones[0.5])


def test_drone_has_stereo_width(drones):
    left, right = drones[0.0][:, 0].astype(np.float64), drones[0.0][:, 1].astype(np.float64)
    assert not np.array_equal(left, right)
    assert abs(np.corrcoef(left, right)[0, 1]) < 0.95


# --- Audio: silent -------------------------------------------------------------------


@pytest.fixture
def failing_mixer(monkeypatch):
    """pygame.mixer that looks closed and refuses to open."""
    calls = []

    def refuse(*args, **kwargs):
        calls.append((args, kwargs))
        raise pygame.error("no audio device here")

    monkeypatch.delenv("DREAMSCAPE_MUTE", raising=False)
    monkeypatch.setattr(pygame.mixer, "get_init", lambda: None)
    monkeypatch.setattr(pygame.mixer, "init", refuse)
    return calls


def _exercise(audio: Audio) -> None:
    """Every public method, as the game would call them."""
    audio.set_volumes(0.5, 0.5, 0.5)
    audio.start_drone(0.7)
    for name in EFFECT_NAMES:
        audio.play(name)
    audio.on_events([Glitched(1, 0, 3), Caught(1, 0, 2)])
    audio.stop_drone()
    audio.close()
    audio.close()


def test_failing_mixer_logs_one_line_and_goes_silent(failing_mixer):
    lines: list[str] = []
    audio = Audio(log=lines.append)
    assert failing_mixer, "the mixer was never asked to start"
    assert audio.enabled is False
    assert len(lines) == 1
    assert lines[0].startswith("dreamscape: no sound device (")
    assert "no audio device here" in lines[0] and lines[0].endswith("playing silently")
    _exercise(audio)
    assert len(lines) == 1


def test_silent_audio_still_reports_effects(failing_mixer):
    audio = Audio(log=lambda line: None)
    assert audio.on_events([Woke(3, 1), Won(3)]) == ["woke", "won"]


def test_default_log_goes_to_stderr(failing_mixer, capsys):
    Audio()
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and "playing silently" in captured.err


def test_mute_variable_silences_without_touching_the_mixer(monkeypatch):
    calls = []
    monkeypatch.setenv("DREAMSCAPE_MUTE", "1")
    monkeypatch.setattr(pygame.mixer, "init", lambda *a, **k: calls.append(a))
    lines: list[str] = []
    audio = Audio(log=lines.append)
    assert audio.enabled is False
    assert calls == []
    assert lines == ["dreamscape: no sound device (DREAMSCAPE_MUTE=1); playing silently"]
    _exercise(audio)
    assert len(lines) == 1


def test_unknown_effect_raises_even_when_silent(failing_mixer):
    audio = Audio(log=lambda line: None)
    with pytest.raises(ValueError, match="thunder"):
        audio.play("thunder")


def test_volumes_are_clamped_and_combined(failing_mixer):
    audio = Audio(master=1.7, music=-0.5, effects=0.25, log=lambda line: None)
    assert (audio.master, audio.music, audio.effects) == (1.0, 0.0, 0.25)
    audio.set_volumes(0.5, 0.6, 3.0)
    assert (audio.master, audio.music, audio.effects) == (0.5, 0.6, 1.0)
    assert audio.music_volume == pytest.approx(0.3)
    assert audio.effects_volume == pytest.approx(0.5)
    audio.set_volumes(-1, 0.5, 0.5)
    assert audio.music_volume == 0.0 and audio.effects_volume == 0.0


# --- Audio: events -------------------------------------------------------------------


@pytest.fixture
def silent(failing_mixer) -> Audio:
    return Audio(log=lambda line: None)


class NoSuchKind(Event):
    """An event kind the audio does not know (a newer simulation's, say)."""


@pytest.mark.parametrize(
    "event, expected",
    [
        (Moved(7, 3, 4), ["step"]),
        (Bumped(7, 3, 4), ["bump"]),
        (Woke(7, 0), ["woke"]),
        (ShardTaken(7, 2, Gift.TIME), ["shard"]),
        (ThroughPortal(7, 1, True), ["portal"]),
        (Glitched(7, 0, 12), ["glitch"]),
        (Noticed(7, 1), ["noticed"]),
        (Caught(7, 1, 2), ["caught"]),
        (Won(7), ["won"]),
        (Lost(7, LossReason.LUCIDITY_FAILED), ["lost"]),
        (WakeInterrupted(7, 0), []),
        (LostTrail(7, 1), []),
        (WakeProgress(7, 0, 3), []),
        (WakeProgress(7, 0, 10), ["wake_tick"]),
        (WakeProgress(7, 0, 20), ["wake_tick"]),
        (WakeProgress(7, 0, 0), []),
        (NoSuchKind(7), []),
    ],
    ids=lambda v: type(v).__name__ if isinstance(v, Event) else None,
)
def test_each_event_kind_maps_to_its_effect(silent, event, expected):
    assert silent.on_events([event]) == expected


def test_every_simulation_kind_is_known():
    quiet = {WakeInterrupted, LostTrail, GlitchHeld}
    assert set(EVENT_EFFECTS) | quiet == set(EVENT_TYPES)
    assert set(EVENT_EFFECTS.values()) <= set(EFFECT_NAMES)


def test_a_flood_plays_each_effect_once(silent):
    flood: list[Event] = [Glitched(5, i, 40) for i in range(5)]
    assert silent.on_events(flood) == ["glitch"]
    mixed = flood + [Moved(5, 1, 1), ShardTaken(5, 0, Gift.LUCIDITY), ShardTaken(5, 1, Gift.TIME), Moved(5, 1, 2)]
    assert silent.on_events(mixed) == ["glitch", "step", "shard"]


def test_wake_ticks_every_tenth_progress_tick(silent):
    played = [silent.on_events([WakeProgress(t, 0, t)]) for t in range(1, 41)]
    assert sum(len(names) for names in played) == 4
    assert [t for t, names in enumerate(played, start=1) if names] == [10, 20, 30, 40]


def test_events_are_read_by_type_not_by_a_kind_string(silent):
    # An object that only looks like an old string-kind event is not a Bumped: it is heard as nothing.
    assert silent.on_events([SimpleNamespace(kind="bumped", a=0, b=0)]) == []  # type: ignore[list-item]
    assert silent.on_events([Bumped(0, 0, 0)]) == ["bump"]
    assert silent.on_events([]) == []


# --- Audio: live (when the dummy driver lets the mixer start) ---------------------------------------


@pytest.fixture
def live(monkeypatch):
    monkeypatch.delenv("DREAMSCAPE_MUTE", raising=False)
    lines: list[str] = []
    audio = Audio(master=0.8, music=0.5, effects=0.75, log=lines.append)
    if not audio.enabled:
        pytest.skip(f"the mixer does not start here: {lines}")
    assert lines == []
    # Sounds left playing by earlier tests would confuse the channel checks.
    pygame.mixer.stop()
    yield audio
    audio.close()


def _busy_effect_channels() -> list[pygame.mixer.Channel]:
    return [pygame.mixer.Channel(i) for i in range(1, pygame.mixer.get_num_channels()) if pygame.mixer.Channel(i).get_busy()]


def test_live_drone_plays_on_the_reserved_channel(live):
    live.start_drone(0.4)
    channel = live.drone_channel
    assert channel is not None and channel.get_busy()
    assert live.drone_turmoil == 0.5  # rounded to the nearest drone made
    drone = channel.get_sound()
    assert drone.get_volume() == pytest.approx(live.music_volume, abs=VOLUME_STEP)
    # The loop is the synthesised drone, sample for sample.
    assert np.array_equal(pygame.sndarray.array(drone), synth_drone.drone(0.5, pygame.mixer.get_init()[0]))

    live.start_drone(0.45)  # same rounded drone: left playing
    assert channel.get_sound() is drone
    live.start_drone(1.0)
    assert channel.get_sound() is not drone and live.drone_turmoil == 1.0


def test_live_volumes_apply_to_the_playing_drone_and_later_effects(live):
    live.start_drone(0.0)
    live.set_volumes(0.5, 0.4, 1.0)
    assert live.drone_channel.get_sound().get_volume() == pytest.approx(0.2, abs=VOLUME_STEP)
    live.play("won")
    busy = _busy_effect_channels()
    assert busy, "the effect did not start"
    assert busy[0].get_sound().get_volume() == pytest.approx(0.5, abs=VOLUME_STEP)


def test_live_effects_never_take_the_drone_channel(live):
    for name in EFFECT_NAMES:
        live.play(name)
    assert not live.drone_channel.get_busy()
    assert _busy_effect_channels()


def test_live_effects_are_skipped_at_zero_volume(live):
    pygame.mixer.stop()
    live.set_volumes(1.0, 1.0, 0.0)
    assert live.on_events([Caught(1, 0, 1)]) == ["caught"]
    assert _busy_effect_channels() == []


def test_live_unknown_effect_raises(live):
    with pytest.raises(ValueError):
        live.play("")


def test_live_close_releases_a_mixer_it_opened(monkeypatch):
    monkeypatch.delenv("DREAMSCAPE_MUTE", raising=False)
    if pygame.mixer.get_init():
        pytest.skip("another part of the run holds the mixer open")
    audio = Audio(log=lambda line: None)
    if not audio.enabled:
        pytest.skip("the mixer does not start here")
    assert pygame.mixer.get_init()
    audio.start_drone(0.0)
    audio.close()
    assert pygame.mixer.get_init() is None
    assert audio.enabled is False
    _exercise(audio)  # and stays a harmless no-op


def test_mute_zero_does_not_mute(monkeypatch):
    monkeypatch.setenv("DREAMSCAPE_MUTE", "0")
    lines: list[str] = []
    audio = Audio(log=lines.append)
    try:
        if not audio.enabled:
            pytest.skip(f"the mixer does not start here: {lines}")
        assert lines == []
    finally:
        audio.close()


@pytest.mark.parametrize("frequency, size, channels", [(22050, -16, 1), (48000, 32, 2), (44100, 8, 2), (44100, -16, 6)])
def test_live_sounds_follow_a_mixer_opened_elsewhere(monkeypatch, frequency, size, channels):
    monkeypatch.delenv("DREAMSCAPE_MUTE", raising=False)
    if pygame.mixer.get_init():
        pytest.skip("another part of the run holds the mixer open")
    try:
        pygame.mixer.init(frequency=frequency, size=size, channels=channels)
    except pygame.error as exc:
        pytest.skip(f"the mixer does not start here: {exc}")
    try:
        lines: list[str] = []
        audio = Audio(log=lines.append)
        assert audio.enabled and lines == []
        audio.start_drone(0.0)
        # Durations survive the conversion: the sounds were made at the mixer's rate.
        assert audio.drone_channel.get_sound().get_length() == pytest.approx(synth_drone.DRONE_SECONDS, abs=0.01)
        audio.play("won")
        busy = _busy_effect_channels()
        assert busy and busy[0].get_sound().get_length() == pytest.approx(1.6, abs=0.01)
        audio.close()
        # The mixer belongs to whoever opened it: closing the Audio leaves it open.
        assert pygame.mixer.get_init()
    finally:
        pygame.mixer.quit()


def test_live_audio_survives_the_mixer_closing_under_it(monkeypatch):
    monkeypatch.delenv("DREAMSCAPE_MUTE", raising=False)
    was_open_before = bool(pygame.mixer.get_init())
    lines: list[str] = []
    audio = Audio(log=lines.append)
    if not audio.enabled:
        pytest.skip("the mixer does not start here")
    pygame.mixer.quit()
    try:
        audio.play("step")  # must not raise
        audio.start_drone(0.5)
        audio.set_volumes(1, 1, 1)
        assert audio.enabled is False
        assert len(lines) == 1 and "playing silently" in lines[0]
        _exercise(audio)
        assert len(lines) == 1
    finally:
        if was_open_before:
            pygame.mixer.init()
