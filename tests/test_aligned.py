"""The aligned fills and copies draw exactly what plain ones do."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import itertools

import numpy as np
import pygame

from dreamscape.app.dive_view.aligned import COLUMN, blit_all, columns, fill


def test_columns_cover_the_span_once_with_an_aligned_middle():
    for left, right in itertools.product(range(-3, 40), range(-3, 70)):
        spans = columns(left, right)
        if right <= left:
            assert spans == []
            continue
        assert spans[0][0] == left and spans[-1][1] == right
        assert all(a < b for a, b in spans) and all(spans[i][1] == spans[i + 1][0] for i in range(len(spans) - 1))
        wide = [s for s in spans if s[1] - s[0] >= COLUMN]
        assert len(spans) == 1 or (len(wide) == 1 and wide[0][0] % COLUMN == 0 and wide[0][1] % COLUMN == 0)


def test_aligned_fills_and_copies_give_the_same_pixels_as_plain_ones():
    pygame.display.init()
    rng = np.random.default_rng(1)
    screen = pygame.Surface((300, 200), 0, 32)
    source = pygame.Surface((130, 90), 0, screen)
    pygame.surfarray.blit_array(source, rng.integers(0, 2**24, (130, 90), dtype=np.int64).astype(np.uint32))
    for x, y in [(-70, -20), (3, 5), (211, 150), (-129, 0), (290, 199), (17, -89)]:
        plain, cut = screen.copy(), screen.copy()
        plain.fill((9, 8, 14), (x + 5, y + 7, 77, 41))
        fill(cut, (9, 8, 14), (x + 5, y + 7, 77, 41))
        plain.blit(source, (x, y))
        blit_all(cut, [(source, (x, y))])
        assert np.array_equal(pygame.surfarray.array2d(plain), pygame.surfarray.array2d(cut))
    # A clip on the target is kept to.
    cut = screen.copy()
    cut.set_clip((50, 40, 100, 60))
    blit_all(cut, [(source, (0, 0))])
    fill(cut, (255, 0, 0), (0, 0, 300, 200))
    pixels = pygame.surfarray.array3d(cut)
    assert (pixels[50:150, 40:100] == (255, 0, 0)).all()
    assert (pixels[:50] == 0).all() and (pixels[150:] == 0).all()
