"""Panels and rules: translucent rounded boxes, fading rules, the dimming veil and screen headings.

Each takes the scale it is drawn at (see `app.ui.scale`); the surfaces are
cached, since menus draw the same few boxes every frame.
"""

from __future__ import annotations

from collections.abc import Sequence

import pygame

from dreamscape.render import palette as P
from dreamscape.render import text
from dreamscape.render.panel_image import panel_image
from dreamscape.render.text import Anchor
from dreamscape.render.theme import EYEBROW, HEADING, MARGIN, TINY, px

def panel(
    surface: pygame.Surface,
    scale: float,
    rect: pygame.Rect,
    alpha: int = 205,
    colour: Sequence[int] = P.PANEL,
    rule: Sequence[int] | None = P.PANEL_RULE,
) -> None:
    """A translucent rounded panel with a thin rule round it."""
    if rect.width <= 0 or rect.height <= 0:
        return  # squeezed out by huge text in a tiny window
    radius = min(px(scale, 14), rect.height // 2, rect.width // 2)
    surface.blit(panel_image(rect.size, radius, colour, alpha, rule, highlight=True), rect)


def framed(surface: pygame.Surface, scale: float, rect: pygame.Rect, pad: int | None = None, alpha: int = 165) -> pygame.Rect:
    """A panel filling `rect`; returns the room inside its padding."""
    pad = px(scale, 14) if pad is None else pad
    panel(surface, scale, rect, alpha=alpha)
    return rect.inflate(-2 * pad, -2 * pad)


_rules: dict[tuple, pygame.Surface] = {}


def rule(surface: pygame.Surface, centre_x: float, y: float, width: int, colour: Sequence[int] = P.PANEL_RULE, thickness: int = 1) -> None:
    """A thin horizontal line that fades out towards both ends."""
    width = max(2, int(width))
    key = (width, tuple(colour), thickness)
    image = _rules.get(key)
    if image is None:
        if len(_rules) > 64:
            _rules.clear()
        image = pygame.Surface((width, thickness), pygame.SRCALPHA)
        for x in range(width):
            edge = min(x, width - 1 - x) / (width * 0.3)
            image.fill((*colour[:3], int(255 * min(1.0, edge))), (x, 0, 1, thickness))
        _rules[key] = image
    surface.blit(image, (round(centre_x - width / 2), round(y)))


_veils: dict[tuple, pygame.Surface] = {}


def dim(surface: pygame.Surface, alpha: int = 160, colour: Sequence[int] = P.INK) -> None:
    """Darken the whole surface evenly (under an overlay)."""
    key = (surface.get_size(), alpha, tuple(colour))
    veil = _veils.get(key)
    if veil is None:
        _veils.clear()
        veil = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        veil.fill((*colour[:3], alpha))
        _veils[key] = veil
    surface.blit(veil, (0, 0))


def eyebrow(surface: pygame.Surface, scale: float, content: str, pos: tuple[float, float], anchor: Anchor = "midtop", alpha: float = 255) -> pygame.Rect:
    """The small spaced capitals above a heading ('CHAPTER 1')."""
    spaced = " ".join(content.upper())
    return text.draw(surface, scale, spaced, pos, TINY, EYEBROW, anchor=anchor, alpha=alpha)


def heading(surface: pygame.Surface, scale: float, title: str, top: int, over: str = "", width: int | None = None) -> int:
    """A centred screen heading with an optional eyebrow; returns the y below it."""
    centre = surface.get_width() / 2
    # Positions come from the font's metrics, not the rendered words, so
    # heading_height always agrees with what is drawn.
    y = top
    if over:
        eyebrow(surface, scale, over, (centre, y))
        y += text.height_of(scale, TINY) + px(scale, 6)
    fitted = text.fit(scale, title, width or surface.get_width() - 2 * px(scale, MARGIN), HEADING)
    rect = text.draw(surface, scale, fitted, (centre, y), HEADING, P.TEXT, anchor="midtop")
    y += text.height_of(scale, HEADING) + px(scale, 10)
    rule(surface, centre, y, max(rect.width + px(scale, 80), px(scale, 240)))
    return y + px(scale, 14)


def heading_height(scale: float, over: bool = False) -> int:
    """The height `heading` uses (the y it returns, less the top)."""
    height = text.height_of(scale, HEADING) + px(scale, 24)
    if over:
        height += text.height_of(scale, TINY) + px(scale, 6)
    return height
