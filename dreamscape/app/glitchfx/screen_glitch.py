"""ScreenGlitch: glitches over a finished frame, paced by a rolling disturbance budget.

    fx = ScreenGlitch(intensity=settings.glitch_intensity, seed=cosmetic_seed)
    fx.set_ambient(turmoil)        # faint shimmer that grows with turmoil
    fx.trigger(0.8)                # a glitch fired in the simulation
    fx.update(dt_ms)               # every frame: time passes, the glitch decays
    fx.apply(screen)               # every frame, after drawing, in place

Why this is safe for photosensitive players: see the package docstring.
"""

from __future__ import annotations

import math
from collections import deque

import numpy as np
import pygame

from dreamscape.app.flash import AREA_FRACTION
from dreamscape.app.glitchfx.drawing import draw_plan, plan_for
from dreamscape.app.glitchfx.guard import Probe, Sample, probe_for, swung, work_out
from dreamscape.app.glitchfx.looks import MIN_VISIBLE, Look, roll

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


class ScreenGlitch:
    """Post-processing glitches for a finished pygame frame, flash-safe at every setting.

    `intensity` (0..1) is the player's setting and scales every effect; 0 turns
    them all off. `seed` seeds the cosmetic generator, so the same seed and the
    same calls give the same frames. See the package docstring for the safety
    argument.
    """

    def __init__(self, intensity: float = 1.0, seed: int = 0) -> None:
        self._rng = np.random.default_rng(seed)
        self._intensity = 0.0
        self._turmoil = 0.0
        self._burst = 0.0
        self._pending = False
        self._now = 0.0
        self._look: Look | None = None
        self._last_step = -math.inf
        self._reroll_ms = BURST_REROLL_MS
        self._stop_next = False
        # (time ms, disturbance weight) of recent frames that changed the picture.
        self._history: deque[tuple[float, float]] = deque()
        # Drawing plan and probe points for the current look and frame size.
        self._plan_key: tuple | None = None
        self._plan: list[tuple] = []
        self._probe = probe_for([], (1, 1))  # made again for every look before it is read
        # Last frame's samples under the same plan: (plan, scene at sources, output).
        self._last_samples: tuple[list[tuple], Sample, Sample] | None = None
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
        probe = self._prepare(surface, self._look)
        scene = Sample.read(surface, probe.source_x, probe.source_y)
        clip = surface.get_clip()
        surface.set_clip(None)
        try:
            draw_plan(surface, self._plan, self._scratch, self._cells)
        finally:
            surface.set_clip(clip)
        self._account(scene, Sample.read(surface, probe.x, probe.y), stepped, probe)

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
        new = roll(self._rng, target, aspect) if visible else None
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

    def _account(self, scene: Sample, output: Sample, stepped: bool, probe: Probe) -> None:
        """Book the share of the screen this frame's held look swung; stop when over budget."""
        last, self._last_samples = self._last_samples, (self._plan, scene, output)
        # A step was booked in full already, and samples under another plan are not comparable.
        if stepped or last is None or last[0] is not self._plan:
            return
        if np.array_equal(output.rgb, last[2].rgb):
            return
        work_out([output, last[2]])
        swung_out = swung(output.values(), last[2].values()) & probe.measured
        if not swung_out.any():
            return
        work_out([scene, last[1]])
        swung_scene = swung(scene.values(), last[1].values())
        # An output pixel whose sources swung only passes on the scene's own change.
        explained = swung_scene[probe.sources].any(axis=0)
        caused = swung_out & ~explained
        weight = min(1.0, float(np.count_nonzero(caused)) / caused.size / AREA_FRACTION)
        if weight > 0.0:
            self._history.append((self._now, weight))
            if self._disturbance() > STOP_ABOVE:
                self._stop_next = True

    # -- effects ------------------------------------------------------------

    def _prepare(self, surface: pygame.Surface, look: Look) -> Probe:
        """Scratch surfaces for this frame format, and the plan and probe for this look and size (returned)."""
        size = surface.get_size()
        alpha = surface.get_flags() & pygame.SRCALPHA
        fmt = (surface.get_bitsize(), surface.get_masks(), alpha)
        if self._scratch_key != (size, fmt):
            self._scratch_key = (size, fmt)
            self._scratch = [pygame.Surface(size, alpha, surface)]
            self._cells = {}
            self._plan_key = None
        if self._plan_key is None or self._plan_key[0] is not look or self._plan_key[1] != size:
            # Pixel geometry is worked out once per look and frame size, not every frame.
            self._plan_key = (look, size)
            self._plan = plan_for(look, size)
            self._probe = probe_for(self._plan, size)
            wanted = {op[2] for op in self._plan if op[0] == "pixelate"}
            self._cells = {cells: self._cells.get(cells) or pygame.Surface(cells, alpha, surface) for cells in wanted}
        return self._probe
