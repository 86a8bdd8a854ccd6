"""After a dive: how it ended, what it took, and where to go next."""

from __future__ import annotations

from pathlib import Path

import pygame

from dreamscape.app import campaign, intents, paths
from dreamscape.app.host import Host
from dreamscape.app.input.actions import Action
from dreamscape.app.nexus_text import NEXUS, results_line
from dreamscape.app.session import DiveResult
from dreamscape.app.transitions import Push, Reset
from dreamscape.app.ui import panels
from dreamscape.app.ui.menu_item import MenuItem
from dreamscape.app.ui.menu_scene import MenuScene
from dreamscape.app.ui.scale import menu_scale
from dreamscape.core.level import LevelSpec
from dreamscape.render import palette as P
from dreamscape.render import text, theme
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


def climax_text(result: DiveResult) -> str:
    """What the player did in the level's climax, in a line ('' when it has none or never began)."""
    if result.climax == "replay" and result.marks:
        nights = "once" if result.replays == 1 else f"{result.replays} times"
        again = f"; the night started over {nights}" if result.replays else ""
        if result.climax_resolved:
            return f"You found all {result.marks} memories {_owner(result)} loop was hiding{again}, and the dreamer remembered."
        return f"The loop kept its secrets: {result.marks_done} of {result.marks} memories found{again}."
    if result.climax == "prison":
        return prison_text(result)
    if result.climax == "blackout":
        return blackout_text(result)
    if result.climax == NEXUS:
        return results_line(result.climax, result.clients_woken, result.clients, result.terminals_hacked, result.terminals, result.won)
    if result.climax != "doubt" or not result.doubt_risen:
        return ""
    if result.loop_broken:
        ending = "and Mia's bridge carried you out." if result.won else "and Mia's bridge opened, just out of reach."
        return f"You broke {_owner(result)} loop: all {result.beacons} friends' beacons burned, {ending}"
    return f"{_owner(result).capitalize()} doubt held the loop: {result.beacons_lit} of {result.beacons} friends' beacons lit."


def _owner(result: DiveResult) -> str:
    """'Leo's', or 'the dreamer's' when the result names no dreamer."""
    return f"{result.dreamer}'s" if result.dreamer else "the dreamer's"


def prison_text(result: DiveResult) -> str:
    """The prison's line: the doorways unmasked or not, the walls painted, the times carried back."""
    strokes = f"you painted {result.painted} way{'s' if result.painted != 1 else ''} through with Lila's colours" if result.painted else "Lila's paint went unused"
    back = f", and the false doorways carried you back {result.carried} time{'s' if result.carried != 1 else ''}" if result.carried else ""
    if result.unmasked:
        return f"Anya unmasked all {result.doorways} false doorways; {strokes}{back}."
    return f"The {result.doorways} false doorways kept their masks; {strokes}{back}."


def blackout_text(result: DiveResult) -> str:
    """Chapter four's line: how many dreamers shared their sight in the dark."""
    n, of = result.sight_shared, result.dreamers
    if result.dreamspace_shared:
        ending = "and you walked out of the dark together." if result.won else "but the way out stayed beyond your reach."
        return f"Sight shared by all {of} dreamers: the dreamspace held without the network, {ending}"
    if n == 0:
        return f"The network stayed down, and no one lent you their sight (0 of {of})."
    return f"The network stayed down: sight shared by {n} of {of} dreamers."


def outcome_colour(result: DiveResult):
    if result.outcome == "won":
        return theme.GOOD
    if result.outcome == "lost_lucidity":
        return theme.ACCENT_WARM
    return theme.WARN if result.outcome == "lost_time" else P.TEXT_DIM


def short_path(app: Host, path: Path, width: int, size: float) -> str:
    """A path as the player reads it, its start elided if it is too wide (the file name matters most)."""
    scale = menu_scale(app)
    shown = paths.display_path(path)
    if text.width_of(scale, shown, size) <= width:
        return shown
    while len(shown) > 4 and text.width_of(scale, "…" + shown, size) > width:
        shown = shown[1:]
    return "…" + shown


class ResultsScene(MenuScene):
    """The end of a dive; `spec` (the level dived) lets 'Try again' dive the same dream."""

    centred_menu = True
    hints = [((Action.UP, Action.DOWN), "choose"), ((Action.CONFIRM,), "select"), ((Action.BACK,), "title")]

    def __init__(self, app: Host, result: DiveResult, spec: LevelSpec | None = None) -> None:
        self.result = result
        self.chapters = campaign.chapters()
        self.chapter = next((c for c in self.chapters if c.key == result.chapter), None) if result.chapter else None
        self.spec = spec if spec is not None else (self.chapter.spec if self.chapter else None)
        self.next = campaign.after(self.chapters, self.chapter) if self.chapter and result.won else None
        #: The last dream is resolved and with it the campaign (the win is already in the progress).
        self.ending = bool(self.chapter and result.won and self.next is None and campaign.complete([c.key for c in self.chapters], app.progress.completed))
        super().__init__(app)
        if self.next is None and not result.won and self.spec is not None:
            self.menu.select("again")

    def items(self) -> list[MenuItem]:
        rows = []
        upcoming, spec, recording = self.next, self.spec, self.result.recording
        if upcoming is not None:
            rows.append(MenuItem("Next chapter", on_confirm=lambda: self.go(Push(intents.Intro(upcoming))), detail=self.next_detail(), name="next"))
        elif self.ending:
            rows.append(MenuItem("Epilogue", on_confirm=lambda: self.go(Reset(intents.Epilogue())), detail="the campaign is complete", name="epilogue"))
        if spec is not None:
            rows.append(MenuItem("Try again", on_confirm=lambda: self.go(self.again(spec)), name="again"))
        if recording is not None:
            rows.append(MenuItem("Watch the replay", on_confirm=lambda: self.go(Push(intents.Playback(recording))), name="replay"))
        rows.append(MenuItem("Title", on_confirm=self.back, name="title"))
        return rows

    def next_detail(self) -> str:
        """'Chapter 2 · Beautiful Prison' for the chapter that comes next ('' at the end)."""
        upcoming = self.next
        return f"Chapter {upcoming.number} · {upcoming.title}" if upcoming is not None else ""

    def again(self, spec: LevelSpec) -> Reset:
        """The same dream, same seed, from the start."""
        return Reset(intents.Loading(spec, chapter=self.result.chapter))

    def back(self) -> None:
        self.go(Reset(intents.Title()))

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
            (text.clock(r.seconds), "time"),
            (f"{r.woken} of {r.dreamers}", "woken"),
            (str(r.shards), "shards"),
            (f"{round(100 * r.lucidity / LUCIDITY_MAX)}%", "lucidity left"),
        ]

    def lines(self, width: int, compact: bool = False) -> list[tuple[str, tuple]]:
        """The small print: seed and level, the recording, relaxed mode (folded into the seed line when compact)."""
        scale = menu_scale(self.app)
        r = self.result
        seed_line = f"Seed {r.seed}  ·  {r.level}"
        climax = climax_text(r)
        if compact and r.relaxed:
            seed_line += "  ·  relaxed mode"
        out = [(climax, theme.VALUE)] if climax else []
        out.append((seed_line, P.TEXT_DIM))
        if r.recording is not None:
            prefix = "Recording saved to "
            room = width - text.width_of(scale, prefix, theme.TINY)
            out.append((prefix + short_path(self.app, r.recording, room, theme.TINY), P.TEXT_DIM))
        else:
            out.append(("Not recorded", P.TEXT_DIM))
        if r.relaxed and not compact:
            out.append(("Relaxed mode: a longer rescue window", theme.VALUE))
        return out

    # -- drawing ------------------------------------------------------------------------------

    def _heights(self, col: pygame.Rect, compact: bool) -> dict[str, int]:
        app = self.app
        scale = menu_scale(app)
        _, line = outcome_text(self.result)
        gap = theme.px(scale, 10 if compact else 18)
        if compact:
            stats = text.line_height(scale, theme.SMALL, 1.0) + theme.px(scale, 14)
        else:
            stats = text.height_of(scale, theme.SUBHEADING) + text.line_height(scale, theme.TINY, 1.0) + theme.px(scale, 34)
        heights = {
            "gap": gap,
            "line": text.paragraph_height(scale, line, min(col.width, theme.px(scale, 760)), theme.SMALL),
            "best": text.line_height(scale, theme.SMALL, 1.2) if self.new_best() else 0,
            "stats": stats,
            "small": text.line_height(scale, theme.TINY, 1.3) * len(self.lines(col.width, compact)),
            "menu": self.menu.height(),
        }
        heights["block"] = panels.heading_height(scale, True) + heights["line"] + heights["best"] + 3 * gap + heights["stats"] + heights["small"] + heights["menu"]
        return heights

    def draw_content(self, surface: pygame.Surface) -> None:
        app = self.app
        scale = menu_scale(app)
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
        y = panels.heading_height(scale, True) + top
        panels.eyebrow(surface, scale, over, (col.centerx, top))
        head_y = top + text.height_of(scale, theme.TINY) + theme.px(scale, 6)
        head = text.draw(surface, scale, text.fit(scale, headline, col.width, theme.HEADING), (col.centerx, head_y), theme.HEADING, P.mix(outcome_colour(self.result), P.WHITE, 0.55), anchor="midtop")
        panels.rule(surface, col.centerx, head_y + text.height_of(scale, theme.HEADING) + theme.px(scale, 10), max(head.width + theme.px(scale, 80), theme.px(scale, 240)), outcome_colour(self.result))
        y = text.paragraph(surface, scale, line, (col.centerx, y), min(col.width, theme.px(scale, 760)), theme.SMALL, P.TEXT, align="center").bottom
        if h["best"]:
            text.draw(surface, scale, "A new best time for this chapter", (col.centerx, y + theme.px(scale, 4)), theme.SMALL, theme.GOOD, anchor="midtop")
            y += h["best"]
        y += gap
        self._draw_stats(surface, pygame.Rect(col.left, y, col.width, h["stats"]), compact)
        y += h["stats"] + gap
        for words, colour in self.lines(col.width, compact):
            text.draw(surface, scale, words, (col.centerx, y), theme.TINY, colour, anchor="midtop")
            y += text.line_height(scale, theme.TINY, 1.3)
        y += gap
        menu_w = min(col.width, theme.px(scale, 460))
        self.menu.draw(surface, pygame.Rect(col.centerx - menu_w // 2, y, menu_w, max(theme.px(scale, 40), col.bottom - y)))

    def _draw_stats(self, surface: pygame.Surface, area: pygame.Rect, compact: bool = False) -> None:
        app = self.app
        scale = menu_scale(app)
        tiles = self.stats()
        gap = theme.px(scale, 12)
        width = (area.width - gap * (len(tiles) - 1)) // len(tiles)
        for i, (value, label) in enumerate(tiles):
            box = pygame.Rect(area.left + i * (width + gap), area.top, width, area.height)
            panels.panel(surface, scale, box, alpha=165)
            room = box.width - theme.px(scale, 12)
            if compact:
                # Value and label side by side; the label goes if even that will not fit.
                space = theme.px(scale, 6)
                value_w = text.width_of(scale, value, theme.SMALL)
                label_w = text.width_of(scale, label, theme.TINY)
                if value_w + space + label_w > room:
                    text.draw(surface, scale, text.fit(scale, value, room, theme.SMALL), box.center, theme.SMALL, P.WHITE, anchor="center")
                    continue
                x = box.centerx - (value_w + space + label_w) // 2
                v = text.draw(surface, scale, value, (x, box.centery), theme.SMALL, P.WHITE, anchor="midleft")
                text.draw(surface, scale, label, (v.right + space, box.centery), theme.TINY, P.TEXT_DIM, anchor="midleft")
                continue
            v = text.draw(surface, scale, text.fit(scale, value, room, theme.SUBHEADING), (box.centerx, box.top + theme.px(scale, 12)), theme.SUBHEADING, P.WHITE, anchor="midtop")
            text.draw(surface, scale, text.fit(scale, label, room, theme.TINY), (box.centerx, v.bottom + theme.px(scale, 4)), theme.TINY, P.TEXT_DIM, anchor="midtop")
