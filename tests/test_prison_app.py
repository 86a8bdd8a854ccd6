"""Chapter 2's prison as the player meets it: drawing, HUD, prompts and results."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame

from dreamscape.app.dive_view.entity_sprites import EntitySprites
from dreamscape.app.hud import climax_message
from dreamscape.app.prompts import Teacher
from dreamscape.app.screens.results import climax_text
from dreamscape.app.session import DiveResult
from dreamscape.app.tileart.entity_colours import EntityColours
from dreamscape.sim.events import CarriedBack, PaintGiven
from scenario.picture import scenario

PAIR = """
###########
#X.......1#
#.........#
#....@....#
#...D.D...#
###########
"""


def _drawn(draw) -> bytes:
    surf = pygame.Surface((64, 64), pygame.SRCALPHA)
    draw(surf)
    return pygame.image.tobytes(surf, "RGBA")


def test_a_doorway_is_drawn_as_the_exit_and_a_husk_differently():
    pygame.init()
    art = EntitySprites(32, EntityColours())
    exit_ = _drawn(lambda s: art.exit(s, (32, 32), False, True, 0))
    husk = _drawn(lambda s: art.husk(s, (32, 32), True))
    assert husk != exit_ and any(husk)


def test_the_hud_tells_of_the_doorways_and_the_paint():
    world = scenario(PAIR, climax="prison", marks=[(9, 1)])
    assert climax_message(world.fog_view(), "F / Q") == "Every bright doorway lies — wake Anya"
    world.climax.paint, world.climax.resolved = 2, True
    world.tick += 1  # a fresh view
    assert climax_message(world.fog_view(), "F / Q") == "Lila's paint: 2 — F / Q paints the wall you face"


def test_the_prison_chapter_teaches_its_doorways_and_paint():
    world = scenario(PAIR, climax="prison", marks=[(9, 1)])
    teacher = Teacher("ch2_beautiful_prison")
    view = world.fog_view()
    assert [p.key for p in teacher.step(view, [])] == ["doorway"]
    shown = teacher.step(view, [PaintGiven(1, "Lila", 3), CarriedBack(1, 0, 5, 3)], use_key="F")
    assert [p.key for p in shown] == ["carried", "paint"] and "press F" in shown[1].detail
    assert teacher.step(view, [PaintGiven(2, "Lila", 3)]) == []


def test_results_name_the_doorways_and_the_strokes():
    base = dict(level="ch2", seed=0, outcome="won", ticks=10, woken=2, dreamers=2, shards=0, lucidity=100, recording=None, climax="prison", doorways=3)
    won = DiveResult(**base, unmasked=True, painted=2, carried=1)  # type: ignore[arg-type]
    assert climax_text(won) == "Anya unmasked all 3 false doorways; you painted 2 ways through with Lila's colours, and the false doorways carried you back 1 time."
    held = DiveResult(**base)  # type: ignore[arg-type]
    assert climax_text(held) == "The 3 false doorways kept their masks; Lila's paint went unused."
