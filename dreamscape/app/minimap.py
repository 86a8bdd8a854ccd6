"""A small overview of the dive in a corner: what has been seen, and where things are.

It draws the player's view (sim/view.py; given a world, its fog view), so it
shows only what the player has seen. The ground image is rebuilt a few times
a second at most (one numpy lookup over the map, then one scale), not every
frame; the markers on it (player, dreamers, exit, the camera's view) are
drawn fresh each frame.

    minimap = Minimap(ds)
    minimap.draw(screen, world.fog_view(), camera=view.camera)
"""

from __future__ import annotations

import math

import numpy as np
import pygame

from dreamscape.app.tileart.codes import N_THEMES
from dreamscape.app.tileart.colours import floor_colour, wall_colours
from dreamscape.app.tileart.entity_colours import EntityColours
from dreamscape.app.look import look
from dreamscape.core import tiles as T
from dreamscape.core.timing import TICKS_PER_SECOND
from dreamscape.render import palette as P

#: Ticks between rebuilds of the ground image (three a second).
REFRESH_TICKS = 10
MARGIN = 10
BORDER = 4
BACKDROP = (12, 10, 22)
#: Rounded corners of the frame: only the rows they touch are blended, the rest is copied.
RADIUS = 6

# Ground classes drawn on the minimap.
_WALL, _GROUND, _WATER, _VOID, _DOOR, _STABLE = range(6)
# By the view's tile code: never-seen tiles (UNSEEN) index the backdrop anyway.
_CLASS = np.full(256, _GROUND, np.intp)
_CLASS[T.WALL] = _WALL
_CLASS[T.WATER] = _WATER
_CLASS[T.VOID] = _VOID
_CLASS[T.DOOR] = _DOOR
_CLASS[T.STABLE] = _STABLE


class Minimap:
    """The overview of one dreamscape's dives, sized to a corner of whatever screen it is drawn on.

    Of the dreamscape it keeps only what generation fixed: its size and its regions' themes.
    """

    def __init__(self, ds, colour_blind: bool = False, max_width: float = 0.25, max_height: float = 0.34) -> None:
        self.width, self.height = ds.width, ds.height
        self.colours = EntityColours(colour_blind)
        self.max_width = max_width
        self.max_height = max_height
        self._themes = np.clip(ds.regions.astype(np.intp), 0, N_THEMES - 1)
        self._table = _palette(colour_blind)  # (1 + classes * themes * 2, 3)
        self._tiles: np.ndarray | None = None  # the view's tiles `_rows` was made from
        self._tiles_version = -1
        self._rows: np.ndarray | None = None
        self._image: pygame.Surface | None = None  # the framed image, rounded corners in its alpha
        self._body: pygame.Surface | None = None  # the same, opaque, in the screen's format
        self._body_format: tuple | None = None
        self._key: tuple | None = None
        self._built_tick = -REFRESH_TICKS
        self.rebuilds = 0  # how many times the ground image was made (for tests)

    def size_for(self, screen_size: tuple[int, int]) -> tuple[int, int, float]:
        """(width, height, pixels per tile) of the map image on a screen this size."""
        sw, sh = screen_size
        scale = min(sw * self.max_width / self.width, sh * self.max_height / self.height)
        # Whole pixels per tile when there is room: crisp; else a smooth fraction.
        scale = math.floor(scale) if scale >= 2 else max(0.25, scale)
        return max(1, round(self.width * scale)), max(1, round(self.height * scale)), scale

    def _refresh(self, view, size: tuple[int, int]) -> pygame.Surface:
        """The framed ground image for `size`, rebuilt when the ground changed or a refresh is due."""
        key = (view.ground_version, size)
        # A tick earlier than the last rebuild is another dive, or playback seeking back.
        due = view.tick - self._built_tick >= REFRESH_TICKS or view.tick < self._built_tick
        if self._image is not None and key == self._key and not due:
            return self._image
        tiles = view.tiles if view.tiles.base is None else view.tiles.base
        if tiles is not self._tiles or view.ground_version != self._tiles_version:
            # Row of the colour table for each tile, less the lit bit: changes only with what the view shows.
            self._rows = ((_CLASS[view.tiles] * N_THEMES + self._themes) * 2 + 1).astype(np.intp)
            self._tiles, self._tiles_version = tiles, view.ground_version
        seen, visible = view.seen, view.visible
        # Row 0 is the backdrop: never-seen tiles index it.
        rows = np.where(seen, self._rows + visible, 0)
        rgb = np.take(self._table, rows, axis=0)
        small = pygame.image.frombytes(np.ascontiguousarray(rgb).tobytes(), (self.width, self.height), "RGB")
        w, h = size
        if (w, h) == small.get_size():
            ground = small
        elif w % self.width == 0 and h % self.height == 0:
            ground = pygame.transform.scale(small, (w, h))
        else:
            ground = pygame.transform.smoothscale(small, (w, h))
        # Framed once here, so a frame costs one blit plus the markers.
        framed = pygame.Surface((w + 2 * BORDER, h + 2 * BORDER), pygame.SRCALPHA)
        pygame.draw.rect(framed, (*BACKDROP, 255), framed.get_rect(), border_radius=RADIUS)
        pygame.draw.rect(framed, P.PANEL_RULE, framed.get_rect(), 1, border_radius=RADIUS)
        framed.blit(ground, (BORDER, BORDER))
        self._image = framed
        self._body = None
        self._key = key
        self._built_tick = view.tick
        self.rebuilds += 1
        return framed

    def draw(self, surface: pygame.Surface, view, camera=None, corner: str = "topright") -> pygame.Rect:
        """Draw the minimap of `view` (or a world's fog view) in a corner of `surface`; returns where it went."""
        view = look(view)
        w, h, scale = self.size_for(surface.get_size())
        image = self._refresh(view, (w, h))
        sw, sh = surface.get_size()
        box = pygame.Rect(0, 0, w + 2 * BORDER, h + 2 * BORDER)
        corners = {
            "topright": (sw - MARGIN, MARGIN),
            "topleft": (MARGIN, MARGIN),
            "bottomright": (sw - MARGIN, sh - MARGIN),
            "bottomleft": (MARGIN, sh - MARGIN),
        }
        setattr(box, corner, corners[corner])
        self._blit_framed(surface, image, box)
        ox, oy = box.x + BORDER, box.y + BORDER

        def at(x: float, y: float) -> tuple[int, int]:
            return ox + int((x + 0.5) * scale), oy + int((y + 0.5) * scale)

        dot = max(2, round(scale * 1.2))
        if camera is not None:
            x0, y0, x1, y1 = camera.visible_range()
            shown = pygame.Rect(ox + int(x0 * scale), oy + int(y0 * scale), max(2, int((x1 - x0) * scale)), max(2, int((y1 - y0) * scale)))
            pygame.draw.rect(surface, (200, 196, 230), shown.clip(pygame.Rect(ox, oy, w, h)), 1)
        seen = view.seen
        # Chapter 2's masked doorways are marked as the exit is (the exit among them).
        for x, y in ([view.exit] if view.exit is not None else []) + [d for d in view.doorways if d != view.exit]:
            if not seen[y, x]:
                continue
            spot = at(x, y)
            colour = self.colours.exit if view.all_awake and view.exit_open and (x, y) == view.exit else (150, 150, 168)
            r = pygame.Rect(0, 0, dot * 2 + 3, dot * 2 + 3)
            r.center = spot
            pygame.draw.rect(surface, P.INK, r.inflate(2, 2))
            pygame.draw.rect(surface, colour, r)
        for d in view.dreamers:
            if seen[d.y, d.x]:
                spot = at(d.x, d.y)
                pygame.draw.circle(surface, P.INK, spot, dot + 2)
                if d.awake:
                    pygame.draw.circle(surface, self.colours.awake, spot, dot + 1)
                else:
                    pygame.draw.circle(surface, self.colours.dreamer, spot, dot + 1, max(1, dot // 2 + 1))
        for b in view.beacons:
            if seen[b.y, b.x]:
                spot = at(b.x, b.y)
                tip = [(spot[0], spot[1] - dot - 3), (spot[0] + dot + 2, spot[1] + dot + 1), (spot[0] - dot - 2, spot[1] + dot + 1)]
                pygame.draw.polygon(surface, P.INK, tip)
                inner = [(spot[0], spot[1] - dot - 1), (spot[0] + dot, spot[1] + dot), (spot[0] - dot, spot[1] + dot)]
                pygame.draw.polygon(surface, self.colours.beacon_lit if b.lit else self.colours.beacon, inner)
        for m in view.marks:
            if m.kind == "memory" and seen[m.y, m.x]:
                spot = at(m.x, m.y)
                pygame.draw.circle(surface, P.INK, spot, dot + 3)
                pygame.draw.circle(surface, self.colours.memory_found if m.done else self.colours.memory, spot, dot + 2, 0 if m.done else max(1, dot // 2 + 1))
        p = view.player
        pulse = 0.5 + 0.5 * math.sin(view.tick / TICKS_PER_SECOND * 2 * math.pi)
        spot = at(p.x, p.y)
        pygame.draw.circle(surface, P.INK, spot, dot + 3)
        pygame.draw.circle(surface, self.colours.player, spot, dot + 1 + round(pulse))
        return box


    def _blit_framed(self, surface: pygame.Surface, image: pygame.Surface, box: pygame.Rect) -> None:
        # The frame is opaque but for its rounded corners: the rows between them are
        # a plain copy in the screen's format, a fraction of the cost of blending them.
        fmt = (surface.get_bitsize(), surface.get_masks())
        if self._body is None or self._body_format != fmt:
            self._body = pygame.Surface(image.get_size(), 0, surface)
            self._body.blit(image, (0, 0))
            self._body_format = fmt
        w, h = image.get_size()
        edge = min(RADIUS, h // 2)
        surface.blit(self._body, (box.x, box.y + edge), (0, edge, w, h - 2 * edge))
        surface.blit(image, box.topleft, (0, 0, w, edge))
        surface.blit(image, (box.x, box.bottom - edge), (0, h - edge, w, edge))


def _palette(colour_blind: bool) -> np.ndarray:
    """(1 + classes * themes * 2, 3) uint8: the backdrop, then each class, theme, [memory, visible]."""
    table = np.zeros((6, N_THEMES, 2, 3), np.float32)
    for theme in range(N_THEMES):
        floor = np.array(floor_colour(theme, colour_blind), np.float32)
        top = np.array(wall_colours(theme, colour_blind)[0], np.float32)
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
