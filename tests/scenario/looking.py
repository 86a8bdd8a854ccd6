"""Where things stand in a scenario world, and the world drawn back as a picture."""

from __future__ import annotations

from dreamscape.core import tiles as T
from dreamscape.sim.world import World

from .picture import DEFAULT_KINDS
from .rows import Pos


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
