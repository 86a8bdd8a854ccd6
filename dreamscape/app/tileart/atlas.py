"""The tile atlas: every tile sprite at every light level, cut from sheets in the target's pixel format.

    atlas = TileAtlas(tile_px=32, colour_blind=False)
    surfaces = atlas.surfaces(target)         # converted to target's format
    sprite = surfaces[sprite_id(art, theme, level)]
"""

from __future__ import annotations

import numpy as np
import pygame

from dreamscape.app.tileart.colours import RGB, UNSEEN
from dreamscape.app.tileart.paint import paint_all

#: Brightness of each lit level, the player's tile first: a lantern falloff.
#: Every lit level is ground in sight, so even the last keeps floor and walls
#: 3:1 apart (WCAG non-text contrast): it keeps about half the light in
#: luminance, and the floors and walls below are chosen for that.
_LIT = (1.0, 0.95, 0.9, 0.85, 0.8, 0.75)
#: Warm light added near the player (the lantern), per lit level.
_WARM = ((22, 12, 0), (12, 6, 0))
#: Remembered ground: this much of its colour and of its grey, plus a blue tint.
_MEMORY_KEEP = 0.05
_MEMORY_GREY = 0.2
_MEMORY_TINT: RGB = (5, 5, 14)


class TileAtlas:
    """Every tile sprite for one tile size and colour mode.

    The fully lit sprites are painted once with numpy (`base`); `surfaces(target)`
    makes the light levels with SDL fills on whole sheets and cuts one
    subsurface per sprite id, in the target's pixel format (cached per
    format), so blits never convert.
    """

    def __init__(self, tile_px: int = 32, colour_blind: bool = False, seed: int = 7) -> None:
        if tile_px < 4:
            raise ValueError(f"tile_px must be at least 4, got {tile_px}")
        self.tile_px = tile_px
        self.colour_blind = colour_blind
        #: (N_THEMES * N_ART, px, px, 3) uint8: art `a` of theme `t` at row t * N_ART + a.
        self.base = paint_all(tile_px, colour_blind, np.random.default_rng(seed))
        self._by_format: dict[tuple | None, list[pygame.Surface]] = {}

    def surfaces(self, target: pygame.Surface | None = None) -> list[pygame.Surface]:
        """One surface per sprite id, in `target`'s pixel format when given."""
        key = (target.get_bitsize(), target.get_masks()) if target is not None else None
        cached = self._by_format.get(key)
        if cached is None:
            cached = self._by_format[key] = _levels(self.base, target)
        return cached

    def colour(self, sprite: int) -> RGB:
        """The mean colour of a sprite id."""
        return tuple(pygame.transform.average_color(self.surfaces()[sprite])[:3])  # type: ignore[return-value]


def _levels(base: np.ndarray, target: pygame.Surface | None) -> list[pygame.Surface]:
    """Sheets of every light level made from the lit sheet, cut into sprites."""
    n, px = base.shape[0], base.shape[1]
    # (n, px, px, 3) is already a px-wide, n*px-tall image: no reordering needed.
    lit = pygame.image.frombuffer(base.data, (px, n * px), "RGB")
    lit = lit.convert(target) if target is not None else lit.convert(32)
    sheets = []
    for level, bright in enumerate(_LIT):
        sheet = lit.copy()
        if bright < 1:
            k = round(255 * bright)
            sheet.fill((k, k, k), special_flags=pygame.BLEND_MULT)
        if level < len(_WARM):
            sheet.fill(_WARM[level], special_flags=pygame.BLEND_ADD)
        sheets.append(sheet)
    # Memory: mostly grey, dim, a little blue.
    memory = pygame.transform.grayscale(lit)
    k = round(255 * _MEMORY_GREY)
    memory.fill((k, k, k), special_flags=pygame.BLEND_MULT)
    keep = lit.copy()
    k = round(255 * _MEMORY_KEEP)
    keep.fill((k, k, k), special_flags=pygame.BLEND_MULT)
    memory.blit(keep, (0, 0), special_flags=pygame.BLEND_ADD)
    memory.fill(_MEMORY_TINT, special_flags=pygame.BLEND_ADD)
    sheets.append(memory)
    unseen = lit.subsurface((0, 0, px, px)).copy()
    unseen.fill(UNSEEN)
    out = [unseen]
    for sheet in sheets:
        out.extend(sheet.subsurface((0, i * px, px, px)) for i in range(n))
    return out
