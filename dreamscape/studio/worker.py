"""The coalescing background builder: the window asks, a thread builds the newest spec.

    builder = Builder()
    rid = builder.request(spec)        # returns at once
    result = builder.poll()            # the newest finished build, or None

While a build runs, later requests replace one another: only the newest is
built next. A finished build whose spec has since been replaced is dropped,
unless nothing has reached the screen for `live_interval` seconds, so a long
slider drag still shows the map moving.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from dreamscape.core.level import LevelSpec
from dreamscape.studio import analysis

BuildFn = Callable[[LevelSpec, int, float], Any]
#: During a continuous drag, a superseded build is still shown this often.
LIVE_INTERVAL = 0.12


class Builder:
    """One daemon thread that always builds the latest requested spec.

    `build(spec, request_id, requested_at)` makes the result (by default
    `analysis.build`); results come out of `poll` in request order, newest
    only. `requested`, `built` and `dropped` count what happened.
    """

    def __init__(self, build: BuildFn = analysis.build, live_interval: float = LIVE_INTERVAL) -> None:
        self._build = build
        self.live_interval = live_interval
        self._cond = threading.Condition()
        self._pending: tuple[int, LevelSpec, float] | None = None
        self._ready: Any = None
        self._busy = False
        self._closed = False
        self._next_id = 0
        # Counted from the start, so the very first builds follow the same rule.
        self._last_publish = time.monotonic()
        self.requested = 0
        self.built = 0
        self.dropped = 0
        self._thread = threading.Thread(target=self._run, name="dreamscape-studio-builder", daemon=True)
        self._thread.start()

    def request(self, spec: LevelSpec) -> int:
        """Ask for `spec` to be built; replaces any request not yet started. Returns its id."""
        with self._cond:
            self._next_id += 1
            self.requested += 1
            self._pending = (self._next_id, spec, time.monotonic())
            self._cond.notify_all()
            return self._next_id

    def poll(self) -> Any:
        """The newest finished build not yet taken, or None."""
        with self._cond:
            ready, self._ready = self._ready, None
            return ready

    @property
    def busy(self) -> bool:
        """Whether a request is waiting or being built."""
        with self._cond:
            return self._busy or self._pending is not None

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until nothing is waiting or building; False on timeout."""
        with self._cond:
            return self._cond.wait_for(lambda: not self._busy and self._pending is None, timeout)

    def close(self) -> None:
        """Stop the thread after the build in progress (pending requests are forgotten)."""
        with self._cond:
            self._closed = True
            self._pending = None
            self._cond.notify_all()
        self._thread.join(timeout=5.0)

    def _run(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._pending is not None or self._closed)
                if self._closed:
                    return
                request_id, spec, requested_at = self._pending  # type: ignore[misc]
                self._pending = None
                self._busy = True
            try:
                result = self._build(spec, request_id, requested_at)
            except Exception as exc:  # a generator bug must not kill the studio
                result = analysis.BuildResult(request_id, spec, requested_at, error=f"build failed: {type(exc).__name__}: {exc}")
            with self._cond:
                self._busy = False
                self.built += 1
                superseded = self._pending is not None
                now = time.monotonic()
                if superseded and now - self._last_publish < self.live_interval:
                    self.dropped += 1
                else:
                    if self._ready is not None:
                        self.dropped += 1  # never taken: the newer one replaces it
                    self._ready = result
                    self._last_publish = now
                self._cond.notify_all()
