"""Key caps and the hint bar: what the player's own keys do, centred along the bottom of a menu.

    hint_bar(surface, app, [((Action.UP, Action.DOWN), "choose"), ((Action.CONFIRM,), "select")])

Keys named by an Action show the player's current first binding, so remapped
keys appear as they are; plain strings are shown as they are written.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pygame

from dreamscape.app.input.actions import Action
from dreamscape.app.input.key_names import key_label
from dreamscape.app.ui.panels import panel
from dreamscape.app.ui.scale import menu_scale
from dreamscape.render import palette as P
from dreamscape.render import text
from dreamscape.render.glyphs import ARROWS, arrow
from dreamscape.render.theme import TINY, px, text_px

if TYPE_CHECKING:
    from dreamscape.app.host import Host

Hint = tuple[Sequence["Action | str"], str]
#: The usual menu hints: the keys come from the player's bindings when drawn.
MENU_HINTS: list[Hint] = [((Action.UP, Action.DOWN), "choose"), ((Action.CONFIRM,), "select"), ((Action.BACK,), "back")]


def key_name_for(app: "Host", action: Action) -> str:
    """The first key bound to `action`, as a pygame key name ('' if none)."""
    keys = app.controls.keys_for(action)
    return keys[0] if keys else ""


def bindings_text(app: "Host", action: Action) -> str:
    """Every key bound to `action` as the player reads it ('Space / E')."""
    return app.controls.bindings_text(action)


def cap_width(app: "Host", name: str) -> int:
    """How wide `key_cap` draws the cap for key `name`."""
    scale = menu_scale(app)
    size = text_px(scale, TINY)
    if name in ARROWS:
        return round(size * 1.45)
    return max(round(size * 1.45), text.width_of(scale, key_label(name) if name else "—", TINY) + px(scale, 14))


def key_cap(surface: pygame.Surface, app: "Host", name: str, midleft: tuple[int, int], alpha: float = 255) -> int:
    """A small key cap holding a key's name (arrows as arrows); returns its right edge."""
    scale = menu_scale(app)
    size = text_px(scale, TINY)
    width = cap_width(app, name)
    rect = pygame.Rect(0, 0, width, round(size * 1.35))
    rect.midleft = midleft
    panel(surface, scale, rect, alpha=round(200 * alpha / 255), colour=P.mix(P.PANEL, P.PANEL_RULE, 0.35), rule=P.mix(P.PANEL_RULE, P.TEXT_DIM, 0.35))
    if name in ARROWS:
        arrow(surface, rect.center, size * 0.55, name, P.TEXT)
    else:
        text.draw(surface, scale, key_label(name) if name else "—", rect.center, TINY, P.TEXT, anchor="center", shadow=False, alpha=alpha)
    return rect.right


def _hint_keys(app: "Host", keys: Sequence["Action | str"]) -> list[str]:
    return [key_name_for(app, k) if isinstance(k, Action) else k for k in keys]


def _hint_width(app: "Host", hint: Hint) -> int:
    scale = menu_scale(app)
    keys, words = hint
    gap = px(scale, 4)
    caps = sum(cap_width(app, name) + gap for name in _hint_keys(app, keys))
    return caps + px(scale, 6) + text.width_of(scale, words, TINY)


def _hint_rows(app: "Host", hints: Sequence[Hint], width: int) -> tuple[list[list[int]], list[int], int]:
    """Which hints go on which row of the bar, their widths and the spacing between them."""
    scale = menu_scale(app)
    spacing = px(scale, 28)
    sizes = [_hint_width(app, h) for h in hints]
    rows: list[list[int]] = [[]]
    used = 0
    room = width - 2 * px(scale, 16)
    for i, w in enumerate(sizes):
        if rows[-1] and used + spacing + w > room:
            rows.append([])
            used = 0
        used += (spacing if rows[-1] else 0) + w
        rows[-1].append(i)
    return rows, sizes, spacing


def _hint_row_height(app: "Host") -> int:
    scale = menu_scale(app)
    return round(text_px(scale, TINY) * 1.35) + px(scale, 6)


def hint_height(app: "Host", hints: Sequence[Hint] = MENU_HINTS, width: int | None = None) -> int:
    """How tall the hint bar is (rows wrap on narrow windows), with its margin."""
    scale = menu_scale(app)
    width = app.screen.get_width() if width is None else width
    rows, _, _ = _hint_rows(app, hints, width)
    return _hint_row_height(app) * len(rows) + px(scale, 24)


def hint_bar(surface: pygame.Surface, app: "Host", hints: Sequence[Hint], bottom: int | None = None, alpha: float = 255) -> pygame.Rect:
    """Key caps and what they do, centred along the bottom ('[↑][↓] choose  [Enter] select').

    Keys named by an Action show the player's current first binding, so
    remapped keys appear as they are. Wraps to two rows on narrow windows.
    """
    scale = menu_scale(app)
    width, height = surface.get_size()
    bottom = height - px(scale, 14) if bottom is None else bottom
    rows, sizes, spacing = _hint_rows(app, hints, width)
    row_h = _hint_row_height(app)
    y = bottom - row_h * len(rows) + row_h // 2
    top = y - row_h // 2
    for row in rows:
        total = sum(sizes[i] for i in row) + spacing * (len(row) - 1)
        x = (width - total) // 2
        for i in row:
            keys, words = hints[i]
            for name in _hint_keys(app, keys):
                x = key_cap(surface, app, name, (x, y), alpha) + px(scale, 4)
            x += px(scale, 6)
            rect = text.draw(surface, scale, words, (x, y), TINY, P.TEXT_DIM, anchor="midleft", alpha=alpha)
            x = rect.right + spacing
        y += row_h
    return pygame.Rect(0, top, width, bottom - top)
