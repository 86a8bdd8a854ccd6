"""The 'nexus' climax (chapter 5): the clients' wards, the glitches that are their fears, and the terminals' hack.

Stages are drawn with the scenario helper (tests/scenario/); terminals are
marks '1', '2', '3'. Chapter 5 itself is generated once for the module.
"""

from __future__ import annotations

import pytest

from conftest import REPO_ROOT
from dreamscape.bot.bot import Bot
from dreamscape.core import tiles as T
from dreamscape.core.climax import MARKS, VISITED
from dreamscape.core.level import load_level_or_profile
from dreamscape.core.timing import TICKS_PER_SECOND
from dreamscape.gen import generate
from dreamscape.gen.dreamscape import Client, Ward
from dreamscape.gen.grid import UNREACHED, distance_from, strict_walkable
from dreamscape.gen.wards import CLEAR_OF_DREAMER, WARD_SIZE
from dreamscape.sim.commands import USE_BIT, WAKE_BIT
from dreamscape.sim.events import Glitched, Hacked, WardWoken, Woke
from dreamscape.sim.nexus import HOLD
from dreamscape.sim.world import World
from scenario.asserting import expect, expect_none
from scenario.picture import glitch, scenario
from scenario.running import hold, play, walk

CH5 = REPO_ROOT / "levels" / "chapters" / "ch5_nexus_malfunction.toml"


@pytest.fixture(scope="module")
def ch5():
    return generate(load_level_or_profile(CH5))


def wake(world) -> list:
    return hold(world, WAKE_BIT, lambda tick: any(isinstance(e, Woke) for e in tick))


# -- the generator -------------------------------------------------------------


def test_chapter_five_traps_at_least_a_hundred_clients_in_wards(ch5):
    assert ch5.spec.climax == "nexus"
    assert ch5.client_count >= 100
    assert len(ch5.wards) == len(ch5.dreamers)
    assert all(1 <= len(w.clients) <= WARD_SIZE for w in ch5.wards)
    assert [w.dreamer for w in ch5.wards] == list(range(len(ch5.dreamers)))
    fears = set(ch5.spec.profile.fears)
    assert {c.fear for w in ch5.wards for c in w.clients} <= fears


def test_clients_lie_on_untouched_reachable_floor_apart_and_near_their_dreamer(ch5):
    walk_mask = strict_walkable(ch5.tiles)
    reach = distance_from(walk_mask, [ch5.start]) != UNREACHED
    touched = {(x, y) for g in ch5.glitches for x, y, _ in g.changes.tolist()}
    taken = {ch5.start, ch5.exit, *(m.pos for m in ch5.marks), *(d.pos for d in ch5.dreamers)}
    everyone = [c for w in ch5.wards for c in w.clients]
    assert len({c.pos for c in everyone}) == len(everyone)
    for ward in ch5.wards:
        d = ch5.dreamers[ward.dreamer]
        near = distance_from(walk_mask, [d.pos])
        for c in ward.clients:
            assert ch5.tiles[c.y, c.x] == T.FLOOR and reach[c.y, c.x]
            assert c.pos not in touched and c.pos not in taken
            assert max(abs(c.x - d.x), abs(c.y - d.y)) > CLEAR_OF_DREAMER
            assert near[c.y, c.x] != UNREACHED
    for a in everyone:
        for b in everyone:
            if a is not b:
                assert max(abs(a.x - b.x), abs(a.y - b.y)) > 1


def test_wards_are_deterministic_and_in_the_canonical_form(ch5):
    again = generate(load_level_or_profile(CH5))
    assert again.wards == ch5.wards and again.glitch_wards == ch5.glitch_wards
    assert again.content_hash() == ch5.content_hash()
    canon = ch5.canonical()
    assert len(canon["wards"]) == len(ch5.wards) and canon["glitch_wards"] == ch5.glitch_wards


def test_every_glitch_but_a_return_belongs_to_the_nearest_ward(ch5):
    assert len(ch5.glitch_wards) == len(ch5.glitches)
    for g, ward in zip(ch5.glitches, ch5.glitch_wards):
        if g.kind == "return":
            assert ward == -1
            continue
        assert ward >= 0
        x, y = (int(g.changes[0, 0]), int(g.changes[0, 1])) if len(g.changes) else g.portals[0].a
        dist = [(ch5.dreamers[w.dreamer].x - x) ** 2 + (ch5.dreamers[w.dreamer].y - y) ** 2 for w in ch5.wards]
        assert ward == dist.index(min(dist))


def test_other_chapters_have_no_wards():
    leo = generate(load_level_or_profile(REPO_ROOT / "levels" / "chapters" / "ch1_the_loop.toml"))
    assert leo.wards == [] and "wards" not in leo.canonical()


def test_terminals_are_the_marks_and_not_required():
    kind, labels = MARKS["nexus"]
    assert kind == "terminal" and len(labels) == 3 and kind not in VISITED


# -- the rule ------------------------------------------------------------------

#: A dreamer with two clients, a terminal under the start's east neighbour, and ground that glitches.
WARD = """
###########
#@1D......#
#.........#
#.2...3..X#
###########
"""


def ward_world(glitches=(), glitch_wards=(), wards=None):
    wards = [Ward(0, "loss", (Client(6, 1, "loss"), Client(8, 2, "chaos")))] if wards is None else wards
    return scenario(WARD, climax="nexus", marks=["1", "2", "3"], glitches=glitches, glitch_wards=glitch_wards, wards=wards)


def test_waking_the_dreamer_wakes_the_ward():
    world = ward_world()
    view = world.fog_view()
    assert view.climax == "nexus" and view.client_count == 2 and view.clients_woken == 0
    walk(world, "E")
    events = wake(world)
    woken = expect(events, WardWoken)
    assert (woken.ward, woken.clients) == (0, 2)
    view = world.view()
    assert view.clients_woken == 2 and all(c.awake for c in view.clients) and view.climax_resolved


def test_a_woken_wards_glitches_are_eased_and_others_still_strike():
    mine, other = glitch(400, {(5, 2): "#"}), glitch(410, {(7, 2): "#"})
    wards = [Ward(0, "loss", (Client(6, 1, "loss"),)), Ward(1, "chaos", ())]
    picture = WARD.replace("#@1D......#", "#@1D....D.#")
    world = scenario(picture, climax="nexus", marks=["1", "2", "3"], glitches=[mine, other], glitch_wards=[0, 1], wards=wards)
    walk(world, "E")
    events = wake(world)
    woken = expect(events, WardWoken, ward=0)
    assert woken.eased == 1
    events = play(world, [0] * 420)
    fired = [e.glitch for e in events if isinstance(e, Glitched)]
    assert fired == [1]
    assert world.terrain.tiles[2, 5] == T.FLOOR and world.terrain.tiles[2, 7] == T.WALL


def test_a_hack_holds_every_glitch_exactly_hold_ticks():
    later = glitch(100, {(5, 2): "#"})
    world = ward_world([later], [0])
    walk(world, "E")  # onto terminal 1
    events = play(world, [USE_BIT])
    hacked = expect(events, Hacked, terminal=0)
    t = hacked.tick
    assert hacked.until == t + HOLD and world.view().hold_left == HOLD - 1
    events = play(world, [0] * (100 + HOLD - world.tick))
    expect_none(events, Glitched)
    events = play(world, [0])
    assert expect(events, Glitched).tick == 100 + HOLD


def test_each_terminal_hacks_once_and_use_elsewhere_does_nothing():
    world = ward_world()
    events = play(world, [USE_BIT, 0])  # on the start: no terminal
    expect_none(events, Hacked)
    walk(world, "E")
    expect(play(world, [USE_BIT, 0]), Hacked)
    expect_none(play(world, [USE_BIT, 0]), Hacked)
    assert [m.done for m in world.view().marks] == [True, False, False]
    walk(world, "SS")  # terminal 2
    second = expect(play(world, [USE_BIT]), Hacked, terminal=1)
    assert world.terrain.delay == 2 * HOLD and second.until > second.tick + HOLD


def test_hacks_and_wards_move_the_checksum():
    a, b = ward_world(), ward_world()
    walk(a, "E")
    walk(b, "E")
    assert a.checksums() == b.checksums()
    play(a, [USE_BIT])
    play(b, [0])
    assert a.checksums()["dreamers"] != b.checksums()["dreamers"]


def test_the_fog_view_shows_only_seen_clients():
    picture = """
    ####################################
    #@D...............................X#
    ####################################
    """
    far = Client(33, 1, "loss")
    world = scenario(picture, climax="nexus", wards=[Ward(0, "loss", (Client(5, 1, "loss"), far))])
    assert [c.x for c in world.fog_view().clients] == [5]
    assert len(world.view().clients) == 2 and world.fog_view().client_count == 2


def test_struck_glitches_show_their_wards_fear():
    world = ward_world([glitch(3, {(5, 2): "#"})], [0], [Ward(0, "chaos", ())])
    play(world, [0] * 5)
    struck = world.view().struck
    assert [(s.x, s.y, s.fear) for s in struck] == [(5, 2, "chaos")]


def test_a_scar_stays_while_its_ward_sleeps_and_heals_when_it_wakes():
    world = ward_world([glitch(3, {(5, 2): "#"})], [0])
    play(world, [0] * 5)
    # Long after the glitch (ten seconds), the ward still sleeps: the scar is still there.
    play(world, [0] * (10 * TICKS_PER_SECOND))
    assert [(s.x, s.y, s.fear, s.tick) for s in world.view().struck] == [(5, 2, "loss", 3)]
    walk(world, "E")
    expect(wake(world), WardWoken, ward=0)
    assert world.view().struck == ()


def test_the_fog_view_shows_only_the_scars_of_seen_tiles():
    world = ward_world([glitch(3, {(5, 2): "#", (9, 1): "#"})], [0])
    play(world, [0] * 5)
    whole = {(s.x, s.y) for s in world.view().struck}
    fog = {(s.x, s.y) for s in world.fog_view().struck}
    assert whole == {(5, 2), (9, 1)}
    assert fog == {(x, y) for x, y in whole if world.sight.seen[y, x]}


def test_the_bot_hacks_a_terminal_and_wins_a_small_nexus():
    picture = """
    ##############
    #@..1......D.#
    #..........X.#
    ##############
    """
    ds = scenario(picture, climax="nexus", marks=["1"], wards=[Ward(0, "loss", (Client(8, 2, "loss"),))]).ds
    for sight in ("fog", "full"):
        world = World(ds)
        hacked = []
        bot = Bot()
        for _ in range(3000):
            look = world.fog_view() if sight == "fog" else world.view()
            hacked += [e for e in world.step(bot.command(look)) if isinstance(e, Hacked)]
            if world.done:
                break
        assert world.outcome == "won" and len(hacked) == 1, sight


# -- the game ------------------------------------------------------------------


def test_the_dive_draws_clients_terminals_and_fear_tinted_struck_tiles():
    import os

    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    import pygame

    from dreamscape.app.dive_view.entity_sprites import EntitySprites
    from dreamscape.app.dive_view.nexus_draw import draw_nexus, fear_colour
    from dreamscape.app.tileart.entity_colours import EntityColours

    pygame.init()
    world = ward_world([glitch(3, {(5, 2): "#"})], [0], [Ward(0, "chaos", (Client(6, 1, "chaos"), Client(8, 2, "loss")))])
    play(world, [0] * 5)
    view = world.fog_view()
    surface = pygame.Surface((400, 200))
    art = EntitySprites(32, EntityColours())
    art.use_format(surface)
    drawn = draw_nexus(surface, view, lambda x, y: True, lambda x, y: (x * 32 + 16, y * 32 + 16), art, 0.0)
    assert drawn == 2
    # The struck tile's outline is the ward's fear colour.
    assert tuple(surface.get_at((5 * 32 + 2, 2 * 32 + 16)))[:3] == fear_colour("chaos")
    # Each sleeping client is drawn in its own fear's colour, inside a dark outline.
    pixels = pygame.surfarray.array3d(surface)
    for (x, y), fear in (((6, 1), "chaos"), ((8, 2), "loss")):
        tile = pixels[x * 32 : x * 32 + 32, y * 32 : y * 32 + 32].reshape(-1, 3)
        assert (tile == fear_colour(fear)).all(axis=1).sum() > 20
        assert (tile.max(axis=1) < 40).sum() > 20


def test_hud_prompt_and_results_words():
    from dreamscape.app import nexus_text
    from dreamscape.app.prompts import Teacher

    world = ward_world()
    view = world.fog_view()
    assert nexus_text.climax_line(view) == "Clients woken 0/2"
    walk(world, "E")
    play(world, [USE_BIT])
    assert nexus_text.climax_line(world.fog_view()) == f"Clients woken 0/2 · hold: {HOLD // 30} s"
    prompts = Teacher("ch5_nexus_malfunction").step(world.fog_view(), [], "Space", "F")
    assert [p.key for p in prompts] == ["ward", "terminal"] and "F" in prompts[1].detail
    assert "3 of 120" not in nexus_text.results_line("nexus", 42, 120, 2, 3, False)
    assert nexus_text.results_line("nexus", 42, 120, 2, 3, False) == "42 of 120 clients woke before the dream closed (2 of 3 terminals hacked)."
    assert "120 clients" in nexus_text.results_line("nexus", 120, 120, 1, 3, True)
    assert nexus_text.results_line("doubt", 0, 0, 0, 0, True) == ""
