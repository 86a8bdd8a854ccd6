"""One studio build (dreamscape, metrics, hash) and the fields its overlays draw.

Everything here is plain numpy and tcod, so it runs on the builder thread.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import tcod

from dreamscape import metrics
from dreamscape.core.errors import InputError
from dreamscape.core.level import LevelSpec
from dreamscape.gen.architect import generate
from dreamscape.gen.dreamscape import Dreamscape
from dreamscape.gen.grid import UNREACHED, distances_from, label, strict_walkable


@dataclass
class Field:
    """The start-to-exit picture of one tile map.

    `distance` is walking steps from the start (UNREACHED where none);
    `route` is one shortest start-to-exit route as (y, x) rows; `chokepoints`
    marks the route tiles every start-to-exit route must cross.
    """

    walk: np.ndarray
    distance: np.ndarray
    route: np.ndarray
    chokepoints: np.ndarray

    @property
    def reach(self) -> int:
        """The farthest walking distance from the start (0 if nothing is reached)."""
        reached = self.distance[self.distance != UNREACHED]
        return int(reached.max()) if reached.size else 0


def analyse(tiles: np.ndarray, start: tuple[int, int], exit: tuple[int, int]) -> Field:
    """Distances, the route and the chokepoints of a tile map (at any tick)."""
    walk = strict_walkable(tiles)
    from_start, from_exit = distances_from(walk, [[start], [exit]])
    route, choke = chokepoints(walk, start, from_exit)
    return Field(walk, from_start, route, choke)


def chokepoints(walk: np.ndarray, start: tuple[int, int], from_exit: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(route, mask): one shortest route from start to exit and its cut tiles.

    The same count as the `chokepoints` metric, as a mask the overlay can
    draw. Ground off the route splits into components; each one touches the
    route between a lowest and a highest index and so bypasses every route
    tile strictly between them. Route tiles no bypass spans are cut tiles.
    """
    mask = np.zeros(walk.shape, bool)
    if from_exit[start[1], start[0]] == UNREACHED:
        return np.zeros((0, 2), np.intp), mask
    route = tcod.path.hillclimb2d(from_exit, (start[1], start[0]), True, False)
    n = len(route)
    if n < 3:
        return route, mask
    order = np.full(walk.shape, -1, np.int64)
    order[route[:, 0], route[:, 1]] = np.arange(n)
    labels, count = label(walk & (order < 0))
    first = np.full(count + 1, n, np.int64)
    last = np.full(count + 1, -1, np.int64)
    spans_from, spans_to = [], []
    h, w = walk.shape
    for dy, dx in ((1, 0), (-1, 0), (0, 1), (0, -1)):
        ny, nx = route[:, 0] + dy, route[:, 1] + dx
        inside = (ny >= 0) & (ny < h) & (nx >= 0) & (nx < w)
        i, ny, nx = np.arange(n)[inside], ny[inside], nx[inside]
        comp = labels[ny, nx]
        touching = comp > 0
        np.minimum.at(first, comp[touching], i[touching])
        np.maximum.at(last, comp[touching], i[touching])
        # The route passing beside itself further along is a shortcut too.
        j = order[ny, nx]
        shortcut = (j >= 0) & (np.abs(j - i) > 1)
        spans_from.append(np.minimum(i[shortcut], j[shortcut]))
        spans_to.append(np.maximum(i[shortcut], j[shortcut]))
    used = last >= 0
    a = np.concatenate([first[used]] + spans_from)
    b = np.concatenate([last[used]] + spans_to)
    wide = b - a >= 2
    cover = np.zeros(n + 1, np.int64)
    np.add.at(cover, a[wide] + 1, 1)
    np.add.at(cover, b[wide], -1)
    bypassed = np.cumsum(cover)[:n] > 0
    cut = np.flatnonzero(~bypassed[1:-1]) + 1
    mask[route[cut, 0], route[cut, 1]] = True
    return route, mask


@dataclass
class BuildResult:
    """What the builder hands back for one request.

    `requested_at` is the monotonic time the request was made, so the window
    can tell how long a change took to reach the screen.
    """

    request_id: int
    spec: LevelSpec
    requested_at: float
    ds: Dreamscape | None = None
    metrics: dict[str, Any] = field(default_factory=dict)
    content_hash: str = ""
    plan: Field | None = None
    build_ms: float = 0.0
    error: str = ""


def build(spec: LevelSpec, request_id: int, requested_at: float = 0.0) -> BuildResult:
    """Generate `spec` and measure it; a spec that cannot be built comes back with `error` set."""
    started = time.perf_counter()
    result = BuildResult(request_id, spec, requested_at)
    try:
        ds = generate(spec)
    except (InputError, RuntimeError) as exc:
        result.error = exc.line() if isinstance(exc, InputError) else str(exc)
        return result
    result.ds = ds
    result.metrics = metrics.compute(ds)
    result.content_hash = ds.content_hash()
    result.plan = analyse(ds.tiles, ds.start, ds.exit)
    result.build_ms = (time.perf_counter() - started) * 1000.0
    return result
