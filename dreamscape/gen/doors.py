"""Phase 'controls': stable islands, rhythm doors and one-way passages.

authenticity lays islands of stable ground that no glitch may touch.
being_controlled hangs doors that open and shut on a rhythm in doorways and
turns corridors one-way, but only where the dream stays connected without
them, so a one-way passage is never the only road back.
"""

from __future__ import annotations

import numpy as np

from dreamscape.core import tiles as T
from dreamscape.core.rng import Stream
from dreamscape.gen.build import Build
from dreamscape.gen.grid import cardinal_count, guard_portal
from dreamscape.gen.invariant import goals_connected_mask


def goals(build: Build) -> list[tuple[int, int]]:
    """Tiles that must stay mutually reachable."""
    return [build.start, build.exit] + [d.pos for d in build.dreamers] + [m.pos for m in build.marks]


def protected_mask(build: Build) -> np.ndarray:
    """Tiles no glitch or control may change: goals and entities and their surroundings, portal ends and theirs."""
    mask = np.zeros(build.tiles.shape, bool)
    for x, y in goals(build):
        mask[max(0, y - 1) : y + 2, max(0, x - 1) : x + 2] = True
    for e in build.lures + build.shards:
        mask[e.y, e.x] = True
    for p in build.portals:
        guard_portal(mask, p)
    mask[0, :] = mask[-1, :] = mask[:, 0] = mask[:, -1] = True
    return mask


def _corridors(tiles: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Plain floor tiles in a straight 1-wide corridor: (east-west, north-south) masks."""
    floor = tiles == T.FLOOR
    walk = T.WALKABLE[tiles]
    pad = np.pad(walk, 1)
    n, s = pad[:-2, 1:-1], pad[2:, 1:-1]
    wst, e = pad[1:-1, :-2], pad[1:-1, 2:]
    ew = floor & wst & e & ~n & ~s
    ns = floor & n & s & ~wst & ~e
    return ew, ns


def run(build: Build) -> None:
    rng = build.rng("controls")
    k = build.knob
    tiles = build.tiles
    protected = protected_mask(build)

    islands = int(round(k("authenticity") * build.scale(600)))
    h, w = build.height, build.width
    ground = np.flatnonzero(T.SOFT[tiles])
    if len(ground):
        centres = ground[rng.integers(0, len(ground), islands)]
        radii = rng.integers(2, 5, islands)
        for c, r in zip(centres.tolist(), radii.tolist()):
            cy, cx = divmod(c, w)
            y0, x0 = max(0, cy - r), max(0, cx - r)
            y1, x1 = min(h, cy + r + 1), min(w, cx + r + 1)
            win = tiles[y0:y1, x0:x1]
            yy, xx = np.ogrid[y0:y1, x0:x1]
            disc = (xx - cx) ** 2 + (yy - cy) ** 2 <= r * r
            win[disc & T.SOFT[win]] = T.STABLE
    build.stats["stable_islands"] = islands

    ew, ns = _corridors(tiles)
    doorway = (ew | ns) & ~protected
    # A doorway opens onto a wider space on at least one side.
    wide = cardinal_count(T.WALKABLE[tiles]) >= 3
    next_to_wide = np.zeros_like(wide)
    next_to_wide[1:, :] |= wide[:-1, :]
    next_to_wide[:-1, :] |= wide[1:, :]
    next_to_wide[:, 1:] |= wide[:, :-1]
    next_to_wide[:, :-1] |= wide[:, 1:]
    doorway &= next_to_wide
    doors = int(round(k("being_controlled") * build.scale(350)))
    ys, xs = np.nonzero(doorway)
    order = rng.permutation(len(ys))[:doors]
    tiles[ys[order], xs[order]] = T.DOOR

    ways = int(round(k("being_controlled") * build.scale(700)))
    placed = _one_ways(build, rng, protected, ways) if ways else 0
    build.stats["one_ways"] = placed
    build.protected = protected | T.FIXED[tiles]


def _one_ways(build: Build, rng: Stream, protected: np.ndarray, ways: int) -> int:
    """Turn up to `ways` corridor tiles into one-way passages; returns how many.

    Only walls the loops phase opened are used: each closes a cycle, so a way
    round it exists and the passage is never the only road in either
    direction. One labelling proves them all; if a later phase leaned on one
    of them (rare), each is tried alone.
    """
    tiles = build.tiles
    ew, ns = _corridors(tiles)
    corridor = (ew | ns) & ~protected
    sites = [(x, y) for x, y in build.loop_sites if corridor[y, x]]
    chosen = [sites[i] for i in rng.permutation(len(sites))[:ways]]
    targets = goals(build)
    portals = [p for p in build.portals if p.two_way]
    walk = T.STRICT[tiles]
    if chosen:
        xs, ys = np.array(chosen).T
        trial = walk.copy()
        trial[ys, xs] = False
        if not goals_connected_mask(trial, targets, portals):
            kept = []
            for x, y in chosen:
                walk[y, x] = False
                if goals_connected_mask(walk, targets, portals):
                    kept.append((x, y))
                else:
                    walk[y, x] = True
            chosen = kept
    for x, y in chosen:
        if ew[y, x]:
            tiles[y, x] = T.ONEWAY_E if rng.random() < 0.5 else T.ONEWAY_W
        else:
            tiles[y, x] = T.ONEWAY_N if rng.random() < 0.5 else T.ONEWAY_S
    return len(chosen)
