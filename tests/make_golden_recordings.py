"""Regenerate the golden recordings in tests/golden/recordings/.

Run it on purpose, and only when the simulation's or the generator's behaviour
is meant to change (the goldens then stop verifying, or stop loading):

    python tests/make_golden_recordings.py            # rewrite the goldens
    python tests/make_golden_recordings.py --out DIR  # write them elsewhere

Each golden is a short deterministic run: a scripted walk that plans with a
plain breadth-first search, or commands drawn from a fixed numpy seed. The
same code gives byte-identical files in every process.
"""

from __future__ import annotations

import argparse
import sys
from collections import deque
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
GOLDEN_DIR = HERE / "golden" / "recordings"

WAIT, NORTH, EAST, SOUTH, WEST, WAKE = 0, 1, 2, 3, 4, 8
STEPS = {NORTH: (0, -1), EAST: (1, 0), SOUTH: (0, 1), WEST: (-1, 0)}


def _spec(name: str, seed: int | None = None, size: tuple[int, int] | None = None, time_limit: int | None = None):
    from dreamscape.core.level import load_level_or_profile

    spec = load_level_or_profile(name)
    if seed is not None:
        spec = spec.with_seed(seed)
    if size is not None:
        spec = spec.with_size(size)
    if time_limit is not None:
        spec = spec._replace(time_limit=time_limit)
    return spec


def _first_step(world, start: tuple[int, int], goals: set[tuple[int, int]]) -> int:
    """The first direction of a shortest walk from `start` to any goal tile (WAIT if none)."""
    if start in goals:
        return WAIT
    first: dict[tuple[int, int], int] = {start: WAIT}
    todo = deque([start])
    while todo:
        x, y = todo.popleft()
        for d in (NORTH, EAST, SOUTH, WEST):
            dx, dy = STEPS[d]
            nxt = (x + dx, y + dy)
            if nxt in first or not world.terrain.can_step(x, y, d, world.tick):
                continue
            first[nxt] = first[(x, y)] or d
            if nxt in goals:
                return first[nxt]
            todo.append(nxt)
    return WAIT


def scripted_walk(world, ticks: int):
    """Walk to each sleeping dreamer, hold wake beside it, then onto each unlit
    beacon of a 'doubt' climax (nearest by walking), then head for the exit."""
    for _ in range(ticks):
        p = world.player
        if p.move_left > 1:
            yield WAIT  # mid-step: the command is ignored until the arrival tick
            continue
        # On the arrival tick the command acts from the tile being reached.
        here = (p.tx, p.ty) if p.move_left == 1 else (p.x, p.y)
        asleep = [d for d, awake in zip(world.dreamers, world.awake) if not awake]
        if asleep:
            beside = {(x + dx, y + dy) for x, y in asleep for dx in (-1, 0, 1) for dy in (-1, 0, 1) if dx or dy}
            yield WAKE if here in beside else _first_step(world, here, beside)
        elif world.climax.pending():
            yield _first_step(world, here, {world.climax.marks[i] for i in world.climax.pending()})
        else:
            yield _first_step(world, here, {world.exit})


def random_bursts(seed: int, ticks: int, wait_share: float = 0.3):
    """Commands held for random bursts of 1-20 ticks, from a fixed numpy seed."""
    import numpy as np

    rng = np.random.default_rng(seed)
    made = 0
    while made < ticks:
        command = WAIT if rng.random() < wait_share else int(rng.choice([NORTH, EAST, SOUTH, WEST, WAKE]))
        for _ in range(min(int(rng.integers(1, 21)), ticks - made)):
            made += 1
            yield command


#: file stem -> (level spec arguments, command source, ticks)
CASES: dict[str, tuple[tuple[Any, ...], Any, int]] = {
    "ch1_walk": (("ch1_the_loop", 3), "walk", 4500),  # the walk lights the beacons and wins (at about tick 3420 today)
    "ch2_random": (("ch2_beautiful_prison",), 7, 600),
    "zara_timeout": (("zara", 11, (48, 32), 10), 3, 900),  # the 10 s rescue window closes at tick 300
}


def make(stem: str, out_dir: Path) -> Path:
    """Play one case and write its recording; returns the path."""
    from dreamscape.gen import generate
    from dreamscape.recordings.recorder import record_run
    from dreamscape.sim import World

    spec_args, source, ticks = CASES[stem]
    world = World(generate(_spec(*spec_args)))
    commands = scripted_walk(world, ticks) if source == "walk" else random_bursts(source, ticks)
    path = out_dir / f"{stem}.rec"
    record_run(world, commands, path)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=GOLDEN_DIR, help="folder to write the .rec files to")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(HERE.parent))  # the checkout, even without an install
    args.out.mkdir(parents=True, exist_ok=True)
    for stem in CASES:
        path = make(stem, args.out)
        from dreamscape.formats.recording.reader import read_recording

        rec = read_recording(path)
        print(f"wrote {path}: {rec.ticks} ticks, outcome {rec.outcome or 'stopped'}, {path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
