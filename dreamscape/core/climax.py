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

from dreamscape.core.vocabulary import DESIRES, FEARS

#: The climaxes a level may name.
CLIMAXES = ("doubt", "prison", "replay", "blackout", "nexus")
#: What a level file says for the plain ending (in code, the climax '').
NO_CLIMAX = "none"
#: The friends whose beacons break the loop of the 'doubt' climax, in beacon order.
FRIENDS = ("Ava", "Mia", "Noah")
#: The friend whose bridge opens the way out once the loop is broken.
BRIDGE_BUILDER = "Mia"
#: The memories a replaying night hides ('replay', chapter 3), in mark order.
MEMORIES = ("the call she never answered", "the empty chair at the table", "the night the loop began")
#: The two dreamers of the 'prison' climax, by dreamer index: the painter whose
#: paint opens walls, and the dreamer whose waking unmasks the false doorways. A
#: level with one dreamer has that one play both parts.
PAINTER, UNMASKER = "Lila", "Anya"
#: The false doorways of the 'prison' climax, one label each.
DOORWAYS = ("rose door", "gilt door", "glass door", "amber door")
#: The terminals of the 'nexus' climax, in mark order (each holds the glitches still once).
TERMINALS = ("East console", "Archive console", "Core console")
#: What each climax marks on the map: (kind of mark, one label per mark). A climax
#: not named here places nothing.
MARKS: dict[str, tuple[str, tuple[str, ...]]] = {
    "doubt": ("beacon", FRIENDS),
    "replay": ("memory", MEMORIES),
    "prison": ("doorway", DOORWAYS[:3]),
    "nexus": ("terminal", TERMINALS),
}


#: Kinds of mark the player must stand on before the way out opens (the tour, and so the rescue window, visits them).
VISITED = frozenset({"beacon", "memory"})


def visited(marks) -> list[tuple[int, int]]:
    """Positions of the `marks` (gen.dreamscape.Mark) the player must stand on, in order."""
    return [(m.x, m.y) for m in marks if m.kind in VISITED]


#: The climax each fear ends a dream with, when a level does not name one (any seed):
#: the inner critic's fears meet a Doubt, confinement a painted prison, grief a
#: replaying night, being alone a blackout the sleepless share, chaos and being
#: controlled a failing nexus to hack.
FEAR_CLIMAX: dict[str, str] = {
    "self_doubt": "doubt",
    "judgement": "doubt",
    "being_trapped": "prison",
    "loss": "replay",
    "abandonment": "blackout",
    "isolation": "blackout",
    "chaos": "nexus",
    "being_controlled": "nexus",
}
#: The climax each desire leans to, which settles a tie between equally strong fears.
DESIRE_CLIMAX: dict[str, str] = {
    "recognition": "doubt",
    "authenticity": "doubt",
    "escape": "prison",
    "perfection": "replay",
    "comfort": "replay",
    "reunion": "blackout",
    "connection": "blackout",
    "wonder": "nexus",
}


def climax_for(fears: dict[str, float], desires: dict[str, float]) -> str:
    """The climax of a dream whose level names none: its strongest fear's (FEAR_CLIMAX).

    Fears as strong as the strongest are settled by the strongest desire whose
    climax is one of theirs, then by the vocabulary's order; a profile with no
    fear at all ends plainly ('')."""
    top = max((fears.get(f, 0.0) for f in FEARS), default=0.0)
    if top <= 0.0:
        return ""
    tied = [FEAR_CLIMAX[f] for f in FEARS if fears.get(f, 0.0) == top]
    if len(set(tied)) > 1:
        # Desires strongest first, ties in vocabulary order (a stable sort).
        for desire in sorted((d for d in DESIRES if desires.get(d, 0.0) > 0.0), key=lambda d: -desires[d]):
            if DESIRE_CLIMAX[desire] in tied:
                return DESIRE_CLIMAX[desire]
    return tied[0]


def marks_for(climax: str) -> tuple[str, tuple[str, ...]]:
    """(kind, labels) of the marks `climax` places; ('', ()) for none."""
    return MARKS.get(climax, ("", ()))
