"""A chapter's threshold: its story, who is dreaming, what is at stake, and the keys for the dive."""

from __future__ import annotations

import math

import pygame

from dreamscape.app import campaign, intents
from dreamscape.app.chapter_text import dreamers_text
from dreamscape.app.host import Host
from dreamscape.app.input.actions import Action
from dreamscape.app.input.key_names import key_label
from dreamscape.app.transitions import Pop, Reset, Transition
from dreamscape.app.ui import panels
from dreamscape.app.ui.hints import cap_width, key_cap, key_name_for
from dreamscape.app.ui.menu_scene import MenuScene
from dreamscape.app.ui.scale import menu_scale
from dreamscape.core.climax import USES
from dreamscape.render import palette as P
from dreamscape.render import text, theme

#: The story appears a line at a time: each line fades in over LINE_FADE_MS,
#: LINE_STEP_MS after the one before.
LINE_FADE_MS = 900.0
LINE_STEP_MS = 420.0
#: The panels below wait for the story to begin before fading in.
DETAILS_DELAY_MS = 700.0
DIRECTIONS = (Action.UP, Action.LEFT, Action.DOWN, Action.RIGHT)


def movement_text(app: Host) -> str:
    """How to move, from the bindings: 'arrow keys or W A S D' for the defaults."""
    c = app.controls
    keys = [c.keys_for(a) for a in DIRECTIONS]
    sets = []
    for slot in range(max(len(k) for k in keys)):
        names = [k[slot] for k in keys if len(k) > slot]
        if len(names) != len(DIRECTIONS):
            continue
        sets.append("arrow keys" if names == ["up", "left", "down", "right"] else " ".join(key_label(n) for n in names))
    if not sets:
        return " / ".join(c.bindings_text(a) for a in DIRECTIONS)
    return " or ".join(sets)


class IntroScene(MenuScene):
    """The intro of one chapter; confirming dives in."""

    hints = [((Action.CONFIRM,), "dive"), ((Action.BACK,), "back")]

    def __init__(self, app: Host, chapter: campaign.Chapter) -> None:
        self.chapter = chapter
        super().__init__(app)

    def handle(self, event: pygame.event.Event, actions: list[tuple[Action, bool]]) -> Transition | None:
        for action, down in actions:
            if not down:
                continue
            if action is Action.CONFIRM:
                return self.dive()
            if action is Action.BACK:
                return Pop()
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            return self.dive()
        return None

    def dive(self) -> Reset:
        """Into the chapter's dream."""
        self.app.audio.play("menu_select")
        return Reset(intents.Loading(self.chapter.spec, chapter=self.chapter.key))

    def _line_alpha(self, i: int) -> float:
        return 255 * min(1.0, max(0.0, (self.age - 250 - i * LINE_STEP_MS) / LINE_FADE_MS))

    def stakes(self) -> list[str]:
        """What the dive asks, one line each."""
        spec = self.chapter.spec
        lines = [f"{dreamers_text(spec.dreamer_count())} to wake" + (", each with a ward of clients" if spec.climax == "nexus" else ""), f"a labyrinth {spec.width} × {spec.height} tiles across", "then find the bridge back to waking"]
        if self.app.settings.relaxed:
            lines.append("relaxed mode: a longer rescue window")
        return lines

    def controls(self) -> list[tuple[str, str]]:
        """(what, keys) for the dive, from the current bindings."""
        c = self.app.controls
        return [
            ("Move", movement_text(self.app)),
            ("Wake", f"{c.bindings_text(Action.WAKE)}, held beside a dreamer"),
            *([("Use", f"{c.bindings_text(Action.USE)}, on a {kind}")] if (kind := USES.get(self.chapter.spec.climax)) else []),
            ("Pause", c.bindings_text(Action.PAUSE)),
            ("Map", c.bindings_text(Action.MINIMAP)),
        ]

    # -- drawing ------------------------------------------------------------------------

    def draw_content(self, surface: pygame.Surface) -> None:
        app = self.app
        scale = menu_scale(app)
        chapter = self.chapter
        spec = chapter.spec
        col = self.column(surface, 1120)
        intro = spec.intro or spec.profile.about
        story_w = min(col.width, theme.px(scale, 900))
        wide = col.width >= theme.px(scale, 900)
        panels_h = self._panels_height(col, wide)
        head_h, gap = panels.heading_height(scale, over=True), theme.px(scale, 26)
        sizes = (theme.SUBHEADING - 4, theme.BODY, theme.SMALL, theme.TINY)
        # The story is the heart of the screen: it takes the largest size that
        # leaves room for the panels, and on a window too small for both the
        # panels give way (the keys are still in the dive's own hints).
        for story_size in sizes:
            story_h = text.paragraph_height(scale, intro, story_w, story_size, spacing=1.35)
            if head_h + story_h + gap + panels_h <= col.height:
                break
        else:
            panels_h = 0
            for story_size in sizes:
                story_h = text.paragraph_height(scale, intro, story_w, story_size, spacing=1.35)
                if head_h + story_h <= col.height:
                    break
        block = head_h + story_h + (gap + panels_h if panels_h else 0)
        top = col.top + max(0, (col.height - block) // 3)
        # Narrow windows drop the dreamer's panel, so the eyebrow names them instead.
        over = f"Chapter {chapter.number}" if wide and panels_h else f"Chapter {chapter.number} · {spec.profile.name}'s dream"
        y = panels.heading(surface, scale, chapter.title, top, over=over, width=col.width)
        y = text.paragraph(surface, scale, intro, (col.centerx, y), story_w, story_size, P.TEXT, align="center", spacing=1.35, line_alpha=self._line_alpha).bottom
        if not panels_h:
            return
        y += gap
        alpha = self.fade(DETAILS_DELAY_MS, 900)
        area = pygame.Rect(col.left, y, col.width, panels_h)
        self._draw_panels(surface, area, wide, alpha)
        prompt_y = area.bottom + theme.px(scale, 34)
        if prompt_y + theme.px(scale, 20) < col.bottom:
            self._draw_prompt(surface, (col.centerx, prompt_y))

    def _draw_prompt(self, surface: pygame.Surface, centre: tuple[int, int]) -> None:
        """'[Enter] to dive', breathing slowly once the story has appeared."""
        app = self.app
        scale = menu_scale(app)
        breath = 0.8 + 0.2 * math.cos(self.age / 1000 * 2 * math.pi / 3.2)
        alpha = self.fade(DETAILS_DELAY_MS + 600, 900) * breath
        name = key_name_for(app, Action.CONFIRM)
        words = "to dive"
        total = cap_width(app, name) + theme.px(scale, 10) + text.width_of(scale, words, theme.SMALL)
        x = centre[0] - total // 2
        x = key_cap(surface, app, name, (x, centre[1]), alpha) + theme.px(scale, 10)
        text.draw(surface, scale, words, (x, centre[1]), theme.SMALL, P.TEXT, anchor="midleft", alpha=alpha)

    def _sections(self) -> list[tuple[str, list[tuple[str, str]]]]:
        profile = self.chapter.spec.profile
        return [
            ("The dreamer", [("", profile.name)] + ([("about", profile.about)] if profile.about else [])),
            ("At stake", [("", line) for line in self.stakes()]),
            ("Your keys", self.controls()),
        ]

    def _section_height(self, rows: list[tuple[str, str]], width: int) -> int:
        app = self.app
        scale = menu_scale(app)
        height = text.line_height(scale, theme.TINY, 1.0) + theme.px(scale, 10)
        for label, value in rows:
            if label == "about":
                height += text.paragraph_height(scale, value, width, theme.TINY, spacing=1.25)
            else:
                height += text.line_height(scale, theme.SMALL, 1.25)
        return height

    def _panels_height(self, col: pygame.Rect, wide: bool) -> int:
        app = self.app
        scale = menu_scale(app)
        pad = theme.px(scale, 18)
        sections = self._sections()
        if wide:
            width = (col.width - 2 * theme.px(scale, 18)) // 3 - 2 * pad
            return max(self._section_height(rows, width) for _, rows in sections) + 2 * pad
        # Narrow windows show only what is at stake and the keys, side by side.
        width = (col.width - theme.px(scale, 12)) // 2 - 2 * pad
        return max(self._section_height(rows, width) for _, rows in sections[1:]) + 2 * pad

    def _draw_panels(self, surface: pygame.Surface, area: pygame.Rect, wide: bool, alpha: float) -> None:
        app = self.app
        scale = menu_scale(app)
        sections = self._sections() if wide else self._sections()[1:]
        gap = theme.px(scale, 18 if wide else 12)
        width = (area.width - gap * (len(sections) - 1)) // len(sections)
        pad = theme.px(scale, 18)
        for i, (title, rows) in enumerate(sections):
            box = pygame.Rect(area.left + i * (width + gap), area.top, width, area.height)
            panels.panel(surface, scale, box, alpha=round(165 * alpha / 255))
            inner = box.inflate(-2 * pad, -2 * pad)
            y = panels.eyebrow(surface, scale, title, (inner.left, inner.top), anchor="topleft", alpha=alpha).bottom + theme.px(scale, 10)
            for label, value in rows:
                if label == "about":
                    y = text.paragraph(surface, scale, value, (inner.left, y), inner.width, theme.TINY, P.TEXT_DIM, spacing=1.25, line_alpha=lambda _i: alpha).bottom
                elif label:
                    step = text.line_height(scale, theme.SMALL, 1.25)
                    tag = text.draw(surface, scale, label, (inner.left, y), theme.SMALL, P.TEXT_DIM, alpha=alpha)
                    keys_x = inner.left + text.width_of(scale, "Pause", theme.SMALL) + theme.px(scale, 16)
                    text.draw(surface, scale, text.fit(scale, value, inner.right - keys_x, theme.SMALL), (max(keys_x, tag.right + theme.px(scale, 10)), y), theme.SMALL, theme.VALUE, alpha=alpha)
                    y += step
                else:
                    colour = P.WHITE if title == "The dreamer" else P.TEXT
                    text.draw(surface, scale, text.fit(scale, value, inner.width, theme.SMALL), (inner.left, y), theme.SMALL, colour, alpha=alpha)
                    y += text.line_height(scale, theme.SMALL, 1.25)
