"""The campaign: the bundled chapters in order, and which one comes next."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dreamscape.core import resources
from dreamscape.core.level import LevelSpec, load_level_or_profile


@dataclass(frozen=True)
class Chapter:
    """One chapter of the campaign: its file, its spec and its place in the order."""

    number: int  # 1-based
    path: Path
    spec: LevelSpec

    @property
    def key(self) -> str:
        """The file stem, which progress files use to name the chapter."""
        return self.path.stem

    @property
    def title(self) -> str:
        return self.spec.name or self.spec.profile.name


def chapters() -> list[Chapter]:
    """Every bundled chapter, in campaign order (file names order it)."""
    return [Chapter(i + 1, path, load_level_or_profile(path)) for i, path in enumerate(resources.bundled_chapters())]


def next_chapter(all_chapters: list[Chapter], completed: list[str] | set[str]) -> Chapter:
    """The first chapter not yet completed; the last one once all are done."""
    done = set(completed)
    for chapter in all_chapters:
        if chapter.key not in done:
            return chapter
    return all_chapters[-1]


def after(all_chapters: list[Chapter], chapter: Chapter) -> Chapter | None:
    """The chapter following `chapter`, or None at the end of the campaign."""
    return all_chapters[chapter.number] if chapter.number < len(all_chapters) else None


def chapter_keys() -> list[str]:
    """The bundled chapters' keys in campaign order, without reading the chapter files."""
    return [path.stem for path in resources.bundled_chapters()]


def complete(keys: list[str], completed: list[str] | set[str]) -> bool:
    """True once every chapter in `keys` has been resolved: the epilogue is open."""
    done = set(completed)
    return bool(keys) and all(key in done for key in keys)
