"""The mutable state of the player and of each manifestation: plain integers."""

from __future__ import annotations

from dataclasses import dataclass

WANDER, HUNT = 0, 1


@dataclass
class Player:
    """Where the player is, where they are going, and what they carry."""

    x: int
    y: int
    tx: int = -1  # destination tile while moving, else -1
    ty: int = -1
    move_left: int = 0  # ticks until arrival
    lucidity: int = 100
    shards: int = 0
    wake_target: int = -1  # dreamer being woken, or -1
    wake_progress: int = 0
    grace: int = 0  # ticks left in which no touch can drain (after being caught)
    facing: int = 0  # the direction last pressed (sim.commands codes; 0 before any): what 'use' acts on
    use_queued: bool = False  # use pressed and not yet acted on (it acts once the player stands)

    @property
    def moving(self) -> bool:
        return self.move_left > 0

    def ints(self) -> list[int]:
        return [self.x, self.y, self.tx, self.ty, self.move_left, self.lucidity, self.shards, self.wake_target, self.wake_progress, self.grace, self.facing, int(self.use_queued)]


@dataclass
class Haunt:
    """One fear manifestation."""

    kind: str
    x: int
    y: int
    home_x: int
    home_y: int
    tx: int = -1
    ty: int = -1
    move_left: int = 0
    state: int = WANDER
    trail: int = 0  # ticks of trail left while hunting unseen
    stun: int = 0
    last_dir: int = 0

    @property
    def moving(self) -> bool:
        return self.move_left > 0

    def ints(self) -> list[int]:
        return [self.x, self.y, self.tx, self.ty, self.move_left, self.state, self.trail, self.stun, self.last_dir]
