"""The map's fills and copies through the cache draw exactly what SDL's do."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import numpy as np
import pygame
import pytest

from dreamscape.app.dive_view.cached import blit_all, fill


@pytest.mark.parametrize("depth", [32, 24, 16])
def test_fills_and_copies_give_the_same_pixels_as_plain_ones(depth):
    pygame.display.init()
    rng = np.random.default_rng(1)
    screen = pygame.Surface((300, 200), 0, depth)
    source = pygame.Surface((130, 90), 0, screen)
    pygame.surfarray.blit_array(source, rng.integers(0, 256, (130, 90, 3), dtype=np.int64).astype(np.uint8))
    other = pygame.Surface((40, 30), 0, 24 if depth == 32 else 32)  # another format: SDL converts it
    other.fill((200, 30, 90))
    for x, y in [(-70, -20), (3, 5), (211, 150), (-129, 0), (290, 199), (17, -89), (400, 10)]:
        plain, cut = screen.copy(), screen.copy()
        plain.fill((9, 8, 14), (x + 5, y + 7, 77, 41))
        fill(cut, (9, 8, 14), (x + 5, y + 7, 77, 41))
        plain.blit(source, (x, y))
        plain.blit(other, (x + 60, y + 40))
        blit_all(cut, [(source, (x, y))])
        blit_all(cut, [(other, (x + 60, y + 40))])
        assert np.array_equal(pygame.surfarray.array3d(plain), pygame.surfarray.array3d(cut)), (x, y)


def test_a_clip_on_the_target_is_kept_to():
    pygame.display.init()
    screen = pygame.Surface((300, 200), 0, 32)
    source = pygame.Surface((300, 200), 0, screen)
    source.fill((0, 255, 0))
    screen.set_clip((50, 40, 100, 60))
    blit_all(screen, [(source, (0, 0))])
    fill(screen, (255, 0, 0), (0, 0, 120, 200))
    pixels = pygame.surfarray.array3d(screen)
    assert (pixels[50:120, 40:100] == (255, 0, 0)).all()
    assert (pixels[120:150, 40:100] == (0, 255, 0)).all()
    assert (pixels[:50] == 0).all() and (pixels[150:] == 0).all() and (pixels[:, :40] == 0).all()
    assert not screen.get_locked()  # the pixel views let go of the surface
