"""The map renderer, headless."""

from __future__ import annotations

import os

# Before pygame is imported anywhere: no window, no sound card, no banner.
os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

import sys

import numpy as np
import pygame
import pytest

from dreamscape.core.level import load_level_or_profile
from dreamscape.gen import generate
from dreamscape.render import render_map, save_png

SIZE = (48, 32)


@pytest.fixture(scope="module")
def spec():
    return load_level_or_profile("leo").with_size(SIZE).with_seed(7)


@pytest.fixture(scope="module")
def ds(spec):
    return generate(spec)


def pixels(surface: pygame.Surface) -> np.ndarray:
    return pygame.surfarray.array3d(surface)


def distinct_colours(surface: pygame.Surface) -> int:
    flat = pixels(surface).reshape(-1, 3)
    return len(np.unique(flat[:: max(1, len(flat) // 20000)], axis=0))


# -- render_map ---------------------------------------------------------------


def test_render_map_draws_a_non_blank_image_with_legend(ds):
    surface = render_map(ds)
    assert surface.get_width() > 900  # the automatic tile size aims at 900-1600 px
    assert distinct_colours(surface) > 20


def test_bare_map_size_follows_the_map_and_tile_size(ds, spec):
    assert render_map(ds, tile_px=4, legend=False).get_size() == (SIZE[0] * 4, SIZE[1] * 4)
    bigger = generate(spec.with_size((SIZE[0] * 2, SIZE[1] * 2)))
    assert render_map(bigger, tile_px=4, legend=False).get_size() == (SIZE[0] * 8, SIZE[1] * 8)
    # With the legend beside it, a bigger map still makes a wider image.
    assert render_map(bigger, tile_px=4).get_width() > render_map(ds, tile_px=4).get_width()


def test_different_seeds_give_different_images(ds, spec):
    other = generate(spec.with_seed(8))
    a = pixels(render_map(ds, tile_px=4, legend=False))
    b = pixels(render_map(other, tile_px=4, legend=False))
    assert a.shape == b.shape and not np.array_equal(a, b)


def test_same_dreamscape_renders_identically(ds):
    assert np.array_equal(pixels(render_map(ds, tile_px=5)), pixels(render_map(ds, tile_px=5)))


def test_a_tick_shows_the_map_after_its_glitches(ds):
    changing = next((g for g in ds.glitches if len(g.changes)), None)
    if changing is None:
        pytest.skip("this dreamscape has no tile-changing glitch")
    plan = pixels(render_map(ds, tile_px=4, legend=False))
    later = pixels(render_map(ds, tick=ds.glitches[-1].tick, tile_px=4, legend=False))
    assert not np.array_equal(plan, later)


def test_two_pixel_tiles_still_render(ds):
    surface = render_map(ds, tile_px=2, legend=False, title="tiny")
    assert surface.get_width() == SIZE[0] * 2 and distinct_colours(surface) > 5


# -- save_png -----------------------------------------------------------------


def test_save_png_writes_a_loadable_png_and_no_temp_files(ds, tmp_path):
    target = tmp_path / "leo_7.png"
    save_png(ds, target, tile_px=3)
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    loaded = pygame.image.load(str(target))
    assert loaded.get_width() > SIZE[0] * 3
    assert [p.name for p in tmp_path.iterdir()] == ["leo_7.png"]


def test_save_png_into_a_missing_folder_raises_and_leaves_nothing(ds, tmp_path):
    with pytest.raises(OSError):
        save_png(ds, tmp_path / "missing" / "map.png", tile_px=2)
    assert list(tmp_path.iterdir()) == []


def test_a_failed_save_keeps_the_old_file_and_cleans_up(ds, tmp_path, monkeypatch):
    target = tmp_path / "map.png"
    target.write_bytes(b"old")

    def broken(surface, out, *args):
        # The PNG goes to a stream first (the atomic writer's); fail half-way through it.
        out.write(b"\x89PNG half")
        raise pygame.error("disk full")

    monkeypatch.setattr(pygame.image, "save", broken)
    with pytest.raises(pygame.error):
        save_png(ds, target, tile_px=2)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["map.png"]


# -- no display -------------------------------------------------------------------


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="DISPLAY decides only on X11/Wayland systems")
@pytest.mark.parametrize("argv", [["play"], ["studio", "leo"]])
def test_no_display_is_one_line_and_exit_code_2(monkeypatch, capsys, argv):
    from dreamscape.cli.main import main

    for name in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER"):
        monkeypatch.delenv(name, raising=False)
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no display available" in err
