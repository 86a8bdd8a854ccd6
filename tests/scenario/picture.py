"""A World built straight from an ASCII picture.

A picture uses the tile characters of `core/tiles.py` ('#' wall, '.' floor,
'~' water, ':' void, '=' bridge, '"' garden, ',' stable, '+' door, '^' '>'
'v' '<' one-way) plus these letters, each standing on floor:

    @  the player's start          X  the exit
    D  a trapped dreamer           *  a memory shard
    M  an echo (manifestation)     W  watcher   S  shadow   H  warden
    L  a desire lure (spotlight)   0-9  plain floor, a named mark
    P Q  the two ends of a two-way portal
    O o  a dream loop: step on O, come out at o (one-way)

Other manifestation letters come from `kinds=` ({"f": "fade"}). Dreamers,
manifestations and shards are numbered in reading order (row by row, left
to right), which is the index events report. Portals are numbered P/Q
first, then O/o, then those passed in `portals=`.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np

from dreamscape.core import tiles as T
from dreamscape.core.level import LevelSpec
from dreamscape.core.profile import DreamerProfile
from dreamscape.core.timing import TICKS_PER_SECOND
from dreamscape.core.climax import CLIMAXES, marks_for
from dreamscape.gen.dreamscape import Dreamer, Dreamscape, Entity, Glitch, Mark, Portal, Ward
from dreamscape.sim.rules import LUCIDITY_MAX
from dreamscape.sim.start import Start
from dreamscape.sim.world import World

from .rows import Pos, locate, picture_rows

#: Manifestation letters understood without `kinds=`.
DEFAULT_KINDS: dict[str, str] = {"M": "echo", "W": "watcher", "S": "shadow", "H": "warden"}
#: Letters with a fixed meaning (they cannot name a manifestation kind).
RESERVED = "@XD*LPQOo0123456789"
#: The rescue window when a scenario names none: ten minutes, plenty for any test.
DEFAULT_TIME_LIMIT_TICKS = 600 * TICKS_PER_SECOND


def glitch(tick: int, changes: Mapping[Pos, str] | Iterable[tuple[int, int, str | int]], *, portals: Iterable[Any] = (), kind: str = "flicker") -> Glitch:
    """A Glitch firing at `tick`, from {(x, y): tile char} or (x, y, char or code) triples.

        >>> glitch(5, {(2, 1): "#"}).changes.tolist()
        [[2, 1, 1]]
    """
    items = list(changes.items()) if isinstance(changes, Mapping) else [((c[0], c[1]), c[2]) for c in changes]
    rows = [(int(x), int(y), _code(tile)) for (x, y), tile in items]
    array = np.array(rows, np.int32).reshape(-1, 3)
    return Glitch(int(tick), kind, array, tuple(_portal(p) for p in portals))


def scenario(
    picture: str,
    *,
    glitches: Iterable[Glitch | tuple] = (),
    portals: Iterable[Portal | tuple] = (),
    time_limit_ticks: int | None = None,
    profile: DreamerProfile | None = None,
    seed: int = 0,
    kinds: Mapping[str, str] | None = None,
    dark: Iterable[int | Pos] = (),
    lucidity: int | None = None,
    beacons: Iterable[str | Pos] = (),
    climax: str = "",
    marks: Iterable[str | Pos] = (),
    wards: Iterable[Ward] = (),
    glitch_wards: Iterable[int] = (),
) -> World:
    """A World built straight from an ASCII picture (see the module docstring).

    `glitches`: Glitch objects, or (tick, changes[, portals]) tuples as for
    `glitch()`; they must come in tick order. `portals`: Portal objects or
    (a, b[, kind]) tuples ('thread' by default, 'dream_loop' for one-way).
    `time_limit_ticks`: the rescue window, exact to the tick (the spec holds
    it rounded up to whole seconds); ten minutes when None. `dark`: row
    numbers or (x, y) tiles in a hollow region (shrunk sight); every other
    tile is maze. `lucidity`: the player's lucidity at the start.
    `beacons`: the friends' beacons of the 'doubt' climax, as marks of the
    picture ("1") or (x, y) tiles, in friend order (Ava, Mia, Noah); given
    any, the level's climax is 'doubt'. `climax` names another climax, and
    `marks` its marks the same way, in the order core.climax.MARKS labels them.
    `wards` and `glitch_wards`: a 'nexus' climax's wards and the ward of each glitch.

        >>> world = scenario("#@.X#", time_limit_ticks=20)
        >>> world.time_left, world.exit
        (20, (3, 0))
    """
    rows = picture_rows(picture)
    h, w = len(rows), len(rows[0])
    letters = dict(DEFAULT_KINDS)
    for letter, name in (kinds or {}).items():
        if len(letter) != 1 or letter in RESERVED or letter in T.CHAR_TO_CODE:
            raise ValueError(f"{letter!r} cannot name a manifestation kind (tile chars and {RESERVED!r} are taken)")
        letters[letter] = name

    tiles = np.zeros((h, w), np.uint8)
    start: Pos | None = None
    exit_: Pos = (-1, -1)
    dreamers: list[Dreamer] = []
    haunts: list[Entity] = []
    lures: list[Entity] = []
    shards: list[Entity] = []
    ends: dict[str, Pos] = {}
    for y, row in enumerate(rows):
        for x, c in enumerate(row):
            if c in T.CHAR_TO_CODE:
                tiles[y, x] = T.CHAR_TO_CODE[c]
                continue
            tiles[y, x] = T.FLOOR
            if c == "@":
                if start is not None:
                    raise ValueError("more than one '@' in the picture")
                start = (x, y)
            elif c == "X":
                exit_ = (x, y)
            elif c == "D":
                dreamers.append(Dreamer(x, y))
            elif c == "*":
                shards.append(Entity("shard", "memory", x, y, ""))
            elif c == "L":
                lures.append(Entity("lure", "spotlight", x, y, "recognition"))
            elif c in "PQOo":
                if c in ends:
                    raise ValueError(f"more than one {c!r} in the picture")
                ends[c] = (x, y)
            elif c in letters:
                haunts.append(Entity("manifestation", letters[c], x, y, ""))
            elif not c.isdigit():
                raise ValueError(f"unknown scenario character {c!r} at ({x}, {y})")
    if start is None:
        raise ValueError("the picture needs an '@' for the player")

    links: list[Portal] = []
    for a, b, kind in (("P", "Q", "thread"), ("O", "o", "dream_loop")):
        if (a in ends) != (b in ends):
            raise ValueError(f"{a!r} and {b!r} come as a pair")
        if a in ends:
            links.append(Portal(ends[a], ends[b], kind))
    links += [_portal(p) for p in portals]

    schedule = [g if isinstance(g, Glitch) else glitch(g[0], g[1], portals=g[2] if len(g) > 2 else ()) for g in glitches]
    if any(a.tick > b.tick for a, b in itertools.pairwise(schedule)):
        raise ValueError("glitches must be given in tick order")

    regions = np.full((h, w), T.MAZE, np.uint8)
    for item in dark:
        if isinstance(item, int):
            regions[item, :] = T.HOLLOW
        else:
            regions[item[1], item[0]] = T.HOLLOW

    limit = DEFAULT_TIME_LIMIT_TICKS if time_limit_ticks is None else int(time_limit_ticks)
    if limit <= 0:
        raise ValueError("time_limit_ticks must be positive")
    beacons = list(beacons)
    if beacons:
        climax, marks = "doubt", beacons
    if climax and climax not in CLIMAXES:
        raise ValueError(f"unknown climax {climax!r}")
    places = [locate(picture, b) if isinstance(b, str) else (int(b[0]), int(b[1])) for b in marks]
    kind, labels = marks_for(climax)
    if len(places) > len(labels):
        raise ValueError(f"at most {len(labels)} marks for climax {climax!r}")
    spec = LevelSpec(profile or DreamerProfile("Scenario"), seed=seed, size=(w, h), trapped_dreamers=max(1, len(dreamers)),
                     time_limit=math.ceil(limit / TICKS_PER_SECOND), name="scenario", climax=climax)  # fmt: skip
    ds = Dreamscape(spec, tiles, regions, start, exit_, dreamers, haunts, lures, shards, links, schedule,
                    marks=[Mark(kind, labels[i], x, y) for i, (x, y) in enumerate(places)],
                    wards=list(wards), glitch_wards=list(glitch_wards))  # fmt: skip
    return World(ds, start=Start(deadline=limit, lucidity=LUCIDITY_MAX if lucidity is None else int(lucidity)))


def _code(tile: str | int) -> int:
    if isinstance(tile, str):
        if tile not in T.CHAR_TO_CODE:
            raise ValueError(f"{tile!r} is not a tile character")
        return T.CHAR_TO_CODE[tile]
    return int(tile)


def _portal(p: Portal | tuple) -> Portal:
    if isinstance(p, Portal):
        return p
    a, b, *rest = p
    return Portal(tuple(a), tuple(b), rest[0] if rest else "thread")
