"""Tile art codes and sprite ids: what each tile of the dive is drawn as.

Every tile on screen is one sprite looked up by an integer id:

    id = 0                                     never seen: near-black
    id = 1 + (level * N_THEMES + theme) * N_ART + art

`art` says what the tile is and how it meets its neighbours (a wall's open
sides, a shadow cast by the wall above, a water frame...); `theme` is the
region theme; `level` is the light: 0..LIT_LEVELS-1 from bright to dim around
the player, then MEMORY for ground seen before but not visible now. Baking the
fog into the sprites means fog of war costs nothing extra per frame.

    arts = art_map(world.terrain.tiles, ds.regions)
    ids = sprite_id(arts, themes, levels)
"""

from __future__ import annotations

import numpy as np

from dreamscape.core import tiles as T

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


def sprite_id(art, theme, level):
    """Sprite ids for art, theme and level (numbers or numpy arrays)."""
    return 1 + (level * N_THEMES + theme) * N_ART + art


N_SPRITES = 1 + N_LEVELS * N_THEMES * N_ART


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

