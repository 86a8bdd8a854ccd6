"""When the bot paints (the 'prison' climax's paint, sim/prison.py): only where it pays.

Standing beside a known wall (never the map's border) or a one-tile gap of
water or void whose far side is known walkable ground, the bot paints it and
steps through when the way to its goal from the far side is at least
PAINT_SAVING ticks shorter than the way from here (or there is no known way
from here at all), for its goal or any sleeping dreamer it knows of. It faces the tile and uses in one command, as a person
pressing the direction and the use key together would. It only reads the view.
"""

from __future__ import annotations

from dreamscape.bot.fields import FAR, Field
from dreamscape.bot.ground import DIRECTIONS, STEP_TICKS, Ground
from dreamscape.core import tiles as T
from dreamscape.sim.commands import STEPS, USE_BIT

#: A stroke of paint must save at least this many ticks of walking (twelve steps).
PAINT_SAVING = 12 * STEP_TICKS
#: The tile codes paint can open.
PAINTABLE = frozenset({T.WALL, T.WATER, T.VOID})


def paint_command(view, ground: Ground, fields: list[Field]) -> int | None:
    """The command that paints a way through here (direction | USE_BIT) towards the goal
    of one of `fields`, or None when none pays."""
    best: tuple[int, int] | None = None
    for field in fields:
        found = _best(view, ground, field)
        if found is not None and (best is None or found[0] > best[0]):
            best = found
    return None if best is None else best[1] | USE_BIT


def _best(view, ground: Ground, field: Field) -> tuple[int, int] | None:
    """(ticks saved, direction) of the best stroke towards `field`'s goal, or None."""
    p = view.player
    h, w = ground.walk.shape
    dist = field.dist
    here = int(dist[p.y, p.x])
    best: tuple[int, int] | None = None
    for d in DIRECTIONS:
        dx, dy = STEPS[d]
        wx, wy, bx, by = p.x + dx, p.y + dy, p.x + 2 * dx, p.y + 2 * dy
        if not (0 < wx < w - 1 and 0 < wy < h - 1 and 0 <= bx < w and 0 <= by < h):
            continue
        if int(view.tiles[wy, wx]) not in PAINTABLE or not ground.walk[by, bx] or (bx, by) in ground.entries:
            continue
        after = int(dist[by, bx])
        if after >= FAR:
            continue
        saving = FAR if here >= FAR else here - after - 2 * STEP_TICKS
        if saving >= PAINT_SAVING and (best is None or saving > best[0]):
            best = (saving, d)
    return best
