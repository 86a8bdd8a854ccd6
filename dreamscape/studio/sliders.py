"""The left panel: one slider row per fear, desire, turmoil, size and dreamers, and the seed."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from dreamscape.render import palette as P
from dreamscape.render import theme
from dreamscape.studio import style as S
from dreamscape.studio.knobs import Knob
from dreamscape.studio.model import StudioModel

PAD = 12
HEADER_H = 22
LABEL_W = 136
VALUE_W = 50
MIN_ROW = 18
MAX_ROW = 30
GROUP_TITLES = {"fears": "fears", "desires": "desires", "mind": "mind", "map": "map and seed"}


@dataclass(frozen=True)
class SliderRow:
    """Where one row was drawn: the whole row and its bar (None for the seed)."""

    knob: Knob
    rect: pygame.Rect
    bar: pygame.Rect | None


def layout_rows(model: StudioModel, rect: pygame.Rect) -> tuple[list[SliderRow], list[tuple[str, int]]]:
    """Rows and group headers (title, y) fitted into `rect`."""
    groups = list(dict.fromkeys(k.group for k in model.knobs))
    room = rect.height - 2 * PAD - HEADER_H * len(groups)
    row_h = max(MIN_ROW, min(MAX_ROW, room // max(1, len(model.knobs))))
    rows: list[SliderRow] = []
    headers: list[tuple[str, int]] = []
    y = rect.top + PAD
    group = None
    for knob in model.knobs:
        if knob.group != group:
            group = knob.group
            headers.append((GROUP_TITLES.get(group, group), y))
            y += HEADER_H
        row = pygame.Rect(rect.left + 6, y, rect.width - 12, row_h)
        bar = None
        if knob.kind != "seed":
            bar = pygame.Rect(row.left + LABEL_W, 0, max(12, row.width - LABEL_W - VALUE_W - 8), 4)
            bar.centery = row.centery
        rows.append(SliderRow(knob, row, bar))
        y += row_h
    return rows, headers


def row_at(rows: list[SliderRow], pos: tuple[int, int]) -> SliderRow | None:
    """The row under a point, if any."""
    for row in rows:
        if row.rect.collidepoint(pos):
            return row
    return None


def fraction_at(row: SliderRow, x: int) -> float:
    """Where along the row's bar an x position falls, 0..1."""
    if row.bar is None or row.bar.width <= 0:
        return 0.0
    return min(1.0, max(0.0, (x - row.bar.left) / row.bar.width))


def draw(surface: pygame.Surface, model: StudioModel, rect: pygame.Rect, hover: str | None = None, dragging: str | None = None) -> list[SliderRow]:
    """Draw the panel; returns the rows for hit-testing."""
    S.panel(surface, rect)
    rows, headers = layout_rows(model, rect)
    for title, y in headers:
        S.header(surface, title, (rect.left + PAD + 6, y + 5))
    for i, row in enumerate(rows):
        _draw_row(surface, model, row, i == model.selected, row.knob.key in (hover, dragging))
    return rows


def _draw_row(surface: pygame.Surface, model: StudioModel, row: SliderRow, selected: bool, hot: bool) -> None:
    knob = row.knob
    value = model.value(knob.key)
    original = model.original_value(knob.key)
    if selected:
        pygame.draw.rect(surface, theme.HIGHLIGHT, row.rect, border_radius=6)
    elif hot:
        pygame.draw.rect(surface, P.mix(P.PANEL, theme.HIGHLIGHT, 0.5), row.rect, border_radius=6)
    quiet = knob.is_intensity and value == 0
    label_colour = P.TEXT if selected or not quiet else P.TEXT_DIM
    S.text(surface, S.fit(knob.label, LABEL_W - 12, S.BODY_PX), (row.rect.left + 8, row.rect.centery), S.BODY_PX, label_colour, anchor="midleft")
    value_colour = theme.VALUE if value != original else (P.TEXT if selected else P.TEXT_DIM)
    right = row.rect.right - 8
    if knob.kind == "seed":
        _draw_seed(surface, model, row, value_colour, selected)
        return
    S.text(surface, knob.text(value), (right, row.rect.centery), S.BODY_PX, value_colour, anchor="midright")
    assert row.bar is not None  # only the seed row has no bar, and it returned above
    _draw_bar(surface, row.bar, knob, value, original, selected or hot)


def _draw_bar(surface: pygame.Surface, bar: pygame.Rect, knob: Knob, value: float, original: float, lit: bool) -> None:
    colour = S.GROUP_COLOUR.get(knob.group, theme.ACCENT)
    if not lit:
        colour = P.mix(colour, P.PANEL, 0.3)
    pygame.draw.rect(surface, P.mix(P.PANEL_RULE, P.BACKGROUND, 0.2), bar, border_radius=2)
    fraction = knob.fraction(value)
    fill = bar.copy()
    fill.width = round(bar.width * fraction)
    if fill.width > 0:
        pygame.draw.rect(surface, colour, fill, border_radius=2)
    if value != original:
        # Where the loaded level had this row: a faint notch to come back to.
        x = bar.left + round(bar.width * knob.fraction(original))
        pygame.draw.line(surface, P.TEXT_DIM, (x, bar.top - 5), (x, bar.bottom + 4), 2)
    centre = (bar.left + round(bar.width * fraction), bar.centery)
    pygame.draw.circle(surface, P.INK, centre, 7 if lit else 6)
    pygame.draw.circle(surface, P.WHITE if lit else P.mix(P.WHITE, P.PANEL, 0.25), centre, 5 if lit else 4)


def _draw_seed(surface: pygame.Surface, model: StudioModel, row: SliderRow, colour, selected: bool) -> None:
    right = row.rect.right - 8
    hint_left = row.rect.left + LABEL_W
    if model.seed_entry is not None:
        shown = S.text(surface, model.seed_entry + "_", (right, row.rect.centery), S.BODY_PX, theme.ACCENT, anchor="midright")
        hint = "Enter sets, Esc cancels"
        if hint_left + S.text_width(hint, S.SMALL_PX) + 10 < shown.left:
            S.text(surface, hint, (hint_left, row.rect.centery), S.SMALL_PX, P.TEXT_DIM, anchor="midleft")
        return
    shown = S.text(surface, str(int(model.value("seed"))), (right, row.rect.centery), S.BODY_PX, colour, anchor="midright")
    hint = "[ ]  PgUp/PgDn  R"
    # A long seed takes the room the key hint would use.
    if hint_left + S.text_width(hint, S.SMALL_PX) + 10 < shown.left:
        S.text(surface, hint, (hint_left, row.rect.centery), S.SMALL_PX, P.TEXT_DIM if selected else theme.DISABLED, anchor="midleft")
