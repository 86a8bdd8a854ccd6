"""Where the manifestations can catch the player, as costs in ticks.

Two scales:

- `haunted_cost`, for route choice over the whole map: ground near any
  manifestation costs extra, so routes keep clear of haunted corridors while
  there is another way. Refreshed every few steps.
- `penalty`, for the next few steps: a race. For each nearby manifestation,
  walking times from it (its own pace, after any stun) are compared with the
  player's walking times from where they stand; a tile is unsafe when the
  manifestation can be on it while the player steps onto or off it. Hunters
  are slower than a walking player, so the tiles ahead of a chasing hunter
  stay safe while one coming the other way closes the corridor. A wanderer
  walks on and only turns back at a dead end, so the tiles behind it are
  safe too. Walking distance counts, so a hunter behind a wall is harmless.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import tcod

from dreamscape.bot.ground import STEP_TICKS
from dreamscape.bot.nerve import LETHAL
from dreamscape.sim import rules as R
from dreamscape.sim.commands import STEPS

FAR = np.iinfo(np.int32).max
#: Ticks of margin over which a near miss grades into a sure touch.
GRADE = 10
#: Tiles of a contested stretch one touch is spread over: crossing a hunter's
#: reach costs about one touch, however many tiles it spans.
SPREAD = 2
#: A wanderer that sees the player this close to its notice range counts as hunting.
NOTICE_MARGIN = 2
#: A wandering manifestation only threatens tiles this many steps ahead of it.
WANDER_REACH = 3
#: Route choice: extra ticks per tile at a manifestation, fading out over the radius.
ROUTE_COST = 200
ROUTE_RADIUS = 4


def kind_of(haunt) -> R.Kind:
    """The rules' Kind of a manifestation."""
    return R.KINDS.get(haunt.kind, R.DEFAULT_KIND)


def threats(view, x: int, y: int, radius: int) -> list:
    """Manifestations the view shows that can hurt, within `radius` (Chebyshev) of (x, y)."""
    return [h for h in view.haunts if abs(h.x - x) <= radius and abs(h.y - y) <= radius and kind_of(h).drain]


def hunting(view, haunt) -> bool:
    """Is `haunt` after the player, or about to be (it sees them, nearly close enough)?"""
    kind = kind_of(haunt)
    if haunt.hunting or kind.always_hunts:
        return True
    p = view.player
    # Sight is symmetric: the player's view says what the manifestation sees.
    return R.notices(kind, view.in_eyes(haunt.x, haunt.y), haunt.x - p.x, haunt.y - p.y, NOTICE_MARGIN)


def haunt_times(haunt, walk: np.ndarray, x0: int, y0: int, hunts: bool) -> np.ndarray:
    """Ticks until `haunt` can stand on each tile of the window at (x0, y0) (FAR: never soon)."""
    kind = kind_of(haunt)
    h, w = walk.shape
    times = np.full((h, w), FAR, np.int32)

    def inside(x: int, y: int) -> bool:
        return 0 <= x - x0 < w and 0 <= y - y0 < h

    if not kind.step_ticks:
        if inside(haunt.x, haunt.y):
            times[haunt.y - y0, haunt.x - x0] = haunt.stun
        return times
    # The way they walk: doors counted open, one-way passages ignored.
    pace = walk.astype(np.int32) * (kind.step_ticks + 1)
    if hunts:
        for x, y in ((haunt.x, haunt.y), (haunt.tx, haunt.ty)) if haunt.moving else ((haunt.x, haunt.y),):
            if inside(x, y):
                times[y - y0, x - x0] = haunt.stun
        tcod.path.dijkstra2d(times, pace, 1, 0, out=times)
        return times
    if haunt.moving:
        (hx, hy), behind, start = (haunt.tx, haunt.ty), (haunt.x, haunt.y), haunt.move_left
    else:
        (hx, hy), start, behind = (haunt.x, haunt.y), haunt.stun, None
        if haunt.heading:
            dx, dy = STEPS[haunt.heading]
            behind = (hx - dx, hy - dy)
            ahead = [(hx + sx, hy + sy) for sx, sy in STEPS.values() if (hx + sx, hy + sy) != behind]
            if not any(inside(x, y) and walk[y - y0, x - x0] for x, y in ahead):
                behind = None  # a dead end: it will turn back
    if not inside(hx, hy):
        return times
    times[hy - y0, hx - x0] = start
    if behind and inside(*behind):
        pace[behind[1] - y0, behind[0] - x0] = 0
    tcod.path.dijkstra2d(times, pace, 1, 0, out=times)
    times[times > start + WANDER_REACH * (kind.step_ticks + 1)] = FAR
    # Where it stands, and the tile it is leaving, are taken now.
    times[hy - y0, hx - x0] = min(int(times[hy - y0, hx - x0]), haunt.stun)
    if haunt.moving and inside(haunt.x, haunt.y):
        times[haunt.y - y0, haunt.x - x0] = 0
    return times


def penalty(view, ground, haunts: list, x0: int, y0: int, x1: int, y1: int, worth: Callable[[int, bool], int]) -> tuple[np.ndarray, bool]:
    """Penalty ticks for each tile of the window [x0:x1, y0:y1] of `ground`, and
    whether a hunter adds to it (then waiting does not help).

    `worth(drain, hunting)` is what a touch draining `drain` lucidity costs, in ticks.
    """
    walk = ground.walk[y0:y1, x0:x1]
    p = view.player
    mine = np.full(walk.shape, FAR, np.int32)
    mine[p.y - y0, p.x - x0] = 0
    tcod.path.dijkstra2d(mine, ground.cost[y0:y1, x0:x1], 1, 0, out=mine)
    reachable = mine < FAR
    out = np.zeros(walk.shape, np.int32)
    hunted = False
    for h in haunts:
        kind = kind_of(h)
        hunts = hunting(view, h)
        times = haunt_times(h, walk, x0, y0, hunts)
        # The player holds a tile until a step after arriving on it; the
        # manifestation holds it from a step before it arrives.
        late = mine.astype(np.int64) + STEP_TICKS + kind.step_ticks + 1 - times
        late = np.clip(late + 1, 0, GRADE)
        late[~reachable] = 0
        touch = worth(kind.drain, hunts)
        if touch < LETHAL:
            touch //= SPREAD
        add = (late * touch // GRADE).astype(np.int32)
        if hunts and add.any():
            hunted = True
        out += add
    return out, hunted


def haunted_cost(view, shape: tuple[int, int]) -> np.ndarray:
    """Extra ticks for entering each tile near a manifestation, for route choice.

    A rough square around each one (walls ignored), highest at its tile; the
    race in `penalty` judges the close encounters exactly.
    """
    h, w = shape
    r_max = max([ROUTE_RADIUS] + [k.notice for k in R.KINDS.values()])
    # Padded by the largest radius, so every stamp fits without clipping.
    out = np.zeros((h + 2 * r_max, w + 2 * r_max), np.int32)
    for haunt in view.haunts:
        kind = kind_of(haunt)
        if not kind.drain:
            continue
        r = max(ROUTE_RADIUS, kind.notice)
        y, x = haunt.y + r_max, haunt.x + r_max
        out[y - r : y + r + 1, x - r : x + r + 1] += _stamp(r)
    return out[r_max : r_max + h, r_max : r_max + w]


_STAMPS: dict[int, np.ndarray] = {}


def _stamp(r: int) -> np.ndarray:
    """The route cost around one manifestation: ROUTE_COST at its tile, fading to 0 past `r`."""
    if r not in _STAMPS:
        ys, xs = np.ogrid[-r : r + 1, -r : r + 1]
        ring = np.maximum(abs(ys), abs(xs))
        _STAMPS[r] = (ROUTE_COST * (r + 1 - ring) // (r + 1)).astype(np.int32)
    return _STAMPS[r]
