"""Entity symbols: one shape per entity type, outlined in ink so it reads on any tile.

Shapes carry the meaning as much as colour does: a designer who cannot tell
vermillion from yellow still tells a triangle from a star.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import pygame

from dreamscape.render import palette as P

Point = tuple[float, float]


def draw_symbol(surface: pygame.Surface, shape: str, fill: P.RGB, centre: Point, radius: float) -> None:
    """Draw the named shape centred at `centre`, about 2 * `radius` pixels across."""
    draw = _SHAPES.get(shape, _dot)
    draw(surface, fill, centre, max(2.5, radius))


def dashed_line(surface: pygame.Surface, colour, a: Point, b: Point, width: int, dash: float, gap: float) -> None:
    """A straight dashed line from `a` to `b`."""
    length = math.dist(a, b)
    if length < 1:
        return
    ux, uy = (b[0] - a[0]) / length, (b[1] - a[1]) / length
    pos = 0.0
    while pos < length:
        end = min(pos + dash, length)
        pygame.draw.line(surface, colour, (a[0] + ux * pos, a[1] + uy * pos), (a[0] + ux * end, a[1] + uy * end), width)
        pos = end + gap


def arrow_head(surface: pygame.Surface, colour, a: Point, b: Point, size: float) -> None:
    """A filled arrowhead at `b`, pointing from `a` towards `b`."""
    length = math.dist(a, b)
    if length < 1:
        return
    ux, uy = (b[0] - a[0]) / length, (b[1] - a[1]) / length
    back = (b[0] - ux * size, b[1] - uy * size)
    left = (back[0] - uy * size * 0.55, back[1] + ux * size * 0.55)
    right = (back[0] + uy * size * 0.55, back[1] - ux * size * 0.55)
    pygame.draw.polygon(surface, colour, [b, left, right])


def _ink_width(r: float) -> int:
    return 1 if r < 6 else 2


def _filled(surface: pygame.Surface, fill, points: Sequence[Point], r: float, ink: int | None = None) -> None:
    pygame.draw.polygon(surface, fill, points)
    pygame.draw.polygon(surface, P.INK, points, _ink_width(r) if ink is None else ink)


def _open(surface: pygame.Surface, fill, points: Sequence[Point], r: float) -> None:
    # A thick ink stroke under a thinner coloured one keeps open shapes legible.
    lw = max(2, int(r / 3))
    pygame.draw.polygon(surface, P.INK, points, lw + 2)
    pygame.draw.polygon(surface, fill, points, lw)


def _poly(c: Point, r: float, unit: Sequence[Point]) -> list[Point]:
    return [(c[0] + x * r, c[1] + y * r) for x, y in unit]


def _circle(surface, fill, c, r, width=0):
    pygame.draw.circle(surface, fill, (round(c[0]), round(c[1])), round(r), width)


_UP = ((0, -1.05), (0.95, 0.75), (-0.95, 0.75))
_DOWN = ((0, 1.05), (0.95, -0.75), (-0.95, -0.75))


def _triangle(s, f, c, r):
    _filled(s, f, _poly(c, r, _UP), r)


def _triangle_open(s, f, c, r):
    _open(s, f, _poly(c, r * 0.9, _UP), r)


def _triangle_down(s, f, c, r):
    _filled(s, f, _poly(c, r, _DOWN), r)


def _triangle_down_open(s, f, c, r):
    _open(s, f, _poly(c, r * 0.9, _DOWN), r)


def _square(s, f, c, r):
    _filled(s, f, _poly(c, r * 0.8, ((-1, -1), (1, -1), (1, 1), (-1, 1))), r)


def _diamond(s, f, c, r):
    _filled(s, f, _poly(c, r * 0.85, ((0, -1.15), (0.8, 0), (0, 1.15), (-0.8, 0))), r)


def _mirror(s, f, c, r):
    _open(s, f, _poly(c, r * 0.85, ((0, -1.15), (0.8, 0), (0, 1.15), (-0.8, 0))), r)


def _rings(s, f, c, r):
    _circle(s, P.INK, c, r + 1)
    _circle(s, f, c, r, max(2, int(r / 3)))
    _circle(s, f, c, r * 0.35)


def _ring(s, f, c, r):
    lw = max(2, int(r / 3))
    _circle(s, P.INK, c, r + 1, lw + 2)
    _circle(s, f, c, r, lw)


def _dot(s, f, c, r):
    _circle(s, P.INK, c, r * 0.7 + 1)
    _circle(s, f, c, r * 0.7)


def _eye(s, f, c, r):
    lens = [(c[0] + r * 1.1 * math.cos(t), c[1] + r * 0.62 * math.sin(t)) for t in (i * math.pi / 8 for i in range(16))]
    _filled(s, f, lens, r)
    _circle(s, P.INK, c, r * 0.32)


def _bolt(s, f, c, r):
    # Thin, so it is drawn larger with a hairline of ink or the ink would swallow it.
    _filled(s, f, _poly(c, r * 1.2, ((0.4, -1.1), (-0.6, 0.15), (-0.05, 0.15), (-0.4, 1.1), (0.65, -0.2), (0.1, -0.2))), r, 1)


def _cross(s, f, c, r):
    k = r * 0.8
    lw = max(2, int(r / 2.5))
    for (x0, y0), (x1, y1) in (((-k, -k), (k, k)), ((-k, k), (k, -k))):
        pygame.draw.line(s, P.INK, (c[0] + x0, c[1] + y0), (c[0] + x1, c[1] + y1), lw + 3)
    for (x0, y0), (x1, y1) in (((-k, -k), (k, k)), ((-k, k), (k, -k))):
        pygame.draw.line(s, f, (c[0] + x0, c[1] + y0), (c[0] + x1, c[1] + y1), lw)


def _plus(s, f, c, r):
    k = r * 0.9
    lw = max(2, int(r / 2.5))
    for (x0, y0), (x1, y1) in (((-k, 0), (k, 0)), ((0, -k), (0, k))):
        pygame.draw.line(s, P.INK, (c[0] + x0, c[1] + y0), (c[0] + x1, c[1] + y1), lw + 3)
    for (x0, y0), (x1, y1) in (((-k, 0), (k, 0)), ((0, -k), (0, k))):
        pygame.draw.line(s, f, (c[0] + x0, c[1] + y0), (c[0] + x1, c[1] + y1), lw)


def _star(s, f, c, r):
    points = []
    for i in range(8):
        angle = -math.pi / 2 + i * math.pi / 4
        k = 1.2 if i % 2 == 0 else 0.42
        points.append((math.cos(angle) * k, math.sin(angle) * k))
    _filled(s, f, _poly(c, r, points), r)


def _house(s, f, c, r):
    _filled(s, f, _poly(c, r, ((0, -1.05), (0.95, -0.1), (0.75, -0.1), (0.75, 0.9), (-0.75, 0.9), (-0.75, -0.1), (-0.95, -0.1))), r)


def _mountain(s, f, c, r):
    _filled(s, f, _poly(c, r, ((-1.1, 0.75), (-0.35, -0.9), (0.05, -0.1), (0.45, -0.6), (1.1, 0.75))), r)


def _anchor(s, f, c, r):
    # Shank and stock, then the curved arms.
    lw = max(2, int(r / 3.5))
    for colour, extra in ((P.INK, 3), (f, 0)):
        pygame.draw.line(s, colour, (c[0], c[1] - r), (c[0], c[1] + r * 0.9), lw + extra)
        pygame.draw.line(s, colour, (c[0] - r * 0.5, c[1] - r * 0.45), (c[0] + r * 0.5, c[1] - r * 0.45), lw + extra)
        rect = pygame.Rect(0, 0, round(r * 1.8), round(r * 1.4))
        rect.center = (round(c[0]), round(c[1] + r * 0.2))
        pygame.draw.arc(s, colour, rect, math.pi * 1.05, math.pi * 1.95, lw + extra)


def _false_door(s, f, c, r):
    # A doorway like the exit's, but yellow with a dark opening: it looks like a way out.
    outer = _poly(c, r * 0.9, ((-0.85, 1), (-0.85, -0.55), (0, -1.1), (0.85, -0.55), (0.85, 1)))
    _filled(s, f, outer, r)
    inner = _poly(c, r * 0.9, ((-0.38, 1), (-0.38, -0.2), (0.38, -0.2), (0.38, 1)))
    pygame.draw.polygon(s, P.INK, inner)


def _dreamer(s, f, c, r):
    _circle(s, P.INK, c, r + 2)
    _circle(s, P.WHITE, c, r + 0.5)
    _circle(s, f, c, r * 0.72)
    _circle(s, P.WHITE, (c[0] + r * 0.18, c[1] - r * 0.18), r * 0.22)


def _start(s, f, c, r):
    _circle(s, P.INK, c, r + 2)
    _circle(s, f, c, r, max(2, int(r / 3)))
    _circle(s, P.BLUISH_GREEN, c, r * 0.45)
    _circle(s, P.INK, c, r * 0.45, 1)


def _exit(s, f, c, r):
    # A white arch with a sky-blue opening: daylight through the bridge to waking.
    outer = _poly(c, r, ((-0.9, 1), (-0.9, -0.45), (0, -1.15), (0.9, -0.45), (0.9, 1)))
    _filled(s, f, outer, r)
    inner = _poly(c, r, ((-0.45, 1), (-0.45, -0.2), (0, -0.6), (0.45, -0.2), (0.45, 1)))
    pygame.draw.polygon(s, P.SKY_BLUE, inner)
    pygame.draw.polygon(s, P.INK, inner, 1)


def _doubt(s, f, c, r):
    # A heavy closed loop: an octagon with a dark hole, the cycle it keeps you in.
    ring = [(math.cos(i * math.pi / 4 + math.pi / 8) * 1.1, math.sin(i * math.pi / 4 + math.pi / 8) * 1.1) for i in range(8)]
    _filled(s, f, _poly(c, r, ring), r)
    _circle(s, P.INK, c, r * 0.45)
    _circle(s, f, (c[0] + r * 0.22, c[1] - r * 0.22), r * 0.16)


def _beacon(s, f, c, r):
    # A flame over a small plinth: a friend's light.
    _filled(s, P.INK, _poly(c, r, ((-0.6, 1.05), (0.6, 1.05), (0.4, 0.6), (-0.4, 0.6))), r)
    _filled(s, f, _poly(c, r, ((0, -1.15), (0.55, -0.1), (0.42, 0.45), (0, 0.62), (-0.42, 0.45), (-0.55, -0.1))), r)


def _memory(s, f, c, r):
    # A keyhole: what the curated loop keeps locked away.
    _circle(s, P.INK, (c[0], c[1] - r * 0.3), r * 0.62)
    _circle(s, f, (c[0], c[1] - r * 0.3), r * 0.5)
    _filled(s, f, _poly(c, r, ((-0.18, -0.1), (0.18, -0.1), (0.5, 1.0), (-0.5, 1.0))), r)
    _circle(s, P.INK, (c[0], c[1] - r * 0.3), r * 0.16)


_SHAPES: dict[str, Callable[[pygame.Surface, P.RGB, Point, float], None]] = {
    "triangle": _triangle,
    "triangle_open": _triangle_open,
    "triangle_down": _triangle_down,
    "triangle_down_open": _triangle_down_open,
    "square": _square,
    "diamond": _diamond,
    "mirror": _mirror,
    "rings": _rings,
    "ring": _ring,
    "dot": _dot,
    "eye": _eye,
    "bolt": _bolt,
    "cross": _cross,
    "plus": _plus,
    "star": _star,
    "house": _house,
    "mountain": _mountain,
    "anchor": _anchor,
    "false_door": _false_door,
    "dreamer": _dreamer,
    "start": _start,
    "exit": _exit,
    "doubt": _doubt,
    "beacon": _beacon,
    "memory": _memory,
}
