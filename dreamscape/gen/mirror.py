"""Phase 'mirror': self_doubt copies stretches of the labyrinth onto their mirror image.

Twin corridors that look the same but lead elsewhere are what a doubting mind
builds: the player cannot trust which side they are on. It runs after pruning
and loops so nothing later breaks the symmetry; the 'connect' phase then
mends any link the copy cut.
"""

from __future__ import annotations

from dreamscape.core import tiles as T
from dreamscape.gen.build import Build


def run(build: Build) -> None:
    doubt = build.knob("self_doubt")
    if doubt <= 0:
        return
    rng = build.rng("mirror")
    count = int(round(doubt * build.scale(900)))
    h, w = build.height, build.width
    mirrored = 0
    for _ in range(count):
        half = int(rng.integers(5, 10))
        tall = int(rng.integers(8, 18))
        if w < 2 * half + 4 or h < tall + 4:
            continue
        # The axis is a lattice column (odd x), so mirrored corridors land on
        # the lattice too and meet the maze beside them.
        axis = int(rng.integers(half + 1, w - half - 1)) | 1
        y0 = int(rng.integers(1, h - tall - 1))
        if axis + half > w - 2 or build.regions[y0 + tall // 2, axis] not in (T.MAZE, T.HALLS, T.HOLLOW):
            continue
        block = build.tiles[y0 : y0 + tall, axis - half : axis]
        build.tiles[y0 : y0 + tall, axis + 1 : axis + half + 1] = block[:, ::-1]
        mirrored += 1
    build.stats["mirrored_sections"] = mirrored
