"""Tile types and region themes: codes, characters, and what each allows.

Tiles are uint8 codes in (height, width) numpy arrays indexed [y, x]. The
lookup arrays below turn a whole map into walkable/transparent masks at once.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np


class TileType(NamedTuple):
    """One kind of tile (a Type Object: data, not behaviour)."""

    code: int
    char: str
    name: str
    walkable: bool
    transparent: bool
    description: str


FLOOR, WALL, WATER, VOID, BRIDGE, GARDEN, STABLE, DOOR, ONEWAY_N, ONEWAY_E, ONEWAY_S, ONEWAY_W = range(12)

TILE_TYPES: tuple[TileType, ...] = (
    TileType(FLOOR, ".", "floor", True, True, "dream floor"),
    TileType(WALL, "#", "wall", False, False, "wall"),
    TileType(WATER, "~", "water", False, True, "deep dream water"),
    TileType(VOID, ":", "void", False, True, "void: nothing underfoot"),
    TileType(BRIDGE, "=", "bridge", True, True, "causeway over water or void"),
    TileType(GARDEN, '"', "garden", True, True, "soft garden that slows the walker"),
    TileType(STABLE, ",", "stable", True, True, "stable ground that never glitches"),
    TileType(DOOR, "+", "door", True, True, "door that opens and shuts on a rhythm"),
    TileType(ONEWAY_N, "^", "oneway_n", True, True, "one-way passage, walk north only"),
    TileType(ONEWAY_E, ">", "oneway_e", True, True, "one-way passage, walk east only"),
    TileType(ONEWAY_S, "v", "oneway_s", True, True, "one-way passage, walk south only"),
    TileType(ONEWAY_W, "<", "oneway_w", True, True, "one-way passage, walk west only"),
)

#: (dx, dy) of the one allowed walking direction for each one-way tile.
ONEWAY_DIRECTION = {ONEWAY_N: (0, -1), ONEWAY_E: (1, 0), ONEWAY_S: (0, 1), ONEWAY_W: (-1, 0)}

ONEWAYS = (ONEWAY_N, ONEWAY_E, ONEWAY_S, ONEWAY_W)
WALKABLE = np.array([t.walkable for t in TILE_TYPES], dtype=bool)
#: Walkable both ways: one-way passages left out (the reachability invariant's graph).
STRICT = WALKABLE & ~np.isin(np.arange(len(TILE_TYPES)), ONEWAYS)
#: Open floor a glitch may flicker away or a wall may slide into.
SOFT = np.isin(np.arange(len(TILE_TYPES)), (FLOOR, GARDEN, BRIDGE))
#: Solid tiles that can slide (walls, and the deep in drowned and abyss regions).
SOLID = np.isin(np.arange(len(TILE_TYPES)), (WALL, WATER, VOID))
#: The deep: water and void, which tunnels cross as bridges.
DEEP = np.isin(np.arange(len(TILE_TYPES)), (WATER, VOID))
#: Tiles glitches leave alone: stable ground, doors and one-way passages.
FIXED = np.isin(np.arange(len(TILE_TYPES)), (STABLE, DOOR) + ONEWAYS)
TRANSPARENT = np.array([t.transparent for t in TILE_TYPES], dtype=bool)
CHARS = np.array([ord(t.char) for t in TILE_TYPES], dtype=np.uint8)
CHAR_TO_CODE = {t.char: t.code for t in TILE_TYPES}


def walkable(tiles: np.ndarray) -> np.ndarray:
    """Boolean mask of walkable tiles."""
    return WALKABLE[tiles]


def to_rows(codes: np.ndarray, chars: np.ndarray = CHARS) -> list[str]:
    """Rows of characters (one string per row) for a code array."""
    return [row.tobytes().decode("ascii") for row in chars[codes]]


class Theme(NamedTuple):
    """A region theme: how a part of the dream is laid out and coloured."""

    code: int
    char: str
    name: str
    description: str


MAZE, HALLS, CAVES, DROWNED, ABYSS, GARDENS, HOLLOW = range(7)

THEMES: tuple[Theme, ...] = (
    Theme(MAZE, "m", "maze", "winding corridors of a labyrinth"),
    Theme(HALLS, "h", "halls", "rooms and wide halls joined by corridors"),
    Theme(CAVES, "c", "caves", "open organic caverns"),
    Theme(DROWNED, "w", "drowned", "flooded quarter crossed by causeways"),
    Theme(ABYSS, "a", "abyss", "void with narrow walkways"),
    Theme(GARDENS, "g", "gardens", "soft gardens that slow the walker"),
    Theme(HOLLOW, "d", "hollow", "long dark corridors where sight shrinks"),
)
THEME_CHARS = np.array([ord(t.char) for t in THEMES], dtype=np.uint8)
