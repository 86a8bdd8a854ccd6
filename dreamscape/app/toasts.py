"""Short messages over the dive: a dreamer woke, you were caught, the level's name.

Each toast fades in, holds and fades out; at most a few show at once, newest
at the bottom, so a burst of events never buries the map. A queue of them
(the lessons of the first chapter) shows one at a time, each waiting its turn.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from dreamscape.render import palette as P
from dreamscape.render.fonts import font
from dreamscape.render.text import wrap

FADE_MS = 300.0
HOLD_MS = 2600.0
BIG_HOLD_MS = 3400.0
MAX_SHOWN = 3
#: A toast's text wraps to this share of the screen's width.
WRAP_SHARE = 0.7


@dataclass
class Toast:
    """One message: a headline and a smaller line under it."""

    title: str
    detail: str = ""
    big: bool = False
    warn: bool = False
    age: float = 0.0
    #: How long it holds (None: the toast's usual time).
    hold: float | None = None
    #: A colour for the headline and a rule over it (None: plain).
    accent: P.RGB | None = None
    _panel: pygame.Surface | None = None
    _scale: float = 0.0
    _width: int = 0

    @property
    def life(self) -> float:
        hold = self.hold if self.hold is not None else (BIG_HOLD_MS if self.big else HOLD_MS)
        return hold + 2 * FADE_MS

    def opacity(self) -> float:
        """0..1: fading in, holding, fading out."""
        return max(0.0, min(1.0, self.age / FADE_MS, (self.life - self.age) / FADE_MS))


class Toasts:
    """The queue of messages shown over the dive.

    `top` is where the first toast's top sits (a share of the screen's
    height); with `queue` only the first `max_shown` toasts age and show,
    the rest wait.
    """

    def __init__(self, top: float = 0.16, max_shown: int = MAX_SHOWN, queue: bool = False, hold_ms: float | None = None, detail_size: float = 0.62) -> None:
        self.items: list[Toast] = []
        self.top = top
        self.max_shown = max_shown
        self.queue = queue
        self.hold_ms = hold_ms
        #: The detail line's size as a share of the headline's.
        self.detail_size = detail_size

    def add(self, title: str, detail: str = "", big: bool = False, warn: bool = False, accent: P.RGB | None = None, delay_ms: float = 0.0) -> None:
        """Show a message (after `delay_ms`, if given)."""
        # The same message twice in a row (caught again) refreshes instead of stacking.
        if self.items and self.items[-1].title == title and not big:
            self.items[-1] = Toast(title, detail, big, warn, min(self.items[-1].age, FADE_MS), self.hold_ms, accent)
            return
        self.items.append(Toast(title, detail, big, warn, -max(0.0, delay_ms), self.hold_ms, accent))

    def update(self, dt_ms: float) -> None:
        ageing = self.items[: self.max_shown] if self.queue else self.items
        for t in ageing:
            t.age += dt_ms
        self.items = [t for t in self.items if t.age < t.life]

    def draw(self, surface: pygame.Surface, scale: float = 1.0) -> None:
        w, h = surface.get_size()
        shown = self.items[: self.max_shown] if self.queue else self.items[-self.max_shown :]
        y = int(h * self.top)
        width = max(120, int(w * WRAP_SHARE))
        for t in shown:
            a = t.opacity()
            if a <= 0:
                continue
            if t._panel is None or t._scale != scale or t._width != width:
                # Text is rendered once per toast; frames only change its opacity.
                t._panel, t._scale, t._width = _render(t, scale, width, self.detail_size), scale, width
            panel = t._panel
            panel.set_alpha(int(255 * a))
            surface.blit(panel, ((w - panel.get_width()) // 2, y))
            y += panel.get_height() + int(8 * scale)


def _render(t: Toast, scale: float, width: int = 100_000, detail_size: float = 0.62) -> pygame.Surface:
    size = int((44 if t.big else 28) * scale)
    head_colour = P.VERMILLION if t.warn else (t.accent or P.TEXT)
    head = font(size).render(t.title, True, head_colour)
    sub_font = font(int(size * detail_size))
    subs = [sub_font.render(line, True, P.TEXT if t.accent is not None else P.TEXT_DIM) for line in wrap(t.detail, sub_font, width)] if t.detail else []
    gap = int(4 * scale)
    box_w = max([head.get_width()] + [s.get_width() for s in subs]) + int(40 * scale)
    box_h = head.get_height() + sum(s.get_height() + gap for s in subs) + int(18 * scale)
    top = int((13 if t.accent is not None else 9) * scale)
    box_h += top - int(9 * scale)
    panel = _box(box_w, box_h, scale, t.accent)
    panel.blit(head, ((box_w - head.get_width()) // 2, top))
    y = top + head.get_height() + gap
    for sub in subs:
        panel.blit(sub, ((box_w - sub.get_width()) // 2, y))
        y += sub.get_height() + gap
    return panel


def _box(w: int, h: int, scale: float, accent: P.RGB | None) -> pygame.Surface:
    panel = pygame.Surface((w, h), pygame.SRCALPHA)
    panel.fill((*P.INK, 170 if accent is None else 200))
    pygame.draw.rect(panel, (*P.PANEL_RULE, 220), panel.get_rect(), 1, border_radius=int(8 * scale))
    if accent is not None:
        # A short rule in the accent over the headline: a lesson, not news.
        rule = max(24, w // 5)
        y = int(5 * scale)
        pygame.draw.line(panel, accent, ((w - rule) // 2, y), ((w + rule) // 2, y), max(1, int(2 * scale)))
    return panel
