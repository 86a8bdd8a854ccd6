"""The title screen: the game's name breathing softly over the night, and the main menu."""

from __future__ import annotations

import math

import pygame

from dreamscape.app import campaign, intents
from dreamscape.app.host import Host
from dreamscape.app.input.actions import Action
from dreamscape.app.transitions import Push, Transition
from dreamscape.app.ui import panels
from dreamscape.app.ui.hints import Hint
from dreamscape.app.ui.menu_item import MenuItem
from dreamscape.app.ui.menu_scene import MenuScene
from dreamscape.app.ui.scale import menu_scale
from dreamscape.render import palette as P
from dreamscape.render import text, theme

NAME = "DREAMSCAPE"
TAGLINE = "Sleep is sold by the night now. Some sleepers never wake."
#: The glow behind the name brightens and fades over this many seconds, by a small amount.
GLOW_PERIOD_S = 7.0
GLOW_COLOUR = (120, 96, 210)
GLOW_MIN, GLOW_MAX = 0.55, 0.8


def _tracked(content: str, size_px: int, colour, tracking: float) -> pygame.Surface:
    """`content` with extra space between its letters (the font has no tracking of its own)."""
    glyphs = [text.render(ch, size_px, colour) for ch in content]
    gap = round(size_px * tracking)
    width = sum(g.get_width() for g in glyphs) + gap * (len(glyphs) - 1)
    image = pygame.Surface((width, max(g.get_height() for g in glyphs)), pygame.SRCALPHA)
    x = 0
    for glyph in glyphs:
        image.blit(glyph, (x, 0))
        x += glyph.get_width() + gap
    return image


def _blurred(image: pygame.Surface, radius: int, colour) -> pygame.Surface:
    """A soft glow in `colour` shaped like `image`, `radius` pixels wider all round (no alpha: drawn additively)."""
    width, height = image.get_width() + 4 * radius, image.get_height() + 4 * radius
    shape = pygame.Surface((width, height))
    shape.fill((0, 0, 0))
    tinted = image.copy()
    tinted.fill((*colour, 255), special_flags=pygame.BLEND_RGBA_MULT)
    shape.blit(tinted, (2 * radius, 2 * radius))
    # Down and up again is a cheap, wide blur.
    factor = max(2, radius // 2)
    small = pygame.transform.smoothscale(shape, (max(1, width // factor), max(1, height // factor)))
    small = pygame.transform.smoothscale(small, (max(1, width // (factor * 2)), max(1, height // (factor * 2))))
    return pygame.transform.smoothscale(small, (width, height))


class TitleScene(MenuScene):
    """The main menu: Continue, Campaign, Any seed, Settings, Quit."""

    centred_menu = True

    def __init__(self, app: Host) -> None:
        self._art: dict[int, tuple[pygame.Surface, pygame.Surface, pygame.Surface]] = {}
        self._notice_rect: pygame.Rect | None = None
        super().__init__(app)

    def enter(self) -> None:
        # Progress changes while we are away (a chapter won); rebuild what Continue offers.
        self.refresh()

    # -- the menu ----------------------------------------------------------------------

    def continue_target(self) -> campaign.Chapter | int | None:
        """What Continue resumes: a chapter, a seed of Any seed, or None."""
        last = self.app.progress.last
        if last is None:
            return None
        if last.is_seed:
            return last.seed
        for chapter in campaign.chapters():
            if chapter.key == last.chapter:
                return chapter
        return None

    def items(self) -> list[MenuItem]:
        rows = []
        target = self.continue_target()
        if target is not None:
            detail = f"Chapter {target.number} · {target.title}" if isinstance(target, campaign.Chapter) else f"any seed · seed {target}"
            rows.append(MenuItem("Continue", on_confirm=lambda: self.go(self.resume()), detail=detail, name="continue"))
        rows.append(MenuItem("Campaign", on_confirm=lambda: self.go(Push(intents.Chapters())), name="campaign"))
        if campaign.complete(campaign.chapter_keys(), self.app.progress.completed):
            rows.append(MenuItem("Epilogue", on_confirm=lambda: self.go(Push(intents.Epilogue())), detail="the campaign is complete", name="epilogue"))
        rows += [
            MenuItem("Any seed", on_confirm=lambda: self.go(Push(intents.SeedEntry())), name="seed"),
            MenuItem("Settings", on_confirm=lambda: self.go(Push(intents.Settings())), name="settings"),
            MenuItem("Quit", on_confirm=self.app.quit, name="quit"),
        ]
        return rows

    def resume(self) -> Push | None:
        """Where Continue leads: the last chapter's intro, or the seed screen with the last seed."""
        target = self.continue_target()
        if target is None:
            return None
        if isinstance(target, campaign.Chapter):
            return Push(intents.Intro(target))
        # Progress keeps the seed but not the dreamer: the seed screen
        # opens with the seed filled in and the dreamer still to choose.
        return Push(intents.SeedEntry(seed=target))

    def back(self) -> None:
        # There is nowhere behind the title; BACK puts away the oldest message instead.
        self.dismiss_notice()

    def dismiss_notice(self) -> None:
        """Forget the message shown at the bottom (the next one, if any, takes its place)."""
        if self.app.notices:
            self.app.notices.pop(0)

    @property
    def hints(self) -> list[Hint]:  # type: ignore[override]
        hints: list[Hint] = [((Action.UP, Action.DOWN), "choose"), ((Action.CONFIRM,), "select")]
        if self.app.notices:
            hints.append(((Action.BACK,), "dismiss message"))
        return hints

    def handle(self, event: pygame.event.Event, actions: list[tuple[Action, bool]]) -> Transition | None:
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 and self._notice_rect and self._notice_rect.collidepoint(event.pos):
            self.dismiss_notice()
            return None
        self.menu.handle(event, actions)
        return self.take_transition()

    # -- drawing -------------------------------------------------------------------------

    def _name_art(self, size_px: int) -> tuple[pygame.Surface, pygame.Surface, pygame.Surface]:
        """(name, its shadow, its glow) at `size_px`, made once per size."""
        art = self._art.get(size_px)
        if art is None:
            name = _tracked(NAME, size_px, P.WHITE, 0.12)
            shadow = _tracked(NAME, size_px, P.INK, 0.12)
            glow = _blurred(name, max(4, size_px // 7), GLOW_COLOUR)
            # Only the current size is kept: the window changes size rarely.
            self._art = {size_px: (name, shadow, glow)}
            art = self._art[size_px]
        return art

    def draw_content(self, surface: pygame.Surface) -> None:
        app = self.app
        scale = menu_scale(app)
        width = surface.get_width()
        col = self.column(surface, 640)
        notice_h = text.line_height(scale, theme.SMALL, 1.0) + theme.px(scale, 14) if app.notices else 0
        menu_h = self.menu.height()
        # The name takes what room the menu leaves, up to its full size.
        room = col.height - notice_h - menu_h - theme.px(scale, 40)
        size_px = max(theme.MIN_TEXT_PX * 2, min(theme.text_px(scale, theme.TITLE), round(room * 0.62), round(width / 9)))
        name, shadow, glow = self._name_art(size_px)
        tag_h = text.line_height(scale, theme.SMALL, 1.0)
        block = name.get_height() + theme.px(scale, 10) + tag_h + theme.px(scale, 28) + menu_h
        top = col.top + max(0, (col.height - notice_h - block) // 2)

        breath = GLOW_MIN + (GLOW_MAX - GLOW_MIN) * 0.5 * (1 - math.cos(2 * math.pi * self.age / 1000 / GLOW_PERIOD_S))
        fade = self.fade(0, 1200) / 255
        rect = name.get_rect(midtop=(width // 2, top))
        lit = glow.copy()
        level = int(255 * breath * fade)
        lit.fill((level, level, level), special_flags=pygame.BLEND_RGB_MULT)
        surface.blit(lit, lit.get_rect(center=rect.center), special_flags=pygame.BLEND_RGB_ADD)
        offset = max(1, size_px // 30)
        text.blit_faded(surface, shadow, rect.move(offset, offset), 150 * fade)
        text.blit_faded(surface, name, rect, 255 * fade)
        y = rect.bottom + theme.px(scale, 10)
        text.draw(surface, scale, TAGLINE, (width // 2, y), theme.SMALL, P.TEXT_DIM, anchor="midtop", alpha=self.fade(500, 1200))
        y += tag_h + theme.px(scale, 28)
        menu_w = min(col.width, theme.px(scale, 460))
        self.menu.draw(surface, pygame.Rect((width - menu_w) // 2, y, menu_w, max(menu_h, col.bottom - notice_h - y)))

        self._notice_rect = None
        if app.notices:
            self._draw_notice(surface, col, col.bottom - notice_h)

    def _draw_notice(self, surface: pygame.Surface, col: pygame.Rect, top: int) -> None:
        app = self.app
        scale = menu_scale(app)
        message = app.notices[0]
        more = len(app.notices) - 1
        suffix = f"  (+{more} more)" if more else ""
        width = surface.get_width() - 2 * theme.px(scale, 24)
        line = text.fit(scale, message, width - text.width_of(scale, suffix, theme.SMALL) - theme.px(scale, 60), theme.SMALL) + suffix
        text_w = text.width_of(scale, line, theme.SMALL)
        box = pygame.Rect(0, top, text_w + theme.px(scale, 56), text.line_height(scale, theme.SMALL, 1.0) + theme.px(scale, 8))
        box.centerx = surface.get_width() // 2
        panels.panel(surface, scale, box, alpha=200, colour=P.mix(P.PANEL, theme.WARN, 0.12), rule=P.mix(P.PANEL_RULE, theme.WARN, 0.5))
        dot = (box.left + theme.px(scale, 20), box.centery)
        pygame.draw.circle(surface, theme.WARN, dot, max(3, theme.px(scale, 8)))
        text.draw(surface, scale, "!", dot, theme.TINY, P.INK, anchor="center", shadow=False)
        text.draw(surface, scale, line, (box.left + theme.px(scale, 38), box.centery), theme.SMALL, P.TEXT, anchor="midleft")
        self._notice_rect = box
