"""The campaign: its chapters in order, which are open, which are done and how fast."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from dreamscape.app import campaign, intents, ui
from dreamscape.app.chapter_text import dreamers_text, size_text
from dreamscape.app.host import Host
from dreamscape.app.transitions import Push
from dreamscape.render import palette as P


def playable(chapters: list[campaign.Chapter], completed: list[str], chapter: campaign.Chapter) -> bool:
    """Completed chapters and the first one not yet completed are open; the rest wait."""
    return chapter.key in set(completed) or chapter == campaign.next_chapter(chapters, completed)


class ChaptersScene(ui.MenuScene):
    """Choose a chapter of the campaign; chapters open one after another."""

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

    def items(self) -> list[ui.MenuItem]:
        progress = self.app.progress
        rows = []
        for chapter in self.chapters:
            spec = chapter.spec
            done = progress.is_completed(chapter.key)
            best = progress.best_time(chapter.key)
            open_ = self.is_open(chapter)
            rows.append(
                ui.MenuItem(
                    f"{chapter.number}   {chapter.title}",
                    on_confirm=self._starter(chapter),
                    value=ui.clock(best) if done and best is not None else ("" if open_ else "locked"),
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
        col = self.column(surface, 1240)
        pad = ui.px(app, 12)
        list_h = min(self.menu.height(), col.height - ui.heading_height(app, over=True) - 2 * pad)
        block = ui.heading_height(app, over=True) + list_h + 2 * pad
        top = col.top + max(0, (col.height - block) // 3)
        done = len([c for c in self.chapters if self.app.progress.is_completed(c.key)])
        y = ui.heading(surface, app, "Campaign", top, over=f"{done} of {len(self.chapters)} dreams resolved", width=col.width)
        wide = col.width >= ui.px(app, 900)
        list_w = round(col.width * 0.52) if wide else col.width
        box = pygame.Rect(col.left, y, list_w, list_h + 2 * pad)
        self.menu.draw(surface, ui.framed(surface, app, box, pad))
        if wide:
            gap = ui.px(app, 24)
            self._draw_preview(surface, pygame.Rect(box.right + gap, y, col.width - list_w - gap, box.height))

    def _draw_preview(self, surface: pygame.Surface, box: pygame.Rect) -> None:
        app = self.app
        chapter = self.selected_chapter()
        spec = chapter.spec
        ui.panel(surface, app, box, alpha=165)
        pad = ui.px(app, 26)
        inner = box.inflate(-2 * pad, -2 * pad)
        y = ui.eyebrow(surface, app, f"Chapter {chapter.number}", (inner.left, inner.top), anchor="topleft").bottom + ui.px(app, 6)
        y = ui.text(surface, app, ui.fit_text(app, chapter.title, inner.width, ui.SUBHEADING), (inner.left, y), ui.SUBHEADING, P.WHITE).bottom + ui.px(app, 14)
        if not self.is_open(chapter):
            before = self.chapters[chapter.number - 2].title if chapter.number > 1 else ""
            lock = f"Locked. This dream opens once the dreamers of {before} are awake." if before else "Locked."
            ui.paragraph(surface, app, lock, (inner.left, y), inner.width, ui.SMALL, P.TEXT_DIM)
            return
        y = ui.text(surface, app, f"Dreamer: {spec.profile.name}", (inner.left, y), ui.SMALL, ui.VALUE).bottom + ui.px(app, 10)
        intro = spec.intro or spec.profile.about
        best = self.app.progress.best_time(chapter.key)
        footer = f"Resolved  ·  best time {ui.clock(best)}" if best is not None else "Not yet resolved"
        space = inner.bottom - y - ui.line_height(app, ui.TINY, 1.6)
        for size in (ui.SMALL, ui.TINY):
            if ui.paragraph_height(app, intro, inner.width, size) <= space:
                break
        y = ui.paragraph(surface, app, intro, (inner.left, y), inner.width, size, P.TEXT).bottom + ui.px(app, 12)
        about = spec.profile.about
        room = inner.bottom - ui.line_height(app, ui.TINY, 1.6) - y
        if about and about != intro and ui.paragraph_height(app, about, inner.width, ui.TINY) <= room:
            ui.paragraph(surface, app, about, (inner.left, y), inner.width, ui.TINY, P.TEXT_DIM)
        ui.text(surface, app, footer, (inner.left, inner.bottom), ui.TINY, ui.GOOD if best is not None else P.TEXT_DIM, anchor="bottomleft")
