"""The tile layer as one RGB numpy array: a small texture per tile kind and theme.

Every tile is looked up in a table of (kind, theme) -> px-by-px texture, so a
whole map is one fancy-indexing gather instead of a draw call per tile. Glitch
sites are hatched over it in image space, so stripes run on across tiles.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from dreamscape.core import tiles as T
from dreamscape.render import palette as P

#: A pseudo kind for wall tiles that touch open ground (drawn lighter).
WALL_EDGE = len(T.TILE_TYPES)
N_KINDS = WALL_EDGE + 1
N_THEMES = len(T.THEMES)
#: Below this tile size patterns are unreadable, so tiles are drawn flat.
DETAIL_PX = 5


def tile_pixels(tiles: np.ndarray, regions: np.ndarray, px: int) -> np.ndarray:
    """(h*px, w*px, 3) uint8 image of a tile map, tinted by region theme."""
    kinds = tiles.astype(np.intp)
    kinds[(tiles == T.WALL) & _touches_open(tiles)] = WALL_EDGE
    themes = np.clip(regions.astype(np.intp), 0, N_THEMES - 1)
    table = texture_table(px)  # (kinds * themes, px, px, 3)
    h, w = tiles.shape
    gathered = table[kinds * N_THEMES + themes]  # (h, w, px, px, 3)
    return np.ascontiguousarray(gathered.transpose(0, 2, 1, 3, 4).reshape(h * px, w * px, 3))


def hatch_sites(image: np.ndarray, site_kind: np.ndarray, px: int, styles: list[P.GlitchStyle]) -> None:
    """Hatch, in place, every tile whose `site_kind` is >= 0 with that style's pattern."""
    xs, ys = _site_pixels(site_kind >= 0, px)
    if not len(xs):
        return
    kind = site_kind[ys // px, xs // px]
    for index, style in enumerate(styles):
        chosen = kind == index
        if not chosen.any():
            continue
        sx, sy = xs[chosen], ys[chosen]
        if px < 4:
            # Too small for lines: a light wash of the kind's colour instead.
            _blend(image, sy, sx, style.colour, 0.45)
            continue
        # A light wash marks the whole site; the hatch lines name the kind.
        # Lines follow image coordinates, so they run on across neighbouring tiles.
        _blend(image, sy, sx, style.colour, P.GLITCH_WASH_ALPHA)
        on = _pattern(style.pattern, sx, sy)
        _blend(image, sy[on], sx[on], style.colour, P.GLITCH_HATCH_ALPHA)


def outline_tiles(image: np.ndarray, mask: np.ndarray, px: int, colour: P.RGB) -> None:
    """Draw, in place, a 1-pixel box round every tile in `mask` (or fill it when tiny)."""
    xs, ys = _site_pixels(mask, px)
    if px >= 4:
        lx, ly = xs % px, ys % px
        edge = (lx == 0) | (lx == px - 1) | (ly == 0) | (ly == px - 1)
        xs, ys = xs[edge], ys[edge]
    image[ys, xs] = colour


def _site_pixels(mask: np.ndarray, px: int) -> tuple[np.ndarray, np.ndarray]:
    """Image (x, y) of every pixel of every tile in `mask`, as flat arrays.

    Working on these pixels alone keeps hatching cheap on a 512x512 map,
    where whole-image masks would cost far more than the few sites need.
    """
    ty, tx = np.nonzero(mask)
    offsets = np.arange(px)
    xs = (tx[:, None, None] * px + offsets[None, None, :]).repeat(px, axis=1)
    ys = (ty[:, None, None] * px + offsets[None, :, None]).repeat(px, axis=2)
    return xs.ravel(), ys.ravel()


def _blend(image: np.ndarray, ys: np.ndarray, xs: np.ndarray, colour: P.RGB, alpha: float) -> None:
    pixels = image[ys, xs].astype(np.float32)
    image[ys, xs] = (pixels + (np.asarray(colour, np.float32) - pixels) * alpha).astype(np.uint8)


def _pattern(name: str, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    period = 4
    if name == "diagonal":
        return (xs + ys) % period == 0
    if name == "antidiagonal":
        return (xs - ys) % period == 0
    if name == "cross":
        return ((xs + ys) % period == 0) | ((xs - ys) % period == 0)
    if name == "vertical":
        return xs % period == 0
    if name == "horizontal":
        return ys % period == 0
    # dots
    return (xs % 3 == 1) & (ys % 3 == 1)


def _touches_open(tiles: np.ndarray) -> np.ndarray:
    """Mask of tiles with a non-wall tile among their eight neighbours."""
    open_ground = np.pad(tiles != T.WALL, 1, constant_values=False)
    h, w = tiles.shape
    out = np.zeros((h, w), dtype=bool)
    for dy in (0, 1, 2):
        for dx in (0, 1, 2):
            if dx != 1 or dy != 1:
                out |= open_ground[dy : dy + h, dx : dx + w]
    return out


@lru_cache(maxsize=16)
def texture_table(px: int) -> np.ndarray:
    """(N_KINDS * N_THEMES, px, px, 3) uint8 textures; cached per tile size."""
    table = np.zeros((N_KINDS, N_THEMES, px, px, 3), dtype=np.uint8)
    for theme in range(N_THEMES):
        for code in range(len(T.TILE_TYPES)):
            table[code, theme] = _texture(code, theme, px)
        table[WALL_EDGE, theme] = P.theme_wall_edge(theme)
    table.flags.writeable = False
    return table.reshape(N_KINDS * N_THEMES, px, px, 3)


def _texture(code: int, theme: int, px: int) -> np.ndarray:
    base = P.tile_colour(code, theme)
    tex = np.empty((px, px, 3), dtype=np.uint8)
    tex[:] = base
    if px < DETAIL_PX or code not in P.TILE_DETAIL:
        return tex
    ink = P.TILE_DETAIL[code]
    c = (np.arange(px) + 0.5) / px  # pixel centres in tile units
    ys, xs = np.meshgrid(c, c, indexing="ij")
    if code == T.FLOOR and px >= 8:
        # A faint grid so a designer can count tiles along a corridor.
        tex[-1, :] = P.mix(base, (0, 0, 0), 0.07)
        tex[:, -1] = P.mix(base, (0, 0, 0), 0.07)
    elif code == T.WATER:
        wave = (np.abs(ys - 0.35 - 0.08 * np.sin(xs * 2 * np.pi)) < 0.07) | (
            np.abs(ys - 0.75 - 0.08 * np.sin((xs + 0.5) * 2 * np.pi)) < 0.07
        )
        tex[wave & (xs > 0.1) & (xs < 0.9)] = ink
    elif code == T.VOID:
        tex[(np.abs(xs - 0.3) < 0.08) & (np.abs(ys - 0.3) < 0.08)] = ink
    elif code == T.BRIDGE:
        # Plank seams every few pixels.
        tex[(np.arange(px) % max(3, px // 3) == 0)[:, None].repeat(px, axis=1)] = ink
    elif code == T.GARDEN:
        flower = ((xs - 0.28) ** 2 + (ys - 0.3) ** 2 < 0.014) | ((xs - 0.7) ** 2 + (ys - 0.68) ** 2 < 0.014)
        tex[flower] = ink
    elif code == T.STABLE:
        inset = 1.0 / px + 0.12
        ring = ((np.abs(xs - 0.5) < 0.5 - inset) & (np.abs(ys - 0.5) < 0.5 - inset)) & ~(
            (np.abs(xs - 0.5) < 0.5 - inset - 1.0 / px) & (np.abs(ys - 0.5) < 0.5 - inset - 1.0 / px)
        )
        tex[ring] = ink
    elif code == T.DOOR:
        frame = (xs < 0.2) | (xs > 0.8) | (np.abs(ys - 0.5) < 0.1)
        tex[frame] = ink
    elif code in T.ONEWAYS:
        arrow = ((ys > 0.12) & (ys < 0.55) & (np.abs(xs - 0.5) < (ys - 0.12) * 1.0)) | (
            (ys >= 0.5) & (ys < 0.88) & (np.abs(xs - 0.5) < 0.13)
        )
        turns = {T.ONEWAY_N: 0, T.ONEWAY_W: 1, T.ONEWAY_S: 2, T.ONEWAY_E: 3}[code]
        tex[np.rot90(arrow, turns)] = ink
    return tex
