"""Chapter 5's climax ('nexus') in words and mood: the HUD line, toasts, lessons, the results line, the drone.

Pure (no pygame): each reads a view (sim/view.py), an event or a dive's
result. The dive screen, the HUD, the teacher and the results screen call
these for a level whose climax is 'nexus'.
"""

from __future__ import annotations

from dreamscape.core.timing import TICKS_PER_SECOND
from dreamscape.sim.events import Event, Hacked, WardWoken

NEXUS = "nexus"
#: The drone while a hack holds the glitches: this share of the dreamer's turmoil.
CALM_WHILE_HELD = 0.5
#: The drone with the whole window left: this share of the dreamer's turmoil; it climbs to all of it as time runs out.
DRONE_FLOOR = 0.7


def fear_words(fear: str) -> str:
    """A fear's name as the player reads it ('being_controlled' -> 'being controlled')."""
    return fear.replace("_", " ")


def climax_line(view) -> str | None:
    """The HUD's line for the nexus: clients woken of all, and the hold a hack keeps."""
    if view.climax != NEXUS or view.done or not view.client_count:
        return None
    line = f"Clients woken {view.clients_woken}/{view.client_count}"
    if view.hold_left > 0:
        line += f" · hold: {-(-view.hold_left // TICKS_PER_SECOND)} s"
    return line


def toast(event: Event, known) -> tuple[str, str, bool] | None:
    """(title, detail, big) of the toast an event of the nexus shows, or None."""
    match event:
        case WardWoken(clients=clients, eased=eased):
            detail = f"{clients} clients wake with them · {known.clients_woken} of {known.client_count} out"
            if eased:
                detail += f" · {eased} glitch{'es' if eased != 1 else ''} eased"
            return "A ward stirs awake", detail, False
        case Hacked():
            seconds = -(-(event.until - event.tick) // TICKS_PER_SECOND)
            return "Terminal hacked", f"the dream holds still for {seconds} s: every glitch waits", True
    return None


def lesson(key: str, use_key: str) -> tuple[str, str]:
    """(title, detail) of the nexus lessons: the first ward seen, the first terminal seen."""
    if key == "ward":
        return ("A ward of sleeping clients", "Each trapped dreamer has clients sleeping around them. Wake the dreamer and the whole ward wakes; the glitches born of its fear stop.")
    return ("A maintenance terminal", f"Stand on it and press {use_key}: every glitch holds still for a while. Each terminal works once.")


def lessons_due(view, shown: list[str]) -> list[str]:
    """The nexus lessons this view calls for that have not been shown."""
    if view.climax != NEXUS or view.done:
        return []
    due = []
    if "ward" not in shown and any(not c.awake and view.visible[c.y, c.x] for c in view.clients):
        due.append("ward")
    if "terminal" not in shown and any(not m.done and view.visible[m.y, m.x] for m in view.marks):
        due.append("terminal")
    return due


def results_line(climax: str, clients_woken: int, clients: int, hacked: int, terminals: int, won: bool) -> str:
    """What the player did in the nexus, in a line ('' for another climax)."""
    if climax != NEXUS or not clients:
        return ""
    used = f"{hacked} of {terminals} terminals hacked"
    if won:
        return f"You pulled every one of the {clients} clients out of the failing dream ({used})."
    return f"{clients_woken} of {clients} clients woke before the dream closed ({used})."


def drone_level(view, turmoil: float) -> float:
    """The drone's turmoil now: it tightens as the window runs out, and eases while a hack holds."""
    if view.hold_left > 0:
        return turmoil * CALM_WHILE_HELD
    share = view.time_left / max(1, view.deadline)
    urgency = 1.0 - min(1.0, 2.0 * share)  # 0 until half the window is gone, 1 at its end
    return min(1.0, turmoil * (DRONE_FLOOR + (1.0 - DRONE_FLOOR) * urgency) + 0.25 * urgency)
