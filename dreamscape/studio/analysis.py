"""One studio build (dreamscape, metrics, hash) and the fields its overlays draw.

Everything here is plain numpy and tcod, so it runs on the builder thread.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from dreamscape.designer import metrics
from dreamscape.core.errors import InputError
from dreamscape.core.level import LevelSpec
from dreamscape.gen.architect import generate
from dreamscape.gen.dreamscape import Dreamscape
from dreamscape.gen.grid import UNREACHED, distances_from, strict_walkable


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
    route, choke = metrics.chokepoint_tiles(walk, start, from_exit)
    return Field(walk, from_start, route, choke)


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
