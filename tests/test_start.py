"""A World's initial state: the default Start is the game's own, and a Start names an exact window or lucidity."""

from __future__ import annotations

import pytest

from dreamscape.core import pacing
from dreamscape.core.level import load_level_or_profile
from dreamscape.gen import generate
from dreamscape.sim import rules as R
from dreamscape.sim.rescue_window import rescue_window
from dreamscape.sim.start import Start
from dreamscape.sim.world import World


@pytest.fixture(scope="module")
def ch1():
    return generate(load_level_or_profile("ch1_the_loop"))


@pytest.mark.parametrize("relaxed", [False, True])
def test_the_default_start_is_the_game_s_own(ch1, relaxed):
    plain, started = World(ch1, relaxed), World(ch1, relaxed, start=Start())
    assert plain.checksums() == started.checksums()
    window = rescue_window(ch1)
    assert plain.deadline == (pacing.relaxed(window) if relaxed else window)
    assert plain.player.lucidity == R.LUCIDITY_MAX
    for _ in range(300):
        plain.step(2)
        started.step(2)
    assert plain.checksums() == started.checksums()


def test_a_start_names_the_window_exactly_and_the_lucidity(ch1):
    world = World(ch1, start=Start(deadline=47, lucidity=30))
    assert world.deadline == 47 and world.time_left == 47 and world.player.lucidity == 30
    assert World(ch1, relaxed=True, start=Start(deadline=47)).deadline == 47  # exact: relaxed does not lengthen it
    assert World(ch1, start=Start(lucidity=30)).deadline == World(ch1).deadline


@pytest.mark.parametrize("bad", [{"deadline": 0}, {"deadline": -5}, {"lucidity": -1}, {"lucidity": R.LUCIDITY_MAX + 1}])
def test_an_impossible_start_is_refused(bad):
    with pytest.raises(ValueError):
        Start(**bad)
