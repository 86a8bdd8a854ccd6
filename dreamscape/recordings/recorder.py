"""Recording a run as it is played: wrap a World, and every step is logged.

    with Recorder(World(generate(spec)), "runs/leo-3.rec") as rec:
        while not rec.world.done:
            rec.step(choose_command(rec.world))

The game and the bot both play through a Recorder, so every run can be
replayed and verified (`dreamscape replay FILE --verify`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from dreamscape.formats.recording.header import CHECKSUM_EVERY, make_header
from dreamscape.formats.recording.writer import RecordingWriter
from dreamscape.sim.events import Event
from dreamscape.sim.world import World


class Recorder:
    """Steps a world and records each command, a checksum every N ticks and the end.

    The end record is written the moment the world's outcome is decided; a
    run stopped earlier gets one with outcome null from `close()`. Leaving a
    `with` block by an exception closes the file without an end record, so the
    recording reads as truncated, as after a crash.

    A write error (a full disk) closes the file at once. Without `on_error`
    it is raised (an OutputError naming the file) and stops the run; with
    `on_error` (the game) it is handed over and the world goes on stepping,
    unrecorded, so a player's dive never dies of a full disk.
    """

    def __init__(self, world: World, path: str | Path, checksum_every: int = CHECKSUM_EVERY, on_error: Callable[[OSError], None] | None = None) -> None:
        if world.tick != 0:
            raise ValueError(f"a recording starts at tick 0; this world is at tick {world.tick}")
        if checksum_every < 1:
            raise ValueError(f"checksum_every must be at least 1, got {checksum_every}")
        self.world = world
        self.every = checksum_every
        self.on_error = on_error
        ds = world.ds
        header = make_header(ds.spec, ds.content_hash(), ds.generator_version, checksum_every, world.relaxed)
        self.writer = RecordingWriter(path, header)
        self.writer.checksum(world.checksums())

    @property
    def path(self) -> Path:
        return self.writer.path

    def step(self, command: int) -> list[Event]:
        """Step the world under `command` and record it (no-op once the world is done)."""
        world = self.world
        if world.done or (self.writer.closed and self.on_error is None):
            return []
        events = world.step(command)
        if self.writer.closed:
            return events  # the recording failed earlier and on_error chose to go on
        try:
            self.writer.command(command)
            if world.done:
                self.writer.finish(world.outcome, world.checksums())
            elif world.tick % self.every == 0:
                self.writer.checksum(world.checksums())
        except OSError as exc:
            self._failed(exc)
        return events

    def close(self) -> None:
        """End the recording here (outcome null when the world has not ended)."""
        if not self.writer.closed:
            try:
                self.writer.finish(self.world.outcome, self.world.checksums())
            except OSError as exc:
                self._failed(exc)

    def _failed(self, exc: OSError) -> None:
        self.writer.close()  # the file closed itself on the error; this only forgets it
        if self.on_error is None:
            raise exc
        self.on_error(exc)

    def abort(self) -> None:
        """Close without an end record: the file reads as truncated."""
        self.writer.close()

    def __enter__(self) -> "Recorder":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()


def record_run(world: World, commands: Iterable[int], path: str | Path, checksum_every: int = CHECKSUM_EVERY) -> World:
    """Play `commands` on `world` (stopping early if it ends) and record the run to `path`."""
    with Recorder(world, path, checksum_every) as rec:
        for command in commands:
            if world.done:
                break
            rec.step(command)
    return world
