"""How the screens describe a level in words: its dreamers, its size and the lesson of its climax."""

from __future__ import annotations

from dreamscape.core.level import LevelSpec


def dreamers_text(count: int) -> str:
    """'1 dreamer' / '3 dreamers'."""
    return f"{count} dreamer" if count == 1 else f"{count} dreamers"


def size_text(spec: LevelSpec) -> str:
    """A map size as the player reads it: '64 × 40'."""
    return f"{spec.width} × {spec.height}"


#: How each climax ends the dive, as the intro tells it (core.climax names).
CLIMAX_STAKES: dict[str, str] = {
    "doubt": "then face what waking him raises: only his friends' beacons break the loop",
    "prison": "the bright doorways lie until Anya wakes; Lila's paint opens walls",
    "replay": "the night keeps starting over: find the three memories it hides to open the way out",
    "blackout": "the network is down: you see a few steps, and each dreamer you wake lends you their sight",
    "nexus": "wake the wards of sleeping clients; Rami's terminals hold the glitches still",
}
#: What the use command does in each climax that has one, as the intro's controls say it.
USES: dict[str, str] = {"prison": "paints the wall you face", "nexus": "hacks the terminal you stand on"}
#: Climaxes whose dive needs the use command.
USE_CLIMAXES = frozenset(USES)


def climax_stake(climax: str) -> str | None:
    """The intro's line for how a level with `climax` ends (None for a level without one)."""
    return CLIMAX_STAKES.get(climax)
