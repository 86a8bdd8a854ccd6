"""The reachability invariant: start, exit and every dreamer reach one another.

Checked on the strictly walkable graph (one-way passages left out, so they can
only ever add routes) plus two-way portals. One-way dream-loop portals are
left out for the same reason.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from dreamscape.gen.dreamscape import Portal
from dreamscape.gen.components import component_ids
from dreamscape.gen.grid import label, strict_walkable


def goals_connected(tiles: np.ndarray, goals: Sequence[tuple[int, int]], portals: Iterable[Portal] = ()) -> bool:
    """True when every goal (x, y) lies on one walkable component (portals joining components)."""
    return goals_connected_mask(strict_walkable(tiles), goals, portals)


def goals_connected_mask(walk: np.ndarray, goals: Sequence[tuple[int, int]], portals: Iterable[Portal] = ()) -> bool:
    """`goals_connected` on a ready walkable mask."""
    joins = [p for p in portals if p.two_way]
    ids = component_ids(walk, [*goals, *(end for p in joins for end in (p.a, p.b))], together=len(goals))
    comps = set(ids[: len(goals)])
    if 0 in comps:
        return False
    if len(comps) == 1:
        return True
    # Few portals: a tiny union-find over the components they join.
    parent: dict[int, int] = {}

    def find(c: int) -> int:
        while parent.get(c, c) != c:
            c = parent[c]
        return c

    ends = ids[len(goals) :]
    for a, b in zip(ends[0::2], ends[1::2]):
        if a and b:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    return len({find(c) for c in comps}) == 1


def locally_safe(before: np.ndarray, after: np.ndarray, box: tuple[int, int, int, int], anchors: Sequence[tuple[int, int]], margin: int = 6) -> bool:
    """A cheap sufficient test that a change inside `box` keeps every route.

    `before`/`after` are strict-walkable masks and `box` is (x0, y0, x1, y1)
    inclusive around the changed tiles. Inside a window around the box, the
    'ports' are walkable rim tiles plus `anchors` (goals and portal ends)
    that fall inside. Any route through the window runs between ports of one
    local component; if ports that shared a component before still share one
    after, every such route can be rerouted inside the window. When this says
    False the caller falls back to the global check.
    """
    h, w = before.shape
    x0, y0 = max(0, box[0] - margin), max(0, box[1] - margin)
    x1, y1 = min(w - 1, box[2] + margin), min(h - 1, box[3] + margin)
    wb = before[y0 : y1 + 1, x0 : x1 + 1]
    wa = after[y0 : y1 + 1, x0 : x1 + 1]
    ports = np.zeros(wb.shape, bool)
    ports[0, :] = ports[-1, :] = ports[:, 0] = ports[:, -1] = True
    for x, y in anchors:
        if x0 <= x <= x1 and y0 <= y <= y1:
            ports[y - y0, x - x0] = True
    ports &= wb
    if (ports & ~wa).any():
        return False
    lb, _ = label(wb)
    la, _ = label(wa)
    pb, pa = lb[ports], la[ports]
    return _distinct(pb.astype(np.int64) * (int(la.max()) + 1) + pa) == _distinct(pb)


def _distinct(values: np.ndarray) -> int:
    """How many different values: `len(np.unique(values))` without `np.unique`,
    whose first call imports `numpy.ma` (about 15 ms of a one-level command)."""
    if not len(values):
        return 0
    ordered = np.sort(values, kind="stable")
    return int(np.count_nonzero(ordered[1:] != ordered[:-1])) + 1
