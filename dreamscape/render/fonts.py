"""The one font the renderer uses: pygame's bundled default, so nothing is installed."""

from __future__ import annotations

import pygame

_cache: dict[int, pygame.font.Font] = {}


def font(size: int) -> pygame.font.Font:
    """The default font at `size`, initialising the font module if needed.

    Fonts die with `pygame.quit()`; the cache is dropped whenever the module
    has to be initialised again, so a closed preview never leaves stale fonts.
    """
    if not pygame.font.get_init():
        pygame.font.init()
        _cache.clear()
    if size not in _cache:
        _cache[size] = pygame.font.Font(None, size)
    return _cache[size]
