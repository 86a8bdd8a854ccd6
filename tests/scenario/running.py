"""Stepping a scenario world: commands from a compact string, played, held or walked."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from dreamscape.sim.commands import EAST, NORTH, SOUTH, WAKE_BIT, WEST
from dreamscape.sim.events import Bumped, Event, Moved
from dreamscape.sim.world import World

from .looking import draw

_DIRECTION_NAMES = {
    "N": NORTH, "NORTH": NORTH, "E": EAST, "EAST": EAST,
    "S": SOUTH, "SOUTH": SOUTH, "W": WEST, "WEST": WEST,
}  # fmt: skip
_TOKEN = re.compile(r"(?P<name>[A-Za-z.+]+)(?:\*(?P<count>\d+))?")


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
