"""Big fills and copies cut into pieces whose rows SDL copies at full speed.

SDL fills and copies a rectangle row by row, and a row whose length is not a
whole number of 64-byte blocks (16 pixels of 32 bits) can take a slow path:
measured here, a 512x512 fill or copy 508 pixels wide took five times as
long as one 512 wide. The map's chunks are cut by the screen's edges at any
pixel, so their fills and copies are split into a middle that starts and
ends on 16-pixel columns and the two thin strips beside it.

    fill(screen, UNSEEN, (x, y, w, h))
    blit_all(screen, [(chunk_surface, (x, y)), ...])
"""

from __future__ import annotations

from collections.abc import Iterable

import pygame

#: Pixels per aligned column: 64 bytes of 32-bit pixels.
COLUMN = 16


def columns(left: int, right: int) -> list[tuple[int, int]]:
    """The spans [a, b) that cover [left, right): a middle on whole columns, and the strips either side of it."""
    if right <= left:
        return []
    a, b = -(-left // COLUMN) * COLUMN, right // COLUMN * COLUMN
    if b - a < COLUMN:
        return [(left, right)]
    spans = [(a, b)]
    if a > left:
        spans.insert(0, (left, a))
    if right > b:
        spans.append((b, right))
    return spans


def fill(surface: pygame.Surface, colour, rect) -> None:
    """Fill `rect` (clipped to `surface`) with `colour`, in aligned pieces."""
    r = pygame.Rect(rect).clip(surface.get_clip())
    for a, b in columns(r.left, r.right):
        surface.fill(colour, (a, r.top, b - a, r.height))


def blit_all(surface: pygame.Surface, items: Iterable[tuple[pygame.Surface, tuple[int, int]]]) -> None:
    """Copy each (source, top-left) onto `surface` (clipped to it), in aligned pieces."""
    clip = surface.get_clip()
    pieces = []
    for source, (x, y) in items:
        w, h = source.get_size()
        top, bottom = max(y, clip.top), min(y + h, clip.bottom)
        if bottom <= top:
            continue
        for a, b in columns(max(x, clip.left), min(x + w, clip.right)):
            pieces.append((source, (a, top), (a - x, top - y, b - a, bottom - top)))
    surface.blits(pieces, doreturn=False)
