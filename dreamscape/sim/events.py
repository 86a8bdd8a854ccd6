"""What a tick reports: typed events the front end turns into sound, effects and text.

Each kind of happening is its own frozen dataclass with named fields, all
subclasses of `Event`, so a reader matches on the type (`isinstance` or
`match`) and a misspelt kind is an error, not a silent miss. `World.step`
returns only the classes in `EVENT_TYPES`; a reader meeting any other
`Event` (a newer kind it does not know) should let it pass.

Events have no text or serialised form: recordings hold commands, never events.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


@dataclass(frozen=True)
class Event:
    """One thing that happened on a tick (the base of every kind below)."""

    tick: int


@dataclass(frozen=True)
class Moved(Event):
    """The player arrived on the tile (x, y)."""

    x: int
    y: int


@dataclass(frozen=True)
class Bumped(Event):
    """A step onto (x, y) was refused: a wall, a shut door, a one-way passage, a pocket with no way back.

    Reported once while the same step is held against the same tile."""

    x: int
    y: int


@dataclass(frozen=True)
class WakeProgress(Event):
    """The player has held wake beside `dreamer` for `held` ticks (every 15th tick of it)."""

    dreamer: int
    held: int


@dataclass(frozen=True)
class WakeInterrupted(Event):
    """Waking `dreamer` stopped short (the player let go, moved, or was caught); progress is lost."""

    dreamer: int


@dataclass(frozen=True)
class Woke(Event):
    """The player woke `dreamer` (its index in the dreamscape)."""

    dreamer: int


class Gift(enum.Enum):
    """What a memory shard gave: lucidity while below the maximum, else time."""

    LUCIDITY = "lucidity"
    TIME = "time"


@dataclass(frozen=True)
class ShardTaken(Event):
    """The player took memory shard `shard`, and it gave `gift`."""

    shard: int
    gift: Gift


@dataclass(frozen=True)
class ThroughPortal(Event):
    """The player was carried through portal `portal`; `dream_loop` when it was a one-way dream loop."""

    portal: int
    dream_loop: bool


@dataclass(frozen=True)
class Glitched(Event):
    """Glitch `glitch` of the schedule fired; `changed` tiles changed now (the rest wait for whoever stands on them)."""

    glitch: int
    changed: int


@dataclass(frozen=True)
class GlitchHeld(Event):
    """Glitch `glitch` waits, since it would shut the player away (reported once per wait)."""

    glitch: int


@dataclass(frozen=True)
class Noticed(Event):
    """Manifestation `haunt` noticed the player (or was called by a watcher that did)."""

    haunt: int


@dataclass(frozen=True)
class LostTrail(Event):
    """Manifestation `haunt` lost the player's trail and went back to wandering."""

    haunt: int


@dataclass(frozen=True)
class Caught(Event):
    """Manifestation `haunt` touched the player, who has `lucidity_left`."""

    haunt: int
    lucidity_left: int


@dataclass(frozen=True)
class DoubtRose(Event):
    """The last dreamer woke and their Doubt rose as manifestation `haunt` on (x, y):
    the way out is folded into a loop until every friend's beacon is lit ('doubt' climax)."""

    haunt: int
    x: int
    y: int


@dataclass(frozen=True)
class BeaconLit(Event):
    """The player lit beacon `beacon`, the beacon of `friend`."""

    beacon: int
    friend: str


@dataclass(frozen=True)
class LoopBroken(Event):
    """Every beacon is lit: the loop is broken and the Doubt (manifestation `haunt`) is unmade."""

    haunt: int


@dataclass(frozen=True)
class BridgeOpened(Event):
    """`friend`'s bridge opened the way out, on (x, y): reaching it now wins."""

    friend: str
    x: int
    y: int


@dataclass(frozen=True)
class MemoryFound(Event):
    """The player found memory `memory` of a replaying night ('replay' climax), the one `label` names."""

    memory: int
    label: str


@dataclass(frozen=True)
class NightReplayed(Event):
    """The night rewound for the `count`-th time: every manifestation is back at its post,
    forgetting the player ('replay' climax, while memories are still hidden)."""

    count: int


@dataclass(frozen=True)
class LoopRemembered(Event):
    """Every memory is found: the dreamer remembers, the night stops replaying and the way out opens on (x, y)."""

    x: int
    y: int


@dataclass(frozen=True)
class CarriedBack(Event):
    """The player stepped onto false doorway `doorway` and was carried gently back to the start, (x, y) ('prison' climax)."""

    doorway: int
    x: int
    y: int


@dataclass(frozen=True)
class Unmasked(Event):
    """`friend` woke and the `count` false doorways lost their disguise: the true way out is known again ('prison' climax)."""

    friend: str
    count: int


@dataclass(frozen=True)
class PaintGiven(Event):
    """`friend` woke and lent the player `charges` strokes of paint ('prison' climax)."""

    friend: str
    charges: int


@dataclass(frozen=True)
class Painted(Event):
    """The player painted (x, y) into walkable ground; `left` strokes of paint remain."""

    x: int
    y: int
    left: int


@dataclass(frozen=True)
class PaintFailed(Event):
    """The use command found nothing to paint on (x, y), or no paint left (`left` is 0)."""

    x: int
    y: int
    left: int


@dataclass(frozen=True)
class LightsOut(Event):
    """The network is down ('blackout' climax): the player's sight shrinks to `radius`
    tiles, and grows as the woken dreamers lend theirs (reported on the first tick)."""

    radius: int


@dataclass(frozen=True)
class SightShared(Event):
    """Woken `dreamer` shares what they see from where they stand; the player's own
    sight reaches `radius` tiles now ('blackout' climax)."""

    dreamer: int
    radius: int


@dataclass(frozen=True)
class DreamspaceShared(Event):
    """Every dreamer is awake and sharing: the shared dreamspace holds and full sight is back ('blackout' climax)."""


@dataclass(frozen=True)
class WardWoken(Event):
    """Waking `ward`'s dreamer woke its `clients` sleeping clients too ('nexus'); the
    `eased` glitches of that ward still to come will never strike."""

    ward: int
    clients: int
    eased: int


@dataclass(frozen=True)
class Hacked(Event):
    """The player hacked `terminal` ('nexus'): every glitch holds still until tick `until`."""

    terminal: int
    until: int


@dataclass(frozen=True)
class Won(Event):
    """Every dreamer is awake and the player stands on the exit (open: a 'doubt' climax's loop broken)."""


class LossReason(enum.Enum):
    """Why a dive was lost; the value is the world's `outcome` for it."""

    WINDOW_CLOSED = "lost_time"
    LUCIDITY_FAILED = "lost_lucidity"


@dataclass(frozen=True)
class Lost(Event):
    """The dive is lost, for `reason`."""

    reason: LossReason


#: Every kind `World.step` reports.
EVENT_TYPES: tuple[type[Event], ...] = (
    Moved,
    Bumped,
    WakeProgress,
    WakeInterrupted,
    Woke,
    ShardTaken,
    ThroughPortal,
    Glitched,
    GlitchHeld,
    Noticed,
    LostTrail,
    Caught,
    DoubtRose,
    BeaconLit,
    LoopBroken,
    BridgeOpened,
    MemoryFound,
    NightReplayed,
    LoopRemembered,
    CarriedBack,
    Unmasked,
    PaintGiven,
    Painted,
    PaintFailed,
    LightsOut,
    SightShared,
    DreamspaceShared,
    WardWoken,
    Hacked,
    Won,
    Lost,
)
