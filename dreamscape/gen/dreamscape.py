"""The generator's product: a dreamscape, and its canonical content hash."""

from __future__ import annotations

import json
from typing import Any, NamedTuple

import numpy as np

from dreamscape.core import tiles as T
from dreamscape.core.blake2 import blake2b
from dreamscape.core.level import LevelSpec

#: Bumped whenever the generator's output changes on purpose (goldens move with it).
GENERATOR_VERSION = 12

Pos = tuple[int, int]  # (x, y)


class Dreamer(NamedTuple):
    """A trapped dreamer to wake. Dreamers sharing a `pair` must both be woken (reunion)."""

    x: int
    y: int
    pair: int = -1

    @property
    def pos(self) -> Pos:
        return (self.x, self.y)


class Mark(NamedTuple):
    """A place a climax asks the player to find (core.climax.MARKS): a friend's
    beacon, a memory, a terminal, a false doorway. `label` names it (a friend,
    a memory); what standing on it does is the climax's rule (sim/)."""

    kind: str
    label: str
    x: int
    y: int

    @property
    def pos(self) -> Pos:
        return (self.x, self.y)


class Client(NamedTuple):
    """A client sleeping in a ward of a 'nexus' climax (gen/wards.py), with the fear it dreams of."""

    x: int
    y: int
    fear: str

    @property
    def pos(self) -> Pos:
        return (self.x, self.y)


class Ward(NamedTuple):
    """The clients sleeping by trapped dreamer `dreamer`: waking the dreamer wakes them all.
    `fear` is the one most of them share (the glitches that belong to the ward are it)."""

    dreamer: int
    fear: str
    clients: tuple[Client, ...]


class Entity(NamedTuple):
    """A manifestation, lure or memory shard placed in the dream.

    `kind` is 'manifestation', 'lure' or 'shard'; `type` names the variety
    ('shadow', 'watcher', 'false_exit', ...); `source` is the fear or desire
    that put it there ('' for the base amount).
    """

    kind: str
    type: str
    x: int
    y: int
    source: str = ""

    @property
    def pos(self) -> Pos:
        return (self.x, self.y)


class Portal(NamedTuple):
    """A link between two walkable tiles.

    A 'dream_loop' portal is one-way (a -> b) and carries the player back
    towards the start; a 'fold' portal opened by a glitch is two-way.
    """

    a: Pos
    b: Pos
    kind: str
    opens_at: int = 0  # tick

    @property
    def two_way(self) -> bool:
        return self.kind != "dream_loop"


class Glitch(NamedTuple):
    """One timed change to the labyrinth.

    `changes` is an (n, 3) int32 array of (x, y, new tile code), applied in
    order at `tick`; `portals` are links that open with it.
    """

    tick: int
    kind: str
    changes: np.ndarray
    portals: tuple[Portal, ...] = ()
    region: int = -1

    def apply(self, tiles: np.ndarray) -> None:
        """Write this glitch's changes into a tile array in place."""
        if len(self.changes):
            tiles[self.changes[:, 1], self.changes[:, 0]] = self.changes[:, 2]


class Dreamscape:
    """A generated dream labyrinth: the map, its entities and its glitch schedule.

    A plain class rather than a dataclass: a dataclass compiles its methods
    when its module loads, which every `dreamscape generate` would wait for.
    """

    def __init__(
        self,
        spec: LevelSpec,
        tiles: np.ndarray,
        regions: np.ndarray,
        start: Pos,
        exit: Pos,
        dreamers: list[Dreamer],
        manifestations: list[Entity],
        lures: list[Entity],
        shards: list[Entity],
        portals: list[Portal],
        glitches: list[Glitch],
        stats: dict[str, Any] | None = None,
        generator_version: int = GENERATOR_VERSION,
        marks: list[Mark] | None = None,
        wards: list[Ward] | None = None,
        glitch_wards: list[int] | None = None,
    ) -> None:
        self.spec = spec
        self.tiles = tiles  # (h, w) uint8 tile codes before any glitch
        self.regions = regions  # (h, w) uint8 theme codes
        self.start = start
        self.exit = exit
        self.dreamers = dreamers
        self.manifestations = manifestations
        self.lures = lures
        self.shards = shards
        self.portals = portals
        self.glitches = glitches
        self.stats: dict[str, Any] = {} if stats is None else stats
        self.generator_version = generator_version
        #: The marks of the level's climax (core.climax.MARKS; empty without one).
        self.marks: list[Mark] = [] if marks is None else marks
        #: A 'nexus' climax's wards (one per dreamer) and the ward each glitch belongs to (-1: none).
        self.wards: list[Ward] = [] if wards is None else wards
        self.glitch_wards: list[int] = [] if glitch_wards is None else glitch_wards

    def replace(self, **changes: Any) -> Dreamscape:
        """A copy with some fields changed (the others shared with this one)."""
        return Dreamscape(**{**vars(self), **changes})

    def __repr__(self) -> str:
        return f"Dreamscape({self.spec.name or self.spec.profile.name!r}, seed={self.seed}, {self.width}x{self.height})"

    @property
    def client_count(self) -> int:
        return sum(len(w.clients) for w in self.wards)

    @property
    def seed(self) -> int:
        return self.spec.seed

    @property
    def width(self) -> int:
        return int(self.tiles.shape[1])

    @property
    def height(self) -> int:
        return int(self.tiles.shape[0])

    @property
    def time_limit_ticks(self) -> int:
        from dreamscape.core.timing import seconds_to_ticks

        return seconds_to_ticks(self.spec.time_limit_seconds())

    def dark(self) -> np.ndarray:
        """Mask of tiles where sight shrinks (hollow regions)."""
        return self.regions == T.HOLLOW

    def tiles_at_tick(self, tick: int) -> np.ndarray:
        """The tile map after every glitch with tick <= `tick`."""
        current = self.tiles.copy()
        for glitch in self.glitches:
            if glitch.tick > tick:
                break
            glitch.apply(current)
        return current

    def canonical(self) -> dict[str, Any]:
        """Everything that defines the dreamscape, as plain sorted data.

        A level with a climax adds it and its marks; one without has exactly
        the keys it always had (so its hash moves only with the version)."""
        out = {
            "generator_version": self.generator_version,
            "seed": self.seed,
            "width": self.width,
            "height": self.height,
            "tiles": T.to_rows(self.tiles),
            "regions": T.to_rows(self.regions, T.THEME_CHARS),
            "start": list(self.start),
            "exit": list(self.exit),
            "dreamers": [{"x": d.x, "y": d.y, "pair": d.pair} for d in self.dreamers],
            "manifestations": [_entity(e) for e in self.manifestations],
            "lures": [_entity(e) for e in self.lures],
            "shards": [_entity(e) for e in self.shards],
            "portals": [_portal(p) for p in self.portals],
            "glitches": [_glitch(g) for g in self.glitches],
        }
        if self.spec.climax:
            out["climax"] = self.spec.climax
            out["marks"] = [{"kind": m.kind, "label": m.label, "x": m.x, "y": m.y} for m in self.marks]
        if self.wards:
            out["wards"] = [
                {"dreamer": w.dreamer, "fear": w.fear, "clients": [[c.x, c.y, c.fear] for c in w.clients]} for w in self.wards
            ]
            out["glitch_wards"] = list(self.glitch_wards)
        return out

    def content_hash(self) -> str:
        """BLAKE2b of the canonical content: identical in every process."""
        blob = json.dumps(self.canonical(), sort_keys=True, separators=(",", ":")).encode()
        return blake2b(blob, digest_size=16).hexdigest()


def _entity(e: Entity) -> dict[str, Any]:
    return {"kind": e.kind, "type": e.type, "x": e.x, "y": e.y, "source": e.source}


def _portal(p: Portal) -> dict[str, Any]:
    return {"a": list(p.a), "b": list(p.b), "kind": p.kind, "two_way": p.two_way, "opens_at": p.opens_at}


def _glitch(g: Glitch) -> dict[str, Any]:
    chars = T.TILE_TYPES
    return {
        "tick": g.tick,
        "kind": g.kind,
        "region": g.region,
        "changes": [[int(x), int(y), chars[int(c)].char] for x, y, c in g.changes.tolist()],
        "portals": [_portal(p) for p in g.portals],
    }
