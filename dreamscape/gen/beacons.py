"""Phase 'beacons': the friends' beacons of the 'doubt' climax (chapter 1).

Only a level whose climax is 'doubt' has them; any other level is left as it
was, and this phase draws nothing from any stream. The three beacons (Ava,
Mia, Noah, in that order) go on plain floor the start can reach, far apart:
each is drawn from the tiles whose walking distance to the start, the exit,
every dreamer and the beacons already placed is at least half
the farthest, with the 'beacons' stream. Integers only.
"""

from __future__ import annotations

import numpy as np

from dreamscape.core import tiles as T
from dreamscape.core.climax import FRIENDS
from dreamscape.gen.build import Build
from dreamscape.gen.dreamscape import Beacon, Pos
from dreamscape.gen.grid import UNREACHED, distance_from, strict_walkable

#: Beacons keep this far (Chebyshev) from the start, the exit and the dreamers.
CLEARANCE = 2


def run(build: Build) -> None:
    if build.spec.climax != "doubt":
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
    rng = build.rng("beacons")
    w = build.width
    for friend in FRIENDS:
        dist = distance_from(walk, anchors)
        score = np.where(free & (dist != UNREACHED), dist, -1).astype(np.int64)
        best = int(score.max())
        if best < 0:
            break
        pool = np.flatnonzero(score.ravel() * 2 >= best)
        i = int(pool[int(rng.integers(len(pool)))])
        place = (i % w, i // w)
        build.beacons.append(Beacon(friend, *place))
        anchors.append(place)
        x, y = place
        free[max(0, y - CLEARANCE) : y + CLEARANCE + 1, max(0, x - CLEARANCE) : x + CLEARANCE + 1] = False
    build.stats["beacons"] = len(build.beacons)
