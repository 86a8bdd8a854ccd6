"""Tile sprites for the dive, painted with numpy at start-up (no image files).

Every tile on screen is one sprite looked up by an integer id:

    id = 0                                     never seen: near-black
    id = 1 + (level * N_THEMES + theme) * N_ART + art

`art` says what the tile is and how it meets its neighbours (a wall's open
sides, a shadow cast by the wall above, a water frame...); `theme` is the
region theme; `level` is the light: 0..LIT_LEVELS-1 from bright to dim around
the player, then MEMORY for ground seen before but not visible now. Baking the
fog into the sprites means fog of war costs nothing extra per frame.

    atlas = TileAtlas(tile_px=32, colour_blind=False)
    surfaces = atlas.surfaces(target)         # converted to target's format
    arts = art_map(world.terrain.tiles, ds.regions)
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pygame

from dreamscape.core import tiles as T
from dreamscape.render import palette as P

RGB = tuple[int, int, int]
N_THEMES = len(T.THEMES)

# -- art codes --------------------------------------------------------------

#: Walls 0..15: bit set for each open side (not a wall): N=1, E=2, S=4, W=8.
OPEN_N, OPEN_E, OPEN_S, OPEN_W = 1, 2, 4, 8
N_WALL = 16
#: Everything else: one kind, then 0/1 for a shadow cast by a wall to the north.
GROUND_KINDS = (
    "floor_a",
    "floor_b",
    "bridge",
    "garden_a",
    "garden_b",
    "stable",
    "door_shut",
    "door_open",
    "oneway_n",
    "oneway_e",
    "oneway_s",
    "oneway_w",
    "water_0",
    "water_1",
    "water_2",
    "water_3",
    "void_0",
    "void_1",
    "void_2",
    "void_3",
)
_KIND = {name: i for i, name in enumerate(GROUND_KINDS)}
N_ART = N_WALL + 2 * len(GROUND_KINDS)
#: Adding this to a shut door's art opens it; adding k * ANIM_STEP picks frame k.
DOOR_OPEN_STEP = 2
ANIM_STEP = 2
ANIM_FRAMES = 4


def ground_art(kind: str, shadow: bool = False) -> int:
    """The art code of a non-wall tile kind (see GROUND_KINDS)."""
    return N_WALL + 2 * _KIND[kind] + int(shadow)


#: Base art of each tile code before variants, shadows, doors and frames.
_TILE_ART = np.zeros(len(T.TILE_TYPES), np.int32)
for _code, _kind in (
    (T.FLOOR, "floor_a"),
    (T.WATER, "water_0"),
    (T.VOID, "void_0"),
    (T.BRIDGE, "bridge"),
    (T.GARDEN, "garden_a"),
    (T.STABLE, "stable"),
    (T.DOOR, "door_shut"),
    (T.ONEWAY_N, "oneway_n"),
    (T.ONEWAY_E, "oneway_e"),
    (T.ONEWAY_S, "oneway_s"),
    (T.ONEWAY_W, "oneway_w"),
):
    _TILE_ART[_code] = ground_art(_kind)
#: Tiles with a second look, picked per tile so large floors do not repeat.
_HAS_VARIANT = np.isin(np.arange(len(T.TILE_TYPES)), (T.FLOOR, T.GARDEN))
#: Tiles whose art steps through ANIM_FRAMES frames while in sight.
ANIMATED = T.DEEP

# -- light levels -------------------------------------------------------------

LIT_LEVELS = 6
MEMORY = LIT_LEVELS
N_LEVELS = LIT_LEVELS + 1
#: Brightness of each lit level, the player's tile first: a lantern falloff.
#: Every lit level is ground in sight, so even the last keeps floor and walls
#: 3:1 apart (WCAG non-text contrast): it keeps about half the light in
#: luminance, and the floors and walls below are chosen for that.
_LIT = (1.0, 0.95, 0.9, 0.85, 0.8, 0.75)
#: Warm light added near the player (the lantern), per lit level.
_WARM = ((22, 12, 0), (12, 6, 0))
#: Remembered ground: this much of its colour and of its grey, plus a blue tint.
_MEMORY_KEEP = 0.05
_MEMORY_GREY = 0.2
_MEMORY_TINT: RGB = (5, 5, 14)
UNSEEN: RGB = (9, 8, 15)


def sprite_id(art, theme, level):
    """Sprite ids for art, theme and level (numbers or numpy arrays)."""
    return 1 + (level * N_THEMES + theme) * N_ART + art


N_SPRITES = 1 + N_LEVELS * N_THEMES * N_ART

# -- palettes -----------------------------------------------------------------

NIGHT: RGB = (14, 11, 28)
#: The dark outline round every entity in the dive (the night, deepened).
OUTLINE: RGB = (6, 4, 12)


def luminance(rgb) -> float:
    """Lightness of an sRGB colour, 0..1: Rec. 709 weights on the encoded values."""
    r, g, b = rgb
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255


def relative_luminance(rgb) -> float:
    """WCAG relative luminance of an sRGB colour, 0..1 (linear light)."""
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (v / 255 for v in rgb)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


@lru_cache(maxsize=512)
def _at_luminance(rgb: RGB, target: float) -> RGB:
    """`rgb` scaled to a WCAG relative luminance of `target`, its hue kept.

    Past what scaling reaches (a channel at 255) it is mixed towards white.
    """
    rgb = tuple(max(1, c) for c in rgb)
    lo, hi = 0.0, 255 / max(rgb)
    for _ in range(18):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if relative_luminance(tuple(min(255, c * mid) for c in rgb)) < target else (lo, mid)
    out: RGB = tuple(int(min(255, round(c * lo))) for c in rgb)  # type: ignore[assignment]
    if relative_luminance(out) + 0.005 < target:
        lo, hi = 0.0, 1.0
        for _ in range(18):
            mid = (lo + hi) / 2
            lo, hi = (mid, hi) if relative_luminance(P.mix(out, (255, 255, 255), mid)) < target else (lo, mid)
        out = P.mix(out, (255, 255, 255), hi)
    return out


#: WCAG relative luminance of each theme's fully lit floor. The last lit level
#: keeps about half (see _LIT), and that half stays 3:1 from the walls and from
#: the dark outline every entity wears. Themes differ in lightness as well as
#: hue; hollow ground is the dimmest (sight shrinks there too).
_FLOOR_LUMINANCE = {
    T.MAZE: 0.31,
    T.HALLS: 0.42,
    T.CAVES: 0.30,
    T.DROWNED: 0.35,
    T.ABYSS: 0.325,
    T.GARDENS: 0.38,
    T.HOLLOW: 0.28,
}
#: Colour-blind floors: lightness spread wide so regions separate without hue.
_CB_FLOOR_LUMINANCE = {
    T.MAZE: 0.39,
    T.HALLS: 0.62,
    T.CAVES: 0.35,
    T.DROWNED: 0.505,
    T.ABYSS: 0.445,
    T.GARDENS: 0.57,
    T.HOLLOW: 0.275,
}
#: A little of the night in every floor: dusk light, not daylight.
_DUSK = 0.2
#: Wall luminance as a share of the floor's: the top of a wall, and its front face.
_WALL_TOP_SHARE = 0.045
_WALL_FACE_SHARE = 0.075
#: Garden ground's and a bridge's luminance as a share of the floor's in the same region.
_GARDEN_SHARE = 0.9
_BRIDGE_SHARE = 0.8
#: The light left at the foot of a wall on the ground below it: a soft band, so
#: an entity standing there still stands out from it.
_CAST_SHADOW = 0.75


def floor_colour(theme: int, colour_blind: bool = False) -> RGB:
    """The dive's ground colour for a theme: the map palette at dusk, at its own luminance."""
    base = P.THEME_FLOOR[theme]
    if colour_blind:
        return _at_luminance(P.mix(base, (128, 128, 128), 0.25), _CB_FLOOR_LUMINANCE[theme])
    return _at_luminance(P.mix(base, NIGHT, _DUSK), _FLOOR_LUMINANCE[theme])


def wall_colours(theme: int, colour_blind: bool = False) -> tuple[RGB, RGB, RGB]:
    """(top, face, lit edge) of a wall in a theme: dark enough to stay 3:1 from the floor at every lit level."""
    floor = floor_colour(theme, colour_blind)
    tint = P.THEME_FLOOR[theme]
    lit = relative_luminance(floor)
    top = _at_luminance(P.mix(P.mix(floor, tint, 0.2), NIGHT, 0.5), lit * _WALL_TOP_SHARE)
    face = _at_luminance(P.mix(P.mix(floor, tint, 0.25), NIGHT, 0.3), lit * _WALL_FACE_SHARE)
    edge = P.mix(tint, (255, 255, 255), 0.25)
    return top, face, edge


# Entities: hues per kind. The default set is free to be dreamy; the
# colour-blind set draws only on Okabe-Ito, and every kind has its own shape.
_HAUNT_DREAMY: dict[str, RGB] = {
    "echo": (255, 128, 110),
    "shadow": (168, 110, 240),
    "hollow": (120, 140, 255),
    "fade": (246, 170, 214),
    "warden": (232, 56, 72),
    "watcher": (255, 160, 52),
    "drifter": (236, 96, 206),
    "storm": (255, 96, 40),
    "puppeteer": (204, 80, 150),
}
_HAUNT_SAFE: dict[str, RGB] = {
    "echo": P.VERMILLION,
    "shadow": P.REDDISH_PURPLE,
    "hollow": P.BLUE,
    "fade": P.REDDISH_PURPLE,
    "warden": P.VERMILLION,
    "watcher": P.ORANGE,
    "drifter": P.BLUE,
    "storm": P.ORANGE,
    "puppeteer": P.REDDISH_PURPLE,
}


class EntityColours:
    """The colours entities, HUD and minimap share, for one colour mode."""

    def __init__(self, colour_blind: bool = False) -> None:
        self.colour_blind = colour_blind
        self.player: RGB = (255, 244, 214) if not colour_blind else P.WHITE
        self.player_glow: RGB = (255, 214, 140) if not colour_blind else P.YELLOW
        self.dreamer: RGB = (96, 230, 180) if not colour_blind else P.BLUISH_GREEN
        self.awake: RGB = (255, 236, 150) if not colour_blind else P.YELLOW
        self.shard: RGB = (130, 220, 255) if not colour_blind else P.SKY_BLUE
        self.lure: RGB = (255, 226, 92) if not colour_blind else P.YELLOW
        self.hunt: RGB = (255, 84, 40) if not colour_blind else P.VERMILLION
        self.loop: RGB = (226, 110, 220) if not colour_blind else P.REDDISH_PURPLE
        self.fold: RGB = (110, 200, 255) if not colour_blind else P.SKY_BLUE
        self.exit: RGB = (200, 236, 255) if not colour_blind else P.SKY_BLUE
        self.urgent: RGB = (255, 110, 70) if not colour_blind else P.VERMILLION

    def haunt(self, kind: str) -> RGB:
        """The colour of a manifestation kind."""
        table = _HAUNT_SAFE if self.colour_blind else _HAUNT_DREAMY
        return table.get(kind, (200, 200, 200))


# -- the atlas ----------------------------------------------------------------


class TileAtlas:
    """Every tile sprite for one tile size and colour mode.

    The fully lit sprites are painted once with numpy (`base`); `surfaces(target)`
    makes the light levels with SDL fills on whole sheets and cuts one
    subsurface per sprite id, in the target's pixel format (cached per
    format), so blits never convert.
    """

    def __init__(self, tile_px: int = 32, colour_blind: bool = False, seed: int = 7) -> None:
        if tile_px < 4:
            raise ValueError(f"tile_px must be at least 4, got {tile_px}")
        self.tile_px = tile_px
        self.colour_blind = colour_blind
        #: (N_THEMES * N_ART, px, px, 3) uint8: art `a` of theme `t` at row t * N_ART + a.
        self.base = _paint_all(tile_px, colour_blind, np.random.default_rng(seed))
        self._by_format: dict[tuple, list[pygame.Surface]] = {}

    def surfaces(self, target: pygame.Surface | None = None) -> list[pygame.Surface]:
        """One surface per sprite id, in `target`'s pixel format when given."""
        key = (target.get_bitsize(), target.get_masks()) if target is not None else None
        cached = self._by_format.get(key)
        if cached is None:
            cached = self._by_format[key] = _levels(self.base, target)
        return cached

    def colour(self, sprite: int) -> RGB:
        """The mean colour of a sprite id."""
        return tuple(pygame.transform.average_color(self.surfaces()[sprite])[:3])  # type: ignore[return-value]


def _levels(base: np.ndarray, target: pygame.Surface | None) -> list[pygame.Surface]:
    """Sheets of every light level made from the lit sheet, cut into sprites."""
    n, px = base.shape[0], base.shape[1]
    # (n, px, px, 3) is already a px-wide, n*px-tall image: no reordering needed.
    lit = pygame.image.frombuffer(base.data, (px, n * px), "RGB")
    lit = lit.convert(target) if target is not None else lit.convert(32)
    sheets = []
    for level, bright in enumerate(_LIT):
        sheet = lit.copy()
        if bright < 1:
            k = round(255 * bright)
            sheet.fill((k, k, k), special_flags=pygame.BLEND_MULT)
        if level < len(_WARM):
            sheet.fill(_WARM[level], special_flags=pygame.BLEND_ADD)
        sheets.append(sheet)
    # Memory: mostly grey, dim, a little blue.
    memory = pygame.transform.grayscale(lit)
    k = round(255 * _MEMORY_GREY)
    memory.fill((k, k, k), special_flags=pygame.BLEND_MULT)
    keep = lit.copy()
    k = round(255 * _MEMORY_KEEP)
    keep.fill((k, k, k), special_flags=pygame.BLEND_MULT)
    memory.blit(keep, (0, 0), special_flags=pygame.BLEND_ADD)
    memory.fill(_MEMORY_TINT, special_flags=pygame.BLEND_ADD)
    sheets.append(memory)
    unseen = lit.subsurface((0, 0, px, px)).copy()
    unseen.fill(UNSEEN)
    out = [unseen]
    for sheet in sheets:
        out.extend(sheet.subsurface((0, i * px, px, px)) for i in range(n))
    return out


def art_map(tiles: np.ndarray, regions: np.ndarray) -> np.ndarray:
    """(h, w) int32 art code of every tile: wall joins, shadows, floor variants.

    Doors are shut and deep tiles on frame 0 here; the view adds
    DOOR_OPEN_STEP and ANIM_STEP * frame as the tick asks.
    """
    h, w = tiles.shape
    wall = tiles == T.WALL
    # Outside the map counts as wall, so border walls show no open side.
    padded = np.pad(wall, 1, constant_values=True)
    open_n = ~padded[:-2, 1:-1]
    open_s = ~padded[2:, 1:-1]
    open_w = ~padded[1:-1, :-2]
    open_e = ~padded[1:-1, 2:]
    walls = open_n * OPEN_N + open_e * OPEN_E + open_s * OPEN_S + open_w * OPEN_W
    art = _TILE_ART[tiles]
    ys, xs = np.mgrid[0:h, 0:w]
    # Halls get a checkerboard of polished stone; elsewhere the two looks are scattered.
    scatter = (xs * 7 + ys * 13 + (xs * ys) % 5) % 3 == 0
    variant = np.where(regions == T.HALLS, (xs + ys) % 2 == 1, scatter) & _HAS_VARIANT[tiles]
    art = art + 2 * variant + (~open_n & ~wall)  # shadow under a wall to the north
    return np.where(wall, walls, art).astype(np.int32)


# -- painting -------------------------------------------------------------------
# Every art is painted for all seven themes at once: images are
# (themes, px, px, 3) float32 and colours (themes, 3), so the Python overhead
# is paid once per art rather than once per sprite.


def _paint_all(px: int, colour_blind: bool, rng: np.random.Generator) -> np.ndarray:
    """(N_THEMES * N_ART, px, px, 3) uint8: every art of every theme, fully lit."""
    g = _Canvas(px, rng, colour_blind)
    arts = np.zeros((N_ART, N_THEMES, px, px, 3), np.float32)
    floors = [_floor(g) for _ in range(2)]
    # The second look is a shade lighter: a checkerboard in halls, scatter elsewhere.
    floors[1] *= np.where(np.arange(N_THEMES) == T.HALLS, 1.1, 1.04)[:, None, None, None]
    paint = {
        "floor_a": floors[0],
        "floor_b": floors[1],
        "bridge": _bridge(g),
        "garden_a": _garden(g),
        "garden_b": _garden(g),
        "stable": _stable(g, floors[0]),
        "door_shut": _door(g, floors[0], shut=True),
        "door_open": _door(g, floors[0], shut=False),
    }
    for name, (dx, dy) in (("oneway_n", (0, -1)), ("oneway_e", (1, 0)), ("oneway_s", (0, 1)), ("oneway_w", (-1, 0))):
        paint[name] = _oneway(g, floors[0], dx, dy)
    for frame in range(ANIM_FRAMES):
        paint[f"water_{frame}"] = _water(g, frame)
        paint[f"void_{frame}"] = _void(g, frame)
    shadow = (_CAST_SHADOW + (1 - _CAST_SHADOW) * np.clip(g.v / 0.34, 0, 1) ** 0.8)[None, :, :, None]
    for name, img in paint.items():
        arts[ground_art(name)] = img
        arts[ground_art(name, True)] = img * shadow
    stone, brick = _wall_top(g), _wall_face(g)
    for bits in range(N_WALL):
        arts[bits] = _wall(g, stone, brick, bits)
    out = np.clip(arts.transpose(1, 0, 2, 3, 4), 0, 255).astype(np.uint8)
    return np.ascontiguousarray(out.reshape(N_THEMES * N_ART, px, px, 3))


def _colours(rgbs) -> np.ndarray:
    return np.asarray(rgbs, np.float32).reshape(-1, 3)


class _Canvas:
    """Pixel-centre coordinates in tile units, noise, and the theme colours."""

    def __init__(self, px: int, rng: np.random.Generator, cb: bool) -> None:
        self.px = px
        c = (np.arange(px, dtype=np.float32) + 0.5) / px
        self.v, self.u = np.meshgrid(c, c, indexing="ij")  # v down, u across
        self.rng = rng
        self.cb = cb
        self.one = 1.0 / px  # one pixel in tile units
        self.stars = rng.uniform(0.08, 0.92, (5, 3))  # void stars: x, y, twinkle phase
        self._weights: dict[int, tuple] = {}
        themes = range(N_THEMES)
        self.floor = _colours([floor_colour(t, cb) for t in themes])
        self.tint = _colours([P.THEME_FLOOR[t] for t in themes])
        walls = [wall_colours(t, cb) for t in themes]
        self.wall_top = _colours([w[0] for w in walls])
        self.wall_face = _colours([w[1] for w in walls])
        self.wall_edge = _colours([w[2] for w in walls])

    def solid(self, colours: np.ndarray) -> np.ndarray:
        """(themes, px, px, 3) filled with one colour per theme."""
        return np.broadcast_to(colours[:, None, None, :], (len(colours), self.px, self.px, 3)).copy()

    def noise(self, coarse: int = 4, n: int = N_THEMES) -> np.ndarray:
        """(n, px, px) smooth value noise in about [-1, 1]."""
        weights = self._weights.get(coarse)
        if weights is None:
            x, y = self.u * coarse, self.v * coarse
            i, j = np.minimum(x.astype(int), coarse - 1), np.minimum(y.astype(int), coarse - 1)
            fx, fy = x - i, y - j
            fx, fy = fx * fx * (3 - 2 * fx), fy * fy * (3 - 2 * fy)
            flat = j * (coarse + 1) + i  # index of the top-left lattice point
            weights = self._weights[coarse] = (flat, (1 - fx) * (1 - fy), fx * (1 - fy), (1 - fx) * fy, fx * fy)
        flat, w00, w10, w01, w11 = weights
        k = coarse + 1
        g = self.rng.uniform(-1, 1, (n, k * k)).astype(np.float32)
        return g[:, flat] * w00 + g[:, flat + 1] * w10 + g[:, flat + k] * w01 + g[:, flat + k + 1] * w11

    def grain(self, n: int = N_THEMES) -> np.ndarray:
        return self.rng.uniform(-1, 1, (n, self.px, self.px)).astype(np.float32)


def _mixc(a: np.ndarray, b, t: float) -> np.ndarray:
    """Colour arrays (or one colour) `a` moved a fraction `t` towards `b`."""
    a = np.asarray(a, np.float32)
    return a + (np.asarray(b, np.float32) - a) * t


def _over(img: np.ndarray, mask: np.ndarray, colours, alpha: float = 1.0) -> None:
    """Blend colours over `img` (themes, px, px, 3) where the (px, px) bool `mask` is set."""
    picked = img[:, mask]  # (themes, n, 3)
    picked += (_colours(colours)[:, None, :] - picked) * alpha
    img[:, mask] = picked


def _over_each(img: np.ndarray, weight: np.ndarray, colours, alpha: float = 1.0) -> None:
    """Blend with a per-theme (themes, px, px) weight or mask."""
    w = (weight.astype(np.float32) * alpha)[..., None]
    img += (_colours(colours)[:, None, None, :] - img) * w


def _shade(img: np.ndarray, factor: np.ndarray) -> None:
    img *= factor[..., None]


def _floor(g: _Canvas) -> np.ndarray:
    img = g.solid(g.floor)
    mottle = np.full(N_THEMES, 0.06, np.float32)
    mottle[[T.CAVES, T.ABYSS, T.HOLLOW]] = (0.11, 0.05, 0.07)
    _shade(img, 1 + mottle[:, None, None] * g.noise(3) + 0.03 * g.grain())
    u, v, one = g.u, g.v, g.one
    strength = 1.0 if g.cb else 0.55
    dark = _mixc(g.floor, NIGHT, 0.45)
    light = _mixc(g.floor, (255, 255, 255), 0.22)
    # One pattern per theme (drawn strongly in the colour-blind set, where
    # pattern and lightness must tell the regions apart without hue).
    for theme in range(N_THEMES):
        one_img = img[theme : theme + 1]
        d, li = dark[theme], light[theme]
        if theme == T.MAZE:
            # Flagstones, two per tile offset like brickwork: corridors count out.
            seam = (v > 1 - one * 1.01) | (np.abs(v - 0.5) < one * 0.6)
            seam |= ((np.abs(u - 0.5) < one * 0.6) & (v < 0.5)) | ((u < one * 1.01) & (v >= 0.5))
            _over(one_img, seam, d, 0.7 * strength)
            if g.cb:
                _over(one_img, np.abs(((u + v) * 4) % 1 - 0.5) < 0.06, li, 0.45)
        elif theme == T.HALLS:
            # Polished slabs with a soft bevel.
            _over(one_img, (u < one * 1.01) | (v < one * 1.01), li, 0.45 * strength)
            _over(one_img, (u > 1 - one * 1.01) | (v > 1 - one * 1.01), d, 0.6 * strength)
            if g.cb:
                _over(one_img, (np.abs(u - 0.5) < one * 0.6) | (np.abs(v - 0.5) < one * 0.6), d, 0.5)
        elif theme == T.CAVES:
            pebbles = g.noise(6, 1)[0]
            _over(one_img, pebbles > 0.55, li, 0.5 * strength)
            _over(one_img, pebbles < -0.6, d, 0.6 * strength)
            if g.cb:
                _over(one_img, ((u * 3 % 1 - 0.5) ** 2 + (v * 3 % 1 - 0.5) ** 2) < 0.03, d, 0.7)
        elif theme == T.DROWNED:
            # Damp stone: faint ripples of reflected light.
            ripple = np.abs(np.sin((v * 3 + 0.15 * np.sin(u * 6.28)) * 3.14159)) > 0.96
            _over(one_img, ripple, li, 0.35 * strength)
            if g.cb:
                _over(one_img, np.abs(np.sin((v * 4 + 0.2 * np.sin(u * 6.28)) * 3.14159)) > 0.9, d, 0.5)
        elif theme == T.ABYSS:
            # Walkways over nothing: fine glowing cracks.
            crack = np.abs(g.noise(4, 1)[0]) < 0.05
            _over(one_img, crack, _mixc(g.tint[theme], (255, 255, 255), 0.3), 0.45 * strength)
            if g.cb:
                _over(one_img, ((u * 4 % 1 - 0.5) ** 2 + (v * 4 % 1 - 0.5) ** 2) < 0.02, li, 0.7)
        elif theme == T.GARDENS:
            # Mossy ground: short blades.
            blades = (np.abs(((u * 5 + 0.3 * (v * 7 % 1)) % 1) - 0.5) < 0.07) & (g.noise(5, 1)[0] > 0.2)
            _over(one_img, blades, _mixc(g.floor[theme], (150, 220, 120), 0.4), 0.6 * strength)
            if g.cb:
                _over(one_img, np.abs(((u - v) * 3) % 1 - 0.5) < 0.07, d, 0.5)
        elif theme == T.HOLLOW:
            # Dust and long streaks: the corridors go on.
            streak = np.abs(np.sin(u * 3.14159 * 5 + g.noise(2, 1)[0] * 0.8)) > 0.97
            _over(one_img, streak, d, 0.5 * strength)
            if g.cb:
                _over(one_img, np.abs((u * 4) % 1 - 0.5) < 0.05, li, 0.35)
    return img


def _wall_top(g: _Canvas) -> np.ndarray:
    img = g.solid(g.wall_top)
    _shade(img, 1 + 0.09 * g.noise(3) + 0.04 * g.grain())
    # Faint joints between big blocks on top of the wall.
    joint = (np.abs(g.v - 0.5) < g.one * 0.6) | ((np.abs(g.u - 0.5) < g.one * 0.6) & (g.v < 0.5))
    _over(img, joint, NIGHT, 0.35)
    return img


def _wall_face(g: _Canvas) -> np.ndarray:
    """The front of a wall, squeezed into the lower part of a tile by `_wall`."""
    img = g.solid(g.wall_face)
    _shade(img, 1 + 0.06 * g.noise(4) + 0.05 * g.grain())
    rows = 3
    row = np.minimum((g.v * rows).astype(int), rows - 1)
    shift = np.where(row % 2 == 0, 0.0, 0.25)
    mortar = ((g.v * rows) % 1 < 1.6 / g.px * rows) | (((g.u + shift) / 0.5) % 1 < 1.2 / g.px / 0.5)
    _over(img, mortar, NIGHT, 0.45)
    # Darker at the foot, where the light does not reach.
    _shade(img, np.broadcast_to(1.0 - 0.35 * g.v**2, img.shape[:3]))
    return img


_FACE = 0.42  # share of a tile's height the front face of a wall takes


def _wall(g: _Canvas, stone: np.ndarray, brick: np.ndarray, bits: int) -> np.ndarray:
    img = stone.copy()
    u, v, one = g.u, g.v, g.one
    rim = _mixc(g.wall_top, g.wall_edge, 0.5)
    if bits & OPEN_N:
        _over(img, v < one * 2.01, rim, 0.8)
    if bits & OPEN_W:
        _over(img, u < one * 1.01, rim, 0.55)
    if bits & OPEN_E:
        _over(img, u > 1 - one * 1.01, rim, 0.55)
    if bits & OPEN_S:
        # The front face: the wall stands up out of the floor below it.
        start = g.px - max(2, round(g.px * _FACE))
        rows = np.linspace(0, g.px - 1, g.px - start).astype(int)
        img[:, start:] = brick[:, rows]
        lip = np.zeros((g.px, g.px), bool)
        lip[start : start + max(1, round(g.px / 20))] = True
        _over(img, lip, g.wall_edge, 0.85)
    return img


def _like_floor(g: _Canvas, colours: np.ndarray, share: float) -> np.ndarray:
    """(themes, 3): each theme's colour brought to `share` of that theme's floor luminance.

    Ground an entity may stand on stays as bright as the floor, near enough,
    so the same outline and the same walls keep 3:1 from it.
    """
    out = []
    for theme, colour in enumerate(colours):
        target = relative_luminance(tuple(g.floor[theme])) * share
        out.append(_at_luminance(tuple(int(round(v)) for v in colour), target))
    return _colours(out)


def _bridge(g: _Canvas) -> np.ndarray:
    wood = _mixc(_mixc(np.array([P.TILE_BASE[T.BRIDGE]] * N_THEMES), g.floor, 0.25), NIGHT, 0.2)
    wood = _like_floor(g, wood, _BRIDGE_SHARE)
    img = g.solid(wood)
    plank = (g.v * 4).astype(int)
    _shade(img, 1 + 0.06 * (plank % 2) + 0.08 * g.noise(2) * np.sin(g.u * 25) ** 2 + 0.04 * g.grain())
    _over(img, (g.v * 4) % 1 < 1.5 / g.px * 4, NIGHT, 0.55)
    # Rails along both sides.
    _over(img, (g.u < 0.09) | (g.u > 0.91), _mixc(wood, NIGHT, 0.5), 0.9)
    return img


def _garden(g: _Canvas) -> np.ndarray:
    green = _mixc(np.array([P.TILE_BASE[T.GARDEN]] * N_THEMES, np.float32), g.floor, 0.3)
    green = _like_floor(g, green if g.cb else _mixc(green, NIGHT, 0.25), _GARDEN_SHARE)
    img = g.solid(green)
    _shade(img, 1 + 0.12 * g.noise(4) + 0.05 * g.grain())
    # Leaves: small ellipses, lit on top.
    for _ in range(6):
        cx, cy = g.rng.uniform(0.12, 0.88, 2)
        leaf = ((g.u - cx) / 0.13) ** 2 + ((g.v - cy) / 0.07) ** 2 < 1
        _over(img, leaf, _mixc(green, (210, 255, 170), 0.35), 0.75)
        _over(img, leaf & (g.v > cy), _mixc(green, NIGHT, 0.3), 0.5)
    # A couple of pale flowers.
    for _ in range(2):
        cx, cy = g.rng.uniform(0.15, 0.85, 2)
        petal = (g.u - cx) ** 2 + (g.v - cy) ** 2 < 0.004
        _over(img, petal, (255, 214, 236) if g.rng.random() < 0.5 else (255, 240, 160), 0.9)
    return img


def _stable(g: _Canvas, ground: np.ndarray) -> np.ndarray:
    img = ground * 1.12
    r = np.hypot(g.u - 0.5, g.v - 0.5)
    _over(img, np.abs(r - 0.3) < g.one * 0.9, (255, 236, 180), 0.55)
    _over(img, r < 0.06, (255, 236, 180), 0.6)
    return img


def _door(g: _Canvas, ground: np.ndarray, shut: bool) -> np.ndarray:
    img = ground.copy()
    u, v = g.u, g.v
    wood = _mixc(np.array([P.TILE_BASE[T.DOOR]] * N_THEMES, np.float32), g.tint, 0.15)
    if shut:
        panel = (u >= 0.14) & (u <= 0.86)
        _over(img, panel, wood, 1.0)
        _shade(img, np.broadcast_to(1 + 0.1 * np.where(panel, np.sin(u * 3.14159 * 6) ** 2 - 0.5, 0), img.shape[:3]))
        _over(img, panel & (np.abs(v - 0.5) < 0.06), _mixc(wood, NIGHT, 0.5), 0.8)
        _over(img, (u - 0.5) ** 2 + (v - 0.5) ** 2 < 0.006, (255, 230, 150), 1.0)
    else:
        # Slid open into the frame: a sliver of door and a lit threshold.
        _over(img, ((u >= 0.14) & (u < 0.22)) | ((u > 0.78) & (u <= 0.86)), wood, 0.9)
        _over(img, (np.abs(v - 0.5) < 0.03) & (u > 0.22) & (u < 0.78), (255, 230, 150), 0.35)
    _over(img, (u < 0.14) | (u > 0.86), _mixc(wood, NIGHT, 0.6), 1.0)
    return img


def _oneway(g: _Canvas, ground: np.ndarray, dx: int, dy: int) -> np.ndarray:
    img = ground.copy()
    # `a` runs along the allowed way (0 tail, 1 head), `b` across it.
    a = {(1, 0): g.u, (-1, 0): 1 - g.u, (0, 1): g.v, (0, -1): 1 - g.v}[(dx, dy)]
    b = g.v if dx else g.u
    glow = P.SKY_BLUE if g.cb else (120, 230, 255)
    for start in (0.22, 0.52):
        chevron = np.abs((a - start) - (0.3 - np.abs(b - 0.5))) < 0.075
        _over(img, chevron & (np.abs(b - 0.5) < 0.32), glow, 0.85)
    return img


def _water(g: _Canvas, frame: int) -> np.ndarray:
    deep = _mixc(np.array([P.TILE_BASE[T.WATER]] * N_THEMES, np.float32), g.tint, 0.15)
    img = g.solid(_mixc(deep, NIGHT, 0.35))
    _shade(img, 1 + 0.08 * g.noise(2))
    phase = frame / ANIM_FRAMES * 2 * np.pi
    crest = np.sin(g.v * 2 * np.pi * 2 + np.sin(g.u * 2 * np.pi + phase) * 0.9 + phase)
    _over(img, crest > 0.9, _mixc(deep, (200, 235, 255), 0.45), 0.55)
    _over(img, crest < -0.95, NIGHT, 0.25)
    return img


def _void(g: _Canvas, frame: int) -> np.ndarray:
    img = g.solid(_mixc(np.array([P.TILE_BASE[T.VOID]] * N_THEMES, np.float32), NIGHT, 0.3))
    _shade(img, 1 + 0.35 * g.noise(2))
    # Stars twinkle: each at its own phase, in the same place on every frame.
    for sx, sy, ph in g.stars:
        bright = 0.5 + 0.5 * np.sin(2 * np.pi * (frame / ANIM_FRAMES + ph))
        dot = (np.abs(g.u - sx) < g.one * 0.8) & (np.abs(g.v - sy) < g.one * 0.8)
        _over(img, dot, (210, 200, 255), 0.3 + 0.7 * bright)
    return img
