"""The whole dreamscape as one image: tiles, regions, entities, portals, glitch sites, legend.

    from dreamscape.render import render_map, save_png
    surface = render_map(ds)                 # the plan: the map before any glitch
    surface = render_map(ds, tick=1820)      # the map as it stands at a tick
    save_png(ds, "leo_7.png")                # written atomically

Rendering only reads the dreamscape; it never changes it. It needs no display.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pygame

from dreamscape.core import tiles as T
from dreamscape.formats.atomic import write_atomic
from dreamscape.render import palette as P
from dreamscape.render.fonts import font
from dreamscape.render.legend import LegendFacts, draw_legend
from dreamscape.render.markers import draw_ends, draw_entities, glitch_sites
from dreamscape.render.symbols import arrow_head, dashed_line
from dreamscape.render.textures import hatch_sites, outline_tiles, tile_pixels

MARGIN = 12
TITLE_HEIGHT = 54
#: The automatic tile size aims at a map about this wide.
TARGET_WIDTH = 1280
MAX_TILE_PX = 48
MIN_TILE_PX = 2


def auto_tile_px(width: int, height: int) -> int:
    """Pixels per tile so the map is roughly 900-1600 px wide (never under 2)."""
    px = min(TARGET_WIDTH // width, 1600 // height, MAX_TILE_PX)
    return max(MIN_TILE_PX, px)


def render_map(
    ds,
    tick: int | None = None,
    tile_px: int | None = None,
    legend: bool = True,
    title: str | None = None,
) -> pygame.Surface:
    """Draw a whole dreamscape and return it as a new surface.

    `tick` draws the labyrinth as it stands at that tick (every glitch with
    tick <= `tick` applied, only the portals open by then, and the glitch
    firing at exactly that tick outlined); without it, the map before any
    glitch with every portal. `tile_px` fixes the pixels per tile (chosen
    automatically otherwise). `legend` adds the legend panel and the title
    lines; `title` replaces the first title line (and adds a title strip to a
    legend-less map).
    """
    px = int(tile_px) if tile_px else auto_tile_px(ds.width, ds.height)
    if px < 1:
        raise ValueError(f"tile_px must be at least 1, got {tile_px}")
    tiles = ds.tiles if tick is None else ds.tiles_at_tick(tick)
    kinds = list(P.GLITCH_STYLE)
    kinds += sorted({g.kind for g in ds.glitches} - set(kinds))
    site_kind = glitch_sites(ds.tiles.shape, ds.glitches, kinds)

    image = tile_pixels(tiles, ds.regions, px)
    styles = [P.GLITCH_STYLE.get(kind, P.GLITCH_UNKNOWN) for kind in kinds]
    hatch_sites(image, site_kind, px, styles)
    now = [g for g in ds.glitches if tick is not None and g.tick == tick]
    if now:
        outline_tiles(image, _changed_mask(ds.tiles.shape, now), px, P.GLITCH_NOW)
    # frombytes copies: the overlay below draws on the surface, never on shared bytes.
    map_surface = pygame.image.frombytes(image.tobytes(), (image.shape[1], image.shape[0]), "RGB")
    _draw_overlay(map_surface, ds, px, tick, now)

    show_title = legend or title is not None
    top = TITLE_HEIGHT if show_title else 0
    if not legend:
        if not show_title:
            return map_surface
        canvas = pygame.Surface((map_surface.get_width(), top + map_surface.get_height()))
        canvas.fill(P.BACKGROUND)
        canvas.blit(map_surface, (0, top))
        _draw_title(canvas, ds, tick, title, 0)
        return canvas

    facts = _facts(ds, kinds, site_kind, tick, len(now))
    panel = draw_legend(ds, facts, max(map_surface.get_height(), 480))
    width = MARGIN + map_surface.get_width() + MARGIN + panel.get_width() + MARGIN
    height = top + max(map_surface.get_height(), panel.get_height()) + MARGIN
    canvas = pygame.Surface((width, height))
    canvas.fill(P.BACKGROUND)
    canvas.blit(map_surface, (MARGIN, top))
    pygame.draw.rect(canvas, P.PANEL_RULE, pygame.Rect(MARGIN - 1, top - 1, map_surface.get_width() + 2, map_surface.get_height() + 2), 1)
    canvas.blit(panel, (2 * MARGIN + map_surface.get_width(), top))
    _draw_title(canvas, ds, tick, title, MARGIN)
    return canvas


def save_png(ds, path: str | os.PathLike[str], **kw) -> Path:
    """Render `ds` (keywords as for `render_map`) and write it to `path` atomically."""
    return save_surface(render_map(ds, **kw), path)


def write_png(surface: pygame.Surface, dest: str | os.PathLike[str] | BinaryIO) -> None:
    """Write a surface as PNG to a binary stream, or to a path (not atomic: see `save_surface`)."""
    if hasattr(dest, "write"):
        pygame.image.save(surface, dest, "png")
    else:
        pygame.image.save(surface, str(dest))


def save_surface(surface: pygame.Surface, path: str | os.PathLike[str], field: str | None = None) -> Path:
    """Write a surface as PNG so that `path` is either the old file or the whole new one.

    The PNG is made in memory first: the image library does not report a short
    write, so writing it straight to a full disk could leave a cut-off file.
    A failure is an OutputError naming the path (and `field`, the option).
    """
    target = Path(path)
    write_atomic(target, lambda out: write_png(surface, out), field)
    return target


def default_title(ds, tick: int | None = None) -> str:
    """'Leo — seed 7 — 96×64 — 1a2b3c4d5e6f' (plus the chapter name and tick when set)."""
    spec = ds.spec
    name = spec.profile.name
    if spec.name and spec.name != name:
        name = f"{spec.name} · {name}"
    parts = [name, f"seed {ds.seed}", f"{ds.width}×{ds.height}", ds.content_hash()[:12]]
    if tick is not None:
        parts.append(f"tick {tick}")
    return "  —  ".join(parts)


def _draw_title(canvas: pygame.Surface, ds, tick: int | None, title: str | None, x: int) -> None:
    line = font(30).render(title if title is not None else default_title(ds, tick), True, P.TEXT)
    canvas.blit(line, (x, 8))
    canvas.blit(font(20).render(_profile_line(ds), True, P.TEXT_DIM), (x, 34))


def _profile_line(ds) -> str:
    profile = ds.spec.profile
    fears = ", ".join(f"{k.replace('_', ' ')} {v:g}" for k, v in sorted(profile.fears.items(), key=lambda kv: -kv[1]) if v > 0)
    desires = ", ".join(f"{k.replace('_', ' ')} {v:g}" for k, v in sorted(profile.desires.items(), key=lambda kv: -kv[1]) if v > 0)
    return f"turmoil {profile.turmoil:g}   ·   fears: {fears or 'none'}   ·   desires: {desires or 'none'}"


def _changed_mask(shape: tuple[int, int], glitches) -> np.ndarray:
    mask = np.zeros(shape, dtype=bool)
    for glitch in glitches:
        if len(glitch.changes):
            mask[glitch.changes[:, 1], glitch.changes[:, 0]] = True
    return mask


def _open_portals(ds, tick: int | None) -> list:
    """Portals to draw: every one for the plan, or those open at `tick`."""
    portals = [p for p in ds.portals if tick is None or p.opens_at <= tick]
    for glitch in ds.glitches:
        if tick is None or glitch.tick <= tick:
            portals.extend(glitch.portals)
    return portals


def _now_rings(glitch, px: int) -> list[tuple[tuple[float, float], float]]:
    """(centre, radius) circles round the tiles a glitch changes and each portal end it opens."""
    rings = []
    if len(glitch.changes):
        xs, ys = glitch.changes[:, 0], glitch.changes[:, 1]
        x0, x1, y0, y1 = int(xs.min()), int(xs.max()) + 1, int(ys.min()), int(ys.max()) + 1
        centre = ((x0 + x1) / 2 * px, (y0 + y1) / 2 * px)
        rings.append((centre, max(x1 - x0, y1 - y0) * px * 0.75 + max(8, px)))
    for portal in glitch.portals:
        for end in (portal.a, portal.b):
            rings.append((((end[0] + 0.5) * px, (end[1] + 0.5) * px), max(8, px * 1.5)))
    return rings


def _facts(ds, kinds: list[str], site_kind: np.ndarray, tick: int | None, now: int) -> LegendFacts:
    present = set(np.unique(ds.tiles).tolist())
    for glitch in ds.glitches:
        if len(glitch.changes):
            present |= set(np.unique(glitch.changes[:, 2]).tolist())
    themes = np.bincount(ds.regions.ravel(), minlength=len(T.THEMES))
    share = {code: count / ds.regions.size for code, count in enumerate(themes.tolist()) if count}
    # The tile swatches show the most common walkable theme's tint.
    main_theme = int(np.argmax(np.bincount(ds.regions[T.WALKABLE[ds.tiles]], minlength=len(T.THEMES)))) if T.WALKABLE[ds.tiles].any() else 0
    sites = np.bincount(site_kind[site_kind >= 0].ravel(), minlength=len(kinds))
    portals = Counter("two_way" if p.two_way else "loop" for p in _open_portals(ds, None))
    return LegendFacts(
        tile_kinds=present,
        main_theme=main_theme,
        theme_share=share,
        site_counts={kinds[i]: int(n) for i, n in enumerate(sites.tolist()) if n},
        glitch_counts=dict(Counter(g.kind for g in ds.glitches)),
        portal_counts=dict(portals),
        tick=tick,
        now_glitches=now,
    )


def _draw_overlay(surface: pygame.Surface, ds, px: int, tick: int | None, now: list) -> None:
    """Portals, dreamer pairs and every entity symbol, drawn over the tiles."""
    half = px / 2.0

    def centre(pos) -> tuple[float, float]:
        return (pos[0] * px + half, pos[1] * px + half)

    # Symbols never shrink below a readable size, even when a tile is 2 px.
    radius = min(10.0, max(4.5 if px > 3 else 3.5, px * 0.62))
    lines = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
    width = 1 if px < 4 else 2
    # Big maps hold hundreds of portals: fainter lines keep the labyrinth visible.
    alpha = 220 if px >= 6 else 150 if px >= 3 else 110
    for portal in _open_portals(ds, tick):
        a, b = centre(portal.a), centre(portal.b)
        if portal.two_way:
            colour = (*P.PORTAL_TWO_WAY, alpha)
            pygame.draw.line(lines, colour, a, b, width)
            for end in (a, b):
                pygame.draw.circle(lines, colour, end, max(2.0, radius * 0.45))
        else:
            colour = (*P.PORTAL_LOOP, alpha)
            dashed_line(lines, colour, a, b, width, max(4.0, radius), max(3.0, radius * 0.6))
            arrow_head(lines, colour, a, b, max(6.0, radius * 1.4))
    pairs: dict[int, list] = {}
    for dreamer in ds.dreamers:
        if dreamer.pair >= 0:
            pairs.setdefault(dreamer.pair, []).append(dreamer)
    for members in pairs.values():
        for first, second in zip(members, members[1:]):
            dashed_line(lines, (*P.DREAMER_LINK, 235), centre(first.pos), centre(second.pos), max(2, width), 3, 2)
    big = max(6.0, radius * 1.45)
    if px < 8:
        # On a big map the start and the exit get a beacon so the eye finds them.
        for pos, beacon in ((ds.start, P.BLUISH_GREEN), (ds.exit, P.SKY_BLUE)):
            pygame.draw.circle(lines, (*P.WHITE, 90), centre(pos), big * 2.6)
            pygame.draw.circle(lines, (*beacon, 255), centre(pos), big * 2.6, 3)
    for glitch in now:
        # A glitch may change a single tile: ring it so it is found at a glance.
        for ring in _now_rings(glitch, px):
            pygame.draw.circle(lines, (*P.GLITCH_NOW, 230), ring[0], ring[1], 2)
    surface.blit(lines, (0, 0))

    # Least to most important, so the things a designer hunts for end up on top.
    draw_entities(surface, ds, centre, radius)
    draw_ends(surface, ds.start, ds.exit, centre, big)
