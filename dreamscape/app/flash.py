"""A WCAG 2.3.1 ("Three Flashes or Below Threshold") analyser for rendered frames.

    report = analyse(frames, fps=60)       # frames: HxWx3 uint8 arrays (views are fine)
    if not report.passed:
        print(report.first_failing_frame, report.max_flashes_per_second)

    meter = FlashMeter(fps=60)             # the same test, one frame at a time
    for frame in frames:
        general, red = meter.feed(frame)   # flashes per second over a quarter of the screen

Numpy only. The rules, exactly as implemented:

* Relative luminance per WCAG: each sRGB channel is linearised
  (c <= 0.04045 ? c/12.92 : ((c+0.055)/1.055)**2.4) and weighted
  0.2126 R + 0.7152 G + 0.0722 B.
* General transition: a block's luminance moves at least 0.1 away from the
  extreme it reached since its last transition, in the opposite direction to
  that transition, and the darker of the two states is below 0.8.
* Red transition (the saturated-red rule of the PEAT/Harding tools): per
  pixel, with linear R, G, B, the red value is 320 * (R - G - B) when
  R / (R + G + B) >= 0.8 and 0 otherwise (black has none); a block's red
  value is the mean over its pixels. A red transition is a move of at least
  20 away from the last extreme in the opposite direction (no darker-state
  condition).
* A flash is a pair of opposite transitions, so "more than three flashes" is
  more than six transitions. General and red transitions are counted
  separately, never added together.
* A window is one second of frames (round(fps) frames, i.e. the changes
  between them span one second). A frame fails when the blocks with more than
  six transitions of one kind in the window ending at it cover a quarter or
  more of the frame. WCAG measures a quarter of any 10 degree field of view;
  a quarter of the whole screen is the simpler, laxer reading used here.

For speed every frame is first reduced to blocks (8x8 pixels by default),
linearising a point sample of every second pixel in each direction and
averaging within the block in linear light. Patterns finer than the sampling
step can alias; content that changes at the block scale or coarser, which
is what flashing is, is measured faithfully.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

#: Weights of linear R, G, B in relative luminance.
LUMA = (0.2126, 0.7152, 0.0722)
#: The smallest luminance change that counts as a transition.
GENERAL_THRESHOLD = 0.1
#: A general transition counts only if its darker state is below this.
DARK_LIMIT = 0.8
#: Linear R / (R + G + B) at or above which a pixel is saturated red.
RED_RATIO = 0.8
#: Scale of the red value: 320 * (R - G - B) in linear units.
RED_SCALE = 320.0
#: The smallest red-value change that counts as a red transition.
RED_THRESHOLD = 20.0
#: More flashes than this in one second fail.
MAX_FLASHES = 3
#: Share of the frame that must flash too often for a frame to fail.
AREA_FRACTION = 0.25


def _srgb_to_linear() -> np.ndarray:
    c = np.arange(256, dtype=np.float64) / 255.0
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4).astype(np.float32)


#: Linear value of each 8-bit sRGB level.
LINEAR = _srgb_to_linear()
LINEAR.setflags(write=False)


def relative_luminance(rgb: np.ndarray) -> np.ndarray:
    """WCAG relative luminance (0..1, float32) of an ...x3 uint8 sRGB array."""
    return luminance_and_red(rgb)[0]


def red_value(rgb: np.ndarray) -> np.ndarray:
    """The saturated-red measure (0..320, float32) of an ...x3 uint8 sRGB array."""
    return luminance_and_red(rgb)[1]


def luminance_and_red(rgb: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Relative luminance and red value of an ...x3 uint8 sRGB array, linearising once."""
    rgb = np.asarray(rgb)[..., :3]
    # Channels first, so each is one contiguous array.
    r, g, b = np.take(LINEAR, rgb.transpose(rgb.ndim - 1, *range(rgb.ndim - 1)), mode="clip")
    lum = r * np.float32(LUMA[0])
    lum += g * np.float32(LUMA[1])
    lum += b * np.float32(LUMA[2])
    red = _red(r, g, b)
    return lum, (red if red is not None else np.zeros_like(lum))


def _red(r: np.ndarray, g: np.ndarray, b: np.ndarray) -> np.ndarray | None:
    """Red values of linear channels, or None when no pixel is saturated red."""
    rest = g + b
    # r / (r + rest) >= 0.8  <=>  r >= 4 * rest, which needs no division by zero.
    saturated = r >= rest * np.float32(RED_RATIO / (1.0 - RED_RATIO))
    # Black satisfies the ratio test but has no red to flash.
    saturated &= r > 0
    if not saturated.any():
        return None
    return np.where(saturated, (r - rest) * np.float32(RED_SCALE), np.float32(0.0))


@dataclass(frozen=True)
class FlashReport:
    """The verdict on a sequence of frames.

    Flash counts are per one-second window and are the worst count reached
    by a quarter or more of the frame (transitions / 2, so 3.5 is possible
    and already fails).
    """

    frames: int
    fps: float
    max_flashes_per_second: float
    max_red_flashes_per_second: float
    first_failing_frame: int | None
    failing_frames: int

    @property
    def passed(self) -> bool:
        """True when no one-second window had more than three flashes of either kind."""
        return self.first_failing_frame is None

    def summary(self) -> str:
        """One line for logs: verdict and worst counts."""
        verdict = "pass" if self.passed else f"FAIL from frame {self.first_failing_frame} ({self.failing_frames} frames)"
        return f"{verdict}: {self.max_flashes_per_second:g} flashes/s, {self.max_red_flashes_per_second:g} red flashes/s over {self.frames} frames at {self.fps:g} fps"


class _Transitions:
    """Per-block transition detector: extremes since the last transition."""

    def __init__(self, first: np.ndarray, threshold: float, dark_limit: float | None) -> None:
        self.threshold = np.float32(threshold)
        self.dark = np.float32(np.inf if dark_limit is None else dark_limit)
        self.extreme = first.copy()
        # Before the first transition the direction is unknown, so both extremes are kept.
        self.low = first.copy()
        self.high = first.copy()
        self.direction = np.zeros(first.shape, dtype=np.int8)
        self.last = first
        self.still = np.zeros(first.shape, dtype=bool)

    def step(self, v: np.ndarray) -> np.ndarray:
        """Feed one frame's block values; return a bool mask of blocks that transitioned."""
        # Values seen last frame already had their say: nothing can transition now.
        if np.array_equal(v, self.last):
            return self.still
        self.last = v
        t, dark, d = self.threshold, self.dark, self.direction
        rising, falling, unknown = d == 1, d == -1, d == 0
        ext = np.where(rising, np.maximum(self.extreme, v), np.where(falling, np.minimum(self.extreme, v), self.extreme))
        np.minimum(self.low, v, out=self.low)
        np.maximum(self.high, v, out=self.high)
        # A fall's darker state is the new value; a rise's is the extreme it left.
        goes_down = (rising & (ext - v >= t) & (v < dark)) | (unknown & (self.high - v >= t) & (v < dark))
        goes_up = (falling & (v - ext >= t) & (ext < dark)) | (unknown & (v - self.low >= t) & (self.low < dark))
        # Both at once is only possible undecided with a wide spread; the bigger move wins.
        both = goes_up & goes_down
        if both.any():
            up_wins = (v - self.low) >= (self.high - v)
            goes_up &= ~both | up_wins
            goes_down &= ~both | ~up_wins
        moved = goes_up | goes_down
        d[goes_up] = 1
        d[goes_down] = -1
        ext[moved] = v[moved]
        self.extreme = ext
        return moved


class FlashMeter:
    """Incremental WCAG 2.3.1 flash test: feed frames one at a time.

    `fps` sets the one-second window; `block` is the block edge in pixels and
    `step` the sampling stride inside a block (`block` must be a multiple of
    `step`). All frames must have the same size.
    """

    def __init__(self, fps: float, block: int = 8, step: int = 2) -> None:
        if not fps > 0:
            raise ValueError(f"fps must be positive, got {fps}")
        if block < 1 or step < 1 or block % step:
            raise ValueError(f"block ({block}) must be a positive multiple of step ({step})")
        self.fps = float(fps)
        self.window = max(1, round(fps))
        self.block = int(block)
        self.step = int(step)
        self._shape: tuple[int, int] | None = None
        self._general: _Transitions | None = None
        self._red: _Transitions | None = None
        self._frames = 0
        self._max = [0, 0]
        self._first_fail: int | None = None
        self._failing = 0

    @property
    def frames(self) -> int:
        """Frames fed so far."""
        return self._frames

    def feed(self, frame: np.ndarray) -> tuple[float, float]:
        """Add one HxWx3 uint8 frame; return (flashes, red flashes) in the second ending here.

        Each count is the worst reached by a quarter or more of the frame.
        """
        frame = np.asarray(frame)
        if frame.ndim != 3 or frame.shape[2] < 3:
            raise ValueError(f"a frame must be HxWx3, got shape {frame.shape}")
        lum, red = self._blocks(frame)
        if self._general is None or self._red is None:
            self._general = _Transitions(lum, GENERAL_THRESHOLD, DARK_LIMIT)
            self._red = _Transitions(red, RED_THRESHOLD, None)
            hits = (np.zeros(lum.shape, dtype=bool), np.zeros(lum.shape, dtype=bool))
        else:
            hits = (self._general.step(lum), self._red.step(red))
        slot = self._frames % self.window
        levels = []
        for kind, hit in enumerate(hits):
            history, counts = self._history[kind], self._counts[kind]
            counts -= history[slot]
            history[slot] = hit
            counts += hit
            levels.append(self._level(counts))
        fails = any(level > 2 * MAX_FLASHES for level in levels)
        if fails:
            self._failing += 1
            if self._first_fail is None:
                self._first_fail = self._frames
        self._max = [max(a, b) for a, b in zip(self._max, levels, strict=True)]
        self._frames += 1
        return levels[0] / 2, levels[1] / 2

    def report(self) -> FlashReport:
        """The verdict on everything fed so far."""
        return FlashReport(
            frames=self._frames,
            fps=self.fps,
            max_flashes_per_second=self._max[0] / 2,
            max_red_flashes_per_second=self._max[1] / 2,
            first_failing_frame=self._first_fail,
            failing_frames=self._failing,
        )

    def _level(self, counts: np.ndarray) -> int:
        """The largest transition count reached by blocks covering a quarter or more of the frame."""
        area = np.bincount(counts, weights=self._weights, minlength=1)
        at_least = np.cumsum(area[::-1])[::-1]
        # A hair of tolerance so a region of exactly a quarter counts despite rounding.
        return int(np.flatnonzero(at_least >= AREA_FRACTION - 1e-9)[-1])

    def _blocks(self, frame: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Per-block mean luminance and red value, flattened."""
        shape = frame.shape[:2]
        if self._shape is None:
            self._setup(shape)
        elif shape != self._shape:
            raise ValueError(f"frame size changed from {self._shape} to {shape}")
        # Channel planes first: three contiguous look-ups beat strided ones.
        planes = np.ascontiguousarray(np.moveaxis(frame[:: self.step, :: self.step, :3], -1, 0))
        r, g, b = np.take(LINEAR, planes, mode="clip")
        lum = r * np.float32(LUMA[0])
        lum += g * np.float32(LUMA[1])
        lum += b * np.float32(LUMA[2])
        red = _red(r, g, b)
        return self._block_mean(lum), (self._block_mean(red) if red is not None else self._no_red)

    def _setup(self, shape: tuple[int, int]) -> None:
        self._shape = shape
        hs, ws = -(-shape[0] // self.step), -(-shape[1] // self.step)
        k = self.block // self.step
        self._grid = (-(-hs // k), -(-ws // k))
        self._padded = (self._grid[0] * k, self._grid[1] * k)
        self._sampled = (hs, ws)
        ones = np.zeros(self._padded, dtype=np.float32)
        ones[:hs, :ws] = 1.0
        count = self._sum_blocks(ones)
        self._inverse_count = (1.0 / count).astype(np.float32)
        self._no_red = np.zeros(count.size, dtype=np.float32)
        self._weights = (count / count.sum()).ravel().astype(np.float64)
        cells = self._grid[0] * self._grid[1]
        self._history = [np.zeros((self.window, cells), dtype=np.uint8) for _ in range(2)]
        self._counts = [np.zeros(cells, dtype=np.intp) for _ in range(2)]

    def _sum_blocks(self, x: np.ndarray) -> np.ndarray:
        k = self.block // self.step
        gh, gw = self._grid
        # Summing one axis at a time keeps both reductions over contiguous memory.
        return x.reshape(gh, k, gw * k).sum(axis=1).reshape(gh, gw, k).sum(axis=2)

    def _block_mean(self, x: np.ndarray) -> np.ndarray:
        if x.shape != self._padded:
            padded = np.zeros(self._padded, dtype=np.float32)
            padded[: x.shape[0], : x.shape[1]] = x
            x = padded
        return (self._sum_blocks(x) * self._inverse_count).ravel()


def analyse(frames: Iterable[np.ndarray], fps: float, block: int = 8, step: int = 2) -> FlashReport:
    """Run the WCAG 2.3.1 flash test over HxWx3 uint8 frames shown at `fps`.

    Frames are read one at a time and not kept, so a generator of views into a
    live surface works. See the module docstring for the exact rules.
    """
    meter = FlashMeter(fps, block=block, step=step)
    for frame in frames:
        meter.feed(frame)
        # Drop the reference before the next frame is drawn: a pixel view locks its surface.
        del frame
    return meter.report()
