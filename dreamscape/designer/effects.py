"""What each fear, desire and turmoil does to a dreamscape, and the metric that shows it.

This table is the single source of truth: docs/vocabulary.md is generated from
it (`python -m dreamscape.designer.effects > docs/vocabulary.md`, checked by a test) and
the statistical tests raise each name from 0 to 1 and check that its metric
moves the documented way.
"""

from __future__ import annotations

from dataclasses import dataclass

from dreamscape.core.vocabulary import ALL_NAMES, DESIRES, FEARS


@dataclass(frozen=True)
class Effect:
    """One vocabulary name's effect: the metric it drives and which way (+1 up, -1 down)."""

    name: str
    metric: str
    direction: int
    effect: str


EFFECTS: dict[str, Effect] = {
    e.name: e
    for e in (
        Effect("self_doubt", "mirror_score", +1, "mirrored twin sections of the labyrinth (misleading corridors); shadow manifestations that trail the player; more shifting walls"),
        Effect("abandonment", "dreamer_spread", +1, "hollow regions of long dark corridors where sight shrinks; trapped dreamers placed far apart; hollow manifestations"),
        Effect("loss", "glitch_flicker", +1, "floors that flicker away into void and return later; drowned quarters; fade manifestations"),
        Effect("being_trapped", "dead_ends", +1, "more maze and blind alleys, fewer loops; walls that close in on dead ends (close glitches); warden manifestations guarding dreamers"),
        Effect("judgement", "open_ratio", +1, "wide open halls; watcher manifestations posted where sight lines are long"),
        Effect("isolation", "region_links", -1, "regions joined by few passages (the layout tree avoids crossing region borders, loops never cross them); abyss regions; drifters"),
        Effect("chaos", "glitch_tiles", +1, "bigger glitches and frequent region rewrites; caves; storm manifestations"),
        Effect("being_controlled", "doors", +1, "doors that open and shut on a rhythm in doorways; one-way passages (only where a way round exists); puppeteers"),
        Effect("recognition", "shard_exposure", +1, "memory shards placed out in the open, in exposed risky spots; spotlight lures"),
        Effect("escape", "dream_loops", +1, "false exits: lures whose one-way portal carries the player back towards the start"),
        Effect("reunion", "paired_dreamers", +1, "trapped dreamers placed in pairs a few steps apart that must both be woken; echo-call lures"),
        Effect("perfection", "rooms", +1, "many symmetric rooms and ordered pillar grids in which every aisle looks the same; mirror lures"),
        Effect("comfort", "garden_ratio", +1, "soft gardens that slow the walker; hearth lures"),
        Effect("connection", "loops", +1, "extra loops (shorter detours qualify), two-way thread portals linking distant parts; more fold glitches"),
        Effect("authenticity", "stable_ratio", +1, "islands of stable ground that no glitch ever touches; anchor lures"),
        Effect("wonder", "region_caves", +1, "open organic caverns; vista lures"),
        Effect("turmoil", "glitch_count", +1, "how often the dream glitches: 0.4 + 3.6 x turmoil glitches a minute on a 96x64 map"),
    )
}

assert tuple(EFFECTS) == ALL_NAMES


def markdown() -> str:
    """The vocabulary table as a Markdown page."""
    lines = [
        "# The dreamer vocabulary",
        "",
        "Generated from `dreamscape/designer/effects.py` (`python -m dreamscape.designer.effects > docs/vocabulary.md`).",
        "Each name's intensity runs from 0 to 1; an absent name is 0. The metric column",
        "names the `dreamscape generate` / sweep metric that shows the effect; the tests",
        "raise each name from 0 to 1 over many seeds and check that metric moves the",
        "documented way.",
        "",
    ]
    for title, names in (("Fears", FEARS), ("Desires", DESIRES), ("Overall", ("turmoil",))):
        lines += [f"## {title}", "", "| name | effect on the dreamscape | metric | direction |", "|---|---|---|---|"]
        for name in names:
            e = EFFECTS[name]
            arrow = "up" if e.direction > 0 else "down"
            lines.append(f"| `{name}` | {e.effect} | `{e.metric}` | {arrow} |")
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown(), end="")
