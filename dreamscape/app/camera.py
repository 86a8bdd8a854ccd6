"""The dive's camera: follows a point smoothly and keeps the map on screen.

Positions are in tiles (floats; a tile's centre is x + 0.5). The camera's own
position is the tile point shown at the centre of the screen, clamped so the
view never runs past the map's edges; a map narrower or shorter than the
screen is centred instead.

    camera = Camera(map_size=(96, 64), tile_px=32, view_size=(1280, 720))
    camera.snap(px, py)
    camera.follow(px, py, dt)          # each frame, dt in seconds
    sx, sy = camera.to_screen(x, y)    # tile point -> pixel
    x0, y0, x1, y1 = camera.visible_range()
"""

from __future__ import annotations

import math


class Camera:
    """A critically damped follower over a tile map, in whole-pixel steps."""

    #: Seconds to close most of the gap to a still target: smooth but never lazy.
    SMOOTH_TIME = 0.22
    #: A target this many tiles away is jumped to, not glided to (a new dive).
    SNAP_DISTANCE = 40.0

    def __init__(self, map_size: tuple[int, int], tile_px: int = 32, view_size: tuple[int, int] = (1280, 720)) -> None:
        self.map_w, self.map_h = map_size
        self.tile_px = tile_px
        self.view_w, self.view_h = view_size
        self.x = self.map_w / 2
        self.y = self.map_h / 2
        self._vx = 0.0
        self._vy = 0.0

    # -- size ----------------------------------------------------------------

    def resize(self, view_size: tuple[int, int]) -> None:
        """The screen (or surface) changed size: keep the centre, re-clamp."""
        if view_size != (self.view_w, self.view_h):
            self.view_w, self.view_h = view_size
            self.x, self.y = self.clamp(self.x, self.y)

    # -- movement ------------------------------------------------------------

    def clamp(self, x: float, y: float) -> tuple[float, float]:
        """The nearest centre that shows at most EDGE_ROOM of the view beyond the map's edges."""
        return _clamp_axis(x, self.map_w, self.view_w / self.tile_px), _clamp_axis(y, self.map_h, self.view_h / self.tile_px)

    def snap(self, x: float, y: float) -> None:
        """Jump to look at (x, y) at once."""
        self.x, self.y = self.clamp(x, y)
        self._vx = self._vy = 0.0

    def follow(self, x: float, y: float, dt: float) -> None:
        """Move towards looking at (x, y) over `dt` seconds, without overshoot."""
        tx, ty = self.clamp(x, y)
        if math.hypot(tx - self.x, ty - self.y) > self.SNAP_DISTANCE:
            self.snap(tx, ty)
            return
        if dt <= 0:
            return
        self.x, self._vx = _smooth_damp(self.x, tx, self._vx, self.SMOOTH_TIME, dt)
        self.y, self._vy = _smooth_damp(self.y, ty, self._vy, self.SMOOTH_TIME, dt)

    # -- conversions ---------------------------------------------------------

    @property
    def offset(self) -> tuple[int, int]:
        """Screen pixel of the map's top-left corner (whole pixels: no shimmer)."""
        px = self.tile_px
        return round(self.view_w / 2 - self.x * px), round(self.view_h / 2 - self.y * px)

    def to_screen(self, x: float, y: float) -> tuple[int, int]:
        """Screen pixel of the tile point (x, y); a tile's centre is (x + 0.5, y + 0.5)."""
        ox, oy = self.offset
        return ox + round(x * self.tile_px), oy + round(y * self.tile_px)

    def tile_centre(self, x: float, y: float) -> tuple[int, int]:
        """Screen pixel of the centre of tile (x, y) (fractional tiles glide)."""
        return self.to_screen(x + 0.5, y + 0.5)

    def to_tile(self, sx: float, sy: float) -> tuple[float, float]:
        """Tile point under screen pixel (sx, sy); floor it for the tile index."""
        ox, oy = self.offset
        return (sx - ox) / self.tile_px, (sy - oy) / self.tile_px

    def visible_range(self) -> tuple[int, int, int, int]:
        """(x0, y0, x1, y1): the tiles at least partly on screen, ends exclusive, within the map."""
        ox, oy = self.offset
        px = self.tile_px
        x0 = max(0, (-ox) // px)
        y0 = max(0, (-oy) // px)
        x1 = min(self.map_w, -(-(self.view_w - ox) // px))
        y1 = min(self.map_h, -(-(self.view_h - oy) // px))
        return x0, y0, max(x0, x1), max(y0, y1)


#: How much of the view may lie beyond the map's edge. Some, so a player at the
#: edge is never pressed against the side of the screen (a third of it stays
#: ahead of them); not half, so the map still fills most of the view.
EDGE_ROOM = 0.3


def _clamp_axis(c: float, size: int, view_tiles: float) -> float:
    if size <= view_tiles:
        return size / 2
    half = view_tiles / 2
    room = view_tiles * EDGE_ROOM
    return min(max(c, half - room), size - half + room)


def _smooth_damp(current: float, target: float, velocity: float, smooth_time: float, dt: float) -> tuple[float, float]:
    """One step of a critically damped spring (the closed-form approximation
    from Game Programming Gems 4, 'Critically Damped Ease-In/Ease-Out Smoothing')."""
    omega = 2.0 / smooth_time
    x = omega * dt
    decay = 1.0 / (1.0 + x + 0.48 * x * x + 0.235 * x * x * x)
    change = current - target
    temp = (velocity + omega * change) * dt
    velocity = (velocity - omega * temp) * decay
    return target + (change + temp) * decay, velocity
