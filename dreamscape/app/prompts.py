"""The first chapter teaches: the first time each thing happens in a dive, a short prompt says what it is.

Every later chapter (and any dive whose level has a climax) teaches its own
climax the same way: only the lessons `CLIMAX_LESSONS` names for it (the
prison's doorways, being carried back, Lila's paint and the unmasking; the
replaying night's memories and rewinds; the blackout and its shared sight...).

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
from dreamscape.sim.events import (
    CarriedBack,
    DoubtRose,
    Event,
    Glitched,
    LightsOut,
    MemoryFound,
    NightReplayed,
    Noticed,
    PaintGiven,
    ShardTaken,
    SightShared,
    Unmasked,
)

#: The chapter that teaches: the first, Leo's loop.
TEACHING = "ch1_the_loop"
#: The chapter of the prison, which teaches only its own climax.
PRISON = "ch2_beautiful_prison"


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


def _memory(view, events) -> bool:
    return any(isinstance(e, MemoryFound) for e in events) or any(m.kind == "memory" and view.visible[m.y, m.x] for m in view.marks)


def _replay(view, events) -> bool:
    return any(isinstance(e, NightReplayed) for e in events)
def _blackout(view, events: list[Event]) -> bool:
    return any(isinstance(e, LightsOut) for e in events)


def _shared_sight(view, events: list[Event]) -> bool:
    return any(isinstance(e, SightShared) for e in events)


def _false_exit(view, events) -> bool:
    return any(lure.kind == "false_exit" and view.visible[lure.y, lure.x] for lure in view.lures)


def _doorway(view, events) -> bool:
    return any(view.visible[y, x] for x, y in view.doorways)


def _carried(view, events: list[Event]) -> bool:
    return any(isinstance(e, CarriedBack) for e in events)


def _paint(view, events: list[Event]) -> bool:
    return any(isinstance(e, PaintGiven) for e in events)


def _unmasked(view, events: list[Event]) -> bool:
    return any(isinstance(e, Unmasked) for e in events)


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
    "memory": _memory,
    "replay": _replay,
    "doorway": _doorway,
    "carried": _carried,
    "paint": _paint,
    "unmasked": _unmasked,
    "blackout": _blackout,
    "shared_sight": _shared_sight,
}
LESSONS = tuple(TRIGGERS)
#: The lessons chapter 1 teaches: the basics and its own climax.
FIRST_LESSONS = ("call", "dreamer", "beside", "noticed", "glitch", "shard", "false_exit", "doubt")
#: The lessons a climax teaches wherever it plays (chapter 1's are among FIRST_LESSONS).
CLIMAX_LESSONS: dict[str, tuple[str, ...]] = {
    "prison": ("doorway", "carried", "paint", "unmasked"),
    "replay": ("memory", "replay"),
    "blackout": ("blackout", "shared_sight"),
}
#: The climax a chapter teaches when the dive does not say (the chapters' own).
CHAPTER_CLIMAX = {PRISON: "prison", "ch3_endless_loop": "replay", "ch4_network_crash": "blackout"}


def lesson(key: str, view, wake_key: str = "Space", use_key: str = "F / Q") -> Prompt:
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
        "memory": ("A memory the loop hides", "The perfect nights hide three memories. Step on each; the way out opens once all are found."),
        "replay": ("The night starts over", "Every so often the loop rewinds: its shadows are back at their posts and forget you. What you found stays found."),
        "doorway": ("A bright doorway", "It looks like the way out, and so do the others: all but one lead back to the start. Wake Anya to see which."),
        "carried": ("Back where you began", "The doorway lied. The dream carried you gently back to the start; find another way."),
        "paint": ("Lila's paint", f"She lends you a few strokes. Face a wall and press {use_key} to paint a way through it, or a bridge over water."),
        "unmasked": ("The masks fall", "Anya sees through the bright doorways: the false ones crack and fade, and the true way out calls again."),
        "blackout": ("The network has gone dark", "You see only a few steps now. Each sleeper you wake lends you their eyes, and your own sight widens with every one."),
        "shared_sight": ("They see for you now", "Where the woken sleeper stands stays lit: whatever moves near them, you will see from anywhere."),
    }
    title, detail = words[key]
    return Prompt(key, title, detail)


class Teacher:
    """Which lessons a dive has shown, and which its next tick calls for."""

    def __init__(self, chapter: str | None, progress=None, climax: str = "") -> None:
        due = chapter is None or progress is None or progress.lessons_due(chapter)
        #: The lessons this dive may show: chapter 1's, or its climax's (none once the chapter is completed).
        climax = climax or CHAPTER_CLIMAX.get(chapter or "", "")
        self.keys: tuple[str, ...] = FIRST_LESSONS if chapter == TEACHING else CLIMAX_LESSONS.get(climax, ())
        if not due:
            self.keys = ()
        #: False when the dive teaches nothing.
        self.active = bool(self.keys)
        #: A nexus's lessons (its wards and terminals, app/nexus_text.py) show in any dive not yet completed.
        self.climax_active = due
        #: Lessons shown this dive, in order.
        self.shown: list[str] = []

    def step(self, view, events: Iterable[Event] = (), wake_key: str = "Space", use_key: str = "F / Q") -> list[Prompt]:
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
        due = [lesson(key, view, wake_key, use_key) for key, trigger in TRIGGERS.items() if key in self.keys and key not in self.shown and trigger(view, happened)]
        self.shown.extend(p.key for p in due)
        return due
