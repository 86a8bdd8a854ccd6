"""The one font the renderer uses: pygame's bundled default, so nothing is installed."""

from __future__ import annotations

import pygame

_cache: dict[int, pygame.font.Font] = {}


def font(size: int) -> pygame.font.Font:
    """The default font at `size`, initialising the font module if needed.

    Fonts die with `pygame.quit()`, even if pygame is initialised again later
    (a closed window, then another render). pygame forgets its quit callbacks
    once it has called them, so the cache registers one each time it fills up.
    """
    if not pygame.font.get_init():
        pygame.font.init()
        _cache.clear()
    if not _cache:
        pygame.register_quit(_cache.clear)
    if size not in _cache:
        _cache[size] = pygame.font.Font(None, size)
    return _cache[size]
