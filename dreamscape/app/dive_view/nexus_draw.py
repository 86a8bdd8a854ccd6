"""The nexus climax drawn (chapter 5): the tiles a ward's glitch struck, its sleeping clients, the terminals.

Each fear has a colour and a small mark; a tile a glitch struck is outlined in
its ward's fear colour until the ward wakes (boldly in sight, thinly on the
remembered map), a sleeping client is a small figure of its fear's colour
lying down with the fear's mark above it (a woken one is drawn pale and
upright), and a terminal is a console, lit until it has been hacked. Clients
and terminals are sprites made once (EntitySprites.client, .terminal) with the
dark outline every entity has, so they stand 3:1 from any lit ground; every
client in sight goes to the screen in one batched blit, so a frame with a
hundred of them stays cheap.
"""

from __future__ import annotations

import numpy as np
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
TERMINAL_USED = (150, 160, 172)
TERMINAL_CASE = (30, 36, 44)
#: The see-through colour of a scar sprite (no fear is black).
SCAR_KEY = (0, 0, 0)


def fear_colour(fear: str) -> tuple[int, int, int]:
    return FEAR_COLOURS.get(fear, OTHER)


class Scars:
    """The struck tiles of one view as arrays: xs, ys, and each one's fear (an index into `fears`)."""

    def __init__(self, struck) -> None:
        self.fears = tuple(sorted({s.fear for s in struck}))
        index = {fear: i for i, fear in enumerate(self.fears)}
        self.xs = np.array([s.x for s in struck], np.intp)
        self.ys = np.array([s.y for s in struck], np.intp)
        self.kinds = np.array([index[s.fear] for s in struck], np.intp)


def build_scar(tile_px: int, colour: tuple[int, int, int], width: int) -> pygame.Surface:
    """A tile-sized square outline of `colour`, `width` pixels wide, the rest see-through.

    A colour key with run-length encoding, not per-pixel alpha: a blit then
    skips the empty middle rather than blending it, and a screenful of scars
    costs little."""
    surf = pygame.Surface((tile_px, tile_px))
    surf.fill(SCAR_KEY)
    pygame.draw.rect(surf, colour, (1, 1, tile_px - 2, tile_px - 2), width)
    surf.set_colorkey(SCAR_KEY, pygame.RLEACCEL)
    return surf


def build_client(tile_px: int, colour: tuple[int, int, int], awake: bool) -> pygame.Surface:
    """One client, centred on its surface: lying down with its fear's mark above, or (awake) standing."""
    r = max(2, tile_px // 7)
    size = 6 * r + 2
    surf = pygame.Surface((size, size), pygame.SRCALPHA)
    c = size // 2
    if awake:
        pygame.draw.circle(surf, AWAKE, (c, c - r), r)
        pygame.draw.line(surf, AWAKE, (c, c), (c, c + 2 * r), max(2, r // 2 + 1))
        return surf
    pygame.draw.ellipse(surf, colour, (c - 2 * r, c, 3 * r, r + 1))
    pygame.draw.circle(surf, colour, (c + 2 * r, c + r // 2), r)
    pygame.draw.circle(surf, colour, (c, c - 2 * r), max(1, r // 2 + 1))
    return surf


def build_terminal(tile_px: int, used: bool) -> pygame.Surface:
    """A maintenance console in its dark case: a lit screen, or (hacked) an empty frame."""
    w, h = tile_px * 3 // 5, tile_px * 2 // 5
    stand = tile_px // 6
    surf = pygame.Surface((w + 4, h + 4 + stand), pygame.SRCALPHA)
    colour = TERMINAL_USED if used else TERMINAL_LIT
    pygame.draw.rect(surf, TERMINAL_CASE, (0, 0, w + 4, h + 4))
    pygame.draw.rect(surf, colour, (2, 2, w, h), 0 if not used else 2)
    pygame.draw.line(surf, colour, (w // 2 + 2, h + 2), (w // 2 + 2, h + 2 + stand), 2)
    return surf


def draw_nexus(surface: pygame.Surface, view, near, at, art, now: float, window: tuple[int, int, int, int] | None = None) -> int:
    """Draw the struck tiles, clients and terminals of `view` near the camera (`near(x, y)`;
    `window`, the tiles (x0, y0, x1, y1) it covers) with `art` (EntitySprites); returns the clients drawn."""
    tile_px = art.px
    half = tile_px // 2
    seen, visible = view.seen, view.visible
    scars = art.scars(view.struck)
    if len(scars.xs):
        # Scars stay until their ward wakes: bold in sight, a thin line on the remembered map.
        x0, y0 = at(0, 0)
        x0w, y0w, x1w, y1w = window if window is not None else (0, 0, seen.shape[1], seen.shape[0])
        keep = (scars.xs >= x0w) & (scars.xs < x1w) & (scars.ys >= y0w) & (scars.ys < y1w)
        xs, ys, kinds = scars.xs[keep], scars.ys[keep], scars.kinds[keep]
        faint = ~visible[ys, xs]
        sprites = art.scar_sprites(scars.fears)
        surface.fblits(zip(
            [sprites[k] for k in (kinds * 2 + faint).tolist()],
            zip((x0 - half + xs * tile_px).tolist(), (y0 - half + ys * tile_px).tolist()),
        ))  # fmt: skip
    for m in view.marks:
        if m.kind == "terminal" and near(m.x, m.y) and seen[m.y, m.x]:
            art.terminal(surface, at(m.x, m.y), m.done)
    batch = []
    sprite = art.client_sprite
    for c in view.clients:
        if near(c.x, c.y) and seen[c.y, c.x]:
            image = sprite(c.fear, c.awake)
            cx, cy = at(c.x, c.y)
            batch.append((image, (cx - image.get_width() // 2, cy - image.get_height() // 2)))
    surface.fblits(batch)
    return len(batch)
