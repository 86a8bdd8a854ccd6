"""The next step: down the goal field, or around the danger near the player.

With no manifestation close, the bot takes the neighbour with the lowest goal
field value. With one close, it prices the danger (danger.penalty) in a small
window; if that touches the way ahead, the next steps are re-planned in a
wider window (fields.local_field) whose border keeps its global worth, so a
detour is weighed against the whole way. Waiting is an option too: it lets a
wanderer drift off, but never helps against a hunter.
"""

from __future__ import annotations

import numpy as np

from dreamscape.bot.danger import penalty, threats
from dreamscape.bot.fields import FAR, Field, local_field
from dreamscape.bot.ground import DIRECTIONS, Ground
from dreamscape.bot.nerve import LETHAL
from dreamscape.core import tiles as T
from dreamscape.sim import rules as R
from dreamscape.sim.commands import STEPS

WAIT = 0
#: Manifestations this close (Chebyshev) are priced by the race.
DANGER_RADIUS = 10
#: Half-size of the window re-planned around danger.
PLAN_RADIUS = 30
#: Steps of the goal field's way checked for danger before re-planning.
PATH_CHECK = 10
#: What standing still costs in the danger window (about one step).
WAIT_TICKS = 8


def danger_window(view, ground: Ground, worth) -> tuple[np.ndarray, bool, int, int] | None:
    """(penalty, hunted, x0, y0) over the window around the player, or None when nothing is close."""
    p = view.player
    near = threats(view, p.x, p.y, DANGER_RADIUS)
    if not near:
        return None
    h, w = ground.walk.shape
    x0, y0 = max(0, p.x - DANGER_RADIUS), max(0, p.y - DANGER_RADIUS)
    x1, y1 = min(w, p.x + DANGER_RADIUS + 1), min(h, p.y + DANGER_RADIUS + 1)
    extra, hunted = penalty(view, ground, near, x0, y0, x1, y1, worth)
    return extra, hunted, x0, y0


def steer(view, ground: Ground, field: Field, worth) -> int:
    """The command that moves the player best towards the goal of `field`."""
    p = view.player
    h, w = ground.walk.shape
    values, x0, y0 = field.dist, 0, 0
    danger = danger_window(view, ground, worth)
    if danger is not None:
        extra, hunted, dx0, dy0 = danger
        if extra[p.y - dy0, p.x - dx0] or _path_unsafe(ground, field, extra, p.x, p.y, dx0, dy0):
            x0, y0 = max(0, p.x - PLAN_RADIUS), max(0, p.y - PLAN_RADIUS)
            x1, y1 = min(w, p.x + PLAN_RADIUS + 1), min(h, p.y + PLAN_RADIUS + 1)
            wide = np.zeros((y1 - y0, x1 - x0), np.int32)
            wide[dy0 - y0 : dy0 - y0 + extra.shape[0], dx0 - x0 : dx0 - x0 + extra.shape[1]] = extra
            values = local_field(ground, field, wide, x0, y0)
        else:
            danger = None
    # Options are compared as (steps into a touch that ends the dive, ticks).
    best, choice = (FAR, FAR), WAIT
    if danger is not None:
        here = _at(extra, p.x - dx0, p.y - dy0)
        # Wanderers drift off: waiting costs the danger here now, then the plain way.
        wait = values[p.y - y0, p.x - x0] if hunted else _add(here, field.dist[p.y, p.x])
        best = (int(here >= LETHAL), _add(wait, WAIT_TICKS))
    for d in DIRECTIONS:
        dx, dy = STEPS[d]
        nx, ny = p.x + dx, p.y + dy
        if not (0 <= nx < w and 0 <= ny < h) or not ground.walk[ny, nx] or values[ny - y0, nx - x0] >= FAR:
            continue
        wait = door_wait(view, p.x, p.y, d)
        if wait < 0:
            continue
        lethal = danger is not None and _at(extra, nx - dx0, ny - dy0) >= LETHAL
        value = (int(lethal), _add(values[ny - y0, nx - x0], wait))
        if value < best:
            best, choice = value, (d if wait == 0 else WAIT)
    return choice


def _path_unsafe(ground: Ground, field: Field, extra: np.ndarray, x: int, y: int, x0: int, y0: int) -> bool:
    """Does the way the goal field leads cross a penalised tile in the danger window?"""
    h, w = extra.shape
    dist = field.dist
    for _ in range(PATH_CHECK):
        if field.fixed[y, x]:
            return False
        best, nxt = dist[y, x], None
        for d in DIRECTIONS:
            if ground.ok[d][y, x]:
                dx, dy = STEPS[d]
                if dist[y + dy, x + dx] < best:
                    best, nxt = dist[y + dy, x + dx], (x + dx, y + dy)
        if nxt is None:
            return False
        x, y = nxt
        if not (0 <= x - x0 < w and 0 <= y - y0 < h):
            return False
        if extra[y - y0, x - x0]:
            return True
    return False


def door_wait(view, x: int, y: int, d: int) -> int:
    """Ticks until the step from (x, y) in direction d is allowed (a rhythm door), or -1 for never."""
    dx, dy = STEPS[d]
    if view.can_step(x, y, dx, dy):
        return 0
    if view.tiles[y + dy, x + dx] != T.DOOR:
        return -1
    for wait in range(1, 2 * R.DOOR_PERIOD + 1):
        if view.can_step(x, y, dx, dy, wait):
            return wait
    return -1


def _at(extra: np.ndarray, x: int, y: int) -> int:
    """The penalty at window coordinates (x, y), 0 outside the window."""
    if 0 <= y < extra.shape[0] and 0 <= x < extra.shape[1]:
        return int(extra[y, x])
    return 0


def _add(a, b) -> int:
    return min(int(a) + int(b), FAR - 1)
