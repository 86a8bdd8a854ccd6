"""The right panel: metrics, overlay chips with their legends, and the save and export buttons."""

from __future__ import annotations

import numpy as np
import pygame

from dreamscape.core import tiles as T
from dreamscape.render import palette as P
from dreamscape.render.symbols import draw_symbol
from dreamscape.studio import metrics_panel, overlays
from dreamscape.studio import style as S
from dreamscape.studio.model import StudioModel

PAD = 14
#: (overlay, key letter, chip label) in chip order.
CHIPS: tuple[tuple[str, str, str], ...] = (
    ("regions", "G", "regions"),
    ("distance", "D", "distance"),
    ("chokepoints", "C", "chokepoints"),
    ("markers", "M", "markers"),
    ("glitches", "H", "glitch sites"),
)
CHIP_H = 26
BUTTON_H = 34


def draw(surface: pygame.Surface, model: StudioModel, rect: pygame.Rect, field, hover: tuple[int, int] | None = None) -> dict[str, pygame.Rect]:
    """Draw the panel; returns click targets ('overlay:regions', 'save', 'export')."""
    S.panel(surface, rect)
    left, width = rect.left + PAD, rect.width - 2 * PAD
    targets: dict[str, pygame.Rect] = {}
    metrics = model.result.metrics if model.result is not None else {}
    chips_h = 24 + ((len(CHIPS) + 1) // 2) * (CHIP_H + 6) + 8
    buttons_h = 2 * BUTTON_H + 8 + 8
    row_h = metrics_panel.row_height(rect.height - 2 * PAD - 12 - chips_h - buttons_h)
    y = metrics_panel.draw(surface, metrics, model.deltas(), left, rect.top + PAD, width, row_h) + 12

    S.header(surface, "overlays", (left, y))
    y += 24
    chip_w = (width - 8) // 2
    for i, (name, key, label) in enumerate(CHIPS):
        chip = pygame.Rect(left + (i % 2) * (chip_w + 8), y + (i // 2) * (CHIP_H + 6), chip_w, CHIP_H)
        S.chip(surface, chip, label, key, model.overlays[name])
        targets[f"overlay:{name}"] = chip
    y += ((len(CHIPS) + 1) // 2) * (CHIP_H + 6) + 8

    buttons_top = rect.bottom - PAD - 2 * BUTTON_H - 8
    y = _legends(surface, model, field, left, y, width, buttons_top - 8)
    for i, (name, label, hint) in enumerate((("save", "Save level", "Ctrl+S"), ("export", "Export PNG", "Ctrl+E"))):
        button = pygame.Rect(left, buttons_top + i * (BUTTON_H + 8), width, BUTTON_H)
        S.button(surface, button, label, hint, hover is not None and button.collidepoint(hover))
        targets[name] = button
    return targets


def _legends(surface: pygame.Surface, model: StudioModel, field, left: int, y: int, width: int, bottom: int) -> int:
    """Short keys for the overlays that are on, as far as room allows."""
    on = model.overlays
    if on["distance"] and field is not None and y + 40 < bottom:
        ramp = pygame.Rect(left, y + 4, width, 8)
        steps = max(1, field.reach)
        colours = overlays.heat_colours(np.linspace(0.0, 1.0, ramp.width)).astype(np.uint8)
        for x, colour in enumerate(colours.tolist()):
            pygame.draw.line(surface, colour, (ramp.left + x, ramp.top), (ramp.left + x, ramp.bottom))
        S.text(surface, "start", (ramp.left, ramp.bottom + 3), S.HEADER_PX, P.TEXT_DIM)
        S.text(surface, f"{steps} steps", (ramp.right, ramp.bottom + 3), S.HEADER_PX, P.TEXT_DIM, anchor="topright")
        y += 36
    if on["chokepoints"] and field is not None and y + 20 < bottom:
        box = pygame.Rect(left, y + 3, 11, 11)
        pygame.draw.rect(surface, overlays.CHOKE_FILL, box)
        pygame.draw.rect(surface, P.INK, box, 1)
        route = max(0, len(field.route) - 1)
        S.text(surface, f"{int(field.chokepoints.sum())} cut tiles on a {route}-step route", (box.right + 8, y), S.SMALL_PX, P.TEXT_DIM)
        y += 22
    if on["regions"] and model.ds is not None:
        counts = model.ds.regions.ravel()
        shares = [(t, float((counts == t.code).mean())) for t in T.THEMES]
        present = [(t, s) for t, s in shares if s > 0]
        col_w = width // 2
        for i, (theme, share) in enumerate(present):
            row_y = y + (i // 2) * 19
            if row_y + 18 > bottom:
                break
            x = left + (i % 2) * col_w
            swatch = pygame.Rect(x, row_y + 3, 11, 11)
            pygame.draw.rect(surface, P.THEME_FLOOR[theme.code], swatch)
            S.text(surface, f"{theme.name} {share:.0%}", (swatch.right + 6, row_y), S.SMALL_PX, P.TEXT_DIM)
        y += ((len(present) + 1) // 2) * 19 + 4
    if on["markers"] and model.ds is not None:
        y = _marker_key(surface, model.ds, left, y + 4, width, bottom)
    return y


def _marker_key(surface: pygame.Surface, ds, left: int, y: int, width: int, bottom: int) -> int:
    """What the map's symbols are, with how many of each, two to a row."""
    entries = [
        (P.START_STYLE, "start", 1),
        (P.EXIT_STYLE, "exit", 1),
        (P.DREAMER_STYLE, "dreamers", len(ds.dreamers)),
        (P.MANIFESTATION_STYLE["shadow"], "fears", len(ds.manifestations)),
        (P.LURE_STYLE["spotlight"], "lures", len(ds.lures)),
        (P.SHARD_STYLE, "shards", len(ds.shards)),
    ]
    col_w = width // 2
    for i, (style, label, count) in enumerate(entries):
        row_y = y + (i // 2) * 21
        if row_y + 20 > bottom:
            break
        x = left + (i % 2) * col_w
        draw_symbol(surface, style.shape, style.fill, (x + 7, row_y + 9), 6.5)
        text = label if label in ("start", "exit") else f"{label} {count}"
        S.text(surface, text, (x + 20, row_y + 1), S.SMALL_PX, P.TEXT_DIM)
    return y + ((len(entries) + 1) // 2) * 21
