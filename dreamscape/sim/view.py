"""What can be known of a dive: one read-only view, whole or through the fog.

`World.view()` publishes the state of the current tick; `World.fog_view()`
publishes only what the player has seen: tiles where seen (UNSEEN elsewhere),
manifestations only where visible now (by the player's own eyes or lent ones), dreamers, shards, lures, portals,
a climax's marks and the exit only once their tile has been seen. The dreamer's call (calls.py) is
in both: it is what a person hears.

The renderer, the HUD, the minimap and the bots read these and nothing else.
Views are frozen; their arrays are read-only (copy one to keep it past the
tick: the world's own masks may move on).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dreamscape.sim import rules as R
from dreamscape.sim.calls import Call

#: The tile code of the fog view where nothing has been seen.
UNSEEN = 255


def frozen(a: np.ndarray) -> np.ndarray:
    """A read-only view of `a` (no copy)."""
    v = a.view()
    v.flags.writeable = False
    return v


@dataclass(frozen=True, slots=True)
class PlayerView:
    """The player: where they stand and are stepping, and what they carry.

    `step_ticks` is what the step under way costs in all (1 when standing);
    `beside` is the sleeping dreamer the wake command would wake now, or -1.
    """

    x: int
    y: int
    tx: int
    ty: int
    move_left: int
    step_ticks: int
    lucidity: int
    shards: int
    wake_target: int
    wake_progress: int
    grace: int
    beside: int

    @property
    def moving(self) -> bool:
        return self.move_left > 0

    @property
    def wake_share(self) -> float:
        """How far the wake under way has got, 0..1 (for drawing only)."""
        return self.wake_progress / R.WAKE_TICKS if self.wake_target >= 0 else 0.0


@dataclass(frozen=True, slots=True)
class DreamerView:
    """A trapped dreamer the view knows of."""

    index: int
    x: int
    y: int
    awake: bool

    @property
    def pos(self) -> tuple[int, int]:
        return (self.x, self.y)


@dataclass(frozen=True, slots=True)
class ShardView:
    """A memory shard not yet taken."""

    index: int
    x: int
    y: int

    @property
    def pos(self) -> tuple[int, int]:
        return (self.x, self.y)


@dataclass(frozen=True, slots=True)
class LureView:
    """A desire lure (slows the walker near it) or a false exit (goes nowhere)."""

    index: int
    kind: str
    x: int
    y: int


@dataclass(frozen=True, slots=True)
class HauntView:
    """A manifestation: its kind (see rules.KINDS), where it is and is stepping, and its mood.

    `hunting`: it is after the player; `faded`: it has just touched the player
    and drifts, harmless, for `stun` more ticks.
    """

    index: int
    kind: str
    x: int
    y: int
    tx: int
    ty: int
    move_left: int
    home_x: int
    home_y: int
    hunting: bool
    #: Ticks it stays faded after a touch (0: it can touch).
    stun: int
    #: The direction of its last step (sim.commands codes; 0 before any).
    heading: int

    @property
    def moving(self) -> bool:
        return self.move_left > 0

    @property
    def faded(self) -> bool:
        return self.stun > 0

    @property
    def rules(self) -> R.Kind:
        """This kind's behaviour (speed, noticing, drain)."""
        return R.KINDS.get(self.kind, R.DEFAULT_KIND)


@dataclass(frozen=True, slots=True)
class MarkView:
    """A mark of the level's climax (core.climax.MARKS): a friend's beacon, a memory,
    a terminal, a false doorway. `label` names it; `done` is what the climax says
    (a beacon lit, a memory found, a terminal used, a doorway unmasked)."""

    index: int
    kind: str
    label: str
    x: int
    y: int
    done: bool

    @property
    def pos(self) -> tuple[int, int]:
        return (self.x, self.y)

    @property
    def friend(self) -> str:
        """A beacon's friend (its label)."""
        return self.label

    @property
    def lit(self) -> bool:
        """A beacon is lit (its mark done)."""
        return self.done


@dataclass(frozen=True, slots=True)
class ClientView:
    """A client sleeping in a ward of a 'nexus' climax: its ward, where it lies, its fear, and whether its ward is awake."""

    ward: int
    x: int
    y: int
    fear: str
    awake: bool


@dataclass(frozen=True, slots=True)
class StruckView:
    """A tile a glitch of a still sleeping ward changed ('nexus'): its scar, the ward's fear, and the tick it struck."""

    x: int
    y: int
    fear: str
    tick: int


@dataclass(frozen=True, slots=True)
class PortalView:
    """A portal: stepping onto `a` (or `b` when two-way) carries you to the other end."""

    a: tuple[int, int]
    b: tuple[int, int]
    two_way: bool
    kind: str
    opens_at: int


@dataclass(frozen=True)
class View:
    """One tick of a dive as a player (fog) or an observer (whole) may know it."""

    fog: bool
    tick: int
    time_left: int
    deadline: int
    outcome: str | None
    relaxed: bool
    width: int
    height: int
    player: PlayerView
    dreamer_count: int
    awake_count: int
    #: Dreamers known: every one in the whole view, those seen in the fog view.
    dreamers: tuple[DreamerView, ...]
    shards: tuple[ShardView, ...]
    lures: tuple[LureView, ...]
    portals: tuple[PortalView, ...]
    exit: tuple[int, int] | None
    haunts: tuple[HauntView, ...]
    calls: tuple[Call, ...]
    #: Tile codes (UNSEEN where the fog view has not seen), visible now, seen ever.
    tiles: np.ndarray
    visible: np.ndarray
    seen: np.ndarray
    #: Ticks a step onto each tile takes (0: cannot be entered, or not seen).
    step_cost: np.ndarray
    #: Changes whenever the ground or the open portals change.
    ground_version: int
    #: Changes whenever sight is recomputed (so `seen` may have grown).
    sight_version: int
    sight_radius: int
    #: The level's climax ('' for none; see core.climax); its marks (every one in
    #: the whole view, those seen in the fog view) and how many it has; the
    #: indices of those the player must stand on now (known or not); whether
    #: the climax has begun and is resolved; whether reaching the exit wins once
    #: everyone is awake.
    climax: str = ""
    marks: tuple[MarkView, ...] = ()
    mark_count: int = 0
    needed: tuple[int, ...] = ()
    climax_begun: bool = False
    climax_resolved: bool = False
    exit_open: bool = True
    #: Tiles that look exactly like the way out, the exit among them, sorted by
    #: (y, x) (the 'prison' climax's doorways while masked: the fog view then
    #: shows the exit only here, and its marks leave them out); strokes of
    #: paint held; tiles painted so far; times carried back to the start.
    doorways: tuple[tuple[int, int], ...] = ()
    paint: int = 0
    painted: tuple[tuple[int, int], ...] = ()
    carried: int = 0
    #: Tiles others lend the player's sight now (the 'blackout' climax's woken
    #: dreamers: they are in `visible` too), and the player's own field of view
    #: (what sees them back); both None when nothing is lent (`visible` is their own).
    lent: np.ndarray | None = None
    eyes: np.ndarray | None = None

    def in_eyes(self, x: int, y: int) -> bool:
        """Whether (x, y) is in the player's own field of view (sight is symmetric there)."""
        return bool((self.visible if self.eyes is None else self.eyes)[y, x])
    #: A 'nexus' climax's clients known (every one in the whole view, those seen in
    #: the fog view), how many there are and are awake, the ticks a hack still holds
    #: the glitches, and the tiles its wards' glitches changed lately.
    clients: tuple[ClientView, ...] = ()
    client_count: int = 0
    clients_woken: int = 0
    hold_left: int = 0
    struck: tuple[StruckView, ...] = ()

    @property
    def done_count(self) -> int:
        """Marks done (all are known to be, once the climax is resolved)."""
        return self.mark_count if self.climax_resolved else sum(1 for m in self.marks if m.done)

    # The 'doubt' climax's words for the same things (chapter 1).

    @property
    def beacons(self) -> tuple[MarkView, ...]:
        """The friends' beacons known ('doubt')."""
        return tuple(m for m in self.marks if m.kind == "beacon")

    @property
    def beacon_count(self) -> int:
        return self.mark_count if self.climax == "doubt" else 0

    @property
    def lit_count(self) -> int:
        """Beacons lit (all are known to be, once the loop is broken)."""
        return self.done_count if self.climax == "doubt" else 0

    @property
    def doubt_risen(self) -> bool:
        return self.climax == "doubt" and self.climax_begun

    @property
    def loop_broken(self) -> bool:
        return self.climax == "doubt" and self.climax_resolved

    @property
    def done(self) -> bool:
        return self.outcome is not None

    @property
    def all_awake(self) -> bool:
        return self.awake_count == self.dreamer_count

    def door_open(self, x: int, y: int) -> bool:
        """Whether the rhythm door on (x, y) is open this tick."""
        return R.door_open(x, y, self.tick)

    def can_step(self, x: int, y: int, dx: int, dy: int, later: int = 0) -> bool:
        """May the player on (x, y) step by (dx, dy), `later` ticks from now (as far as this view knows)?"""
        return R.can_step(self.tiles, x, y, dx, dy, self.tick + later)
