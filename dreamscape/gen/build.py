"""The mutable state the generator's phases pass along, and the profile knobs they read."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from dreamscape.core import rng as rngs
from dreamscape.core import tiles as T
from dreamscape.core.level import LevelSpec


@dataclass
class Build:
    """Work in progress: arrays indexed [y, x], entity lists and counters.

    Each phase reads what earlier phases left here and adds its own part.
    The RNG streams are named so that changing one phase's draws leaves the
    others' untouched.
    """

    spec: LevelSpec
    seed: int
    tiles: np.ndarray
    regions: np.ndarray | None = None
    start: tuple[int, int] = (0, 0)
    exit: tuple[int, int] = (0, 0)
    dreamers: list = field(default_factory=list)
    manifestations: list = field(default_factory=list)
    lures: list = field(default_factory=list)
    shards: list = field(default_factory=list)
    portals: list = field(default_factory=list)
    glitches: list = field(default_factory=list)
    loop_sites: list = field(default_factory=list)  # walls the loops phase opened (x, y)
    protected: np.ndarray | None = None  # tiles no glitch may touch
    stats: dict[str, Any] = field(default_factory=dict)
    _streams: dict[str, rngs.Stream] = field(default_factory=dict)

    @property
    def width(self) -> int:
        return int(self.tiles.shape[1])

    @property
    def height(self) -> int:
        return int(self.tiles.shape[0])

    @property
    def area(self) -> int:
        return self.width * self.height

    def rng(self, name: str) -> rngs.Stream:
        """The named stream for this build (created on first use)."""
        if name not in self._streams:
            self._streams[name] = rngs.stream(self.seed, name)
        return self._streams[name]

    def knob(self, name: str) -> float:
        """A fear, desire or turmoil intensity of the dreamer."""
        return self.spec.profile.knob(name)

    def scale(self, per_tiles: float) -> float:
        """How many of something the map holds at one per `per_tiles` tiles."""
        return self.area / per_tiles


def new_build(spec: LevelSpec, seed: int) -> Build:
    """An all-wall canvas of the spec's size."""
    tiles = np.full((spec.height, spec.width), T.WALL, np.uint8)
    return Build(spec=spec, seed=seed, tiles=tiles)
