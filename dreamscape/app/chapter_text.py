"""How the screens describe a level in words: its dreamers and its size."""

from __future__ import annotations

from dreamscape.core.level import LevelSpec


def dreamers_text(count: int) -> str:
    """'1 dreamer' / '3 dreamers'."""
    return f"{count} dreamer" if count == 1 else f"{count} dreamers"


def size_text(spec: LevelSpec) -> str:
    """A map size as the player reads it: '64 × 40'."""
    return f"{spec.width} × {spec.height}"


#: What a chapter's climax teaches, in a line (the results and the campaign may show it).
LESSONS: dict[str, str] = {
    "ch5_nexus_malfunction": "A glitch is a fear no one has faced: wake the sleepers and their storms go quiet; buy time where you can, but the clock does not wait.",
}


def lesson_text(chapter: str | None) -> str:
    """The lesson of `chapter` ('' for none)."""
    return LESSONS.get(chapter or "", "")
