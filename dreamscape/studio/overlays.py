"""The map's layers, each drawn once per build, tile size and point in the schedule.

    base        the tiles at a tick, hatched where glitches are still to come
    regions     each region washed in its theme colour, borders traced, names written
    distance    a heat gradient over walkable ground: walking steps from the start
    chokepoints the start-to-exit route and the tiles every route must cross
    markers     start, exit, dreamers, manifestations, lures, shards and open portals
"""

from __future__ import annotations

import numpy as np
import pygame

from dreamscape.core import tiles as T
from dreamscape.gen.grid import UNREACHED, label
from dreamscape.render import palette as P
from dreamscape.render.markers import draw_ends, draw_entities
from dreamscape.render.symbols import arrow_head, dashed_line
from dreamscape.render.textures import hatch_sites, outline_tiles, tile_pixels
from dreamscape.studio import style as S
from dreamscape.studio.analysis import Field

#: The distance ramp, near to far: cool indigo through green to a warm vermillion.
HEAT_STOPS = np.array(
    [(58, 40, 140), P.BLUE, P.BLUISH_GREEN, P.YELLOW, P.ORANGE, P.VERMILLION],
    dtype=np.float32,
)
HEAT_ALPHA = 200
REGION_ALPHA = 105
CHOKE_FILL = (255, 96, 120)
ROUTE_COLOUR = (*P.WHITE, 150)
#: Regions smaller than this many tiles, or this many pixels, get no name written on them.
LABEL_MIN_TILES = 120
LABEL_MIN_PIXELS = 5000


def heat_colours(t: np.ndarray) -> np.ndarray:
    """RGB (..., 3) float32 for values 0..1 along the distance ramp."""
    t = np.clip(t, 0.0, 1.0) * (len(HEAT_STOPS) - 1)
    i = np.minimum(t.astype(np.intp), len(HEAT_STOPS) - 2)
    f = (t - i)[..., None]
    return HEAT_STOPS[i] * (1 - f) + HEAT_STOPS[i + 1] * f


def _rgba_surface(rgba: np.ndarray) -> pygame.Surface:
    h, w = rgba.shape[:2]
    return pygame.image.frombytes(np.ascontiguousarray(rgba, dtype=np.uint8).tobytes(), (w, h), "RGBA")


def _scaled(rgba: np.ndarray, px: int) -> pygame.Surface:
    """A per-tile RGBA array blown up to px-by-px blocks (nearest neighbour)."""
    small = _rgba_surface(rgba)
    return pygame.transform.scale(small, (small.get_width() * px, small.get_height() * px))


def base_layer(ds, tiles: np.ndarray, px: int, applied: int, hatch: bool) -> pygame.Surface:
    """The tiles as they stand once `applied` glitches have fired.

    With `hatch`, tiles that glitches still to come will change are hatched
    in their kind's style; the tiles the latest glitch tick changed are
    outlined so a step along the timeline shows what moved.
    """
    image = tile_pixels(tiles, ds.regions, px)
    upcoming = ds.glitches[applied:]
    if hatch and upcoming:
        kinds = list(P.GLITCH_STYLE) + sorted({g.kind for g in upcoming} - set(P.GLITCH_STYLE))
        index = {kind: i for i, kind in enumerate(kinds)}
        sites = np.full(tiles.shape, -1, np.int8)
        for glitch in upcoming:
            if len(glitch.changes):
                xs, ys = glitch.changes[:, 0], glitch.changes[:, 1]
                fresh = sites[ys, xs] < 0
                sites[ys[fresh], xs[fresh]] = index[glitch.kind]
        hatch_sites(image, sites, px, [P.GLITCH_STYLE.get(k, P.GLITCH_UNKNOWN) for k in kinds])
    if applied:
        last_tick = ds.glitches[applied - 1].tick
        changed = np.zeros(tiles.shape, bool)
        for glitch in ds.glitches[:applied]:
            if glitch.tick == last_tick and len(glitch.changes):
                changed[glitch.changes[:, 1], glitch.changes[:, 0]] = True
        if changed.any():
            outline_tiles(image, changed, px, P.GLITCH_NOW)
    return pygame.image.frombytes(image.tobytes(), (image.shape[1], image.shape[0]), "RGB")


def regions_layer(ds, px: int) -> pygame.Surface:
    """Every region washed in its theme colour, with its border traced and its name written."""
    regions = ds.regions.astype(np.intp)
    colours = np.array([P.THEME_FLOOR[t.code] for t in T.THEMES], np.uint8)
    rgba = np.empty((*regions.shape, 4), np.uint8)
    rgba[..., :3] = colours[regions]
    rgba[..., 3] = REGION_ALPHA
    surface = _scaled(rgba, px)
    border = (*P.WHITE, 210)
    # Borders as runs of tile edges: a few hundred lines rather than a per-pixel mask.
    for column, top, bottom in _runs((regions[:, 1:] != regions[:, :-1]).T):
        x = (column + 1) * px
        pygame.draw.line(surface, border, (x, top * px), (x, bottom * px - 1))
    for row, left, right in _runs(regions[1:, :] != regions[:-1, :]):
        y = (row + 1) * px
        pygame.draw.line(surface, border, (left * px, y), (right * px - 1, y))
    _label_regions(surface, regions, px)
    return surface


def _runs(mask: np.ndarray) -> list[tuple[int, int, int]]:
    """(line, start, stop) for every run of True along each row of `mask`."""
    padded = np.zeros((mask.shape[0], mask.shape[1] + 2), np.int8)
    padded[:, 1:-1] = mask
    step = np.diff(padded, axis=1)
    lines, starts = np.nonzero(step == 1)
    _, stops = np.nonzero(step == -1)
    return list(zip(lines.tolist(), starts.tolist(), stops.tolist()))


def _label_regions(surface: pygame.Surface, regions: np.ndarray, px: int) -> None:
    size = S.SMALL_PX if px >= 5 else S.HEADER_PX
    for theme in T.THEMES:
        labels, count = label(regions == theme.code)
        if not count:
            continue
        flat = labels.ravel()
        areas = np.bincount(flat)[1:]
        ys, xs = np.indices(labels.shape, dtype=np.float64)
        centres = zip(
            (np.bincount(flat, weights=ys.ravel())[1:] / areas).tolist(),
            (np.bincount(flat, weights=xs.ravel())[1:] / areas).tolist(),
        )
        for area, (cy, cx) in zip(areas, centres):
            if area < LABEL_MIN_TILES or area * px * px < LABEL_MIN_PIXELS:
                continue
            pos = ((cx + 0.5) * px, (cy + 0.5) * px)
            S.text(surface, theme.name, (pos[0] + 1, pos[1] + 1), size, P.INK, anchor="center")
            S.text(surface, theme.name, pos, size, P.WHITE, anchor="center")


def distance_layer(field: Field, px: int) -> pygame.Surface:
    """Walkable tiles coloured by walking steps from the start (unreached ones left clear)."""
    dist = field.distance
    reached = field.walk & (dist != UNREACHED)
    reach = max(1, field.reach)
    rgba = np.zeros((*dist.shape, 4), np.uint8)
    rgba[..., :3] = heat_colours(np.where(reached, dist, 0) / reach).astype(np.uint8)
    rgba[..., 3] = np.where(reached, HEAT_ALPHA, 0)
    return _scaled(rgba, px)


def chokepoints_layer(field: Field, px: int, size: tuple[int, int]) -> pygame.Surface:
    """The shortest start-to-exit route as a thin line, and every cut tile boxed on it."""
    surface = pygame.Surface(size, pygame.SRCALPHA)
    route = field.route
    if len(route) >= 2:
        points = [((x + 0.5) * px, (y + 0.5) * px) for y, x in route.tolist()]
        pygame.draw.lines(surface, ROUTE_COLOUR, False, points, 1 if px < 6 else 2)
    ys, xs = np.nonzero(field.chokepoints)
    # Tiny tiles still get a box big enough to see.
    side = max(px, 6)
    for x, y in zip(xs.tolist(), ys.tolist()):
        box = pygame.Rect(0, 0, side, side)
        box.center = (round((x + 0.5) * px), round((y + 0.5) * px))
        pygame.draw.rect(surface, (*CHOKE_FILL, 235), box)
        pygame.draw.rect(surface, (*P.INK, 255), box, 1)
    return surface


def markers_layer(ds, px: int, tick: int, size: tuple[int, int]) -> pygame.Surface:
    """Portals open at `tick`, then shards, lures, manifestations, dreamers, start and exit."""
    surface = pygame.Surface(size, pygame.SRCALPHA)
    half = px / 2.0

    def centre(pos) -> tuple[float, float]:
        return (pos[0] * px + half, pos[1] * px + half)

    radius = min(10.0, max(4.5 if px > 3 else 3.5, px * 0.62))
    width = 1 if px < 4 else 2
    alpha = 220 if px >= 6 else 150
    portals = [p for p in ds.portals if p.opens_at <= tick]
    for glitch in ds.glitches:
        if glitch.tick <= tick:
            portals.extend(glitch.portals)
    for portal in portals:
        a, b = centre(portal.a), centre(portal.b)
        if portal.two_way:
            pygame.draw.line(surface, (*P.PORTAL_TWO_WAY, alpha), a, b, width)
            for end in (a, b):
                pygame.draw.circle(surface, (*P.PORTAL_TWO_WAY, alpha), end, max(2.0, radius * 0.45))
        else:
            dashed_line(surface, (*P.PORTAL_LOOP, alpha), a, b, width, max(4.0, radius), max(3.0, radius * 0.6))
            arrow_head(surface, (*P.PORTAL_LOOP, alpha), a, b, max(6.0, radius * 1.4))
    draw_entities(surface, ds, centre, radius)
    big = max(6.0, radius * 1.45)
    if px < 8:
        # On a big map the start and the exit get a beacon so the eye finds them.
        for pos, colour in ((ds.start, P.BLUISH_GREEN), (ds.exit, P.SKY_BLUE)):
            pygame.draw.circle(surface, (*colour, 255), centre(pos), big * 2.4, 2)
    draw_ends(surface, ds.start, ds.exit, centre, big)
    return surface
