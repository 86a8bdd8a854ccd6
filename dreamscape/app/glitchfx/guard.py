"""The flash guard's measurement: which scene pixels each probed output pixel came from, and which swung.

A held look only moves pixels, so an output point whose source pixels swung
just passes the scene's own change on; one that swung while its sources did
not was made by the glitch (see the package docstring).

    probe = probe_for(plan, size)
    scene = Sample.read(surface, probe.source_x, probe.source_y)
    moved = swung(now.values(), then.values())
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

import numpy as np
import pygame

from dreamscape.app.flash import DARK_LIMIT, GENERAL_THRESHOLD, RED_THRESHOLD, luminance_and_red

#: Output points the guard samples each frame (columns, rows).
PROBE_GRID = (32, 18)


@dataclass(frozen=True)
class Probe:
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


def probe_for(plan: list[tuple], size: tuple[int, int]) -> Probe:
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
            # Red came from d pixels to the left; green and blue stayed.
            shift = np.array([[d], [0], [0]])
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
    return Probe(x, y, distinct % width, distinct // width, index.reshape(3, -1), measured)


class Sample:
    """RGB of some pixels of a frame, with their luminance and red value worked out once, if needed."""

    __slots__ = ("_values", "rgb")

    def __init__(self, rgb: np.ndarray) -> None:
        self.rgb = rgb
        self._values: tuple[np.ndarray, np.ndarray] | None = None

    @classmethod
    def read(cls, surface: pygame.Surface, x: np.ndarray, y: np.ndarray) -> Sample:
        """The pixels at (x, y), read in place where the format allows."""
        size = surface.get_bytesize()
        if size == 4 and sys.byteorder == "little":
            pixels = pygame.surfarray.pixels2d(surface)
            rows = pixels.T  # row-major, as the pixels lie in memory
            if rows.flags.c_contiguous:
                # One take over the flat pixels: several times cheaper than indexing in two dimensions.
                values = rows.reshape(-1).take(y * surface.get_width() + x)
            else:
                values = pixels[x, y]
            del pixels, rows  # releases the surface lock
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


def work_out(samples: list[Sample]) -> None:
    """Work out the luminance and red values of every sample that lacks them, in one pass for all."""
    pending = [sample for sample in samples if sample._values is None]
    if len(pending) < 2:
        for sample in pending:
            sample.values()
        return
    # The measurement runs every frame: one pass over all the points halves its fixed costs.
    lum, red = luminance_and_red(np.concatenate([sample.rgb for sample in pending]))
    at = 0
    for sample in pending:
        n = len(sample.rgb)
        sample._values = (lum[at : at + n], red[at : at + n])
        at += n


def swung(now: tuple[np.ndarray, np.ndarray], then: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """Points where luminance or red value moved by a transition's worth between two samples."""
    lum, red = now
    lum0, red0 = then
    general = (np.abs(lum - lum0) >= GENERAL_THRESHOLD) & (np.minimum(lum, lum0) < DARK_LIMIT)
    return general | (np.abs(red - red0) >= RED_THRESHOLD)
