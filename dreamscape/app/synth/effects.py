"""The game's sound effects, and the catalogue of them by name.

    samples = woke()                   # int16 (n, 2) at SAMPLE_RATE
    effects = render_effects()         # {"step": array, "bump": array, ...}
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from dreamscape.app.synth.envelopes import finish
from dreamscape.app.synth.noise import band_noise
from dreamscape.app.synth.samples import SAMPLE_RATE, TAU, sin, sound_rng, time_axis
from dreamscape.app.synth.voices import additive, bell, buzz, glide


def step(sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """A very soft footstep tick."""
    t = time_axis(0.045, sample_rate)
    noise = band_noise(sound_rng(10), t.size, sample_rate, 1500.0, 5000.0)[0]
    sig = 0.5 * noise * np.exp(-t / 0.006) + sin(TAU * 160.0 * t) * np.exp(-t / 0.012)
    return finish(sig, None, sample_rate, peak=0.1, attack=0.002, release=0.01)


def bump(sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """A dull thud against a wall."""
    t = time_axis(0.16, sample_rate)
    phase = glide(90.0, 45.0, t, sample_rate, shape=0.5)
    body = (sin(phase) + 0.3 * sin(2.0 * phase)) * np.exp(-t / 0.04)
    thump = 0.4 * band_noise(sound_rng(11), t.size, sample_rate, 40.0, 350.0)[0] * np.exp(-t / 0.015)
    return finish(body + thump, None, sample_rate, peak=0.5, attack=0.003, release=0.03)


def wake_tick(sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """A soft rising tone, repeated while the player holds wake."""
    t = time_axis(0.14, sample_rate)
    phase = glide(440.0, 660.0, t, sample_rate)
    sig = sin(phase) + 0.15 * sin(2.0 * phase)
    return finish(sig, None, sample_rate, peak=0.22, attack=0.015, release=0.06)


def woke(sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """A bright rising chime arpeggio: a dreamer woke."""
    t = time_axis(0.9, sample_rate)
    partials = ((1.0, 1.0), (2.0, 0.3), (3.01, 0.1), (4.2, 0.05))
    left = np.zeros_like(t)
    right = np.zeros_like(t)
    for k, freq in enumerate((523.25, 659.26, 783.99, 1046.5)):
        note = bell(t, freq, 0.07 * k, 0.25, partials)
        # Notes step across the stereo field as they climb.
        pan = 0.3 + 0.4 * k / 3.0
        left += (1.0 - pan) * note
        right += pan * note
    return finish(left, right, sample_rate, peak=0.6, release=0.04)


def shard(sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """A glassy sparkle: a memory shard taken."""
    t = time_axis(0.4, sample_rate)
    rng = sound_rng(12)
    # Free-bar mode ratios sound like glass rather than a string.
    glass = bell(t, 1760.0, 0.0, 0.12, ((1.0, 1.0), (2.76, 0.5), (5.40, 0.25), (8.93, 0.12)))
    left = glass.copy()
    right = glass.copy()
    for onset, freq, pan in zip(rng.uniform(0.02, 0.25, 6), rng.uniform(3000.0, 7000.0, 6), rng.uniform(0.0, 1.0, 6), strict=True):
        grain = 0.35 * bell(t, float(freq), float(onset), 0.015, ((1.0, 1.0),))
        left += (1.0 - pan) * grain
        right += pan * grain
    return finish(left, right, sample_rate, peak=0.45, attack=0.002, release=0.05)


def portal(sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """A whoosh sweeping up and across: carried through a portal."""
    t = time_axis(0.7, sample_rate)
    # Narrow low noise times a gliding carrier is noise in a band around the
    # carrier: a swept band-pass filter without any per-sample filtering.
    hiss = band_noise(sound_rng(13), t.size, sample_rate, 20.0, 250.0, rows=6)
    sweep = glide(200.0, 2400.0, t, sample_rate, shape=1.3)
    left = np.zeros_like(t)
    right = np.zeros_like(t)
    for k, (ratio, gain) in enumerate(((1.0, 1.0), (1.6, 0.6), (2.5, 0.35))):
        carrier = sin(ratio * sweep + 1.7 * k)
        left += gain * hiss[2 * k] * carrier
        right += gain * hiss[2 * k + 1] * carrier
    swell = np.exp(-0.5 * ((t - 0.35) / 0.16) ** 2)
    tone = 0.4 * sin(glide(110.0, 440.0, t, sample_rate))
    across = t / t[-1]
    left = (left * swell + tone * swell) * np.cos(0.5 * np.pi * across + 0.2)
    right = (right * swell + tone * swell) * sin(0.5 * np.pi * across + 0.2)
    return finish(left, right, sample_rate, peak=0.5, attack=0.12, release=0.2)


def glitch(sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """A bit-crushed crackle burst: the dream rewrites itself."""
    t = time_axis(0.28, sample_rate)
    n = t.size
    rng = sound_rng(14)
    seg_len = max(1, int(0.02 * sample_rate))
    seg = np.arange(n) // seg_len
    segments = int(seg[-1]) + 1
    freq = rng.uniform(200.0, 2000.0, segments)[seg]
    hold = rng.integers(6, 18, segments)[seg]
    gate = (rng.random(segments) < 0.7)[seg]
    is_noise = (rng.random(segments) < 0.4)[seg]
    pan = rng.uniform(0.1, 0.9, segments)[seg]
    # Sample-and-hold at a per-segment rate, then 3-bit quantisation: the crushed sound.
    held = (np.arange(n) // hold) * hold
    square = np.sign(sin(TAU * freq * t[held]))
    noise = rng.uniform(-1.0, 1.0, n)[held]
    sig = np.where(is_noise, noise, 0.6 * square) * gate
    sig = np.round(sig * 4.0) / 4.0
    sig *= np.exp(-t / 0.15)
    return finish(sig * (1.0 - pan), sig * pan, sample_rate, peak=0.4, attack=0.003, release=0.04)


def noticed(sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """A low sting: a manifestation saw the player."""
    t = time_axis(0.6, sample_rate)
    # Every voice sags by the same ratio, so one glide serves them all.
    sag = glide(1.0, 0.97, t, sample_rate)
    low = sum(buzz(f * sag) for f in (98.0, 103.83))
    high = 0.5 * sum(sin(f * sag) for f in (392.0, 415.3)) * np.exp(-t / 0.12)
    sig = low * np.exp(-t / 0.25) + high
    return finish(sig, None, sample_rate, peak=0.55, attack=0.008, release=0.08)


def caught(sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """A dissonant hit: a manifestation touched the player."""
    t = time_axis(0.7, sample_rate)
    cluster = (73.42, 103.83, 155.56, 233.08)
    # Slightly different tuning per side widens and roughens the hit.
    voices = tuple(tuple((f * detune * k, 1.0 / k) for f in cluster for k in range(1, 5)) for detune in (1.0, 1.008))
    body = additive(t.size, sample_rate, 15, voices) * np.exp(-t / 0.3)
    crash = 1.5 * band_noise(sound_rng(16), t.size, sample_rate, 80.0, 2000.0, rows=2) * np.exp(-t / 0.06)
    return finish(body[0] + crash[0], body[1] + crash[1], sample_rate, peak=0.8, attack=0.004, release=0.1)


def won(sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """A warm major swell: the dreamer is rescued."""
    t = time_axis(1.6, sample_rate)
    chord = (220.0, 277.18, 329.63, 440.0, 554.37)
    # The two sides detuned apart: a slow chorus shimmer.
    voices = tuple(tuple(((f + detune) * k, amp) for f in chord for k, amp in ((1, 1.0), (2, 0.4), (3, 0.15))) for detune in (-0.8, 0.8))
    left, right = additive(t.size, sample_rate, 17, voices)
    return finish(left, right, sample_rate, peak=0.6, attack=0.6, release=0.7)


def lost(sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """A falling minor chord: the dream is lost."""
    t = time_axis(1.6, sample_rate)
    fall = 2.0 ** (-7.0 / 12.0)  # down a fifth
    # Every voice falls by the same ratio, so one glide serves them all.
    fall_phase = glide(1.0, fall, t, sample_rate, shape=1.5)
    sig = sum(buzz(f * fall_phase, 3) for f in (220.0, 261.63, 329.63))
    sig *= np.exp(-t / 0.7)
    return finish(sig, None, sample_rate, peak=0.6, attack=0.02, release=0.3)


def call(sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """A soft voice far off, rising a minor third: a dreamer calls (the game pans it by bearing)."""
    t = time_axis(0.8, sample_rate)
    # Two syllables, "hoo-ooh": the second a minor third above, with a slow vibrato.
    rise = np.clip((t - 0.28) / 0.1, 0.0, 1.0)
    rise = rise * rise * (3.0 - 2.0 * rise)
    vibrato = 1.0 + 0.006 * sin(TAU * 5.2 * t) * np.clip((t - 0.15) / 0.3, 0.0, 1.0)
    freq = 440.0 * (2.0 ** (3.0 * rise / 12.0)) * vibrato
    phase = np.cumsum(freq, dtype=np.float64) * (TAU / sample_rate)
    tone = sin(phase) + 0.22 * sin(2.0 * phase) + 0.06 * sin(3.0 * phase)
    # A swell for each syllable, then a long soft tail.
    env = np.exp(-0.5 * ((t - 0.12) / 0.07) ** 2) * 0.8 + np.where(t > 0.3, np.exp(-(t - 0.3) / 0.22), np.exp(-0.5 * ((t - 0.3) / 0.05) ** 2))
    breath = 0.18 * band_noise(sound_rng(18), t.size, sample_rate, 700.0, 2600.0)[0]
    return finish((tone + breath) * env, None, sample_rate, peak=0.34, attack=0.03, release=0.25)


def exit_call(sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """Two soft bells an open fifth apart, far off: the way out calls once everyone is awake."""
    t = time_axis(1.1, sample_rate)
    partials = ((1.0, 1.0), (2.0, 0.25), (3.0, 0.08))
    sig = bell(t, 392.0, 0.0, 0.35, partials) + 0.8 * bell(t, 587.33, 0.22, 0.35, partials)
    return finish(sig, None, sample_rate, peak=0.32, attack=0.01, release=0.3)


def lights_out(sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """A hum that sags and dies with a dull click: the network goes dark."""
    t = time_axis(1.2, sample_rate)
    sag = glide(1.0, 0.35, t, sample_rate, shape=0.7)
    sig = buzz(120.0 * sag, 4) * np.exp(-t / 0.45)
    click = 0.5 * band_noise(sound_rng(21), t.size, sample_rate, 150.0, 900.0)[0] * np.exp(-t / 0.03)
    return finish(sig + click, None, sample_rate, peak=0.45, attack=0.005, release=0.25)


def sight_shared(sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """Three soft bells rising to a sixth, with air under them: a woken dreamer lends their sight."""
    t = time_axis(1.3, sample_rate)
    partials = ((1.0, 1.0), (2.0, 0.3), (3.0, 0.1))
    sig = bell(t, 523.25, 0.0, 0.5, partials) + 0.8 * bell(t, 659.26, 0.14, 0.5, partials) + 0.7 * bell(t, 880.0, 0.28, 0.55, partials)
    air = 0.08 * band_noise(sound_rng(22), t.size, sample_rate, 1500.0, 5000.0)[0] * np.exp(-t / 0.6)
    return finish(sig + air, None, sample_rate, peak=0.34, attack=0.01, release=0.35)


def menu_move(sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """A tiny click: the menu cursor moved."""
    t = time_axis(0.03, sample_rate)
    sig = sin(TAU * 1400.0 * t) * np.exp(-t / 0.006)
    return finish(sig, None, sample_rate, peak=0.18, attack=0.001, release=0.008)


def menu_select(sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """A soft two-note confirm: a menu entry chosen."""
    t = time_axis(0.2, sample_rate)
    partials = ((1.0, 1.0), (2.0, 0.2))
    sig = bell(t, 660.0, 0.0, 0.05, partials) + bell(t, 990.0, 0.06, 0.05, partials)
    return finish(sig, None, sample_rate, peak=0.35, release=0.03)


#: Every effect by name, in a stable order.
EFFECTS: dict[str, Callable[[int], np.ndarray]] = {
    "step": step,
    "bump": bump,
    "wake_tick": wake_tick,
    "woke": woke,
    "shard": shard,
    "portal": portal,
    "glitch": glitch,
    "noticed": noticed,
    "caught": caught,
    "won": won,
    "lost": lost,
    "call": call,
    "exit_call": exit_call,
    "lights_out": lights_out,
    "sight_shared": sight_shared,
    "menu_move": menu_move,
    "menu_select": menu_select,
}
EFFECT_NAMES = tuple(EFFECTS)


def render_effects(sample_rate: int = SAMPLE_RATE) -> dict[str, np.ndarray]:
    """Every effect, by name, as int16 stereo arrays."""
    return {name: make(sample_rate) for name, make in EFFECTS.items()}