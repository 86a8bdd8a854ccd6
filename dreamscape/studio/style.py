"""The studio's look: the shared UI theme drawn at a fixed scale, the studio's type sizes and its widgets.

Colours come from `render.palette` (the neutrals) and `render.theme` (the
UI's roles), the same ones the game's menus use; only the slider colours per
group are the studio's own.
"""

from __future__ import annotations

from collections.abc import Sequence

import pygame

from dreamscape.render import palette as P
from dreamscape.render import text as T
from dreamscape.render.panel_image import panel_image
from dreamscape.render.theme import ACCENT, EYEBROW, VALUE

#: The studio is laid out in window pixels: its sizes are drawn as they are.
SCALE = 1.0

#: Slider fills per group: fears in the manifestations' vermillion, desires in
#: the lures' yellow, so a row's colour says what it puts in the map.
GROUP_COLOUR = {
    "fears": P.mix(P.VERMILLION, P.WHITE, 0.12),
    "desires": P.mix(P.YELLOW, P.ORANGE, 0.35),
    "mind": P.REDDISH_PURPLE,
    "map": P.SKY_BLUE,
}

TITLE_PX = 26
BODY_PX = 19
SMALL_PX = 16
HEADER_PX = 15


def text(surface: pygame.Surface, content: str, pos: tuple[float, float], size: int = BODY_PX, colour: Sequence[int] = P.TEXT, anchor: str = "topleft") -> pygame.Rect:
    """Draw one cached line of text, without the menus' shadow; returns where it went."""
    return T.draw(surface, SCALE, content, pos, size, colour, anchor=anchor, shadow=False)


def text_width(content: str, size: int = BODY_PX) -> int:
    """How wide `content` is drawn, in pixels."""
    return T.width_of(SCALE, content, size)


def fit(content: str, width: int, size: int = BODY_PX) -> str:
    """`content` shortened with an ellipsis to fit `width` pixels."""
    return T.fit(SCALE, content, width, size)


def header(surface: pygame.Surface, content: str, pos: tuple[float, float]) -> pygame.Rect:
    """A small spaced-capitals section title ('F E A R S')."""
    return text(surface, " ".join(content.upper()), pos, HEADER_PX, EYEBROW)


def panel(surface: pygame.Surface, rect: pygame.Rect, alpha: int = 235) -> None:
    """A rounded panel with a thin rule: the menus' panel, flatter and with a fixed radius."""
    if rect.width <= 4 or rect.height <= 4:
        return
    surface.blit(panel_image(rect.size, 10, P.PANEL, alpha, P.PANEL_RULE), rect)


def chip(surface: pygame.Surface, rect: pygame.Rect, label: str, key: str, on: bool, colour: P.RGB = ACCENT) -> None:
    """A toggle chip: a pill with its key letter, filled when on."""
    fill = P.mix(P.PANEL, colour, 0.42) if on else P.mix(P.PANEL, P.BACKGROUND, 0.4)
    pygame.draw.rect(surface, fill, rect, border_radius=rect.height // 2)
    pygame.draw.rect(surface, colour if on else P.PANEL_RULE, rect, width=1, border_radius=rect.height // 2)
    key_rect = text(surface, key, (rect.left + 11, rect.centery), SMALL_PX, VALUE if on else P.TEXT_DIM, anchor="midleft")
    text(surface, label, (key_rect.right + 7, rect.centery), SMALL_PX, P.TEXT if on else P.TEXT_DIM, anchor="midleft")


def button(surface: pygame.Surface, rect: pygame.Rect, label: str, hint: str, hover: bool = False) -> None:
    """A flat button with its shortcut at the right."""
    fill = P.mix(P.PANEL, ACCENT, 0.30 if hover else 0.16)
    pygame.draw.rect(surface, fill, rect, border_radius=7)
    pygame.draw.rect(surface, P.mix(P.PANEL_RULE, ACCENT, 0.5), rect, width=1, border_radius=7)
    text(surface, label, (rect.left + 12, rect.centery), BODY_PX, P.TEXT, anchor="midleft")
    text(surface, hint, (rect.right - 10, rect.centery), SMALL_PX, P.TEXT_DIM, anchor="midright")
