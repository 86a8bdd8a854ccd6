"""The nexus climax drawn (chapter 5): the tiles a ward's glitch struck, its sleeping clients, the terminals.

Each fear has a colour and a small mark; a struck tile is outlined in its
ward's fear colour, a sleeping client is a small figure of its fear's colour
with the fear's mark above it (a woken one is drawn pale and upright), and a
terminal is a console, lit until it has been hacked. Only plain rectangles,
circles and lines: a frame with every client in sight stays cheap.
"""

from __future__ import annotations

import pygame

#: Each fear's colour (the struck tiles and the clients' marks).
FEAR_COLOURS: dict[str, tuple[int, int, int]] = {
    "loss": (110, 150, 255),
    "being_controlled": (230, 90, 200),
    "abandonment": (250, 170, 70),
    "chaos": (240, 80, 70),
    "self_doubt": (180, 120, 255),
    "being_trapped": (120, 220, 160),
    "judgement": (240, 230, 110),
    "isolation": (150, 200, 210),
}
OTHER = (200, 200, 200)
AWAKE = (236, 240, 248)
TERMINAL_LIT = (90, 240, 220)
TERMINAL_USED = (90, 100, 110)


def fear_colour(fear: str) -> tuple[int, int, int]:
    return FEAR_COLOURS.get(fear, OTHER)


def draw_nexus(surface: pygame.Surface, view, near, at, tile_px: int, now: float) -> int:
    """Draw the struck tiles, clients and terminals of `view` near the camera; returns the clients drawn."""
    half = tile_px // 2
    seen, visible = view.seen, view.visible
    for s in view.struck:
        if near(s.x, s.y) and visible[s.y, s.x]:
            cx, cy = at(s.x, s.y)
            pygame.draw.rect(surface, fear_colour(s.fear), (cx - half + 1, cy - half + 1, tile_px - 2, tile_px - 2), max(2, tile_px // 10))
    for m in view.marks:
        if m.kind == "terminal" and near(m.x, m.y) and seen[m.y, m.x]:
            cx, cy = at(m.x, m.y)
            colour = TERMINAL_USED if m.done else TERMINAL_LIT
            w, h = tile_px * 3 // 5, tile_px * 2 // 5
            pygame.draw.rect(surface, (30, 36, 44), (cx - w // 2 - 2, cy - h // 2 - 2, w + 4, h + 4))
            pygame.draw.rect(surface, colour, (cx - w // 2, cy - h // 2, w, h), 0 if not m.done else 2)
            pygame.draw.line(surface, colour, (cx, cy + h // 2), (cx, cy + h // 2 + tile_px // 6), 2)
    drawn = 0
    r = max(2, tile_px // 7)
    for c in view.clients:
        if not (near(c.x, c.y) and seen[c.y, c.x]):
            continue
        drawn += 1
        cx, cy = at(c.x, c.y)
        colour = fear_colour(c.fear)
        if c.awake:
            pygame.draw.circle(surface, AWAKE, (cx, cy - r), r)
            pygame.draw.line(surface, AWAKE, (cx, cy), (cx, cy + 2 * r), 2)
            continue
        # Lying down: a head and a body along the floor, the fear's mark above.
        pygame.draw.ellipse(surface, colour, (cx - 2 * r, cy, 3 * r, r + 1))
        pygame.draw.circle(surface, colour, (cx + 2 * r, cy + r // 2), r)
        pygame.draw.circle(surface, colour, (cx, cy - 2 * r), max(1, r // 2))
    return drawn
