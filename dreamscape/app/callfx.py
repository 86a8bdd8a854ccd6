"""The dreamer's call on screen: ripples coming in from the caller's side, and a marker at the edge.

A call (sim/calls.py) says only which of 16 compass points it came from and
how near the caller is (1 far .. 4 close), renewed at a pulse every
CALL_PERIOD ticks. At each pulse `nearness` soft ripples set out from the
edge of the screen in the caller's bearing, one after another, and travel in
to the player, fading as they come. A marker rests at that edge the whole
time: the caller's glyph (a sleeping dreamer, or the arch of the way out)
with one chevron pointing outwards for each step of nearness, larger and
brighter the nearer the caller is.

Many callers (a shared dream holds dozens) are drawn by bearing: one marker
for each compass point that calls, showing its nearest caller, for the
MARKER_BEARINGS nearest points, and ripples only from the RIPPLE_BEARINGS
nearest, so the screen never fills with them.

It reads without colour: a dreamer's ripples are whole arcs and the exit's
dotted, the glyphs differ, and nearness is a count of chevrons and rings as
well as brightness. It stays far from a flash: every change is a fade over
many frames, on thin lines over a small part of the screen.

    cues = CallCues(tile_px=32, colours=EntityColours())
    cues.draw(screen, view.calls, view.tick + alpha, player_screen_pos, keep_clear=[hud_rect])
"""

from __future__ import annotations

import math
import os

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import numpy as np  # noqa: E402
import pygame  # noqa: E402

from dreamscape.render import palette as P  # noqa: E402
from dreamscape.render.symbols import draw_symbol  # noqa: E402
from dreamscape.sim.calls import CALL_PERIOD, POINTS  # noqa: E402

#: Ticks a ripple takes from the edge of the screen to the player.
RIPPLE_TICKS = 60
#: Ticks between the rings of one pulse (a close caller sends four).
RING_GAP = 10
#: Ticks a ripple takes to fade in at the edge.
FADE_IN = 6
#: The marker's centre sits this many tiles in from the screen's edge (room for its chevrons).
MARGIN_TILES = 1.5
#: Ripples stop this many tiles short of the player.
STOP_TILES = 1.0
#: Radius of a ripple's arc in tiles, and half the angle it spans.
ARC_TILES = 3.2
ARC_SPAN = math.radians(42)
#: Dots across the exit's dotted arc.
EXIT_DOTS = 7
#: Markers stand at at most this many compass points, ripples come from at most this many (the nearest callers').
MARKER_BEARINGS = 6
RIPPLE_BEARINGS = 3


def direction(bearing: int) -> tuple[float, float]:
    """Unit screen vector (y down) of compass point `bearing` (0 north, clockwise)."""
    a = bearing % POINTS * 2 * math.pi / POINTS
    return math.sin(a), -math.cos(a)


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
        self._arcs: dict[tuple[int, bool], tuple[pygame.Surface, tuple[int, int]]] = {}
        self._markers: dict[tuple[int, int, bool], tuple[pygame.Surface, tuple[int, int]]] = {}
        #: Edge points of the last frame's markers, by the index of the caller each shows (for tests and tools).
        self.markers: dict[int, tuple[int, int]] = {}

    def colour(self, exit_call: bool) -> P.RGB:
        return self.c.exit if exit_call else self.c.dreamer

    # -- one frame -------------------------------------------------------------

    def draw(self, surface: pygame.Surface, calls, now: float, centre: tuple[int, int], keep_clear=()) -> None:
        """Draw `calls` (view.calls) at time `now` (ticks) round the player's screen point `centre`."""
        self.markers = {}
        sw, sh = surface.get_size()
        margin = self.px * MARGIN_TILES
        if sw < 4 * margin or sh < 4 * margin:
            return
        # The player may stand near the screen's edge (the camera stops at the map's): start inside the margin.
        px = min(max(float(centre[0]), margin), sw - margin)
        py = min(max(float(centre[1]), margin), sh - margin)
        # One marker a compass point: its nearest caller (the exit before a dreamer as near).
        nearest: dict[int, object] = {}
        for call in calls:
            age = now - call.tick
            if age < 0 or age > 2 * CALL_PERIOD:
                continue  # not this dive's pulse (a stale view)
            best = nearest.get(call.bearing)
            if best is None or (call.nearness, call.index < 0) > (best.nearness, best.index < 0):
                nearest[call.bearing] = call
        shown = sorted(nearest.values(), key=lambda c: (-c.nearness, c.index))[:MARKER_BEARINGS]
        rippling = shown[:RIPPLE_BEARINGS]
        for call in shown:
            age = now - call.tick
            exit_call = call.index < 0
            ux, uy = direction(call.bearing)
            reach = self._reach(px, py, ux, uy, sw, sh, margin, keep_clear)
            ex, ey = px + ux * reach, py + uy * reach
            stop = self.px * STOP_TILES
            if reach > stop and call in rippling:
                arc, (ax, ay) = self._arc(call.bearing, exit_call)
                for ring in range(max(1, min(4, call.nearness))):
                    f, alpha = ripple_alpha(call.nearness, age - ring * RING_GAP)
                    if alpha <= 2:
                        continue
                    d = reach - (reach - stop) * f
                    arc.set_alpha(alpha)
                    surface.blit(arc, (round(px + ux * d) - ax, round(py + uy * d) - ay))
            sprite, (mx, my) = self._marker(call.bearing, call.nearness, exit_call)
            sprite.set_alpha(marker_alpha(call.nearness, age))
            surface.blit(sprite, (round(ex) - mx, round(ey) - my))
            self.markers[call.index] = (round(ex), round(ey))

    @staticmethod
    def _reach(px: float, py: float, ux: float, uy: float, sw: int, sh: int, margin: float, keep_clear) -> float:
        """How far from (px, py) along (ux, uy) the marker sits: at the inset edge, short of any panel."""
        reach = math.inf
        for u, p, size in ((ux, px, sw), (uy, py, sh)):
            if u > 1e-9:
                reach = min(reach, (size - margin - p) / u)
            elif u < -1e-9:
                reach = min(reach, (margin - p) / u)
        reach = max(0.0, reach)
        boxes = [pygame.Rect(rect).inflate(round(2 * margin), round(2 * margin)) for rect in keep_clear]
        # Moving in front of one panel may land behind another: until it rests clear (a few panels at most).
        for _ in range(len(boxes)):
            moved = False
            for r in boxes:
                # Where the ray enters and leaves the panel (slabs); a marker inside it moves in front of it.
                enter, leave = 0.0, math.inf
                for u, p, lo, hi in ((ux, px, r.left, r.right), (uy, py, r.top, r.bottom)):
                    if abs(u) < 1e-9:
                        if not lo <= p <= hi:
                            enter, leave = math.inf, -math.inf
                        continue
                    a, b = (lo - p) / u, (hi - p) / u
                    enter, leave = max(enter, min(a, b)), min(leave, max(a, b))
                if enter <= reach <= leave and margin < enter < reach:
                    reach, moved = enter, True
            if not moved:
                break
        return reach

    # -- sprites ----------------------------------------------------------------

    def _arc(self, bearing: int, exit_call: bool) -> tuple[pygame.Surface, tuple[int, int]]:
        """A ripple: a soft arc bowing towards the player, and the point of it nearest the player."""
        key = (bearing % POINTS, exit_call)
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
        if exit_call:
            # The way out calls in dots: a shape, not only a colour, tells it from a dreamer.
            taper *= (0.5 + 0.5 * np.cos(phi * (EXIT_DOTS * np.pi / ARC_SPAN))) ** 3
        core = np.exp(-(((d - r) / w) ** 2)) * taper
        halo = 0.4 * np.exp(-(((d - r) / (2.4 * w)) ** 2)) * taper * (1 - core)
        alpha = core + halo
        colour = np.asarray(self.colour(exit_call), np.float32)
        ink = np.asarray(P.INK, np.float32)
        rgb = (core[..., None] * colour + halo[..., None] * ink) / np.maximum(alpha, 1e-6)[..., None]
        surf = pygame.Surface((size, size), pygame.SRCALPHA)
        pygame.surfarray.pixels3d(surf)[:] = np.clip(rgb, 0, 255).astype(np.uint8)
        pygame.surfarray.pixels_alpha(surf)[:] = np.clip(alpha * 255, 0, 255).astype(np.uint8)
        box = surf.get_bounding_rect(min_alpha=2)
        apex = (round(c - ux * r) - box.x, round(c - uy * r) - box.y)
        made = self._arcs[key] = (surf.subsurface(box).copy(), apex)
        return made

    def _marker(self, bearing: int, nearness: int, exit_call: bool) -> tuple[pygame.Surface, tuple[int, int]]:
        """The edge marker: the caller's glyph and `nearness` chevrons pointing outwards; and its centre."""
        n = max(1, min(4, nearness))
        key = (bearing % POINTS, n, exit_call)
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
        # A soft dark pool, so the marker reads on lit ground as well as in the dark.
        pool = np.clip(1 - np.hypot(*np.meshgrid(np.arange(size) + 0.5 - c, np.arange(size) + 0.5 - c)) / (glyph * 1.9), 0, 1)
        surf.fill((*P.INK, 0))
        pygame.surfarray.pixels_alpha(surf)[:] = (pool**0.7 * 170).astype(np.uint8).T
        colour = self.colour(exit_call)
        draw_symbol(surf, "exit" if exit_call else P.DREAMER_STYLE.shape, colour, (c, c), glyph)
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
