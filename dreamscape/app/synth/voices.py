"""Voices: gliding tones, banks of steady sines, struck bells and soft buzzes."""

from __future__ import annotations

import numpy as np

from dreamscape.app.synth.noise import fast_length
from dreamscape.app.synth.samples import TAU, sin, sound_rng


def glide(f_start: float, f_end: float, t: np.ndarray, sample_rate: int, shape: float = 1.0) -> np.ndarray:
    """Phase of a tone sliding exponentially from f_start to f_end over t."""
    progress = t / t[-1]
    if shape != 1.0:
        progress = progress**shape
    freq = f_start * np.exp(np.float32(np.log(f_end / f_start)) * progress)
    # Summed in float64 so the phase does not drift over the effect.
    return np.cumsum(freq, dtype=np.float64) * (TAU / sample_rate)


def additive(n: int, sample_rate: int, salt: int, voices: tuple[tuple[tuple[float, float], ...], ...]) -> np.ndarray:
    """Steady sines, one row per channel, made by one inverse FFT instead of a sine each.

    `voices[row]` lists (frequency Hz, amplitude); frequencies snap to the
    nearest FFT bin, a fraction of a hertz for sounds this long.
    """
    # Steady tones continue past n unchanged, so a fast transform length cut to n serves.
    size = fast_length(n)
    bins = size // 2 + 1
    spectrum = np.zeros((len(voices), bins), dtype=np.complex64)
    rng = sound_rng(salt)
    for row, partials in enumerate(voices):
        phases = rng.random(len(partials)) * TAU
        for (freq, amp), phase in zip(partials, phases, strict=True):
            c = round(freq * size / sample_rate)
            if 0 < c < bins:
                # A sinusoid of amplitude A on bin c is A*size/2 there (irfft scaling).
                spectrum[row, c] += amp * size / 2 * np.exp(1j * phase)
    return np.fft.irfft(spectrum, size)[:, :n]


def bell(t: np.ndarray, freq: float, onset: float, tau: float, partials: tuple[tuple[float, float], ...]) -> np.ndarray:
    """A struck tone starting at `onset`; partials are (frequency ratio, amplitude)."""
    rel = t - onset
    on = rel >= 0.0
    rel = np.where(on, rel, 0.0)
    # 1 - exp gives a few ms of attack so a late onset does not click.
    env = np.where(on, (1.0 - np.exp(-rel / 0.004)) * np.exp(-rel / tau), 0.0)
    tone = sum(amp * sin(TAU * freq * ratio * rel) for ratio, amp in partials)
    return env * tone


def buzz(phase: np.ndarray, harmonics: int = 5) -> np.ndarray:
    """A band-limited sawtooth of `harmonics` partials: darker and less harsh than a real one."""
    phase = np.asarray(phase, dtype=np.float32)
    return sum(np.sin(k * phase) / k for k in range(1, harmonics + 1))
