"""The title screen: the game's name breathing softly over the night, and the main menu."""

from __future__ import annotations

import math

import pygame

from dreamscape.app import campaign, flow, ui
from dreamscape.app.input.actions import Action
from dreamscape.render import palette as P

NAME = "DREAMSCAPE"
TAGLINE = "Sleep is sold by the night now. Some sleepers never wake."
#: The glow behind the name brightens and fades over this many seconds, by a small amount.
GLOW_PERIOD_S = 7.0
GLOW_COLOUR = (120, 96, 210)
GLOW_MIN, GLOW_MAX = 0.55, 0.8


def _tracked(content: str, size_px: int, colour, tracking: float) -> pygame.Surface:
    """`content` with extra space between its letters (the font has no tracking of its own)."""
    glyphs = [ui.render(ch, size_px, colour) for ch in content]
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


class TitleScene(ui.MenuScene):
    """The main menu: Continue, Campaign, Any seed, Settings, Quit."""

    centred_menu = True

    def __init__(self, app) -> None:
        self._art: dict[int, tuple[pygame.Surface, pygame.Surface, pygame.Surface]] = {}
        self._notice_rect: pygame.Rect | None = None
        super().__init__(app)

    def enter(self) -> None:
        # Progress changes while we are away (a chapter won); rebuild what Continue offers.
        self.refresh()

    # -- the menu ----------------------------------------------------------------------

    def continue_target(self) -> tuple[str, object] | None:
        """What Continue resumes: ("chapter", Chapter) or ("seed", seed), or None."""
        last = self.app.progress.last
        if last is None:
            return None
        if last.is_seed:
            return ("seed", last.seed)
        for chapter in campaign.chapters():
            if chapter.key == last.chapter:
                return ("chapter", chapter)
        return None

    def items(self) -> list[ui.MenuItem]:
        rows = []
        target = self.continue_target()
        if target is not None:
            kind, what = target
            detail = f"Chapter {what.number} · {what.title}" if kind == "chapter" else f"any seed · seed {what}"
            rows.append(ui.MenuItem("Continue", on_confirm=self.resume, detail=detail, name="continue"))
        rows += [
            ui.MenuItem("Campaign", on_confirm=self.campaign, name="campaign"),
            ui.MenuItem("Any seed", on_confirm=self.any_seed, name="seed"),
            ui.MenuItem("Settings", on_confirm=lambda: flow.open_settings(self.app), name="settings"),
            ui.MenuItem("Quit", on_confirm=self.app.quit, name="quit"),
        ]
        return rows

    def resume(self) -> None:
        target = self.continue_target()
        if target is None:
            return
        kind, what = target
        if kind == "chapter":
            flow.start_chapter(self.app, what)
        else:
            # Progress keeps the seed but not the dreamer: the seed screen
            # opens with the seed filled in and the dreamer still to choose.
            from dreamscape.app.screens.seed_entry import SeedScene

            self.app.push(SeedScene(self.app, seed=what))

    def campaign(self) -> None:
        from dreamscape.app.screens.chapters import ChaptersScene

        self.app.push(ChaptersScene(self.app))

    def any_seed(self) -> None:
        from dreamscape.app.screens.seed_entry import SeedScene

        self.app.push(SeedScene(self.app))

    def back(self) -> None:
        # There is nowhere behind the title; BACK puts away the oldest message instead.
        self.dismiss_notice()

    def dismiss_notice(self) -> None:
        """Forget the message shown at the bottom (the next one, if any, takes its place)."""
        if self.app.notices:
            self.app.notices.pop(0)

    @property
    def hints(self) -> list[ui.Hint]:  # type: ignore[override]
        hints = [((Action.UP, Action.DOWN), "choose"), ((Action.CONFIRM,), "select")]
        if self.app.notices:
            hints.append(((Action.BACK,), "dismiss message"))
        return hints

    def handle(self, event: pygame.event.Event, actions) -> None:
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 and self._notice_rect and self._notice_rect.collidepoint(event.pos):
            self.dismiss_notice()
            return
        self.menu.handle(event, actions)

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
        width = surface.get_width()
        col = self.column(surface, 640)
        notice_h = ui.line_height(app, ui.SMALL, 1.0) + ui.px(app, 14) if app.notices else 0
        menu_h = self.menu.height()
        # The name takes what room the menu leaves, up to its full size.
        room = col.height - notice_h - menu_h - ui.px(app, 40)
        size_px = max(ui.MIN_TEXT_PX * 2, min(ui.text_px(app, ui.TITLE), round(room * 0.62), round(width / 9)))
        name, shadow, glow = self._name_art(size_px)
        tag_h = ui.line_height(app, ui.SMALL, 1.0)
        block = name.get_height() + ui.px(app, 10) + tag_h + ui.px(app, 28) + menu_h
        top = col.top + max(0, (col.height - notice_h - block) // 2)

        breath = GLOW_MIN + (GLOW_MAX - GLOW_MIN) * 0.5 * (1 - math.cos(2 * math.pi * self.age / 1000 / GLOW_PERIOD_S))
        fade = self.fade(0, 1200) / 255
        rect = name.get_rect(midtop=(width // 2, top))
        lit = glow.copy()
        level = int(255 * breath * fade)
        lit.fill((level, level, level), special_flags=pygame.BLEND_RGB_MULT)
        surface.blit(lit, lit.get_rect(center=rect.center), special_flags=pygame.BLEND_RGB_ADD)
        offset = max(1, size_px // 30)
        ui.blit_faded(surface, shadow, rect.move(offset, offset), 150 * fade)
        ui.blit_faded(surface, name, rect, 255 * fade)
        y = rect.bottom + ui.px(app, 10)
        ui.text(surface, app, TAGLINE, (width // 2, y), ui.SMALL, P.TEXT_DIM, anchor="midtop", alpha=self.fade(500, 1200))
        y += tag_h + ui.px(app, 28)
        menu_w = min(col.width, ui.px(app, 460))
        self.menu.draw(surface, pygame.Rect((width - menu_w) // 2, y, menu_w, max(menu_h, col.bottom - notice_h - y)))

        self._notice_rect = None
        if app.notices:
            self._draw_notice(surface, col, col.bottom - notice_h)

    def _draw_notice(self, surface: pygame.Surface, col: pygame.Rect, top: int) -> None:
        app = self.app
        message = app.notices[0]
        more = len(app.notices) - 1
        suffix = f"  (+{more} more)" if more else ""
        width = surface.get_width() - 2 * ui.px(app, 24)
        line = ui.fit_text(app, message, width - ui.text_width(app, suffix, ui.SMALL) - ui.px(app, 60), ui.SMALL) + suffix
        text_w = ui.text_width(app, line, ui.SMALL)
        box = pygame.Rect(0, top, text_w + ui.px(app, 56), ui.line_height(app, ui.SMALL, 1.0) + ui.px(app, 8))
        box.centerx = surface.get_width() // 2
        ui.panel(surface, app, box, alpha=200, colour=P.mix(P.PANEL, ui.WARN, 0.12), rule=P.mix(P.PANEL_RULE, ui.WARN, 0.5))
        dot = (box.left + ui.px(app, 20), box.centery)
        pygame.draw.circle(surface, ui.WARN, dot, max(3, ui.px(app, 8)))
        ui.text(surface, app, "!", dot, ui.TINY, P.INK, anchor="center", shadow=False)
        ui.text(surface, app, line, (box.left + ui.px(app, 38), box.centery), ui.SMALL, P.TEXT, anchor="midleft")
        self._notice_rect = box
