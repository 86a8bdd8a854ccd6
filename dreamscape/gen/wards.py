"""Phase 'wards': the clients trapped with each dreamer of a 'nexus' climax (chapter 5).

A level whose climax is not 'nexus' is left as it was, and this phase draws
nothing from any stream. Otherwise each trapped dreamer keeps a ward of
`WARD_SIZE` sleeping clients on plain floor nearest them by walking distance
(of equals the first in reading order), never next to another client, never
on a tile any glitch changes, never on the start, the exit, a mark, an
entity or a portal end. Each client's fear is drawn from the profile's
fears weighted by intensity (stream 'wards'); a ward's fear is the one most
of its clients share (ties: the stronger in the profile, then the name).

Every glitch then belongs to the ward nearest it (squared distance from its
first change to the ward's dreamer; ties: the lower ward): it is that ward's
trauma. A flicker's return belongs to none (it only gives the ground back).
Integers only.
"""

from __future__ import annotations

import numpy as np

from dreamscape.core import tiles as T
from dreamscape.gen.build import Build
from dreamscape.gen.dreamscape import Client, Glitch, Ward
from dreamscape.gen.grid import UNREACHED, distances_from, strict_walkable

NEXUS = "nexus"
#: Clients sleeping around each trapped dreamer.
WARD_SIZE = 6
#: No client is placed farther than this many steps from its dreamer.
WARD_REACH = 40
#: Clients keep at least this far (Chebyshev) from the dreamer they sleep by.
CLEAR_OF_DREAMER = 2


def fear_weights(build: Build) -> tuple[list[str], np.ndarray]:
    """The profile's fears that are felt at all, sorted by name, and integer weights (per mille)."""
    fears = build.spec.profile.fears
    names = sorted(name for name, v in fears.items() if round(v * 1000) > 0)
    return names, np.array([round(fears[n] * 1000) for n in names], np.int64)


def ward_fear(fears: list[str], intensity: dict[str, float]) -> str:
    """The fear most clients of a ward share; ties: the stronger in the profile, then the name."""
    counts: dict[str, int] = {}
    for f in fears:
        counts[f] = counts.get(f, 0) + 1
    return min(counts, key=lambda f: (-counts[f], -round(intensity.get(f, 0.0) * 1000), f))


def glitch_anchor(glitch: Glitch) -> tuple[int, int] | None:
    """Where a glitch strikes (its first change, else its first portal's end)."""
    if len(glitch.changes):
        return int(glitch.changes[0, 0]), int(glitch.changes[0, 1])
    if glitch.portals:
        return glitch.portals[0].a
    return None


def nearest_ward(wards: list[Ward], dreamers, at: tuple[int, int]) -> int:
    """The ward whose dreamer is nearest `at` (squared distance; ties: the lower index)."""
    x, y = at
    best, best_d = -1, -1
    for i, w in enumerate(wards):
        dx, dy = dreamers[w.dreamer].x - x, dreamers[w.dreamer].y - y
        d = dx * dx + dy * dy
        if best < 0 or d < best_d:
            best, best_d = i, d
    return best


def run(build: Build) -> None:
    if build.spec.climax != NEXUS or not build.dreamers:
        return
    tiles = build.tiles
    h, w = tiles.shape
    free = tiles == T.FLOOR
    for g in build.glitches:
        if len(g.changes):
            free[g.changes[:, 1], g.changes[:, 0]] = False
    blocked = [build.start, build.exit] + [m.pos for m in build.marks]
    blocked += [e.pos for e in build.manifestations + build.lures + build.shards]
    blocked += [end for p in build.portals for end in (p.a, p.b)]
    for x, y in blocked:
        free[y, x] = False
    for d in build.dreamers:
        free[max(0, d.y - CLEAR_OF_DREAMER) : d.y + CLEAR_OF_DREAMER + 1, max(0, d.x - CLEAR_OF_DREAMER) : d.x + CLEAR_OF_DREAMER + 1] = False
    names, weights = fear_weights(build)
    rng = build.rng("wards")
    intensity = build.spec.profile.fears
    walk = strict_walkable(tiles)
    fields = distances_from(walk, [[d.pos] for d in build.dreamers])
    wards: list[Ward] = []
    for i, dist in enumerate(fields):
        ok = free & (dist != UNREACHED) & (dist <= WARD_REACH)
        flat = np.flatnonzero(ok.ravel())
        order = flat[np.lexsort((flat, dist.ravel()[flat]))]  # nearest first, then reading order
        spots: list[tuple[int, int]] = []
        for k in order.tolist():
            y, x = divmod(k, w)
            if not free[y, x]:
                continue
            spots.append((x, y))
            free[max(0, y - 1) : y + 2, max(0, x - 1) : x + 2] = False
            if len(spots) == WARD_SIZE:
                break
        fears = [names[k] for k in rng.weighted(weights, len(spots)).tolist()] if names else [""] * len(spots)
        clients = tuple(Client(x, y, f) for (x, y), f in zip(spots, fears))
        wards.append(Ward(i, ward_fear(fears, intensity) if fears else "", clients))
    build.wards = wards
    build.glitch_wards = [
        -1 if g.kind == "return" or (at := glitch_anchor(g)) is None else nearest_ward(wards, build.dreamers, at) for g in build.glitches
    ]
    build.stats["clients"] = sum(len(wd.clients) for wd in wards)
