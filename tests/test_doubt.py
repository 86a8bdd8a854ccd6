"""Scenario tests of the 'doubt' climax (chapter 1): the Doubt, the loop and the friends' beacons.

Stages are drawn with the scenario helper (tests/scenario/); beacons are
marks '1', '2', '3' (Ava, Mia, Noah).
"""

from __future__ import annotations

from dreamscape.core.climax import FRIENDS
from dreamscape.sim import rules as R
from dreamscape.sim.calls import mark_call
from dreamscape.sim.commands import WAKE_BIT
from dreamscape.sim.events import BeaconLit, BridgeOpened, Caught, DoubtRose, LoopBroken, Won
from scenario.asserting import expect, expect_none
from scenario.picture import scenario
from scenario.running import hold, play, walk

BEACONS = ("1", "2", "3")

#: Leo beside the start; the beacons along the corridor, the exit at its end.
HALL = """
#################
#D@.1..2..3....X#
#################
"""


def wake(world) -> list:
    return hold(world, WAKE_BIT, lambda tick: any(type(e).__name__ == "Woke" for e in tick))


def test_waking_the_last_dreamer_raises_the_doubt_and_seals_the_exit():
    world = scenario(HALL, beacons=BEACONS)
    assert world.fog_view().climax == "doubt" and not world.fog_view().doubt_risen
    events = wake(world)
    rose = expect(events, DoubtRose)
    doubt = world.haunts[rose.haunt]
    assert doubt.kind == "doubt" and (doubt.x, doubt.y) == (rose.x, rose.y)
    assert world.view().doubt_risen and not world.view().exit_open
    # The Doubt is shown as a manifestation of its kind, and the beacons call at once.
    assert any(h.kind == "doubt" for h in world.view().haunts)
    assert R.KINDS["doubt"].always_hunts and R.KINDS["doubt"].step_ticks > R.MOVE_TICKS


def test_the_exit_cannot_be_used_before_the_loop_is_broken():
    picture = """
    ######
    #D@X.#
    #..1.#
    #.2.3#
    ######
    """
    world = scenario(picture, beacons=BEACONS)
    wake(world)
    events = walk(world, "E")
    assert (world.player.x, world.player.y) == world.exit
    events += play(world, [0] * 10)
    expect_none(events, Won)
    assert world.outcome is None


def test_a_beacon_lights_only_after_the_dreamer_is_awake():
    world = scenario(HALL, beacons=BEACONS)
    events = walk(world, "EE")  # onto Ava's beacon with Leo asleep
    expect_none(events, BeaconLit)
    assert not any(b.lit for b in world.view().beacons)
    walk(world, "WW")
    wake(world)
    events = walk(world, "EE")
    lit = expect(events, BeaconLit)
    assert (lit.beacon, lit.friend) == (0, FRIENDS[0])
    assert [b.lit for b in world.view().beacons] == [True, False, False]


BEHIND = """
###########
#D@.......#
#########.#
#X.3.2.1..#
###########
"""


def test_unlit_beacons_call_once_the_doubt_has_risen_until_seen_or_lit():
    world = scenario(BEHIND, beacons=BEACONS)
    play(world, [0] * 100)
    # Dormant beacons do not call before the Doubt rises.
    assert not any(c.is_mark for c in world.view().calls)
    wake(world)
    view = world.fog_view()
    unseen = {mark_call(b.index) for b in world.view().beacons if not view.seen[b.y, b.x]}
    assert unseen and {c.index for c in view.calls if c.is_mark} == unseen
    assert all(c.mark in range(3) for c in view.calls if c.is_mark)
    # The fog view shows a beacon only once seen.
    assert {b.index for b in view.beacons} == {b.index for b in world.view().beacons if view.seen[b.y, b.x]}
    events = walk(world, "EEEEEEESSWW")  # round the bend and onto Ava's beacon
    expect(events, BeaconLit, beacon=0)
    view = world.fog_view()
    assert not any(c.is_mark and c.mark == 0 for c in view.calls)
    assert [b.lit for b in view.beacons if b.index == 0] == [True]


def test_all_three_lit_break_the_loop_unmake_the_doubt_and_open_the_exit():
    world = scenario(HALL, beacons=BEACONS)
    wake(world)
    events = walk(world, "EE")
    expect_none(events, LoopBroken)
    events = walk(world, "EEE" + "EEE")
    broken = expect(events, LoopBroken)
    assert broken.tick == expect(events, BeaconLit, friend="Noah").tick
    opened = expect(events, BridgeOpened)
    assert opened.friend == "Mia" and (opened.x, opened.y) == world.exit
    assert not any(h.kind == "doubt" for h in world.haunts)
    assert world.view().loop_broken and world.view().exit_open and world.view().lit_count == 3
    events = walk(world, "EEEEE")
    expect(events, Won)


DEN = """
##########
#D@......#
#.######.#
#.#123#X.#
##########
"""


def test_the_doubt_hunts_and_a_touch_drains_lucidity():
    world = scenario(DEN, beacons=BEACONS)
    wake(world)
    before = world.player.lucidity
    events = play(world, [0] * 200)
    caught = expect(events, Caught)
    assert world.haunts[caught.haunt].kind == "doubt"
    assert caught.lucidity_left == before - R.KINDS["doubt"].drain


def test_unlit_beacons_are_kept_within_reach():
    # A glitch that would wall off Noah's beacon (and nothing else) waits, as it would for a sleeping dreamer.
    picture = "#################\n#D@.X.1..2..3...#\n#################"
    cut = [(5, {(11, 1): "#"})]
    plain = scenario(picture, glitches=cut)
    play(plain, [0] * 20)
    assert plain.terrain.tiles[1, 11] == 1  # without beacons it fires
    world = scenario(picture, beacons=BEACONS, glitches=cut)
    play(world, [0] * 20)
    assert world.terrain.tiles[1, 11] != 1


def test_the_level_key_names_a_known_climax(tmp_path):
    import pytest

    from dreamscape.core.errors import InputError
    from dreamscape.core.level import load_level, load_level_or_profile

    assert load_level_or_profile("ch1_the_loop").climax == "doubt"
    assert load_level_or_profile("ch2_beautiful_prison").climax == "prison"
    assert load_level_or_profile("ch3_endless_loop").climax == "replay"
    bad = tmp_path / "bad.toml"
    bad.write_text('dreamer = "leo"\nclimax = "storm"\n')
    with pytest.raises(InputError) as caught:
        load_level(bad)
    line = caught.value.line()
    assert "\n" not in line and str(bad) in line and '"doubt"' in line and "storm" in line


def test_the_generator_places_three_beacons_only_for_the_doubt_climax():
    from dreamscape.core.level import load_level_or_profile
    from dreamscape.gen import generate
    from dreamscape.gen.grid import UNREACHED, distance_from, strict_walkable

    spec = load_level_or_profile("ch1_the_loop")
    for seed in range(5):
        ds = generate(spec.with_seed(seed))
        assert [b.label for b in ds.marks] == list(FRIENDS)
        dist = distance_from(strict_walkable(ds.tiles), [ds.start])
        assert all(dist[b.y, b.x] != UNREACHED for b in ds.marks)
        assert len({b.pos for b in ds.marks}) == 3
        assert generate(spec.with_seed(seed)).content_hash() == ds.content_hash()

    other = generate(load_level_or_profile("ch2_beautiful_prison")._replace(climax=""))
    assert other.marks == [] and "marks" not in other.canonical()
