"""The climaxes a level may end with, the marks each places, and the names they share.

A level's `climax` key names one of `CLIMAXES`; a level without one ends as
every level always has (wake everyone, walk to the exit). Each climax is a
rule of the simulation (sim/climax_rule.py and the module named for it):

- 'doubt' (chapter 1, Leo): waking the dreamer raises their Doubt and seals
  the way out until the player lights the three friends' beacons (sim/doubt.py).
- 'prison' (chapter 2, Lila and Anya): bright false doorways carry the player
  back to the start until Anya is woken; woken Lila lends paint to open walls (sim/prison.py).
- 'replay' (chapter 3, Mira): the night rewinds again and again until the
  memories it hides are found; only then does the way out open (sim/replay.py).
- 'blackout' (chapter 4, Zara): the lights are out; each woken dreamer shares
  what they see (sim/blackout.py).
- 'nexus' (chapter 5): a hundred clients sleep in wards, the glitches are their
  fears, and terminals hold the glitches still (sim/nexus.py).

`MARKS` says what each climax places on the map for the player to find (the
generator's 'marks' phase puts them far apart on reachable floor).
"""

from __future__ import annotations

#: The climaxes a level may name ('' is none).
CLIMAXES = ("doubt", "prison", "replay", "blackout", "nexus")
#: The friends whose beacons break the loop of the 'doubt' climax, in beacon order.
FRIENDS = ("Ava", "Mia", "Noah")
#: The friend whose bridge opens the way out once the loop is broken.
BRIDGE_BUILDER = "Mia"
#: The terminals of the 'nexus' climax, in mark order (each holds the glitches still once).
TERMINALS = ("East console", "Archive console", "Core console")
#: What each climax marks on the map: (kind of mark, one label per mark). A climax
#: not named here places nothing.
MARKS: dict[str, tuple[str, tuple[str, ...]]] = {
    "doubt": ("beacon", FRIENDS),
    "nexus": ("terminal", TERMINALS),
}

#: The climaxes whose rule answers the use command, and what it is used on (the intro lists the key).
USES: dict[str, str] = {"nexus": "terminal"}


#: Kinds of mark the player must stand on before the way out opens (the tour, and so the rescue window, visits them).
VISITED = frozenset({"beacon"})


def visited(marks) -> list[tuple[int, int]]:
    """Positions of the `marks` (gen.dreamscape.Mark) the player must stand on, in order."""
    return [(m.x, m.y) for m in marks if m.kind in VISITED]


def marks_for(climax: str) -> tuple[str, tuple[str, ...]]:
    """(kind, labels) of the marks `climax` places; ('', ()) for none."""
    return MARKS.get(climax, ("", ()))
