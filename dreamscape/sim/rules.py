"""The rules' numbers, in ticks (30 a second) and whole points: tune them here.

Manifestation types are Type Objects: speed, how far they notice, how they
behave, how hard they drain.
"""

from __future__ import annotations

from dataclasses import dataclass

# The walking and waking pace is shared with the generator (it sizes the rescue window).
from dreamscape.core.pacing import MOVE_TICKS, RELAXED_WINDOW_DEN, RELAXED_WINDOW_NUM, WAKE_TICKS  # noqa: F401
from dreamscape.core.timing import TICKS_PER_SECOND

#: Bumped whenever the rules change what a recorded run does (recordings say
#: which rules they were made under; golden recordings move with it).
SIM_VERSION = 6

GARDEN_MOVE_TICKS = 11  # soft gardens slow the walker
LURE_SLOW_TICKS = 4  # extra ticks per step within LURE_RADIUS of a desire lure
LURE_RADIUS = 2
LUCIDITY_MAX = 100
CAUGHT_DRAIN = 12  # lucidity lost when a manifestation touches the player (about eight touches)
CAUGHT_STUN = 5 * TICKS_PER_SECOND  # the manifestation fades this long after a touch: time to wake and leave
CATCH_GRACE = 2 * TICKS_PER_SECOND  # after a touch, no other touch drains for this long (a chance to break away)
SHARD_LUCIDITY = 25
SHARD_TIME = 10 * TICKS_PER_SECOND
SIGHT = 9  # field-of-view radius in tiles
DARK_SIGHT = 4  # in hollow regions (abandonment)
LOSE_TRAIL = 3 * TICKS_PER_SECOND  # hunters give up this long after losing sight
DOOR_PERIOD = 2 * TICKS_PER_SECOND  # rhythm doors change every 2 s
HUNT_WINDOW = 24  # hunters path within this many tiles of the player
CALL_RADIUS = 12  # a watcher that sees the player calls hunters this close


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


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("echo", 9, 6),
        Kind("shadow", 14, 0, always_hunts=True, drain=6),
        Kind("hollow", 8, 4),
        Kind("fade", 10, 6),
        Kind("warden", 8, 6, leash=6),
        Kind("watcher", 0, 12, calls=True, drain=0),
        Kind("drifter", 11, 5),
        Kind("storm", 8, 7, drain=14),
        Kind("puppeteer", 10, 8),
    )
}
DEFAULT_KIND = KINDS["echo"]
