"""Where a walker can get to from one tile, following the rules of stepping.

Directed reachability on the ground as it would stand: one-way passages are
entered and left only along their direction, rhythm doors count as passable
(they always open again), and stepping onto a portal end carries the walker
to the other end, where they stand (arriving by portal carries no further).
A portal end is therefore never passed over, only stood on after a crossing.

Fast enough to run once per glitch: the tiles that walk both ways and are no
portal end are lumped into 4-connected components first (any tile of one
reaches every other), so the search proper runs over those components plus
the few one-way tiles and portal ends. Integers and numpy only: no floats,
no hashing decides anything.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np

from dreamscape.core import tiles as T
from dreamscape.core.shifted import shifted
from dreamscape.gen.components import label

Pos = tuple[int, int]

_STEPS = ((0, -1), (1, 0), (0, 1), (-1, 0))
_CODES = np.arange(len(T.TILE_TYPES))
_ONEWAY = np.isin(_CODES, T.ONEWAYS)
#: _FREE[i][code]: a tile of `code` may be entered and left by a step along _STEPS[i].
_FREE = [~_ONEWAY | np.array([T.ONEWAY_DIRECTION.get(c) == step for c in _CODES.tolist()]) for step in _STEPS]


def portal_ends(portals: Sequence) -> dict[Pos, Pos]:
    """Each tile that carries a walker away, and where it puts them down.

    The first portal to claim a tile keeps it (as the simulation indexes them);
    a one-way portal carries only from its `a` end.
    """
    ends: dict[Pos, Pos] = {}
    for p in portals:
        ends.setdefault(p.a, p.b)
        if p.two_way:
            ends.setdefault(p.b, p.a)
    return ends


class Reach:
    """The tiles a walker standing on `start` can come to stand on.

    `ends` maps each portal end to where it puts the walker down (see
    `portal_ends`). `start` itself counts as stood on, walkable or not (a
    glitch may be waiting to close it).
    """

    def __init__(self, tiles: np.ndarray, ends: Mapping[Pos, Pos], start: Pos) -> None:
        h, w = tiles.shape
        walk = T.WALKABLE[tiles]
        both = T.STRICT[tiles].copy()
        for x, y in ends:
            both[y, x] = False
        labels, count = label(both)
        # One node per component, and one per tile outside them (ids past the labels).
        node = np.where(both, labels, count + 1 + np.arange(h * w).reshape(h, w)).astype(np.int64)
        # Where a step onto each tile leaves the walker: portal ends redirect.
        lands = node.copy()
        for (x, y), (bx, by) in ends.items():
            lands[y, x] = node[by, bx]
        stands = walk.copy()
        stands[start[1], start[0]] = True
        src: list[np.ndarray] = []
        dst: list[np.ndarray] = []
        for i, (dx, dy) in enumerate(_STEPS):
            free = _FREE[i][tiles]
            ok = stands & free & shifted(walk & free, dx, dy, False)
            into = shifted(lands, dx, dy, 0)
            ok &= into != node  # steps inside one component add nothing
            src.append(node[ok])
            dst.append(into[ok])
        out: dict[int, list[int]] = {}
        for a, b in zip(np.concatenate(src).tolist(), np.concatenate(dst).tolist()):
            out.setdefault(a, []).append(b)
        first = int(node[start[1], start[0]])
        seen = {first}
        todo = [first]
        while todo:
            for b in out.get(todo.pop(), ()):
                if b not in seen:
                    seen.add(b)
                    todo.append(b)
        self._node = node
        self._seen = seen

    def at(self, x: int, y: int) -> bool:
        """Can the walker come to stand on (x, y)?"""
        return int(self._node[y, x]) in self._seen


def wake_spots(tiles: np.ndarray, x: int, y: int) -> list[Pos]:
    """Walkable tiles from which the dreamer on (x, y) can be woken (Chebyshev distance <= 1)."""
    h, w = tiles.shape
    return [
        (nx, ny)
        for ny in range(max(0, y - 1), min(h, y + 2))
        for nx in range(max(0, x - 1), min(w, x + 2))
        if T.WALKABLE[tiles[ny, nx]]
    ]


def goals_out_of_reach(
    tiles: np.ndarray, ends: Mapping[Pos, Pos], start: Pos, dreamers: Iterable[tuple[int, Pos]], exit_: Pos, places: Iterable[tuple[int, Pos]] = ()
) -> list[int]:
    """The goals a walker on `start` cannot get to: dreamer indices, the ids of `places`, and -1 for the exit.

    `dreamers` are (index, position) of the dreamers still asleep; one is
    within reach when some tile it can be woken from is. `places` are (id,
    position) of tiles that must be stood on (the unlit beacons of a climax).
    """
    reach = Reach(tiles, ends, start)
    lost = [i for i, (x, y) in dreamers if not any(reach.at(*spot) for spot in wake_spots(tiles, x, y))]
    lost += [i for i, (x, y) in places if not reach.at(x, y)]
    h, w = tiles.shape
    if not (0 <= exit_[0] < w and 0 <= exit_[1] < h and reach.at(*exit_)):
        lost.append(-1)  # (a map without an exit has it out of reach always)
    return lost
