"""Any seed: pick a dreamer, type (or roll) a seed, and dive into that one dream."""

from __future__ import annotations

import os

import numpy as np
import pygame

from dreamscape.app import flow, ui
from dreamscape.app.input.actions import Action
from dreamscape.core import resources
from dreamscape.core.errors import InputError
from dreamscape.core.level import MAX_SEED, LevelSpec, load_level_or_profile
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


class SeedScene(ui.MenuScene):
    """Choose a dreamer with LEFT/RIGHT, type a seed with the digit keys, confirm to dive."""

    hints = [((Action.LEFT, Action.RIGHT), "dreamer"), (("0–9",), "seed"), (("r",), "random seed"), ((Action.CONFIRM,), "dive"), ((Action.BACK,), "back")]

    def __init__(self, app, seed: int | None = None, dreamer: str | None = None) -> None:
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
        flow.start_dive(self.app, self.spec.with_seed(self.seed))

    # -- the menu ---------------------------------------------------------------------------

    def items(self) -> list[ui.MenuItem]:
        return [
            ui.MenuItem("Dreamer", value=lambda: self.spec.profile.name, on_adjust=self.cycle, on_confirm=self.dive, name="dreamer"),
            ui.MenuItem("Seed", value=lambda: self.digits or "type a number", on_confirm=self.dive, name="seed"),
            ui.MenuItem("Random seed", on_confirm=self.roll, name="random"),
            ui.MenuItem("Dive", on_confirm=self.dive, name="dive"),
        ]

    def handle(self, event: pygame.event.Event, actions) -> None:
        if event.type == pygame.KEYDOWN:
            # Typing owns these keys here, even where they are also bound
            # (Backspace is a BACK key elsewhere).
            if event.key in DIGIT_KEYS:
                self.type_digit(DIGIT_KEYS[event.key])
                return
            if event.key == pygame.K_BACKSPACE:
                self.backspace()
                return
            if event.key == pygame.K_r and not actions:
                self.roll()
                self.app.audio.play("menu_move")
                return
        if any(down and action in (Action.LEFT, Action.RIGHT) for action, down in actions) and self.menu.selected.name != "dreamer":
            # Left and right always turn the dreamer carousel, whichever row is selected.
            for action, down in actions:
                if down and action in (Action.LEFT, Action.RIGHT):
                    self.cycle(-1 if action is Action.LEFT else 1)
                    self.app.audio.play("menu_move")
            return
        self.menu.handle(event, actions)

    # -- drawing ------------------------------------------------------------------------------

    def draw_content(self, surface: pygame.Surface) -> None:
        app = self.app
        col = self.column(surface, 1160)
        wide = col.width >= ui.px(app, 900)
        pad, gap = ui.px(app, 12), ui.px(app, 24)
        menu_h = self.menu.height() + 2 * pad
        head_h = ui.heading_height(app, over=True)
        if wide:
            card_w = round(col.width * 0.56)
            right_h = menu_h + gap + ui.px(app, 150)
            height = min(col.height - head_h, max(right_h, self._card_height(card_w)))
            top = col.top + max(0, (col.height - head_h - height) // 3)
            y = ui.heading(surface, app, "Choose a dream", top, over="Any seed", width=col.width)
            card = pygame.Rect(col.left, y, card_w, height)
            self._draw_card(surface, card)
            right = pygame.Rect(card.right + gap, y, col.width - card_w - gap, height)
            menu_box = pygame.Rect(right.left, right.top, right.width, menu_h)
            self.menu.draw(surface, ui.framed(surface, app, menu_box, pad))
            self._draw_seed(surface, pygame.Rect(right.left, menu_box.bottom + gap, right.width, right.bottom - menu_box.bottom - gap))
        else:
            y = ui.heading(surface, app, "Choose a dream", col.top, over="Any seed", width=col.width)
            menu_box = pygame.Rect(col.left, y, col.width, min(menu_h, col.bottom - y))
            self.menu.draw(surface, ui.framed(surface, app, menu_box, pad))
            card = pygame.Rect(col.left, menu_box.bottom + ui.px(app, 10), col.width, col.bottom - menu_box.bottom - ui.px(app, 10))
            if card.height > ui.px(app, 40):
                self._draw_card(surface, card, compact=True)

    def _lists_height(self) -> int:
        profile = self.spec.profile
        rows = max(len(strongest(profile.fears)), len(strongest(profile.desires)), 1)
        return (ui.line_height(self.app, ui.TINY, 1.0) + ui.px(self.app, 6)) * (1 + rows)

    def _card_height(self, width: int) -> int:
        """What the full dreamer card needs at `width` (the tallest dreamer sets it, so it never jumps)."""
        app = self.app
        inner_w = width - 2 * ui.px(app, 22)
        name_h = ui.line_height(app, ui.TINY, 1.0) + ui.px(app, 6) + ui.text_height(app, ui.SUBHEADING) + ui.px(app, 14)
        about_h = max(ui.paragraph_height(app, spec.profile.about, inner_w, ui.SMALL) for spec in self.dreamers)
        return 2 * ui.px(app, 22) + name_h + about_h + ui.px(app, 16) + self._lists_height()

    def _draw_card(self, surface: pygame.Surface, box: pygame.Rect, compact: bool = False) -> None:
        app = self.app
        profile = self.spec.profile
        inner = ui.framed(surface, app, box, ui.px(app, 22 if not compact else 12))
        y = inner.top
        if not compact:
            ui.eyebrow(surface, app, f"Dreamer {self.choice + 1} of {len(self.dreamers)}", (inner.centerx, y))
            y += ui.line_height(app, ui.TINY, 1.0) + ui.px(app, 6)
            name = ui.text(surface, app, profile.name, (inner.centerx, y), ui.SUBHEADING, P.WHITE, anchor="midtop")
            size = ui.text_px(app, ui.SUBHEADING)
            ui.chevron(surface, (name.left - size * 0.8, name.centery), size * 0.7, "left", ui.VALUE)
            ui.chevron(surface, (name.right + size * 0.8, name.centery), size * 0.7, "right", ui.VALUE)
            y = name.bottom + ui.px(app, 14)
        fears, desires = strongest(profile.fears), strongest(profile.desires)
        lists_h = self._lists_height()
        if compact:
            summary = "Fears: " + (", ".join(n for n, _ in fears) or "none") + "   ·   Desires: " + (", ".join(n for n, _ in desires) or "none")
            ui.text(surface, app, ui.fit_text(app, summary, inner.width, ui.TINY), (inner.left, inner.bottom), ui.TINY, P.TEXT_DIM, anchor="bottomleft")
            room = inner.height - ui.line_height(app, ui.TINY, 1.4)
            about = profile.about or "A dreamer of few words."
            lines = ui.wrapped(app, about, ui.TINY, inner.width)
            keep = max(0, room // ui.line_height(app, ui.TINY))
            if keep:
                shown = " ".join(lines[:keep]) if keep >= len(lines) else " ".join(lines[:keep]).rstrip(".,") + "…"
                ui.paragraph(surface, app, shown, (inner.left, y), inner.width, ui.TINY, P.TEXT)
            return
        about_room = inner.bottom - lists_h - ui.px(app, 16) - y
        about = profile.about or "A dreamer of few words."
        for size in (ui.SMALL, ui.TINY):
            if ui.paragraph_height(app, about, inner.width, size) <= about_room:
                break
        ui.paragraph(surface, app, about, (inner.centerx, y), inner.width, size, P.TEXT, align="center")
        top = inner.bottom - lists_h
        half = (inner.width - ui.px(app, 24)) // 2
        self._draw_feelings(surface, "Fears", fears, pygame.Rect(inner.left, top, half, lists_h), P.VERMILLION)
        self._draw_feelings(surface, "Desires", desires, pygame.Rect(inner.right - half, top, half, lists_h), P.YELLOW)

    def _draw_feelings(self, surface: pygame.Surface, title: str, names: list[tuple[str, float]], box: pygame.Rect, colour) -> None:
        app = self.app
        step = ui.line_height(app, ui.TINY, 1.0) + ui.px(app, 6)
        ui.text(surface, app, title.upper(), (box.left, box.top), ui.TINY, P.mix(colour, P.WHITE, 0.3))
        y = box.top + step
        bar_w = round(box.width * 0.38)
        for name, value in names or [("none", 0.0)]:
            ui.text(surface, app, name, (box.left, y + step // 2), ui.TINY, P.TEXT, anchor="midleft")
            track = pygame.Rect(box.right - bar_w, y + step // 2 - ui.px(app, 3), bar_w, max(3, ui.px(app, 6)))
            pygame.draw.rect(surface, P.PANEL_RULE, track, border_radius=track.height)
            if value > 0:
                fill = track.copy()
                fill.width = max(track.height, round(track.width * value))
                pygame.draw.rect(surface, P.mix(colour, P.PANEL, 0.15), fill, border_radius=track.height)
            y += step

    def _draw_seed(self, surface: pygame.Surface, box: pygame.Rect) -> None:
        """The seed, large, with a softly pulsing caret while it is being typed."""
        app = self.app
        if box.height < ui.px(app, 60):
            return
        inner = ui.framed(surface, app, box, ui.px(app, 18))
        ui.eyebrow(surface, app, "Seed", (inner.centerx, inner.top))
        digits = self.digits or "—"
        rect = ui.text(surface, app, digits, (inner.centerx, inner.centery + ui.px(app, 6)), ui.HEADING, ui.VALUE if self.digits else P.TEXT_DIM, anchor="center")
        if not self.suggested:
            # A caret that breathes instead of blinking: calm, and never a flash.
            level = 0.55 + 0.45 * (0.5 + 0.5 * np.cos(self.age / 1000 * 2 * np.pi / 1.6))
            caret = pygame.Rect(rect.right + ui.px(app, 6), rect.top + ui.px(app, 4), max(2, ui.px(app, 3)), rect.height - ui.px(app, 8))
            pygame.draw.rect(surface, P.mix(P.PANEL, ui.VALUE, level), caret)
        note = "rolled for you: type to replace it" if self.suggested else f"up to {MAX_DIGITS} digits"
        ui.text(surface, app, note, (inner.centerx, inner.bottom), ui.TINY, P.TEXT_DIM, anchor="midbottom")
