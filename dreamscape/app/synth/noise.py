"""Band-limited noise made in the frequency domain, on FFT lengths with no slow prime factors."""

from __future__ import annotations

import numpy as np


def fast_length(n: int) -> int:
    """The smallest 2^a * 3^b at least n: FFT lengths with no slow prime factors."""
    best = 1 << max(0, (n - 1).bit_length())
    power3 = 1
    while power3 < best:
        candidate = power3 << max(0, (-(-n // power3) - 1).bit_length())
        best = min(best, candidate)
        power3 *= 3
    return best


def band_noise(rng: np.random.Generator, n: int, sample_rate: int, low: float, high: float, rows: int = 1) -> np.ndarray:
    """White noise kept between low and high Hz (soft edges), each row unit RMS."""
    # Noise is stationary, so a longer transform of a fast length, cut to n, serves as well.
    size = fast_length(n)
    freqs = np.fft.rfftfreq(size, 1.0 / sample_rate)
    # Smooth skirts rather than a brick wall, which would ring.
    mask = 1.0 / (1.0 + (low / np.maximum(freqs, 1.0)) ** 4) / (1.0 + (freqs / high) ** 4)
    # Random numbers only where the mask lets something through: most of the
    # spectrum of a narrow band is silence not worth drawing.
    used = np.flatnonzero(mask > 1e-3)
    spectrum = np.zeros((rows, freqs.size), dtype=np.complex64)
    raw = rng.standard_normal((2, rows, used.size), dtype=np.float32)
    spectrum[:, used] = (raw[0] + 1j * raw[1]) * mask[used].astype(np.float32)
    out = np.fft.irfft(spectrum, size)[:, :n]
    return out / (np.sqrt(np.mean(out * out, axis=-1, keepdims=True)) + 1e-12)
