"""How the screens describe a level in words: its dreamers, its size and the lesson of its climax."""

from __future__ import annotations

from dreamscape.core.level import LevelSpec


def dreamers_text(count: int) -> str:
    """'1 dreamer' / '3 dreamers'."""
    return f"{count} dreamer" if count == 1 else f"{count} dreamers"


def size_text(spec: LevelSpec) -> str:
    """A map size as the player reads it: '64 × 40'."""
    return f"{spec.width} × {spec.height}"


#: What each climax asks of the player, in a line for a chapter's threshold (core.climax names them).
CLIMAX_LESSONS: dict[str, str] = {
    "doubt": "his doubt will fold the way out into a loop: only his friends' beacons break it",
    "blackout": "the network is down: you see a few steps, and each dreamer you wake lends you their sight",
}


def climax_lesson(climax: str) -> str | None:
    """The lesson of a level's climax in a line, or None (no climax, or one without words yet)."""
    return CLIMAX_LESSONS.get(climax)
