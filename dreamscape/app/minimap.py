"""A small overview of the dive in a corner: what has been seen, and where things are.

The ground image is rebuilt a few times a second at most (one numpy lookup
over the map, then one scale), not every frame; the markers on it (player,
dreamers, exit, the camera's view) are drawn fresh each frame.

    minimap = Minimap(ds)
    minimap.draw(screen, world, camera=view.camera)
"""

from __future__ import annotations

import math
import os

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import numpy as np  # noqa: E402
import pygame  # noqa: E402

from dreamscape.app import tileart as TA  # noqa: E402
from dreamscape.core import tiles as T  # noqa: E402
from dreamscape.core.timing import TICKS_PER_SECOND  # noqa: E402
from dreamscape.render import palette as P  # noqa: E402

#: Ticks between rebuilds of the ground image (three a second).
REFRESH_TICKS = 10
MARGIN = 10
BORDER = 4
BACKDROP = (12, 10, 22)

# Ground classes drawn on the minimap.
_WALL, _GROUND, _WATER, _VOID, _DOOR, _STABLE = range(6)
_CLASS = np.full(len(T.TILE_TYPES), _GROUND, np.intp)
_CLASS[T.WALL] = _WALL
_CLASS[T.WATER] = _WATER
_CLASS[T.VOID] = _VOID
_CLASS[T.DOOR] = _DOOR
_CLASS[T.STABLE] = _STABLE


class Minimap:
    """The overview of one dreamscape, sized to a corner of whatever screen it is drawn on."""

    def __init__(self, ds, colour_blind: bool = False, max_width: float = 0.25, max_height: float = 0.34) -> None:
        self.ds = ds
        self.colours = TA.EntityColours(colour_blind)
        self.max_width = max_width
        self.max_height = max_height
        self._themes = np.clip(ds.regions.astype(np.intp), 0, TA.N_THEMES - 1)
        self._table = _palette(colour_blind)  # (1 + classes * themes * 2, 3)
        self._terrain = None
        self._terrain_version = -1
        self._rows: np.ndarray | None = None
        self._image: pygame.Surface | None = None
        self._key: tuple | None = None
        self._built_tick = -REFRESH_TICKS
        self.rebuilds = 0  # how many times the ground image was made (for tests)

    def size_for(self, screen_size: tuple[int, int]) -> tuple[int, int, float]:
        """(width, height, pixels per tile) of the map image on a screen this size."""
        sw, sh = screen_size
        scale = min(sw * self.max_width / self.ds.width, sh * self.max_height / self.ds.height)
        # Whole pixels per tile when there is room: crisp; else a smooth fraction.
        scale = math.floor(scale) if scale >= 2 else max(0.25, scale)
        return max(1, round(self.ds.width * scale)), max(1, round(self.ds.height * scale)), scale

    def _refresh(self, world, size: tuple[int, int]) -> None:
        terrain = world.terrain
        key = (id(world), terrain.version, size)
        due = world.tick - self._built_tick >= REFRESH_TICKS or world.tick < self._built_tick
        if self._image is not None and key == self._key and not due:
            return
        if terrain is not self._terrain or terrain.version != self._terrain_version:
            # Row of the colour table for each tile, less the lit bit: changes only with the ground.
            self._rows = ((_CLASS[terrain.tiles] * TA.N_THEMES + self._themes) * 2 + 1).astype(np.intp)
            self._terrain, self._terrain_version = terrain, terrain.version
        seen, visible = world.sight.seen, world.sight.visible
        # Row 0 is the backdrop: never-seen tiles index it.
        rows = np.where(seen, self._rows + visible, 0)
        rgb = np.take(self._table, rows, axis=0)
        small = pygame.image.frombytes(np.ascontiguousarray(rgb).tobytes(), (self.ds.width, self.ds.height), "RGB")
        w, h = size
        if (w, h) == small.get_size():
            ground = small
        elif w % self.ds.width == 0 and h % self.ds.height == 0:
            ground = pygame.transform.scale(small, (w, h))
        else:
            ground = pygame.transform.smoothscale(small, (w, h))
        # Framed once here, so a frame costs one blit plus the markers.
        framed = pygame.Surface((w + 2 * BORDER, h + 2 * BORDER), pygame.SRCALPHA)
        pygame.draw.rect(framed, (*BACKDROP, 235), framed.get_rect(), border_radius=6)
        pygame.draw.rect(framed, P.PANEL_RULE, framed.get_rect(), 1, border_radius=6)
        framed.blit(ground, (BORDER, BORDER))
        self._image = framed
        self._key = key
        self._built_tick = world.tick
        self.rebuilds += 1

    def draw(self, surface: pygame.Surface, world, camera=None, corner: str = "topright") -> pygame.Rect:
        """Draw the minimap in a corner of `surface`; returns where it went."""
        w, h, scale = self.size_for(surface.get_size())
        self._refresh(world, (w, h))
        sw, sh = surface.get_size()
        box = pygame.Rect(0, 0, w + 2 * BORDER, h + 2 * BORDER)
        corners = {
            "topright": (sw - MARGIN, MARGIN),
            "topleft": (MARGIN, MARGIN),
            "bottomright": (sw - MARGIN, sh - MARGIN),
            "bottomleft": (MARGIN, sh - MARGIN),
        }
        setattr(box, corner, corners[corner])
        surface.blit(self._image, box)
        ox, oy = box.x + BORDER, box.y + BORDER

        def at(x: float, y: float) -> tuple[int, int]:
            return ox + int((x + 0.5) * scale), oy + int((y + 0.5) * scale)

        dot = max(2, round(scale * 1.2))
        if camera is not None:
            x0, y0, x1, y1 = camera.visible_range()
            view = pygame.Rect(ox + int(x0 * scale), oy + int(y0 * scale), max(2, int((x1 - x0) * scale)), max(2, int((y1 - y0) * scale)))
            pygame.draw.rect(surface, (200, 196, 230), view.clip(pygame.Rect(ox, oy, w, h)), 1)
        seen = world.sight.seen
        ex, ey = world.exit
        if seen[ey, ex]:
            spot = at(ex, ey)
            colour = self.colours.exit if all(world.awake) else (150, 150, 168)
            r = pygame.Rect(0, 0, dot * 2 + 3, dot * 2 + 3)
            r.center = spot
            pygame.draw.rect(surface, P.INK, r.inflate(2, 2))
            pygame.draw.rect(surface, colour, r)
        for i, (x, y) in enumerate(world.dreamers):
            if seen[y, x]:
                spot = at(x, y)
                pygame.draw.circle(surface, P.INK, spot, dot + 2)
                if world.awake[i]:
                    pygame.draw.circle(surface, self.colours.awake, spot, dot + 1)
                else:
                    pygame.draw.circle(surface, self.colours.dreamer, spot, dot + 1, max(1, dot // 2 + 1))
        p = world.player
        pulse = 0.5 + 0.5 * math.sin(world.tick / TICKS_PER_SECOND * 2 * math.pi)
        spot = at(p.x, p.y)
        pygame.draw.circle(surface, P.INK, spot, dot + 3)
        pygame.draw.circle(surface, self.colours.player, spot, dot + 1 + round(pulse))
        return box


def _palette(colour_blind: bool) -> np.ndarray:
    """(1 + classes * themes * 2, 3) uint8: the backdrop, then each class, theme, [memory, visible]."""
    table = np.zeros((6, TA.N_THEMES, 2, 3), np.float32)
    for theme in range(TA.N_THEMES):
        floor = np.array(TA.floor_colour(theme, colour_blind), np.float32)
        top = np.array(TA.wall_colours(theme, colour_blind)[0], np.float32)
        table[_GROUND, theme, 1] = np.minimum(255, floor * 1.35 + 12)
        table[_WALL, theme, 1] = top * 1.2 + 8
        table[_WATER, theme, 1] = (50, 100, 170)
        table[_VOID, theme, 1] = (40, 30, 90)
        table[_DOOR, theme, 1] = (220, 140, 60)
        table[_STABLE, theme, 1] = np.minimum(255, floor * 1.5 + 30)
    grey = table[..., 1, :] @ np.array([0.2126, 0.7152, 0.0722], np.float32)
    table[..., 0, :] = (table[..., 1, :] * 0.35 + grey[..., None] * 0.3) * 0.8 + np.array([4, 4, 12], np.float32)
    flat = np.clip(table, 0, 255).astype(np.uint8).reshape(-1, 3)
    return np.concatenate([np.array([BACKDROP], np.uint8), flat])
