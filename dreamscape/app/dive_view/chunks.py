"""The map under fog of war, kept as chunk surfaces that are redrawn only where they changed.

Each frame works out a sprite id for every tile near the screen (terrain
art, region theme, light level; see tileart) and keeps the tiles in
16x16-tile chunk surfaces held in a small LRU: a chunk is redrawn only
where its ids changed since it was last shown (the player's light moving, a
door swinging, a glitch, water rippling), so a still frame costs a dozen big
blits.

    chunks = TileChunks(ds, tile_px=32, colour_blind=False)
    chunks.use_format(screen, (screen.get_bitsize(), screen.get_masks()))
    chunks.draw(screen, fog_view, camera, fx, fy)   # (fx, fy): the player, in tiles
"""

from __future__ import annotations

from collections import OrderedDict

import numpy as np
import pygame

from dreamscape.app.camera import Camera
from dreamscape.app.dive_view import cached
from dreamscape.app.tileart import atlas as tile_atlas
from dreamscape.app.tileart import codes as TC
from dreamscape.app.tileart.colours import UNSEEN
from dreamscape.core import tiles as T
from dreamscape.sim import rules as R

CHUNK = 16  # tiles per chunk side
#: Chunks kept beyond those on screen, so walking back and forth rarely redraws one.
SPARE_CHUNKS = 12
#: Ticks per frame of the water and void animation.
ANIM_TICKS = 8
#: Tile codes by the view's code (UNSEEN included): never-seen ground counts as wall for the art.
_SOLID = np.full(256, T.WALL, np.uint8)
_SOLID[: len(T.TILE_TYPES)] = np.arange(len(T.TILE_TYPES))


def _root(a: np.ndarray) -> np.ndarray:
    """The array a (read-only) view shows: the same object for as long as its contents are."""
    return a if a.base is None else a.base


class TileChunks:
    """The tiles of one dreamscape's dives, drawn through a cache of chunk surfaces."""

    def __init__(self, ds, tile_px: int = 32, colour_blind: bool = False) -> None:
        self.tile_px = int(tile_px)
        self.width, self.height = ds.width, ds.height
        self._regions = ds.regions
        # Looked up on the module at call time, so a test can share one atlas between views.
        self.atlas = tile_atlas.TileAtlas(self.tile_px, colour_blind)
        self._themes = np.clip(ds.regions.astype(np.int32), 0, TC.N_THEMES - 1)
        h, w = ds.height, ds.width
        ys, xs = np.mgrid[0:h, 0:w]
        # Each deep tile ripples at its own phase, so water never pulses in step.
        self._phase = ((xs * 5 + ys * 3 + (xs * ys) % 7) % TC.ANIM_FRAMES).astype(np.int32)
        self._arts = np.zeros((0, 0), np.int32)
        self._solid = np.zeros((0, 0), np.uint8)
        self._art_tiles: np.ndarray | None = None  # the view's tiles `_arts` was made from
        self._art_version = -1
        self._sprites: list[pygame.Surface] = []
        self._format: tuple | None = None
        self._chunks: OrderedDict[tuple[int, int], list] = OrderedDict()
        self._frame_key: tuple | None = None
        self._last_visible: np.ndarray | None = None

    def use_format(self, surface: pygame.Surface, key: tuple) -> None:
        """Draw in `surface`'s pixel format (named by `key`) from now on; chunks drawn in another are dropped."""
        self._sprites = self.atlas.surfaces(surface)
        self._format = key
        self._chunks.clear()  # drawn in the old format
        self._frame_key = None

    @property
    def cached(self) -> int:
        """How many chunk surfaces are held now."""
        return len(self._chunks)

    def draw(self, surface: pygame.Surface, view, cam: Camera, fx: float, fy: float) -> None:
        """Draw the ground of `view` under `cam`, lit from the player at (fx, fy) tiles."""
        px = self.tile_px
        ox, oy = cam.offset
        sw, sh = surface.get_size()
        map_w, map_h = self.width * px, self.height * px
        # Only the margins beyond the map's edge: filling the whole screen first would touch every pixel twice.
        for margin in _margins(ox, oy, map_w, map_h, sw, sh):
            cached.fill(surface, UNSEEN, margin)
        x0, y0, x1, y1 = cam.visible_range()
        if x0 >= x1 or y0 >= y1:
            return
        cx0, cy0, cx1, cy1 = x0 // CHUNK, y0 // CHUNK, (x1 - 1) // CHUNK, (y1 - 1) // CHUNK
        wx0, wy0 = cx0 * CHUNK, cy0 * CHUNK
        wx1, wy1 = min(self.width, (cx1 + 1) * CHUNK), min(self.height, (cy1 + 1) * CHUNK)
        # The light moves in half tiles: smooth enough, and most frames change nothing.
        lx, ly = round(fx * 2) / 2, round(fy * 2) / 2
        tick = view.tick
        self._update_arts(view)
        # The view hands over new tiles and a new visible array whenever the
        # ground or the sight changes; holding the old ones keeps their ids
        # from being reused, so `is` tells a change (of a new dive too).
        visible = _root(view.visible)
        key = ((wx0, wy0, wx1, wy1), view.ground_version, tick // ANIM_TICKS, tick // R.DOOR_PERIOD, lx, ly, self._format)
        changed = key != self._frame_key or visible is not self._last_visible
        self._frame_key = key
        self._last_visible = visible
        ids = self._window_ids(view, wx0, wy0, wx1, wy1, lx, ly) if changed else None
        blits = []
        for cy in range(cy0, cy1 + 1):
            for cx in range(cx0, cx1 + 1):
                tx0, ty0 = cx * CHUNK, cy * CHUNK
                entry = self._chunks.get((cx, cy))
                if ids is None and entry is not None:
                    self._chunks.move_to_end((cx, cy))
                else:
                    if ids is None:
                        ids = self._window_ids(view, wx0, wy0, wx1, wy1, lx, ly)
                    part = ids[ty0 - wy0 : min(ty0 + CHUNK, wy1) - wy0, tx0 - wx0 : min(tx0 + CHUNK, wx1) - wx0]
                    entry = self._chunk(cx, cy, part, surface)
                if entry[2]:
                    # Nothing seen in it yet: filling is cheaper than copying.
                    cached.fill(surface, UNSEEN, (ox + tx0 * px, oy + ty0 * px, entry[0].get_width(), entry[0].get_height()))
                else:
                    blits.append((entry[0], (ox + tx0 * px, oy + ty0 * px)))
        cached.blit_all(surface, blits)
        self._evict((cx1 - cx0 + 1) * (cy1 - cy0 + 1) + SPARE_CHUNKS)

    def _update_arts(self, view) -> None:
        """Art codes of the ground the view shows, made again when its tiles change (ground or sight)."""
        tiles = _root(view.tiles)
        if tiles is not self._art_tiles or view.ground_version != self._art_version:
            # Never-seen tiles count as wall: the art of what was seen tells nothing of what was not.
            self._solid = _SOLID[view.tiles]
            self._arts = TC.art_map(self._solid, self._regions)
            self._art_tiles, self._art_version = tiles, view.ground_version
            self._frame_key = None

    def _window_ids(self, view, x0: int, y0: int, x1: int, y1: int, fx: float, fy: float) -> np.ndarray:
        """Sprite ids of the tiles [y0:y1, x0:x1] as the view shows them now, lit from (fx, fy)."""
        tiles = self._solid[y0:y1, x0:x1]
        arts = self._arts[y0:y1, x0:x1].copy()
        visible = view.visible[y0:y1, x0:x1]
        seen = view.seen[y0:y1, x0:x1]
        tick = view.tick
        for dy, dx in zip(*np.nonzero(tiles == T.DOOR)):
            if view.door_open(x0 + int(dx), y0 + int(dy)):
                arts[dy, dx] += TC.DOOR_OPEN_STEP
        deep = TC.ANIMATED[tiles] & visible
        if deep.any():
            frame = (tick // ANIM_TICKS + self._phase[y0:y1, x0:x1]) % TC.ANIM_FRAMES
            arts[deep] += TC.ANIM_STEP * frame[deep]
        # The lantern: light falls off with distance from the player.
        radius = view.sight_radius + 0.75
        dx2 = (np.arange(x0, x1, dtype=np.float32) - fx) ** 2
        dy2 = (np.arange(y0, y1, dtype=np.float32) - fy) ** 2
        dist = np.sqrt(dy2[:, None] + dx2[None, :])
        level = np.minimum((dist * (TC.LIT_LEVELS / radius)).astype(np.int32), TC.LIT_LEVELS - 1)
        lent = view.lent
        if lent is not None:
            # A blackout: what the woken dreamers lend is lit from where each stands.
            _light_lent(level, lent[y0:y1, x0:x1], view.dreamers, x0, y0)
        level[~visible] = TC.MEMORY
        ids = TC.sprite_id(arts, self._themes[y0:y1, x0:x1], level)
        ids[~seen] = 0
        return ids

    def _chunk(self, cx: int, cy: int, ids: np.ndarray, target: pygame.Surface) -> list:
        """The chunk's [surface, ids drawn, all unseen?], brought up to date with `ids`."""
        key = (cx, cy)
        entry = self._chunks.get(key)
        px = self.tile_px
        if entry is None or entry[1].shape != ids.shape:
            h, w = ids.shape
            surf = pygame.Surface((w * px, h * px), 0, target)
            surf.fill(UNSEEN)
            ys, xs = np.nonzero(ids)  # never-seen tiles are the fill already
            entry = self._chunks[key] = [surf, ids.copy(), False]
        else:
            self._chunks.move_to_end(key)
            changed = ids != entry[1]
            if not changed.any():
                return entry
            ys, xs = np.nonzero(changed)
            entry[1][changed] = ids[changed]
        entry[2] = not entry[1].any()
        sprites = self._sprites
        entry[0].fblits(zip(map(sprites.__getitem__, ids[ys, xs].tolist()), zip((xs * px).tolist(), (ys * px).tolist())))
        return entry

    def _evict(self, keep: int) -> None:
        while len(self._chunks) > keep:
            self._chunks.popitem(last=False)


def _margins(ox: int, oy: int, map_w: int, map_h: int, sw: int, sh: int) -> list[tuple[int, int, int, int]]:
    """The parts of an (sw, sh) screen the map (map_w x map_h pixels at (ox, oy)) leaves uncovered, as rectangles."""
    top, bottom = max(0, min(sh, oy)), max(0, min(sh, oy + map_h))
    left, right = max(0, min(sw, ox)), max(0, min(sw, ox + map_w))
    out = [(0, 0, sw, top), (0, bottom, sw, sh - bottom), (0, top, left, bottom - top), (right, top, sw - right, bottom - top)]
    return [r for r in out if r[2] > 0 and r[3] > 0]


def _light_lent(level: np.ndarray, lent: np.ndarray, dreamers, x0: int, y0: int) -> None:
    """Light the lent tiles of a window (its light `level`s, in place) from each woken dreamer near it."""
    h, w = level.shape
    radius = R.SHARED_SIGHT + 0.75
    reach = R.SHARED_SIGHT + 1
    for d in dreamers:
        if not d.awake or not (x0 - reach <= d.x < x0 + w + reach and y0 - reach <= d.y < y0 + h + reach):
            continue
        dx2 = (np.arange(x0, x0 + w, dtype=np.float32) - d.x) ** 2
        dy2 = (np.arange(y0, y0 + h, dtype=np.float32) - d.y) ** 2
        own = np.minimum((np.sqrt(dy2[:, None] + dx2[None, :]) * (TC.LIT_LEVELS / radius)).astype(np.int32), TC.LIT_LEVELS - 1)
        np.minimum(level, np.where(lent, own, TC.LIT_LEVELS - 1), out=level)
