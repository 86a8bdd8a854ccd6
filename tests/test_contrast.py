"""Non-text contrast in the dive (WCAG 2.x, 1.4.11): 3:1, measured on real frames.

Two things must read at a glance, in both palettes, in every region theme, at
every light level of the ground in sight:

- lit floor against the walls beside it;
- every entity (the player, a dreamer asleep and awake, each manifestation
  kind, a memory shard, the exit locked and open, a false exit) against the
  ground it stands on.

"Lit" is every one of the lantern's LIT_LEVELS: each tile in sight is drawn at
one of them, out to the edge of sight (ground remembered but out of sight, the
MEMORY level, is fog and is not held to 3:1). The frames are the real DiveView
drawing a World on real chapter terrain: for each theme the player stands in
that theme's ground, and each entity, alone, stands on a tile of it at each
light level in turn.

How a pair is measured (WCAG relative luminance of the pixels, contrast
(L1 + 0.05) / (L2 + 0.05), medians so texture and details do not decide):

- entity: the sprite's own pixels (those it paints over the ground, found by
  drawing it alone on black and on white) as they appear in the frame, split
  into its rim (the outer two pixels of its silhouette, inner edges too) and
  its body (the rest);
- ground: both the entity's tile in the same frame drawn without it, and the
  ground pixels just outside the sprite in the frame with it (its own glow on
  them and all); an entity must stand out from each;
- the visual boundary is the rim, so an entity stands out from a ground when
  its rim or its body is 3:1 from it (a dark outline does it on bright ground,
  a bright fill on dark);
- floor against wall: each ground tile in sight against each wall tile in
  sight beside it, the wall's top and, on a wall with a front face, the face.
"""

from __future__ import annotations

import dataclasses
import os
import sys

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from functools import lru_cache

import numpy as np
import pygame
import pytest
import tcod
from scipy import ndimage

from dreamscape.app.dive_view.entity_sprites import EntitySprites
from dreamscape.app.dive_view.nexus_draw import FEAR_COLOURS
from dreamscape.app.dive_view.view import DiveView
from dreamscape.app.tileart import atlas as tile_atlas
from dreamscape.app.tileart import codes as TA
from dreamscape.app.tileart import colours as tile_colours
from dreamscape.app.tileart import walls as tile_walls
from dreamscape.app.flash import relative_luminance
from dreamscape.core import tiles as T
from dreamscape.core.level import load_level_or_profile
from dreamscape.gen import generate
from dreamscape.gen.dreamscape import Dreamer, Entity
from dreamscape.sim import rules as R
from dreamscape.sim.actors import Haunt
from dreamscape.sim.views import Views
from dreamscape.sim.world import World

NEED = 3.0
SIZE = (1280, 720)
#: Where the stages are looked for: between them every theme has open ground.
CHAPTERS = ("ch5_nexus_malfunction", "ch4_network_crash", "ch3_endless_loop")
#: The ground a region is walked on: plain floor, or a garden's in the gardens.
GROUND = np.isin(np.arange(len(T.TILE_TYPES)), (T.FLOOR, T.GARDEN))
#: How deep into a sprite its rim is read.
RIM_PX = 2
#: Half the side of the square cut round an entity to measure it.
HALF = 64
#: How far out from a sprite its surroundings are read.
AROUND_PX = 3
#: The entities held to 3:1, by name.
ENTITIES = ("player", "dreamer asleep", "dreamer awake", *R.KINDS, "shard", "exit locked", "exit open", "false exit")


def contrast(a: float, b: float) -> float:
    hi, lo = max(a, b), min(a, b)
    return (hi + 0.05) / (lo + 0.05)


def median_luminance(pixels: np.ndarray) -> float:
    return float(np.median(relative_luminance(np.asarray(pixels, np.uint8).reshape(-1, 3))))


def light_level(dist, dark: bool):
    """The lantern's light level at `dist` tiles from the player, as DiveView draws it (numbers or arrays)."""
    radius = (R.DARK_SIGHT if dark else R.SIGHT) + 0.75
    return np.minimum((np.asarray(dist) * (TA.LIT_LEVELS / radius)).astype(int), TA.LIT_LEVELS - 1)


# -- stages: where the player stands in each theme, and a tile at each light level ------


@dataclasses.dataclass
class Stage:
    ds: object
    theme: int
    player: tuple[int, int]
    spots: dict[int, tuple[int, int]]  # light level -> a ground tile in sight
    far: list[tuple[int, int]]  # walkable tiles out of sight (somewhere to put what must not show)


@lru_cache(maxsize=None)
def chapter(path: str):
    # The chapters' ground and themes without their climaxes: a blackout's shrunk
    # sight or a nexus's clients would stand between the palette and what it is measured on.
    return generate(load_level_or_profile(path).with_seed(0)._replace(climax=""))


def _candidates(ds, theme: int):
    """(player tile, visible mask, ground of `theme`) for sampled ground tiles of `theme`."""
    tiles = ds.tiles
    h, w = tiles.shape
    floor = GROUND[tiles] & (ds.regions == theme)
    dark = theme == T.HOLLOW
    radius = R.DARK_SIGHT if dark else R.SIGHT
    # Away from the map's edges, so the camera centres on the player and all of sight is on screen.
    ys, xs = np.nonzero(floor)
    keep = (xs > 21) & (xs < w - 22) & (ys > 12) & (ys < h - 13)
    ys, xs = ys[keep], xs[keep]
    clear = T.TRANSPARENT[tiles]
    r = radius + 1
    for y, x in list(zip(ys.tolist(), xs.tolist()))[:: max(1, len(ys) // 300)]:
        # Sight as the game computes it, on the window it can reach.
        seen = np.zeros_like(clear)
        seen[y - r : y + r + 1, x - r : x + r + 1] = tcod.map.compute_fov(clear[y - r : y + r + 1, x - r : x + r + 1], (r, r), r, algorithm=tcod.constants.FOV_SYMMETRIC_SHADOWCAST)
        yield (x, y), seen, floor


def _stage(ds, theme: int, walls: bool) -> Stage | None:
    """The best place in `ds` to stand in `theme`: for entities (a ground tile at each light
    level) or, with `walls`, for floor against wall (ground beside a wall at each light level)."""
    tiles = ds.tiles
    walk = T.WALKABLE[tiles]
    around = ndimage.convolve(walk.astype(int), np.ones((3, 3), int), mode="constant")
    wall = tiles == T.WALL
    best, best_score = None, (-1, -1)
    for (x, y), seen, floor in _candidates(ds, theme):
        spots: dict[int, tuple[int, int]] = {}
        if walls:
            lit_wall = wall & seen
            beside = np.zeros_like(wall)
            beside[1:-1, 1:-1] = lit_wall[:-2, 1:-1] | lit_wall[2:, 1:-1] | lit_wall[1:-1, :-2] | lit_wall[1:-1, 2:]
            vy, vx = np.nonzero(seen & floor & beside)
        else:
            vy, vx = np.nonzero(seen & floor)
        levels = light_level(np.hypot(vx - x, vy - y), theme == T.HOLLOW)
        for ty, tx, lv in zip(vy.tolist(), vx.tolist(), levels.tolist()):
            if (tx, ty) == (x, y) or abs(ty - y) > 9:
                continue
            # Within a level, the most open tile: the entity stands on plain ground.
            if lv not in spots or around[ty, tx] > around[spots[lv][1], spots[lv][0]]:
                spots[lv] = (tx, ty)
        score = (len(spots), len(vy) if walls else sum(around[sy, sx] for sx, sy in spots.values()))
        if score > best_score:
            best_score, best = score, ((x, y), spots, seen)
    if best is None:
        return None
    (x, y), spots, seen = best
    fy, fx = np.nonzero(walk & ~seen)
    far = list(zip(fx[::97].tolist(), fy[::97].tolist()))[:4]
    return Stage(ds, theme, (x, y), dict(sorted(spots.items())), far)


@lru_cache(maxsize=None)
def stages(walls: bool = False) -> tuple[Stage, ...]:
    """One stage per theme, from the chapter that shows the most light levels there."""
    out = []
    for theme in range(TA.N_THEMES):
        found = [s for s in (_stage(chapter(p), theme, walls) for p in CHAPTERS) if s is not None]
        out.append(max(found, key=lambda s: len(s.spots)))  # the first with the most levels
    return tuple(out)


def staged(stage: Stage, **put) -> object:
    """The stage's chapter with nothing in it but the player at the stage and what `put` places."""
    far = stage.far
    return stage.ds.replace(
        start=stage.player,
        exit=put.get("exit", far[0]),
        dreamers=[Dreamer(*put.get("dreamer", far[1]))],
        manifestations=[],
        lures=[Entity("lure", "false_exit", *put["false_exit"])] if "false_exit" in put else [],
        shards=[Entity("shard", "memory", *put["shard"])] if "shard" in put else [],
        portals=[],
    )


# -- frames ----------------------------------------------------------------------


_REAL_ATLAS = tile_atlas.TileAtlas
_ATLASES: dict[tuple, tile_atlas.TileAtlas] = {}


def shared_atlas(tile_px: int = 32, colour_blind: bool = False, seed: int = 7) -> tile_atlas.TileAtlas:
    """Every view of one palette shares one atlas: the art is the same, only the map differs."""
    key = (tile_px, colour_blind, seed)
    if key not in _ATLASES:
        _ATLASES[key] = _REAL_ATLAS(tile_px, colour_blind, seed)
    return _ATLASES[key]


@pytest.fixture(autouse=True)
def _shared_atlases(monkeypatch):
    monkeypatch.setattr(tile_atlas, "TileAtlas", shared_atlas)


def draw(view: DiveView, world: World, hide_player: bool = False) -> pygame.Surface:
    """One frame of the dive, as the player sees it, without the calls' ripples
    (they are soft overlays that come and go, not the ground an entity stands on)."""
    surface = pygame.Surface(SIZE)
    if hide_player:
        view._entity.player = lambda *a, **k: None  # the ground under the player, without it
    try:
        # Built afresh: the stage moves things about within one tick, and World caches its views per tick.
        view.draw(surface, dataclasses.replace(Views(world).fog(), calls=()), 0.0)
    finally:
        view._entity.__dict__.pop("player", None)
    return surface


def crop(surface: pygame.Surface, centre: tuple[int, int]) -> np.ndarray:
    """(2 * HALF, 2 * HALF, 3) int16: the frame round `centre`."""
    x, y = centre
    rect = pygame.Rect(x - HALF, y - HALF, 2 * HALF, 2 * HALF)
    assert surface.get_rect().contains(rect), "an entity off the screen"
    return pygame.surfarray.array3d(surface.subsurface(rect)).transpose(1, 0, 2).astype(np.int16)


def tile_pixels(frame, view: DiveView, x: int, y: int) -> np.ndarray:
    """A tile's pixels, from a surface or a full-frame array."""
    sx, sy = view.camera.to_screen(x, y)
    px = view.tile_px
    if isinstance(frame, pygame.Surface):
        rect = pygame.Rect(sx, sy, px, px).clip(frame.get_rect())
        return pygame.surfarray.array3d(frame.subsurface(rect)).transpose(1, 0, 2)
    return frame[max(0, sy) : sy + px, max(0, sx) : sx + px]


class Scratch:
    """Entities drawn alone on small canvases: which pixels are a sprite's own."""

    def __init__(self, view: DiveView) -> None:
        self.art = EntitySprites(view.tile_px, view.colours)
        self.canvas = pygame.Surface((2 * HALF, 2 * HALF))
        self.art.use_format(self.canvas)

    def _on(self, bg, draw_one, at) -> np.ndarray:
        self.canvas.fill(bg)
        draw_one(self.canvas, self.art, at)
        return pygame.surfarray.array3d(self.canvas).transpose(1, 0, 2).astype(np.int16)

    def sprite(self, draw_one) -> tuple[np.ndarray, np.ndarray]:
        """(opaque, colours) of `draw_one(surface, art, at)` centred on the canvas.

        Drawn on black and on white: a pixel is the sprite's own where both
        agree (a glow adds to what is under it, a shadow blends with it).
        """
        at = (HALF, HALF)
        black, white = self._on((0, 0, 0), draw_one, at), self._on((255, 255, 255), draw_one, at)
        return (black == white).all(axis=2), black

    def covered(self, draw_one, offset: tuple[int, int]) -> np.ndarray:
        """Where `draw_one` drawn `offset` pixels from the canvas centre darkens or paints over the ground."""
        white = self._on((255, 255, 255), draw_one, (HALF + offset[0], HALF + offset[1]))
        return (white != 255).any(axis=2)


@dataclasses.dataclass
class Reading:
    entity: str
    palette: str
    theme: str
    level: int
    body: float
    rim: float
    ground: float  # the tile, drawn without the entity
    around: float  # the pixels just outside the sprite, as drawn with it

    def against(self, ground: float) -> float:
        return max(contrast(self.body, ground), contrast(self.rim, ground))

    @property
    def ratio(self) -> float:
        return min(self.against(self.ground), self.against(self.around))


def on_ground(view: DiveView, world: World, centre: tuple[int, int]) -> np.ndarray:
    """(2 * HALF, 2 * HALF) bool: which pixels round `centre` show walkable ground in sight (not wall)."""
    ox, oy = view.camera.offset
    px = view.tile_px
    span = np.arange(-HALF, HALF)
    tx = (centre[0] + span - ox) // px
    ty = (centre[1] + span - oy) // px
    tiles, visible = world.terrain.tiles, world.sight.visible
    inside_x, inside_y = (tx >= 0) & (tx < tiles.shape[1]), (ty >= 0) & (ty < tiles.shape[0])
    tx, ty = np.clip(tx, 0, tiles.shape[1] - 1), np.clip(ty, 0, tiles.shape[0] - 1)
    ground = T.WALKABLE[tiles[ty[:, None], tx[None, :]]] & visible[ty[:, None], tx[None, :]]
    return ground & inside_y[:, None] & inside_x[None, :]


def read_entity(name: str, palette: str, stage: Stage, tile, frame, bare, view, world, sprite, covered=None) -> Reading:
    """One entity in `frame` against the ground: its tile in `bare` (the frame without it) and its surroundings."""
    silhouette, colours = sprite
    free = ~covered if covered is not None else np.ones_like(silhouette)  # not under the player, drawn last
    opaque = silhouette & free
    inner = ndimage.binary_erosion(silhouette, iterations=RIM_PX) & free
    rim = opaque & ~inner
    if not inner.any():  # a hairline shape is all rim
        inner = rim
    # What is beside the sprite on the ground (a wall it overlaps is not ground it stands on).
    around = ndimage.binary_dilation(silhouette, iterations=AROUND_PX) & ~silhouette & free
    around &= on_ground(view, world, view.screen_pos(*tile))
    shown = crop(frame, view.screen_pos(*tile))
    # The sprite is where it was measured: what lands on it afterwards only adds light.
    assert (shown[opaque] >= colours[opaque] - 1).all(axis=1).mean() > 0.98, f"{name}: the sprite is not where it was measured"
    x, y = tile
    level = int(light_level(np.hypot(x - stage.player[0], y - stage.player[1]), stage.theme == T.HOLLOW))
    return Reading(
        name,
        palette,
        T.THEMES[stage.theme].name,
        level,
        body=median_luminance(shown[inner]),
        rim=median_luminance(shown[rim]),
        ground=median_luminance(tile_pixels(bare, view, x, y)),
        around=median_luminance(shown[around]),
    )


#: The static entities, each in a staged map of its own: what `staged` puts, how it is drawn, and the world's state.
STATIC = (
    ("shard", "shard", lambda s, a, at: a.shard(s, at, 0), False),
    ("false exit", "false_exit", lambda s, a, at: a.lure(s, at, "false_exit", 0), False),
    ("dreamer asleep", "dreamer", lambda s, a, at: a.dreamer(s, at, False, 0.0, True, 0), False),
    ("dreamer awake", "dreamer", lambda s, a, at: a.dreamer(s, at, True, 0.0, True, 0), True),
    ("exit locked", "exit", lambda s, a, at: a.exit(s, at, False, True, 0), False),
    ("exit open", "exit", lambda s, a, at: a.exit(s, at, True, True, 0), True),
)


def draw_player(s, a, at):
    a.player(s, at, 0)


def bare_stage(stage: Stage, colour_blind: bool) -> tuple[DiveView, World, Scratch, pygame.Surface]:
    """The stage with only the player in it: its view, world, a scratch canvas, and its frame."""
    ds = staged(stage)
    view = DiveView(ds, colour_blind=colour_blind)
    world = World(ds)
    return view, world, Scratch(view), draw(view, world)


def readings(colour_blind: bool, themes=None) -> tuple[list[Reading], list[tuple]]:
    """Every entity reading and every floor/wall pair of one palette (tick 0, between-tick 0)."""
    palette = "colour-blind" if colour_blind else "normal"
    entities: list[Reading] = []
    walls: list[tuple] = []
    for stage in stages(walls=True):
        if themes is None or stage.theme in themes:
            ds = staged(stage)
            view, world = DiveView(ds, colour_blind=colour_blind), World(ds)
            walls += wall_pairs(pygame.surfarray.array3d(draw(view, world)).transpose(1, 0, 2), view, world, stage, palette)
    for stage in stages():
        if themes is not None and stage.theme not in themes:
            continue
        view, world, scratch, bare = bare_stage(stage, colour_blind)
        player_at = view.player_screen
        under_player = draw(view, world, hide_player=True)
        entities.append(read_entity("player", palette, stage, stage.player, bare, under_player, view, world, scratch.sprite(draw_player)))
        for x, y in stage.spots.values():
            at = view.screen_pos(x, y)
            covered = scratch.covered(draw_player, (player_at[0] - at[0], player_at[1] - at[1]))
            for kind in R.KINDS:
                world.haunts[:] = [Haunt(kind, x, y, x, y)]
                sprite = scratch.sprite(lambda s, a, at, kind=kind: a.haunt(s, at, kind, False, False, 0))
                entities.append(read_entity(kind, palette, stage, (x, y), draw(view, world), bare, view, world, sprite, covered))
            world.haunts[:] = []
            # What never moves comes from the dreamscape: a staged map for each.
            for name, put, show, awake in STATIC:
                ds = staged(stage, **{put: (x, y)})
                v, w = DiveView(ds, colour_blind=colour_blind), World(ds)
                w.awake[0] = awake
                entities.append(read_entity(name, palette, stage, (x, y), draw(v, w), bare, v, w, scratch.sprite(show), covered))
    return entities, walls


#: The climaxes' sprites, drawn as the game draws them (the same EntitySprites method at the tile's
#: centre, over the frame without them): name, how one is drawn.
CLIMAX = (
    ("beacon", lambda s, a, at: a.beacon(s, at, False, True, 0)),
    ("beacon lit", lambda s, a, at: a.beacon(s, at, True, True, 0)),
    ("memory", lambda s, a, at: a.memory(s, at, False, True, 0)),
    ("doorway husk", lambda s, a, at: a.husk(s, at, True)),
    ("terminal", lambda s, a, at: a.terminal(s, at, False)),
    ("terminal hacked", lambda s, a, at: a.terminal(s, at, True)),
    ("client awake", lambda s, a, at: a.client(s, at, "loss", True)),
    *((f"client ({fear})", lambda s, a, at, fear=fear: a.client(s, at, fear, False)) for fear in sorted(FEAR_COLOURS)),
)


def climax_readings(colour_blind: bool) -> list[Reading]:
    """Every climax sprite on each theme's ground at each light level (tick 0)."""
    palette = "colour-blind" if colour_blind else "normal"
    out: list[Reading] = []
    for stage in stages():
        view, world, scratch, bare = bare_stage(stage, colour_blind)
        player_at = view.player_screen
        for x, y in stage.spots.values():
            at = view.screen_pos(x, y)
            covered = scratch.covered(draw_player, (player_at[0] - at[0], player_at[1] - at[1]))
            for name, show in CLIMAX:
                frame = bare.copy()
                show(frame, view._entity, at)
                out.append(read_entity(name, palette, stage, (x, y), frame, bare, view, world, scratch.sprite(show), covered))
    return out


def wall_pairs(frame: np.ndarray, view: DiveView, world: World, stage: Stage, palette: str) -> list[tuple]:
    """(palette, theme, level, contrast) of each lit floor tile against each lit wall beside it."""
    tiles = world.terrain.tiles
    visible = world.sight.visible
    arts = TA.art_map(tiles, stage.ds.regions)
    px = view.tile_px
    face = px - max(2, round(px * tile_walls._FACE))
    lip = max(1, round(px / 20))
    x0, y0, x1, y1 = view.camera.visible_range()
    out = []
    dark = stage.theme == T.HOLLOW
    for y in range(max(1, y0), min(tiles.shape[0] - 1, y1)):
        for x in range(max(1, x0), min(tiles.shape[1] - 1, x1)):
            if not GROUND[tiles[y, x]] or not visible[y, x] or stage.ds.regions[y, x] != stage.theme:
                continue
            ground = tile_pixels(frame, view, x, y)
            # Not the tiles the player's sprite covers part of.
            if ground.shape[:2] != (px, px) or abs(x - stage.player[0]) + abs(y - stage.player[1]) <= 1:
                continue
            floor = median_luminance(ground)
            level = int(light_level(np.hypot(x - stage.player[0], y - stage.player[1]), dark))
            for nx, ny in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)):
                if tiles[ny, nx] != T.WALL or not visible[ny, nx]:
                    continue
                wall = tile_pixels(frame, view, nx, ny)
                if wall.shape[:2] != (px, px):
                    continue
                parts = [wall[2:face] if arts[ny, nx] & TA.OPEN_S else wall[2:-2, 2:-2]]
                if arts[ny, nx] & TA.OPEN_S:
                    parts.append(wall[face + lip + 1 :])
                for part in parts:
                    out.append((palette, T.THEMES[stage.theme].name, level, contrast(floor, median_luminance(part))))
    return out


# -- the tests -------------------------------------------------------------------


@lru_cache(maxsize=None)
def measured(colour_blind: bool):
    pygame.init()
    return readings(colour_blind)


@lru_cache(maxsize=None)
def measured_climax(colour_blind: bool) -> list[Reading]:
    pygame.init()
    return climax_readings(colour_blind)


def worst(entities: list[Reading]) -> dict[str, Reading]:
    out: dict[str, Reading] = {}
    for r in entities:
        if r.entity not in out or r.ratio < out[r.entity].ratio:
            out[r.entity] = r
    return out


def worst_walls(walls: list[tuple]) -> dict[int, tuple[float, str]]:
    out: dict[int, tuple[float, str]] = {}
    for _, theme, level, c in walls:
        out[level] = min(out.get(level, (99.0, "")), (c, theme))
    return dict(sorted(out.items()))


def table(colour_blind: bool) -> str:
    entities, walls = measured(colour_blind)
    lines = [f"floor/wall, light level {level}: {c:.2f} ({theme})" for level, (c, theme) in worst_walls(walls).items()]
    for name, r in worst(entities).items():
        lines.append(f"{name:15s} {r.ratio:5.2f}  body {r.body:.3f} rim {r.rim:.3f} ground {r.ground:.3f} around {r.around:.3f} ({r.theme}, level {r.level})")
    return "\n".join(lines)


PALETTES = pytest.mark.parametrize("colour_blind", [False, True], ids=["normal", "colour-blind"])


def test_every_theme_is_staged_at_every_light_level():
    for stage in stages():
        levels = set(stage.spots)
        if stage.theme == T.HOLLOW:
            # Sight is short there: only the player's own tile is at level 0, and
            # the narrow corridors leave no plain ground at some distances.
            assert len(levels) >= 4 and TA.LIT_LEVELS - 1 in levels, sorted(levels)
        else:
            assert levels == set(range(TA.LIT_LEVELS)), (T.THEMES[stage.theme].name, sorted(levels))


@PALETTES
def test_lit_floor_and_walls_are_3_to_1_apart(colour_blind):
    _, walls = measured(colour_blind)
    assert {theme for _, theme, _, _ in walls} == {t.name for t in T.THEMES}
    assert set(worst_walls(walls)) == set(range(TA.LIT_LEVELS))
    low = sorted((c, theme, level) for _, theme, level, c in walls if c < NEED)
    assert not low, f"{len(low)} of {len(walls)} floor/wall pairs under 3:1, worst {low[:5]}\n{table(colour_blind)}"


@PALETTES
def test_every_entity_stands_3_to_1_from_its_ground(colour_blind):
    entities, _ = measured(colour_blind)
    assert {r.entity for r in entities} == set(ENTITIES)
    assert {r.theme for r in entities} == {t.name for t in T.THEMES}
    low = [r for r in entities if r.ratio < NEED]
    assert not low, f"{len(low)} readings under 3:1, e.g. {low[:3]}\n{table(colour_blind)}"


@PALETTES
def test_every_climax_sprite_stands_3_to_1_from_its_ground(colour_blind):
    entities = measured_climax(colour_blind)
    assert {r.entity for r in entities} == {name for name, _ in CLIMAX}
    assert {r.theme for r in entities} == {t.name for t in T.THEMES}
    low = [r for r in entities if r.ratio < NEED]
    lines = "\n".join(f"{name:22s} {r.ratio:5.2f} ({r.theme}, level {r.level})" for name, r in worst(entities).items())
    assert not low, f"{len(low)} readings under 3:1, e.g. {low[:3]}\n{lines}"


def test_the_measure_fails_a_client_without_its_outline(monkeypatch):
    """A client drawn bare, with no outline, melts into ground of its own brightness."""
    monkeypatch.setattr(EntitySprites, "_outlined", lambda self, sprite: sprite)
    pygame.init()
    low = {r.entity for r in climax_readings(False) if r.ratio < NEED}
    assert {"client (judgement)", "client awake"} <= low


def test_the_measure_fails_a_dim_floor(monkeypatch):
    """Floors as dim as a dusk-dark dungeon's: walls and outlines no longer stand apart from them."""
    monkeypatch.setattr(sys.modules[__name__], "_ATLASES", {})
    monkeypatch.setattr(tile_colours, "_FLOOR_LUMINANCE", dict.fromkeys(tile_colours._FLOOR_LUMINANCE, 0.1))
    pygame.init()
    entities, walls = readings(False, themes=(T.MAZE,))
    assert min(c for *_, c in walls) < NEED
    assert min(r.ratio for r in entities) < NEED


def test_the_measure_fails_sprites_without_their_outline(monkeypatch):
    """Without the outline, a mid-tone manifestation melts into bright ground."""
    monkeypatch.setattr(EntitySprites, "_outlined", lambda self, sprite: sprite)
    pygame.init()
    entities, walls = readings(False, themes=(T.HALLS,))
    assert min(c for *_, c in walls) >= NEED  # the ground is as it was
    low = {r.entity for r in entities if r.ratio < NEED}
    assert {"hollow", "fade"} <= low


if __name__ == "__main__":
    import time

    tile_atlas.TileAtlas = shared_atlas
    for cb in (False, True):
        t = time.perf_counter()
        print("colour-blind" if cb else "normal")
        print(table(cb))
        for name, r in worst(measured_climax(cb)).items():
            print(f"{name:22s} {r.ratio:5.2f}  body {r.body:.3f} rim {r.rim:.3f} ground {r.ground:.3f} around {r.around:.3f} ({r.theme}, level {r.level})")
        print(f"{time.perf_counter() - t:.1f} s", file=sys.stderr)
