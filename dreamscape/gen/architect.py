"""The orchestrator: runs the generator's named phases in order.

`generate_phases` yields after every phase so tools can show each step;
`generate` runs them all. The glitch phase checks every glitch against the
reachability invariant as it schedules it; the map before any glitch is
checked here, as is that every trapped dreamer found a place; a candidate that
fails is regenerated from a derived seed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from dreamscape.core.climax import marks_for
from dreamscape.core.level import LevelSpec
from dreamscape.core.rng import derive_seed
from dreamscape.gen import caves, connect, doors, glitches, liquids, loops, marks, mirror, placement, prune, regions, rooms, tree, wards
from dreamscape.gen.build import Build, new_build
from dreamscape.gen.dreamscape import Dreamscape
from dreamscape.gen.doors import goals
from dreamscape.gen.invariant import goals_connected

Phase = Callable[[Build], None]

#: The phases, in order. Names are stable: tools and docs refer to them.
PHASES: tuple[tuple[str, Phase], ...] = (
    ("regions", regions.run),
    ("tree", tree.run),
    ("rooms", rooms.run),
    ("caves", caves.run),
    ("prune", prune.run),
    ("loops", loops.run),
    ("mirror", mirror.run),
    ("connect", connect.run),
    ("liquids", liquids.run),
    ("place", placement.run),
    ("marks", marks.run),
    ("controls", doors.run),
    ("glitches", glitches.run),
    ("wards", wards.run),
)

MAX_ATTEMPTS = 8


def generate_phases(spec: LevelSpec, seed: int | None = None) -> Iterator[tuple[str, Build]]:
    """Run the phases one by one, yielding (phase name, build so far) after each."""
    build = new_build(spec, spec.seed if seed is None else seed)
    for name, phase in PHASES:
        phase(build)
        yield name, build


def _assemble(build: Build) -> Dreamscape:
    return Dreamscape(
        spec=build.spec,
        tiles=build.tiles,
        regions=build.regions,
        start=build.start,
        exit=build.exit,
        dreamers=build.dreamers,
        manifestations=build.manifestations,
        lures=build.lures,
        shards=build.shards,
        portals=build.portals,
        glitches=build.glitches,
        stats=build.stats,
        marks=build.marks,
        wards=build.wards,
        glitch_wards=build.glitch_wards,
    )


def generate(spec: LevelSpec) -> Dreamscape:
    """Build the dreamscape for a level spec. Same spec, same result, byte for byte."""
    spec.check_capacity()
    seed = spec.seed
    for attempt in range(MAX_ATTEMPTS):
        build = new_build(spec, seed)
        for _name, phase in PHASES:
            phase(build)
        placed_all = len(build.dreamers) == spec.dreamer_count() and len(build.marks) == len(marks_for(spec.climax)[1])
        if placed_all and goals_connected(build.tiles, goals(build), build.portals):
            dreamscape = _assemble(build)
            dreamscape.stats["retries"] = attempt
            return dreamscape
        seed = derive_seed(spec.seed, "retry", attempt + 1)
    raise RuntimeError(f"no valid dreamscape for seed {spec.seed} after {MAX_ATTEMPTS} attempts")
