"""Fair play: the game and the bots know a dive only through its views, and the fog view keeps its secrets.

The renderer, HUD, minimap, dive screen and bot are run against a world
whose every attribute but its views (and the stepping the session needs)
raises; a cheap scan of their source stands guard too. The fog view is
checked against the whole view tick after tick: nothing unseen in it, and
nothing in it can be written to.
"""

from __future__ import annotations

import ast
import dataclasses
import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import numpy as np
import pygame
import pytest

from conftest import REPO_ROOT
from dreamscape.app.dive_view.view import DiveView
from dreamscape.app.hud import draw_hud
from dreamscape.app.minimap import Minimap
from dreamscape.bot.bot import Bot
from dreamscape.core.level import load_level_or_profile
from dreamscape.gen import generate
from dreamscape.sim import actors, calls, view as V
from dreamscape.sim.view import UNSEEN, View
from dreamscape.sim.world import World

HD = (1280, 720)
PACKAGE = REPO_ROOT / "dreamscape"


class ReadThroughViews(AssertionError):
    """The front end reached past the views into the world."""


class Guarded:
    """A world that answers only `view()`, `fog_view()` and what stepping it takes (`step`, `done`).

    Reading anything else (its player, terrain, sight, manifestations, awake
    flags...) or writing anything raises, naming what was reached for.
    """

    ALLOWED = frozenset({"view", "fog_view", "step", "done"})

    def __init__(self, world: World) -> None:
        object.__setattr__(self, "_world", world)

    def __getattr__(self, name: str):
        if name in Guarded.ALLOWED:
            return getattr(object.__getattribute__(self, "_world"), name)
        raise ReadThroughViews(f"read world.{name}: only views may be read")

    def __setattr__(self, name: str, value) -> None:
        raise ReadThroughViews(f"wrote world.{name}")


@pytest.fixture(scope="module")
def ch1():
    return generate(load_level_or_profile("ch1_the_loop"))


@pytest.fixture(scope="module")
def ch5():
    return generate(load_level_or_profile("ch5_nexus_malfunction").with_seed(3))


# -- behaviour: a guarded world -----------------------------------------------------


def test_the_guard_really_guards(ch1):
    world = Guarded(World(ch1))
    assert isinstance(world.fog_view(), View)
    for name in ("player", "terrain", "sight", "haunts", "lure_near", "dreamers", "awake", "taken", "ds", "tick", "exit"):
        with pytest.raises(ReadThroughViews):
            getattr(world, name)
    with pytest.raises(ReadThroughViews):
        world.tick = 3


@pytest.mark.parametrize("which, ticks", [("ch1", 900), ("ch5", 360)])
def test_renderer_hud_minimap_and_bot_draw_a_dive_from_its_views_alone(which, ticks, request):
    ds = request.getfixturevalue(which)
    world = Guarded(World(ds))
    bot = Bot()
    view, minimap = DiveView(ds), Minimap(ds)
    safe = DiveView(ds, colour_blind=True)
    surface = pygame.Surface(HD)
    drawn = 0
    for tick in range(ticks):
        world.step(bot.command(world.fog_view()))
        if tick % 6 == 0:
            alpha = (tick % 5) / 5
            (safe if tick % 12 == 0 else view).draw(surface, world, alpha)
            minimap.draw(surface, world, camera=view.camera)
            draw_hud(surface, world, hints="Arrows move", wake_key="Space")
            view.player_pos(world, alpha)
            for h in world.fog_view().haunts:
                view.haunt_pos(world, h.index, alpha)
            drawn += 1
        if world.done:
            break
    assert drawn > 20
    # A full-sight bot is shown the whole view, and that is all it is shown.
    world = Guarded(World(ds))
    full = Bot()
    for _ in range(120):
        world.step(full.command(world.view()))


def _session_dive(app, ds_level: str, autoplay: bool):
    from dreamscape.app import intents
    from dreamscape.app.session import DiveSession
    from dreamscape.app.transitions import Reset

    spec = load_level_or_profile(ds_level)
    session = DiveSession(spec, record_dir=None, autoplay=autoplay, chapter="ch1_the_loop" if ds_level == "ch1_the_loop" else None)
    session.world = Guarded(session.world)  # type: ignore[assignment]  # a stand-in that raises on reads
    app.go(Reset(intents.Dive(session)))
    return app.top


@pytest.fixture
def app(tmp_path, monkeypatch):
    monkeypatch.setenv("DREAMSCAPE_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("DREAMSCAPE_MUTE", "1")
    from dreamscape.app.frame_loop import App

    a = App(headless=True)
    a.settings = a.settings.replace(notice_seen=True)
    yield a
    if pygame.get_init():
        a.close()


@pytest.mark.parametrize("autoplay", [True, False])
def test_the_dive_screen_plays_a_dive_from_its_views_alone(app, autoplay):
    """The whole dive screen (view, minimap, HUD, toasts, lessons, sound, pause) over a guarded world."""
    from dreamscape.app.screens.pause import PauseScene

    dive = _session_dive(app, "ch1_the_loop", autoplay)
    if not autoplay:
        # A held key: the player walks (and the screen reacts to what happens).
        app.controls.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_LEFT, mod=0, unicode="", scancode=0))
    app.run(400)
    assert dive.session.view().tick > 150
    assert "call" in dive.teacher.shown
    assert PauseScene(app, dive).status_line().endswith("left")
    dive.show_minimap = not dive.show_minimap
    app.run(20)


# -- a cheap scan of the source -------------------------------------------------------------

#: Modules that draw or decide from views. (bot/playthrough.py runs a world for the bot, as the session does for the game.)
VIEW_ONLY = [
    PACKAGE / "app" / "dive_view" / "view.py",
    PACKAGE / "app" / "dive_view" / "chunks.py",
    PACKAGE / "app" / "dive_view" / "entities.py",
    PACKAGE / "app" / "dive_view" / "glide.py",
    PACKAGE / "app" / "dive_view" / "entity_sprites.py",
    PACKAGE / "app" / "dive_view" / "sprite_kit.py",
    PACKAGE / "app" / "hud.py",
    PACKAGE / "app" / "minimap.py",
    PACKAGE / "app" / "callfx.py",
    PACKAGE / "app" / "prompts.py",
    PACKAGE / "app" / "look.py",
    PACKAGE / "app" / "screens" / "dive.py",
    *sorted(p for p in (PACKAGE / "bot").glob("*.py") if p.name != "playthrough.py"),
]
#: What the dreamscape may be asked for: what generation fixed and never moves.
DS_ALLOWED = {"width", "height", "regions", "dark", "seed"}
#: Modules that hold the world's insides.
ENGINE_MODULES = {"dreamscape.sim.world", "dreamscape.sim.terrain", "dreamscape.sim.actors", "dreamscape.sim.sight", "dreamscape.sim.hunt", "dreamscape.sim.views", "dreamscape.sim.waking", "dreamscape.sim.manifestations"}


def _names_of(*classes) -> set[str]:
    names: set[str] = set()
    for cls in classes:
        names |= {f.name for f in dataclasses.fields(cls)} if dataclasses.is_dataclass(cls) else set()
        names |= {n for n in dir(cls) if not n.startswith("__")}
    return names


def forbidden_attributes(ds) -> set[str]:
    """World (and actor) attribute names no view has: reading one can only mean reading the world."""
    world = World(ds)
    inside = set(vars(world)) | {n for n in dir(World) if not n.startswith("__")}
    inside |= _names_of(actors.Player, actors.Haunt)
    views = _names_of(V.View, V.PlayerView, V.DreamerView, V.ShardView, V.LureView, V.HauntView, V.PortalView, calls.Call)
    # `hunt` is also the colour of a hunting manifestation (tileart/entity_colours.py); the guarded world catches World.hunt.
    return inside - views - {"view", "fog_view", "step", "ds", "hunt"}


def test_the_scan_knows_what_to_look_for(ch1):
    names = forbidden_attributes(ch1)
    assert {"terrain", "sight", "lure_near", "taken", "shard_at", "_step_total", "rng", "state", "trail"} <= names
    # Views have these too (a dreamer's view says whether it is `awake`): the guarded world watches those.
    assert not {"player", "haunts", "dreamers", "awake", "tick", "calls", "tiles"} & names


def test_view_only_modules_never_reach_into_the_world(ch1):
    names = forbidden_attributes(ch1)
    problems = []
    for path in VIEW_ONLY:
        tree = ast.parse(path.read_text(), str(path))
        where = path.relative_to(REPO_ROOT)
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute):
                owner = node.value
                # `self.x` is an object's own state (to hold a world's insides it would have read them elsewhere).
                if node.attr in names and not (isinstance(owner, ast.Name) and owner.id == "self"):
                    problems.append(f"{where}:{node.lineno}: .{node.attr}")
                on_ds = (isinstance(owner, ast.Name) and owner.id == "ds") or (isinstance(owner, ast.Attribute) and owner.attr == "ds")
                if on_ds and node.attr not in DS_ALLOWED:
                    problems.append(f"{where}:{node.lineno}: ds.{node.attr} (take it from the view)")
            elif isinstance(node, ast.ImportFrom) and node.module:
                imported = {node.module} | {f"{node.module}.{a.name}" for a in node.names}
                if imported & ENGINE_MODULES or (node.module == "dreamscape.sim" and any(a.name == "World" for a in node.names)):
                    problems.append(f"{where}:{node.lineno}: imports {node.module}")
            elif isinstance(node, ast.Import):
                problems += [f"{where}:{node.lineno}: imports {a.name}" for a in node.names if a.name in ENGINE_MODULES]
    assert not problems, "\n".join(problems)


def test_the_scan_would_catch_a_reach_into_the_world(ch1, tmp_path):
    names = forbidden_attributes(ch1)
    code = "def draw(world):\n    return world.terrain.tiles, world.sight.seen, world.lure_near, world.haunts[0].state\n"
    found = {n.attr for n in ast.walk(ast.parse(code)) if isinstance(n, ast.Attribute) and n.attr in names}
    assert found == {"terrain", "sight", "lure_near", "state"}


# -- the fog view keeps its secrets ----------------------------------------------------------


def _check_fog(world: World) -> None:
    whole, fog = world.view(), world.fog_view()
    seen, visible = fog.seen, fog.visible
    assert fog.fog and not whole.fog
    # Tiles: what was seen as it is now, UNSEEN elsewhere; no step cost where nothing was seen.
    assert (fog.tiles[~seen] == UNSEEN).all()
    assert np.array_equal(fog.tiles[seen], whole.tiles[seen])
    assert not fog.step_cost[~seen].any()
    # Dreamers, shards, lures and the exit once their tile was seen; every such one is there.
    assert all(seen[d.y, d.x] for d in fog.dreamers)
    assert {d.index for d in fog.dreamers} == {d.index for d in whole.dreamers if seen[d.y, d.x]}
    assert all(seen[s.y, s.x] for s in fog.shards)
    assert {s.index for s in fog.shards} == {s.index for s in whole.shards if seen[s.y, s.x]}
    assert all(seen[lure.y, lure.x] for lure in fog.lures)
    assert fog.exit is None or seen[fog.exit[1], fog.exit[0]]
    assert (fog.exit is not None) == bool(seen[whole.exit[1], whole.exit[0]])  # type: ignore[index]  # the whole view always has the exit
    assert all(seen[p.a[1], p.a[0]] or (p.two_way and seen[p.b[1], p.b[0]]) for p in fog.portals)
    # Manifestations only while in sight (where they stand or are stepping to).
    for h in fog.haunts:
        assert visible[h.y, h.x] or (h.moving and h.tx >= 0 and visible[h.ty, h.tx])
    assert {h.index for h in fog.haunts} == {h.index for h in whole.haunts if visible[h.y, h.x] or (h.moving and h.tx >= 0 and visible[h.ty, h.tx])}
    # The call comes only from what has not been seen.
    for c in fog.calls:
        if c.index >= 0:
            assert all(d.index != c.index for d in fog.dreamers if not d.awake)
    # The counts are what a player is told anyway.
    assert (fog.dreamer_count, fog.awake_count) == (whole.dreamer_count, whole.awake_count)


@pytest.mark.parametrize("level, seed", [("ch1_the_loop", None), ("ch3_endless_loop", 5), ("ch5_nexus_malfunction", 3)])
def test_the_fog_view_never_shows_what_was_not_seen(level, seed):
    spec = load_level_or_profile(level)
    ds = generate(spec if seed is None else spec.with_seed(seed))
    world = World(ds)
    bot = Bot()
    checked = 0
    for tick in range(1500):
        if tick % 15 == 0:
            _check_fog(world)
            checked += 1
        world.step(bot.command(world.fog_view()))
        if world.done:
            break
    _check_fog(world)
    assert checked > 10


def test_the_fog_view_starts_with_almost_nothing(ch1):
    world = World(ch1)
    fog, whole = world.fog_view(), world.view()
    assert fog.seen.mean() < 0.2
    assert len(fog.haunts) <= len(whole.haunts) and len(fog.shards) < len(whole.shards)
    assert fog.calls  # the dreamer is out of sight: it calls


def test_views_cannot_be_written_to(ch1):
    world = World(ch1)
    for view in (world.fog_view(), world.view()):
        for name in ("tiles", "visible", "seen", "step_cost"):
            array = getattr(view, name)
            assert not array.flags.writeable, name
            with pytest.raises(ValueError):
                array[0, 0] = 1
        with pytest.raises(dataclasses.FrozenInstanceError):
            view.tick = 99
        with pytest.raises(dataclasses.FrozenInstanceError):
            view.player.x = 0
        for group in (view.dreamers, view.shards, view.lures, view.haunts, view.calls):
            for item in group:
                with pytest.raises(dataclasses.FrozenInstanceError):
                    item.index = 99
        assert isinstance(view.dreamers, tuple) and isinstance(view.calls, tuple)
