"""The studio's state, free of pygame: the tuned values, undo, the shown build and the timeline.

    model = StudioModel(load_level_or_profile("leo"))
    model.select_key("being_trapped"); model.nudge(+1)   # 0.40 -> 0.45
    spec = model.take_request()                          # the spec to build next, once
    model.accept(result)                                 # a finished build; stale ones refused
"""

from __future__ import annotations

import bisect
import os
from dataclasses import dataclass
from typing import Any

import numpy as np

from dreamscape.core.level import MAX_SEED, TILES_PER_DREAMER, LevelSpec
from dreamscape.core.profile import DreamerProfile
from dreamscape.core.vocabulary import DESIRES, FEARS
from dreamscape.studio.knobs import Knob, build_knobs

#: Undo keeps this many steps; older ones fall off.
UNDO_LIMIT = 200
#: Random seeds stay short enough to read aloud and type back.
RANDOM_SEED_TOP = 2**31
#: Overlay names in chip order, and whether each starts on.
OVERLAYS: tuple[tuple[str, bool], ...] = (
    ("regions", False),
    ("distance", False),
    ("chokepoints", False),
    ("markers", True),
    ("glitches", True),
)


@dataclass(frozen=True)
class Tuning:
    """One snapshot of every row's value, in knob order (what undo keeps)."""

    values: tuple[float, ...]


class StudioModel:
    """What the studio shows and edits; the window only draws it and feeds it input.

    The spec to build is derived from the tuning; `take_request` hands it out
    once per change. Results come back through `accept`, which refuses any
    result older than the one shown.
    """

    def __init__(self, spec: LevelSpec, rng: np.random.Generator | None = None) -> None:
        self.base = spec
        self.knobs: tuple[Knob, ...] = build_knobs(spec.width, spec.height, spec.trapped_dreamers)
        self._index = {knob.key: i for i, knob in enumerate(self.knobs)}
        self.tuning = self._tuning_of(spec)
        #: The values the level was loaded with (the sliders mark them).
        self.original = self.tuning
        self.selected = 0
        self._undo: list[Tuning] = []
        self._redo: list[Tuning] = []
        self._drag_start: Tuning | None = None
        self._drag_key: str | None = None
        # Random seeds are a UI choice, never a world input: their own generator.
        self.rng = rng if rng is not None else np.random.default_rng(int.from_bytes(os.urandom(8), "little"))
        #: Digits typed towards a new seed, or None when not typing one.
        self.seed_entry: str | None = None
        self.overlays: dict[str, bool] = dict(OVERLAYS)
        self.tick = 0
        #: A notice for the status line ('saved levels/studio/leo_7.toml').
        self.message = ""
        #: Why the latest build failed ('' when it did not).
        self.error = ""
        self.result: Any = None  # the BuildResult on screen
        self.previous_metrics: dict[str, Any] | None = None
        self._requested: LevelSpec | None = None
        self.requested_id = 0
        self.received_id = 0

    # -- values -------------------------------------------------------------------

    def _tuning_of(self, spec: LevelSpec) -> Tuning:
        profile = spec.profile
        values: list[float] = []
        for knob in self.knobs:
            if knob.is_intensity:
                values.append(round(float(profile.knob(knob.key)), 6))
            else:
                values.append({"width": spec.width, "height": spec.height, "dreamers": spec.trapped_dreamers, "seed": spec.seed}[knob.kind])
        return Tuning(tuple(values))

    def knob(self, key: str) -> Knob:
        """The row definition for a key."""
        return self.knobs[self._index[key]]

    def value(self, key: str) -> float:
        """The current value of a row ('being_trapped', 'turmoil', 'width', 'seed'...)."""
        return self.tuning.values[self._index[key]]

    def original_value(self, key: str) -> float:
        """The value the row had in the loaded level."""
        return self.original.values[self._index[key]]

    @property
    def selected_knob(self) -> Knob:
        """The row the keyboard adjusts."""
        return self.knobs[self.selected]

    def spec(self) -> LevelSpec:
        """The level spec the current values describe (zero intensities left out)."""
        values = dict(zip((k.key for k in self.knobs), self.tuning.values))
        profile = self.base.profile
        fears = {name: float(values[name]) for name in FEARS if values[name] > 0}
        desires = {name: float(values[name]) for name in DESIRES if values[name] > 0}
        profile = DreamerProfile(profile.name, float(values["turmoil"]), fears, desires, profile.about)
        return self.base._replace(
            profile=profile,
            size=(int(values["width"]), int(values["height"])),
            trapped_dreamers=int(values["dreamers"]),
            seed=int(values["seed"]),
        )

    def dreamer_capacity(self, width: float | None = None, height: float | None = None) -> int:
        """The most trapped dreamers a map of this size holds."""
        w = int(self.value("width") if width is None else width)
        h = int(self.value("height") if height is None else height)
        return (w * h) // TILES_PER_DREAMER

    def set_value(self, key: str, value: float, record: bool = True) -> bool:
        """Set one row (clamped to its range); False when nothing changed.

        Shrinking the map lowers the dreamer count to what it can hold, so
        the spec always stays buildable.
        """
        knob = self.knob(key)
        value = knob.clamp(value)
        values = list(self.tuning.values)
        values[self._index[key]] = value
        if knob.kind in ("width", "height", "dreamers"):
            cap = self.dreamer_capacity(values[self._index["width"]], values[self._index["height"]])
            i = self._index["dreamers"]
            values[i] = min(values[i], cap)
        new = Tuning(tuple(values))
        if new == self.tuning:
            return False
        if record and self._drag_start is None:
            self._push_undo(self.tuning)
        self.tuning = new
        self.message = ""
        return True

    def nudge(self, steps: int, fine: bool = False) -> bool:
        """Move the selected row by whole keyboard steps (fine steps with Shift)."""
        knob = self.selected_knob
        step = knob.fine if fine else knob.step
        current = self.value(knob.key)
        if knob.is_intensity and not fine:
            # Land on the 0.05 grid first, so 0.42 goes to 0.45 or 0.40, not 0.47.
            target = (np.floor if steps > 0 else np.ceil)(round(current / step, 6)) * step + steps * step
            return self.set_value(knob.key, float(target))
        return self.set_value(knob.key, current + steps * step)

    def select(self, delta: int) -> None:
        """Move the selection up or down the rows (wrapping round)."""
        self.selected = (self.selected + delta) % len(self.knobs)

    def select_key(self, key: str) -> None:
        """Select a row by its key."""
        self.selected = self._index[key]

    # -- drags and undo -----------------------------------------------------------------

    def begin_drag(self, key: str) -> None:
        """A mouse drag starts: the whole drag becomes one undo step."""
        self.select_key(key)
        self._drag_start = self.tuning
        self._drag_key = key

    def drag_to(self, fraction: float) -> bool:
        """Move the dragged row (the selected one if no drag started) to a point along its slider."""
        knob = self.knob(self._drag_key) if self._drag_key else self.selected_knob
        return self.set_value(knob.key, knob.from_fraction(fraction))

    def end_drag(self) -> None:
        """The drag ends: one undo step if it changed anything."""
        self._drag_key = None
        start, self._drag_start = self._drag_start, None
        if start is not None and start != self.tuning:
            self._push_undo(start)

    def _push_undo(self, tuning: Tuning) -> None:
        self._undo.append(tuning)
        del self._undo[:-UNDO_LIMIT]
        self._redo.clear()

    def undo(self) -> bool:
        """Go back one change; False when there is nothing to undo."""
        if not self._undo:
            return False
        self._redo.append(self.tuning)
        self.tuning = self._undo.pop()
        return True

    def redo(self) -> bool:
        """Reapply the change last undone; False when there is none."""
        if not self._redo:
            return False
        self._undo.append(self.tuning)
        self.tuning = self._redo.pop()
        return True

    @property
    def can_undo(self) -> bool:
        """Whether there is a change to undo."""
        return bool(self._undo)

    # -- the seed -----------------------------------------------------------------------

    def step_seed(self, delta: int) -> bool:
        """Move the seed up or down by `delta`."""
        return self.set_value("seed", self.value("seed") + delta)

    def random_seed(self) -> bool:
        """Roll a new seed from the studio's own generator (never the global one)."""
        seed = int(self.rng.integers(0, RANDOM_SEED_TOP))
        while seed == self.value("seed"):
            seed = int(self.rng.integers(0, RANDOM_SEED_TOP))
        return self.set_value("seed", seed)

    def type_seed_digit(self, digit: str) -> None:
        """Add a digit to the seed being typed (starting the entry if needed)."""
        entry = (self.seed_entry or "") + digit
        # Longer than any valid seed: the extra digit is ignored.
        if len(entry.lstrip("0")) <= len(str(MAX_SEED)):
            self.seed_entry = entry

    def seed_backspace(self) -> None:
        """Remove the last typed digit (ending the entry when none is left)."""
        if self.seed_entry:
            self.seed_entry = self.seed_entry[:-1] or None

    def commit_seed(self) -> bool:
        """Set the typed seed; a number out of range leaves a message instead."""
        entry, self.seed_entry = self.seed_entry, None
        if not entry:
            return False
        seed = int(entry)
        if seed > MAX_SEED:
            self.message = f"seed must be at most {MAX_SEED}"
            return False
        return self.set_value("seed", seed)

    def cancel_seed(self) -> None:
        """Forget the digits typed so far."""
        self.seed_entry = None

    # -- builds -------------------------------------------------------------------------

    def take_request(self) -> LevelSpec | None:
        """The spec to build, once per change (None while nothing changed)."""
        spec = self.spec()
        if spec == self._requested:
            return None
        self._requested = spec
        return spec

    def requested(self, request_id: int) -> None:
        """Note the id the builder gave the latest request."""
        self.requested_id = max(self.requested_id, request_id)

    @property
    def building(self) -> bool:
        """Whether a requested build has not come back yet."""
        return self.requested_id > self.received_id

    def accept(self, result: Any) -> bool:
        """Show a finished build; False (and nothing changes) when it is stale.

        A result is stale when one from a later request is already shown. A
        failed build leaves the last map up and says why.
        """
        if result.request_id <= self.received_id:
            return False
        self.received_id = result.request_id
        self.error = result.error
        if result.error:
            return True
        if self.result is not None:
            self.previous_metrics = self.result.metrics
        self.result = result
        self.tick = min(self.tick, self.end_tick)
        return True

    @property
    def ds(self):
        """The dreamscape on screen, or None before the first build."""
        return None if self.result is None else self.result.ds

    def deltas(self) -> dict[str, float]:
        """How each metric moved since the previous build shown (empty before a second build)."""
        if self.result is None or self.previous_metrics is None:
            return {}
        now, before = self.result.metrics, self.previous_metrics
        return {k: now[k] - before[k] for k in now if isinstance(now[k], (int, float)) and k in before}

    # -- the timeline ---------------------------------------------------------------------

    @property
    def end_tick(self) -> int:
        """The last tick the glitch schedule covers (0 before the first build)."""
        ds = self.ds
        if ds is None:
            return 0
        last = ds.glitches[-1].tick if ds.glitches else 0
        return max(int(ds.stats.get("glitch_horizon", ds.time_limit_ticks)), last)

    @property
    def glitch_ticks(self) -> list[int]:
        """Distinct ticks at which glitches fire, ascending."""
        ds = self.ds
        return [] if ds is None else sorted({g.tick for g in ds.glitches})

    def set_tick(self, tick: int) -> bool:
        """Show the map at `tick` (clamped to the rescue window); False if it was already there."""
        tick = int(min(self.end_tick, max(0, tick)))
        changed = tick != self.tick
        self.tick = tick
        return changed

    def step_glitch(self, delta: int) -> bool:
        """Jump to the previous or next tick at which a glitch fires (or back to the plan)."""
        ticks = self.glitch_ticks
        if delta > 0:
            later = ticks[bisect.bisect_right(ticks, self.tick) :]
            return self.set_tick(later[0]) if later else False
        earlier = ticks[: bisect.bisect_left(ticks, self.tick)]
        return self.set_tick(earlier[-1] if earlier else 0)

    def applied_glitches(self, tick: int | None = None) -> int:
        """How many glitches of the schedule have fired by `tick` (default: the shown tick)."""
        ds = self.ds
        if ds is None:
            return 0
        tick = self.tick if tick is None else tick
        return bisect.bisect_right([g.tick for g in ds.glitches], tick)

    # -- overlays -------------------------------------------------------------------------

    def toggle(self, overlay: str) -> bool:
        """Switch an overlay on or off; returns its new state."""
        self.overlays[overlay] = not self.overlays[overlay]
        return self.overlays[overlay]
