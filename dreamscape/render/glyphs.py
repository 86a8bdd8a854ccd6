"""Small marks the default font lacks, drawn as shapes: arrows, a tick, a padlock, chevrons."""

from __future__ import annotations

import math
from collections.abc import Sequence

import pygame

#: The directions `arrow` draws, as degrees clockwise from up.
ARROWS = {"up": 0, "right": 90, "down": 180, "left": 270}


def arrow(surface: pygame.Surface, centre: tuple[float, float], size: float, direction: str, colour: Sequence[int]) -> None:
    """A small filled triangle pointing up/right/down/left."""
    angle = math.radians(ARROWS[direction])
    pts = []
    for px_, py_ in ((0, -0.55), (0.5, 0.35), (-0.5, 0.35)):
        x = px_ * math.cos(angle) - py_ * math.sin(angle)
        y = px_ * math.sin(angle) + py_ * math.cos(angle)
        pts.append((centre[0] + x * size, centre[1] + y * size))
    pygame.draw.polygon(surface, colour, pts)


def check_mark(surface: pygame.Surface, centre: tuple[float, float], size: float, colour: Sequence[int]) -> None:
    """A tick."""
    x, y = centre
    width = max(2, round(size / 6))
    pts = [(x - size * 0.45, y), (x - size * 0.12, y + size * 0.32), (x + size * 0.5, y - size * 0.4)]
    pygame.draw.lines(surface, colour, False, pts, width)


def padlock(surface: pygame.Surface, centre: tuple[float, float], size: float, colour: Sequence[int]) -> None:
    """A small closed padlock, the mark of a locked chapter."""
    x, y = centre
    body = pygame.Rect(0, 0, round(size * 0.8), round(size * 0.55))
    body.midtop = (round(x), round(y - size * 0.05))
    pygame.draw.rect(surface, colour, body, border_radius=max(1, round(size / 10)))
    shackle = pygame.Rect(0, 0, round(size * 0.46), round(size * 0.62))
    shackle.midbottom = (round(x), body.top + round(size * 0.2))
    pygame.draw.ellipse(surface, colour, shackle, width=max(1, round(size / 9)))


def chevron(surface: pygame.Surface, centre: tuple[float, float], size: float, pointing: str, colour: Sequence[int]) -> None:
    """A thin ‹ or › (pointing 'left' or 'right') for adjustable values."""
    x, y = centre
    d = size * 0.3 * (1 if pointing == "right" else -1)
    pts = [(x - d, y - size * 0.45), (x + d, y), (x - d, y + size * 0.45)]
    pygame.draw.lines(surface, colour, False, pts, max(1, round(size / 8)))
