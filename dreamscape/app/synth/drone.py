"""The drone: a dark ambient loop under the dive that grows restless with the dreamer's turmoil.

    loop = drone(turmoil=0.3)          # int16 (n, 2), seamless when repeated
"""

from __future__ import annotations

import numpy as np

from dreamscape.app.synth.samples import SAMPLE_RATE, TAU, sound_rng

#: Length of the drone loop; every partial and modulation fits it a whole number of times.
DRONE_SECONDS = 4.0

#: (frequency Hz, amplitude at turmoil 0, amplitude at turmoil 1): a dark A minor bed.
_CALM_PARTIALS = (
    (55.0, 1.0, 0.9),
    (82.5, 0.5, 0.25),
    (110.0, 0.45, 0.4),
    (130.81, 0.25, 0.2),
    (164.81, 0.14, 0.08),
    (220.0, 0.07, 0.06),
    (329.63, 0.035, 0.02),
)
#: Partials only turmoil brings in: tritone, minor seconds and ninths rub against the bed.
_TURMOIL_PARTIALS = (
    (77.78, 0.0, 0.6),
    (116.54, 0.0, 0.45),
    (155.56, 0.0, 0.3),
    (233.08, 0.0, 0.2),
    (349.23, 0.0, 0.08),
)


def drone(turmoil: float = 0.0, sample_rate: int = SAMPLE_RATE, seconds: float = DRONE_SECONDS, light: float = 1.0) -> np.ndarray:
    """A dark ambient loop of `seconds`, seamless when repeated.

    Detuned low sines beat slowly against each other over soft band-limited
    noise. `turmoil` (0..1) brings in dissonant partials, faster beating, a
    tremolo and brighter noise. `light` below 1 (a blackout) makes it darker
    and thinner: the upper partials and the airy noise fall away, the higher
    the more, and the noise sinks.

    The whole loop is built in the frequency domain: every partial, and the
    noise, sits on a whole number of cycles over the loop, which makes the
    seam exact and costs one batched inverse FFT instead of dozens of sines.
    """
    turmoil = float(np.clip(turmoil, 0.0, 1.0))
    light = float(np.clip(light, 0.0, 1.0))
    n = round(seconds * sample_rate)
    bins = n // 2 + 1
    rng = sound_rng(1)
    # Rows: tones and dark noise left/right, then airy noise left/right; one
    # inverse FFT call (in single precision, the fast path) makes all four.
    spectrum = np.zeros((4, bins), dtype=np.complex64)

    def cycles(freq: float) -> int:
        return max(1, min(bins - 1, round(freq * n / sample_rate)))

    # Beating between the two voices of each partial: one slow swell when
    # calm, a restless flutter in turmoil.
    beat_hz = 0.25 + 1.75 * turmoil
    tonal_power = 0.0
    for freq, calm, wild in _CALM_PARTIALS + _TURMOIL_PARTIALS:
        amp = calm + (wild - calm) * turmoil
        if light < 1.0:
            # Thinner in the dark: the fundamental stays, each octave up keeps less.
            amp *= (0.15 + 0.85 * light) ** np.log2(freq / 55.0)
        # Drawn even for silent partials so the others keep their phases at any turmoil.
        shared, *own = rng.random(3) * TAU
        if amp <= 0.0:
            continue
        # Two voices of amplitude amp/2 per channel, each of mean square (amp/2)^2/2.
        tonal_power += (0.5 * amp) ** 2
        for channel, spread in ((0, 1.0), (1, 1.5)):
            # The plain voice is the same on both sides and the detuned one
            # differs: width without the hollow sound of opposed channels.
            for offset, phase in ((0.0, shared), (beat_hz * spread, own[channel])):
                # A sinusoid of amplitude A on bin c is A*n/2 there (irfft scaling).
                spectrum[channel, cycles(freq + offset)] += 0.5 * amp * n / 2 * np.exp(1j * phase)

    # Soft noise in two bands, both brightening with turmoil. Their levels
    # are set in the spectrum through Parseval, so no extra pass over time.
    log_f = np.log2(np.maximum(np.fft.rfftfreq(n, 1.0 / sample_rate), 1.0)).astype(np.float32)
    tonal_rms = np.sqrt(tonal_power)
    bands = ((0, 180.0 + 500.0 * turmoil, 0.35 + 0.25 * turmoil), (2, 700.0 + 1800.0 * turmoil, 0.15 + 0.25 * turmoil))
    if light < 1.0:
        dim = 0.5 + 0.5 * light
        bands = ((0, bands[0][1] * dim, bands[0][2] * dim), (2, bands[1][1] * dim, bands[1][2] * light))
    for row, centre, level in bands:
        shape = np.exp(-0.5 * ((log_f - np.float32(np.log2(centre))) / np.float32(0.8)) ** 2)
        shape[0] = 0.0
        # Complex Gaussian bins of variance 2 give an irfft of mean square 4*sum(shape^2)/n^2.
        shape *= np.float32(level * tonal_rms * n / (2.0 * np.sqrt(np.sum(shape * shape))))
        # Random numbers only where the band is audible (one run of bins, the
        # shape having a single hump): most bins are not.
        audible = np.flatnonzero(shape > shape.max() * 1e-3)
        used = slice(int(audible[0]), int(audible[-1]) + 1)
        raw = rng.standard_normal((2, 2, used.stop - used.start), dtype=np.float32)
        spectrum[row : row + 2, used] += (raw[0] + 1j * raw[1]) * shape[used]
    rows = np.fft.irfft(spectrum, n)

    ramp = np.arange(n, dtype=np.float32) / np.float32(n)

    def lfo(freq: float, phase: float = 0.0) -> np.ndarray:
        # Whole cycles over the loop, so modulation keeps the seam exact.
        k = max(1, round(freq * seconds))
        return np.sin(ramp * np.float32(TAU * k) + np.float32(phase))

    # The airy band breathes in and out, so the colour drifts rather than
    # sitting still; a slow swell always, and a throbbing tremolo only when
    # the dream is troubled. In place: on a loop this long, temporaries cost
    # more than the arithmetic.
    mix = rows[2:4]
    mix *= 0.6 + 0.4 * lfo(0.25)
    mix += rows[0:2]
    gain = lfo(4.5)
    gain *= -0.225 * turmoil
    gain += 1.0 - 0.225 * turmoil
    gain *= 0.94 - 0.06 * lfo(0.5, 1.3)
    mix *= gain
    mix *= 0.7 * 32767.0 / (float(np.max(np.abs(mix))) + 1e-12)
    out = np.empty((n, 2), dtype=np.int16)
    out[:] = np.rint(mix, out=mix).T
    return out

