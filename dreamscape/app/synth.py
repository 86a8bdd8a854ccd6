"""The game's sounds, synthesised with numpy at start-up (no files, no pygame).

Every function returns an int16 array of shape (n, 2) (stereo) at
`sample_rate`:

    from dreamscape.app import synth
    loop = synth.drone(turmoil=0.3)          # a seamless loop of a few seconds
    effects = synth.render_effects()         # {"step": array, "bump": array, ...}

Effects start and end on silence (short raised-cosine edges), peak well below
full scale and are deterministic: noise comes from fixed-seed generators.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

SAMPLE_RATE = 44100
#: Length of the drone loop; every partial and modulation fits it a whole number of times.
DRONE_SECONDS = 4.0
#: Loudest any sound is allowed to be, as a fraction of full scale.
MAX_PEAK = 0.9

_SEED = 0x5EED_D2EA
_TAU = 2.0 * np.pi


def _rng(salt: int) -> np.random.Generator:
    # One generator per sound, so a sound never depends on which were made before it.
    return np.random.default_rng((_SEED, salt))


def _time(seconds: float, sample_rate: int) -> np.ndarray:
    # float32 throughout: its sine and exp are several times faster, and
    # start-up time matters more than precision far below 16-bit hearing.
    return (np.arange(max(2, round(seconds * sample_rate))) / sample_rate).astype(np.float32)


def _sin(phase: np.ndarray) -> np.ndarray:
    """Sine in float32 (the fast path); phases of short effects stay small enough."""
    return np.sin(np.asarray(phase, dtype=np.float32))


def _edges(n: int, sample_rate: int, attack: float, release: float) -> np.ndarray:
    """Raised-cosine fade in and out: exactly 0 at both ends, so no click."""
    env = np.ones(n, dtype=np.float32)
    na = min(n // 2, max(2, int(attack * sample_rate)))
    nr = min(n // 2, max(2, int(release * sample_rate)))
    env[:na] = 0.5 - 0.5 * np.cos(np.linspace(0.0, np.pi, na))
    env[n - nr :] *= 0.5 + 0.5 * np.cos(np.linspace(0.0, np.pi, nr))
    return env


def _glide(f_start: float, f_end: float, t: np.ndarray, sample_rate: int, shape: float = 1.0) -> np.ndarray:
    """Phase of a tone sliding exponentially from f_start to f_end over t."""
    progress = t / t[-1]
    if shape != 1.0:
        progress = progress**shape
    freq = f_start * np.exp(np.float32(np.log(f_end / f_start)) * progress)
    # Summed in float64 so the phase does not drift over the effect.
    return np.cumsum(freq, dtype=np.float64) * (_TAU / sample_rate)


def _fast_length(n: int) -> int:
    """The smallest 2^a * 3^b at least n: FFT lengths with no slow prime factors."""
    best = 1 << max(0, (n - 1).bit_length())
    power3 = 1
    while power3 < best:
        candidate = power3 << max(0, (-(-n // power3) - 1).bit_length())
        best = min(best, candidate)
        power3 *= 3
    return best


def _band_noise(rng: np.random.Generator, n: int, sample_rate: int, low: float, high: float, rows: int = 1) -> np.ndarray:
    """White noise kept between low and high Hz (soft edges), each row unit RMS."""
    # Noise is stationary, so a longer transform of a fast length, cut to n, serves as well.
    size = _fast_length(n)
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


def _additive(n: int, sample_rate: int, salt: int, voices: tuple[tuple[tuple[float, float], ...], ...]) -> np.ndarray:
    """Steady sines, one row per channel, made by one inverse FFT instead of a sine each.

    `voices[row]` lists (frequency Hz, amplitude); frequencies snap to the
    nearest FFT bin, a fraction of a hertz for sounds this long.
    """
    # Steady tones continue past n unchanged, so a fast transform length cut to n serves.
    size = _fast_length(n)
    bins = size // 2 + 1
    spectrum = np.zeros((len(voices), bins), dtype=np.complex64)
    rng = _rng(salt)
    for row, partials in enumerate(voices):
        phases = rng.random(len(partials)) * _TAU
        for (freq, amp), phase in zip(partials, phases, strict=True):
            c = round(freq * size / sample_rate)
            if 0 < c < bins:
                # A sinusoid of amplitude A on bin c is A*size/2 there (irfft scaling).
                spectrum[row, c] += amp * size / 2 * np.exp(1j * phase)
    return np.fft.irfft(spectrum, size)[:, :n]


def _finish(left: np.ndarray, right: np.ndarray | None, sample_rate: int, peak: float, attack: float = 0.003, release: float = 0.02) -> np.ndarray:
    """Fade the edges, scale to `peak` of full scale and pack as int16 stereo."""
    if right is None:
        right = left
    # Guards the int16 cast, where a NaN would turn into a full-scale crack.
    stereo = np.nan_to_num(np.stack([left, right], axis=1))
    stereo *= _edges(stereo.shape[0], sample_rate, attack, release)[:, None]
    top = float(np.max(np.abs(stereo)))
    if top > 0.0:
        stereo *= min(peak, MAX_PEAK - 0.05) / top
    return np.ascontiguousarray(np.round(stereo * 32767.0).astype(np.int16))


def _bell(t: np.ndarray, freq: float, onset: float, tau: float, partials: tuple[tuple[float, float], ...]) -> np.ndarray:
    """A struck tone starting at `onset`; partials are (frequency ratio, amplitude)."""
    rel = t - onset
    on = rel >= 0.0
    rel = np.where(on, rel, 0.0)
    # 1 - exp gives a few ms of attack so a late onset does not click.
    env = np.where(on, (1.0 - np.exp(-rel / 0.004)) * np.exp(-rel / tau), 0.0)
    tone = sum(amp * _sin(_TAU * freq * ratio * rel) for ratio, amp in partials)
    return env * tone


# --- the drone --------------------------------------------------------------

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


def drone(turmoil: float = 0.0, sample_rate: int = SAMPLE_RATE, seconds: float = DRONE_SECONDS) -> np.ndarray:
    """A dark ambient loop of `seconds`, seamless when repeated.

    Detuned low sines beat slowly against each other over soft band-limited
    noise. `turmoil` (0..1) brings in dissonant partials, faster beating, a
    tremolo and brighter noise.

    The whole loop is built in the frequency domain: every partial, and the
    noise, sits on a whole number of cycles over the loop, which makes the
    seam exact and costs one batched inverse FFT instead of dozens of sines.
    """
    turmoil = float(np.clip(turmoil, 0.0, 1.0))
    n = round(seconds * sample_rate)
    bins = n // 2 + 1
    rng = _rng(1)
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
        # Drawn even for silent partials so the others keep their phases at any turmoil.
        shared, *own = rng.random(3) * _TAU
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
        return np.sin(ramp * np.float32(_TAU * k) + np.float32(phase))

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


# --- effects ------------------------------------------------------------------


def step(sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """A very soft footstep tick."""
    t = _time(0.045, sample_rate)
    noise = _band_noise(_rng(10), t.size, sample_rate, 1500.0, 5000.0)[0]
    sig = 0.5 * noise * np.exp(-t / 0.006) + _sin(_TAU * 160.0 * t) * np.exp(-t / 0.012)
    return _finish(sig, None, sample_rate, peak=0.1, attack=0.002, release=0.01)


def bump(sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """A dull thud against a wall."""
    t = _time(0.16, sample_rate)
    phase = _glide(90.0, 45.0, t, sample_rate, shape=0.5)
    body = (_sin(phase) + 0.3 * _sin(2.0 * phase)) * np.exp(-t / 0.04)
    thump = 0.4 * _band_noise(_rng(11), t.size, sample_rate, 40.0, 350.0)[0] * np.exp(-t / 0.015)
    return _finish(body + thump, None, sample_rate, peak=0.5, attack=0.003, release=0.03)


def wake_tick(sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """A soft rising tone, repeated while the player holds wake."""
    t = _time(0.14, sample_rate)
    phase = _glide(440.0, 660.0, t, sample_rate)
    sig = _sin(phase) + 0.15 * _sin(2.0 * phase)
    return _finish(sig, None, sample_rate, peak=0.22, attack=0.015, release=0.06)


def woke(sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """A bright rising chime arpeggio: a dreamer woke."""
    t = _time(0.9, sample_rate)
    partials = ((1.0, 1.0), (2.0, 0.3), (3.01, 0.1), (4.2, 0.05))
    left = np.zeros_like(t)
    right = np.zeros_like(t)
    for k, freq in enumerate((523.25, 659.26, 783.99, 1046.5)):
        note = _bell(t, freq, 0.07 * k, 0.25, partials)
        # Notes step across the stereo field as they climb.
        pan = 0.3 + 0.4 * k / 3.0
        left += (1.0 - pan) * note
        right += pan * note
    return _finish(left, right, sample_rate, peak=0.6, release=0.04)


def shard(sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """A glassy sparkle: a memory shard taken."""
    t = _time(0.4, sample_rate)
    rng = _rng(12)
    # Free-bar mode ratios sound like glass rather than a string.
    glass = _bell(t, 1760.0, 0.0, 0.12, ((1.0, 1.0), (2.76, 0.5), (5.40, 0.25), (8.93, 0.12)))
    left = glass.copy()
    right = glass.copy()
    for onset, freq, pan in zip(rng.uniform(0.02, 0.25, 6), rng.uniform(3000.0, 7000.0, 6), rng.uniform(0.0, 1.0, 6), strict=True):
        grain = 0.35 * _bell(t, float(freq), float(onset), 0.015, ((1.0, 1.0),))
        left += (1.0 - pan) * grain
        right += pan * grain
    return _finish(left, right, sample_rate, peak=0.45, attack=0.002, release=0.05)


def portal(sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """A whoosh sweeping up and across: carried through a portal."""
    t = _time(0.7, sample_rate)
    # Narrow low noise times a gliding carrier is noise in a band around the
    # carrier: a swept band-pass filter without any per-sample filtering.
    hiss = _band_noise(_rng(13), t.size, sample_rate, 20.0, 250.0, rows=6)
    sweep = _glide(200.0, 2400.0, t, sample_rate, shape=1.3)
    left = np.zeros_like(t)
    right = np.zeros_like(t)
    for k, (ratio, gain) in enumerate(((1.0, 1.0), (1.6, 0.6), (2.5, 0.35))):
        carrier = _sin(ratio * sweep + 1.7 * k)
        left += gain * hiss[2 * k] * carrier
        right += gain * hiss[2 * k + 1] * carrier
    swell = np.exp(-0.5 * ((t - 0.35) / 0.16) ** 2)
    tone = 0.4 * _sin(_glide(110.0, 440.0, t, sample_rate))
    across = t / t[-1]
    left = (left * swell + tone * swell) * np.cos(0.5 * np.pi * across + 0.2)
    right = (right * swell + tone * swell) * _sin(0.5 * np.pi * across + 0.2)
    return _finish(left, right, sample_rate, peak=0.5, attack=0.12, release=0.2)


def glitch(sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """A bit-crushed crackle burst: the dream rewrites itself."""
    t = _time(0.28, sample_rate)
    n = t.size
    rng = _rng(14)
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
    square = np.sign(_sin(_TAU * freq * t[held]))
    noise = rng.uniform(-1.0, 1.0, n)[held]
    sig = np.where(is_noise, noise, 0.6 * square) * gate
    sig = np.round(sig * 4.0) / 4.0
    sig *= np.exp(-t / 0.15)
    return _finish(sig * (1.0 - pan), sig * pan, sample_rate, peak=0.4, attack=0.003, release=0.04)


def _buzz(phase: np.ndarray, harmonics: int = 5) -> np.ndarray:
    # A band-limited sawtooth: darker and less harsh than a real one.
    phase = np.asarray(phase, dtype=np.float32)
    return sum(np.sin(k * phase) / k for k in range(1, harmonics + 1))


def noticed(sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """A low sting: a manifestation saw the player."""
    t = _time(0.6, sample_rate)
    # Every voice sags by the same ratio, so one glide serves them all.
    sag = _glide(1.0, 0.97, t, sample_rate)
    low = sum(_buzz(f * sag) for f in (98.0, 103.83))
    high = 0.5 * sum(_sin(f * sag) for f in (392.0, 415.3)) * np.exp(-t / 0.12)
    sig = low * np.exp(-t / 0.25) + high
    return _finish(sig, None, sample_rate, peak=0.55, attack=0.008, release=0.08)


def caught(sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """A dissonant hit: a manifestation touched the player."""
    t = _time(0.7, sample_rate)
    cluster = (73.42, 103.83, 155.56, 233.08)
    # Slightly different tuning per side widens and roughens the hit.
    voices = tuple(tuple((f * detune * k, 1.0 / k) for f in cluster for k in range(1, 5)) for detune in (1.0, 1.008))
    body = _additive(t.size, sample_rate, 15, voices) * np.exp(-t / 0.3)
    crash = 1.5 * _band_noise(_rng(16), t.size, sample_rate, 80.0, 2000.0, rows=2) * np.exp(-t / 0.06)
    return _finish(body[0] + crash[0], body[1] + crash[1], sample_rate, peak=0.8, attack=0.004, release=0.1)


def won(sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """A warm major swell: the dreamer is rescued."""
    t = _time(1.6, sample_rate)
    chord = (220.0, 277.18, 329.63, 440.0, 554.37)
    # The two sides detuned apart: a slow chorus shimmer.
    voices = tuple(tuple(((f + detune) * k, amp) for f in chord for k, amp in ((1, 1.0), (2, 0.4), (3, 0.15))) for detune in (-0.8, 0.8))
    left, right = _additive(t.size, sample_rate, 17, voices)
    return _finish(left, right, sample_rate, peak=0.6, attack=0.6, release=0.7)


def lost(sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """A falling minor chord: the dream is lost."""
    t = _time(1.6, sample_rate)
    fall = 2.0 ** (-7.0 / 12.0)  # down a fifth
    # Every voice falls by the same ratio, so one glide serves them all.
    fall_phase = _glide(1.0, fall, t, sample_rate, shape=1.5)
    sig = sum(_buzz(f * fall_phase, 3) for f in (220.0, 261.63, 329.63))
    sig *= np.exp(-t / 0.7)
    return _finish(sig, None, sample_rate, peak=0.6, attack=0.02, release=0.3)


def call(sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """A soft voice far off, rising a minor third: a dreamer calls (the game pans it by bearing)."""
    t = _time(0.8, sample_rate)
    # Two syllables, "hoo-ooh": the second a minor third above, with a slow vibrato.
    rise = np.clip((t - 0.28) / 0.1, 0.0, 1.0)
    rise = rise * rise * (3.0 - 2.0 * rise)
    vibrato = 1.0 + 0.006 * _sin(_TAU * 5.2 * t) * np.clip((t - 0.15) / 0.3, 0.0, 1.0)
    freq = 440.0 * (2.0 ** (3.0 * rise / 12.0)) * vibrato
    phase = np.cumsum(freq, dtype=np.float64) * (_TAU / sample_rate)
    tone = _sin(phase) + 0.22 * _sin(2.0 * phase) + 0.06 * _sin(3.0 * phase)
    # A swell for each syllable, then a long soft tail.
    env = np.exp(-0.5 * ((t - 0.12) / 0.07) ** 2) * 0.8 + np.where(t > 0.3, np.exp(-(t - 0.3) / 0.22), np.exp(-0.5 * ((t - 0.3) / 0.05) ** 2))
    breath = 0.18 * _band_noise(_rng(18), t.size, sample_rate, 700.0, 2600.0)[0]
    return _finish((tone + breath) * env, None, sample_rate, peak=0.34, attack=0.03, release=0.25)


def exit_call(sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """Two soft bells an open fifth apart, far off: the way out calls once everyone is awake."""
    t = _time(1.1, sample_rate)
    partials = ((1.0, 1.0), (2.0, 0.25), (3.0, 0.08))
    sig = _bell(t, 392.0, 0.0, 0.35, partials) + 0.8 * _bell(t, 587.33, 0.22, 0.35, partials)
    return _finish(sig, None, sample_rate, peak=0.32, attack=0.01, release=0.3)


def menu_move(sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """A tiny click: the menu cursor moved."""
    t = _time(0.03, sample_rate)
    sig = _sin(_TAU * 1400.0 * t) * np.exp(-t / 0.006)
    return _finish(sig, None, sample_rate, peak=0.18, attack=0.001, release=0.008)


def menu_select(sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """A soft two-note confirm: a menu entry chosen."""
    t = _time(0.2, sample_rate)
    partials = ((1.0, 1.0), (2.0, 0.2))
    sig = _bell(t, 660.0, 0.0, 0.05, partials) + _bell(t, 990.0, 0.06, 0.05, partials)
    return _finish(sig, None, sample_rate, peak=0.35, release=0.03)


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
    "menu_move": menu_move,
    "menu_select": menu_select,
}
EFFECT_NAMES = tuple(EFFECTS)


def render_effects(sample_rate: int = SAMPLE_RATE) -> dict[str, np.ndarray]:
    """Every effect, by name, as int16 stereo arrays."""
    return {name: make(sample_rate) for name, make in EFFECTS.items()}
