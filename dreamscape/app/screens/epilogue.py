"""The ending of the campaign: what became of the dreamers, once the last dream is resolved."""

from __future__ import annotations

from functools import partial

import pygame

from dreamscape.app import intents
from dreamscape.app.input.actions import Action
from dreamscape.app.transitions import Pop
from dreamscape.app.ui import panels
from dreamscape.app.ui.menu_item import MenuItem
from dreamscape.app.ui.menu_scene import MenuScene
from dreamscape.app.ui.scale import menu_scale
from dreamscape.render import palette as P
from dreamscape.render import text, theme

HEADLINE = "Dawn"
EYEBROW = "The campaign is complete"
#: One paragraph a dream, in campaign order, then the last word.
PARAGRAPHS = (
    "Leo wakes on a friend's sofa with the light coming up over the towers. The voice that said he "
    "was never enough is only a memory of a voice now, and his friends are still there when he opens his eyes.",
    "Lila paints the prison as she saw it, lovely and locked, and hangs it beside a picture of the street "
    "outside. Anya tells the people who follow her that some nights should simply be slept.",
    "Mira stops replaying the same perfect evening. The memories the loop was hiding are hers to carry, "
    "and she has begun, slowly, to set them down in daylight.",
    "When the network comes back, Zara and Jonah are sitting on a kerb at sunrise, talking as they have "
    "not talked in years. Some of the sleepless keep meeting in the dream they found without a machine.",
    "The Nexus wards are quiet. Every sleeper you carried out has a name again, and Rami is rewriting the "
    "code that kept them under. Lila hands in her badge and walks home in the dark, unhurried.",
    "Bedtime is theirs again: not a product, not a race against a clock, just rest.",
)
#: Each paragraph fades in over LINE_FADE_MS, PARAGRAPH_STEP_MS after the one before.
LINE_FADE_MS = 1200.0
PARAGRAPH_STEP_MS = 900.0


def _constant(alpha: float, _line: int) -> float:
    # Every line of a paragraph fades together: the paragraph is the unit of the ending.
    return alpha


class EpilogueScene(MenuScene):
    """What came after the five rescues; confirming returns to the title."""

    hints = [((Action.CONFIRM,), "title")]
    centred_menu = True

    def items(self) -> list[MenuItem]:
        return [MenuItem("Back to the title", on_confirm=self.back, name="title")]

    def back(self) -> None:
        # Reached from the last results (alone on the stack) or from the title (on top of it).
        self.go(Pop(otherwise=intents.Title()))

    def paragraph_alpha(self, i: int) -> float:
        """How far paragraph `i` has faded in (0-255): the ending is read a paragraph at a time."""
        return 255 * min(1.0, max(0.0, (self.age - 300 - i * PARAGRAPH_STEP_MS) / LINE_FADE_MS))

    def draw_content(self, surface: pygame.Surface) -> None:
        scale = menu_scale(self.app)
        col = self.column(surface, 860)
        menu_h = self.menu.height()
        gap = theme.px(scale, 14)
        # The whole ending on the smallest window: step the size down until it fits.
        for size in (theme.BODY, theme.SMALL, theme.TINY):
            text_h = sum(text.paragraph_height(scale, part, col.width, size, spacing=1.3) for part in PARAGRAPHS) + gap * len(PARAGRAPHS)
            total = panels.heading_height(scale, over=True) + text_h + gap + menu_h
            if total <= col.height - theme.px(scale, 20):
                break
        top = col.top + max(0, (col.height - total) // 2)
        backing = pygame.Rect(col.left - theme.px(scale, 24), top - theme.px(scale, 20), col.width + theme.px(scale, 48), total + theme.px(scale, 30))
        panels.panel(surface, scale, backing, alpha=round(150 * self.fade(0, 600) / 255))
        y = panels.heading(surface, scale, HEADLINE, top, over=EYEBROW, width=col.width)
        for i, part in enumerate(PARAGRAPHS):
            alpha = self.paragraph_alpha(i)
            colour = P.TEXT if i < len(PARAGRAPHS) - 1 else theme.VALUE
            rect = text.paragraph(surface, scale, part, (col.centerx, y), col.width, size, colour, align="center", spacing=1.3, line_alpha=partial(_constant, alpha))
            y = rect.bottom + gap
        y += gap
        self.menu.draw(surface, pygame.Rect(col.left, y, col.width, max(menu_h, col.bottom - y)))
