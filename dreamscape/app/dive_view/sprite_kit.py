"""The building blocks of entity sprites: a cache in the screen's format, symbols, glows, outlines, fades.

    class EntitySprites(SpriteKit):         # see entity_sprites.py
        def shard(self, surface, at, now):
            self._blit_centred(surface, self._symbol("diamond", colour), at)
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pygame

from dreamscape.app.tileart.colours import OUTLINE
from dreamscape.render import palette as P
from dreamscape.render.symbols import draw_symbol


class SpriteKit:
    """Sprites and glows built on first use and kept, in the pixel format of the surface drawn on."""

    GLOW_STEPS = 8

    def __init__(self, tile_px: int) -> None:
        self.px = tile_px
        self.r = tile_px * 0.4  # symbol radius
        self.outline = max(1, round(tile_px / 16))  # pixels of dark outline round every entity
        self._cache: dict[tuple, pygame.Surface] = {}
        self._target: pygame.Surface | None = None

    def use_format(self, target: pygame.Surface) -> None:
        """Make sprites in `target`'s pixel format from now on: blits that convert are slow."""
        self._target = target.copy() if target.get_size() < (2, 2) else target.subsurface((0, 0, 1, 1)).copy()
        self._cache.clear()

    # -- building blocks -----------------------------------------------------

    def _get(self, key: tuple, build: Callable[[], pygame.Surface]) -> pygame.Surface:
        surf = self._cache.get(key)
        if surf is None:
            surf = build()
            # Opaque sprites (the additive glows) take the target's format; alpha
            # sprites are made 32-bit ARGB already, which SDL blends fast.
            if self._target is not None and not surf.get_flags() & pygame.SRCALPHA:
                surf = surf.convert(self._target)
            self._cache[key] = surf
        return surf

    def _symbol(self, shape: str, fill: P.RGB, scale: float = 1.0) -> pygame.Surface:
        def build() -> pygame.Surface:
            r = self.r * scale
            size = int(r * 3) + 6
            surf = pygame.Surface((size, size), pygame.SRCALPHA)
            draw_symbol(surf, shape, fill, (size / 2, size / 2), r)
            return self._outlined(surf)

        return self._get(("symbol", shape, fill, round(scale, 2)), build)

    def _glow(self, colour: P.RGB, radius: float, strength: float) -> pygame.Surface:
        """A soft additive disc: blit with BLEND_RGB_ADD so it brightens what is under it."""
        step = max(0, min(self.GLOW_STEPS, round(strength * self.GLOW_STEPS)))

        def build() -> pygame.Surface:
            size = int(radius * 2) + 2
            c = (np.arange(size) + 0.5 - size / 2) / radius
            d = np.sqrt(c[:, None] ** 2 + c[None, :] ** 2)
            fall = np.clip(1 - d, 0, 1) ** 2 * (step / self.GLOW_STEPS)
            rgb = (fall[..., None] * np.asarray(colour, np.float32)).astype(np.uint8)
            return pygame.image.frombytes(np.ascontiguousarray(rgb).tobytes(), (size, size), "RGB")

        return self._get(("glow", colour, round(radius), step), build)

    def _outlined(self, sprite: pygame.Surface) -> pygame.Surface:
        """`sprite` inside a dark outline a few pixels wide, all the way round its silhouette.

        The outline is what makes an entity 3:1 (WCAG non-text contrast) from
        lit ground, whatever the ground's colour; a bright fill carries it
        on dark ground.
        """
        w = self.outline
        ink = pygame.mask.from_surface(sprite).to_surface(setcolor=(*OUTLINE, 255), unsetcolor=(0, 0, 0, 0))
        out = pygame.Surface((sprite.get_width() + 2 * w, sprite.get_height() + 2 * w), pygame.SRCALPHA)
        out.fblits([(ink, (w + dx, w + dy)) for dx in range(-w, w + 1) for dy in range(-w, w + 1) if dx * dx + dy * dy <= w * w + w])
        out.blit(sprite, (w, w))
        return out

    @staticmethod
    def _blit_centred(surface: pygame.Surface, sprite: pygame.Surface, centre: tuple[int, int], flags: int = 0) -> None:
        w, h = sprite.get_size()
        surface.blit(sprite, (centre[0] - w // 2, centre[1] - h // 2), special_flags=flags)

    def _faded(self, sprite: pygame.Surface, alpha: int) -> pygame.Surface:
        def build() -> pygame.Surface:
            faded = sprite.copy()
            faded.fill((255, 255, 255, alpha), special_flags=pygame.BLEND_RGBA_MULT)
            return faded

        return self._get(("faded", id(sprite), alpha), build)
