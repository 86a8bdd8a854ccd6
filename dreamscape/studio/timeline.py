"""The timeline scrubber: the rescue window from tick 0, with a mark where each glitch fires."""

from __future__ import annotations

import pygame

from dreamscape.core.timing import TICKS_PER_SECOND
from dreamscape.render import palette as P
from dreamscape.render import theme
from dreamscape.studio import style as S
from dreamscape.studio.model import StudioModel

PAD = 16


def clock(tick: int) -> str:
    """A tick as minutes and seconds with tenths ('1:04.3')."""
    seconds = max(0, tick) / TICKS_PER_SECOND
    return f"{int(seconds // 60)}:{seconds % 60:04.1f}"


def bar_rect(rect: pygame.Rect) -> pygame.Rect:
    """The scrub bar inside the timeline panel."""
    return pygame.Rect(rect.left + PAD, rect.top + 44, max(8, rect.width - 2 * PAD), 6)


def grab_rect(rect: pygame.Rect) -> pygame.Rect:
    """Where a press starts a scrub: the bar with room above and below it."""
    bar = bar_rect(rect)
    return bar.inflate(16, 30)


def tick_at(rect: pygame.Rect, x: int, end: int) -> int:
    """The tick under an x position along the bar."""
    bar = bar_rect(rect)
    fraction = min(1.0, max(0.0, (x - bar.left) / max(1, bar.width)))
    return int(round(fraction * end))


def describe(model: StudioModel) -> tuple[str, str]:
    """(where we are, what the schedule is doing) for the line above the bar."""
    ds = model.ds
    if ds is None:
        return "", ""
    end = model.end_tick
    where = f"tick {model.tick}   ·   {clock(model.tick)} of {clock(end)}"
    total = len(ds.glitches)
    fired = model.applied_glitches()
    if total == 0:
        return where, "no glitches in this dream"
    upcoming = ds.glitches[fired:]
    parts = [f"{fired} of {total} glitches fired"]
    if upcoming:
        nxt = upcoming[0]
        parts.append(f"next: {nxt.kind} at {clock(nxt.tick)}")
    if fired:
        last = ds.glitches[fired - 1]
        kinds = sorted({g.kind for g in ds.glitches[:fired] if g.tick == last.tick})
        parts.insert(1, f"last: {', '.join(kinds)}")
    return where, "   ·   ".join(parts)


def draw(surface: pygame.Surface, model: StudioModel, rect: pygame.Rect, playing: bool = False, hot: bool = False) -> None:
    """Draw the panel: the position line, the bar, glitch marks, the handle and minute labels."""
    S.panel(surface, rect)
    ds = model.ds
    bar = bar_rect(rect)
    if ds is None:
        S.text(surface, "timeline: waiting for the first build", (rect.left + PAD, rect.top + 12), S.SMALL_PX, P.TEXT_DIM)
        return
    end = max(1, model.end_tick)
    where, schedule = describe(model)
    label = ("playing   " if playing else "") + where
    left = S.text(surface, label, (rect.left + PAD, rect.top + 11), S.BODY_PX, P.TEXT)
    room = rect.right - PAD - left.right - 24
    S.text(surface, S.fit(schedule, room, S.SMALL_PX), (rect.right - PAD, rect.top + 13), S.SMALL_PX, P.TEXT_DIM, anchor="topright")

    pygame.draw.rect(surface, P.mix(P.PANEL_RULE, P.BACKGROUND, 0.2), bar, border_radius=3)
    x_now = bar.left + round(bar.width * model.tick / end)
    done = bar.copy()
    done.width = max(0, x_now - bar.left)
    if done.width:
        pygame.draw.rect(surface, P.mix(theme.ACCENT, P.PANEL, 0.45), done, border_radius=3)
    _minute_labels(surface, bar, end)
    for glitch in ds.glitches:
        x = bar.left + round(bar.width * glitch.tick / end)
        colour = P.GLITCH_STYLE.get(glitch.kind, P.GLITCH_UNKNOWN).colour
        if glitch.tick > model.tick:
            colour = P.mix(colour, P.PANEL, 0.45)
        pygame.draw.line(surface, colour, (x, bar.top - 9), (x, bar.bottom + 8), 2)
    pygame.draw.line(surface, P.WHITE, (x_now, bar.top - 13), (x_now, bar.bottom + 12), 1)
    pygame.draw.circle(surface, P.INK, (x_now, bar.centery), 9 if hot else 8)
    pygame.draw.circle(surface, P.WHITE, (x_now, bar.centery), 7 if hot else 6)


def _minute_labels(surface: pygame.Surface, bar: pygame.Rect, end: int) -> None:
    seconds = end / TICKS_PER_SECOND
    # About six labels whatever the window's length.
    step = next((s for s in (10, 15, 30, 60, 120, 300, 600) if seconds / s <= 7), 1200)
    mark = step
    while mark * TICKS_PER_SECOND < end:
        x = bar.left + round(bar.width * mark * TICKS_PER_SECOND / end)
        pygame.draw.line(surface, P.PANEL_RULE, (x, bar.bottom + 1), (x, bar.bottom + 4), 1)
        S.text(surface, f"{mark // 60}:{mark % 60:02d}", (x, bar.bottom + 9), S.HEADER_PX, theme.DISABLED, anchor="midtop")
        mark += step
