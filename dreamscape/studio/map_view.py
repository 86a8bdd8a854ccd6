"""The map as the studio shows it: layers composed once and kept until something changes.

A frame only blits the cached composite; a new build, another tile size, a
step across a glitch or an overlay switched on or off composes it again.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pygame

from dreamscape.studio import overlays
from dreamscape.studio.analysis import Field, analyse
from dreamscape.studio.model import StudioModel


def tile_px(width: int, height: int, area: tuple[int, int]) -> int:
    """The largest whole tile size at which a width x height map fits `area` (at least 1)."""
    return max(1, min(area[0] // max(1, width), area[1] // max(1, height)))


def tiles_after(ds, applied: int) -> np.ndarray:
    """The tile map once the first `applied` glitches of the schedule have fired."""
    tiles = ds.tiles.copy()
    for glitch in ds.glitches[:applied]:
        glitch.apply(tiles)
    return tiles


class MapView:
    """Composes and caches the map surface of the model's shown build."""

    def __init__(self) -> None:
        self._owner: tuple[int, int] | None = None  # (request id, tile px) the layers belong to
        self._layers: dict[tuple, pygame.Surface] = {}
        self._fields: dict[int, Field] = {}
        self._tiles: dict[int, np.ndarray] = {}
        self._key: tuple | None = None
        self._surface: pygame.Surface | None = None
        self.composed = 0  # how many times a composite was built (tests watch it)

    def field(self, result: Any, applied: int) -> Field:
        """Distances, route and chokepoints once `applied` glitches have fired (cached)."""
        if applied == 0 and result.plan is not None:
            return result.plan
        if applied not in self._fields:
            ds = result.ds
            self._fields[applied] = analyse(self.tiles(result, applied), ds.start, ds.exit)
        return self._fields[applied]

    def tiles(self, result: Any, applied: int) -> np.ndarray:
        """The tile map once `applied` glitches have fired (cached)."""
        if applied not in self._tiles:
            self._tiles[applied] = tiles_after(result.ds, applied)
        return self._tiles[applied]

    def render(self, model: StudioModel, area: tuple[int, int]) -> pygame.Surface | None:
        """The composed map for the model's build, tick and overlays, fitted to `area`."""
        result = model.result
        if result is None or result.ds is None:
            return None
        ds = result.ds
        px = tile_px(ds.width, ds.height, area)
        applied = model.applied_glitches()
        portals_open = sum(p.opens_at <= model.tick for p in ds.portals)
        on = tuple(name for name, shown in model.overlays.items() if shown)
        key = (result.request_id, px, applied, portals_open, on)
        if key == self._key and self._surface is not None:
            return self._surface
        if self._owner != (result.request_id, px):
            if self._owner is None or self._owner[0] != result.request_id:
                # Fields and tiles belong to the build; layers also to the tile size.
                self._fields, self._tiles = {}, {}
            self._owner = (result.request_id, px)
            self._layers.clear()
        self._surface = self._compose(model, result, px, applied, portals_open, on)
        self._key = key
        self.composed += 1
        return self._surface

    def forget(self) -> None:
        """Drop every cached layer (a new build replaces the old one)."""
        self._owner = None
        self._key = None
        self._layers.clear()
        self._fields, self._tiles = {}, {}

    def _layer(self, key: tuple, make) -> pygame.Surface:
        if key not in self._layers:
            self._layers[key] = make()
        return self._layers[key]

    def _compose(self, model: StudioModel, result: Any, px: int, applied: int, portals_open: int, on: tuple[str, ...]) -> pygame.Surface:
        ds = result.ds
        size = (ds.width * px, ds.height * px)
        hatch = "glitches" in on
        surface = self._layer(("base", applied, hatch), lambda: overlays.base_layer(ds, self.tiles(result, applied), px, applied, hatch)).copy()
        if "regions" in on:
            surface.blit(self._layer(("regions",), lambda: overlays.regions_layer(ds, px)), (0, 0))
        if "distance" in on:
            surface.blit(self._layer(("distance", applied), lambda: overlays.distance_layer(self.field(result, applied), px)), (0, 0))
        if "chokepoints" in on:
            surface.blit(self._layer(("chokepoints", applied), lambda: overlays.chokepoints_layer(self.field(result, applied), px, size)), (0, 0))
        if "markers" in on:
            tick = model.tick
            surface.blit(self._layer(("markers", applied, portals_open), lambda: overlays.markers_layer(ds, px, tick, size)), (0, 0))
        return surface
