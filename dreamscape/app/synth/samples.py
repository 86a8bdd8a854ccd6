"""What every sound is made of: the sample rate, time axes, seeded generators and fast sines.

    t = time_axis(0.2, SAMPLE_RATE)         # seconds of each sample, float32
    tone = sin(TAU * 440.0 * t)
    noise = sound_rng(12).standard_normal(t.size)
"""

from __future__ import annotations

import numpy as np

SAMPLE_RATE = 44100
#: Loudest any sound is allowed to be, as a fraction of full scale.
MAX_PEAK = 0.9

_SEED = 0x5EED_D2EA
TAU = 2.0 * np.pi


def sound_rng(salt: int) -> np.random.Generator:
    """The generator of the sound numbered `salt`."""
    # One generator per sound, so a sound never depends on which were made before it.
    return np.random.default_rng((_SEED, salt))


def time_axis(seconds: float, sample_rate: int) -> np.ndarray:
    """The time in seconds of every sample of a sound `seconds` long (at least two samples)."""
    # float32 throughout: its sine and exp are several times faster, and
    # start-up time matters more than precision far below 16-bit hearing.
    return (np.arange(max(2, round(seconds * sample_rate))) / sample_rate).astype(np.float32)


def sin(phase: np.ndarray) -> np.ndarray:
    """Sine in float32 (the fast path); phases of short effects stay small enough."""
    return np.sin(np.asarray(phase, dtype=np.float32))
