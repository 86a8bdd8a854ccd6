"""The heads-up display of a dive: time left, dreamers woken, lucidity, shards, hints.

Draws the player's view (sim/view.py; given a world, its fog view) and
nothing else. Text sits on translucent dark panels so it reads over any
part of the dream. Each panel is composed once into a surface and reused
while what it shows stays the same (the timer changes once a second), so a
frame costs a few blits.

    draw_hud(screen, world.fog_view(), scale=1.0, hints="Arrows move  Space wake  Esc pause  M map")
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable

import pygame

from dreamscape.app.look import look
from dreamscape.app.nexus_text import climax_line
from dreamscape.app.tileart.entity_colours import EntityColours
from dreamscape.core.climax import PAINTER, UNMASKER
from dreamscape.core.timing import TICKS_PER_SECOND
from dreamscape.render import palette as P
from dreamscape.render.fonts import font
from dreamscape.render.symbols import draw_symbol
from dreamscape.sim import rules as R

#: Under this many seconds left the timer turns urgent and pulses.
URGENT_SECONDS = 30
#: Lucidity below this share of the maximum shows the bar in the urgent colour.
LOW_LUCIDITY = 0.3
PANEL_ALPHA = 175
PAD = 10
#: Steps of the urgent pulse: each is a composed panel kept in the cache.
PULSE_STEPS = 6
_CACHE_SIZE = 24

_cache: OrderedDict[tuple, pygame.Surface] = OrderedDict()


def format_time(ticks: int) -> str:
    """Ticks left as 'mm:ss', rounded up: '00:00' only when no time is left."""
    seconds = max(0, -(-int(ticks) // TICKS_PER_SECOND))
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


def sleeper_beside(view) -> int:
    """Index of the sleeping dreamer the player could wake from where they stand, or -1 (none while stepping)."""
    p = look(view).player
    return -1 if p.moving else p.beside


def wake_message(view, wake_key: str = "Space") -> str | None:
    """What to tell a player beside a sleeping dreamer, or None."""
    view = look(view)
    p = view.player
    if p.wake_target >= 0 and p.wake_progress > 0:
        return f"Waking... {min(99, int(100 * p.wake_share))}%"
    if sleeper_beside(view) >= 0:
        return f"Hold {wake_key} to wake"
    return None


def call_message(view) -> str | None:
    """What the HUD says of the call when no sleeping dreamer is in sight (None: nothing to say)."""
    view = look(view)
    if not view.calls or view.done:
        return None
    if any(not d.awake and view.visible[d.y, d.x] for d in view.dreamers):
        return None
    if all(c.is_exit for c in view.calls):
        return "The way out calls — follow the dotted ripples"
    if not any(c.is_dreamer for c in view.calls):
        if view.climax == "replay":
            return "The hidden memories call — follow the ripples"
        return "The friends' beacons call — follow the ripples"
    many = sum(1 for c in view.calls if c.is_dreamer) > 1
    return ("Dreamers call" if many else "A dreamer calls") + " — follow the ripples"


def climax_message(view, use_key: str = "F / Q") -> str | None:
    """What the HUD says of a level's climax while it plays out (None: nothing to say);
    `use_key` names the key that uses (chapter 2's paint)."""
    view = look(view)
    if view.done:
        return None
    if view.climax == "prison":
        return prison_message(view, use_key)
    if view.climax == "nexus":
        return climax_line(view)
    if view.climax == "blackout":
        if view.climax_resolved:
            return "The shared dreamspace holds — your sight is whole again: reach the way out"
        return f"The network is down — each dreamer you wake lends their sight ({view.awake_count}/{view.dreamer_count})"
    if view.climax == "replay":
        if view.climax_resolved:
            return "The dreamer remembers — the night stops replaying: the way out is open"
        return f"The night replays — find what it hides ({view.done_count}/{view.mark_count} memories)"
    if not view.doubt_risen:
        return None
    if view.loop_broken:
        return "The loop is broken — Mia's bridge is open: reach the way out"
    return f"The doubt rises — light the three friends' beacons ({view.lit_count}/{view.beacon_count})"


def prison_message(view, use_key: str) -> str | None:
    """The prison's line: the doorways' lie until Anya wakes, then Lila's paint while it lasts."""
    paint = f"{PAINTER}'s paint: {view.paint} — {use_key} paints the wall you face"
    if not view.climax_resolved:
        lie = f"Every bright doorway lies — wake {UNMASKER}"
        return f"{lie} · {PAINTER}'s paint: {view.paint} ({use_key})" if view.paint else lie
    return paint if view.paint else None


def draw_hud(
    surface: pygame.Surface,
    view,
    scale: float = 1.0,
    hints: str | None = None,
    wake_key: str = "Space",
    use_key: str = "F / Q",
    colour_blind: bool = False,
    panels: list[pygame.Rect] | None = None,
) -> pygame.Rect:
    """Draw the HUD of `view` (or a world's fog view) over `surface`; returns the rectangle of the status panel
    (with the line under it that tells of the call, when it shows).

    `scale` is the UI text scale; `hints` a one-line controls hint for the
    bottom edge; `wake_key` names the key that wakes a dreamer. Every panel
    drawn is added to `panels` when given (what the call's markers keep out of).
    """
    view = look(view)
    drawn = panels if panels is not None else []
    s = max(0.5, float(scale))
    pad = round(PAD * s)
    left = view.time_left
    pulse = 0
    if left < URGENT_SECONDS * TICKS_PER_SECOND:
        # Pulses in whole steps, so it reuses a handful of composed panels.
        pulse = 1 + round((PULSE_STEPS - 1) * (0.5 + 0.5 * math.sin(view.tick / TICKS_PER_SECOND * 2 * math.pi * 1.2)))
    p = view.player
    key = ("status", format_time(left), pulse, view.dreamer_count, view.awake_count, p.lucidity, p.shards, s, colour_blind)
    status = _cached(key, lambda: _status_panel(key[1], pulse, view.dreamer_count, view.awake_count, p.lucidity, p.shards, s, colour_blind))
    rect = surface.blit(status, (pad, pad))
    drawn.append(rect)
    calling = call_message(view)
    if calling:
        line = _cached(("call", calling, s, colour_blind), lambda: _call_panel(calling, view.calls, s, colour_blind))
        drawn.append(surface.blit(line, (pad, rect.bottom + round(4 * s))))
        rect = rect.union(drawn[-1])
    climax = climax_message(view, use_key)
    if climax:
        line = _cached(("climax", climax, s), lambda: _line_panel(climax, round(19 * s), P.TEXT, s))
        drawn.append(surface.blit(line, (pad, rect.bottom + round(4 * s))))
        rect = rect.union(drawn[-1])

    sw, sh = surface.get_size()
    bottom = sh - pad
    if hints:
        line = _cached(("hints", hints, s), lambda: _line_panel(hints, round(19 * s), P.TEXT_DIM, s))
        box = line.get_rect(midbottom=(sw // 2, bottom))
        drawn.append(surface.blit(line, box))
        bottom = box.top - pad
    message = wake_message(view, wake_key)
    if message:
        colour = EntityColours(colour_blind).awake
        line = _cached(("message", message, s, colour), lambda: _line_panel(message, round(26 * s), colour, s))
        drawn.append(surface.blit(line, line.get_rect(midbottom=(sw // 2, bottom - round(sh * 0.08)))))
    return rect


def _cached(key: tuple, build: Callable[[], pygame.Surface]) -> pygame.Surface:
    surf = _cache.get(key)
    if surf is None:
        surf = _cache[key] = build()
        if len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    else:
        _cache.move_to_end(key)
    return surf


def _panel(size: tuple[int, int]) -> pygame.Surface:
    """A translucent dark rounded panel to draw on."""
    panel = pygame.Surface(size, pygame.SRCALPHA)
    radius = min(10, size[1] // 3)
    pygame.draw.rect(panel, (*P.INK, PANEL_ALPHA), panel.get_rect(), border_radius=radius)
    pygame.draw.rect(panel, (*P.PANEL_RULE, 150), panel.get_rect(), 1, border_radius=radius)
    return panel


def _line_panel(text: str, size: int, colour: P.RGB, s: float) -> pygame.Surface:
    line = font(size).render(text, True, colour)
    pad = round(PAD * s)
    panel = _panel((line.get_width() + 3 * pad, line.get_height() + pad))
    panel.blit(line, line.get_rect(center=panel.get_rect().center))
    return panel


def _call_panel(text: str, calls, s: float, colour_blind: bool) -> pygame.Surface:
    colours = EntityColours(colour_blind)
    return _line_panel(text, round(19 * s), colours.dreamer if any(c.index >= 0 for c in calls) else colours.exit, s)


def _icon(shape: str, colour: P.RGB, radius: int) -> pygame.Surface:
    size = radius * 3 + 4
    icon = pygame.Surface((size, size), pygame.SRCALPHA)
    draw_symbol(icon, shape, colour, (size / 2, size / 2), radius)
    return icon


def _status_panel(clock: str, pulse: int, total: int, woken: int, lucidity: int, shards: int, s: float, colour_blind: bool) -> pygame.Surface:
    """The top-left panel: rescue window, dreamers, lucidity bar, shards."""
    colours = EntityColours(colour_blind)
    big, mid, small = round(42 * s), round(24 * s), round(19 * s)
    pad, gap = round(PAD * s), round(4 * s)
    timer_colour = P.TEXT
    if pulse:
        timer_colour = P.mix(colours.urgent, (255, 236, 220), 0.4 * (pulse - 1) / (PULSE_STEPS - 1))
        # A gentle swell as well as the colour, so urgency does not rest on hue alone.
        big = round(big * (1 + 0.07 * (pulse - 1) / (PULSE_STEPS - 1)))
    label = font(small).render("RESCUE WINDOW", True, colours.urgent if pulse else P.TEXT_DIM)
    timer = font(big).render(clock, True, timer_colour)
    dreamers = font(mid).render(f"Dreamers {woken} of {total}", True, P.TEXT)
    lucid = font(mid).render(f"Lucidity {lucidity}", True, P.TEXT)
    shard_text = font(mid).render(f"Shards {shards}", True, P.TEXT)
    icon_r = max(4, round(7 * s))
    shard_icon = _icon("diamond", colours.shard, icon_r)
    bar_w, bar_h = max(120, round(190 * s)), max(6, round(10 * s))
    show_icons = 0 < total <= 12
    step = icon_r * 2 + 5
    timer_h = round(42 * s * 1.07) if pulse else timer.get_height()  # room for the swell
    rows = [label.get_height(), timer_h, icon_r * 2 + 2 if show_icons else 0, dreamers.get_height(), lucid.get_height() + 3 + bar_h, shard_text.get_height()]
    width = max(timer.get_width(), label.get_width(), dreamers.get_width(), bar_w, lucid.get_width(), shard_text.get_width() + shard_icon.get_width(), total * step if show_icons else 0)
    panel = _panel((width + 2 * pad, sum(rows) + gap * (len(rows) - 1) + 2 * pad))
    x, y = pad, pad
    panel.blit(label, (x, y))
    y += rows[0] + gap
    panel.blit(timer, (x, y + (timer_h - timer.get_height()) // 2))
    y += rows[1] + gap
    if show_icons:
        # One small dreamer each: bright and full size once awake.
        for i in range(total):
            up = i < woken
            icon = _icon("dreamer", colours.awake if up else colours.dreamer, icon_r if up else max(3, icon_r - 2))
            panel.blit(icon, icon.get_rect(center=(x + icon_r + i * step, y + icon_r + 1)))
        y += rows[2] + gap
    panel.blit(dreamers, (x, y))
    y += rows[3] + gap
    panel.blit(lucid, (x, y))
    y += lucid.get_height() + 3
    frame = pygame.Rect(x, y, bar_w, bar_h)
    pygame.draw.rect(panel, (40, 36, 58), frame, border_radius=bar_h // 2)
    share = max(0.0, min(1.0, lucidity / R.LUCIDITY_MAX))
    if share > 0:
        fill = colours.urgent if share < LOW_LUCIDITY else colours.shard
        pygame.draw.rect(panel, fill, pygame.Rect(x, y, max(bar_h, round(bar_w * share)), bar_h), border_radius=bar_h // 2)
    pygame.draw.rect(panel, P.PANEL_RULE, frame, 1, border_radius=bar_h // 2)
    y += bar_h + gap
    panel.blit(shard_icon, shard_icon.get_rect(midleft=(x - 3, y + shard_text.get_height() // 2)))
    panel.blit(shard_text, (x + shard_icon.get_width() - 2, y))
    return panel
