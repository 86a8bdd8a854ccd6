"""Headless replay speed: verify a 10-minute recording, as a multiple of real time.

The run is on the default level ('leo' at 96x64) with the rescue window
stretched to 15 minutes, so that 18000 ticks (10 minutes at 30 ticks a second)
fit in it. Its commands come from a deterministic survivor: it mostly waits,
steps away down a safety map when a manifestation comes close, and fetches
memory shards when its lucidity is low. A run that still loses early is
retried with the next command seed; the longest is timed and its ticks are
reported as they were simulated.

The timed part is exactly `dreamscape replay FILE --verify`: read the file,
rebuild the level, step every tick and compare every checksum.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import tcod

from dreamscape.core.level import load_level_or_profile
from dreamscape.core.timing import TICKS_PER_SECOND
from dreamscape.formats.recording.reader import read_recording
from dreamscape.gen import generate
from dreamscape.recordings.recorder import Recorder
from dreamscape.recordings.verify import verify
from dreamscape.sim import World

RUN_TICKS = 10 * 60 * TICKS_PER_SECOND
MIN_TICKS = 10_000
TARGET = 300  # times real time (issue 3); stretch 1000
FAR = np.iinfo(np.int32).max
STEPS = {1: (0, -1), 2: (1, 0), 3: (0, 1), 4: (-1, 0)}
CALM = 5  # flee when a moving manifestation is this close (tiles, Manhattan)


def _field(walk: np.ndarray, sources: list[tuple[int, int]]) -> np.ndarray:
    dist = np.full(walk.shape, FAR, np.int32)
    for x, y in sources:
        dist[y, x] = 0
    tcod.path.dijkstra2d(dist, walk, 1, 0, out=dist)
    return dist


def survivor(world: World, seed: int):
    """Commands that keep the player alive for a long time (reads the world as it goes)."""
    rng = np.random.default_rng(seed)
    while True:
        p = world.player
        if p.moving:
            yield 0
            continue
        opts = [d for d in STEPS if world.terrain.can_step(p.x, p.y, d, world.tick)]
        movers = [(h.x, h.y) for h in world.haunts if h.kind != "watcher"]
        walk = world.terrain.walkable().astype(np.int8)
        threat = min((abs(x - p.x) + abs(y - p.y) for x, y in movers), default=FAR)
        if threat <= CALM and opts:
            # Brogue's safety map: distance from danger, scaled past 1 and re-relaxed,
            # so the way down it leads out of dead ends rather than into them.
            danger = _field(walk, movers)
            safety = np.where(danger < FAR, -(danger * 12) // 10, FAR).astype(np.int32)
            tcod.path.dijkstra2d(safety, walk, 1, 0, out=safety)
            yield min(opts, key=lambda d: (safety[p.y + STEPS[d][1], p.x + STEPS[d][0]], rng.random()))
            continue
        shards = [pos for pos, i in world.shard_at.items() if not world.taken[i]]
        if p.lucidity <= 75 and shards and opts:
            dist = _field(walk, shards)
            best = min(opts, key=lambda d: dist[p.y + STEPS[d][1], p.x + STEPS[d][0]])
            if dist[p.y + STEPS[best][1], p.x + STEPS[best][0]] < dist[p.y, p.x]:
                yield best
                continue
        yield from (0, 0, 0)


def record_long_run(path: Path, attempts: int = 6) -> tuple[int, int]:
    """Record the longest of a few survivor runs to `path`; returns (ticks, command seed)."""
    spec = load_level_or_profile("leo")._replace(time_limit=RUN_TICKS // TICKS_PER_SECOND + 300)
    ds = generate(spec)
    best = (-1, -1)
    for seed in range(attempts):
        trial = path.with_suffix(f".{seed}.rec")
        world = World(ds)
        with Recorder(world, trial) as rec:
            commands = survivor(world, seed)
            while world.tick < RUN_TICKS and not world.done:
                rec.step(next(commands))
        if world.tick > best[0]:
            best = (world.tick, seed)
            trial.replace(path)
        else:
            trial.unlink()
        if world.tick >= RUN_TICKS:
            break
    return best


def record_busy_run(path: Path, seed: int = 1) -> int:
    """A random walk that moves nearly every tick (more hunting, more sight updates) until it loses."""
    ds = generate(load_level_or_profile("leo")._replace(time_limit=RUN_TICKS // TICKS_PER_SECOND + 300))
    world = World(ds)
    commands = np.random.default_rng(seed).integers(0, 5, RUN_TICKS)
    with Recorder(world, path) as rec:
        for command in commands:
            if world.done:
                break
            rec.step(int(command))
    return world.tick


def time_verify(path: Path, rounds: int) -> float:
    """Median wall time of `dreamscape replay FILE --verify`'s work."""
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        result = verify(read_recording(path))
        times.append(time.perf_counter() - started)
        if not result.ok:
            raise SystemExit(f"bench: {path.name} does not verify: {result.line()}")
    return statistics.median(times)


def main(quick: bool = False) -> dict:
    rounds = 3 if quick else 5
    with tempfile.TemporaryDirectory() as tmp:
        path, busy = Path(tmp) / "long.rec", Path(tmp) / "busy.rec"
        ticks, seed = record_long_run(path)
        size_kib = path.stat().st_size / 1024
        wall = time_verify(path, rounds)
        busy_ticks = record_busy_run(busy)
        busy_wall = time_verify(busy, rounds)
    multiple = ticks / TICKS_PER_SECOND / wall
    busy_multiple = busy_ticks / TICKS_PER_SECOND / busy_wall
    print(f"replay --verify of leo 96x64: {ticks} ticks ({ticks / TICKS_PER_SECOND / 60:.1f} min of play, command seed {seed}), {size_kib:.0f} KiB recording")
    print(f"  median of {rounds}: {wall:.3f} s wall -> {multiple:.0f}x real time (target >= {TARGET}x, stretch 1000x)")
    if ticks < MIN_TICKS:
        print(f"  warning: only {ticks} ticks simulated (wanted >= {MIN_TICKS}): the survivor lost early")
    print(f"  busy run (random walk, moving every tick, {busy_ticks} ticks until it lost): {busy_wall:.3f} s -> {busy_multiple:.0f}x real time")
    return {"ticks": ticks, "seconds": wall, "multiple": multiple, "busy_ticks": busy_ticks, "busy_multiple": busy_multiple}


if __name__ == "__main__":
    main(quick="--quick" in sys.argv)
