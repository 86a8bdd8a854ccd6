"""Phase 'marks': the places a level's climax asks the player to find (core.climax.MARKS).

A level whose climax marks nothing is left as it was, and this phase draws
nothing from any stream. Marks (chapter 1's three friends' beacons, chapter
3's memories, chapter 5's terminals...) go on plain floor the start can
reach, far apart: each is drawn from the tiles whose walking distance to
the start, the exit, every dreamer and the marks already placed is at least
half the farthest. Marks the player must walk round (chapter 2's false
doorways) go, where any such tile is left, only on floor whose eight
neighbours all walk both ways: such a tile never stands in the only way
anywhere. Integers only.
"""

from __future__ import annotations

import numpy as np

from dreamscape.core import tiles as T
from dreamscape.core.climax import marks_for
from dreamscape.gen.build import Build
from dreamscape.gen.dreamscape import Mark, Pos
from dreamscape.gen.grid import UNREACHED, distance_from, strict_walkable

#: Marks keep this far (Chebyshev) from the start, the exit and the dreamers.
CLEARANCE = 2
#: Kinds of mark that must never stand in the only way (the player is turned back from them).
WALKED_ROUND = frozenset({"doorway"})


def stream_name(climax: str) -> str:
    """The RNG stream a climax's marks are drawn with ('beacons' for 'doubt', the first to have any)."""
    return "beacons" if climax == "doubt" else f"marks:{climax}"


def run(build: Build) -> None:
    kind, labels = marks_for(build.spec.climax)
    if not labels:
        return
    tiles = build.tiles
    walk = strict_walkable(tiles)
    reach = distance_from(walk, [build.start]) != UNREACHED
    free = reach & (tiles == T.FLOOR)
    anchors: list[Pos] = [build.start, build.exit] + [d.pos for d in build.dreamers]
    for x, y in anchors:
        free[max(0, y - CLEARANCE) : y + CLEARANCE + 1, max(0, x - CLEARANCE) : x + CLEARANCE + 1] = False
    for e in build.manifestations + build.lures + build.shards:
        free[e.y, e.x] = False
    for p in build.portals:
        free[p.a[1], p.a[0]] = free[p.b[1], p.b[0]] = False
    if kind in WALKED_ROUND:
        open_ = _open(walk)
        if (free & open_).any():
            free &= open_
    rng = build.rng(stream_name(build.spec.climax))
    w = build.width
    for label in labels:
        dist = distance_from(walk, anchors)
        score = np.where(free & (dist != UNREACHED), dist, -1).astype(np.int64)
        best = int(score.max())
        if best < 0:
            break
        pool = np.flatnonzero(score.ravel() * 2 >= best)
        i = int(pool[int(rng.integers(len(pool)))])
        place = (i % w, i // w)
        build.marks.append(Mark(kind, label, *place))
        anchors.append(place)
        x, y = place
        free[max(0, y - CLEARANCE) : y + CLEARANCE + 1, max(0, x - CLEARANCE) : x + CLEARANCE + 1] = False
    build.stats["marks"] = len(build.marks)


def _open(walk: np.ndarray) -> np.ndarray:
    """Tiles whose eight neighbours all walk both ways (never a cut in any way: the ring round them joins up)."""
    h, w = walk.shape
    out = np.zeros_like(walk)
    inner = np.ones((h - 2, w - 2), bool)
    for dy in (-1, 0, 1):
        for dx in (-1, 0, 1):
            if dx or dy:
                inner &= walk[1 + dy : h - 1 + dy, 1 + dx : w - 1 + dx]
    out[1:-1, 1:-1] = inner
    return out
