"""How one row of a game menu is painted: its label, value, chevrons, slider, switch and mark."""

from __future__ import annotations

import pygame

from dreamscape.app.ui.menu_item import MenuItem
from dreamscape.app.ui.panels import eyebrow, panel
from dreamscape.render import palette as P
from dreamscape.render import text
from dreamscape.render.glyphs import check_mark, chevron, padlock
from dreamscape.render.theme import ACCENT, BODY, DISABLED, GOOD, HIGHLIGHT, SMALL, TINY, VALUE, px, text_px


def draw_row(
    surface: pygame.Surface, scale: float, item: MenuItem, row: pygame.Rect, selected: bool, centred: bool, spacing: float, extra_w: int, slider_value_w: int
) -> pygame.Rect | None:
    """Paint one row into `row`; returns its slider bar's rect (for clicks), if it drew one.

    `extra_w` is the width of the right-hand column and `slider_value_w` the
    widest slider value, both shared by every row so the columns line up.
    """
    pad = px(scale, 18)
    if not item.selectable:
        if centred:
            text.draw(surface, scale, item.label, row.center, SMALL, P.TEXT_DIM, anchor="center")
        else:
            # A section title inside a list, with captions over the value columns if it has them.
            base = row.bottom - px(scale, 6)
            eyebrow(surface, scale, item.label, (row.left + pad * 1.3, base), anchor="bottomleft")
            right = row.right - pad
            if item.extra:
                eyebrow(surface, scale, item.extra, (right, base), anchor="bottomright")
                right -= extra_w + pad * 2
            if item.value_text():
                eyebrow(surface, scale, item.value_text(), (right, base), anchor="bottomright")
        return None
    body_h = round(text_px(scale, BODY) * spacing)
    line = pygame.Rect(row.left, row.top, row.width, body_h)
    if selected:
        wash = HIGHLIGHT if item.enabled else P.mix(P.PANEL, P.TEXT_DIM, 0.18)
        panel(surface, scale, row.inflate(0, -px(scale, 4)), alpha=170, colour=wash, rule=None)
        bar = pygame.Rect(row.left, row.top + px(scale, 8), px(scale, 4), row.height - px(scale, 16))
        pygame.draw.rect(surface, ACCENT if item.enabled else P.TEXT_DIM, bar, border_radius=bar.width)
    colour = (P.WHITE if selected else P.TEXT) if item.enabled else DISABLED
    if centred:
        text.draw(surface, scale, item.label, line.center, BODY, colour, anchor="center")
        if item.detail:
            text.draw(surface, scale, item.detail, (line.centerx, line.bottom - px(scale, 4)), TINY, P.TEXT_DIM if item.enabled else DISABLED, anchor="midtop")
        return None
    crisp = item.enabled  # dim text loses its edge under a shadow
    label_rect = text.draw(surface, scale, item.label, (line.left + pad * 1.3, line.centery), BODY, colour, anchor="midleft", shadow=crisp)
    if item.detail:
        text.draw(surface, scale, item.detail, (line.left + pad * 1.3, line.bottom - px(scale, 4)), TINY, P.TEXT_DIM if item.enabled else DISABLED, shadow=crisp)
    right = line.right - pad
    if extra_w:
        text.draw(surface, scale, item.extra, (right, line.centery), SMALL, P.TEXT_DIM, anchor="midright")
        right -= extra_w + pad * 2
    value = item.value_text()
    value_colour = VALUE if item.enabled else DISABLED
    if item.toggle is not None:
        right = _draw_switch(surface, scale, item.toggle(), (right, line.centery), item.enabled)
    elif value and item.fraction is not None:
        # Sliders keep room for their chevrons, so the bar never shifts when selected.
        size = text_px(scale, BODY)
        step = round(size * 0.75)
        value_rect = text.draw(surface, scale, value, (right - step, line.centery), BODY, value_colour, anchor="midright", shadow=crisp)
        left = value_rect.right - slider_value_w
        if selected and item.enabled:
            chevron(surface, (right - size * 0.25, line.centery), size * 0.6, "right", value_colour)
            chevron(surface, (left - size * 0.5, line.centery), size * 0.6, "left", value_colour)
        right = left - step
    elif value:
        chevrons = selected and item.on_adjust is not None and item.enabled
        size = text_px(scale, BODY)
        if chevrons:
            chevron(surface, (right - size * 0.25, line.centery), size * 0.6, "right", value_colour)
            right -= round(size * 0.75)
        value_rect = text.draw(surface, scale, value, (right, line.centery), BODY, value_colour, anchor="midright", shadow=crisp)
        right = value_rect.left
        if chevrons:
            chevron(surface, (right - size * 0.5, line.centery), size * 0.6, "left", value_colour)
            right -= round(size * 0.75)
    if item.mark:
        mark_size = text_px(scale, BODY) * 0.8
        centre = (right - mark_size * 0.9, line.centery)
        if item.mark == "done":
            check_mark(surface, centre, mark_size, GOOD)
        elif item.mark == "locked":
            padlock(surface, (centre[0], centre[1] - mark_size * 0.25), mark_size, P.TEXT_DIM)
        right = round(centre[0] - mark_size)
    if item.fraction is not None:
        gap = pad
        bar_w = min(px(scale, 240), right - label_rect.right - 2 * gap)
        if bar_w > px(scale, 40):
            slider = pygame.Rect(0, 0, bar_w, max(3, px(scale, 6)))
            slider.midright = (right - gap, line.centery)
            _draw_slider(surface, slider, item.fraction(), item.enabled, selected)
            return slider
    return None


def _draw_slider(surface: pygame.Surface, bar: pygame.Rect, fraction: float, enabled: bool, selected: bool) -> None:
    fraction = min(1.0, max(0.0, fraction))
    pygame.draw.rect(surface, P.PANEL_RULE, bar, border_radius=bar.height)
    fill = bar.copy()
    fill.width = max(bar.height, round(bar.width * fraction))
    colour = (ACCENT if selected else P.mix(ACCENT, P.PANEL, 0.35)) if enabled else DISABLED
    if fraction > 0:
        pygame.draw.rect(surface, colour, fill, border_radius=bar.height)
    knob = max(4, round(bar.height * 1.4))
    centre = (bar.left + round(bar.width * fraction), bar.centery)
    pygame.draw.circle(surface, P.WHITE if enabled else DISABLED, centre, knob)

def _draw_switch(surface: pygame.Surface, scale: float, on: bool, midright: tuple[int, int], enabled: bool) -> int:
    h = max(10, px(scale, 24))
    pill = pygame.Rect(0, 0, round(h * 1.9), h)
    pill.midright = midright
    track = (ACCENT if on else P.PANEL_RULE) if enabled else DISABLED
    pygame.draw.rect(surface, track, pill, border_radius=h // 2)
    r = h // 2 - max(2, h // 8)
    cx = pill.right - h // 2 if on else pill.left + h // 2
    pygame.draw.circle(surface, P.WHITE if enabled else P.TEXT_DIM, (cx, pill.centery), r)
    word = "on" if on else "off"
    label = text.draw(surface, scale, word, (pill.left - px(scale, 10), pill.centery), SMALL, VALUE if on else P.TEXT_DIM, anchor="midright")
    return label.left
