"""Scenario tests of the 'replay' climax (chapter 3): the night that rewinds until its memories are found.

Stages are drawn with the scenario helper (tests/scenario/); memories are
marks '1', '2', '3' in core.climax.MEMORIES order.
"""

from __future__ import annotations

from dreamscape.core.climax import MEMORIES, marks_for
from dreamscape.core.level import load_level_or_profile
from dreamscape.gen.architect import generate
from dreamscape.gen.grid import UNREACHED, distance_from, strict_walkable
from dreamscape.sim.calls import mark_call
from dreamscape.sim.commands import WAKE_BIT
from dreamscape.sim.events import LoopRemembered, MemoryFound, NightReplayed, Won
from dreamscape.sim.replay import REPLAY_CLEARANCE, REPLAY_PERIOD
from dreamscape.sim.world import World
from scenario.asserting import expect, expect_none
from scenario.picture import scenario
from scenario.running import hold, play, walk

MEMORY_MARKS = ("1", "2", "3")

#: Mira beside the start; the memories along the corridor, the exit at its end.
HALL = """
#################
#D@.1..2..3....X#
#################
"""


def wake(world) -> list:
    return hold(world, WAKE_BIT, lambda tick: any(type(e).__name__ == "Woke" for e in tick))


def test_the_memories_are_found_underfoot_in_any_order_and_only_then_the_exit_opens():
    world = scenario(HALL, climax="replay", marks=MEMORY_MARKS)
    view = world.view()
    assert view.climax == "replay" and view.climax_begun and not view.exit_open
    assert view.needed == (0, 1, 2) and [m.label for m in view.marks] == list(MEMORIES)
    events = walk(world, "EE")  # onto the first memory, the dreamer still asleep
    found = expect(events, MemoryFound)
    assert (found.memory, found.label) == (0, MEMORIES[0])
    assert world.view().needed == (1, 2) and world.view().done_count == 1
    walk(world, "WW")
    wake(world)
    events = walk(world, "EE" + "EEE" + "EE")
    expect_none(events, LoopRemembered)  # two of three
    events = walk(world, "E")
    remembered = expect(events, LoopRemembered)
    assert (remembered.x, remembered.y) == world.exit
    assert world.view().climax_resolved and world.view().exit_open and world.view().needed == ()
    events = walk(world, "EEEEE")
    expect(events, Won)


def test_the_exit_does_not_win_while_a_memory_is_hidden():
    picture = """
    #######
    #D@..X#
    #....1#
    #######
    """
    world = scenario(picture, climax="replay", marks=("1",))
    wake(world)
    events = walk(world, "EEE")
    assert (world.player.x, world.player.y) == world.exit
    events += play(world, [0] * 10)
    expect_none(events, Won)
    events = walk(world, "S")
    expect(events, LoopRemembered)
    events = walk(world, "N")
    expect(events, Won)


BEHIND = """
###########
#D@.......#
#########.#
#X.3.2.1..#
###########
"""


def test_hidden_memories_call_from_the_first_tick_until_seen():
    world = scenario(BEHIND, climax="replay", marks=MEMORY_MARKS)
    view = world.fog_view()
    unseen = {mark_call(m.index) for m in world.view().marks if not view.seen[m.y, m.x]}
    assert unseen and {c.index for c in view.calls if c.is_mark} == unseen
    # The fog view shows a memory only once seen.
    assert {m.index for m in view.marks} == {m.index for m in world.view().marks if view.seen[m.y, m.x]}
    walk(world, "EEEEEEESS")
    view = world.fog_view()
    assert not any(c.is_mark and c.mark == 0 for c in view.calls)


NIGHT = """
###############
#@...........M#
#.#############
#D............X
###############
"""


def test_the_night_replays_on_its_period_sending_manifestations_home_forgetting_the_player():
    world = scenario(NIGHT.replace("X", "#").replace("D.", "D1", 1), climax="replay", marks=("1",),
                     time_limit_ticks=REPLAY_PERIOD * 3)  # fmt: skip
    haunt = world.haunts[0]
    events = play(world, [0] * REPLAY_PERIOD)  # ticks 0 .. PERIOD - 1
    expect_none(events, NightReplayed)
    # Moved off its post, as if it had wandered or hunted.
    haunt.x, haunt.y, haunt.state, haunt.trail = 8, 1, 1, 40
    events = play(world, [0])
    replayed = expect(events, NightReplayed)
    assert replayed.tick == REPLAY_PERIOD and replayed.count == 1
    assert (haunt.x, haunt.y) == (haunt.home_x, haunt.home_y) and haunt.state == 0 and haunt.trail == 0
    events = play(world, [0] * REPLAY_PERIOD)
    assert expect(events, NightReplayed).count == 2


def test_a_manifestation_beside_the_player_is_not_put_back_on_top_of_anything():
    picture = """
    ########
    #@M..1X#
    #D.....#
    ########
    """
    world = scenario(picture, climax="replay", marks=("1",), time_limit_ticks=REPLAY_PERIOD * 2)
    haunt = world.haunts[0]
    assert max(abs(haunt.home_x - world.player.x), abs(haunt.home_y - world.player.y)) <= REPLAY_CLEARANCE
    world.tick = REPLAY_PERIOD
    haunt.x, haunt.y = 4, 2
    expect(play(world, [0]), NightReplayed)
    assert (haunt.x, haunt.y) == (4, 2)  # its post is too near the player: it stays where it is


def test_once_every_memory_is_found_the_night_no_longer_replays():
    world = scenario(HALL, climax="replay", marks=MEMORY_MARKS, time_limit_ticks=REPLAY_PERIOD * 3)
    walk(world, "EE" + "EEE" + "EEE")
    assert world.climax.resolved
    events = play(world, [0] * (REPLAY_PERIOD * 2))
    expect_none(events, NightReplayed)


def test_unfound_memories_are_kept_within_reach():
    world = scenario(HALL, climax="replay", marks=MEMORY_MARKS)
    assert sorted(world._places()) == sorted((mark_call(i), pos) for i, pos in enumerate(world.climax.marks))
    walk(world, "EE")
    assert [i for i, _ in world._places()] == [mark_call(1), mark_call(2)]


def test_the_replay_count_and_finds_are_in_the_checksum():
    a = scenario(HALL, climax="replay", marks=MEMORY_MARKS)
    b = scenario(HALL, climax="replay", marks=MEMORY_MARKS)
    assert a.checksums() == b.checksums()
    walk(a, "EE")  # onto the first memory
    walk(b, "E")
    play(b, [0] * (a.tick - b.tick))
    assert a.tick == b.tick and a.checksums()["dreamers"] != b.checksums()["dreamers"]


def test_chapter_three_places_its_memories_reachable_and_apart():
    spec = load_level_or_profile("ch3_endless_loop")
    assert spec.climax == "replay"
    ds = generate(spec)
    kind, labels = marks_for("replay")
    assert [(m.kind, m.label) for m in ds.marks] == [(kind, label) for label in labels]
    dist = distance_from(strict_walkable(ds.tiles), [ds.start])
    assert all(dist[m.y, m.x] != UNREACHED for m in ds.marks)
    assert len({m.pos for m in ds.marks}) == len(labels)
    assert generate(spec).content_hash() == ds.content_hash()


def test_the_bots_play_a_replaying_night_to_a_win():
    from dreamscape.bot.bot import Bot

    for fog in (True, False):
        world = scenario(BEHIND, climax="replay", marks=MEMORY_MARKS)
        bot = Bot()
        while not world.done and world.tick < 5000:
            world.step(bot.command(world.fog_view() if fog else world.view()))
        assert world.outcome == "won", fog
        assert world.climax.resolved


def test_a_level_without_the_climax_is_untouched():
    world = World(generate(load_level_or_profile("ch2_beautiful_prison")))
    assert world.climax.name != "replay" and not any(m.kind == "memory" for m in world.ds.marks)


def test_chapter_three_teaches_its_climax_and_nothing_else():
    from dreamscape.app.progress import Progress
    from dreamscape.app.prompts import Teacher

    world = scenario(HALL, climax="replay", marks=MEMORY_MARKS, time_limit_ticks=REPLAY_PERIOD * 2)
    teacher = Teacher("ch3_endless_loop", Progress(), "replay")
    events = walk(world, "EE")  # a memory found: its lesson, not chapter one's call or dreamer lessons
    assert [p.key for p in teacher.step(world.fog_view(), events)] == ["memory"]
    world.tick = REPLAY_PERIOD
    events = play(world, [0])
    prompts = teacher.step(world.fog_view(), events)
    assert [p.key for p in prompts] == ["replay"] and "rewinds" in prompts[0].detail
    assert Teacher("ch3_endless_loop", Progress(completed=["ch3_endless_loop"]), "replay").step(world.fog_view(), events) == []


def test_the_hud_and_the_results_name_the_replay():
    import dataclasses

    from dreamscape.app.hud import climax_message
    from dreamscape.app.screens.results import climax_text
    from dreamscape.app.session import DiveResult

    world = scenario(HALL, climax="replay", marks=MEMORY_MARKS)
    assert climax_message(world.fog_view()) == "The night replays — find what it hides (0/3 memories)"
    walk(world, "EE" + "EEE" + "EEE")
    assert "the way out is open" in climax_message(world.fog_view())
    plain = DiveResult("ch3", 5150, "lost_time", 100, 1, 1, 0, 50, None, climax="replay", climax_begun=True, marks_done=1, marks=3, replays=2, dreamer="Mira")
    assert climax_text(plain) == "The loop kept its secrets: 1 of 3 memories found; the night started over 2 times."
    won = dataclasses.replace(plain, outcome="won", marks_done=3, climax_resolved=True, replays=1)
    assert climax_text(won) == "You found all 3 memories Mira's loop was hiding; the night started over once, and the dreamer remembered."


def test_any_seed_takes_its_climax_from_the_strongest_fear_and_a_desire_settles_a_tie(tmp_path):
    from dreamscape.core.climax import CLIMAXES, DESIRE_CLIMAX, FEAR_CLIMAX, climax_for
    from dreamscape.core.vocabulary import DESIRES, FEARS

    # Every fear has a climax, and every climax answers some fear.
    assert set(FEAR_CLIMAX) == set(FEARS) and set(FEAR_CLIMAX.values()) == set(CLIMAXES)
    assert set(DESIRE_CLIMAX) == set(DESIRES)
    assert climax_for({"loss": 0.9, "self_doubt": 0.5}, {}) == "replay"
    assert climax_for({"isolation": 0.4}, {"wonder": 1.0}) == "blackout"
    # A tie between fears of different climaxes: the strongest desire that leans to one of them.
    tie = {"being_trapped": 0.7, "chaos": 0.7}
    assert climax_for(tie, {}) == "prison"  # no desire: the vocabulary's order
    assert climax_for(tie, {"wonder": 0.9, "escape": 0.3}) == "nexus"
    assert climax_for(tie, {"reunion": 0.9, "escape": 0.3}) == "prison"  # reunion leans to neither
    assert climax_for({}, {"escape": 1.0}) == ""
    # Bundled dreamers dive into their own climaxes; a level may still name one, or none.
    assert load_level_or_profile("mira").climax == "replay" and load_level_or_profile("leo").climax == "doubt"
    plain = tmp_path / "plain.toml"
    plain.write_text('dreamer = "mira"\nclimax = "none"\n')
    spec = load_level_or_profile(plain)
    assert spec.climax == "" and spec.to_dict()["climax"] == "none"
    derived = tmp_path / "derived.toml"
    derived.write_text('dreamer = "mira"\n')
    assert load_level_or_profile(derived).climax == "replay"
