"""The first chapter teaches: the first time each thing happens in a dive, a short prompt says what it is.

Pure (no pygame, no world): `Teacher.step(view, events)` reads one tick of
the player's view (sim/view.py) and that tick's events and returns the
prompts due. Each lesson shows once per dive; none shows once the chapter
has been completed (progress.Progress.lessons_due). The dive screen draws
them with its toasts, one at a time.

    teacher = Teacher("ch1_the_loop", app.progress)
    for prompt in teacher.step(session.view(), events, wake_key="Space"):
        show(prompt.title, prompt.detail)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from dreamscape.app import nexus_text
from dreamscape.sim.events import DoubtRose, Event, Glitched, Noticed, ShardTaken

#: The chapter that teaches: the first, Leo's loop.
TEACHING = "ch1_the_loop"


@dataclass(frozen=True)
class Prompt:
    """One lesson as shown: which it is, a headline and a line or two under it."""

    key: str
    title: str
    detail: str


def _call(view, events) -> bool:
    return bool(view.calls)


def _dreamer(view, events) -> bool:
    return any(not d.awake and view.visible[d.y, d.x] for d in view.dreamers)


def _beside(view, events) -> bool:
    return view.player.beside >= 0


def _noticed(view, events: list[Event]) -> bool:
    return any(isinstance(e, Noticed) for e in events)


def _glitch(view, events: list[Event]) -> bool:
    return any(isinstance(e, Glitched) for e in events)


def _shard(view, events: list[Event]) -> bool:
    return any(isinstance(e, ShardTaken) for e in events) or any(view.visible[s.y, s.x] for s in view.shards)


def _doubt(view, events: list[Event]) -> bool:
    return any(isinstance(e, DoubtRose) for e in events)


def _false_exit(view, events) -> bool:
    return any(lure.kind == "false_exit" and view.visible[lure.y, lure.x] for lure in view.lures)


#: Each lesson's trigger, in the order lessons due on one tick are shown.
TRIGGERS: dict[str, Callable] = {
    "call": _call,
    "dreamer": _dreamer,
    "beside": _beside,
    "noticed": _noticed,
    "glitch": _glitch,
    "shard": _shard,
    "false_exit": _false_exit,
    "doubt": _doubt,
}
LESSONS = tuple(TRIGGERS)


def lesson(key: str, view, wake_key: str = "Space") -> Prompt:
    """The words of lesson `key` for this view (the call's depend on who calls)."""
    if key == "call":
        if view.calls and all(c.is_exit for c in view.calls):
            return Prompt(key, "The way out is calling", "Follow the dotted ripples to the bridge back to waking.")
        if view.calls and any(c.is_mark for c in view.calls):
            return Prompt(key, "Your friends are calling", "Ava, Mia and Noah each keep a beacon in the dream. Follow the ripples and step onto each to light it.")
        return Prompt(key, "Something calls to you through the walls", "Leo, asleep somewhere in the loop. Follow the ripples in; the more chevrons at the edge, the nearer he is.")
    words = {
        "dreamer": ("There he is: Leo, asleep", "His own doubts have lulled him under. Go to his side."),
        "beside": ("He can hear you now", f"Hold {wake_key} until the ring closes. Step away and he sinks back."),
        "noticed": ("A doubt has seen you", "It hunts you while it can see you. Break its line of sight; its touch dims your lucidity."),
        "glitch": ("The maze rewrites itself", "His doubt shifts the walls, never under your feet. Find the new way round."),
        "shard": ("A memory shard", "Something he was once proud of. Step on it to steady your lucidity, or to buy time."),
        "false_exit": ("A way out that isn't", "It looks like waking and leads nowhere. The true bridge stays barred until he is awake."),
        "doubt": ("Leo's doubt has risen", "Slow, but it never rests. Outpace it and light the three beacons: only his friends break the loop."),
    }
    title, detail = words[key]
    return Prompt(key, title, detail)


class Teacher:
    """Which lessons a dive has shown, and which its next tick calls for."""

    def __init__(self, chapter: str | None, progress=None) -> None:
        #: False when the dive teaches nothing (another chapter, or this one completed).
        self.active = chapter == TEACHING and (progress is None or progress.lessons_due(chapter))
        #: The climax's own lessons (a nexus's wards and terminals) show in any chapter not yet completed.
        self.climax_active = progress is None or chapter is None or progress.lessons_due(chapter)
        #: Lessons shown this dive, in order.
        self.shown: list[str] = []

    def step(self, view, events: Iterable[Event] = (), wake_key: str = "Space", use_key: str = "F") -> list[Prompt]:
        """The lessons this tick (`view` after it, its `events`) calls for, each at most once a dive."""
        if view.done:
            return []
        if self.climax_active and view.climax == nexus_text.NEXUS:
            keys = nexus_text.lessons_due(view, self.shown)
            self.shown.extend(keys)
            return [Prompt(k, *nexus_text.lesson(k, use_key)) for k in keys]
        if not self.active:
            return []
        happened = list(events)
        due = [lesson(key, view, wake_key) for key, trigger in TRIGGERS.items() if key not in self.shown and trigger(view, happened)]
        self.shown.extend(p.key for p in due)
        return due
