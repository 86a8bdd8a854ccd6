"""The rules' numbers, in ticks (30 a second) and whole points: tune them here.

Manifestation types are Type Objects: speed, how far they notice, how they
behave, how hard they drain.
"""

from __future__ import annotations

from dataclasses import dataclass

# The walking and waking pace is shared with the generator (it sizes the rescue window).
from dreamscape.core.pacing import MOVE_TICKS, RELAXED_WINDOW_DEN, RELAXED_WINDOW_NUM, WAKE_TICKS  # noqa: F401
from dreamscape.core import tiles as T
from dreamscape.core.timing import TICKS_PER_SECOND

#: Bumped whenever the rules change what a recorded run does (recordings say
#: which rules they were made under; golden recordings move with it).
SIM_VERSION = 8

GARDEN_MOVE_TICKS = 11  # soft gardens slow the walker
LURE_SLOW_TICKS = 4  # extra ticks per step within LURE_RADIUS of a desire lure
LURE_RADIUS = 2
LUCIDITY_MAX = 100
CAUGHT_DRAIN = 12  # lucidity lost when a manifestation touches the player (about eight touches)
CAUGHT_STUN = 7 * TICKS_PER_SECOND  # the manifestation fades this long after a touch: time to wake and leave
CATCH_GRACE = 2 * TICKS_PER_SECOND  # after a touch, no other touch drains for this long (a chance to break away)
SHARD_LUCIDITY = 25
SHARD_TIME = 10 * TICKS_PER_SECOND
SIGHT = 9  # field-of-view radius in tiles
DARK_SIGHT = 4  # in hollow regions (abandonment)
LOSE_TRAIL = 3 * TICKS_PER_SECOND  # hunters give up this long after losing sight
DOOR_PERIOD = 2 * TICKS_PER_SECOND  # rhythm doors change every 2 s
HUNT_WINDOW = 24  # hunters path within this many tiles of the player
CALL_RADIUS = 12  # a watcher that sees the player calls hunters this close
DOUBT_STEP_TICKS = 14  # the Doubt walks at less than half the player's pace (6), but never stops
DOUBT_SPAWN = 8  # the Doubt rises this many steps (at most) from the woken dreamer
BLACKOUT_SIGHT = 4  # the player's sight while the network is down ('blackout' climax)...
BLACKOUT_GROWTH = 1  # ...grows this much per woken dreamer, up to SIGHT
SHARED_SIGHT = 6  # how far a woken dreamer sees, and shares, from where they stand


@dataclass(frozen=True)
class Kind:
    """One manifestation type's behaviour."""

    name: str
    step_ticks: int  # ticks per tile (0 = never moves)
    notice: int  # tiles within which it notices a visible player
    always_hunts: bool = False  # knows where the player is without seeing
    leash: int = 0  # stays within this many tiles of home (0 = free)
    calls: bool = False  # on noticing, wakes hunters nearby
    drain: int = CAUGHT_DRAIN
    fade: int = CAUGHT_STUN  # ticks it drifts, harmless, after a touch


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("echo", 9, 6, drain=9),  # the commonest, so the mildest
        # Doubt always finds you, but lingers less than it seems: after a touch it
        # fades for long enough that standing still is not the end of you.
        Kind("shadow", 14, 0, always_hunts=True, drain=6, fade=12 * TICKS_PER_SECOND),
        Kind("hollow", 8, 4),
        Kind("fade", 10, 6),
        Kind("warden", 8, 6, leash=6),
        Kind("watcher", 0, 12, calls=True, drain=0),
        Kind("drifter", 11, 5),
        Kind("storm", 8, 7, drain=10),
        Kind("puppeteer", 10, 8, drain=9),
        # Leo's Doubt (the 'doubt' climax, sim/doubt.py): large, slow and relentless.
        Kind("doubt", DOUBT_STEP_TICKS, 0, always_hunts=True, drain=8, fade=12 * TICKS_PER_SECOND),
    )
}
DEFAULT_KIND = KINDS["echo"]


# -- the rules the world, the game and the bots share ---------------------


def step_ticks(garden: bool, lured: bool) -> int:
    """Ticks a step onto a tile takes: gardens are soft, a desire lure's pull slows you."""
    return (GARDEN_MOVE_TICKS if garden else MOVE_TICKS) + (LURE_SLOW_TICKS if lured else 0)


def door_open(x: int, y: int, tick: int) -> bool:
    """Rhythm doors alternate every DOOR_PERIOD ticks, neighbours out of step."""
    return ((tick // DOOR_PERIOD) + x + y) % 2 == 0


def can_step(tiles, x: int, y: int, dx: int, dy: int, tick: int) -> bool:
    """May a walker on (x, y) step by (dx, dy) onto the `tiles` (codes, [y, x]) at this tick?

    Walls, water and void stop you; a rhythm door only while open; one-way
    passages are entered and left only along their direction.
    """
    nx, ny = x + dx, y + dy
    h, w = tiles.shape
    if not (0 <= nx < w and 0 <= ny < h):
        return False
    here, there = int(tiles[y, x]), int(tiles[ny, nx])
    if there >= len(T.TILE_TYPES) or not T.WALKABLE[there]:
        return False
    if there == T.DOOR and not door_open(nx, ny, tick):
        return False
    way = T.ONEWAY_DIRECTION.get(there)
    if way is not None and way != (dx, dy):
        return False
    way = T.ONEWAY_DIRECTION.get(here)
    return way is None or way == (dx, dy)


def beside(x: int, y: int, dreamers, awake) -> int:
    """The first sleeping dreamer (index) within one tile of (x, y), or -1: who the wake command wakes."""
    for i, (dx, dy) in enumerate(dreamers):
        if not awake[i] and abs(dx - x) <= 1 and abs(dy - y) <= 1:
            return i
    return -1


def notices(kind: Kind, in_sight: bool, dx: int, dy: int, margin: int = 0) -> bool:
    """Whether a manifestation of `kind` that the player can see (sight is symmetric),
    (dx, dy) from the player, notices them; `margin` widens the reach (for caution)."""
    return bool(kind.notice) and in_sight and max(abs(dx), abs(dy)) <= kind.notice + margin
