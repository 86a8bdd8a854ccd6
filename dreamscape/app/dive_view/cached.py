"""The map's big fills and copies, done with ordinary stores so the frame stays in the cache.

SDL fills and copies 16-byte aligned rows with streaming stores, which write
round the cache: fast on their own, but everything drawn over the map after
them (the sprites, the HUD's translucent panels, the screen glitch's palette
shift and channel split, the flash guard's samples) then reads every pixel
back from memory. Measured here at 1280x720: the copies cost the same
either way, and a palette shift over the finished map took 0.10 ms after
SDL's copies against 0.04 ms after these. So on 32-bit surfaces the map's
fills and copies are numpy slice assignments; other formats go to SDL.

    fill(screen, UNSEEN, (x, y, w, h))
    blit_all(screen, [(chunk_surface, (x, y)), ...])
"""

from __future__ import annotations

from collections.abc import Iterable

import pygame


def _pixels(surface: pygame.Surface):
    """The surface's 32-bit pixels as a (w, h) array, or None when the format has no such view."""
    if surface.get_bytesize() != 4:
        return None
    return pygame.surfarray.pixels2d(surface)


def fill(surface: pygame.Surface, colour, rect) -> None:
    """Fill `rect` (clipped to `surface`'s clip) with `colour`."""
    r = pygame.Rect(rect).clip(surface.get_clip())
    if r.width <= 0 or r.height <= 0:
        return
    pixels = _pixels(surface)
    if pixels is None:
        surface.fill(colour, r)
        return
    pixels[r.left : r.right, r.top : r.bottom] = surface.map_rgb(colour)
    del pixels  # unlocks the surface


def blit_all(surface: pygame.Surface, items: Iterable[tuple[pygame.Surface, tuple[int, int]]]) -> None:
    """Copy each opaque (source, top-left) onto `surface` (clipped to its clip); sources are in its format."""
    clip = surface.get_clip()
    pieces = []
    for source, (x, y) in items:
        w, h = source.get_size()
        left, top = max(x, clip.left), max(y, clip.top)
        right, bottom = min(x + w, clip.right), min(y + h, clip.bottom)
        if right > left and bottom > top:
            pieces.append((source, x, y, left, top, right, bottom))
    if not pieces:
        return
    pixels = _pixels(surface)
    if pixels is None or any(source.get_bytesize() != 4 or source.get_masks() != surface.get_masks() for source, *_ in pieces):
        del pixels
        surface.blits([(s, (x, y)) for s, x, y, *_ in pieces], doreturn=False)
        return
    for source, x, y, left, top, right, bottom in pieces:
        src = pygame.surfarray.pixels2d(source)
        pixels[left:right, top:bottom] = src[left - x : right - x, top - y : bottom - y]
        del src
    del pixels
