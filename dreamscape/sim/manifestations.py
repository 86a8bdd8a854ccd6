"""The manifestations' part of a tick: noticing, calling, hunting, wandering and touching.

Run by the world after the player has moved and sight is up to date. Each
manifestation, in index order, notices a visible player within its reach
(a watcher calls hunters near it), hunts along the distance field of
`hunt.py` or wanders on (never turning back unless it must, a warden never
beyond its leash), and a touch drains the player's lucidity and fades it.
Its only randomness is the world's 'ai' stream, drawn in that fixed order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dreamscape.sim import rules as R
from dreamscape.sim.actors import HUNT, WANDER, Haunt
from dreamscape.sim.commands import STEPS
from dreamscape.sim.events import Caught, Event, LostTrail, Noticed
from dreamscape.sim.hunt import FAR
from dreamscape.sim.waking import stop_waking

if TYPE_CHECKING:
    from dreamscape.sim.world import World

_DIRECTIONS = (1, 2, 3, 4)
_REVERSE = {1: 3, 2: 4, 3: 1, 4: 2}


def step_manifestations(world: World, events: list[Event]) -> None:
    """Advance every manifestation one tick, appending what they did to `events`."""
    if not world.haunts:
        return
    p = world.player
    t = world.tick
    visible = world.sight.eyes  # what sees the player back: their own field of view, not a lent one
    kinds = world.haunt_kinds
    # The player's tiles (where they stand, and where they are stepping).
    px, py = p.x, p.y
    qx, qy = (p.tx, p.ty) if p.move_left else (px, py)
    if p.grace:
        p.grace -= 1
    for i, h in enumerate(world.haunts):
        kind = kinds[i]
        if h.stun:
            # Faded after a touch: it drifts off as a wanderer, noticing no one.
            h.stun -= 1
            if kind.step_ticks:
                _move(world, h, kind, t)
            continue
        sees = R.notices(kind, bool(visible[h.y, h.x]), h.x - px, h.y - py)
        if h.state != HUNT:
            if kind.always_hunts or sees:
                h.state, h.trail = HUNT, R.LOSE_TRAIL
                if not kind.always_hunts:
                    events.append(Noticed(t, i))
                if kind.calls:
                    _call(world, i, events)
        elif kind.always_hunts or sees:
            h.trail = R.LOSE_TRAIL
        else:
            h.trail -= 1
            if h.trail <= 0:
                h.state = WANDER
                events.append(LostTrail(t, i))
        if kind.step_ticks:
            _move(world, h, kind, t)
        # A touch: the tiles it holds meet the tiles the player holds.
        hx, hy = h.x, h.y
        gx, gy = (h.tx, h.ty) if h.move_left else (hx, hy)
        if p.grace:
            continue
        if (hx == px and hy == py) or (hx == qx and hy == qy) or (gx == px and gy == py) or (gx == qx and gy == qy):
            p.grace = R.CATCH_GRACE
            p.lucidity = max(0, p.lucidity - kind.drain)
            h.stun, h.state = kind.fade, WANDER
            stop_waking(p, t, events)
            events.append(Caught(t, i, p.lucidity))


def _call(world: World, caller: int, events: list[Event]) -> None:
    """A watcher that noticed the player sets the wanderers within CALL_RADIUS hunting."""
    c = world.haunts[caller]
    for j, other in enumerate(world.haunts):
        if j != caller and other.state != HUNT and max(abs(other.x - c.x), abs(other.y - c.y)) <= R.CALL_RADIUS:
            other.state, other.trail = HUNT, R.LOSE_TRAIL
            events.append(Noticed(world.tick, j))


def _move(world: World, h: Haunt, kind: R.Kind, t: int) -> None:
    """Carry on a step under way, or on arrival choose the next one."""
    if h.move_left:
        h.move_left -= 1
        if h.move_left:
            return
        # Arrived: choose the next step at once, as the player does.
        h.x, h.y, h.tx, h.ty = h.tx, h.ty, -1, -1
    terrain = world.terrain
    options = [d for d in _DIRECTIONS if terrain.can_step(h.x, h.y, d, t)]
    if not options:
        return
    choice = 0
    home = abs(h.x - h.home_x) + abs(h.y - h.home_y)
    if kind.leash and home >= kind.leash and h.state == HUNT:
        h.state = WANDER  # a warden gives up the chase at the end of its leash
    if h.state == HUNT:
        p = world.player
        field = world.hunt
        # The field is refreshed here, when a hunter needs it, so one that
        # noticed the player this very tick already steps the right way.
        field.update(terrain.walkable(), p.x, p.y, terrain.version)
        best = field.at(h.x, h.y)
        for d in options:
            dx, dy = STEPS[d]
            value = field.at(h.x + dx, h.y + dy)
            if value < best:
                best, choice = value, d
        if best == FAR:
            choice = 0
    if not choice:
        if kind.leash and home >= kind.leash:
            # Back towards home: the step that most shortens the way.
            choice = min(options, key=lambda d: abs(h.x + STEPS[d][0] - h.home_x) + abs(h.y + STEPS[d][1] - h.home_y))
        else:
            forward = [d for d in options if d != _REVERSE.get(h.last_dir)] or options
            choice = forward[int(world.rng.integers(len(forward)))]
    dx, dy = STEPS[choice]
    h.tx, h.ty, h.move_left, h.last_dir = h.x + dx, h.y + dy, kind.step_ticks, choice
