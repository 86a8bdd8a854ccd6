"""The menus' animated background: a slow, soft night over a faint labyrinth.

Layers, back to front: a glow (a dark gradient with a few wide, blurred
lights wandering across it), a thin labyrinth pattern drifting diagonally,
and scattered stars that breathe a little. Everything is calm by design: no
layer moves faster than a few pixels a second and no light changes by more
than a few percent a second, so the menus never flicker.

Every layer is rendered once per window size. A frame is one opaque blit, one
additive blit and a few dozen star sprites; the glow is recomposed from a
small image a few times a second, which its softness hides completely.
"""

from __future__ import annotations

import math
import weakref
from typing import TYPE_CHECKING

import numpy as np
import pygame

if TYPE_CHECKING:
    from dreamscape.app.host import Host

#: The look is fixed: the same sky every time the game starts.
LAYOUT_SEED = 2042
#: Top and bottom of the sky gradient: deep indigo into a dusky plum.
SKY_TOP = (12, 10, 26)
SKY_BOTTOM = (34, 22, 46)
#: Wandering lights: colour at the centre, radius (fraction of the height),
#: orbit size (fraction of width, height) and orbit periods in seconds.
LIGHTS = (
    ((26, 18, 52), 0.80, (0.30, 0.22), (197.0, 151.0)),  # lavender
    ((6, 28, 38), 0.70, (0.34, 0.25), (173.0, 223.0)),  # deep teal
    ((36, 10, 30), 0.65, (0.28, 0.30), (241.0, 181.0)),  # rose
    ((8, 14, 40), 0.90, (0.22, 0.18), (263.0, 211.0)),  # night blue
)
#: The glow is small and soft, so it is composed at this fraction of the window.
GLOW_DOWNSCALE = 8
#: Seconds between recompositions of the glow (its lights move under a pixel in that time).
GLOW_REFRESH_S = 0.25
#: Labyrinth cells across the window height, its line colour, and its drift in
#: pixels per second at a 720-pixel-high window.
MAZE_ROWS = 15
MAZE_INK = (40, 36, 70)
MAZE_DRIFT = (6.0, 3.5)
STAR_COUNT = 90
#: Stars breathe by at most this fraction of their brightness, over 5..11 seconds.
STAR_BREATH = 0.22
STAR_LEVELS = 8


def _maze_walls(cols: int, rows: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """A perfect maze on a torus (so the tile repeats seamlessly).

    Returns (east, south) boolean grids: True where the wall on that side stands.
    """
    east = np.ones((rows, cols), bool)
    south = np.ones((rows, cols), bool)
    seen = np.zeros((rows, cols), bool)
    stack = [(0, 0)]
    seen[0, 0] = True
    while stack:
        r, c = stack[-1]
        options = []
        for dr, dc in ((0, 1), (1, 0), (0, -1), (-1, 0)):
            nr, nc = (r + dr) % rows, (c + dc) % cols
            if not seen[nr, nc]:
                options.append((dr, dc, nr, nc))
        if not options:
            stack.pop()
            continue
        dr, dc, nr, nc = options[int(rng.integers(len(options)))]
        if dc == 1:
            east[r, c] = False
        elif dc == -1:
            east[nr, nc] = False
        elif dr == 1:
            south[r, c] = False
        else:
            south[nr, nc] = False
        seen[nr, nc] = True
        stack.append((nr, nc))
    return east, south


def _tileable_fade(width: int, height: int, rng: np.random.Generator) -> np.ndarray:
    """A smooth 0..1 mask that repeats over (width, height): where the labyrinth shows."""
    x = np.arange(width, dtype=np.float32) / width * np.float32(2 * np.pi)
    y = np.arange(height, dtype=np.float32) / height * np.float32(2 * np.pi)
    field = np.zeros((width, height), np.float32)
    # Whole-number frequencies keep the mask seamless at the tile's edges;
    # sin(a + b) splits into outer products, far cheaper than a full grid of sines.
    for fx, fy in ((1, 0), (0, 1), (1, 1), (2, 1), (1, -2)):
        a = fx * x + np.float32(rng.uniform(0, 2 * np.pi))
        field += np.outer(np.sin(a), np.cos(fy * y)) + np.outer(np.cos(a), np.sin(fy * y))
    field = (field - field.min()) / (np.ptp(field) or 1.0)
    return np.clip((field - 0.25) / 0.6, 0.0, 1.0) ** 1.5


class Backdrop:
    """The animated menu background; `update` advances it, `draw` fills a surface."""

    def __init__(self, seed: int = LAYOUT_SEED) -> None:
        self.seed = seed
        self.time = 0.0  # seconds
        self._size: tuple[int, int] | None = None
        # One-pixel stand-ins until the first draw builds the layers at the window's size.
        self._glow = pygame.Surface((1, 1))
        self._glow_time: float | None = None
        self._maze = pygame.Surface((1, 1))
        self._maze_tile = (1, 1)
        self._stars: list[tuple[float, float, float, float, float, int]] = []
        self._star_sprites: list[list[pygame.Surface]] = []

    def update(self, dt_ms: float) -> None:
        """Advance the animation by `dt_ms` milliseconds."""
        self.time += dt_ms / 1000.0

    # -- building the layers -------------------------------------------------------

    def _build(self, size: tuple[int, int]) -> None:
        self._size = size
        width, height = size
        rng = np.random.default_rng(self.seed)
        self._build_maze(width, height, rng)
        self._build_stars(width, height, rng)
        self._build_glow(width, height)

    def _build_maze(self, width: int, height: int, rng: np.random.Generator) -> None:
        cell = max(12, height // MAZE_ROWS)
        cols, rows = max(4, math.ceil(width / cell) + 1), MAZE_ROWS + 1
        tile_w, tile_h = cols * cell, rows * cell
        east, south = _maze_walls(cols, rows, rng)
        tile = pygame.Surface((tile_w, tile_h))
        tile.fill((0, 0, 0))
        thick = max(1, height // 500)
        for r in range(rows):
            for c in range(cols):
                x, y = c * cell, r * cell
                if east[r, c]:
                    pygame.draw.line(tile, MAZE_INK, (x + cell, y), (x + cell, y + cell), thick)
                if south[r, c]:
                    pygame.draw.line(tile, MAZE_INK, (x, y + cell), (x + cell, y + cell), thick)
        # Fade whole stretches of the pattern out, so it reads as half-remembered.
        pixels = pygame.surfarray.pixels3d(tile)
        fade = _tileable_fade(tile_w, tile_h, rng)
        for channel in range(3):
            pixels[:, :, channel] = (pixels[:, :, channel] * fade).astype(np.uint8)
        del pixels
        # Tile it once over the window plus one tile, so any offset is a single blit.
        big = pygame.Surface((width + tile_w, height + tile_h))
        for ty in range(0, big.get_height(), tile_h):
            for tx in range(0, big.get_width(), tile_w):
                big.blit(tile, (tx, ty))
        self._maze = big
        self._maze_tile = (tile_w, tile_h)

    def _build_stars(self, width: int, height: int, rng: np.random.Generator) -> None:
        scale = max(1.0, height / 720)
        self._star_sprites = []
        for radius in (1.0 * scale, 1.6 * scale, 2.4 * scale):
            levels = []
            for level in range(STAR_LEVELS):
                bright = 0.45 + 0.55 * level / (STAR_LEVELS - 1)
                levels.append(_star_sprite(radius, bright))
            self._star_sprites.append(levels)
        self._stars = []
        for _ in range(STAR_COUNT):
            kind = int(rng.choice(3, p=(0.72, 0.22, 0.06)))
            self._stars.append(
                (
                    float(rng.uniform(0, width)),
                    float(rng.uniform(0, height)),
                    float(rng.uniform(0.2, 0.9)),  # parallax: how much of the drift it follows
                    float(rng.uniform(5.0, 11.0)),  # breathing period
                    float(rng.uniform(0, 2 * np.pi)),
                    kind,
                )
            )

    def _build_glow(self, width: int, height: int) -> None:
        w, h = max(8, width // GLOW_DOWNSCALE), max(8, height // GLOW_DOWNSCALE)
        ys = np.linspace(0.0, 1.0, h, dtype=np.float32)[None, :, None]
        top, bottom = np.array(SKY_TOP, np.float32), np.array(SKY_BOTTOM, np.float32)
        self._sky = np.broadcast_to(top + (bottom - top) * ys, (w, h, 3)).copy()
        # A gentle vignette keeps the edges dark and the text in the middle clear.
        vx = (np.arange(w, dtype=np.float32) / (w - 1) - 0.5)[:, None]
        vy = (np.arange(h, dtype=np.float32) / (h - 1) - 0.5)[None, :]
        self._vignette = (1.0 - 0.88 * (vx * vx + vy * vy))[:, :, None].astype(np.float32)
        self._xs = np.arange(w, dtype=np.float32)[:, None]
        self._ys = np.arange(h, dtype=np.float32)[None, :]
        self._glow_small = (w, h)
        self._glow = pygame.Surface((width, height))
        self._glow_time = None

    def _compose_glow(self) -> None:
        w, h = self._glow_small
        image = self._sky.copy()
        t = self.time
        for i, (colour, radius, (ox, oy), (px, py)) in enumerate(LIGHTS):
            cx = w * (0.5 + ox * math.sin(2 * math.pi * t / px + i * 1.7))
            cy = h * (0.5 + oy * math.sin(2 * math.pi * t / py + i * 2.3))
            r2 = (radius * h) ** 2 / 2.2
            # exp(-(dx² + dy²)) is the outer product of two 1-D falloffs.
            falloff = np.exp(-((self._xs - cx) ** 2) / r2) * np.exp(-((self._ys - cy) ** 2) / r2)
            image += falloff[:, :, None] * np.array(colour, np.float32)
        image *= self._vignette
        small = pygame.surfarray.make_surface(np.clip(image, 0, 255).astype(np.uint8))
        pygame.transform.smoothscale(small, self._glow.get_size(), self._glow)
        self._glow_time = t

    # -- drawing --------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        """Fill `surface` with the backdrop at the current time."""
        size = surface.get_size()
        if size != self._size:
            self._build(size)
        width, height = size
        if self._glow_time is None or abs(self.time - self._glow_time) >= GLOW_REFRESH_S:
            self._compose_glow()
        surface.blit(self._glow, (0, 0))

        scale = height / 720
        drift_x, drift_y = MAZE_DRIFT[0] * scale * self.time, MAZE_DRIFT[1] * scale * self.time
        tile_w, tile_h = self._maze_tile
        area = pygame.Rect(int(drift_x) % tile_w, int(drift_y) % tile_h, width, height)
        surface.blit(self._maze, (0, 0), area, special_flags=pygame.BLEND_RGB_ADD)

        for x, y, parallax, period, phase, kind in self._stars:
            sx = (x - drift_x * parallax * 0.5) % width
            sy = (y - drift_y * parallax * 0.5) % height
            breath = 1.0 - STAR_BREATH * 0.5 * (1.0 + math.sin(2 * math.pi * self.time / period + phase))
            sprite = self._star_sprites[kind][min(STAR_LEVELS - 1, int(breath * parallax * STAR_LEVELS + 0.5))]
            surface.blit(sprite, (int(sx) - sprite.get_width() // 2, int(sy) - sprite.get_height() // 2), special_flags=pygame.BLEND_RGB_ADD)


def _star_sprite(radius: float, brightness: float) -> pygame.Surface:
    """A soft round star on black (drawn additively, so black adds nothing)."""
    size = max(3, int(math.ceil(radius * 4)) | 1)
    c = (size - 1) / 2
    xs = np.arange(size)[:, None] - c
    ys = np.arange(size)[None, :] - c
    light = np.exp(-(xs * xs + ys * ys) / (radius * radius)) * brightness
    tint = np.array((205, 200, 235), float)
    sprite = pygame.surfarray.make_surface(np.clip(light[:, :, None] * tint, 0, 255).astype(np.uint8))
    return sprite


_shared: "weakref.WeakKeyDictionary[Host, Backdrop]" = weakref.WeakKeyDictionary()


def shared(app: "Host") -> Backdrop:
    """The one backdrop of `app`, so the sky keeps moving smoothly from menu to menu."""
    backdrop = _shared.get(app)
    if backdrop is None:
        backdrop = _shared[app] = Backdrop()
    return backdrop
