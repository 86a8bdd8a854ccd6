"""The right panel's metrics: the numbers a designer watches, with how each moved."""

from __future__ import annotations

import pygame

from dreamscape.render import palette as P
from dreamscape.render import theme
from dreamscape.render.glyphs import arrow
from dreamscape.studio import style as S

#: (metric, label) in the order shown; names are those of `dreamscape.designer.metrics`.
SHOWN: tuple[tuple[str, str], ...] = (
    ("path_length", "path length"),
    ("dead_ends", "dead ends"),
    ("loops", "loops"),
    ("chokepoints", "chokepoints"),
    ("floor_ratio", "floor ratio"),
    ("open_ratio", "open ratio"),
    ("dreamer_dist_mean", "dreamer distance"),
    ("manifestations", "manifestations"),
    ("lures", "lures"),
    ("shards", "shards"),
    ("glitch_count", "glitches"),
    ("portals", "portals"),
    ("retries", "retries"),
)
ROW_H = 22
MIN_ROW_H = 16


def value_text(value) -> str:
    """A metric as shown: ratios with two places, whole numbers plainly."""
    if isinstance(value, float):
        return f"{value:.3f}" if abs(value) < 1 else f"{value:.1f}"
    return str(value)


def delta_text(delta: float) -> str:
    """The size of a change, without its sign (the arrow shows the direction)."""
    if isinstance(delta, float) and not float(delta).is_integer():
        return f"{abs(delta):.3f}" if abs(delta) < 1 else f"{abs(delta):.1f}"
    return str(abs(int(delta)))


def row_height(room: int) -> int:
    """The row height that fits the block into `room` pixels (never below legible)."""
    return max(MIN_ROW_H, min(ROW_H, (room - 26) // len(SHOWN)))


def draw(surface: pygame.Surface, metrics: dict, deltas: dict, left: int, top: int, width: int, row_h: int = ROW_H) -> int:
    """Draw the metrics block from (left, top); returns the y below it."""
    S.header(surface, "metrics", (left, top))
    y = top + 26
    value_right = left + width - 58
    for name, label in SHOWN:
        value = metrics.get(name)
        S.text(surface, label, (left, y + row_h // 2), S.BODY_PX, P.TEXT_DIM, anchor="midleft")
        if value is not None:
            S.text(surface, value_text(value), (value_right, y + row_h // 2), S.BODY_PX, P.TEXT, anchor="midright")
        delta = deltas.get(name, 0)
        if delta:
            up = delta > 0
            # Up and down get different hues but neither reads as good or bad:
            # more dead ends may be exactly what the designer is after.
            colour = theme.VALUE if up else P.mix(P.REDDISH_PURPLE, P.WHITE, 0.25)
            arrow(surface, (value_right + 12, y + row_h // 2), 9, "up" if up else "down", colour)
            S.text(surface, delta_text(delta), (value_right + 20, y + row_h // 2), S.SMALL_PX, colour, anchor="midleft")
        y += row_h
    return y
