"""Scenario helper: a world written as a small ASCII picture, for rule tests.

After Hauberk's test DSL: draw a stage, step it with commands, assert on
what happened. A picture uses the tile characters of `core/tiles.py`
('#' wall, '.' floor, '~' water, ':' void, '=' bridge, '"' garden,
',' stable, '+' door, '^' '>' 'v' '<' one-way) plus these letters, each
standing on floor:

    @  the player's start          X  the exit
    D  a trapped dreamer           *  a memory shard
    M  an echo (manifestation)     W  watcher   S  shadow   H  warden
    L  a desire lure (spotlight)   0-9  plain floor, a named mark
    P Q  the two ends of a two-way portal
    O o  a dream loop: step on O, come out at o (one-way)

Other manifestation letters come from `kinds=` ({"f": "fade"}). Dreamers,
manifestations and shards are numbered in reading order (row by row, left
to right), which is the index events report. Portals are numbered P/Q
first, then O/o, then those passed in `portals=`.

    >>> world = scenario('''
    ...     #######
    ...     #@.D..#
    ...     #....X#
    ...     #######
    ... ''')
    >>> events = play(world, "E*6 . wake*45")  # step, let go on arrival, wake
    >>> [type(e).__name__ for e in events]
    ['Moved', 'WakeProgress', 'WakeProgress', 'Woke']
    >>> position(world)
    (2, 1)

Pure like the rest of `sim`: numpy only, no pygame, no global random.
"""

from __future__ import annotations

import itertools
import math
import re
import textwrap
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

import numpy as np

from dreamscape.core import tiles as T
from dreamscape.core.level import LevelSpec
from dreamscape.core.profile import DreamerProfile
from dreamscape.core.timing import TICKS_PER_SECOND
from dreamscape.gen.dreamscape import Dreamer, Dreamscape, Entity, Glitch, Portal
from dreamscape.sim.commands import EAST, NORTH, SOUTH, WAKE_BIT, WEST
from dreamscape.sim.events import Bumped, Event, Moved
from dreamscape.sim.world import World

Pos = tuple[int, int]

#: Manifestation letters understood without `kinds=`.
DEFAULT_KINDS: dict[str, str] = {"M": "echo", "W": "watcher", "S": "shadow", "H": "warden"}
#: Letters with a fixed meaning (they cannot name a manifestation kind).
RESERVED = "@XD*LPQOo0123456789"
#: The rescue window when a scenario names none: ten minutes, plenty for any test.
DEFAULT_TIME_LIMIT_TICKS = 600 * TICKS_PER_SECOND

_DIRECTION_NAMES = {
    "N": NORTH, "NORTH": NORTH, "E": EAST, "EAST": EAST,
    "S": SOUTH, "SOUTH": SOUTH, "W": WEST, "WEST": WEST,
}  # fmt: skip
_TOKEN = re.compile(r"(?P<name>[A-Za-z.+]+)(?:\*(?P<count>\d+))?")


# -- building -----------------------------------------------------------------


def picture_rows(picture: str) -> list[str]:
    """The picture's rows: dedented, blank lines at either end dropped, all one width."""
    rows = textwrap.dedent(picture).strip("\n").splitlines()
    rows = [row.rstrip() for row in rows]
    while rows and not rows[-1]:
        rows.pop()
    if not rows:
        raise ValueError("empty scenario picture")
    widths = {len(row) for row in rows}
    if len(widths) != 1:
        raise ValueError(f"scenario rows differ in width: {sorted(widths)}")
    return rows


def locate_all(picture: str, char: str) -> list[Pos]:
    """Every (x, y) where `char` stands in the picture, in reading order."""
    return [(x, y) for y, row in enumerate(picture_rows(picture)) for x, c in enumerate(row) if c == char]


def locate(picture: str, char: str) -> Pos:
    """The (x, y) of the one `char` in the picture (ValueError unless exactly one).

        >>> locate("#@.1#", "1")
        (3, 0)
    """
    found = locate_all(picture, char)
    if len(found) != 1:
        raise ValueError(f"expected one {char!r} in the picture, found {len(found)}")
    return found[0]


def glitch(tick: int, changes: Mapping[Pos, str] | Iterable[tuple[int, int, str | int]], *, portals: Iterable[Any] = (), kind: str = "flicker") -> Glitch:
    """A Glitch firing at `tick`, from {(x, y): tile char} or (x, y, char or code) triples.

        >>> glitch(5, {(2, 1): "#"}).changes.tolist()
        [[2, 1, 1]]
    """
    items = list(changes.items()) if isinstance(changes, Mapping) else [((c[0], c[1]), c[2]) for c in changes]
    rows = [(int(x), int(y), _code(tile)) for (x, y), tile in items]
    array = np.array(rows, np.int32).reshape(-1, 3)
    return Glitch(int(tick), kind, array, tuple(_portal(p) for p in portals))


def scenario(
    picture: str,
    *,
    glitches: Iterable[Glitch | tuple] = (),
    portals: Iterable[Portal | tuple] = (),
    time_limit_ticks: int | None = None,
    profile: DreamerProfile | None = None,
    seed: int = 0,
    kinds: Mapping[str, str] | None = None,
    dark: Iterable[int | Pos] = (),
    lucidity: int | None = None,
) -> World:
    """A World built straight from an ASCII picture (see the module docstring).

    `glitches`: Glitch objects, or (tick, changes[, portals]) tuples as for
    `glitch()`; they must come in tick order. `portals`: Portal objects or
    (a, b[, kind]) tuples ('thread' by default, 'dream_loop' for one-way).
    `time_limit_ticks`: the rescue window, exact to the tick (the spec holds
    it rounded up to whole seconds); ten minutes when None. `dark`: row
    numbers or (x, y) tiles in a hollow region (shrunk sight); every other
    tile is maze. `lucidity`: the player's lucidity at the start.

        >>> world = scenario("#@.X#", time_limit_ticks=20)
        >>> world.time_left, world.exit
        (20, (3, 0))
    """
    rows = picture_rows(picture)
    h, w = len(rows), len(rows[0])
    letters = dict(DEFAULT_KINDS)
    for letter, name in (kinds or {}).items():
        if len(letter) != 1 or letter in RESERVED or letter in T.CHAR_TO_CODE:
            raise ValueError(f"{letter!r} cannot name a manifestation kind (tile chars and {RESERVED!r} are taken)")
        letters[letter] = name

    tiles = np.zeros((h, w), np.uint8)
    start: Pos | None = None
    exit_: Pos = (-1, -1)
    dreamers: list[Dreamer] = []
    haunts: list[Entity] = []
    lures: list[Entity] = []
    shards: list[Entity] = []
    ends: dict[str, Pos] = {}
    for y, row in enumerate(rows):
        for x, c in enumerate(row):
            if c in T.CHAR_TO_CODE:
                tiles[y, x] = T.CHAR_TO_CODE[c]
                continue
            tiles[y, x] = T.FLOOR
            if c == "@":
                if start is not None:
                    raise ValueError("more than one '@' in the picture")
                start = (x, y)
            elif c == "X":
                exit_ = (x, y)
            elif c == "D":
                dreamers.append(Dreamer(x, y))
            elif c == "*":
                shards.append(Entity("shard", "memory", x, y, ""))
            elif c == "L":
                lures.append(Entity("lure", "spotlight", x, y, "recognition"))
            elif c in "PQOo":
                if c in ends:
                    raise ValueError(f"more than one {c!r} in the picture")
                ends[c] = (x, y)
            elif c in letters:
                haunts.append(Entity("manifestation", letters[c], x, y, ""))
            elif not c.isdigit():
                raise ValueError(f"unknown scenario character {c!r} at ({x}, {y})")
    if start is None:
        raise ValueError("the picture needs an '@' for the player")

    links: list[Portal] = []
    for a, b, kind in (("P", "Q", "thread"), ("O", "o", "dream_loop")):
        if (a in ends) != (b in ends):
            raise ValueError(f"{a!r} and {b!r} come as a pair")
        if a in ends:
            links.append(Portal(ends[a], ends[b], kind))
    links += [_portal(p) for p in portals]

    schedule = [g if isinstance(g, Glitch) else glitch(g[0], g[1], portals=g[2] if len(g) > 2 else ()) for g in glitches]
    if any(a.tick > b.tick for a, b in itertools.pairwise(schedule)):
        raise ValueError("glitches must be given in tick order")

    regions = np.full((h, w), T.MAZE, np.uint8)
    for item in dark:
        if isinstance(item, int):
            regions[item, :] = T.HOLLOW
        else:
            regions[item[1], item[0]] = T.HOLLOW

    limit = DEFAULT_TIME_LIMIT_TICKS if time_limit_ticks is None else int(time_limit_ticks)
    if limit <= 0:
        raise ValueError("time_limit_ticks must be positive")
    spec = LevelSpec(profile or DreamerProfile("Scenario"), seed=seed, size=(w, h), trapped_dreamers=max(1, len(dreamers)),
                     time_limit=math.ceil(limit / TICKS_PER_SECOND), name="scenario")  # fmt: skip
    ds = Dreamscape(spec, tiles, regions, start, exit_, dreamers, haunts, lures, shards, links, schedule)
    world = World(ds)
    world.deadline = limit
    if lucidity is not None:
        world.player.lucidity = int(lucidity)
    return world


def _code(tile: str | int) -> int:
    if isinstance(tile, str):
        if tile not in T.CHAR_TO_CODE:
            raise ValueError(f"{tile!r} is not a tile character")
        return T.CHAR_TO_CODE[tile]
    return int(tile)


def _portal(p: Portal | tuple) -> Portal:
    if isinstance(p, Portal):
        return p
    a, b, *rest = p
    return Portal(tuple(a), tuple(b), rest[0] if rest else "thread")


# -- stepping -----------------------------------------------------------------


def parse_commands(text: str) -> list[int]:
    """Commands from a compact string: directions N E S W, 'wake' (or Z),
    'wait' (or .), 'E+wake' for both, '*n' to repeat.

        >>> parse_commands("E*2 wake . S+wake")
        [2, 2, 8, 0, 11]
    """
    out: list[int] = []
    for token in text.split():
        match = _TOKEN.fullmatch(token)
        if not match:
            raise ValueError(f"bad command token {token!r}")
        command = 0
        for part in match["name"].split("+"):
            key = part.upper()
            if key in ("WAKE", "Z"):
                command |= WAKE_BIT
            elif key in ("WAIT", "."):
                pass
            elif key in _DIRECTION_NAMES and not command & 7:
                command |= _DIRECTION_NAMES[key]
            else:
                raise ValueError(f"bad command {part!r} in {token!r}")
        out += [command] * int(match["count"] or 1)
    return out


def play(world: World, commands: str | Iterable[int | str]) -> list[Event]:
    """Step `world` once per command; return every event, in order.

    `commands` is a compact string (see `parse_commands`) or a sequence of
    command bytes (or of such strings).
    """
    if isinstance(commands, str):
        commands = parse_commands(commands)
    events: list[Event] = []
    for command in commands:
        if isinstance(command, str):
            events += play(world, command)
        else:
            events += world.step(command)
    return events


def hold(world: World, command: int | str, until: Callable[[list[Event]], bool], limit: int = 1000) -> list[Event]:
    """Step under one command until `until(events of that tick)` is true.

    Returns all events; AssertionError if `limit` ticks pass first or the
    world ends without it.
    """
    if isinstance(command, str):
        (command,) = parse_commands(command)
    events: list[Event] = []
    for _ in range(limit):
        tick = world.step(command)
        events += tick
        if until(tick):
            return events
        if world.done:
            break
    raise AssertionError(f"condition not met after {world.tick} ticks under command {command}\n{draw(world)}\n{events}")


def walk(world: World, route: str) -> list[Event]:
    """Walk a route of direction letters ("EEN"), one tile each, holding each
    direction until the player arrives. AssertionError on a bump.
    """
    events: list[Event] = []
    for letter in route.replace(" ", ""):
        direction = _DIRECTION_NAMES[letter.upper()]
        if world.player.moving:
            events += hold(world, 0, lambda _e: not world.player.moving)
        # Press until the step starts, then let go and wait for the arrival
        # (a direction still held on arrival would start the next step).
        leg = hold(world, direction, lambda tick: world.player.moving or any(isinstance(e, (Moved, Bumped)) for e in tick))
        if any(isinstance(e, Bumped) for e in leg):
            raise AssertionError(f"bumped walking {letter} at tick {world.tick}\n{draw(world)}")
        if world.player.moving:
            leg += hold(world, 0, lambda tick: any(isinstance(e, Moved) for e in tick))
        events += leg
    return events


# -- looking ------------------------------------------------------------------


def position(world: World) -> Pos:
    """Where the player stands (the tile being left while a move is under way)."""
    return (world.player.x, world.player.y)


def tile_at(world: World, x: int, y: int) -> str:
    """The tile character at (x, y) as the ground stands now."""
    return T.TILE_TYPES[int(world.terrain.tiles[y, x])].char


def haunt_at(world: World, index: int = 0) -> Pos:
    """Where manifestation `index` stands."""
    h = world.haunts[index]
    return (h.x, h.y)


def draw(world: World) -> str:
    """The world as it stands, as a picture (for assertion messages).

    Tiles after glitches, then shards '*', exit 'X', dreamers 'D' (awake 'd'),
    manifestations by their letter, the player '@' on top.
    """
    grid = [list(row) for row in T.to_rows(world.terrain.tiles)]
    letters = {name: letter for letter, name in DEFAULT_KINDS.items()}
    for (x, y), i in world.shard_at.items():
        if not world.taken[i]:
            grid[y][x] = "*"
    if world.exit[0] >= 0:
        grid[world.exit[1]][world.exit[0]] = "X"
    for (x, y), awake in zip(world.dreamers, world.awake):
        grid[y][x] = "d" if awake else "D"
    for h in world.haunts:
        grid[h.y][h.x] = letters.get(h.kind, "M")
    grid[world.player.y][world.player.x] = "@"
    return "\n".join("".join(row) for row in grid)


# -- asserting ----------------------------------------------------------------

E = TypeVar("E", bound=Event)


def events_of(events: Iterable[Event], kind: type[E], **fields: Any) -> list[E]:
    """The events of type `kind` whose named fields equal those given (`dreamer=0`)."""
    return [e for e in events if isinstance(e, kind) and all(getattr(e, name) == value for name, value in fields.items())]


def expect(events: Sequence[Event], kind: type[E], **fields: Any) -> E:
    """The first event of type `kind` with those fields; AssertionError if none."""
    found = events_of(events, kind, **fields)
    if not found:
        raise AssertionError(f"no {kind.__name__} event with {fields} among {list(events)}")
    return found[0]


def expect_none(events: Sequence[Event], kind: type[Event], **fields: Any) -> None:
    """AssertionError if any event of type `kind` with those fields happened."""
    found = events_of(events, kind, **fields)
    if found:
        raise AssertionError(f"unexpected {kind.__name__} events: {found}")
