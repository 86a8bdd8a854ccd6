"""The photosensitivity notice, shown before the title until it has been read."""

from __future__ import annotations

import pygame

from dreamscape.app.input.actions import Action
from dreamscape.app.transitions import Pop
from dreamscape.app.ui import panels
from dreamscape.app.ui.menu_item import MenuItem
from dreamscape.app.ui.menu_scene import MenuScene
from dreamscape.app.ui.scale import menu_scale
from dreamscape.render import palette as P
from dreamscape.render import text, theme

HEADLINE = "Before you dive"
EYEBROW = "A note on light"
BODY = (
    "These dreams come apart as you move through them: the picture tears, colours split "
    "and blocks of noise drift across the screen.\n"
    "The effects are limited by design to stay under the WCAG flash thresholds, but some "
    "players may still be sensitive to them. If you feel dizzy or unwell, stop and rest.\n"
    "You can soften the glitches, or turn screen effects off entirely, at any time in Settings."
)


class NoticeScene(MenuScene):
    """The first screen of a fresh install: what the glitch effects are and how to turn them off."""

    hints = [((Action.UP, Action.DOWN), "choose"), ((Action.CONFIRM,), "select")]
    centred_menu = True

    def items(self) -> list[MenuItem]:
        return [
            MenuItem("Continue", on_confirm=self.accept, name="continue"),
            MenuItem("Turn screen effects off", on_confirm=self.effects_off, detail="they can be turned back on in Settings", name="effects_off"),
        ]

    def accept(self) -> None:
        """The notice has been read; never show it again."""
        self.app.apply_settings(self.app.settings.replace(notice_seen=True))
        self.go(Pop())

    def effects_off(self) -> None:
        """Read, and no screen effects at all."""
        self.app.apply_settings(self.app.settings.replace(notice_seen=True, glitch_intensity=0.0))
        self.go(Pop())

    def back(self) -> None:
        # Leaving the notice is reading it: there is nothing behind it but the title.
        self.accept()

    def draw_content(self, surface: pygame.Surface) -> None:
        app = self.app
        scale = menu_scale(app)
        col = self.column(surface, 780)
        menu_h = self.menu.height()
        parts = BODY.split("\n")
        gap = theme.px(scale, 14)
        # The longest text on the smallest window: step the size down until it fits.
        for size in (theme.BODY, theme.SMALL, theme.TINY):
            text_h = sum(text.paragraph_height(scale, part, col.width, size, spacing=1.25) for part in parts) + gap * len(parts)
            total = panels.heading_height(scale, over=True) + text_h + gap + menu_h
            if total <= col.height - theme.px(scale, 20):
                break
        top = col.top + max(0, (col.height - total) // 2)
        alpha = self.fade(0, 600)
        panel = pygame.Rect(col.left - theme.px(scale, 24), top - theme.px(scale, 20), col.width + theme.px(scale, 48), total + theme.px(scale, 30))
        panels.panel(surface, scale, panel, alpha=150)
        y = panels.heading(surface, scale, HEADLINE, top, over=EYEBROW, width=col.width)
        for part in parts:
            rect = text.paragraph(surface, scale, part, (col.centerx, y), col.width, size, P.TEXT, align="center", spacing=1.25, line_alpha=lambda i: alpha)
            y = rect.bottom + gap
        y += gap
        self.menu.draw(surface, pygame.Rect(col.left, y, col.width, max(menu_h, col.bottom - y)))
