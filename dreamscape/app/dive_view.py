"""The dive as the player sees it: the labyrinth under fog of war, and what moves in it.

The view draws only what the player knows: the fog view of the world
(`World.fog_view()`, see sim/view.py), never the world's own state. From the
dreamscape it is made for it keeps only what generation fixed (the regions
and their themes, the map's size). Each frame it works out a sprite id for
every tile near the screen (terrain art, region theme, light level; see
tileart), and keeps the tiles in 16x16-tile chunk surfaces held in a small
LRU: a chunk is redrawn only where its ids changed since it was last shown
(the player's light moving, a door swinging, a glitch, water rippling), so a
still frame costs a dozen big blits. Entities are drawn on top from
pre-rendered sprites, then the dreamer's call (callfx).

    view = DiveView(ds, tile_px=32, colour_blind=False)
    view.draw(screen, world.fog_view(), alpha)   # alpha: 0..1 between sim ticks (a world works too)
    x, y = view.screen_pos(tx, ty)               # where a tile's centre is on screen
"""

from __future__ import annotations

import math
import os
from collections import OrderedDict

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import numpy as np  # noqa: E402
import pygame  # noqa: E402

from dreamscape.app import tileart as TA  # noqa: E402
from dreamscape.app.callfx import CallCues  # noqa: E402
from dreamscape.app.camera import Camera  # noqa: E402
from dreamscape.app.look import look  # noqa: E402
from dreamscape.core import tiles as T  # noqa: E402
from dreamscape.core.timing import TICKS_PER_SECOND  # noqa: E402
from dreamscape.render import palette as P  # noqa: E402
from dreamscape.render.symbols import draw_symbol  # noqa: E402
from dreamscape.sim import rules as R  # noqa: E402
from dreamscape.sim.view import UNSEEN  # noqa: E402

CHUNK = 16  # tiles per chunk side
#: Chunks kept beyond those on screen, so walking back and forth rarely redraws one.
SPARE_CHUNKS = 12
#: Ticks per frame of the water and void animation.
ANIM_TICKS = 8
#: Ticks a portal opened by a glitch takes to swirl open.
PORTAL_OPENING = TICKS_PER_SECOND
#: Tile codes by the view's code (UNSEEN included): never-seen ground counts as wall for the art.
_SOLID = np.full(256, T.WALL, np.uint8)
_SOLID[: len(T.TILE_TYPES)] = np.arange(len(T.TILE_TYPES))


def _root(a: np.ndarray) -> np.ndarray:
    """The array a (read-only) view shows: the same object for as long as its contents are."""
    return a if a.base is None else a.base


class DiveView:
    """Draws the views of one dreamscape's dives; remembers only what helps it draw the next frame."""

    def __init__(self, ds, tile_px: int = 32, colour_blind: bool = False) -> None:
        self.tile_px = int(tile_px)
        self.colour_blind = colour_blind
        self.width, self.height = ds.width, ds.height
        self._regions = ds.regions
        self.colours = TA.EntityColours(colour_blind)
        self.atlas = TA.TileAtlas(self.tile_px, colour_blind)
        self.camera = Camera((ds.width, ds.height), self.tile_px)
        self._themes = np.clip(ds.regions.astype(np.int32), 0, TA.N_THEMES - 1)
        h, w = ds.height, ds.width
        ys, xs = np.mgrid[0:h, 0:w]
        # Each deep tile ripples at its own phase, so water never pulses in step.
        self._phase = ((xs * 5 + ys * 3 + (xs * ys) % 7) % TA.ANIM_FRAMES).astype(np.int32)
        self._arts: np.ndarray | None = None
        self._solid: np.ndarray | None = None
        self._art_tiles: np.ndarray | None = None  # the view's tiles `_arts` was made from
        self._art_version = -1
        self._sprites: list[pygame.Surface] | None = None
        self._format: tuple | None = None
        self._chunks: OrderedDict[tuple[int, int], list] = OrderedDict()
        self._frame_key: tuple | None = None
        self._last_visible: np.ndarray | None = None
        self._time: float | None = None
        self._entity = _EntitySprites(self.tile_px, self.colours)
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
        return _glide(p, p.step_ticks, view.done, alpha)

    def haunt_pos(self, view, index: int, alpha: float = 0.0) -> tuple[float, float]:
        """Where manifestation `index` is drawn, in tiles (it must be in the view)."""
        view = look(view)
        h = next(h for h in view.haunts if h.index == index)
        return _glide(h, h.rules.step_ticks, view.done or h.faded, alpha)

    @property
    def player_screen(self) -> tuple[int, int]:
        """Screen pixel of the player's centre in the last frame drawn."""
        return self._player_screen

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
        self._draw_tiles(surface, view, fx, fy)
        self._draw_entities(surface, view, alpha, fx, fy)

    def _prepare(self, surface: pygame.Surface) -> None:
        key = (surface.get_bitsize(), surface.get_masks())
        if key != self._format:
            self._sprites = self.atlas.surfaces(surface)
            self._entity.use_format(surface)
            self._format = key
            self._chunks.clear()  # drawn in the old format
            self._frame_key = None
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

    # -- tiles ---------------------------------------------------------------

    def _draw_tiles(self, surface: pygame.Surface, view, fx: float, fy: float) -> None:
        cam = self.camera
        px = self.tile_px
        ox, oy = cam.offset
        sw, sh = surface.get_size()
        map_w, map_h = self.width * px, self.height * px
        if ox > 0 or oy > 0 or ox + map_w < sw or oy + map_h < sh:
            surface.fill(TA.UNSEEN)  # the map does not cover the screen
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
                if ids is None and entry is None:
                    ids = self._window_ids(view, wx0, wy0, wx1, wy1, lx, ly)
                if ids is not None:
                    part = ids[ty0 - wy0 : min(ty0 + CHUNK, wy1) - wy0, tx0 - wx0 : min(tx0 + CHUNK, wx1) - wx0]
                    entry = self._chunk(cx, cy, part, surface)
                else:
                    self._chunks.move_to_end((cx, cy))
                if entry[2]:
                    # Nothing seen in it yet: filling is cheaper than copying.
                    surface.fill(TA.UNSEEN, (ox + tx0 * px, oy + ty0 * px, entry[0].get_width(), entry[0].get_height()))
                else:
                    blits.append((entry[0], (ox + tx0 * px, oy + ty0 * px)))
        surface.fblits(blits)
        self._evict((cx1 - cx0 + 1) * (cy1 - cy0 + 1) + SPARE_CHUNKS)

    def _update_arts(self, view) -> None:
        """Art codes of the ground the view shows, made again when its tiles change (ground or sight)."""
        tiles = _root(view.tiles)
        if tiles is not self._art_tiles or view.ground_version != self._art_version:
            # Never-seen tiles count as wall: the art of what was seen tells nothing of what was not.
            self._solid = _SOLID[view.tiles]
            self._arts = TA.art_map(self._solid, self._regions)
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
                arts[dy, dx] += TA.DOOR_OPEN_STEP
        deep = TA.ANIMATED[tiles] & visible
        if deep.any():
            frame = (tick // ANIM_TICKS + self._phase[y0:y1, x0:x1]) % TA.ANIM_FRAMES
            arts[deep] += TA.ANIM_STEP * frame[deep]
        # The lantern: light falls off with distance from the player.
        radius = view.sight_radius + 0.75
        dx2 = (np.arange(x0, x1, dtype=np.float32) - fx) ** 2
        dy2 = (np.arange(y0, y1, dtype=np.float32) - fy) ** 2
        dist = np.sqrt(dy2[:, None] + dx2[None, :])
        level = np.minimum((dist * (TA.LIT_LEVELS / radius)).astype(np.int32), TA.LIT_LEVELS - 1)
        level[~visible] = TA.MEMORY
        ids = TA.sprite_id(arts, self._themes[y0:y1, x0:x1], level)
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
            surf.fill(TA.UNSEEN)
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

    @property
    def cached_chunks(self) -> int:
        """How many chunk surfaces are held now."""
        return len(self._chunks)

    # -- entities ------------------------------------------------------------

    def _draw_entities(self, surface: pygame.Surface, view, alpha: float, fx: float, fy: float) -> None:
        visible = view.visible
        seen = view.seen
        now = view.tick + alpha
        art = self._entity
        cam = self.camera
        x0, y0, x1, y1 = cam.visible_range()
        # One tile of slack: a sprite or glow spills over its tile's edge.
        x0, y0, x1, y1 = x0 - 1, y0 - 1, x1 + 1, y1 + 1
        at = cam.tile_centre

        def near(x: int, y: int) -> bool:
            return x0 <= x < x1 and y0 <= y < y1

        for portal in view.portals:
            opened = min(1.0, max(0.0, (now - portal.opens_at) / PORTAL_OPENING)) if portal.opens_at else 1.0
            for x, y in (portal.a, portal.b) if portal.two_way else (portal.a,):
                if near(x, y) and visible[y, x]:
                    art.portal(surface, at(x, y), portal.two_way, now, opened)
        # What never moves, as far as the view knows of it.
        for shard in view.shards:
            x, y = shard.x, shard.y
            if near(x, y) and visible[y, x]:
                art.shard(surface, at(x, y), now + shard.index * 7)
        for lure in view.lures:
            if near(lure.x, lure.y) and visible[lure.y, lure.x]:
                art.lure(surface, at(lure.x, lure.y), lure.kind, now)
        if view.exit is not None:
            ex, ey = view.exit
            if near(ex, ey) and seen[ey, ex]:
                art.exit(surface, at(ex, ey), view.all_awake, bool(visible[ey, ex]), now)
        p = view.player
        for d in view.dreamers:
            x, y = d.x, d.y
            if near(x, y) and seen[y, x]:
                progress = p.wake_share if p.wake_target == d.index else 0.0
                art.dreamer(surface, at(x, y), d.awake, progress, bool(visible[y, x]), now + d.index * 11)
        for h in view.haunts:
            if not near(h.x, h.y):
                continue
            if visible[h.y, h.x] or (h.moving and h.tx >= 0 and visible[h.ty, h.tx]):
                gx, gy = _glide(h, h.rules.step_ticks, view.done or h.faded, alpha)
                art.haunt(surface, at(gx, gy), h.kind, h.hunting, h.faded, now + h.index * 5)
        self._player_screen = at(fx, fy)
        if view.calls and not view.done:
            self._calls.draw(surface, view.calls, now, self._player_screen, self.keep_clear)
        art.lantern(surface, self._player_screen, view.sight_radius)
        art.player(surface, self._player_screen, now, shielded=p.grace > 0)


def _glide(actor, ticks: int, frozen: bool, alpha: float) -> tuple[float, float]:
    """Where a walker (player or manifestation view) is drawn: `alpha` of a tick into its step of `ticks`."""
    if not actor.move_left or actor.tx < 0:
        return float(actor.x), float(actor.y)
    total = max(ticks, actor.move_left)
    done = (total - actor.move_left + (0.0 if frozen else alpha)) / total
    return actor.x + (actor.tx - actor.x) * done, actor.y + (actor.ty - actor.y) * done


class _EntitySprites:
    """Pre-rendered entity sprites and glows, built on first use and kept."""

    GLOW_STEPS = 8

    def __init__(self, tile_px: int, colours: TA.EntityColours) -> None:
        self.px = tile_px
        self.c = colours
        self.r = tile_px * 0.4  # symbol radius
        self.outline = max(1, round(tile_px / 16))  # pixels of dark outline round every entity
        self._cache: dict[tuple, pygame.Surface] = {}
        self._target: pygame.Surface | None = None

    def use_format(self, target: pygame.Surface) -> None:
        """Make sprites in `target`'s pixel format from now on: blits that convert are slow."""
        self._target = target.copy() if target.get_size() < (2, 2) else target.subsurface((0, 0, 1, 1)).copy()
        self._cache.clear()

    # -- building blocks -----------------------------------------------------

    def _get(self, key: tuple, build) -> pygame.Surface:
        surf = self._cache.get(key)
        if surf is None:
            surf = build()
            # Opaque sprites (the additive glows) take the target's format; alpha
            # sprites are made 32-bit ARGB already, which SDL blends fast.
            if self._target is not None and not surf.get_flags() & pygame.SRCALPHA:
                surf = surf.convert(self._target)
            self._cache[key] = surf
        return surf

    def _symbol(self, shape: str, fill: P.RGB, scale: float = 1.0) -> pygame.Surface:
        def build() -> pygame.Surface:
            r = self.r * scale
            size = int(r * 3) + 6
            surf = pygame.Surface((size, size), pygame.SRCALPHA)
            draw_symbol(surf, shape, fill, (size / 2, size / 2), r)
            return self._outlined(surf)

        return self._get(("symbol", shape, fill, round(scale, 2)), build)

    def _glow(self, colour: P.RGB, radius: float, strength: float) -> pygame.Surface:
        """A soft additive disc: blit with BLEND_RGB_ADD so it brightens what is under it."""
        step = max(0, min(self.GLOW_STEPS, round(strength * self.GLOW_STEPS)))

        def build() -> pygame.Surface:
            size = int(radius * 2) + 2
            c = (np.arange(size) + 0.5 - size / 2) / radius
            d = np.sqrt(c[:, None] ** 2 + c[None, :] ** 2)
            fall = np.clip(1 - d, 0, 1) ** 2 * (step / self.GLOW_STEPS)
            rgb = (fall[..., None] * np.asarray(colour, np.float32)).astype(np.uint8)
            return pygame.image.frombytes(np.ascontiguousarray(rgb).tobytes(), (size, size), "RGB")

        return self._get(("glow", colour, round(radius), step), build)

    def _outlined(self, sprite: pygame.Surface) -> pygame.Surface:
        """`sprite` inside a dark outline a few pixels wide, all the way round its silhouette.

        The outline is what makes an entity 3:1 (WCAG non-text contrast) from
        lit ground, whatever the ground's colour; a bright fill carries it
        on dark ground.
        """
        w = self.outline
        ink = pygame.mask.from_surface(sprite).to_surface(setcolor=(*TA.OUTLINE, 255), unsetcolor=(0, 0, 0, 0))
        out = pygame.Surface((sprite.get_width() + 2 * w, sprite.get_height() + 2 * w), pygame.SRCALPHA)
        out.fblits([(ink, (w + dx, w + dy)) for dx in range(-w, w + 1) for dy in range(-w, w + 1) if dx * dx + dy * dy <= w * w + w])
        out.blit(sprite, (w, w))
        return out

    @staticmethod
    def _blit_centred(surface: pygame.Surface, sprite: pygame.Surface, centre: tuple[int, int], flags: int = 0) -> None:
        w, h = sprite.get_size()
        surface.blit(sprite, (centre[0] - w // 2, centre[1] - h // 2), special_flags=flags)

    def _faded(self, sprite: pygame.Surface, alpha: int) -> pygame.Surface:
        def build() -> pygame.Surface:
            faded = sprite.copy()
            faded.fill((255, 255, 255, alpha), special_flags=pygame.BLEND_RGBA_MULT)
            return faded

        return self._get(("faded", id(sprite), alpha), build)

    # -- entities ------------------------------------------------------------

    def lantern(self, surface: pygame.Surface, at: tuple[int, int], sight: int) -> None:
        """A faint warm light round the player, smoothing the stepped light levels of the tiles."""
        self._blit_centred(surface, self._glow(self.c.player_glow, self.px * sight * 0.45, 0.16), at, pygame.BLEND_RGB_ADD)

    def player(self, surface: pygame.Surface, at: tuple[int, int], now: float, shielded: bool = False) -> None:
        """The player: a bright lucid spark, haloed; flickering while just caught and shielded."""
        breathe = 0.75 + 0.25 * math.sin(now / TICKS_PER_SECOND * 2 * math.pi * 0.6)
        self._blit_centred(surface, self._glow(self.c.player_glow, self.px * 1.1, 0.55 * breathe), at, pygame.BLEND_RGB_ADD)
        sprite = self._get(("player",), lambda: self._outlined(self._build_player()))
        if shielded:
            rr = int(self.r * 1.6)
            pygame.draw.circle(surface, self.c.fold, at, rr, 2)
            if int(now) // 3 % 2:
                sprite = self._faded(sprite, 110)
        self._blit_centred(surface, sprite, at)

    def _build_player(self) -> pygame.Surface:
        r = self.r * 1.05
        size = int(r * 3.2) + 4
        surf = pygame.Surface((size, size), pygame.SRCALPHA)
        c = size / 2
        # A four-pointed star over an orb: no other entity has this outline.
        star = []
        for i in range(8):
            a = -math.pi / 2 + i * math.pi / 4
            k = r * (1.45 if i % 2 == 0 else 0.5)
            star.append((c + math.cos(a) * k, c + math.sin(a) * k))
        pygame.draw.polygon(surf, P.INK, star)
        pygame.draw.polygon(surf, self.c.player_glow, star)
        pygame.draw.polygon(surf, P.INK, star, 1)
        pygame.draw.circle(surf, P.INK, (c, c), r * 0.78)
        pygame.draw.circle(surf, self.c.player, (c, c), r * 0.7)
        pygame.draw.circle(surf, (255, 255, 255), (c - r * 0.2, c - r * 0.2), r * 0.22)
        return surf

    def dreamer(self, surface, at, awake: bool, progress: float, visible: bool, now: float) -> None:
        """A trapped dreamer: asleep and pulsing, being woken (a ring), or awake."""
        t = now / TICKS_PER_SECOND
        if awake:
            colour = self.c.awake
            if visible:
                self._blit_centred(surface, self._glow(colour, self.px * 1.2, 0.7), at, pygame.BLEND_RGB_ADD)
            sprite = self._get(("awake",), lambda: self._outlined(self._build_awake()))
        else:
            colour = self.c.dreamer
            pulse = 0.5 + 0.5 * math.sin(t * 2 * math.pi * 0.45)  # slow: breathing in sleep
            if visible:
                self._blit_centred(surface, self._glow(colour, self.px * (0.9 + 0.3 * pulse), 0.3 + 0.45 * pulse), at, pygame.BLEND_RGB_ADD)
            sprite = self._symbol(P.DREAMER_STYLE.shape, colour, 1.05)
        self._blit_centred(surface, sprite if visible else self._faded(sprite, 120), at)
        if not awake and visible:
            # Sleep: a small 'z' drifting up.
            z = (t * 0.5) % 1.0
            zx, zy = at[0] + int(self.r * (0.9 + 0.4 * z)), at[1] - int(self.r * (1.0 + 1.2 * z))
            fade = 16 * round(14 * (1 - z))  # in steps, so a handful of faded copies serve
            self._blit_centred(surface, self._faded(self._get(("z",), self._build_z), fade), (zx, zy))
        if progress > 0:
            rr = int(self.r * 1.55)
            rect = pygame.Rect(at[0] - rr, at[1] - rr, rr * 2, rr * 2)
            pygame.draw.circle(surface, P.INK, at, rr, 5)
            end = math.pi / 2
            pygame.draw.arc(surface, self.c.awake, rect, end - 2 * math.pi * min(1.0, progress), end, 4)

    def _build_awake(self) -> pygame.Surface:
        r = self.r * 1.1
        size = int(r * 3.4) + 4
        surf = pygame.Surface((size, size), pygame.SRCALPHA)
        c = size / 2
        # Rays round a bright face: sunrise, the dreamer is back.
        for i in range(8):
            a = i * math.pi / 4
            inner, outer = r * 1.05, r * 1.6
            pygame.draw.line(surf, P.INK, (c + math.cos(a) * inner, c + math.sin(a) * inner), (c + math.cos(a) * outer, c + math.sin(a) * outer), 5)
            pygame.draw.line(surf, self.c.awake, (c + math.cos(a) * inner, c + math.sin(a) * inner), (c + math.cos(a) * outer, c + math.sin(a) * outer), 2)
        draw_symbol(surf, "dreamer", self.c.awake, (c, c), r)
        return surf

    def _build_z(self) -> pygame.Surface:
        s = max(6, int(self.r * 0.8))
        surf = pygame.Surface((s + 4, s + 4), pygame.SRCALPHA)
        pts = [(2, 2), (s + 1, 2), (2, s + 1), (s + 1, s + 1)]
        pygame.draw.lines(surf, P.INK, False, pts, 4)
        pygame.draw.lines(surf, (230, 240, 255), False, pts, 2)
        return surf

    def haunt(self, surface, at, kind: str, hunting: bool, stunned: bool, now: float) -> None:
        """A manifestation: its kind's shape and colour; hunting shows a hot eye-ring."""
        style = P.MANIFESTATION_STYLE.get(kind, P.UNKNOWN_STYLE)
        colour = self.c.haunt(kind)
        sprite = self._symbol(style.shape, colour, 1.0)
        t = now / TICKS_PER_SECOND
        if stunned:
            self._blit_centred(surface, self._faded(sprite, 80), at)
            return
        self._blit_centred(surface, self._glow(colour, self.px * 0.9, 0.35), at, pygame.BLEND_RGB_ADD)
        if hunting:
            pulse = 0.5 + 0.5 * math.sin(t * 2 * math.pi * 2.2)
            self._blit_centred(surface, self._glow(self.c.hunt, self.px * 1.2, 0.4 + 0.4 * pulse), at, pygame.BLEND_RGB_ADD)
            rr = int(self.r * 1.45)
            pygame.draw.circle(surface, P.INK, at, rr + 1, 4)
            pygame.draw.circle(surface, self.c.hunt, at, rr, 2)
        self._blit_centred(surface, sprite, at)
        if hunting:
            # An open eye above it: it has seen you (a cue that needs no colour).
            self._blit_centred(surface, self._get(("eye",), self._build_eye), (at[0], at[1] - int(self.r * 1.75)))

    def _build_eye(self) -> pygame.Surface:
        w, h = int(self.r * 1.6) + 4, int(self.r * 0.9) + 4
        surf = pygame.Surface((w, h), pygame.SRCALPHA)
        rect = pygame.Rect(1, 1, w - 2, h - 2)
        pygame.draw.ellipse(surf, P.INK, rect)
        pygame.draw.ellipse(surf, self.c.hunt, rect.inflate(-2, -2))
        pygame.draw.circle(surf, P.INK, (w / 2, h / 2), h * 0.28)
        return surf

    def lure(self, surface, at, kind: str, now: float) -> None:
        """A desire that tempts: yellow, shimmering."""
        style = P.LURE_STYLE.get(kind, P.UNKNOWN_STYLE)
        shimmer = 0.5 + 0.5 * math.sin(now / TICKS_PER_SECOND * 2 * math.pi * 0.8 + at[0] * 0.05)
        self._blit_centred(surface, self._glow(self.c.lure, self.px * 1.0, 0.25 + 0.35 * shimmer), at, pygame.BLEND_RGB_ADD)
        self._blit_centred(surface, self._symbol(style.shape, self.c.lure, 0.95), at)

    def shard(self, surface, at, now: float) -> None:
        """A memory shard: a bobbing, sparkling diamond."""
        t = now / TICKS_PER_SECOND
        bob = round(math.sin(t * 2 * math.pi * 0.7) * self.px * 0.06)
        spot = (at[0], at[1] + bob)
        self._blit_centred(surface, self._glow(self.c.shard, self.px * 0.8, 0.55 + 0.25 * math.sin(t * 5)), spot, pygame.BLEND_RGB_ADD)
        self._blit_centred(surface, self._symbol(P.SHARD_STYLE.shape, self.c.shard, 0.9), spot)

    def exit(self, surface, at, unlocked: bool, visible: bool, now: float) -> None:
        """The bridge back to waking: barred until every dreamer is awake."""
        if unlocked:
            pulse = 0.5 + 0.5 * math.sin(now / TICKS_PER_SECOND * 2 * math.pi * 0.5)
            if visible:
                self._blit_centred(surface, self._glow(self.c.exit, self.px * 1.8, 0.5 + 0.4 * pulse), at, pygame.BLEND_RGB_ADD)
            sprite = self._get(("exit", True), lambda: self._outlined(self._build_exit(True)))
        else:
            sprite = self._get(("exit", False), lambda: self._outlined(self._build_exit(False)))
        self._blit_centred(surface, sprite if visible else self._faded(sprite, 140), at)

    def _build_exit(self, unlocked: bool) -> pygame.Surface:
        r = self.r * 1.35
        size = int(r * 2.6) + 6
        surf = pygame.Surface((size, size), pygame.SRCALPHA)
        c = (size / 2, size / 2)
        if unlocked:
            draw_symbol(surf, "exit", P.WHITE, c, r)
            return surf
        draw_symbol(surf, "exit", (150, 150, 168), c, r)
        # Barred: the opening is dark, crossed by bars, with a lock.
        inner = [(c[0] + x * r, c[1] + y * r) for x, y in ((-0.45, 1), (-0.45, -0.2), (0, -0.6), (0.45, -0.2), (0.45, 1))]
        pygame.draw.polygon(surf, (30, 28, 44), inner)
        for k in (-0.22, 0.0, 0.22):
            pygame.draw.line(surf, (150, 150, 168), (c[0] + k * r, c[1] - 0.45 * r), (c[0] + k * r, c[1] + r), 2)
        lock = pygame.Rect(0, 0, int(r * 0.5), int(r * 0.4))
        lock.center = (int(c[0]), int(c[1] + r * 0.45))
        pygame.draw.rect(surf, P.INK, lock.inflate(2, 2))
        pygame.draw.rect(surf, self.c.lure, lock)
        return surf

    def portal(self, surface, at, two_way: bool, now: float, opened: float) -> None:
        """A portal end: a swirl turning (dream loop: one way) or a steady double ring (fold)."""
        colour = self.c.fold if two_way else self.c.loop
        if opened <= 0:
            return
        self._blit_centred(surface, self._glow(colour, self.px * 1.1 * opened, 0.6), at, pygame.BLEND_RGB_ADD)
        frames = 12
        turn = int(now / 3) % frames
        sprite = self._get(("portal", two_way, turn), lambda: self._build_portal(two_way, turn, frames))
        if opened < 1:
            sprite = pygame.transform.smoothscale_by(sprite, max(0.1, opened))
        self._blit_centred(surface, sprite, at)

    def _build_portal(self, two_way: bool, turn: int, frames: int) -> pygame.Surface:
        colour = self.c.fold if two_way else self.c.loop
        r = self.r * 1.25
        size = int(r * 2.4) + 4
        surf = pygame.Surface((size, size), pygame.SRCALPHA)
        c = size / 2
        spin = turn / frames * 2 * math.pi * (1 if two_way else -1)
        if two_way:
            pygame.draw.circle(surf, P.INK, (c, c), r + 1, 5)
            pygame.draw.circle(surf, colour, (c, c), r, 3)
            pygame.draw.circle(surf, colour, (c, c), r * 0.5, 2)
            for k in range(2):
                a = spin + k * math.pi
                pygame.draw.circle(surf, (255, 255, 255), (c + math.cos(a) * r, c + math.sin(a) * r), 2.5)
        else:
            # Three spiral arms winding inwards: the dream folds back on itself.
            for arm in range(3):
                pts = []
                for i in range(14):
                    f = i / 13
                    a = spin + arm * 2 * math.pi / 3 + f * 2.6
                    pts.append((c + math.cos(a) * r * (1 - 0.8 * f), c + math.sin(a) * r * (1 - 0.8 * f)))
                pygame.draw.lines(surf, P.INK, False, pts, 5)
                pygame.draw.lines(surf, colour, False, pts, 3)
            pygame.draw.circle(surf, P.INK, (c, c), r * 0.22 + 1)
            pygame.draw.circle(surf, (255, 255, 255), (c, c), r * 0.22)
        return surf
