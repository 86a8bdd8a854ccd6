"""Where a walker is drawn between two ticks: part of the way along its step."""

from __future__ import annotations


def glide(actor, ticks: int, frozen: bool, alpha: float) -> tuple[float, float]:
    """Where a walker (player or manifestation view) is drawn: `alpha` of a tick into its step of `ticks`."""
    if not actor.move_left or actor.tx < 0:
        return float(actor.x), float(actor.y)
    total = max(ticks, actor.move_left)
    done = (total - actor.move_left + (0.0 if frozen else alpha)) / total
    return actor.x + (actor.tx - actor.x) * done, actor.y + (actor.ty - actor.y) * done
