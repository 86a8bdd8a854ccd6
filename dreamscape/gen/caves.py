"""Phase 'caves': organic caverns grown by a cellular automaton in cave regions.

Random fill, then a few smoothing passes (a tile becomes floor with five or
more floor neighbours), all vectorised. The result is added to the tree, so
caves never cut what was already connected. wonder opens them wider.
"""

from __future__ import annotations

from dreamscape.core import tiles as T
from dreamscape.gen.build import Build
from dreamscape.gen.grid import ring_count


def run(build: Build) -> None:
    rng = build.rng("caves")
    cave = build.regions == T.CAVES
    if not cave.any():
        return
    fill = 0.47 + 0.08 * build.knob("wonder")
    floor = (rng.random(build.tiles.shape) < fill) | (build.tiles != T.WALL)
    floor &= cave
    for _ in range(4):
        n = ring_count(floor)
        floor = ((n >= 5) | (floor & (n >= 4))) & cave
    floor[0, :] = floor[-1, :] = False
    floor[:, 0] = floor[:, -1] = False
    build.tiles[floor] = T.FLOOR
