"""Text on screen: cached rendering, shadowed lines, measuring, wrapping and fitting.

Sizes are nominal (see `render.theme`) and every function that measures or
draws at a nominal size takes the scale to draw at, so the game's menus and
the studio share one cache:

    text.draw(surface, scale, "Paused", (x, y), theme.HEADING, anchor="midtop")
    text.paragraph(surface, scale, words, (x, y), width, theme.SMALL)
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence

import pygame

from dreamscape.render import palette as P
from dreamscape.render.fonts import font
from dreamscape.render.theme import BODY, SHADOW, text_px

Anchor = str  # a pygame.Rect attribute name: "topleft", "center", "midtop", ...

_rendered: dict[tuple[str, int, tuple[int, ...]], pygame.Surface] = {}
#: Rendered strings kept for reuse; menus redraw the same few words every frame.
_RENDER_CACHE_LIMIT = 800


def render(content: str, size_px: int, colour: Sequence[int]) -> pygame.Surface:
    """`content` rendered (antialiased, transparent background), cached."""
    key = (content, size_px, tuple(colour[:3]))
    image = _rendered.get(key)
    if image is None:
        if len(_rendered) >= _RENDER_CACHE_LIMIT:
            _rendered.clear()
        image = font(size_px).render(content, True, key[2])
        _rendered[key] = image
    return image


def blit_faded(surface: pygame.Surface, image: pygame.Surface, pos, alpha: float) -> None:
    """Blit `image` at `alpha` (0..255) without changing it for later blits."""
    if alpha >= 255:
        surface.blit(image, pos)
        return
    if alpha <= 0:
        return
    # Cached images are shared, so their alpha is put back after the blit.
    image.set_alpha(int(alpha))
    surface.blit(image, pos)
    image.set_alpha(255)


def font_at(scale: float, size: float) -> pygame.font.Font:
    """The default font at nominal `size` drawn at `scale`."""
    return font(text_px(scale, size))


def draw(
    surface: pygame.Surface,
    scale: float,
    content: str,
    pos: tuple[float, float],
    size: float = BODY,
    colour: Sequence[int] = P.TEXT,
    anchor: Anchor = "topleft",
    shadow: bool = True,
    alpha: float = 255,
) -> pygame.Rect:
    """Draw one line of text with a soft drop shadow; returns where it went."""
    size_px = text_px(scale, size)
    image = render(content, size_px, colour)
    rect = image.get_rect(**{anchor: (round(pos[0]), round(pos[1]))})
    if shadow:
        offset = max(1, size_px // 16)
        blit_faded(surface, render(content, size_px, SHADOW), rect.move(offset, offset), alpha * 0.6)
    blit_faded(surface, image, rect, alpha)
    return rect


def width_of(scale: float, content: str, size: float = BODY) -> int:
    """How wide `content` is at nominal `size`."""
    return font_at(scale, size).size(content)[0]


def height_of(scale: float, size: float = BODY) -> int:
    """The height of one rendered line at `size` (what `draw` returns as its rect's height)."""
    return font_at(scale, size).get_linesize()


def line_height(scale: float, size: float = BODY, spacing: float = 1.3) -> int:
    """The distance between baselines of wrapped lines at `size`."""
    return round(font_at(scale, size).get_linesize() * spacing)


def wrap(content: str, fnt: pygame.font.Font, width: int) -> list[str]:
    """`content` broken into lines no wider than `width` (newlines start paragraphs).

    A word wider than the whole line stands on a line of its own rather than
    being cut, so a long file path stays one readable piece.
    """
    lines: list[str] = []
    for paragraph_ in content.split("\n"):
        words = paragraph_.split()
        if not words:
            lines.append("")
            continue
        line = words[0]
        for word in words[1:]:
            candidate = f"{line} {word}"
            if fnt.size(candidate)[0] <= width:
                line = candidate
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return lines


@functools.lru_cache(maxsize=256)
def _wrapped(content: str, size_px: int, width: int) -> tuple[str, ...]:
    # Screens lay out the same paragraphs every frame; measuring words is the slow part.
    return tuple(wrap(content, font(size_px), width))


def wrapped(scale: float, content: str, size: float, width: int) -> tuple[str, ...]:
    """`wrap` at nominal `size`, remembered between frames."""
    return _wrapped(content, text_px(scale, size), int(width))


def paragraph(
    surface: pygame.Surface,
    scale: float,
    content: str,
    pos: tuple[float, float],
    width: int,
    size: float = BODY,
    colour: Sequence[int] = P.TEXT,
    align: str = "left",
    spacing: float = 1.3,
    line_alpha: Callable[[int], float] | None = None,
) -> pygame.Rect:
    """Draw wrapped text from `pos` (its top-left, or top-centre when centred).

    `line_alpha(i)` may fade each line separately (the intro reveals its text
    line by line). Returns the rectangle the paragraph fills.
    """
    lines = wrapped(scale, content, size, width)
    step = line_height(scale, size, spacing)
    x, y = pos
    anchor = {"left": "topleft", "center": "midtop", "right": "topright"}[align]
    for i, line in enumerate(lines):
        alpha = 255 if line_alpha is None else line_alpha(i)
        if line:
            draw(surface, scale, line, (x, y + i * step), size, colour, anchor=anchor, alpha=alpha)
    left = {"left": x, "center": x - width / 2, "right": x - width}[align]
    return pygame.Rect(round(left), round(y), width, step * len(lines))


def paragraph_height(scale: float, content: str, width: int, size: float = BODY, spacing: float = 1.3) -> int:
    """The height `paragraph` would fill."""
    return line_height(scale, size, spacing) * len(wrapped(scale, content, size, width))


def fit(scale: float, content: str, width: int, size: float = BODY) -> str:
    """`content`, shortened with an ellipsis if it is wider than `width`."""
    fnt = font_at(scale, size)
    if fnt.size(content)[0] <= width:
        return content
    while content and fnt.size(content + "…")[0] > width:
        content = content[:-1]
    return content.rstrip() + "…"


def clock(seconds: float) -> str:
    """Seconds as m:ss ('2:05'); hours are folded into minutes."""
    whole = max(0, int(seconds))
    return f"{whole // 60}:{whole % 60:02d}"
