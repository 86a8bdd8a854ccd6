"""Phase 'rooms': rectangular rooms and halls carved into hall and garden regions.

Rooms sit on the odd lattice, so the tree's corridors run straight into them.
judgement widens them into open halls watched from afar; perfection makes them
symmetric and fills them with ordered pillar grids that hide the way on.
"""

from __future__ import annotations

import numpy as np

from dreamscape.core import tiles as T
from dreamscape.gen.build import Build

ROOM_THEMES = (T.HALLS, T.GARDENS)
_ROOMY = np.isin(np.arange(len(T.THEMES)), ROOM_THEMES)


def run(build: Build) -> None:
    rng = build.rng("rooms")
    judgement, perfection = build.knob("judgement"), build.knob("perfection")
    in_theme = _ROOMY[build.regions]
    share = float(in_theme.mean())
    attempts = int(round(build.scale(70) * share * (1.0 + 0.5 * perfection)))
    max_half_w = 3 + int(round(4 * judgement))
    max_half_h = 2 + int(round(3 * judgement))
    h, w = build.height, build.width
    rooms = 0
    # Draw every attempt's numbers at once: scalar draws cost more than the carving.
    half_ws = rng.integers(1, max_half_w + 1, attempts)
    half_hs = rng.integers(1, max_half_h + 1, attempts)
    cxs = 2 * rng.integers(0, (w - 1) // 2, attempts) + 1
    cys = 2 * rng.integers(0, (h - 1) // 2, attempts) + 1
    symmetric_all = rng.random(attempts) < perfection
    for hw, hh, cx, cy, symmetric in zip(half_ws.tolist(), half_hs.tolist(), cxs.tolist(), cys.tolist(), symmetric_all.tolist()):
        if symmetric:
            hh = hw = max(hw, hh)
        # Keep rooms on the lattice (odd edges) and inside the border.
        x0, x1 = (cx - hw) | 1, (cx + hw) | 1
        y0, y1 = (cy - hh) | 1, (cy + hh) | 1
        if x0 < 1 or y0 < 1 or x1 > w - 2 or y1 > h - 2 or x1 - x0 < 2 or y1 - y0 < 2:
            continue
        if not in_theme[cy, cx]:
            continue
        build.tiles[y0 : y1 + 1, x0 : x1 + 1] = T.FLOOR
        if symmetric and x1 - x0 >= 6 and y1 - y0 >= 6:
            # An ordered grid of pillars on the even lattice: pretty, and every
            # aisle looks the same.
            build.tiles[y0 + 1 : y1 : 2, x0 + 1 : x1 : 2] = T.WALL
        rooms += 1
    build.stats["rooms"] = rooms
