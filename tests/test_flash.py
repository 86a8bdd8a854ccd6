"""The WCAG 2.3.1 flash analyser, and the screen glitches it certifies as flash-safe."""

from __future__ import annotations

import os

# Before pygame is imported anywhere: no window, no sound card, no banner.
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from collections.abc import Iterator

import numpy as np
import pygame
import pytest

from dreamscape.app.flash import FlashMeter, analyse, red_value, relative_luminance
from dreamscape.app.glitchfx.screen_glitch import ScreenGlitch
from dreamscape.app.glitchfx.tint import tint_change_bound
from dreamscape.core.level import load_level_or_profile
from dreamscape.gen import generate
from dreamscape.render.map_image import render_map

FPS = 60
FRAME_MS = 1000 / FPS
SMALL = (180, 320)  # (height, width) of the synthetic sequences
SCREEN = (1280, 720)
BLACK, WHITE = (0, 0, 0), (255, 255, 255)


def lum(rgb: tuple[int, int, int]) -> float:
    return float(relative_luminance(np.array(rgb, dtype=np.uint8)))


def flicker(hz: float, a=BLACK, b=WHITE, seconds: float = 2.0, columns: slice = slice(None)) -> Iterator[np.ndarray]:
    """Frames alternating between colours a and b, `hz` full cycles (flashes) a second.

    Only `columns` change; the rest of the frame stays colour a.
    """
    for i in range(int(seconds * FPS)):
        frame = np.empty((*SMALL, 3), dtype=np.uint8)
        frame[:] = a
        if int(i * 2 * hz / FPS) % 2:
            frame[:, columns] = b
        yield frame


def columns_covering(share: float) -> slice:
    return slice(0, round(SMALL[1] * share))


# -- the analyser on synthetic sequences ----------------------------------------


def test_full_screen_black_white_at_10hz_fails():
    report = analyse(flicker(10), FPS)
    assert not report.passed
    assert report.max_flashes_per_second == 10
    # Transitions land every third frame; the seventh (3.5 flashes) is at frame 21.
    assert report.first_failing_frame == 21


def test_full_screen_black_white_at_1hz_passes():
    report = analyse(flicker(1), FPS)
    assert report.passed
    assert report.first_failing_frame is None
    assert report.max_flashes_per_second == 1


def test_three_flashes_a_second_pass_and_four_fail():
    assert analyse(flicker(3), FPS).passed
    four = analyse(flicker(4), FPS)
    assert not four.passed and four.max_flashes_per_second == 4


def test_flicker_over_a_tenth_of_the_screen_passes():
    report = analyse(flicker(10, columns=columns_covering(0.10)), FPS)
    assert report.passed
    assert report.max_flashes_per_second == 0  # the flickering tenth is not a quarter


def test_flicker_over_two_fifths_of_the_screen_fails():
    report = analyse(flicker(10, columns=columns_covering(0.40)), FPS)
    assert not report.passed
    assert report.max_flashes_per_second == 10


def test_flicker_just_under_and_over_a_quarter():
    assert analyse(flicker(10, columns=columns_covering(0.20)), FPS).passed
    assert not analyse(flicker(10, columns=columns_covering(0.30)), FPS).passed


def test_small_luminance_changes_at_10hz_pass():
    dim, less_dim = (118, 118, 118), (128, 128, 128)
    assert 0.02 < lum(less_dim) - lum(dim) < 0.1
    report = analyse(flicker(10, dim, less_dim), FPS)
    assert report.passed and report.max_flashes_per_second == 0


def test_saturated_red_against_dark_at_10hz_counts_red_flashes_and_fails():
    report = analyse(flicker(10, BLACK, (255, 0, 0)), FPS)
    assert not report.passed
    assert report.max_red_flashes_per_second == 10


def test_red_flashes_fail_even_without_any_luminance_change():
    red, grey = (255, 0, 0), (127, 127, 127)
    assert abs(lum(red) - lum(grey)) < 0.01
    report = analyse(flicker(10, grey, red), FPS)
    assert report.max_flashes_per_second == 0
    assert report.max_red_flashes_per_second == 10
    assert not report.passed


def test_unsaturated_red_is_not_a_red_flash():
    pink = (255, 150, 150)
    assert float(red_value(np.array(pink, dtype=np.uint8))) == 0.0
    assert analyse(flicker(10, (150, 150, 150), pink), FPS).max_red_flashes_per_second == 0


def test_bright_pair_whose_darker_state_is_above_0_8_passes():
    bright, brightest = (237, 237, 237), WHITE
    assert lum(bright) > 0.8 and lum(brightest) - lum(bright) >= 0.1
    report = analyse(flicker(10, bright, brightest), FPS)
    assert report.passed and report.max_flashes_per_second == 0


def test_meter_fed_frame_by_frame_matches_analyse():
    frames = list(flicker(5, columns=columns_covering(0.5)))
    meter = FlashMeter(FPS)
    readings = [meter.feed(f) for f in frames]
    assert meter.report() == analyse(frames, FPS)
    # The window ending at each frame: 5 Hz reaches five flashes once a second is in.
    assert max(r[0] for r in readings) == 5
    with pytest.raises(ValueError):
        meter.feed(np.zeros((10, 10, 3), dtype=np.uint8))


# -- frames for the glitch tests ------------------------------------------------


@pytest.fixture(scope="module")
def map_frame(repo_root) -> pygame.Surface:
    """The Nexus Malfunction dreamscape (turmoil 0.9) scaled to cover a 1280x720 screen."""
    spec = load_level_or_profile(repo_root / "levels" / "chapters" / "ch5_nexus_malfunction.toml")
    image = render_map(generate(spec), legend=False)
    width, height = SCREEN
    scaled_height = max(height, round(image.get_height() * width / image.get_width()))
    scaled = pygame.transform.scale(image, (width, scaled_height))
    frame = pygame.Surface(SCREEN)
    frame.blit(scaled, (0, (height - scaled_height) // 2))
    return frame


@pytest.fixture(scope="module")
def grey_frame() -> pygame.Surface:
    frame = pygame.Surface(SCREEN)
    frame.fill((128, 128, 128))
    return frame


@pytest.fixture(scope="module")
def checker_frame() -> pygame.Surface:
    frame = pygame.Surface(SCREEN)
    frame.fill(BLACK)
    for y in range(0, SCREEN[1], 40):
        for x in range(0, SCREEN[0], 40):
            if (x + y) // 40 % 2:
                frame.fill(WHITE, (x, y, 40, 40))
    return frame


def view(surface: pygame.Surface) -> np.ndarray:
    """The surface's pixels as HxWx3, without copying.

    A copy (surfarray.array3d) of every 1280x720 frame would dominate the test's
    time; the analyser reads each frame before the next is drawn, so a view is exact.
    """
    return pygame.surfarray.pixels3d(surface).transpose(1, 0, 2)


def strongest_run(base: pygame.Surface, seconds: float = 5.0, seed: int = 0):
    """Glitches at the strongest setting over a still `base`: turmoil 1, trigger(1) every 3 frames.

    Returns the analyser's report, how many frames the glitch visibly changed,
    and for each frame whether it differed from the frame before.
    """
    fx = ScreenGlitch(intensity=1.0, seed=seed)
    fx.set_ambient(1.0)
    frame = pygame.Surface(base.get_size(), 0, base)
    reference = view(base)[::3, ::3].copy()
    glitched, changed, previous = 0, [], None

    def frames() -> Iterator[np.ndarray]:
        nonlocal glitched, previous
        for i in range(int(seconds * FPS)):
            if i % 3 == 0:
                fx.trigger(1.0)
            fx.update(FRAME_MS)
            frame.blit(base, (0, 0))
            fx.apply(frame)
            assert frame.get_size() == base.get_size()
            pixels = view(frame)
            sample = pixels[::3, ::3].copy()
            glitched += not np.array_equal(sample, reference)
            changed.append(previous is not None and not np.array_equal(sample, previous))
            previous = sample
            yield pixels
            del pixels

    report = analyse(frames(), FPS)
    return report, glitched, changed


def most_changes_in_a_second(changed: list[bool]) -> int:
    return int(np.convolve(np.array(changed, dtype=int), np.ones(FPS, dtype=int), mode="valid").max())


# -- the glitches ---------------------------------------------------------------


@pytest.mark.parametrize("name", ["map_frame", "grey_frame", "checker_frame"])
def test_strongest_glitches_pass_the_flash_test(name, request):
    report, glitched, changed = strongest_run(request.getfixturevalue(name))
    assert report.frames == 5 * FPS
    assert report.passed, report.summary()
    # Each change of look is at most one transition: four a second is two flashes.
    assert report.max_flashes_per_second <= 2
    assert report.max_red_flashes_per_second <= 2
    # The structural guarantee behind that: over a still scene the picture
    # changes only when the look does, at most four times in any second.
    assert 1 <= most_changes_in_a_second(changed) <= 4
    # ...and the glitches really were on screen, so the pass is not for doing nothing.
    assert glitched > report.frames // 2


def stripes(phase: int) -> pygame.Surface:
    """Vertical 8 px stripes of magenta and green of equal luminance, swapped by `phase`."""
    magenta, green = (255, 0, 255), (0, 170, 0)
    frame = pygame.Surface(SCREEN)
    frame.fill(magenta if phase else green)
    for x in range(0, SCREEN[0], 16):
        frame.fill(green if phase else magenta, (x, 0, 8, SCREEN[1]))
    return frame


def test_a_held_look_that_keeps_swinging_a_changing_scene_is_switched_off():
    # Each pixel swaps magenta and green of equal luminance every frame: the scene
    # itself never flashes, but a held channel split over it would (red and blue
    # come from the neighbouring stripe), so the measured guard must stop it.
    assert abs(lum((255, 0, 255)) - lum((0, 170, 0))) < 0.01
    scenes = [stripes(0), stripes(1)]
    untouched = [view(scene)[::2, ::2].copy() for scene in scenes]
    fx = ScreenGlitch(intensity=1.0, seed=5)
    fx.set_ambient(1.0)
    frame = pygame.Surface(SCREEN)
    shown = 0
    for i in range(5 * FPS):
        if i % 3 == 0:
            fx.trigger(1.0)
        fx.update(FRAME_MS)
        frame.blit(scenes[i % 2], (0, 0))
        fx.apply(frame)
        shown += not np.array_equal(view(frame)[::2, ::2], untouched[i % 2])
    # Without the guard the look is on screen in every frame.
    assert 0 < shown < 0.5 * 5 * FPS


def test_intensity_zero_leaves_the_frame_byte_identical(map_frame):
    fx = ScreenGlitch(intensity=0.0, seed=1)
    fx.set_ambient(1.0)
    frame = map_frame.copy()
    for _ in range(10):
        fx.trigger(1.0)
        fx.update(FRAME_MS)
        fx.apply(frame)
    assert pygame.image.tobytes(frame, "RGB") == pygame.image.tobytes(map_frame, "RGB")
    assert not fx.active


def test_turning_intensity_to_zero_stops_a_running_glitch_at_once(map_frame):
    fx = ScreenGlitch(intensity=1.0, seed=1)
    fx.trigger(1.0)
    fx.update(FRAME_MS)
    first = map_frame.copy()
    fx.apply(first)
    assert fx.active
    fx.set_intensity(0.0)
    frame = map_frame.copy()
    fx.update(FRAME_MS)
    fx.apply(frame)
    assert pygame.image.tobytes(frame, "RGB") == pygame.image.tobytes(map_frame, "RGB")


def test_a_trigger_at_full_intensity_changes_the_frame(map_frame):
    fx = ScreenGlitch(intensity=1.0, seed=2)
    assert not fx.active
    fx.trigger(1.0)
    fx.update(FRAME_MS)
    frame = map_frame.copy()
    fx.apply(frame)
    assert fx.active
    before, after = view(map_frame), view(frame)
    moved = np.any(before != after, axis=2)
    assert moved.mean() > 0.05
    del before, after


def test_glitch_decays_and_ends_without_ambient(map_frame):
    fx = ScreenGlitch(intensity=1.0, seed=3)
    fx.trigger(1.0)
    frame = map_frame.copy()
    for _ in range(4 * FPS):
        fx.update(FRAME_MS)
        frame.blit(map_frame, (0, 0))
        fx.apply(frame)
    assert not fx.active
    assert pygame.image.tobytes(frame, "RGB") == pygame.image.tobytes(map_frame, "RGB")


def test_palette_shift_stays_below_a_transition_on_a_flat_frame(grey_frame):
    # On a uniform frame displacement changes nothing, so all that remains is the tint.
    fx = ScreenGlitch(intensity=1.0, seed=4)
    fx.set_ambient(1.0)
    frame = grey_frame.copy()
    base = relative_luminance(view(grey_frame)[::4, ::4])
    tinted = 0
    for i in range(2 * FPS):
        if i % 3 == 0:
            fx.trigger(1.0)
        fx.update(FRAME_MS)
        frame.blit(grey_frame, (0, 0))
        fx.apply(frame)
        change = np.abs(relative_luminance(view(frame)[::4, ::4]) - base)
        assert change.max() < 0.1
        tinted += change.max() > 0.002
    assert tinted > FPS


@pytest.mark.parametrize("blend, rgb", [("add", (30, 0, 80)), ("mult", (255, 235, 180)), ("add", (0, 40, 0)), ("sub", (0, 15, 70)), ("sub", (60, 6, 0))])
def test_tint_bound_covers_every_colour(blend, rgb):
    rng = np.random.default_rng(0)
    colours = np.concatenate([rng.integers(0, 256, (4000, 3)), np.repeat(np.arange(256)[:, None], 3, axis=1)]).astype(np.uint8)
    surface = pygame.Surface((len(colours), 1))
    pygame.surfarray.blit_array(surface, colours[:, None, :])
    flags = {"add": pygame.BLEND_RGB_ADD, "mult": pygame.BLEND_RGB_MULT, "sub": pygame.BLEND_RGB_SUB}
    surface.fill(rgb, special_flags=flags[blend])
    after = pygame.surfarray.array3d(surface)[:, 0, :]
    worst = float(np.abs(relative_luminance(after) - relative_luminance(colours)).max())
    bound = tint_change_bound(blend, rgb)
    assert worst <= bound + 1e-6
    assert worst > 0.5 * bound  # the bound is tight, not a blanket number


def test_same_seed_gives_identical_frames_and_another_seed_differs(map_frame):
    def run(seed: int) -> list[bytes]:
        fx = ScreenGlitch(intensity=1.0, seed=seed)
        fx.set_ambient(0.9)
        frame = map_frame.copy()
        out = []
        for i in range(30):
            if i % 7 == 0:
                fx.trigger(0.8)
            fx.update(FRAME_MS)
            frame.blit(map_frame, (0, 0))
            fx.apply(frame)
            out.append(pygame.image.tobytes(frame, "RGB"))
        return out

    first = run(42)
    assert run(42) == first
    assert run(43) != first


@pytest.mark.parametrize("size, depth", [((1280, 720), 32), ((333, 77), 32), ((7, 5), 32), ((1, 1), 32), ((640, 360), 24)])
def test_apply_never_changes_the_surface_size(size, depth):
    fx = ScreenGlitch(intensity=1.0, seed=6)
    fx.set_ambient(1.0)
    surface = pygame.Surface(size, 0, depth)
    rng = np.random.default_rng(1)
    pygame.surfarray.blit_array(surface, rng.integers(0, 256, (*size, 3)).astype(np.uint8))
    for i in range(30):
        if i % 3 == 0:
            fx.trigger(1.0)
        fx.update(FRAME_MS)
        fx.apply(surface)
        assert surface.get_size() == size
        assert surface.get_bitsize() == depth


def test_the_split_channel_masks_keep_exactly_one_channel():
    # The split masks channels with MIN fills; they must give the very pixels a multiply by 255/0 gives.
    levels = np.stack(np.meshgrid(np.arange(256), np.arange(0, 256, 5), np.arange(0, 256, 7), indexing="ij"), -1).reshape(-1, 3).astype(np.uint8)
    for mask in ((255, 0, 0), (0, 255, 0), (0, 0, 255)):
        shown = []
        for flag in (pygame.BLEND_RGB_MIN, pygame.BLEND_RGB_MULT):
            surface = pygame.Surface((len(levels), 1))
            pygame.surfarray.blit_array(surface, levels[:, None, :])
            surface.fill(mask, special_flags=flag)
            shown.append(pygame.surfarray.array3d(surface)[:, 0, :])
        assert np.array_equal(shown[0], shown[1])
        assert np.array_equal(shown[0], levels * (np.array(mask) // 255).astype(np.uint8))
