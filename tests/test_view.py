"""The world's read-only views carry the rules' own answers (step cost, who the wake
command wakes), and the first chapter forgives a player who stands still."""

from __future__ import annotations


import numpy as np
import pytest

from dreamscape.core.level import load_level_or_profile
from dreamscape.gen import generate
from dreamscape.sim import World
from dreamscape.sim import rules as R
from dreamscape.sim.actors import HUNT
from dreamscape.sim.commands import STEPS, WAKE_BIT
from dreamscape.sim.view import UNSEEN


def _world(stem: str = "ch2_beautiful_prison", seed: int = 0) -> World:
    return World(generate(load_level_or_profile(stem).with_seed(seed)))


def test_every_step_costs_what_the_view_says():
    world = _world()
    rng = np.random.default_rng(4)
    checked = 0
    while checked < 300 and not world.done:
        view = world.view()
        p = view.player
        if p.moving:
            world.step(0)
            continue
        d = int(rng.integers(1, 5))
        dx, dy = STEPS[d]
        world.step(d)
        after = world.view().player
        if after.moving:  # the step began: the world charged what the view priced
            assert (after.tx, after.ty) == (p.x + dx, p.y + dy)
            assert after.move_left == after.step_ticks == view.step_cost[p.y + dy, p.x + dx]
            checked += 1
    assert checked >= 100


def test_the_view_names_the_dreamer_the_wake_command_wakes():
    world = _world("ch1_the_loop", 3)
    x, y = world.dreamers[0]
    assert world.view().player.beside == -1
    world.player.x, world.player.y = x + 1, y  # beside it (a test may place the player)
    assert world.view().player.beside == -1  # the view is of the tick, taken before the move
    world.step(0)
    view = world.view()
    assert view.player.beside == 0 == R.beside(view.player.x, view.player.y, world.dreamers, world.awake)
    world.step(WAKE_BIT)
    assert world.view().player.wake_target == 0


def test_fog_view_masks_the_unseen_and_nothing_can_be_written():
    world = _world()
    for d in [2] * 40 + [3] * 40:
        world.step(d)
    fog, whole = world.fog_view(), world.view()
    assert ((fog.tiles == UNSEEN) == ~whole.seen).all()
    assert (fog.tiles[whole.seen] == whole.tiles[whole.seen]).all()
    assert (fog.step_cost[~whole.seen] == 0).all()
    for a in (fog.tiles, fog.visible, fog.seen, fog.step_cost, whole.tiles, whole.step_cost):
        with pytest.raises(ValueError):
            a[0, 0] = 1
    assert len(whole.dreamers) == whole.dreamer_count
    assert all(whole.seen[d.y, d.x] for d in fog.dreamers)
    assert all(fog.visible[h.y, h.x] or fog.visible[h.ty, h.tx] for h in fog.haunts)


def test_the_view_is_cached_within_a_tick_and_fresh_after_it():
    world = _world()
    first = world.fog_view()
    assert world.fog_view() is first
    world.step(2)
    assert world.fog_view() is not first and world.fog_view().tick == first.tick + 1


@pytest.mark.parametrize("seed", range(50))
def test_standing_still_in_chapter_one_keeps_half_your_lucidity_for_a_minute(seed):
    world = _world("ch1_the_loop", seed)
    for _ in range(60 * 30):
        world.step(0)
    assert world.player.lucidity >= R.LUCIDITY_MAX // 2


def test_a_faded_manifestation_drifts_off_and_does_not_touch():
    ds = generate(load_level_or_profile("ch1_the_loop").with_seed(1))
    mover = next(e for e in ds.manifestations if R.KINDS[e.type].step_ticks and R.KINDS[e.type].drain)
    world = World(ds.replace(manifestations=[mover]))  # alone with the player
    h = world.haunts[0]
    h.x, h.y = world.player.x, world.player.y  # right on top of them, just faded
    h.stun, h.state = R.CAUGHT_STUN, HUNT
    for _ in range(R.CAUGHT_STUN - 1):
        world.step(0)
    assert world.player.lucidity == R.LUCIDITY_MAX
    assert (h.x, h.y) != (world.player.x, world.player.y)
    assert h.stun == 1
