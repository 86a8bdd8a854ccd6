"""The dream simulation: a deterministic world advanced one fixed tick at a time.

Pure numpy and tcod, never pygame. The front end (and the bot, and replay)
feed one `Command` per tick to `World.step` and read state and typed events
back (`events.py`: one class per kind, matched by type).

    world = World.from_dreamscape(generate(spec))
    events = world.step(Command.move(EAST))

The tick is in `world.py`; a dreamer is woken in `waking.py`; the
manifestations move, hunt and touch in `manifestations.py`; how a world
begins, when it is not the game's own start, is a `Start` (`start.py`).
"""

from dreamscape.sim.commands import EAST, NORTH, SOUTH, WEST, Command
from dreamscape.sim.events import Event


def __getattr__(name: str):
    # World pulls in the generator and its libraries (SciPy is slow to load);
    # loading it on first use keeps `sim.commands` cheap for the game's menus.
    if name == "World":
        from dreamscape.sim.world import World

        return World
    raise AttributeError(f"module 'dreamscape.sim' has no attribute {name!r}")


__all__ = ["EAST", "NORTH", "SOUTH", "WEST", "Command", "Event", "World"]
