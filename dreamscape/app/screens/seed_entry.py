"""Any seed: pick a dreamer, type (or roll) a seed, and dive into that one dream."""

from __future__ import annotations

import os

import numpy as np
import pygame

from dreamscape.app import intents
from dreamscape.app.host import Host
from dreamscape.app.input.actions import Action
from dreamscape.app.transitions import Reset, Transition
from dreamscape.app.ui import panels
from dreamscape.app.ui.menu_item import MenuItem
from dreamscape.app.ui.menu_scene import MenuScene
from dreamscape.app.ui.scale import menu_scale
from dreamscape.core import resources
from dreamscape.core.errors import InputError
from dreamscape.core.level import MAX_SEED, LevelSpec, load_level_or_profile
from dreamscape.render import glyphs, text, theme
from dreamscape.render import palette as P

MAX_DIGITS = 9
#: Rolled seeds stay within what can be typed back.
ROLL_LIMIT = 10**MAX_DIGITS
#: How many of a dreamer's fears and of their desires the card lists.
STRONGEST = 3
DIGIT_KEYS = {getattr(pygame, f"K_{d}"): str(d) for d in range(10)} | {getattr(pygame, f"K_KP{d}"): str(d) for d in range(10)}


def load_dreamers() -> list[LevelSpec]:
    """Every bundled dreamer as a level spec (a profile that fails to load is left out)."""
    specs = []
    for path in resources.bundled_dreamers():
        try:
            specs.append(load_level_or_profile(path))
        except (InputError, OSError):
            continue
    return specs


def strongest(intensities: dict[str, float], count: int = STRONGEST) -> list[tuple[str, float]]:
    """The `count` strongest names, strongest first, as the player reads them ('self doubt')."""
    ranked = sorted(((v, k) for k, v in intensities.items() if v > 0), key=lambda p: (-p[0], p[1]))
    return [(name.replace("_", " "), value) for value, name in ranked[:count]]


class SeedScene(MenuScene):
    """Choose a dreamer with LEFT/RIGHT, type a seed with the digit keys, confirm to dive."""

    hints = [((Action.LEFT, Action.RIGHT), "dreamer"), (("0–9",), "seed"), (("r",), "random seed"), ((Action.CONFIRM,), "dive"), ((Action.BACK,), "back")]

    def __init__(self, app: Host, seed: int | None = None, dreamer: str | None = None) -> None:
        self.dreamers = load_dreamers()
        self.choice = 0
        if dreamer is not None:
            names = [spec.profile.name.lower() for spec in self.dreamers]
            if dreamer.lower() in names:
                self.choice = names.index(dreamer.lower())
        # Seeds the screen suggests are cosmetic: their own generator, never the global one.
        self.rng = np.random.default_rng(int.from_bytes(os.urandom(8), "little"))
        self.digits = ""
        #: A suggested seed is replaced by the first digit typed, not appended to.
        self.suggested = False
        if seed is None:
            self.roll()
        else:
            self.digits = str(min(seed, MAX_SEED))
            self.suggested = True
        super().__init__(app)
        self.menu.select("dive")

    # -- state ------------------------------------------------------------------------------

    @property
    def spec(self) -> LevelSpec:
        """The chosen dreamer's level, before the seed is applied."""
        return self.dreamers[self.choice]

    @property
    def seed(self) -> int | None:
        """The typed seed, or None while the field is empty."""
        return min(int(self.digits), MAX_SEED) if self.digits else None

    def roll(self) -> None:
        """A fresh random seed."""
        self.digits = str(int(self.rng.integers(0, ROLL_LIMIT)))
        self.suggested = True

    def type_digit(self, digit: str) -> None:
        if self.suggested:
            self.digits = ""
            self.suggested = False
        if len(self.digits) < MAX_DIGITS:
            # Leading zeros would not survive a round trip through int().
            self.digits = (self.digits + digit).lstrip("0") or "0"

    def backspace(self) -> None:
        self.suggested = False
        self.digits = self.digits[:-1]

    def cycle(self, step: int) -> None:
        """The previous (-1) or next (+1) dreamer."""
        self.choice = (self.choice + step) % len(self.dreamers)

    def dive(self) -> None:
        """Dive into the chosen dreamer's dream with the typed seed (a rolled one if empty)."""
        if self.seed is None:
            self.roll()
        seed = self.seed
        assert seed is not None, "a rolled seed is never empty"
        self.go(Reset(intents.Loading(self.spec.with_seed(seed))))

    # -- the menu ---------------------------------------------------------------------------

    def items(self) -> list[MenuItem]:
        return [
            MenuItem("Dreamer", value=lambda: self.spec.profile.name, on_adjust=self.cycle, on_confirm=self.dive, name="dreamer"),
            MenuItem("Seed", value=lambda: self.digits or "type a number", on_confirm=self.dive, name="seed"),
            MenuItem("Random seed", on_confirm=self.roll, name="random"),
            MenuItem("Dive", on_confirm=self.dive, name="dive"),
        ]

    def handle(self, event: pygame.event.Event, actions: list[tuple[Action, bool]]) -> Transition | None:
        if event.type == pygame.KEYDOWN:
            # Typing owns these keys here, even where they are also bound
            # (Backspace is a BACK key elsewhere).
            if event.key in DIGIT_KEYS:
                self.type_digit(DIGIT_KEYS[event.key])
                return None
            if event.key == pygame.K_BACKSPACE:
                self.backspace()
                return None
            if event.key == pygame.K_r and not actions:
                self.roll()
                self.app.audio.play("menu_move")
                return None
        selected = self.menu.selected
        if any(down and action in (Action.LEFT, Action.RIGHT) for action, down in actions) and (selected is None or selected.name != "dreamer"):
            # Left and right always turn the dreamer carousel, whichever row is selected.
            for action, down in actions:
                if down and action in (Action.LEFT, Action.RIGHT):
                    self.cycle(-1 if action is Action.LEFT else 1)
                    self.app.audio.play("menu_move")
            return None
        self.menu.handle(event, actions)
        return self.take_transition()

    # -- drawing ------------------------------------------------------------------------------

    def draw_content(self, surface: pygame.Surface) -> None:
        app = self.app
        scale = menu_scale(app)
        col = self.column(surface, 1160)
        wide = col.width >= theme.px(scale, 900)
        pad, gap = theme.px(scale, 12), theme.px(scale, 24)
        menu_h = self.menu.height() + 2 * pad
        head_h = panels.heading_height(scale, over=True)
        if wide:
            card_w = round(col.width * 0.56)
            right_h = menu_h + gap + theme.px(scale, 150)
            height = min(col.height - head_h, max(right_h, self._card_height(card_w)))
            top = col.top + max(0, (col.height - head_h - height) // 3)
            y = panels.heading(surface, scale, "Choose a dream", top, over="Any seed", width=col.width)
            card = pygame.Rect(col.left, y, card_w, height)
            self._draw_card(surface, card)
            right = pygame.Rect(card.right + gap, y, col.width - card_w - gap, height)
            menu_box = pygame.Rect(right.left, right.top, right.width, menu_h)
            self.menu.draw(surface, panels.framed(surface, scale, menu_box, pad))
            self._draw_seed(surface, pygame.Rect(right.left, menu_box.bottom + gap, right.width, right.bottom - menu_box.bottom - gap))
        else:
            y = panels.heading(surface, scale, "Choose a dream", col.top, over="Any seed", width=col.width)
            menu_box = pygame.Rect(col.left, y, col.width, min(menu_h, col.bottom - y))
            self.menu.draw(surface, panels.framed(surface, scale, menu_box, pad))
            card = pygame.Rect(col.left, menu_box.bottom + theme.px(scale, 10), col.width, col.bottom - menu_box.bottom - theme.px(scale, 10))
            if card.height > theme.px(scale, 40):
                self._draw_card(surface, card, compact=True)

    def _lists_height(self) -> int:
        scale = menu_scale(self.app)
        profile = self.spec.profile
        rows = max(len(strongest(profile.fears)), len(strongest(profile.desires)), 1)
        return (text.line_height(scale, theme.TINY, 1.0) + theme.px(scale, 6)) * (1 + rows)

    def _card_height(self, width: int) -> int:
        """What the full dreamer card needs at `width` (the tallest dreamer sets it, so it never jumps)."""
        app = self.app
        scale = menu_scale(app)
        inner_w = width - 2 * theme.px(scale, 22)
        name_h = text.line_height(scale, theme.TINY, 1.0) + theme.px(scale, 6) + text.height_of(scale, theme.SUBHEADING) + theme.px(scale, 14)
        about_h = max(text.paragraph_height(scale, spec.profile.about, inner_w, theme.SMALL) for spec in self.dreamers)
        return 2 * theme.px(scale, 22) + name_h + about_h + theme.px(scale, 16) + self._lists_height()

    def _draw_card(self, surface: pygame.Surface, box: pygame.Rect, compact: bool = False) -> None:
        app = self.app
        scale = menu_scale(app)
        profile = self.spec.profile
        inner = panels.framed(surface, scale, box, theme.px(scale, 22 if not compact else 12))
        y = inner.top
        if not compact:
            panels.eyebrow(surface, scale, f"Dreamer {self.choice + 1} of {len(self.dreamers)}", (inner.centerx, y))
            y += text.line_height(scale, theme.TINY, 1.0) + theme.px(scale, 6)
            name = text.draw(surface, scale, profile.name, (inner.centerx, y), theme.SUBHEADING, P.WHITE, anchor="midtop")
            size = theme.text_px(scale, theme.SUBHEADING)
            glyphs.chevron(surface, (name.left - size * 0.8, name.centery), size * 0.7, "left", theme.VALUE)
            glyphs.chevron(surface, (name.right + size * 0.8, name.centery), size * 0.7, "right", theme.VALUE)
            y = name.bottom + theme.px(scale, 14)
        fears, desires = strongest(profile.fears), strongest(profile.desires)
        lists_h = self._lists_height()
        if compact:
            summary = "Fears: " + (", ".join(n for n, _ in fears) or "none") + "   ·   Desires: " + (", ".join(n for n, _ in desires) or "none")
            text.draw(surface, scale, text.fit(scale, summary, inner.width, theme.TINY), (inner.left, inner.bottom), theme.TINY, P.TEXT_DIM, anchor="bottomleft")
            room = inner.height - text.line_height(scale, theme.TINY, 1.4)
            about = profile.about or "A dreamer of few words."
            lines = text.wrapped(scale, about, theme.TINY, inner.width)
            keep = max(0, room // text.line_height(scale, theme.TINY))
            if keep:
                shown = " ".join(lines[:keep]) if keep >= len(lines) else " ".join(lines[:keep]).rstrip(".,") + "…"
                text.paragraph(surface, scale, shown, (inner.left, y), inner.width, theme.TINY, P.TEXT)
            return
        about_room = inner.bottom - lists_h - theme.px(scale, 16) - y
        about = profile.about or "A dreamer of few words."
        for size in (theme.SMALL, theme.TINY):
            if text.paragraph_height(scale, about, inner.width, size) <= about_room:
                break
        text.paragraph(surface, scale, about, (inner.centerx, y), inner.width, size, P.TEXT, align="center")
        top = inner.bottom - lists_h
        half = (inner.width - theme.px(scale, 24)) // 2
        self._draw_feelings(surface, "Fears", fears, pygame.Rect(inner.left, top, half, lists_h), P.VERMILLION)
        self._draw_feelings(surface, "Desires", desires, pygame.Rect(inner.right - half, top, half, lists_h), P.YELLOW)

    def _draw_feelings(self, surface: pygame.Surface, title: str, names: list[tuple[str, float]], box: pygame.Rect, colour) -> None:
        app = self.app
        scale = menu_scale(app)
        step = text.line_height(scale, theme.TINY, 1.0) + theme.px(scale, 6)
        text.draw(surface, scale, title.upper(), (box.left, box.top), theme.TINY, P.mix(colour, P.WHITE, 0.3))
        y = box.top + step
        bar_w = round(box.width * 0.38)
        for name, value in names or [("none", 0.0)]:
            text.draw(surface, scale, name, (box.left, y + step // 2), theme.TINY, P.TEXT, anchor="midleft")
            track = pygame.Rect(box.right - bar_w, y + step // 2 - theme.px(scale, 3), bar_w, max(3, theme.px(scale, 6)))
            pygame.draw.rect(surface, P.PANEL_RULE, track, border_radius=track.height)
            if value > 0:
                fill = track.copy()
                fill.width = max(track.height, round(track.width * value))
                pygame.draw.rect(surface, P.mix(colour, P.PANEL, 0.15), fill, border_radius=track.height)
            y += step

    def _draw_seed(self, surface: pygame.Surface, box: pygame.Rect) -> None:
        """The seed, large, with a softly pulsing caret while it is being typed."""
        app = self.app
        scale = menu_scale(app)
        if box.height < theme.px(scale, 60):
            return
        inner = panels.framed(surface, scale, box, theme.px(scale, 18))
        panels.eyebrow(surface, scale, "Seed", (inner.centerx, inner.top))
        digits = self.digits or "—"
        rect = text.draw(surface, scale, digits, (inner.centerx, inner.centery + theme.px(scale, 6)), theme.HEADING, theme.VALUE if self.digits else P.TEXT_DIM, anchor="center")
        if not self.suggested:
            # A caret that breathes instead of blinking: calm, and never a flash.
            level = 0.55 + 0.45 * (0.5 + 0.5 * np.cos(self.age / 1000 * 2 * np.pi / 1.6))
            caret = pygame.Rect(rect.right + theme.px(scale, 6), rect.top + theme.px(scale, 4), max(2, theme.px(scale, 3)), rect.height - theme.px(scale, 8))
            pygame.draw.rect(surface, P.mix(P.PANEL, theme.VALUE, level), caret)
        note = "rolled for you: type to replace it" if self.suggested else f"up to {MAX_DIGITS} digits"
        text.draw(surface, scale, note, (inner.centerx, inner.bottom), theme.TINY, P.TEXT_DIM, anchor="midbottom")
