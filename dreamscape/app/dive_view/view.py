"""The dive as the player sees it: the labyrinth under fog of war, and what moves in it.

The view draws only what the player knows: the fog view of the world
(`World.fog_view()`, see sim/view.py), never the world's own state. From the
dreamscape it is made for it keeps only what generation fixed (the regions
and their themes, the map's size). Each frame the camera glides after the
player on simulated time, the ground is drawn from cached chunk surfaces
(chunks.py), and the entities on top from pre-rendered sprites, then the
dreamer's call (entities.py, callfx).

    view = DiveView(ds, tile_px=32, colour_blind=False)
    view.draw(screen, world.fog_view(), alpha)   # alpha: 0..1 between sim ticks (a world works too)
    x, y = view.screen_pos(tx, ty)               # where a tile's centre is on screen
"""

from __future__ import annotations


import pygame

from dreamscape.app.callfx import CallCues
from dreamscape.app.camera import Camera
from dreamscape.app.dive_view.chunks import TileChunks
from dreamscape.app.dive_view.entities import draw_entities
from dreamscape.app.dive_view.entity_sprites import EntitySprites
from dreamscape.app.dive_view.glide import glide
from dreamscape.app.look import look
from dreamscape.app.tileart.entity_colours import EntityColours
from dreamscape.core.timing import TICKS_PER_SECOND


class DiveView:
    """Draws the views of one dreamscape's dives; remembers only what helps it draw the next frame."""

    def __init__(self, ds, tile_px: int = 32, colour_blind: bool = False) -> None:
        self.tile_px = int(tile_px)
        self.colour_blind = colour_blind
        self.width, self.height = ds.width, ds.height
        self.colours = EntityColours(colour_blind)
        self.camera = Camera((ds.width, ds.height), self.tile_px)
        self._ground = TileChunks(ds, self.tile_px, colour_blind)
        self._format: tuple | None = None
        self._time: float | None = None
        self._entity = EntitySprites(self.tile_px, self.colours)
        self._calls = CallCues(self.tile_px, self.colours)
        self._player_screen = (0, 0)
        #: Screen rectangles the call's edge markers keep out of (the HUD panels), set by the screen.
        self.keep_clear: list[pygame.Rect] = []

    # -- public helpers ------------------------------------------------------

    def screen_pos(self, x: float, y: float) -> tuple[int, int]:
        """Screen pixel of the centre of tile (x, y) under the camera of the last frame."""
        return self.camera.tile_centre(x, y)

    def player_pos(self, view, alpha: float = 0.0) -> tuple[float, float]:
        """Where the player of `view` (or a world's fog view) is drawn, in tiles, `alpha` of the way to the next tick."""
        view = look(view)
        p = view.player
        return glide(p, p.step_ticks, view.done, alpha)

    def haunt_pos(self, view, index: int, alpha: float = 0.0) -> tuple[float, float]:
        """Where manifestation `index` is drawn, in tiles (it must be in the view)."""
        view = look(view)
        h = next(h for h in view.haunts if h.index == index)
        return glide(h, h.rules.step_ticks, view.done or h.faded, alpha)

    @property
    def player_screen(self) -> tuple[int, int]:
        """Screen pixel of the player's centre in the last frame drawn."""
        return self._player_screen

    @property
    def cached_chunks(self) -> int:
        """How many chunk surfaces are held now."""
        return self._ground.cached

    # -- the frame -----------------------------------------------------------

    def draw(self, surface: pygame.Surface, view, alpha: float = 0.0) -> None:
        """Draw the map, fog, entities and calls of `view` (or a world's fog view) onto `surface` (any size)."""
        if surface.get_width() < 1 or surface.get_height() < 1:
            return
        view = look(view)
        alpha = min(max(float(alpha), 0.0), 0.999) if not view.done else 0.0
        self._prepare(surface)
        fx, fy = self.player_pos(view, alpha)
        self._move_camera(view, fx, fy, alpha)
        self._ground.draw(surface, view, self.camera, fx, fy)
        self._player_screen = draw_entities(surface, view, alpha, (fx, fy), self.camera, self._entity, self._calls, self.keep_clear)

    def _prepare(self, surface: pygame.Surface) -> None:
        key = (surface.get_bitsize(), surface.get_masks())
        if key != self._format:
            self._ground.use_format(surface, key)
            self._entity.use_format(surface)
            self._format = key
        self.camera.resize(surface.get_size())

    def _move_camera(self, view, fx: float, fy: float, alpha: float) -> None:
        # The camera runs on simulated time, so a paused game holds it still
        # and the same frame of the same view always looks the same. A jump
        # in time (a new dive, a seek in playback) snaps it.
        now = view.tick + alpha
        if self._time is None or now < self._time or now - self._time > TICKS_PER_SECOND:
            self.camera.snap(fx + 0.5, fy + 0.5)
        else:
            self.camera.follow(fx + 0.5, fy + 0.5, (now - self._time) / TICKS_PER_SECOND)
        self._time = now
