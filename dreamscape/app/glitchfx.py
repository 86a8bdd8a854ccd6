"""Screen glitches drawn over a finished frame, safe for photosensitive players by design.

    fx = ScreenGlitch(intensity=settings.glitch_intensity, seed=cosmetic_seed)
    fx.set_ambient(turmoil)        # faint shimmer that grows with turmoil
    fx.trigger(0.8)                # a glitch fired in the simulation
    fx.update(dt_ms)               # every frame: time passes, the glitch decays
    fx.apply(screen)               # every frame, after drawing, in place

Effects: tearing bands (horizontal strips shifted sideways, wrapping round),
a colour-channel split (red and blue moved a few pixels in opposite
directions inside a horizontal slab), block noise (small rectangles copied
from nearby or pixelated) and a palette shift (one gentle tint over the
frame). Their randomness comes only from the cosmetic generator seeded at
construction; they never read or touch the simulation.

Why they cannot fail WCAG 2.3.1 (more than three flashes in a second over a
quarter of the screen; see dreamscape.app.flash):

1. The look is held, not animated. Every random choice is made at a *step*
   and the same look is redrawn until the next one, so over a still scene
   the frame changes only at steps, and a block's luminance can make at most
   one transition per change.
2. Steps are rationed: a new look (including "nothing") is chosen only while
   at most three disturbances were booked in the last 1.05 s (each step
   books one), so a still scene sees at most four changes a second: at most
   two flashes.
3. A moving scene under a held look is measured. Moving pixels only passes
   on the scene's own changes, but recombining them can create new ones
   (red and blue taken from neighbours that swap colours of equal
   luminance). So apply() samples a 48x27 grid of output points, and the
   scene pixels each point's channels came from, before and after drawing;
   a point counts when its luminance (or red value) swung by a transition's
   worth while none of its source pixels did. Each frame books
   min(1, share of such points / 0.25) disturbances in the same rolling
   history; past four, the effect switches off (one more step) until the
   budget frees. So no second holds more than six disturbances. For a
   quarter of the screen to fail it must collect seven transitions
   everywhere, 1.75 screen-areas of transitions, while one disturbance
   supplies at most 0.25 of that: six supply at most 1.5. (The grid makes
   this a measurement rather than a proof for moving scenes.)
4. Independently, the magnitudes are small: displacement moves existing
   pixels rather than lighting or darkening areas, block noise covers at most
   3% of the screen, the split at most 12% of it, tears at most a fifth,
   and a tint changes relative luminance by at most 0.06 anywhere.

Cost: everything is pygame blits, scrolls and blend fills on partial areas,
with scratch surfaces kept between frames; the only full-frame pass is the
tint. The frame is meant to be opaque (the display surface).
"""

from __future__ import annotations

import math
import os
import sys
from collections import deque
from dataclasses import dataclass

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import numpy as np  # noqa: E402
import pygame  # noqa: E402

from dreamscape.app.flash import (  # noqa: E402
    AREA_FRACTION,
    DARK_LIMIT,
    GENERAL_THRESHOLD,
    LINEAR,
    LUMA,
    RED_THRESHOLD,
    luminance_and_red,
)

#: Sizes are designed at this frame height and scaled with the real one.
REFERENCE_HEIGHT = 720
#: Rolling window of the disturbance budget; a little over a second so that
#: frame-time jitter can never fit an extra step inside a one-second window.
WINDOW_MS = 1050.0
#: A new look is chosen only while the window holds at most this many disturbances.
STEP_WHEN_AT_MOST = 3.0
#: Past this many disturbances in the window the effect switches off.
STOP_ABOVE = 4.0
#: Shortest time between two steps, so a burst of triggers spreads out.
MIN_STEP_MS = 180.0
#: How often a triggered glitch takes a new (weaker) look while it decays.
BURST_REROLL_MS = 200.0
#: How often the ambient shimmer takes a new look (a random time in this range).
AMBIENT_REROLL_MS = (650.0, 1300.0)
#: Time constant of a triggered glitch's decay.
BURST_DECAY_MS = 320.0
#: Ambient strength at turmoil 1.0 (before intensity).
AMBIENT_MAX = 0.3
#: Below this strength nothing is drawn.
MIN_VISIBLE = 0.04
#: Largest luminance change a tint may cause anywhere.
TINT_MAX_CHANGE = 0.06
#: Largest shares of the frame each effect may cover.
TEAR_SHARE = 0.2
SPLIT_SHARE = 0.12
NOISE_SHARE = 0.03
#: Output points the guard samples each frame (columns, rows).
PROBE_GRID = (48, 27)


def _mult(c: np.ndarray, m: int) -> np.ndarray:
    """pygame's BLEND_RGB_MULT on 8-bit channel values."""
    return (c * m + 255) >> 8


_LEVELS = np.arange(256)
#: Largest linear drop of a channel multiplied by m (index m), over all levels.
_MULT_DROP = np.array([float((LINEAR[_LEVELS] - LINEAR[_mult(_LEVELS, m)]).max()) for m in range(256)])
#: Largest linear rise of a channel with a added (index a), over all levels.
_ADD_RISE = np.array([float((LINEAR[np.minimum(255, _LEVELS + a)] - LINEAR[_LEVELS]).max()) for a in range(256)])

#: Dream hues for the palette shift: (blend, per-channel amount at full depth).
#: "mult" pulls channels down, "add" pushes them up.
_HUES: tuple[tuple[str, tuple[float, float, float]], ...] = (
    ("add", (0.10, 0.0, 0.35)),  # violet haze
    ("add", (0.0, 0.08, 0.30)),  # cold cyan
    ("add", (0.16, 0.0, 0.20)),  # magenta
    ("mult", (0.0, 0.06, 0.30)),  # amber
    ("mult", (0.30, 0.04, 0.0)),  # sea green
)


def tint_change_bound(blend: str, rgb: tuple[int, int, int]) -> float:
    """The most a tint fill (BLEND_RGB_MULT or _ADD of `rgb`) can change relative luminance.

    Worked out with pygame's 8-bit arithmetic: the worst level of each channel,
    weighted as in relative luminance, so no pixel of any colour can change by more.
    """
    table = _MULT_DROP if blend == "mult" else _ADD_RISE
    return float(sum(w * table[int(v)] for w, v in zip(LUMA, rgb, strict=True)))


def _tint(blend: str, amounts: tuple[float, float, float], depth: float) -> tuple[int, int, int]:
    """The tint colour for a hue at `depth`, shrunk until its luminance change is small."""
    while True:
        r, g, b = (round(255 * a * depth) for a in amounts)
        rgb = (255 - r, 255 - g, 255 - b) if blend == "mult" else (r, g, b)
        if tint_change_bound(blend, rgb) <= TINT_MAX_CHANGE:
            return rgb
        depth *= 0.9


# -- looks: one step's frozen choices, in reference pixels / shares of the frame ---


@dataclass(frozen=True)
class _Tear:
    y: float  # top, as a share of the height
    height: float  # reference pixels
    shift: float  # reference pixels, signed


@dataclass(frozen=True)
class _Split:
    y: float  # share of the height
    height: float  # share of the height
    offset: float  # reference pixels: red moves right by it, blue left


@dataclass(frozen=True)
class _Block:
    x: float  # shares of the frame
    y: float
    w: float  # reference pixels
    h: float
    source: tuple[float, float] | None  # displacement in reference pixels, or None to pixelate
    cell: float  # pixelation cell, reference pixels


@dataclass(frozen=True)
class _Look:
    tears: tuple[_Tear, ...]
    split: _Split | None
    blocks: tuple[_Block, ...]
    tint: tuple[str, tuple[int, int, int]] | None


def _roll(rng: np.random.Generator, s: float, aspect: float) -> _Look:
    """Choose every random detail of a look at strength `s` (0..1)."""
    tears: list[_Tear] = []
    if s >= 0.08:
        budget = TEAR_SHARE * min(1.0, 0.3 + s) * REFERENCE_HEIGHT
        for _ in range(int(rng.integers(1, 2 + round(4 * s)))):
            height = float(rng.uniform(2, 6 + 42 * s))
            if height > budget:
                break
            budget -= height
            shift = float(rng.uniform(2, 4 + 90 * s)) * (1 if rng.random() < 0.5 else -1)
            tears.append(_Tear(float(rng.random()), height, shift))
    split = None
    if s >= MIN_VISIBLE:
        height = SPLIT_SHARE * (0.3 + 0.7 * s) * float(rng.uniform(0.6, 1.0))
        split = _Split(float(rng.uniform(0, 1 - height)), height, 1 + 6 * s)
    blocks: list[_Block] = []
    if s >= 0.2:
        # Area in reference pixels of a frame of this aspect at the reference height.
        budget = NOISE_SHARE * s * REFERENCE_HEIGHT * REFERENCE_HEIGHT * aspect
        for _ in range(round(10 * s)):
            w, h = float(rng.uniform(8, 16 + 40 * s)), float(rng.uniform(6, 12 + 24 * s))
            if w * h > budget:
                break
            budget -= w * h
            if rng.random() < 0.6:
                source = (float(rng.uniform(-70, 70)), float(rng.uniform(-14, 14)))
                blocks.append(_Block(float(rng.random()), float(rng.random()), w, h, source, 1.0))
            else:
                blocks.append(_Block(float(rng.random()), float(rng.random()), w, h, None, float(rng.uniform(4, 9))))
    tint = None
    if s >= 0.1:
        blend, amounts = _HUES[int(rng.integers(len(_HUES)))]
        tint = (blend, _tint(blend, amounts, s))
    return _Look(tuple(tears), split, tuple(blocks), tint)


class ScreenGlitch:
    """Post-processing glitches for a finished pygame frame, flash-safe at every setting.

    `intensity` (0..1) is the player's setting and scales every effect; 0 turns
    them all off. `seed` seeds the cosmetic generator, so the same seed and the
    same calls give the same frames. See the module docstring for the safety
    argument.
    """

    def __init__(self, intensity: float = 1.0, seed: int = 0) -> None:
        self._rng = np.random.default_rng(seed)
        self._intensity = 0.0
        self._turmoil = 0.0
        self._burst = 0.0
        self._pending = False
        self._now = 0.0
        self._look: _Look | None = None
        self._last_step = -math.inf
        self._reroll_ms = BURST_REROLL_MS
        self._stop_next = False
        # (time ms, disturbance weight) of recent frames that changed the picture.
        self._history: deque[tuple[float, float]] = deque()
        # Drawing plan and probe points for the current look and frame size.
        self._plan_key: tuple | None = None
        self._plan: list[tuple] = []
        self._probe: _Probe | None = None
        # Last frame's samples under the same plan: (plan, scene at sources, output).
        self._last_samples: tuple[list[tuple], _Sample, _Sample] | None = None
        # Scratch surfaces kept between frames.
        self._scratch_key: tuple | None = None
        self._scratch: list[pygame.Surface] = []
        self._cells: dict[tuple[int, int], pygame.Surface] = {}
        self.set_intensity(intensity)

    # -- controls -----------------------------------------------------------

    @property
    def intensity(self) -> float:
        """The player's glitch-intensity setting, 0..1."""
        return self._intensity

    def set_intensity(self, x: float) -> None:
        """Change the setting; 0 switches every effect off at once."""
        self._intensity = min(1.0, max(0.0, float(x)))
        if self._intensity == 0.0:
            # A settings change, not a glitch: it takes effect immediately.
            self._look = None
            self._last_samples = None
        else:
            self._pending = True

    def trigger(self, strength: float) -> None:
        """A glitch fired in the simulation (strength 0..1): show a burst when the budget allows."""
        strength = min(1.0, max(0.0, float(strength)))
        if strength > 0.0:
            self._burst = max(self._burst, strength)
            self._pending = True

    def set_ambient(self, turmoil: float) -> None:
        """Set the dreamer's turmoil (0..1): the faint standing shimmer grows with it."""
        self._turmoil = min(1.0, max(0.0, float(turmoil)))
        self._pending = True

    def update(self, dt_ms: float) -> None:
        """Let `dt_ms` milliseconds pass: a triggered glitch decays."""
        dt = max(0.0, float(dt_ms))
        self._now += dt
        self._burst *= math.exp(-dt / BURST_DECAY_MS)
        if self._burst < MIN_VISIBLE / 2:
            self._burst = 0.0
        while self._history and self._history[0][0] <= self._now - WINDOW_MS:
            self._history.popleft()

    @property
    def active(self) -> bool:
        """True while a look is on screen or a triggered glitch is still running."""
        return self._intensity > 0.0 and (self._look is not None or self._burst > 0.0)

    # -- drawing ------------------------------------------------------------

    def apply(self, surface: pygame.Surface) -> None:
        """Draw the current glitch onto `surface` in place (never resized)."""
        if self._intensity <= 0.0:
            return
        size = surface.get_size()
        stepped = self._maybe_step(size[0] / max(1, size[1]))
        if self._look is None or size[0] < 2 or size[1] < 2:
            self._last_samples = None
            return
        self._prepare(surface, self._look)
        probe = self._probe
        scene = _Sample.read(surface, probe.source_x, probe.source_y)
        clip = surface.get_clip()
        surface.set_clip(None)
        try:
            self._draw(surface)
        finally:
            surface.set_clip(clip)
        self._account(scene, _Sample.read(surface, probe.x, probe.y), stepped)

    # -- the budget ---------------------------------------------------------

    def _target(self) -> float:
        """The strength a look chosen now would have."""
        return self._intensity * max(self._burst, AMBIENT_MAX * self._turmoil)

    def _disturbance(self) -> float:
        """Disturbances booked in the rolling window."""
        return sum(w for t, w in self._history if t > self._now - WINDOW_MS)

    def _maybe_step(self, aspect: float) -> bool:
        """Choose a new look if one is due and the budget allows; True if the look changed."""
        if self._stop_next:
            # The measured guard asked to stop: switching off is always allowed.
            self._stop_next = False
            if self._look is not None:
                self._look = None
                self._stepped()
                return True
        target = self._target()
        visible = target >= MIN_VISIBLE
        if self._look is None:
            due = visible and (self._pending or self._now - self._last_step >= self._reroll_ms)
        else:
            due = self._pending or not visible or self._now - self._last_step >= self._reroll_ms
        if not due or self._now - self._last_step < MIN_STEP_MS:
            return False
        if self._disturbance() > STEP_WHEN_AT_MOST:
            return False
        new = _roll(self._rng, target, aspect) if visible else None
        self._pending = False
        if new is None and self._look is None:
            return False
        self._look = new
        self._stepped()
        bursting = self._burst > AMBIENT_MAX * self._turmoil
        self._reroll_ms = BURST_REROLL_MS if bursting else float(self._rng.uniform(*AMBIENT_REROLL_MS))
        return True

    def _stepped(self) -> None:
        """Book a change of look: a full disturbance, whatever it turns out to touch."""
        self._last_step = self._now
        self._history.append((self._now, 1.0))

    def _account(self, scene: _Sample, output: _Sample, stepped: bool) -> None:
        """Book the share of the screen this frame's held look swung; stop when over budget."""
        last, self._last_samples = self._last_samples, (self._plan, scene, output)
        # A step was booked in full already, and samples under another plan are not comparable.
        if stepped or last is None or last[0] is not self._plan:
            return
        if np.array_equal(output.rgb, last[2].rgb):
            return
        probe = self._probe
        swung_out = _swung(output.values(), last[2].values())
        swung_scene = _swung(scene.values(), last[1].values())
        # An output pixel whose sources swung only passes on the scene's own change.
        explained = swung_scene[probe.sources[0]] | swung_scene[probe.sources[1]] | swung_scene[probe.sources[2]]
        caused = swung_out & ~explained & probe.measured
        weight = min(1.0, float(np.count_nonzero(caused)) / caused.size / AREA_FRACTION)
        if weight > 0.0:
            self._history.append((self._now, weight))
            if self._disturbance() > STOP_ABOVE:
                self._stop_next = True

    # -- effects ------------------------------------------------------------

    def _prepare(self, surface: pygame.Surface, look: _Look) -> None:
        """Scratch surfaces for this frame format, and the plan and probe for this look and size."""
        size = surface.get_size()
        alpha = surface.get_flags() & pygame.SRCALPHA
        fmt = (surface.get_bitsize(), surface.get_masks(), alpha)
        if self._scratch_key != (size, fmt):
            self._scratch_key = (size, fmt)
            self._scratch = [pygame.Surface(size, alpha, surface) for _ in range(2)]
            self._cells = {}
            self._plan_key = None
        if self._plan_key is None or self._plan_key[0] is not look or self._plan_key[1] != size:
            # Pixel geometry is worked out once per look and frame size, not every frame.
            self._plan_key = (look, size)
            self._plan = _plan(look, size)
            self._probe = _probe_for(self._plan, size)
            wanted = {op[2] for op in self._plan if op[0] == "pixelate"}
            self._cells = {cells: self._cells.get(cells) or pygame.Surface(cells, alpha, surface) for cells in wanted}

    def _draw(self, surface: pygame.Surface) -> None:
        a, b = self._scratch
        width = surface.get_width()
        for op, *args in self._plan:
            if op == "tear":
                band, leaving, entry = args
                # The part pushed off one side re-enters on the other: no pixel lost or doubled.
                a.blit(surface, (0, 0), leaving)
                surface.set_clip(band)
                surface.scroll(entry[2], 0)
                surface.set_clip(None)
                surface.blit(a, entry[:2], (0, 0, leaving.width, leaving.height))
            elif op == "split":
                slab, d = args
                y, h = slab.y, slab.height
                a.blit(surface, (0, 0), slab)
                a.fill((255, 0, 0), (0, 0, width, h), pygame.BLEND_RGB_MULT)
                b.blit(surface, (0, 0), slab)
                b.fill((0, 0, 255), (0, 0, width, h), pygame.BLEND_RGB_MULT)
                surface.fill((0, 255, 0), slab, pygame.BLEND_RGB_MULT)
                add = pygame.BLEND_RGB_ADD
                # Each channel wraps round the slab's edges, so every pixel keeps all three.
                surface.blit(a, (d, y), (0, 0, width - d, h), special_flags=add)
                surface.blit(a, (0, y), (width - d, 0, d, h), special_flags=add)
                surface.blit(b, (0, y), (d, 0, width - d, h), special_flags=add)
                surface.blit(b, (width - d, y), (0, 0, d, h), special_flags=add)
            elif op == "copy":
                source, target = args
                a.blit(surface, (0, 0), source)
                surface.blit(a, target, (0, 0, source.width, source.height))
            elif op == "pixelate":
                rect, cells = args
                small = self._cells[cells]
                pygame.transform.scale(surface.subsurface(rect), cells, small)
                pygame.transform.scale(small, rect.size, surface.subsurface(rect))
            else:
                rgb, flag = args
                surface.fill(rgb, special_flags=flag)


def _plan(look: _Look, size: tuple[int, int]) -> list[tuple]:
    """A look turned into drawing operations in pixels for a frame of `size`."""
    width, height = size
    scale = height / REFERENCE_HEIGHT
    ops: list[tuple] = []
    for tear in look.tears:
        y = min(height - 1, int(tear.y * height))
        h = min(height - y, max(1, round(tear.height * scale)))
        dx = max(-(width - 1), min(width - 1, round(tear.shift * scale)))
        if dx > 0:
            ops.append(("tear", pygame.Rect(0, y, width, h), pygame.Rect(width - dx, y, dx, h), (0, y, dx)))
        elif dx < 0:
            ops.append(("tear", pygame.Rect(0, y, width, h), pygame.Rect(0, y, -dx, h), (width + dx, y, dx)))
    if look.split is not None:
        d = min(width // 2, max(1, round(look.split.offset * scale)))
        y = min(height - 1, int(look.split.y * height))
        h = min(height - y, max(1, round(look.split.height * height)))
        ops.append(("split", pygame.Rect(0, y, width, h), d))
    for block in look.blocks:
        w = max(1, min(width, round(block.w * scale)))
        h = max(1, min(height, round(block.h * scale)))
        rect = pygame.Rect(min(width - w, int(block.x * width)), min(height - h, int(block.y * height)), w, h)
        if block.source is not None:
            sx = max(0, min(width - w, rect.x + round(block.source[0] * scale)))
            sy = max(0, min(height - h, rect.y + round(block.source[1] * scale)))
            ops.append(("copy", pygame.Rect(sx, sy, w, h), rect.topleft))
        else:
            cell = max(2, round(block.cell * scale))
            ops.append(("pixelate", rect, (max(1, w // cell), max(1, h // cell))))
    if look.tint is not None:
        blend, rgb = look.tint
        ops.append(("tint", rgb, pygame.BLEND_RGB_MULT if blend == "mult" else pygame.BLEND_RGB_ADD))
    return ops


@dataclass(frozen=True)
class _Probe:
    """Where the guard samples a frame, and where each sampled output pixel came from.

    `x`, `y`: the probe points. `source_x`, `source_y`: the distinct scene
    pixels that feed them. `sources[c][i]`: index (into source_x/y) of the
    pixel giving channel c of probe point i. `measured`: False for points in
    pixelated blocks, whose exact source pixel within a cell is not tracked
    (pixelation only moves pixels by less than a cell).
    """

    x: np.ndarray
    y: np.ndarray
    source_x: np.ndarray
    source_y: np.ndarray
    sources: np.ndarray
    measured: np.ndarray


def _probe_for(plan: list[tuple], size: tuple[int, int]) -> _Probe:
    """Follow every probe point back through the plan to the scene pixels it shows."""
    width, height = size
    cols, rows = PROBE_GRID
    gx = np.minimum(width - 1, ((np.arange(cols) + 0.5) * width / cols).astype(np.intp))
    gy = np.minimum(height - 1, ((np.arange(rows) + 0.5) * height / rows).astype(np.intp))
    x, y = (a.ravel() for a in np.meshgrid(gx, gy))
    # Row c: where channel c of each probe point comes from.
    cx = np.repeat(x[None, :], 3, axis=0)
    cy = np.repeat(y[None, :], 3, axis=0)
    measured = np.ones(x.shape, dtype=bool)
    for op, *args in reversed(plan):
        if op == "tear":
            band, _, entry = args
            inside = (cy >= band.top) & (cy < band.bottom)
            cx = np.where(inside, (cx - entry[2]) % width, cx)
        elif op == "split":
            slab, d = args
            # Red came from d pixels to the left, blue from d to the right.
            shift = np.array([[d], [0], [-d]])
            inside = (cy >= slab.top) & (cy < slab.bottom)
            cx = np.where(inside, (cx - shift) % width, cx)
        elif op == "copy":
            source, target = args
            inside = (cx >= target[0]) & (cx < target[0] + source.width) & (cy >= target[1]) & (cy < target[1] + source.height)
            cx = np.where(inside, cx + source.x - target[0], cx)
            cy = np.where(inside, cy + source.y - target[1], cy)
        elif op == "pixelate":
            rect = args[0]
            measured &= ~((cx >= rect.left) & (cx < rect.right) & (cy >= rect.top) & (cy < rect.bottom)).any(axis=0)
    distinct, index = np.unique(cy * width + cx, return_inverse=True)
    return _Probe(x, y, distinct % width, distinct // width, index.reshape(3, -1), measured)


class _Sample:
    """RGB of some pixels of a frame, with their luminance and red value worked out once, if needed."""

    __slots__ = ("_values", "rgb")

    def __init__(self, rgb: np.ndarray) -> None:
        self.rgb = rgb
        self._values: tuple[np.ndarray, np.ndarray] | None = None

    @classmethod
    def read(cls, surface: pygame.Surface, x: np.ndarray, y: np.ndarray) -> _Sample:
        """The pixels at (x, y), read in place where the format allows."""
        size = surface.get_bytesize()
        if size == 4 and sys.byteorder == "little":
            pixels = pygame.surfarray.pixels2d(surface)
            values = pixels[x, y]
            del pixels  # releases the surface lock
            # Each 8-bit channel is one byte of the 32-bit pixel.
            rgb = values.view(np.uint8).reshape(-1, 4)[:, [shift // 8 for shift in surface.get_shifts()[:3]]]
        elif size == 3:
            pixels = pygame.surfarray.pixels3d(surface)
            rgb = pixels[x, y]
            del pixels
        else:
            rgb = pygame.surfarray.array3d(surface)[x, y]
        return cls(rgb)

    def values(self) -> tuple[np.ndarray, np.ndarray]:
        """Relative luminance and red value of each pixel."""
        if self._values is None:
            self._values = luminance_and_red(self.rgb)
        return self._values


def _swung(now: tuple[np.ndarray, np.ndarray], then: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """Points where luminance or red value moved by a transition's worth between two samples."""
    lum, red = now
    lum0, red0 = then
    general = (np.abs(lum - lum0) >= GENERAL_THRESHOLD) & (np.minimum(lum, lum0) < DARK_LIMIT)
    return general | (np.abs(red - red0) >= RED_THRESHOLD)
