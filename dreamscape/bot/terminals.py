"""The bot and a 'nexus' climax's terminals: hack one stood on, turn aside for one close by.

A terminal holds every glitch still for a while (sim/nexus.py); none is
needed to win. So the bot presses use whenever it stands on one not yet
used, and while it walks it turns aside for a known unused terminal at most
DETOUR steps away (nearest first; of equals the lower index), unless hunted.
It reads only the view.
"""

from __future__ import annotations

from collections.abc import Callable

from dreamscape.bot.fields import FAR, Field

TERMINAL = "terminal"
#: Steps the bot walks out of its way for an unused terminal.
DETOUR = 14


def on_terminal(view) -> bool:
    """Whether the player stands, still, on a terminal not yet used."""
    p = view.player
    if p.moving:
        return False
    return any(m.kind == TERMINAL and not m.done and m.x == p.x and m.y == p.y for m in view.marks)


def terminal_goal(view, field_of: Callable[[tuple], Field], hunted: bool) -> tuple | None:
    """('mark', i) for the nearest known unused terminal within DETOUR steps, or None."""
    if hunted or view.climax != "nexus":
        return None
    p = view.player
    best: tuple[int, int] | None = None
    for m in view.marks:
        if m.kind != TERMINAL or m.done or max(abs(m.x - p.x), abs(m.y - p.y)) > DETOUR:
            continue
        d = int(field_of(("mark", m.index)).dist[p.y, p.x])
        if d <= DETOUR and d < FAR and (best is None or (d, m.index) < best):
            best = (d, m.index)
    return ("mark", best[1]) if best is not None else None
