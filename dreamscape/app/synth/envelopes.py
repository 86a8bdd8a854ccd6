"""Envelopes: click-free edges, and the last step of every effect (fade, scale, pack as int16 stereo)."""

from __future__ import annotations

import numpy as np

from dreamscape.app.synth.samples import MAX_PEAK


def edges(n: int, sample_rate: int, attack: float, release: float) -> np.ndarray:
    """Raised-cosine fade in and out: exactly 0 at both ends, so no click."""
    env = np.ones(n, dtype=np.float32)
    na = min(n // 2, max(2, int(attack * sample_rate)))
    nr = min(n // 2, max(2, int(release * sample_rate)))
    env[:na] = 0.5 - 0.5 * np.cos(np.linspace(0.0, np.pi, na))
    env[n - nr :] *= 0.5 + 0.5 * np.cos(np.linspace(0.0, np.pi, nr))
    return env


def finish(left: np.ndarray, right: np.ndarray | None, sample_rate: int, peak: float, attack: float = 0.003, release: float = 0.02) -> np.ndarray:
    """Fade the edges, scale to `peak` of full scale and pack as int16 stereo."""
    if right is None:
        right = left
    # Guards the int16 cast, where a NaN would turn into a full-scale crack.
    stereo = np.nan_to_num(np.stack([left, right], axis=1))
    stereo *= edges(stereo.shape[0], sample_rate, attack, release)[:, None]
    top = float(np.max(np.abs(stereo)))
    if top > 0.0:
        stereo *= min(peak, MAX_PEAK - 0.05) / top
    return np.ascontiguousarray(np.round(stereo * 32767.0).astype(np.int16))
