"""The rescue window and the glitch schedule's horizon agree: no dive outlasts its glitches."""

from __future__ import annotations


import pytest

from dreamscape.core import pacing
from dreamscape.core.level import load_level_or_profile
from dreamscape.core.timing import TICKS_PER_SECOND
from dreamscape.gen import generate
from dreamscape.gen.glitches import HORIZON_MARGIN
from dreamscape.core.pacing import derived_window
from dreamscape.sim.rescue_window import rescue_window, tour_length
from dreamscape.sim.world import World

CASES = [("ch1_the_loop", s) for s in range(3)] + [("ch5_nexus_malfunction", 0), ("leo", 4), ("mira", 9), ("zara", 2)]


@pytest.mark.parametrize("name,seed", CASES)
def test_the_kept_window_is_the_one_the_layout_gives(name, seed):
    ds = generate(load_level_or_profile(name).with_seed(seed))
    walked = derived_window(tour_length(ds), len(ds.dreamers), ds.spec.overrides.window_permille)
    assert ds.stats["rescue_window"] == walked
    # A dreamscape without the kept figure gets the same window worked out.
    bare = ds.replace(stats={})
    assert rescue_window(bare) == rescue_window(ds) == World(ds).deadline == walked


@pytest.mark.parametrize("name,seed", CASES)
def test_glitches_cover_the_whole_rescue_window(name, seed):
    ds = generate(load_level_or_profile(name).with_seed(seed))
    window = World(ds).deadline
    horizon = ds.stats["glitch_horizon"]
    assert horizon >= window + HORIZON_MARGIN
    assert horizon >= ds.spec.time_limit_seconds() * TICKS_PER_SECOND
    ticks = [g.tick for g in ds.glitches if g.kind != "return"]
    assert not ticks or max(ticks) <= horizon


@pytest.mark.parametrize("name", ["ch1_the_loop", "ch3_endless_loop"])
def test_glitches_reach_the_last_fifth_of_the_window(name):
    # Glitch ticks are drawn evenly over the horizon (the window and a minute), so
    # pooled over twenty seeds about a third of them fall past four fifths of the
    # window; a schedule that stopped at the size-derived span would have none there.
    spec = load_level_or_profile(name)
    late = total = 0
    reach = 0.0
    for seed in range(20):
        ds = generate(spec.with_seed(seed))
        window = World(ds).deadline
        ticks = [g.tick for g in ds.glitches if g.kind != "return"]
        late += sum(t > 0.8 * window for t in ticks)
        total += len(ticks)
        reach = max(reach, max(ticks) / window)
    assert late >= 0.2 * total, (late, total)
    assert reach > 0.95


def test_a_level_time_limit_sets_both():
    spec = load_level_or_profile("leo").with_seed(1)._replace(time_limit=200)
    ds = generate(spec)
    assert World(ds).deadline == 200 * TICKS_PER_SECOND == ds.stats["glitch_horizon"]


def test_relaxed_mode_uses_the_shared_pace():
    ds = generate(load_level_or_profile("leo").with_seed(1))
    assert World(ds, relaxed=True).deadline == pacing.relaxed(World(ds).deadline)
