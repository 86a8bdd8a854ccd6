"""The studio's adjustable rows: every fear, desire, turmoil, the size, dreamers and seed."""

from __future__ import annotations

from dataclasses import dataclass

from dreamscape.core.level import MAX_SEED, MIN_SIZE
from dreamscape.core.vocabulary import DESIRES, FEARS

#: Keyboard step for intensities; Shift gives the fine step.
INTENSITY_STEP = 0.05
INTENSITY_FINE = 0.01
#: Intensities are kept to two decimals so saved files read cleanly and round-trip exactly.
INTENSITY_DECIMALS = 2
#: The size sliders stop here (a loaded level may be bigger; the slider then reaches it).
STUDIO_MAX_SIDE = 256
SIZE_STEP = 8
#: The dreamer slider's top; 0 on it means "derive from the size".
MAX_DREAMERS = 24


@dataclass(frozen=True)
class Knob:
    """One adjustable row: its key, what it says, its group and its range.

    `kind` is 'intensity' (a fear, desire or turmoil, 0..1), 'width',
    'height', 'dreamers' or 'seed'.
    """

    key: str
    label: str
    group: str
    kind: str
    lo: float
    hi: float
    step: float
    fine: float

    @property
    def is_intensity(self) -> bool:
        """Whether the row is a fear, desire or turmoil (0..1)."""
        return self.kind == "intensity"

    def clamp(self, value: float) -> float:
        """`value` inside the range, rounded to what the row holds."""
        value = min(self.hi, max(self.lo, value))
        if self.is_intensity:
            return round(value, INTENSITY_DECIMALS)
        return int(round(value))

    def fraction(self, value: float) -> float:
        """Where `value` sits along the slider, 0..1."""
        span = self.hi - self.lo
        return 0.0 if span <= 0 else (value - self.lo) / span

    def from_fraction(self, fraction: float) -> float:
        """The value at a point along the slider (mouse drags snap to the fine step)."""
        raw = self.lo + min(1.0, max(0.0, fraction)) * (self.hi - self.lo)
        snapped = round(raw / self.fine) * self.fine
        return self.clamp(snapped)

    def text(self, value: float) -> str:
        """The value as the row shows it."""
        if self.is_intensity:
            return f"{value:.2f}"
        if self.kind == "dreamers" and value == 0:
            return "auto"
        return str(int(value))


def _label(name: str) -> str:
    return name.replace("_", " ")


def _intensity(name: str, group: str) -> Knob:
    return Knob(name, _label(name), group, "intensity", 0.0, 1.0, INTENSITY_STEP, INTENSITY_FINE)


def build_knobs(max_width: int = STUDIO_MAX_SIDE, max_height: int = STUDIO_MAX_SIDE, max_dreamers: int = MAX_DREAMERS) -> tuple[Knob, ...]:
    """Every row in display order; the size and dreamer tops grow to fit a loaded level."""
    rows = [_intensity(name, "fears") for name in FEARS]
    rows += [_intensity(name, "desires") for name in DESIRES]
    rows.append(_intensity("turmoil", "mind"))
    rows.append(Knob("width", "width", "map", "width", MIN_SIZE[0], max(STUDIO_MAX_SIDE, max_width), SIZE_STEP, 1))
    rows.append(Knob("height", "height", "map", "height", MIN_SIZE[1], max(STUDIO_MAX_SIDE, max_height), SIZE_STEP, 1))
    rows.append(Knob("dreamers", "dreamers", "map", "dreamers", 0, max(MAX_DREAMERS, max_dreamers), 1, 1))
    rows.append(Knob("seed", "seed", "map", "seed", 0, MAX_SEED, 1, 1))
    return tuple(rows)
