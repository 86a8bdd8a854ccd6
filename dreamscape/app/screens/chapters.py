"""The campaign: its chapters in order, which are open, which are done and how fast."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from dreamscape.app import campaign, intents
from dreamscape.app.chapter_text import dreamers_text, size_text
from dreamscape.app.host import Host
from dreamscape.app.transitions import Push
from dreamscape.app.ui import panels
from dreamscape.app.ui.menu_item import MenuItem
from dreamscape.app.ui.menu_scene import MenuScene
from dreamscape.app.ui.scale import menu_scale
from dreamscape.render import palette as P
from dreamscape.render import text, theme


def playable(chapters: list[campaign.Chapter], completed: list[str], chapter: campaign.Chapter) -> bool:
    """Completed chapters and the first one not yet completed are open; the rest wait."""
    return chapter.key in set(completed) or chapter == campaign.next_chapter(chapters, completed)


class ChaptersScene(MenuScene):
    """Choose a chapter of the campaign; chapters open one after another."""

    def resolved_text(self, done: int) -> str:
        """The line over the heading: how much of the campaign is resolved."""
        total = len(self.chapters)
        return "The campaign is complete" if total and done == total else f"{done} of {total} dreams resolved"

    def __init__(self, app: Host) -> None:
        self.chapters = campaign.chapters()
        super().__init__(app)
        # Start on the chapter the player is most likely to want: the next one.
        upcoming = campaign.next_chapter(self.chapters, app.progress.completed)
        self.menu.select(upcoming.key)

    def enter(self) -> None:
        self.refresh()

    def is_open(self, chapter: campaign.Chapter) -> bool:
        return playable(self.chapters, self.app.progress.completed, chapter)

    def items(self) -> list[MenuItem]:
        progress = self.app.progress
        rows = []
        for chapter in self.chapters:
            spec = chapter.spec
            done = progress.is_completed(chapter.key)
            best = progress.best_time(chapter.key)
            open_ = self.is_open(chapter)
            rows.append(
                MenuItem(
                    f"{chapter.number}   {chapter.title}",
                    on_confirm=self._starter(chapter),
                    value=text.clock(best) if done and best is not None else ("" if open_ else "locked"),
                    detail=f"{dreamers_text(spec.dreamer_count())} to wake  ·  {size_text(spec)}",
                    enabled=open_,
                    mark="done" if done else ("" if open_ else "locked"),
                    name=chapter.key,
                )
            )
        return rows

    def _starter(self, chapter: campaign.Chapter) -> Callable[[], None]:
        return lambda: self.go(self.start(chapter))

    def start(self, chapter: campaign.Chapter) -> Push | None:
        """Where choosing `chapter` leads: its intro, if the chapter is open."""
        return Push(intents.Intro(chapter)) if self.is_open(chapter) else None

    def selected_chapter(self) -> campaign.Chapter:
        return self.chapters[self.menu.index]

    # -- drawing -------------------------------------------------------------------------

    def draw_content(self, surface: pygame.Surface) -> None:
        app = self.app
        scale = menu_scale(app)
        col = self.column(surface, 1240)
        pad = theme.px(scale, 12)
        list_h = min(self.menu.height(), col.height - panels.heading_height(scale, over=True) - 2 * pad)
        block = panels.heading_height(scale, over=True) + list_h + 2 * pad
        top = col.top + max(0, (col.height - block) // 3)
        done = len([c for c in self.chapters if self.app.progress.is_completed(c.key)])
        y = panels.heading(surface, scale, "Campaign", top, over=self.resolved_text(done), width=col.width)
        wide = col.width >= theme.px(scale, 900)
        list_w = round(col.width * 0.52) if wide else col.width
        box = pygame.Rect(col.left, y, list_w, list_h + 2 * pad)
        self.menu.draw(surface, panels.framed(surface, scale, box, pad))
        if wide:
            gap = theme.px(scale, 24)
            self._draw_preview(surface, pygame.Rect(box.right + gap, y, col.width - list_w - gap, box.height))

    def _draw_preview(self, surface: pygame.Surface, box: pygame.Rect) -> None:
        app = self.app
        scale = menu_scale(app)
        chapter = self.selected_chapter()
        spec = chapter.spec
        panels.panel(surface, scale, box, alpha=165)
        pad = theme.px(scale, 26)
        inner = box.inflate(-2 * pad, -2 * pad)
        y = panels.eyebrow(surface, scale, f"Chapter {chapter.number}", (inner.left, inner.top), anchor="topleft").bottom + theme.px(scale, 6)
        y = text.draw(surface, scale, text.fit(scale, chapter.title, inner.width, theme.SUBHEADING), (inner.left, y), theme.SUBHEADING, P.WHITE).bottom + theme.px(scale, 14)
        if not self.is_open(chapter):
            before = self.chapters[chapter.number - 2].title if chapter.number > 1 else ""
            lock = f"Locked. This dream opens once the dreamers of {before} are awake." if before else "Locked."
            text.paragraph(surface, scale, lock, (inner.left, y), inner.width, theme.SMALL, P.TEXT_DIM)
            return
        y = text.draw(surface, scale, f"Dreamer: {spec.profile.name}", (inner.left, y), theme.SMALL, theme.VALUE).bottom + theme.px(scale, 10)
        intro = spec.intro or spec.profile.about
        best = self.app.progress.best_time(chapter.key)
        footer = f"Resolved  ·  best time {text.clock(best)}" if best is not None else "Not yet resolved"
        space = inner.bottom - y - text.line_height(scale, theme.TINY, 1.6)
        for size in (theme.SMALL, theme.TINY):
            if text.paragraph_height(scale, intro, inner.width, size) <= space:
                break
        y = text.paragraph(surface, scale, intro, (inner.left, y), inner.width, size, P.TEXT).bottom + theme.px(scale, 12)
        about = spec.profile.about
        room = inner.bottom - text.line_height(scale, theme.TINY, 1.6) - y
        if about and about != intro and text.paragraph_height(scale, about, inner.width, theme.TINY) <= room:
            text.paragraph(surface, scale, about, (inner.left, y), inner.width, theme.TINY, P.TEXT_DIM)
        text.draw(surface, scale, footer, (inner.left, inner.bottom), theme.TINY, theme.GOOD if best is not None else P.TEXT_DIM, anchor="bottomleft")
