"""The rounded, translucent box both front ends draw their panels with, cached per look and size."""

from __future__ import annotations

from collections.abc import Sequence

import pygame

from dreamscape.render import palette as P

_images: dict[tuple, pygame.Surface] = {}
#: Menus and the studio draw a few dozen boxes; past this many looks the cache starts again.
_MOST = 96


def panel_image(
    size: tuple[int, int],
    radius: int,
    colour: Sequence[int],
    alpha: int,
    rule: Sequence[int] | None = None,
    highlight: bool = False,
) -> pygame.Surface:
    """A box of `size` filled with `colour` at `alpha`, a thin `rule` round it and, with
    `highlight`, a faint line of light along its top edge (like light on glass)."""
    key = (size, radius, tuple(colour[:3]), alpha, tuple(rule[:3]) if rule else None, highlight)
    image = _images.get(key)
    if image is None:
        if len(_images) > _MOST:
            _images.clear()
        image = pygame.Surface(size, pygame.SRCALPHA)
        local = image.get_rect()
        pygame.draw.rect(image, (*colour[:3], alpha), local, border_radius=radius)
        if rule:
            pygame.draw.rect(image, (*rule[:3], 220), local, width=1, border_radius=radius)
            if highlight:
                top = P.mix((rule[0], rule[1], rule[2]), P.WHITE, 0.35)
                pygame.draw.line(image, (*top, 120), (local.left + radius, local.top), (local.right - radius, local.top))
        _images[key] = image
    return image
