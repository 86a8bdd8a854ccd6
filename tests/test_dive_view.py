"""The dive's drawing: tile art, camera, the view with its fog, the HUD and the minimap. Headless."""

from __future__ import annotations

import os

# Before pygame is imported anywhere: no window, no sound card, no banner.
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import dataclasses
import itertools
import time

import numpy as np
import pygame
import pytest

from dreamscape.app.tileart import codes as TA
from dreamscape.app.tileart.atlas import TileAtlas
from dreamscape.app.tileart.colours import floor_colour, luminance
from dreamscape.app.camera import Camera
from dreamscape.app.dive_view.chunks import CHUNK, SPARE_CHUNKS
from dreamscape.app.dive_view.view import DiveView
from dreamscape.app.hud import draw_hud, format_time, sleeper_beside, wake_message
from dreamscape.app.minimap import REFRESH_TICKS, Minimap
from dreamscape.bot.bot import Bot
from dreamscape.core import tiles as T
from dreamscape.core.level import load_level_or_profile
from dreamscape.gen import generate
from dreamscape.sim import rules as R
from dreamscape.sim.commands import EAST, NORTH, SOUTH, WEST, Command
from dreamscape.sim.start import Start
from dreamscape.sim.views import Views
from dreamscape.sim.world import World

CH1 = "levels/chapters/ch1_the_loop.toml"
CH5 = "levels/chapters/ch5_nexus_malfunction.toml"
HD = (1280, 720)


@pytest.fixture(scope="module")
def ch1():
    return generate(load_level_or_profile(CH1).with_seed(0))


@pytest.fixture(scope="module")
def ch5():
    return generate(load_level_or_profile(CH5).with_seed(0))


def played(ds, ticks: int) -> World:
    """A world the bot has played for `ticks` ticks."""
    world = World(ds)
    bot = Bot()
    for _ in range(ticks):
        world.step(bot.command(world.view()))
    return world


def fresh(world: World):
    """The world's fog view made afresh: a test that moves things by hand within a tick needs it
    (the world's own views are kept for the whole tick)."""
    return Views(world).fog()


def frame(view: DiveView, world: World, size=HD, alpha: float = 0.0, calls: bool = True) -> pygame.Surface:
    """A frame of the fog view of `world` as it stands (without the dreamer's call if `calls` is False)."""
    known = fresh(world)
    if not calls:
        known = dataclasses.replace(known, calls=())
    surface = pygame.Surface(size)
    view.draw(surface, known, alpha)
    return surface


def distinct_colours(surface: pygame.Surface) -> int:
    flat = pygame.surfarray.array3d(surface).reshape(-1, 3)
    return len(np.unique(flat[:: max(1, len(flat) // 40000)], axis=0))


def tile_colour(surface: pygame.Surface, view: DiveView, x: int, y: int) -> np.ndarray:
    sx, sy = view.camera.to_screen(x, y)
    px = view.tile_px
    return np.array(pygame.transform.average_color(surface, (sx, sy, px, px))[:3], float)


def entity_tiles(world: World, ds) -> set[tuple[int, int]]:
    """Every tile an entity might be drawn over, with a tile of margin round each."""
    spots = [(world.player.x, world.player.y), world.exit, *world.dreamers]
    spots += [(h.x, h.y) for h in world.haunts] + [(h.tx, h.ty) for h in world.haunts]
    spots += [e.pos for e in ds.shards + ds.lures]
    spots += [end for p in world.terrain.portals for end in (p.a, p.b)]
    return {(x + dx, y + dy) for x, y in spots for dx in (-1, 0, 1) for dy in (-1, 0, 1)}


def on_screen_tiles(view: DiveView):
    x0, y0, x1, y1 = view.camera.visible_range()
    ox, oy = view.camera.offset
    px = view.tile_px
    for y in range(y0, y1):
        for x in range(x0, x1):
            sx, sy = ox + x * px, oy + y * px
            if sx >= 0 and sy >= 0 and sx + px <= view.camera.view_w and sy + px <= view.camera.view_h:
                yield x, y


# -- tile art -----------------------------------------------------------------


def test_atlas_builds_every_sprite_quickly():
    start = time.perf_counter()
    atlas = TileAtlas(32)
    sprites = atlas.surfaces(pygame.Surface((8, 8)))
    elapsed = time.perf_counter() - start
    assert len(sprites) == TA.N_SPRITES
    assert all(s.get_size() == (32, 32) for s in sprites[:: max(1, len(sprites) // 50)])
    # The budget is 150 ms on a quiet machine; the bound leaves room for a busy one.
    assert elapsed < 0.6


def test_every_tile_code_and_theme_has_its_own_look():
    atlas = TileAtlas(16)
    # Every tile code in the middle of a plain floor: its art, then its mean colour.
    looks = {}
    for code in range(len(T.TILE_TYPES)):
        tiles = np.full((3, 3), T.FLOOR, np.uint8)
        tiles[1, 1] = code
        art = int(TA.art_map(tiles, np.zeros((3, 3), np.uint8))[1, 1])
        assert 0 <= art < TA.N_ART
        looks[code] = atlas.base[art]  # theme 0
    codes = list(looks)
    for i, a in enumerate(codes):
        for b in codes[i + 1 :]:
            assert not np.array_equal(looks[a], looks[b]), (T.TILE_TYPES[a].name, T.TILE_TYPES[b].name)
    floors = [atlas.base[theme * TA.N_ART + TA.ground_art("floor_a")].mean(axis=(0, 1)) for theme in range(TA.N_THEMES)]
    assert len({tuple(np.round(f)) for f in floors}) == TA.N_THEMES


def test_walls_show_which_sides_are_open():
    tiles = np.full((5, 5), T.WALL, np.uint8)
    tiles[3, 2] = T.FLOOR  # open below the wall at (2, 2)
    arts = TA.art_map(tiles, np.zeros((5, 5), np.uint8))
    assert arts[2, 2] == TA.OPEN_S
    assert arts[0, 0] == 0  # the border counts as wall
    # Shadowed by the wall above, in either of the floor's two looks.
    assert arts[3, 2] in (TA.ground_art("floor_a", shadow=True), TA.ground_art("floor_b", shadow=True))


def test_colour_blind_floors_spread_in_lightness():
    def lightness(cb: bool) -> list[float]:
        return sorted(luminance(floor_colour(t, cb)) for t in range(TA.N_THEMES))

    gaps = np.diff(lightness(True))
    assert gaps.min() > 0.03  # every pair of themes apart in greyscale
    assert lightness(True)[-1] - lightness(True)[0] > lightness(False)[-1] - lightness(False)[0] - 0.05


def test_light_levels_fall_off_and_memory_is_dim_and_grey():
    atlas = TileAtlas(16)
    art = TA.ground_art("floor_a")
    levels = [np.mean(atlas.colour(TA.sprite_id(art, T.GARDENS, lv))) for lv in range(TA.N_LEVELS)]
    assert all(a > b for a, b in itertools.pairwise(levels[: TA.LIT_LEVELS]))
    assert levels[TA.MEMORY] < levels[TA.LIT_LEVELS - 1] * 0.7
    lit = np.array(atlas.colour(TA.sprite_id(art, T.GARDENS, 0)), float)
    memory = np.array(atlas.colour(TA.sprite_id(art, T.GARDENS, TA.MEMORY)), float)
    assert np.ptp(memory) < np.ptp(lit)  # less saturated


# -- camera -------------------------------------------------------------------


def test_camera_clamps_near_the_map_edges_and_centres_small_maps():
    from dreamscape.app.camera import EDGE_ROOM

    cam = Camera((100, 50), 32, (640, 320))  # 20 x 10 tiles on screen
    cam.snap(0, 0)
    # At the corner, EDGE_ROOM of the view lies beyond the map: the player is not pressed to the side.
    assert (cam.x, cam.y) == pytest.approx((10 - 20 * EDGE_ROOM, 5 - 10 * EDGE_ROOM))
    assert cam.offset == (round(640 * EDGE_ROOM), round(320 * EDGE_ROOM))
    cam.snap(50, 25)
    assert (cam.x, cam.y) == (50, 25)  # in the middle it simply centres
    cam.snap(100, 50)
    assert (cam.x, cam.y) == pytest.approx((90 + 20 * EDGE_ROOM, 45 + 10 * EDGE_ROOM))
    small = Camera((10, 6), 32, (640, 320))
    small.snap(0, 0)
    ox, oy = small.offset
    assert (ox, oy) == ((640 - 320) // 2, (320 - 192) // 2)
    assert small.visible_range() == (0, 0, 10, 6)


def test_camera_converts_both_ways_and_follows_without_overshoot():
    cam = Camera((200, 200), 32, (1280, 720))
    cam.snap(50, 50)
    sx, sy = cam.to_screen(52.25, 47.5)
    tx, ty = cam.to_tile(sx, sy)
    assert abs(tx - 52.25) < 1 / 32 and abs(ty - 47.5) < 1 / 32
    assert cam.tile_centre(50, 50) == cam.to_screen(50.5, 50.5)
    xs = []
    for _ in range(90):
        cam.follow(60, 50, 1 / 60)
        xs.append(cam.x)
    assert all(b >= a for a, b in itertools.pairwise(xs))  # monotonic: no bounce
    assert xs[0] < 51 and abs(xs[-1] - 60) < 0.05 and max(xs) <= 60 + 1e-9
    x0, y0, x1, y1 = cam.visible_range()
    assert x1 - x0 in (40, 41) and y1 - y0 in (23, 24)


# -- the view -----------------------------------------------------------------


def test_a_frame_of_chapter_one_is_rich_and_differs_between_seeds(ch1):
    world = played(ch1, 300)
    first = frame(DiveView(ch1), world)
    assert distinct_colours(first) > 300
    other_ds = generate(load_level_or_profile(CH1).with_seed(1))
    other = frame(DiveView(other_ds), played(other_ds, 300))
    diff = np.abs(pygame.surfarray.array3d(first).astype(int) - pygame.surfarray.array3d(other)).sum(axis=2)
    assert (diff > 30).mean() > 0.1


def test_drawing_never_changes_the_world(ch1):
    world = played(ch1, 200)
    before = world.checksums()
    view = DiveView(ch1)
    minimap = Minimap(ch1)
    surface = pygame.Surface(HD)
    for alpha in (0.0, 0.3, 0.7, 0.99):
        view.draw(surface, world, alpha)
        draw_hud(surface, world, hints="Arrows move")
        minimap.draw(surface, world, camera=view.camera)
    assert world.checksums() == before


def step_until_moving(world: World) -> None:
    """Walk the player one step in any open direction and stop right as the step starts."""
    for direction in (EAST, WEST, NORTH, SOUTH):
        if world.terrain.can_step(world.player.x, world.player.y, direction, world.tick):
            world.step(Command.move(direction))
            assert world.player.moving
            return
    pytest.fail("the player is boxed in")


def test_the_player_glides_between_ticks(ch1):
    world = World(ch1)
    view = DiveView(ch1)
    step_until_moving(world)
    p = world.player
    (sx, sy), (tx, ty) = (p.x, p.y), (p.tx, p.ty)
    dx, dy = tx - sx, ty - sy
    surface = pygame.Surface(HD)

    def progress(alpha: float) -> float:
        view.draw(surface, world, alpha)
        fx, fy = view.player_pos(world, alpha)
        # Where it is drawn on the map (screen minus camera) agrees with its tile position.
        ox, oy = view.camera.offset
        mx, my = view.player_screen[0] - ox, view.player_screen[1] - oy
        assert abs(mx - (fx + 0.5) * view.tile_px) <= 1 and abs(my - (fy + 0.5) * view.tile_px) <= 1
        return (fx - sx) * dx + (fy - sy) * dy

    a0, a5 = progress(0.0), progress(0.5)
    world.step(Command.WAIT)  # the step goes on without a key held
    a1 = progress(0.0)
    total = R.MOVE_TICKS if ch1.tiles[ty, tx] != T.GARDEN else R.GARDEN_MOVE_TICKS
    assert a0 == pytest.approx(0.0, abs=1e-9)
    assert 0 < a5 < a1 < 1
    assert a5 == pytest.approx(0.5 / (total + (R.LURE_SLOW_TICKS if world.lure_near[ty, tx] else 0)), abs=0.02)
    assert a1 - a5 == pytest.approx(a5, abs=0.02)  # an even pace: half a tick each


def test_fog_hides_the_unseen_and_dims_what_is_remembered(ch1):
    world = played(ch1, 300)
    view = DiveView(ch1)
    # The call's ripples and marker are drawn over the fog on purpose: left out here.
    surface = frame(view, world, calls=False)
    seen, visible = world.sight.seen, world.sight.visible
    busy = entity_tiles(world, ch1)
    arts = TA.art_map(world.terrain.tiles, ch1.regions)
    unseen, lit, remembered = [], {}, {}
    for x, y in on_screen_tiles(view):
        if (x, y) in busy:
            continue
        if not seen[y, x]:
            unseen.append(tile_colour(surface, view, x, y))
        elif world.terrain.tiles[y, x] in (T.FLOOR, T.STABLE, T.BRIDGE):
            look = (int(arts[y, x]), int(ch1.regions[y, x]))
            (lit if visible[y, x] else remembered).setdefault(look, []).append(tile_colour(surface, view, x, y).sum())
    assert unseen and max(c.sum() for c in unseen) < 60
    shared = set(lit) & set(remembered)
    assert shared, "no ground both in sight and remembered on screen"
    for look in shared:
        assert min(lit[look]) > max(remembered[look]) * 1.3


def test_a_changed_tile_is_redrawn(ch1):
    world = played(ch1, 60)
    view = DiveView(ch1)
    surface = frame(view, world)
    busy = entity_tiles(world, ch1)
    x, y = next((x, y) for x, y in on_screen_tiles(view) if world.sight.visible[y, x] and world.terrain.tiles[y, x] == T.FLOOR and (x, y) not in busy)
    before = tile_colour(surface, view, x, y)
    # A glitch as the world makes one: the tile changes and the version moves on.
    world.terrain.tiles[y, x] = T.WATER
    world.terrain.version += 1
    after = tile_colour(frame(view, world), view, x, y)
    assert np.abs(after - before).sum() > 40


@pytest.mark.parametrize("size", [(640, 360), HD, (1920, 1080)])
def test_the_view_fills_screens_of_any_size(ch1, size):
    world = played(ch1, 150)
    view = DiveView(ch1)
    surface = frame(view, world, size)
    assert (view.camera.view_w, view.camera.view_h) == size
    assert distinct_colours(surface) > 150
    # The player is on screen wherever the camera had to stop.
    px, py = view.player_screen
    assert 0 <= px < size[0] and 0 <= py < size[1]


def test_the_margins_beyond_a_small_map_are_filled_and_nothing_else():
    # The map no longer gets a whole-screen fill under it: the margins alone must cover the rest.
    from dreamscape.app.dive_view.chunks import _margins
    from dreamscape.app.tileart.colours import UNSEEN

    for ox, oy, mw, mh in itertools.product((-900, -20, 0, 37, 400), (-500, 0, 11, 300), (64, 640, 2600), (32, 360, 1500)):
        covered = np.zeros((90, 160), int)
        scale = 8  # a 1280x720 screen in cells of 8 px
        for x, y, w, h in _margins(ox, oy, mw, mh, 1280, 720):
            assert w > 0 and h > 0
            covered[y // scale : (y + h) // scale, x // scale : (x + w) // scale] += 1
        ys, xs = np.mgrid[0:90, 0:160] * scale
        on_map = (xs >= ox) & (xs < ox + mw) & (ys >= oy) & (ys < oy + mh)
        snapped = (ox % scale, oy % scale, mw % scale, mh % scale) == (0, 0, 0, 0)
        if snapped:
            assert (covered == np.where(on_map, 0, 1)).all()
    # A small map on a big screen: nothing of the old frame shows through anywhere.
    small = generate(load_level_or_profile("leo").with_seed(3).with_size((24, 16)))
    view = DiveView(small)
    surface = pygame.Surface(HD)
    surface.fill((255, 0, 255))
    view.draw(surface, World(small).fog_view())
    pixels = pygame.surfarray.array3d(surface).reshape(-1, 3)
    assert not ((pixels == (255, 0, 255)).all(axis=1)).any()
    assert (pixels == UNSEEN[:3]).all(axis=1).sum() > HD[0] * HD[1] // 3


def test_the_largest_chapter_draws_within_a_bounded_cache(ch5):
    assert (ch5.width, ch5.height) == (160, 104)
    world = World(ch5)
    bot = Bot()
    view = DiveView(ch5)
    surface = pygame.Surface(HD)
    for _tick in range(400):
        world.step(bot.command(world.view()))
        view.draw(surface, world, 0.5)
    assert distinct_colours(surface) > 150
    x0, y0, x1, y1 = view.camera.visible_range()
    on_screen = (-(-x1 // CHUNK) - x0 // CHUNK) * (-(-y1 // CHUNK) - y0 // CHUNK)
    assert view.cached_chunks <= on_screen + SPARE_CHUNKS


def test_the_colour_blind_view_draws_and_differs(ch1):
    # How much of a frame the palettes change depends on how much lit ground
    # is in view (little in the first corridor), so the share is averaged
    # over the first half minute of a dive, a frame every five seconds.
    world, bot = World(ch1), Bot()
    normal_view, safe_view = DiveView(ch1), DiveView(ch1, colour_blind=True)
    shares = []
    for _ in range(6):
        for _ in range(150):
            world.step(bot.command(world.view()))
        normal = frame(normal_view, world)
        safe = frame(safe_view, world)
        assert distinct_colours(safe) > 150
        diff = np.abs(pygame.surfarray.array3d(normal).astype(int) - pygame.surfarray.array3d(safe)).sum(axis=2)
        shares.append((diff > 20).mean())
    assert sum(shares) / len(shares) > 0.05


def test_screen_pos_places_tiles_under_the_camera(ch1):
    world = played(ch1, 100)
    view = DiveView(ch1)
    frame(view, world)
    ox, oy = view.camera.offset
    assert view.screen_pos(3, 4) == (ox + 3 * 32 + 16, oy + 4 * 32 + 16)
    assert view.player_screen == view.screen_pos(*view.player_pos(world))


# -- HUD ----------------------------------------------------------------------


def test_format_time_counts_down_in_minutes_and_seconds():
    assert format_time(0) == "00:00"
    assert format_time(1) == "00:01"  # rounded up: time is not over yet
    assert format_time(30) == "00:01"
    assert format_time(31) == "00:02"
    assert format_time(90 * 30) == "01:30"
    assert format_time(3642) == "02:02"
    assert format_time(-5) == "00:00"


def test_hud_shows_the_panel_and_turns_urgent(ch1):
    world = World(ch1)
    blank = pygame.Surface(HD)
    calm = pygame.Surface(HD)
    rect = draw_hud(calm, world)
    assert rect.width > 100 and rect.height > 80
    assert rect.topleft[0] < 40 and rect.topleft[1] < 40
    panel = pygame.surfarray.array3d(calm)[rect.left : rect.right, rect.top : rect.bottom]
    assert (panel.sum(axis=2) > 300).sum() > 200  # text on it
    assert not np.array_equal(pygame.surfarray.array3d(blank), pygame.surfarray.array3d(calm))
    late = World(ch1, start=Start(deadline=20 * 30))  # 20 seconds left
    hurried = pygame.Surface(HD)
    draw_hud(hurried, fresh(late))
    red = pygame.surfarray.array3d(hurried)[rect.left : rect.right, rect.top : rect.bottom].astype(int)
    assert ((red[..., 0] > 180) & (red[..., 2] < 120)).sum() > 50  # the urgent colour


def test_hud_hints_and_wake_message(ch1):
    world = World(ch1)
    assert wake_message(world) is None
    dx, dy = world.dreamers[0]
    spot = next(
        (x, y)
        for x in (dx - 1, dx, dx + 1)
        for y in (dy - 1, dy, dy + 1)
        if (x, y) != (dx, dy) and T.WALKABLE[world.terrain.tiles[y, x]]
    )
    world.player.x, world.player.y = spot
    assert sleeper_beside(fresh(world)) == 0
    assert wake_message(fresh(world), "Enter") == "Hold Enter to wake"
    surface = pygame.Surface(HD)
    draw_hud(surface, fresh(world), hints="Arrows move  Space wake")
    bottom = pygame.surfarray.array3d(surface)[:, HD[1] - 60 :]
    assert (bottom.sum(axis=2) > 250).sum() > 100  # the hint line
    middle = pygame.surfarray.array3d(surface)[:, HD[1] // 2 : HD[1] - 60]
    assert (middle.sum(axis=2) > 250).sum() > 100  # the wake message
    world.awake[0] = True
    assert wake_message(fresh(world)) is None


# -- minimap ------------------------------------------------------------------


def test_minimap_draws_in_a_corner_and_refreshes_sparingly(ch5):
    world = played(ch5, 120)
    minimap = Minimap(ch5)
    surface = pygame.Surface(HD)
    rect = minimap.draw(surface, world)
    assert rect.right <= HD[0] and rect.top >= 0 and rect.left > HD[0] // 2
    assert rect.width <= HD[0] * 0.25 + 20
    area = pygame.surfarray.array3d(surface)[rect.left : rect.right, rect.top : rect.bottom]
    assert len(np.unique(area.reshape(-1, 3), axis=0)) > 5
    for _ in range(20):
        minimap.draw(surface, world)
    assert minimap.rebuilds == 1  # the same tick: the ground image is reused
    bot = Bot()
    for _ in range(REFRESH_TICKS):
        world.step(bot.command(world.view()))
    minimap.draw(surface, world)
    assert minimap.rebuilds == 2


def test_minimap_shows_only_seen_ground(ch1):
    world = World(ch1)
    minimap = Minimap(ch1)
    surface = pygame.Surface(HD)
    rect = minimap.draw(surface, world)
    w, h, _ = minimap.size_for(HD)
    area = pygame.surfarray.array3d(surface)[rect.left + 4 : rect.left + 4 + w, rect.top + 4 : rect.top + 4 + h]
    lit_share = (area.sum(axis=2) > 120).mean()
    seen_share = world.sight.seen.mean()
    assert lit_share < seen_share * 3 + 0.02  # nothing much beyond what was seen
    assert lit_share > 0


# -- entities -----------------------------------------------------------------


def beside_first_dreamer(ds) -> World:
    """A fresh world with the player moved next to dreamer 0 and sight recomputed there."""
    world = World(ds)
    dx, dy = world.dreamers[0]
    x, y = next(
        (x, y)
        for x in (dx - 1, dx, dx + 1)
        for y in (dy - 1, dy, dy + 1)
        if (x, y) != (dx, dy) and T.WALKABLE[world.terrain.tiles[y, x]]
    )
    world.player.x, world.player.y = x, y
    world.sight.update(world.terrain.tiles, x, y, world.terrain.version)
    return world


def region(surface: pygame.Surface, centre: tuple[int, int], half: int = 24) -> np.ndarray:
    x, y = centre
    return pygame.surfarray.array3d(surface)[x - half : x + half, y - half : y + half].astype(int)


def test_dreamers_look_asleep_waking_and_awake(ch1):
    world = beside_first_dreamer(ch1)
    view = DiveView(ch1)
    spot = world.dreamers[0]
    asleep = region(frame(view, world), view.screen_pos(*spot))
    world.player.wake_target, world.player.wake_progress = 0, R.WAKE_TICKS // 2
    waking = region(frame(view, world), view.screen_pos(*spot))
    world.player.wake_target, world.player.wake_progress = -1, 0
    world.awake[0] = True
    awake = region(frame(view, world), view.screen_pos(*spot))
    assert np.abs(waking - asleep).sum(axis=2).max() > 100  # the progress ring
    assert (np.abs(awake - asleep).sum(axis=2) > 60).sum() > 150  # a changed look, not a few pixels


def test_a_hunting_manifestation_shows_it(ch1):
    world = played(ch1, 30)
    view = DiveView(ch1)
    frame(view, world)
    busy = entity_tiles(world, ch1) - {(h.x + dx, h.y + dy) for h in world.haunts for dx in (-1, 0, 1) for dy in (-1, 0, 1)}
    x, y = next(
        (x, y)
        for x, y in on_screen_tiles(view)
        if world.sight.visible[y, x] and T.WALKABLE[world.terrain.tiles[y, x]] and (x, y) not in busy and abs(x - world.player.x) + abs(y - world.player.y) >= 2
    )
    h = world.haunts[0]
    h.x, h.y, h.tx, h.ty, h.move_left, h.stun, h.state = x, y, -1, -1, 0, 0, 0
    wandering = region(frame(view, world), view.screen_pos(x, y), 30)
    h.state = 1  # HUNT
    hunting = region(frame(view, world), view.screen_pos(x, y), 30)
    hot = view.colours.hunt
    near_hot = (np.abs(hunting - np.array(hot)).sum(axis=2) < 60).sum()
    assert near_hot > (np.abs(wandering - np.array(hot)).sum(axis=2) < 60).sum() + 20
    h.state, h.stun = 0, 60
    stunned = region(frame(view, world), view.screen_pos(x, y), 30)
    assert np.abs(stunned - wandering).sum() > 0  # faded while stunned


def test_the_exit_opens_when_every_dreamer_is_awake_and_the_loop_is_broken(ch1):
    world = World(ch1)
    ex, ey = world.exit
    world.player.x, world.player.y = ex, ey
    world.sight.update(world.terrain.tiles, ex, ey, world.terrain.version)
    view = DiveView(ch1)
    locked = region(frame(view, world), view.screen_pos(ex, ey))
    world.awake = [True] * len(world.awake)
    loop = world.climax
    loop.begun = True  # chapter 1: Leo's Doubt has folded the way out into a loop
    looped = region(frame(view, world), view.screen_pos(ex, ey))
    assert looped.sum() < locked.sum() * 1.1  # still barred
    loop.done = [True] * len(loop.done)
    loop.resolved = True
    unlocked = region(frame(view, world), view.screen_pos(ex, ey))
    assert unlocked.sum() > locked.sum() * 1.1  # Mia's bridge: the way out lights up


@pytest.mark.parametrize("tile_px", [16, 48])
def test_other_tile_sizes_draw(ch1, tile_px):
    world = played(ch1, 120)
    view = DiveView(ch1, tile_px=tile_px)
    surface = frame(view, world)
    assert distinct_colours(surface) > 100
    assert view.screen_pos(1, 0)[0] - view.screen_pos(0, 0)[0] == tile_px
