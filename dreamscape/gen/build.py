"""The mutable state the generator's phases pass along, and the profile knobs they read."""

from __future__ import annotations

from typing import Any

import numpy as np

from dreamscape.core import rng as rngs
from dreamscape.core import tiles as T
from dreamscape.core.level import LevelSpec
from dreamscape.gen.dreamscape import Dreamer, Mark, Entity, Glitch, Portal, Pos, Ward


class PhaseOrderError(RuntimeError):
    """A phase read part of the build that the phase which fills it has not made yet."""


def _filled(value: np.ndarray | None, what: str, phase: str) -> np.ndarray:
    if value is None:
        raise PhaseOrderError(f"the build has no {what} yet: phase {phase!r} fills them and must run first")
    return value


class Build:
    """Work in progress: arrays indexed [y, x], entity lists and counters.

    Each phase reads what earlier phases left here and adds its own part.
    The arrays a later phase fills (`regions`, `protected`) raise
    PhaseOrderError when read before that phase ran, so a phase can rely on
    them. The RNG streams are named so that changing one phase's draws leaves
    the others' untouched. (A plain class: a dataclass would compile its
    methods each time a command that generates starts.)
    """

    def __init__(self, spec: LevelSpec, seed: int, tiles: np.ndarray) -> None:
        self.spec = spec
        self.seed = seed
        self.tiles = tiles
        self.start: Pos = (0, 0)
        self.exit: Pos = (0, 0)
        self.dreamers: list[Dreamer] = []
        self.manifestations: list[Entity] = []
        self.lures: list[Entity] = []
        self.shards: list[Entity] = []
        self.portals: list[Portal] = []
        self.glitches: list[Glitch] = []
        self.marks: list[Mark] = []  # the climax's marks (core.climax.MARKS)
        self.wards: list[Ward] = []  # a 'nexus' climax's wards (gen/wards.py)
        self.glitch_wards: list[int] = []  # the ward each glitch belongs to (-1: none)
        self.loop_sites: list[Pos] = []  # walls the loops phase opened
        self.stats: dict[str, Any] = {}
        self._regions: np.ndarray | None = None
        self._protected: np.ndarray | None = None
        self._streams: dict[str, rngs.Stream] = {}

    @property
    def regions(self) -> np.ndarray:
        """Each tile's theme code, filled by phase 'regions'."""
        return _filled(self._regions, "regions", "regions")

    @regions.setter
    def regions(self, value: np.ndarray) -> None:
        self._regions = value

    @property
    def has_regions(self) -> bool:
        """Whether phase 'regions' has run (tools draw builds before it)."""
        return self._regions is not None

    @property
    def protected(self) -> np.ndarray:
        """Tiles no glitch may touch, filled by phase 'controls'."""
        return _filled(self._protected, "protected tiles", "controls")

    @protected.setter
    def protected(self, value: np.ndarray) -> None:
        self._protected = value

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
