"""Campaign progress, kept as JSON in data_dir()/progress.json.

    progress, message = load_progress()    # never raises for a bad file
    progress.complete("ch1_the_loop", 93.5)
    progress.record_session("ch2_beautiful_prison", seed=7)
    save_progress(progress)

Chapters are named by their file stem. The last session played feeds the
main menu's "Continue" entry; a seed-only game is stored as chapter "seed".
A chapter that teaches (the first) stops showing its lessons once it is
completed ("taught"; a file from before lessons takes its completed chapters).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dreamscape.app.json_store import JsonStore
from dreamscape.app.paths import data_dir
from dreamscape.core.level import MAX_SEED

PROGRESS_VERSION = 1
PROGRESS_FILE = "progress.json"
#: The chapter name of a session started from a bare seed rather than a chapter.
SEED_SESSION = "seed"
#: A damaged file keeps its good entries; the notice names the bad ones.
STORE = JsonStore("progress", "starting with no progress", "bad entries", "ignoring those")


@dataclass(frozen=True)
class LastSession:
    """The session a "Continue" entry resumes: a chapter stem (or SEED_SESSION) and its seed."""

    chapter: str
    seed: int

    def __post_init__(self) -> None:
        _check_stem("last.chapter", self.chapter)
        if isinstance(self.seed, bool) or not isinstance(self.seed, int) or not 0 <= self.seed <= MAX_SEED:
            raise ValueError(f"last.seed: expected a whole number from 0 to {MAX_SEED}, got {self.seed!r}")

    @property
    def is_seed(self) -> bool:
        """True for a game started from a bare seed."""
        return self.chapter == SEED_SESSION


@dataclass
class Progress:
    """What the player has achieved.

    completed: chapter stems in the order first completed, no repeats.
    best_times: chapter stem -> fastest completion in seconds.
    last: the last session played, or None before the first one.
    taught: chapter stems whose lessons (prompts.py) are over: every chapter
    completed, and any whose lessons were put away otherwise.
    """

    completed: list[str] = field(default_factory=list)
    best_times: dict[str, float] = field(default_factory=dict)
    last: LastSession | None = None
    version: int = PROGRESS_VERSION
    taught: list[str] = field(default_factory=list)

    def lessons_due(self, chapter: str) -> bool:
        """True while `chapter`'s lessons still show: it is neither completed nor taught."""
        return chapter not in self.completed and chapter not in self.taught

    def mark_taught(self, chapter: str) -> None:
        """Put `chapter`'s lessons away for good."""
        _check_stem("chapter", chapter)
        if chapter not in self.taught:
            self.taught.append(chapter)

    def is_completed(self, chapter: str) -> bool:
        """True once `chapter` has been completed."""
        return chapter in self.completed

    def best_time(self, chapter: str) -> float | None:
        """The fastest completion of `chapter` in seconds, if any."""
        return self.best_times.get(chapter)

    def complete(self, chapter: str, seconds: float) -> bool:
        """Record a completion; return True if it set a new best time."""
        _check_stem("chapter", chapter)
        seconds = _seconds(chapter, seconds)
        if chapter not in self.completed:
            self.completed.append(chapter)
        self.mark_taught(chapter)
        best = self.best_times.get(chapter)
        if best is None or seconds < best:
            self.best_times[chapter] = seconds
            return True
        return False

    def record_session(self, chapter: str, seed: int) -> None:
        """Remember the session being played for "Continue"."""
        self.last = LastSession(chapter, seed)

    def to_json(self) -> dict[str, Any]:
        """The progress as a JSON-ready dict."""
        last = None if self.last is None else {"chapter": self.last.chapter, "seed": self.last.seed}
        return {
            "version": self.version,
            "completed": list(self.completed),
            "best_times": dict(self.best_times),
            "last": last,
            "taught": list(self.taught),
        }


def _read_stems(field: str, raw: object, into: list[str], problems: list[str]) -> None:
    """Append the valid chapter names of the list `raw` to `into` (no repeats); note the rest in `problems`."""
    if not isinstance(raw, list):
        problems.append(f"{field}: expected a list of chapter names, got {raw!r}")
        return
    for item in raw:
        try:
            _check_stem(field, item)
        except ValueError as exc:
            problems.append(str(exc))
            continue
        if item not in into:
            into.append(item)


def _check_stem(name: str, value: object) -> None:
    # A stem is a bare file name: anything with a folder in it did not come from us.
    if not isinstance(value, str) or not value.strip() or "/" in value or "\\" in value:
        raise ValueError(f"{name}: expected a chapter name, got {value!r}")


def _seconds(name: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0:
        raise ValueError(f"best time of {name}: expected seconds (0 or more), got {value!r}")
    return float(value)


def progress_path() -> Path:
    """Where progress lives by default: data_dir()/progress.json."""
    return data_dir() / PROGRESS_FILE


def load_progress(path: Path | str | None = None) -> tuple[Progress, str | None]:
    """Read progress; return (progress, None), or (best effort, one-line message).

    A missing file is a fresh start, silently. An unreadable file gives empty
    progress; bad entries in a readable file are dropped, keeping the rest.
    Never raises for what the file contains.
    """
    path = Path(path) if path is not None else progress_path()
    data, message = STORE.read(path)
    if data is None:
        return Progress(), message

    problems: list[str] = []
    progress = Progress()
    version = data.get("version", PROGRESS_VERSION)
    if isinstance(version, bool) or not isinstance(version, int):
        problems.append(f"version: expected a whole number, got {version!r}")
    elif version > PROGRESS_VERSION:
        problems.append(f"version {version} is newer than this game ({PROGRESS_VERSION})")

    _read_stems("completed", data.get("completed", []), progress.completed, problems)

    times = data.get("best_times", {})
    if isinstance(times, dict):
        for chapter, seconds in times.items():
            try:
                _check_stem("best_times", chapter)
                progress.best_times[chapter] = _seconds(chapter, seconds)
            except ValueError as exc:
                problems.append(str(exc))
    else:
        problems.append(f"best_times: expected a table of chapter -> seconds, got {times!r}")

    last = data.get("last")
    if last is not None:
        try:
            if not isinstance(last, dict) or set(last) != {"chapter", "seed"}:
                raise ValueError(f"last: expected {{chapter, seed}}, got {last!r}")
            progress.last = LastSession(last["chapter"], last["seed"])
        except ValueError as exc:
            problems.append(str(exc))

    taught = data.get("taught")
    if taught is None:
        # A file from before the lessons: a chapter completed then was taught then.
        progress.taught = list(progress.completed)
    else:
        _read_stems("taught", taught, progress.taught, problems)

    for name in data:
        if name not in ("version", "completed", "best_times", "last", "taught"):
            problems.append(f"unknown field {name!r}")
    return progress, STORE.problems_notice(path, problems)


def save_progress(progress: Progress, path: Path | str | None = None) -> Path:
    """Write progress atomically (creating the folder); return the path written."""
    return STORE.write(Path(path) if path is not None else progress_path(), progress.to_json())
