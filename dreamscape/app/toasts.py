"""Short messages over the dive: a dreamer woke, you were caught, the level's name.

Each toast fades in, holds and fades out; at most a few show at once, newest
at the bottom, so a burst of events never buries the map.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from dreamscape.render import palette as P
from dreamscape.render.fonts import font

FADE_MS = 300.0
HOLD_MS = 2600.0
BIG_HOLD_MS = 3400.0
MAX_SHOWN = 3


@dataclass
class Toast:
    """One message: a headline and a smaller line under it."""

    title: str
    detail: str = ""
    big: bool = False
    warn: bool = False
    age: float = 0.0
    _panel: pygame.Surface | None = None
    _scale: float = 0.0

    @property
    def life(self) -> float:
        return (BIG_HOLD_MS if self.big else HOLD_MS) + 2 * FADE_MS

    def opacity(self) -> float:
        """0..1: fading in, holding, fading out."""
        return max(0.0, min(1.0, self.age / FADE_MS, (self.life - self.age) / FADE_MS))


class Toasts:
    """The queue of messages shown over the dive."""

    def __init__(self) -> None:
        self.items: list[Toast] = []

    def add(self, title: str, detail: str = "", big: bool = False, warn: bool = False) -> None:
        # The same message twice in a row (caught again) refreshes instead of stacking.
        if self.items and self.items[-1].title == title and not big:
            self.items[-1] = Toast(title, detail, big, warn, min(self.items[-1].age, FADE_MS))
            return
        self.items.append(Toast(title, detail, big, warn))

    def update(self, dt_ms: float) -> None:
        for t in self.items:
            t.age += dt_ms
        self.items = [t for t in self.items if t.age < t.life]

    def draw(self, surface: pygame.Surface, scale: float = 1.0) -> None:
        w, h = surface.get_size()
        shown = self.items[-MAX_SHOWN:]
        y = int(h * 0.16)
        for t in shown:
            a = t.opacity()
            if a <= 0:
                continue
            if t._panel is None or t._scale != scale:
                # Text is rendered once per toast; frames only change its opacity.
                t._panel, t._scale = _render(t, scale), scale
            panel = t._panel
            panel.set_alpha(int(255 * a))
            surface.blit(panel, ((w - panel.get_width()) // 2, y))
            y += panel.get_height() + int(8 * scale)


def _render(t: Toast, scale: float) -> pygame.Surface:
    size = int((44 if t.big else 28) * scale)
    head = font(size).render(t.title, True, P.VERMILLION if t.warn else P.TEXT)
    sub = font(int(size * 0.62)).render(t.detail, True, P.TEXT_DIM) if t.detail else None
    box_w = max(head.get_width(), sub.get_width() if sub else 0) + int(40 * scale)
    box_h = head.get_height() + (sub.get_height() + int(4 * scale) if sub else 0) + int(18 * scale)
    panel = pygame.Surface((box_w, box_h), pygame.SRCALPHA)
    panel.fill((*P.INK, 170))
    pygame.draw.rect(panel, (*P.PANEL_RULE, 220), panel.get_rect(), 1, border_radius=int(8 * scale))
    panel.blit(head, ((box_w - head.get_width()) // 2, int(9 * scale)))
    if sub:
        panel.blit(sub, ((box_w - sub.get_width()) // 2, int(9 * scale) + head.get_height() + int(4 * scale)))
    return panel
