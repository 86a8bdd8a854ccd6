"""The dreamer's call on screen: ripples coming in from the caller's side, and a marker at the edge.

A call (sim/calls.py) says only which of 16 compass points it came from and
how near the caller is (1 far .. 4 close), renewed at a pulse every
CALL_PERIOD ticks. At each pulse a soft ripple (two, one after the other,
from a near caller) sets out from the edge of the screen in the caller's
bearing and travels in to the player, fading as it comes. A marker rests at
that edge the whole time: the caller's glyph (a sleeping dreamer, or the
arch of the way out) with one chevron pointing outwards for each step of
nearness, larger and brighter the nearer the caller is.

Many callers (a shared dream holds dozens) are drawn by bearing: one marker
for each compass point that calls, showing its nearest caller, for the
MARKER_BEARINGS nearest points, and ripples only from the RIPPLE_BEARINGS
nearest, so the screen never fills with them.

It reads without colour: a dreamer's ripples are whole arcs and the exit's
dotted, the glyphs differ, and nearness is a count of chevrons as well as
brightness. It stays far from a flash: every change is a fade over many
frames, on thin lines over a small part of the screen.

    cues = CallCues(tile_px=32, colours=EntityColours())
    cues.draw(screen, view.calls, view.tick + alpha, player_screen_pos, keep_clear=[hud_rect])

Markers stand where the ray from the screen's centre in the caller's bearing
meets the edge (held still while the camera glides after the player, and
moved in front of any panel in `keep_clear`); ripples run from a marker to
the player.
"""

from __future__ import annotations

import math

import numpy as np
import pygame

from dreamscape.render import palette as P
from dreamscape.render.symbols import draw_symbol
from dreamscape.sim.calls import CALL_PERIOD, POINTS, Call

#: Ticks a ripple takes from the edge of the screen to the player.
RIPPLE_TICKS = 60
#: Ticks between the two ripples of a near caller's pulse.
RING_GAP = 12
#: Ticks a ripple takes to fade in at the edge.
FADE_IN = 6
#: The marker's centre sits this many tiles in from the screen's edge (room for its chevrons).
MARGIN_TILES = 1.5
#: Ripples stop this many tiles short of the player.
STOP_TILES = 1.0
#: Radius of a ripple's arc in tiles, and half the angle it spans.
ARC_TILES = 3.2
ARC_SPAN = math.radians(36)
#: Dots across the exit's dotted arc.
EXIT_DOTS = 7
#: Markers stand at at most this many compass points, ripples come from at most this many (the nearest callers').
MARKER_BEARINGS = 5
RIPPLE_BEARINGS = 2
#: Fades are drawn in this many steps of opacity, each a premultiplied copy made once (blits twice as fast).
FADE_STEPS = 16
#: Faded copies kept at most (a handful of bearings use a few dozen).
MAX_FADES = 512


def direction(bearing: int) -> tuple[float, float]:
    """Unit screen vector (y down) of compass point `bearing` (0 north, clockwise)."""
    return _DIRECTIONS[bearing % POINTS]


_DIRECTIONS = tuple((math.sin(b * 2 * math.pi / POINTS), -math.cos(b * 2 * math.pi / POINTS)) for b in range(POINTS))


def rings(nearness: int) -> int:
    """Ripples a pulse sends: two from a near caller (nearness 3 or 4), else one."""
    return 2 if nearness >= 3 else 1


def marker_alpha(nearness: int, age: float) -> int:
    """Opacity 0..255 of the edge marker: brighter the nearer, swelling a little at each pulse."""
    base = 150 + 26 * max(1, min(4, nearness))
    return max(0, min(255, round(base * (0.8 + 0.2 * math.exp(-max(0.0, age) / 14.0)))))


def ripple_alpha(nearness: int, age: float) -> tuple[float, int]:
    """(how far in 0..1, opacity 0..255) of a ripple `age` ticks after it set out; opacity 0 when not shown."""
    if age < 0 or age >= RIPPLE_TICKS:
        return 0.0, 0
    f = age / RIPPLE_TICKS
    peak = 0.56 + 0.11 * max(1, min(4, nearness))
    return f, round(255 * peak * min(1.0, age / FADE_IN) * (1.0 - f))


class CallCues:
    """Sprites of the call (built on first use and kept) and the drawing of one frame's calls."""

    def __init__(self, tile_px: int, colours) -> None:
        self.px = int(tile_px)
        self.c = colours
        self._arcs: dict[tuple[int, str], tuple[pygame.Surface, tuple[int, int]]] = {}
        self._markers: dict[tuple[int, int, str], tuple[pygame.Surface, tuple[int, int]]] = {}
        self._fades: dict[tuple, pygame.Surface] = {}
        self._grouped = None
        self._group: list = []
        self._reach_key: tuple | None = None
        self._reach_list: list[float] = []
        self._marker_key: tuple | None = None
        self._marker_blits: list = []
        #: Edge points of the last frame's markers, by the index of the caller each shows (for tests and tools).
        self.markers: dict[int, tuple[int, int]] = {}

    def colour(self, style: str) -> P.RGB:
        """The colour of a caller's style: 'dreamer', 'exit' or a climax's mark kind."""
        return {"exit": self.c.exit, "beacon": self.c.beacon_lit, "memory": self.c.memory}.get(style, self.c.dreamer)

    # -- one frame -------------------------------------------------------------

    def draw(self, surface: pygame.Surface, calls, now: float, centre: tuple[int, int], keep_clear=(), mark_kind: str = "") -> None:
        """Draw `calls` (view.calls) at time `now` (ticks) round the player's screen point `centre`;
        a climax's marks call in the look of `mark_kind` (its marks' kind)."""
        sw, sh = surface.get_size()
        margin = self.px * MARGIN_TILES
        # One pulse: every call in it has the same tick.
        age = now - calls[0].tick if calls else -1
        if age < 0 or age > 2 * CALL_PERIOD or sw < 4 * margin or sh < 4 * margin:
            self.markers = {}
            return  # nothing calls (or a stale view: not this dive's pulse)
        shown = self._shown(calls)
        # Markers stand on the ray from the screen's centre, so they hold still while the camera glides
        # after the player; the ripples travel from them to wherever the player is drawn.
        cx, cy = sw // 2, sh // 2
        reaches = self._reaches(shown, cx, cy, sw, sh, margin, keep_clear)
        points = [(cx + direction(c.bearing)[0] * r, cy + direction(c.bearing)[1] * r) for c, r in zip(shown, reaches)]
        stop = self.px * STOP_TILES
        px, py = float(centre[0]), float(centre[1])
        # One batch of premultiplied blits: cheaper than a blit call each.
        blits = []
        for rank, call in enumerate(shown[:RIPPLE_BEARINGS]):
            ex, ey = points[rank]
            dx, dy = px - ex, py - ey
            travel = math.hypot(dx, dy) - stop
            if travel <= 0:
                continue
            style = _style(call, mark_kind)
            arc, (ax, ay) = self._arc(call.bearing, style)
            for ring in range(rings(call.nearness)):
                f, alpha = ripple_alpha(call.nearness, age - ring * RING_GAP)
                faded = self._faded(("arc", call.bearing, style), arc, alpha) if alpha > 2 else None
                if faded is not None:
                    k = f * travel / (travel + stop)
                    blits.append((faded, (round(ex + dx * k) - ax, round(ey + dy * k) - ay)))
        # The markers move only when the panels do and swell only just after a pulse: kept until then.
        key = (self._reach_key, id(self._grouped), marker_alpha(4, age))
        if key != self._marker_key:
            self._marker_key = key
            self._marker_blits, self.markers = [], {}
            for rank, call in enumerate(shown):
                style = _style(call, mark_kind)
                ex, ey = round(points[rank][0]), round(points[rank][1])
                sprite, (mx, my) = self._marker(call.bearing, call.nearness, style)
                faded = self._faded(("marker", call.bearing, call.nearness, style), sprite, marker_alpha(call.nearness, age))
                if faded is not None:
                    self._marker_blits.append((faded, (ex - mx, ey - my)))
                self.markers[call.index] = (ex, ey)
        blits += self._marker_blits
        surface.fblits(blits, pygame.BLEND_PREMULTIPLIED)

    def _shown(self, calls) -> list:
        """The calls that get a marker, nearest first: one a compass point (its nearest caller; a dreamer
        before the exit's hum as near: the exit matters once everyone is awake, and then only it calls),
        MARKER_BEARINGS at most. Worked out once a pulse."""
        if calls is not self._grouped:
            nearest: dict[int, Call] = {}
            for call in calls:
                best = nearest.get(call.bearing)
                if best is None or (call.nearness, not call.is_exit) > (best.nearness, not best.is_exit):
                    nearest[call.bearing] = call
            self._grouped = calls  # held, so its id is not reused while it is the key
            self._group = sorted(nearest.values(), key=lambda c: (-c.nearness, c.is_exit, c.index))[:MARKER_BEARINGS]
        return self._group

    def _reaches(self, shown, px: float, py: float, sw: int, sh: int, margin: float, keep_clear) -> list[float]:
        """How far out from (px, py) each marker sits, worked out again only when the screen or the panels change."""
        key = (px, py, sw, sh, tuple(tuple(pygame.Rect(r)) for r in keep_clear), tuple(c.bearing for c in shown))
        if key != self._reach_key:
            grow = round(2 * margin)
            boxes = [(r.left, r.top, r.right, r.bottom) for r in (pygame.Rect(rect).inflate(grow, grow) for rect in keep_clear)]
            self._reach_list = [self._reach(px, py, *direction(c.bearing), sw, sh, margin, boxes) for c in shown]
            self._reach_key = key
        return self._reach_list

    @staticmethod
    def _reach(px: float, py: float, ux: float, uy: float, sw: int, sh: int, margin: float, boxes) -> float:
        """How far from (px, py) along (ux, uy) the marker sits: at the inset edge, in front of any of `boxes`
        ((left, top, right, bottom) of the panels, widened by the margin)."""
        reach = math.inf
        for u, p, size in ((ux, px, sw), (uy, py, sh)):
            if u > 1e-9:
                reach = min(reach, (size - margin - p) / u)
            elif u < -1e-9:
                reach = min(reach, (margin - p) / u)
        reach = max(0.0, reach)
        # Moving in front of one panel may land behind another: until it rests clear (a few panels at most).
        for _ in range(len(boxes)):
            x, y = px + ux * reach, py + uy * reach
            for left, top, right, bottom in boxes:
                if left <= x <= right and top <= y <= bottom:
                    # Behind this panel: step back to where the ray enters it (slabs).
                    enter = 0.0
                    for u, p, lo, hi in ((ux, px, left, right), (uy, py, top, bottom)):
                        if abs(u) > 1e-9:
                            enter = max(enter, min((lo - p) / u, (hi - p) / u))
                    if margin < enter < reach:
                        reach = enter
                        break
            else:
                break
        return reach

    # -- sprites ----------------------------------------------------------------

    def _faded(self, key: tuple, sprite: pygame.Surface, alpha: int) -> pygame.Surface | None:
        """`sprite` at opacity `alpha` (0..255, in FADE_STEPS steps), premultiplied; None when it would not show."""
        step = round(max(0, min(255, alpha)) * FADE_STEPS / 255)
        if step <= 0:
            return None
        made = self._fades.get((key, step))
        if made is None:
            made = sprite.copy()
            if step < FADE_STEPS:
                made.fill((255, 255, 255, round(255 * step / FADE_STEPS)), special_flags=pygame.BLEND_RGBA_MULT)
            made = made.premul_alpha()
            if len(self._fades) >= MAX_FADES:
                self._fades.clear()
            self._fades[(key, step)] = made
        return made

    def _arc(self, bearing: int, style: str) -> tuple[pygame.Surface, tuple[int, int]]:
        """A ripple: a soft arc bowing towards the player, and the point of it nearest the player."""
        key = (bearing % POINTS, style)
        made = self._arcs.get(key)
        if made is not None:
            return made
        ux, uy = direction(bearing)
        r = ARC_TILES * self.px
        w = max(1.6, self.px * 0.085)
        size = int(2 * (r + 4 * w)) + 4
        c = size / 2
        # Arrays indexed [x, y], as surfarray wants them; the circle's centre is on the caller's side.
        xs = (np.arange(size, dtype=np.float32) + 0.5 - c)[:, None]
        ys = (np.arange(size, dtype=np.float32) + 0.5 - c)[None, :]
        d = np.sqrt(xs * xs + ys * ys) + 1e-6
        # Angle from the arc's middle (the direction back towards the player), signed.
        along = -(xs * ux + ys * uy) / d
        across = (xs * uy - ys * ux) / d
        phi = np.arctan2(across, along)
        t = np.abs(phi) / ARC_SPAN
        taper = np.where(t < 1, np.cos(np.minimum(t, 1) * np.pi / 2) ** 2, 0).astype(np.float32)
        if style == "exit":
            # The way out calls in dots: a shape, not only a colour, tells it from a dreamer.
            taper *= (0.5 + 0.5 * np.cos(phi * (EXIT_DOTS * np.pi / ARC_SPAN))) ** 3
        core = np.exp(-(((d - r) / w) ** 2)) * taper
        halo = 0.4 * np.exp(-(((d - r) / (1.9 * w)) ** 2)) * taper * (1 - core)
        alpha = core + halo
        colour = np.asarray(self.colour(style), np.float32)
        ink = np.asarray(P.INK, np.float32)
        rgb = (core[..., None] * colour + halo[..., None] * ink) / np.maximum(alpha, 1e-6)[..., None]
        surf = pygame.Surface((size, size), pygame.SRCALPHA)
        pygame.surfarray.pixels3d(surf)[:] = np.clip(rgb, 0, 255).astype(np.uint8)
        pygame.surfarray.pixels_alpha(surf)[:] = np.clip(alpha * 255, 0, 255).astype(np.uint8)
        box = surf.get_bounding_rect(min_alpha=2)
        apex = (round(c - ux * r) - box.x, round(c - uy * r) - box.y)
        made = self._arcs[key] = (surf.subsurface(box).copy(), apex)
        return made

    def _marker(self, bearing: int, nearness: int, style: str) -> tuple[pygame.Surface, tuple[int, int]]:
        """The edge marker: the caller's glyph and `nearness` chevrons pointing outwards; and its centre."""
        n = max(1, min(4, nearness))
        key = (bearing % POINTS, n, style)
        made = self._markers.get(key)
        if made is not None:
            return made
        px = self.px
        ux, uy = direction(bearing)
        vx, vy = -uy, ux
        grow = 0.8 + 0.1 * n
        glyph = px * 0.4 * grow
        chevron = px * 0.25 * grow
        gap = px * 0.24 * grow
        size = int(2 * (glyph + 0.35 * px + 4 * gap + 2 * chevron)) + 8
        c = size / 2
        surf = pygame.Surface((size, size), pygame.SRCALPHA)
        # A soft dark halo round the glyph, so the marker reads on lit ground as well as in the dark.
        pool = np.clip(1 - np.hypot(*np.meshgrid(np.arange(size) + 0.5 - c, np.arange(size) + 0.5 - c)) / (glyph * 1.4), 0, 1)
        surf.fill((*P.INK, 0))
        pygame.surfarray.pixels_alpha(surf)[:] = (pool**0.7 * 170).astype(np.uint8).T
        colour = self.colour(style)
        draw_symbol(surf, _GLYPHS.get(style, P.DREAMER_STYLE.shape), colour, (c, c), glyph)
        for k in range(n):
            tip = glyph + 0.35 * px + k * gap + chevron
            tx, ty = c + ux * tip, c + uy * tip
            back = (tx - ux * chevron, ty - uy * chevron)
            arms = [(back[0] + vx * chevron, back[1] + vy * chevron), (tx, ty), (back[0] - vx * chevron, back[1] - vy * chevron)]
            pygame.draw.lines(surf, P.INK, False, arms, max(4, round(px * 0.16)))
            pygame.draw.lines(surf, colour, False, arms, max(2, round(px * 0.08)))
        # Cut to what shows: most of the square is empty, and blits cost by the pixel.
        box = surf.get_bounding_rect(min_alpha=2)
        made = self._markers[key] = (surf.subsurface(box).copy(), (round(c) - box.x, round(c) - box.y))
        return made


#: The glyph an edge marker shows for each caller style (a dreamer's otherwise).
_GLYPHS = {"exit": "exit", "beacon": P.BEACON_STYLE.shape, "memory": P.MEMORY_STYLE.shape}


def _style(call, mark_kind: str) -> str:
    """How a call looks: the exit's dotted hum, a climax mark's own glyph and colour, or a dreamer's."""
    if call.is_exit:
        return "exit"
    if call.is_mark and mark_kind:
        return mark_kind
    return "dreamer"
