"""After a dive: how it ended, what it took, and where to go next."""

from __future__ import annotations

from pathlib import Path

import pygame

from dreamscape.app import campaign, flow, paths, ui
from dreamscape.app.input.actions import Action
from dreamscape.app.session import DiveResult
from dreamscape.core.level import LevelSpec
from dreamscape.render import palette as P
from dreamscape.sim.rules import LUCIDITY_MAX


def outcome_text(result: DiveResult) -> tuple[str, str]:
    """(headline, the line under it) for how the dive ended."""
    left = result.dreamers - result.woken
    if result.outcome == "won":
        return "Everyone is awake", "Every dreamer woken, and all of you carried back across the bridge to waking."
    if result.outcome == "lost_time":
        if left == 0:
            return "The rescue window closed", "You woke them all, but the dream sealed itself before you reached the bridge. The team pulled you out alone."
        still = "one dreamer" if left == 1 else f"{left} dreamers"
        return "The rescue window closed", f"The dream sealed itself with {still} still inside, dreaming on."
    if result.outcome == "lost_lucidity":
        return "Lucidity failed", "The dream's fears wore your mind thin until it pulled you under. The team hauled you back before it could keep you."
    return "You surfaced early", "The dive was left unfinished. The dream goes on without you, for now."


def outcome_colour(result: DiveResult):
    if result.outcome == "won":
        return ui.GOOD
    if result.outcome == "lost_lucidity":
        return ui.ACCENT_WARM
    return ui.WARN if result.outcome == "lost_time" else P.TEXT_DIM


def short_path(app, path: Path, width: int, size: float) -> str:
    """A path as the player reads it, its start elided if it is too wide (the file name matters most)."""
    shown = paths.display_path(path)
    if ui.text_width(app, shown, size) <= width:
        return shown
    while len(shown) > 4 and ui.text_width(app, "…" + shown, size) > width:
        shown = shown[1:]
    return "…" + shown


class ResultsScene(ui.MenuScene):
    """The end of a dive; `spec` (the level dived) lets 'Try again' dive the same dream."""

    centred_menu = True
    hints = [((Action.UP, Action.DOWN), "choose"), ((Action.CONFIRM,), "select"), ((Action.BACK,), "title")]

    def __init__(self, app, result: DiveResult, spec: LevelSpec | None = None) -> None:
        self.result = result
        self.chapters = campaign.chapters()
        self.chapter = next((c for c in self.chapters if c.key == result.chapter), None) if result.chapter else None
        self.spec = spec if spec is not None else (self.chapter.spec if self.chapter else None)
        self.next = campaign.after(self.chapters, self.chapter) if self.chapter and result.won else None
        super().__init__(app)
        if self.next is None and not result.won and self.spec is not None:
            self.menu.select("again")

    def items(self) -> list[ui.MenuItem]:
        rows = []
        if self.next is not None:
            rows.append(ui.MenuItem("Next chapter", on_confirm=lambda: flow.start_chapter(self.app, self.next), detail=self.next_detail(), name="next"))
        if self.spec is not None:
            rows.append(ui.MenuItem("Try again", on_confirm=self.again, name="again"))
        if self.result.recording is not None:
            rows.append(ui.MenuItem("Watch the replay", on_confirm=lambda: flow.watch(self.app, self.result.recording), name="replay"))
        rows.append(ui.MenuItem("Title", on_confirm=lambda: flow.to_title(self.app), name="title"))
        return rows

    def next_detail(self) -> str:
        return f"Chapter {self.next.number} · {self.next.title}"

    def again(self) -> None:
        """The same dream, same seed, from the start."""
        flow.start_dive(self.app, self.spec, chapter=self.result.chapter)

    def back(self) -> None:
        flow.to_title(self.app)

    def new_best(self) -> bool:
        """True when this dive set the chapter's best time."""
        r = self.result
        if not (r.won and r.chapter):
            return False
        best = self.app.progress.best_time(r.chapter)
        return best is not None and abs(best - r.seconds) < 1e-6

    def stats(self) -> list[tuple[str, str]]:
        """(value, label) tiles."""
        r = self.result
        return [
            (ui.clock(r.seconds), "time"),
            (f"{r.woken} of {r.dreamers}", "woken"),
            (str(r.shards), "shards"),
            (f"{round(100 * r.lucidity / LUCIDITY_MAX)}%", "lucidity left"),
        ]

    def lines(self, width: int, compact: bool = False) -> list[tuple[str, tuple]]:
        """The small print: seed and level, the recording, relaxed mode (folded into the seed line when compact)."""
        r = self.result
        seed_line = f"Seed {r.seed}  ·  {r.level}"
        if compact and r.relaxed:
            seed_line += "  ·  relaxed mode"
        out = [(seed_line, P.TEXT_DIM)]
        if r.recording is not None:
            prefix = "Recording saved to "
            room = width - ui.text_width(self.app, prefix, ui.TINY)
            out.append((prefix + short_path(self.app, r.recording, room, ui.TINY), P.TEXT_DIM))
        else:
            out.append(("Not recorded", P.TEXT_DIM))
        if r.relaxed and not compact:
            out.append(("Relaxed mode: a longer rescue window", ui.VALUE))
        return out

    # -- drawing ------------------------------------------------------------------------------

    def _heights(self, col: pygame.Rect, compact: bool) -> dict[str, int]:
        app = self.app
        _, line = outcome_text(self.result)
        gap = ui.px(app, 10 if compact else 18)
        if compact:
            stats = ui.line_height(app, ui.SMALL, 1.0) + ui.px(app, 14)
        else:
            stats = ui.text_height(app, ui.SUBHEADING) + ui.line_height(app, ui.TINY, 1.0) + ui.px(app, 34)
        heights = {
            "gap": gap,
            "line": ui.paragraph_height(app, line, min(col.width, ui.px(app, 760)), ui.SMALL),
            "best": ui.line_height(app, ui.SMALL, 1.2) if self.new_best() else 0,
            "stats": stats,
            "small": ui.line_height(app, ui.TINY, 1.3) * len(self.lines(col.width, compact)),
            "menu": self.menu.height(),
        }
        heights["block"] = ui.heading_height(app, True) + heights["line"] + heights["best"] + 3 * gap + heights["stats"] + heights["small"] + heights["menu"]
        return heights

    def draw_content(self, surface: pygame.Surface) -> None:
        app = self.app
        col = self.column(surface, 980)
        headline, line = outcome_text(self.result)
        over = f"Chapter {self.chapter.number} · {self.chapter.title}" if self.chapter else "Any seed"
        # A small window gets the compact form: one-line stat tiles, folded small print.
        compact = self._heights(col, False)["block"] > col.height
        if self.next is not None:
            # The next chapter's name is a luxury a cramped window goes without.
            self.menu.item("next").detail = "" if compact else self.next_detail()
        h = self._heights(col, compact)
        gap = h["gap"]
        top = col.top + max(0, (col.height - h["block"]) // 3)

        # The headline takes the colour of the outcome; the eyebrow says which dream it was.
        y = ui.heading_height(app, True) + top
        ui.eyebrow(surface, app, over, (col.centerx, top))
        head_y = top + ui.text_height(app, ui.TINY) + ui.px(app, 6)
        head = ui.text(surface, app, ui.fit_text(app, headline, col.width, ui.HEADING), (col.centerx, head_y), ui.HEADING, P.mix(outcome_colour(self.result), P.WHITE, 0.55), anchor="midtop")
        ui.rule(surface, col.centerx, head_y + ui.text_height(app, ui.HEADING) + ui.px(app, 10), max(head.width + ui.px(app, 80), ui.px(app, 240)), outcome_colour(self.result))
        y = ui.paragraph(surface, app, line, (col.centerx, y), min(col.width, ui.px(app, 760)), ui.SMALL, P.TEXT, align="center").bottom
        if h["best"]:
            ui.text(surface, app, "A new best time for this chapter", (col.centerx, y + ui.px(app, 4)), ui.SMALL, ui.GOOD, anchor="midtop")
            y += h["best"]
        y += gap
        self._draw_stats(surface, pygame.Rect(col.left, y, col.width, h["stats"]), compact)
        y += h["stats"] + gap
        for words, colour in self.lines(col.width, compact):
            ui.text(surface, app, words, (col.centerx, y), ui.TINY, colour, anchor="midtop")
            y += ui.line_height(app, ui.TINY, 1.3)
        y += gap
        menu_w = min(col.width, ui.px(app, 460))
        self.menu.draw(surface, pygame.Rect(col.centerx - menu_w // 2, y, menu_w, max(ui.px(app, 40), col.bottom - y)))

    def _draw_stats(self, surface: pygame.Surface, area: pygame.Rect, compact: bool = False) -> None:
        app = self.app
        tiles = self.stats()
        gap = ui.px(app, 12)
        width = (area.width - gap * (len(tiles) - 1)) // len(tiles)
        for i, (value, label) in enumerate(tiles):
            box = pygame.Rect(area.left + i * (width + gap), area.top, width, area.height)
            ui.panel(surface, app, box, alpha=165)
            room = box.width - ui.px(app, 12)
            if compact:
                # Value and label side by side; the label goes if even that will not fit.
                space = ui.px(app, 6)
                value_w = ui.text_width(app, value, ui.SMALL)
                label_w = ui.text_width(app, label, ui.TINY)
                if value_w + space + label_w > room:
                    ui.text(surface, app, ui.fit_text(app, value, room, ui.SMALL), box.center, ui.SMALL, P.WHITE, anchor="center")
                    continue
                x = box.centerx - (value_w + space + label_w) // 2
                v = ui.text(surface, app, value, (x, box.centery), ui.SMALL, P.WHITE, anchor="midleft")
                ui.text(surface, app, label, (v.right + space, box.centery), ui.TINY, P.TEXT_DIM, anchor="midleft")
                continue
            v = ui.text(surface, app, ui.fit_text(app, value, room, ui.SUBHEADING), (box.centerx, box.top + ui.px(app, 12)), ui.SUBHEADING, P.WHITE, anchor="midtop")
            ui.text(surface, app, ui.fit_text(app, label, room, ui.TINY), (box.centerx, v.bottom + ui.px(app, 4)), ui.TINY, P.TEXT_DIM, anchor="midtop")
