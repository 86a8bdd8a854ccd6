"""No soft-locks: a glitch never seals the player in.

The property: after every change to the ground (a glitch firing, or a
deferred change settling), and after every step onto a one-way passage or
through a portal, every dreamer still asleep and the exit can be reached from
where the player stands, or is stepping to, whenever they could be reached
just before it. (A walker already cut off is not helped, but no
glitch makes it worse; in these runs that happens only to a walker put down
on an island a flicker had left.) Reachability is checked with a plain
breadth-first search written here, over `Terrain.can_step` and the portals,
independent of `dreamscape.sim.reach`.

Seeds 0-99 of each of the five chapters: 500 dreamscapes, chapters 1-3 at
their own sizes, 4 at 96x64 and 5 at 128x80. Whole games on all of them
would take many minutes, so the walkers are brought to the glitches instead:
for glitches that take ground away, picked at random from each schedule
(late ones included), the clock is moved on to just before one (the
glitches on the way fire as they would) and the player is put down on a
random tile near the tiles it changes; then a walker plays on for 195 ticks.
A random walker (bursts of commands) visits two glitches of every
dreamscape, the bot (`Bot.command` each tick before `World.step`) one.
About 40 s of CPU. Four known seals at the chapters' own sizes are replayed
on their own, and two bot games are played whole.
"""

from __future__ import annotations

import copy
import time
from collections import deque
from functools import cache

import numpy as np
import pytest

from dreamscape.bot import Bot
from dreamscape.core import tiles as T
from dreamscape.core.level import load_level_or_profile
from dreamscape.core.resources import bundled_chapters
from dreamscape.gen import generate
from dreamscape.sim import World
from dreamscape.sim.commands import STEPS, WAKE_BIT
from dreamscape.sim.events import GlitchHeld
from dreamscape.sim.rules import DOOR_PERIOD, LUCIDITY_MAX

SEEDS = range(100)
#: Glitches visited per dreamscape by each walker.
GLITCHES = {"random": 2, "bot": 1}
#: The two biggest chapters are played smaller, to keep the test's time down.
SIZES = {"ch4": (96, 64), "ch5": (128, 80)}
LEAD = 45  # ticks of walking before the glitch is due
AFTER = 150  # and after it
NEAR = 5  # the player is put down this close (Chebyshev) to a changed tile

CHAPTERS = bundled_chapters()


@cache
def chapter(index: int):
    spec = load_level_or_profile(CHAPTERS[index])
    size = SIZES.get(CHAPTERS[index].stem[:3])
    return spec.with_size(size) if size else spec


# -- the independent check ------------------------------------------------------


def out_of_reach(world: World, terrain, start: tuple[int, int], awake: list[bool]) -> list[int]:
    """Sleeping dreamers (indices) and the exit (-1) a walker on `start` cannot get to.

    A breadth-first search from `start` over the tiles a walker can come to
    stand on. A step is whatever `can_step` allows, asked at a tick when the
    tile stepped onto, if it is a rhythm door, is open (a door always opens
    again); stepping onto a portal end puts the walker down on the other end.
    A dreamer is within reach when a walkable tile beside it (or its own) is.
    The search stops once every goal is found.
    """
    h, w = terrain.tiles.shape
    wanted: dict[tuple[int, int], list[int]] = {world.exit: [-1]}
    for i, (x, y) in enumerate(world.dreamers):
        if not awake[i]:
            for sx in range(max(0, x - 1), min(w, x + 2)):
                for sy in range(max(0, y - 1), min(h, y + 2)):
                    if T.WALKABLE[terrain.tiles[sy, sx]]:
                        wanted.setdefault((sx, sy), []).append(i)
    missing = {-1} | {i for i, a in enumerate(awake) if not a}

    def arrive(tile: tuple[int, int]) -> None:
        for goal in wanted.get(tile, ()):
            missing.discard(goal)

    can_step, portal_at, steps = terrain.can_step, terrain.portal_at, list(STEPS.items())
    seen = {start}
    arrive(start)
    todo = deque([start])
    while todo and missing:
        x, y = todo.popleft()
        for direction, (dx, dy) in steps:
            nx, ny = x + dx, y + dy
            if not can_step(x, y, direction, DOOR_PERIOD * ((nx + ny) % 2)):
                continue
            there = (nx, ny)
            index = portal_at.get(there)
            if index is not None:
                portal = terrain.portals[index]
                there = portal.b if there == portal.a else portal.a
            if there not in seen:
                seen.add(there)
                arrive(there)
                todo.append(there)
    return sorted(missing)


def standpoint(world: World) -> tuple[int, int]:
    """Where the player is: the tile they stand on, or the one they are committed to stepping onto."""
    p = world.player
    if not p.moving:
        return (p.x, p.y)
    index = world.terrain.portal_at.get((p.tx, p.ty))
    if index is None:
        return (p.tx, p.ty)
    portal = world.terrain.portals[index]
    return portal.b if (p.tx, p.ty) == portal.a else portal.a


class Watch:
    """Steps a world and checks the property after every tick that changed the ground."""

    def __init__(self, world: World, label: str) -> None:
        self.world, self.label = world, label
        self.checks = self.held = self.stuck_before = 0
        self.failures: list[str] = []

    def step(self, command: int) -> None:
        world, terrain = self.world, self.world.terrain
        was = standpoint(world)
        due = terrain.next_glitch < len(terrain.glitches) and terrain.glitches[terrain.next_glitch].tick <= world.tick
        old = None
        if due or terrain.pending:
            old = copy.copy(terrain)
            old.tiles, old.portals, old.portal_at = terrain.tiles.copy(), list(terrain.portals), dict(terrain.portal_at)
            here, awake, version = standpoint(world), list(world.awake), terrain.version
        awake_before = list(world.awake)
        events = world.step(command)
        self.held += sum(isinstance(e, GlitchHeld) for e in events)
        self._walked(was, awake_before)
        if old is None or terrain.version == version:
            return
        changed = old.tiles != terrain.tiles
        if len(terrain.portals) == len(old.portals) and T.STRICT[terrain.tiles[changed]].all():
            return  # only two-way ground laid: every way there was is still there
        self.checks += 1
        # The ground changed before the player moved this tick: judge from where they were.
        lost = out_of_reach(world, terrain, here, awake)
        if not lost:
            return
        before = out_of_reach(world, old, here, awake)
        self.stuck_before += bool(before)
        taken = [g for g in lost if g not in before]
        if taken:
            names = ["exit" if g < 0 else f"dreamer {g}" for g in taken]
            self.failures.append(f"{self.label}: tick {world.tick - 1}, player at {here}: the ground change cut off {', '.join(names)}")


    def _walked(self, was: tuple[int, int], awake: list[bool]) -> None:
        """Walking onto a one-way passage or through a portal must not cut anything off either."""
        world, terrain = self.world, self.world.terrain
        now = standpoint(world)
        if now == was:
            return
        x, y = now
        if int(terrain.tiles[y, x]) not in T.ONEWAY_DIRECTION and abs(now[0] - was[0]) + abs(now[1] - was[1]) <= 1:
            return  # an ordinary step between two-way tiles keeps every way
        self.checks += 1
        before = out_of_reach(world, terrain, was, awake)
        taken = [g for g in out_of_reach(world, terrain, now, awake) if g not in before]
        if taken:
            names = ["exit" if g < 0 else f"dreamer {g}" for g in taken]
            self.failures.append(f"{self.label}: tick {world.tick - 1}, walking from {was} to {now} cut off {', '.join(names)}")


# -- walkers ---------------------------------------------------------------------


def random_walker(rng: np.random.Generator):
    """Commands held for random bursts of 1-20 ticks (a quarter of them waits or wakes)."""
    while True:
        roll = rng.random()
        command = 0 if roll < 0.15 else WAKE_BIT if roll < 0.25 else int(rng.integers(1, 5))
        for _ in range(int(rng.integers(1, 21))):
            yield command


def bot_walker(world: World):
    bot = Bot()
    while True:
        yield bot.command(world.fog_view())


def takes_ground(glitch) -> bool:
    return bool(glitch.portals) or not T.STRICT[glitch.changes[:, 2]].all()


def put_down_near(world: World, glitch, rng: np.random.Generator) -> bool:
    """Move the player onto a random walkable tile near the glitch's changes (no portal end, no manifestation)."""
    terrain = world.terrain
    h, w = terrain.tiles.shape
    near = np.zeros((h, w), bool)
    for x, y, _ in glitch.changes.tolist():
        near[max(0, y - NEAR) : y + NEAR + 1, max(0, x - NEAR) : x + NEAR + 1] = True
    near &= terrain.walkable()
    for x, y in list(terrain.portal_at) + [(hh.x, hh.y) for hh in world.haunts] + [(hh.tx, hh.ty) for hh in world.haunts if hh.moving]:
        if 0 <= x < w and 0 <= y < h:
            near[y, x] = False
    ys, xs = np.nonzero(near)
    if not len(xs):
        return False
    i = int(rng.integers(len(xs)))
    p = world.player
    p.x, p.y, p.tx, p.ty, p.move_left = int(xs[i]), int(ys[i]), -1, -1, 0
    p.wake_target, p.wake_progress, p.lucidity = -1, 0, LUCIDITY_MAX
    return True


def visit_glitches(ds, index: int, seed: int, driver: str) -> Watch:
    """Walk around a few of one dreamscape's glitches; returns the watch."""
    world = World(ds)
    watch = Watch(world, f"{CHAPTERS[index].stem} seed {seed} ({driver})")
    rng = np.random.default_rng([index, seed, driver == "bot"])
    horizon = world.deadline - LEAD - AFTER
    candidates = [i for i, g in enumerate(ds.glitches) if takes_ground(g) and LEAD < g.tick < horizon]
    if not candidates:
        return watch
    picked = sorted(rng.choice(candidates, size=min(GLITCHES[driver], len(candidates)), replace=False).tolist())
    commands = bot_walker(world) if driver == "bot" else random_walker(rng)
    for gi in picked:
        glitch = ds.glitches[gi]
        world.tick = max(world.tick, glitch.tick - LEAD)
        if world.done or not put_down_near(world, glitch, rng):
            continue
        for _ in range(LEAD + AFTER):
            if world.done:
                break
            watch.step(next(commands))
    return watch


@pytest.mark.slow
def test_no_glitch_seals_in_a_walker_brought_to_it():
    started = time.perf_counter()
    failures: list[str] = []
    checks = held = stuck = 0
    for index in range(len(CHAPTERS)):
        for seed in SEEDS:
            ds = generate(chapter(index).with_seed(seed))
            for driver in ("random", "bot"):
                watch = visit_glitches(ds, index, seed, driver)
                failures += watch.failures
                checks += watch.checks
                held += watch.held
                stuck += watch.stuck_before
    took = time.perf_counter() - started
    print(f"{len(CHAPTERS) * len(SEEDS)} dreamscapes: {checks} ground changes checked, {held} glitches held, "
          f"{stuck} checks with the walker already locked out, {took:.1f} s")  # fmt: skip
    assert not failures, f"{len(failures)} soft-locks:\n" + "\n".join(failures[:20])
    assert held, "no glitch was ever held back: the walkers never met a sealing glitch"


#: (chapter, seed, glitch index, a tile it shuts in) at the chapters' own sizes:
#: a flicker that leaves one tile standing in the void (ch1), shifts that wall up a
#: stretch of corridor (ch3 and ch5).
SEALS = [("ch1", 0, 4, (16, 33)), ("ch3", 0, 1, (31, 32)), ("ch5", 0, 0, (43, 1)), ("ch5", 0, 2, (114, 45))]


@pytest.mark.parametrize("stem, seed, index, tile", SEALS, ids=[f"{c[0]}-seed{c[1]}-glitch{c[2]}" for c in SEALS])
def test_a_glitch_that_would_seal_the_player_in_waits_for_them_to_leave(stem, seed, index, tile):
    ds = generate(load_level_or_profile(next(p for p in CHAPTERS if p.stem.startswith(stem))).with_seed(seed))
    glitch = ds.glitches[index]
    world = World(ds)
    world.tick = glitch.tick - 10
    world.step(0)  # the glitches before it fire (the player still at the start)
    assert world.terrain.next_glitch == index
    # Under the old rules this glitch shuts in a walker on `tile` (the change
    # under their feet deferred): the case is still a case.
    after = copy.copy(world.terrain)
    after.tiles = world.terrain.tiles.copy()
    glitch.apply(after.tiles)
    after.tiles[tile[1], tile[0]] = world.terrain.tiles[tile[1], tile[0]]
    assert out_of_reach(world, after, tile, world.awake) and not out_of_reach(world, world.terrain, tile, world.awake)
    p = world.player
    p.x, p.y = tile
    watch = Watch(world, f"{stem} seed {seed}")
    held = []
    while world.tick <= glitch.tick + 60:
        held += [e for e in world.step(0) if isinstance(e, GlitchHeld)]
    assert [e.glitch for e in held] == [index] and world.terrain.next_glitch == index
    commands = bot_walker(world)  # the bot walks them out
    while world.terrain.next_glitch == index and world.tick < glitch.tick + 3000:
        watch.step(next(commands))
    assert world.terrain.next_glitch > index, "the glitch never fired once the player had left"
    for _ in range(120):
        watch.step(next(commands))
    assert not watch.failures, "\n".join(watch.failures)


@pytest.mark.parametrize("stem, seed", [("ch1", 15), ("ch3", 6)])
def test_the_bot_plays_whole_games_without_being_sealed_in(stem, seed):
    index = next(i for i, p in enumerate(CHAPTERS) if p.stem.startswith(stem))
    world = World(generate(chapter(index).with_seed(seed)))
    watch = Watch(world, f"{stem} seed {seed} (whole bot game)")
    commands = bot_walker(world)
    while not world.done:
        watch.step(next(commands))
    assert not watch.failures, "\n".join(watch.failures)
    assert watch.checks > 0
