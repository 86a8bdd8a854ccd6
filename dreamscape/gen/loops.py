"""Phase 'loops': opens walls where the walk around them is long.

A wall with floor on two opposite sides is a candidate; the difference of two
walking-distance fields across it is a lower bound on the detour it would
save. Only long detours become loops (as Brogue does), so the labyrinth gains
shortcuts that matter rather than holes everywhere. connection adds loops;
being_trapped removes them; isolation keeps them from crossing region borders.
"""

from __future__ import annotations

import numpy as np

from dreamscape.core import tiles as T
from dreamscape.core.rng import Stream
from dreamscape.gen.build import Build
from dreamscape.gen.grid import UNREACHED, distance_from, strict_walkable

MIN_DETOUR = 16


def loop_candidates(
    tiles: np.ndarray,
    min_detour: int = MIN_DETOUR,
    regions: np.ndarray | None = None,
    isolation: float = 0.0,
    rng: Stream | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(ys, xs, detour) of walls whose opening would save at least `min_detour` steps."""
    walk = strict_walkable(tiles)
    ys, xs = np.nonzero(walk)
    if len(ys) == 0:
        return ys, xs, ys
    # One field from the top-left-most floor: across a wall, the difference of
    # walking distances is a lower bound on the detour (exact when one side
    # lies on the other's way to the source).
    first = (int(xs[0]), int(ys[0]))
    d1 = distance_from(walk, [first])
    reach = d1 != UNREACHED
    wall = tiles == T.WALL
    wall[0, :] = wall[-1, :] = False
    wall[:, 0] = wall[:, -1] = False
    best = np.zeros(tiles.shape, np.int32)
    for d in (d1,):
        dd = np.where(reach, d, 0).astype(np.int32)
        horiz = np.zeros(tiles.shape, np.int32)
        horiz[:, 1:-1] = np.abs(dd[:, :-2] - dd[:, 2:])
        horiz[:, 1:-1] *= reach[:, :-2] & reach[:, 2:]
        vert = np.zeros(tiles.shape, np.int32)
        vert[1:-1, :] = np.abs(dd[:-2, :] - dd[2:, :])
        vert[1:-1, :] *= reach[:-2, :] & reach[2:, :]
        best = np.maximum(best, np.maximum(horiz, vert))
    best[~wall] = 0
    if isolation > 0 and regions is not None and rng is not None:
        # Isolated regions do not gain shortcuts into one another.
        crossing = np.zeros(tiles.shape, bool)
        crossing[:, 1:-1] |= regions[:, :-2] != regions[:, 2:]
        crossing[1:-1, :] |= regions[:-2, :] != regions[2:, :]
        best[crossing & (rng.random(tiles.shape) < isolation)] = 0
    cy, cx = np.nonzero(best >= min_detour)
    return cy, cx, best[cy, cx]


def run(build: Build) -> None:
    rng = build.rng("loops")
    k = build.knob
    target = build.scale(260) * build.spec.overrides.loops * (1.0 + 2.0 * k("connection")) * (1.0 - 0.85 * k("being_trapped"))
    target = int(round(target))
    opened = 0
    taken = np.zeros(build.tiles.shape, bool)
    # One measurement serves the whole phase; the spacing rule keeps two new
    # loops from short-cutting the same detour.
    for _round in range(1):
        want = target
        if want <= 0:
            break
        # connection settles for shorter detours, so it finds many more loops.
        min_detour = int(round(MIN_DETOUR * (1.0 - 0.6 * k("connection"))))
        ys, xs, detour = loop_candidates(build.tiles, min_detour, build.regions, k("isolation"), rng)
        if len(ys) == 0:
            break
        # Longer detours first, with a random tie-break.
        order = np.lexsort((rng.random(len(ys)), -detour))
        for i in order:
            y, x = int(ys[i]), int(xs[i])
            if taken[y, x]:
                continue
            build.tiles[y, x] = T.FLOOR
            build.loop_sites.append((x, y))
            taken[max(0, y - 3) : y + 4, max(0, x - 3) : x + 4] = True
            opened += 1
            want -= 1
            if want <= 0:
                break
    build.stats["loops_opened"] = opened
