"""The dreamer's call as a person follows it: ripples and an edge marker on screen, a panned call in sound."""

from __future__ import annotations

import dataclasses
import math
import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import numpy as np
import pygame
import pytest

from dreamscape.app import callfx
from dreamscape.app.audio import MAX_CALLS, Audio, call_pan
from dreamscape.app.callfx import RIPPLE_TICKS, CallCues, marker_alpha, ripple_alpha
from dreamscape.app.dive_view.view import DiveView
from dreamscape.app.flash import FlashMeter
from dreamscape.app.hud import call_message
from dreamscape.app.tileart.entity_colours import EntityColours
from dreamscape.bot.bot import Bot
from dreamscape.core.level import load_level_or_profile
from dreamscape.gen import generate
from dreamscape.sim.calls import CALL_PERIOD, EXIT, Call
from dreamscape.sim.views import Views
from dreamscape.sim.world import World

HD = (1280, 720)
CENTRE = (640, 360)


@pytest.fixture(scope="module")
def ch1():
    return generate(load_level_or_profile("ch1_the_loop"))


def call(bearing: int, nearness: int = 2, index: int = 0, tick: int = 0) -> Call:
    return Call(index, bearing, nearness, tick, 0, 0)


def luminance(surface: pygame.Surface) -> np.ndarray:
    rgb = pygame.surfarray.array3d(surface).astype(np.float32)
    return rgb @ np.array([0.2126, 0.7152, 0.0722], np.float32)


def cues_frame(calls, now: float, colour_blind: bool = False, keep_clear=()) -> tuple[pygame.Surface, CallCues]:
    surface = pygame.Surface(HD)
    surface.fill((20, 18, 30))
    cues = CallCues(32, EntityColours(colour_blind))
    cues.draw(surface, calls, now, CENTRE, keep_clear)
    return surface, cues


# -- where and how it shows ----------------------------------------------------------------


@pytest.mark.parametrize("bearing, edge", [(0, "top"), (4, "right"), (8, "bottom"), (12, "left")])
def test_the_marker_sits_at_the_screen_edge_in_the_callers_bearing(bearing, edge):
    _, cues = cues_frame([call(bearing)], 5)
    x, y = cues.markers[0]
    margin = 32 * callfx.MARGIN_TILES
    expected = {"top": (640, margin), "right": (1280 - margin, 360), "bottom": (640, 720 - margin), "left": (margin, 360)}[edge]
    assert abs(x - expected[0]) <= 1 and abs(y - expected[1]) <= 1


def test_a_diagonal_call_points_between_and_each_point_of_sixteen_differs():
    spots = {}
    for bearing in range(16):
        _, cues = cues_frame([call(bearing)], 5)
        x, y = cues.markers[0]
        angle = math.degrees(math.atan2(x - CENTRE[0], CENTRE[1] - y)) % 360
        assert abs((angle - bearing * 22.5 + 180) % 360 - 180) < 1.5
        spots[bearing] = (x, y)
    assert len(set(spots.values())) == 16


def test_the_marker_keeps_out_from_under_a_panel():
    panel = pygame.Rect(0, 0, 300, 240)
    _, free = cues_frame([call(13)], 5)  # west-north-west: the ray ends under a top-left panel
    assert panel.inflate(48, 48).collidepoint(free.markers[0])
    _, kept = cues_frame([call(13)], 5, keep_clear=[panel])
    x, y = kept.markers[0]
    assert not panel.inflate(40, 40).collidepoint(x, y)
    # Moved in along the same bearing.
    angle = math.degrees(math.atan2(x - CENTRE[0], CENTRE[1] - y)) % 360
    assert abs(angle - 13 * 22.5) < 2


def test_nearer_callers_make_a_larger_brighter_marker_with_more_chevrons():
    cues = CallCues(32, EntityColours())
    areas = []
    for n in (1, 2, 3, 4):
        sprite, _ = cues._marker(4, n, "dreamer")
        areas.append(int((pygame.surfarray.pixels_alpha(sprite) > 128).sum()))
    assert areas == sorted(areas) and areas[3] > areas[0] * 1.5
    alphas = [marker_alpha(n, 30) for n in (1, 2, 3, 4)]
    assert alphas == sorted(alphas) and alphas[0] < alphas[3]
    # A soft swell at the pulse, not a jump.
    assert marker_alpha(2, 0) > marker_alpha(2, 60) and marker_alpha(2, 0) - marker_alpha(2, 60) < 60


def test_ripples_travel_in_and_fade_over_the_pulse():
    assert ripple_alpha(3, -1)[1] == 0 and ripple_alpha(3, RIPPLE_TICKS)[1] == 0
    shares, alphas = zip(*(ripple_alpha(3, a) for a in range(10, RIPPLE_TICKS, 5)))
    assert list(shares) == sorted(shares)
    assert list(alphas) == sorted(alphas, reverse=True)
    assert ripple_alpha(4, 20)[1] > ripple_alpha(1, 20)[1]  # nearer, stronger
    # On screen: a ripple from the east starts near the right edge and ends near the player.
    early, _ = cues_frame([call(4, 2)], 12)
    late, _ = cues_frame([call(4, 2)], 40)
    blank, _ = cues_frame([], 12)
    base = luminance(blank)

    def mean_x(surface):
        changed = np.abs(luminance(surface) - base) > 8
        changed[1280 - 110 :, :] = False  # leave the marker out
        xs = np.nonzero(changed)[0]
        return xs.mean()

    assert mean_x(early) > mean_x(late) > CENTRE[0]


def _placed(sprite_and_anchor) -> np.ndarray:
    """Where a sprite shows (alpha > 80), on a canvas with its anchor point in the middle."""
    sprite, (ax, ay) = sprite_and_anchor
    canvas = np.zeros((400, 400), bool)
    alpha = pygame.surfarray.array_alpha(sprite) > 80
    w, h = alpha.shape
    canvas[200 - ax : 200 - ax + w, 200 - ay : 200 - ay + h] = alpha
    return canvas


def test_the_exit_calls_in_another_shape_readable_in_the_colour_blind_palette():
    for colour_blind in (False, True):
        cues = CallCues(32, EntityColours(colour_blind))
        # Dotted against whole, arch against sleeper: the shapes differ, whatever the colours.
        whole, dotted = _placed(cues._arc(6, "dreamer")), _placed(cues._arc(6, "exit"))
        assert dotted.sum() < whole.sum() * 0.8 and (whole & ~dotted).sum() > 100
        # The glyphs: where each marker is bright, in greyscale.
        sleeper, arch = (luminance(_on_black(cues._marker(6, 2, kind)[0])) > 60 for kind in ("dreamer", "exit"))
        assert sleeper.shape == arch.shape and (sleeper ^ arch).sum() > 60


def _on_black(sprite: pygame.Surface) -> pygame.Surface:
    out = pygame.Surface(sprite.get_size())
    out.blit(sprite, (0, 0))
    return out


def test_sprites_are_built_once_and_kept():
    cues = CallCues(32, EntityColours())
    surface = pygame.Surface(HD)
    for t in range(0, 3 * CALL_PERIOD, 3):
        cues.draw(surface, [call(5, 3, tick=(t // CALL_PERIOD) * CALL_PERIOD), call(11, 1, index=EXIT, tick=(t // CALL_PERIOD) * CALL_PERIOD)], t, CENTRE)
    assert len(cues._arcs) == 2 and len(cues._markers) == 2
    assert 0 < len(cues._fades) <= callfx.MAX_FADES  # faded copies, in steps, kept


def test_markers_hold_still_while_the_camera_glides_and_ripples_reach_the_player():
    cues = CallCues(32, EntityColours())
    surface = pygame.Surface(HD)
    cues.draw(surface, [call(4, 2)], 5, (600, 340))
    first = dict(cues.markers)
    cues.draw(surface, [call(4, 2)], 5, (660, 380))
    assert cues.markers == first
    # Late in its run a ripple is most of the way to wherever the player is drawn (off the centre here).
    late = pygame.Surface(HD)
    cues.draw(late, [call(4, 2)], RIPPLE_TICKS - 8, (500, 300))
    lit = np.argwhere(luminance(late) > 8)
    lit = lit[lit[:, 0] < first[0][0] - 60]  # not the marker
    whole_way = np.hypot(first[0][0] - 500, first[0][1] - 300)
    assert len(lit) and np.hypot(*(lit.mean(axis=0) - (500, 300))) < 0.25 * whole_way


def test_a_stale_call_draws_nothing():
    drawn, cues = cues_frame([call(3, tick=500)], 100)  # a pulse from a later tick: another dive
    blank, _ = cues_frame([], 100)
    assert not cues.markers
    assert np.array_equal(pygame.surfarray.array3d(drawn), pygame.surfarray.array3d(blank))


# -- in a dive --------------------------------------------------------------------------------


def test_the_dive_draws_the_call_only_while_there_is_one(ch1):
    world = World(ch1)
    fog = world.fog_view()
    assert fog.calls
    view = DiveView(ch1)
    with_call, without = pygame.Surface(HD), pygame.Surface(HD)
    view.draw(with_call, fog, 0.0)
    marker = view._calls.markers[fog.calls[0].index]
    DiveView(ch1).draw(without, dataclasses.replace(fog, calls=()), 0.0)
    diff = np.abs(luminance(with_call) - luminance(without))
    assert diff[marker[0] - 12 : marker[0] + 12, marker[1] - 12 : marker[1] + 12].max() > 40


def test_the_hud_says_to_follow_the_ripples_while_no_dreamer_is_in_sight(ch1):
    world = World(ch1)
    assert call_message(world) == "A dreamer calls — follow the ripples"
    fog = world.fog_view()
    assert call_message(dataclasses.replace(fog, calls=())) is None
    exit_only = dataclasses.replace(fog, calls=(Call(EXIT, 3, 1, 0, 0, 0),))
    assert "way out" in call_message(exit_only)
    # With the dreamer in sight the marker is enough: no line.
    d = world.dreamers[0]
    world.player.x, world.player.y = next((x, y) for x in range(d[0] - 1, d[0] + 2) for y in range(d[1] - 1, d[1] + 2) if (x, y) != d and world.terrain.tiles[y, x] != 1)
    world.sight.update(world.terrain.tiles, world.player.x, world.player.y, world.terrain.version)
    seen = Views(world).fog()
    assert seen.visible[d[1], d[0]]
    assert call_message(dataclasses.replace(seen, calls=fog.calls)) is None


@pytest.mark.parametrize("colour_blind", [False, True])
def test_two_pulses_of_a_dive_with_its_call_pass_the_flash_analyser(ch1, colour_blind):
    world = World(ch1)
    bot = Bot()
    view = DiveView(ch1, colour_blind=colour_blind)
    surface = pygame.Surface((960, 540))
    meter = FlashMeter(60)
    for _ in range(2 * CALL_PERIOD + 10):
        for alpha in (0.0, 0.5):
            view.draw(surface, world, alpha)
            meter.feed(pygame.surfarray.pixels3d(surface).transpose(1, 0, 2))
        world.step(bot.command(world.fog_view()))
    report = meter.report()
    assert report.passed, report.summary()


# -- in sound ---------------------------------------------------------------------------------


def test_calls_are_panned_by_bearing_and_louder_when_near():
    left, right = call_pan(4, 2)  # east
    assert right > left * 3
    left, right = call_pan(12, 2)  # west
    assert left > right * 3
    for bearing in (0, 8):  # due north or south: the middle
        left, right = call_pan(bearing, 2)
        assert left == pytest.approx(right)
    assert sum(call_pan(2, 4)) > sum(call_pan(2, 1)) * 2
    assert all(0 <= v <= 1 for b in range(16) for n in (1, 2, 3, 4) for v in call_pan(b, n))


@pytest.fixture
def silent(monkeypatch):
    monkeypatch.setenv("DREAMSCAPE_MUTE", "1")
    return Audio(log=lambda line: None)


def test_a_pulse_plays_one_call_per_caller_nearest_first_even_when_silent(silent):
    assert not silent.enabled
    calls = [call(4, 1, index=0), call(12, 4, index=1), call(8, 2, index=2), call(0, 3, index=3), call(2, 1, index=EXIT)]
    played = silent.on_calls(calls)
    assert len(played) == MAX_CALLS
    assert [p[0] for p in played] == ["call"] * MAX_CALLS
    assert played[0][1:] == pytest.approx(call_pan(12, 4))  # the nearest, from the west
    assert silent.on_calls([call(6, 2, index=EXIT)])[0][0] == "exit_call"
    assert silent.on_calls([]) == []
    silent.play_panned("call", 0.2, 0.9)  # a no-op, and no error
    with pytest.raises(ValueError):
        silent.play_panned("no such sound", 1, 1)


def test_the_call_sound_is_soft_and_the_exit_call_differs():
    from dreamscape.app.synth import effects

    voice, bells = effects.call(), effects.exit_call()
    assert np.abs(voice.astype(np.int32)).max() < 0.5 * 32767
    assert np.abs(bells.astype(np.int32)).max() < 0.5 * 32767
    assert voice.shape[0] != bells.shape[0]
    assert np.abs(voice.astype(np.int32)).max() < np.abs(effects.caught().astype(np.int32)).max()


def test_live_calls_play_on_effect_channels(monkeypatch):
    monkeypatch.delenv("DREAMSCAPE_MUTE", raising=False)
    audio = Audio(log=lambda line: None)
    if not audio.enabled:
        pytest.skip("the mixer does not start here")
    try:
        pygame.mixer.stop()
        audio.on_calls([call(4, 3)])
        busy = [pygame.mixer.Channel(i) for i in range(1, pygame.mixer.get_num_channels()) if pygame.mixer.Channel(i).get_busy()]
        assert busy and busy[0].get_sound().get_length() == pytest.approx(0.8, abs=0.02)
        audio.play("step")  # centred again after a panned call
    finally:
        audio.close()


def test_a_climax_mark_calls_with_its_own_glyph_not_a_dreamers():
    from dreamscape.app.callfx import _style
    from dreamscape.sim.calls import Call, mark_call

    cues = CallCues(32, EntityColours(False))
    memory = Call(mark_call(0), 6, 2, 0, 0, 0)
    assert _style(memory, "memory") == "memory" and _style(memory, "") == "dreamer"
    assert _style(Call(0, 6, 2, 0, 0, 0), "memory") == "dreamer"
    sleeper, keyhole = (luminance(_on_black(cues._marker(6, 2, kind)[0])) > 60 for kind in ("dreamer", "memory"))
    assert sleeper.shape == keyhole.shape and (sleeper ^ keyhole).sum() > 30
    assert cues.colour("memory") != cues.colour("dreamer")
