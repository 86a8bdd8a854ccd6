"""What a tick reports: events the front end turns into sound, effects and text."""

from __future__ import annotations

from dataclasses import dataclass

#: Event kinds, for reference (the `kind` field holds one of these).
KINDS = (
    "moved",  # the player arrived on a tile: a=x, b=y
    "bumped",  # a move was refused (wall, closed door, one-way): a=x, b=y of the tile
    "wake_progress",  # a=dreamer index, b=ticks held so far
    "wake_interrupted",  # a=dreamer index
    "woke",  # a=dreamer index
    "shard",  # a memory shard taken: a=shard index, b=0 lucidity / 1 time
    "portal",  # carried through a portal: a=portal index, b=1 if a dream loop
    "glitch",  # a=glitch index in the schedule, b=tiles changed now (rest deferred)
    "glitch_held",  # a glitch waits: it would shut the player in; a=glitch index (once per wait)
    "noticed",  # a manifestation saw the player: a=manifestation index
    "lost_trail",  # a=manifestation index
    "caught",  # a manifestation touched the player: a=manifestation index, b=lucidity left
    "won",
    "lost",  # a=0 the rescue window closed, 1 lucidity failed
)


@dataclass(frozen=True)
class Event:
    """One thing that happened on a tick."""

    tick: int
    kind: str
    a: int = 0
    b: int = 0
