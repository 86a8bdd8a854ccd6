"""Step-through images of the generator: one picture after each phase.

    for file_name, surface in phase_images(spec):
        ...   # '01_regions.png', '02_tree.png', ... in PHASES order

Each image shows the tiles tinted by region theme as the phase left them,
outlines the tiles the phase changed when they are few enough to pick out,
and, once the 'place' phase has run, the start, exit, dreamers, entities and
portals; after 'glitches' every glitch site is hatched as on the full map.
A title names the phase and says what it did.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator

import numpy as np
import pygame

from dreamscape.core import tiles as T
from dreamscape.core.level import LevelSpec
from dreamscape.gen.architect import PHASES, generate_phases
from dreamscape.gen.build import Build
from dreamscape.render import palette as P
from dreamscape.render.fonts import font
from dreamscape.render.map_image import auto_tile_px
from dreamscape.render import markers
from dreamscape.render.symbols import arrow_head, dashed_line
from dreamscape.render.textures import hatch_sites, outline_tiles, tile_pixels

TITLE_HEIGHT = 54
MARGIN = 12
#: Above this share of the map, outlining changed tiles would cover everything.
OUTLINE_SHARE = 0.10
CHANGED: P.RGB = (255, 255, 255)


def phase_file_names() -> list[str]:
    """'01_regions.png', '02_tree.png', ... one per phase in PHASES order."""
    return [f"{i:02d}_{name}.png" for i, (name, _) in enumerate(PHASES, 1)]


def phase_description(name: str) -> str:
    """What a phase does, from the first line of its module's docstring."""
    phase = dict(PHASES)[name]
    doc = (inspect.getmodule(phase).__doc__ or "").strip().splitlines()
    line = doc[0] if doc else name
    # Module docstrings read "Phase 'tree': a random spanning tree ..."
    return line.split(": ", 1)[1] if line.startswith("Phase ") and ": " in line else line


def phase_images(spec: LevelSpec, note: str = "", tile_px: int | None = None) -> Iterator[tuple[str, pygame.Surface]]:
    """Run the generator phase by phase (first attempt only), yielding (file name, image) after each.

    `note` is added to every title's second line (e.g. that the final map
    came from a retry).
    """
    names = phase_file_names()
    previous = None
    stats: dict = {}
    for index, (name, build) in enumerate(generate_phases(spec)):
        changed = build.tiles != previous if previous is not None else None
        facts = _facts(name, build, changed, stats)
        title = f"{index + 1:02d}/{len(PHASES)}  {name}: {phase_description(name)}"
        place_done = index >= _phase_index("place")
        glitches_done = index >= _phase_index("glitches")
        yield names[index], render_build(build, title, facts, note, changed, place_done, glitches_done, tile_px)
        # The build is changed in place by the next phase: keep what is compared against.
        previous, stats = build.tiles.copy(), dict(build.stats)


def render_build(
    build: Build,
    title: str,
    facts: str,
    note: str = "",
    changed: np.ndarray | None = None,
    entities: bool = True,
    glitch_sites: bool = True,
    tile_px: int | None = None,
) -> pygame.Surface:
    """Draw a build in progress with a two-line title."""
    px = tile_px or auto_tile_px(build.width, build.height)
    regions = build.regions if build.has_regions else np.zeros_like(build.tiles)
    image = tile_pixels(build.tiles, regions, px)
    if glitch_sites and build.glitches:
        kinds = list(P.GLITCH_STYLE) + sorted({g.kind for g in build.glitches} - set(P.GLITCH_STYLE))
        hatch_sites(image, markers.glitch_sites(build.tiles.shape, build.glitches, kinds), px, [P.GLITCH_STYLE.get(k, P.GLITCH_UNKNOWN) for k in kinds])
    if changed is not None and 0 < changed.sum() <= OUTLINE_SHARE * build.area:
        outline_tiles(image, changed, px, CHANGED)
    board = pygame.image.frombytes(image.tobytes(), (image.shape[1], image.shape[0]), "RGB")
    if entities:
        _draw_entities(board, build, px)
    canvas = pygame.Surface((board.get_width() + 2 * MARGIN, board.get_height() + TITLE_HEIGHT + MARGIN))
    canvas.fill(P.BACKGROUND)
    canvas.blit(board, (MARGIN, TITLE_HEIGHT))
    canvas.blit(font(28).render(title, True, P.TEXT), (MARGIN, 8))
    canvas.blit(font(20).render(f"{facts}{note}", True, P.TEXT_DIM), (MARGIN, 33))
    return canvas


def _phase_index(name: str) -> int:
    names = [n for n, _ in PHASES]
    return names.index(name) if name in names else len(names)


def _facts(name: str, build: Build, changed: np.ndarray | None, before: dict) -> str:
    """The second title line: the level, and what this phase changed."""
    spec = build.spec
    parts = [f"{spec.name or spec.profile.name}", f"seed {build.seed}", f"{build.width}×{build.height}"]
    if changed is not None:
        parts.append(f"{int(changed.sum())} tiles changed")
    else:
        walkable = int(T.WALKABLE[build.tiles].sum())
        parts.append(f"{walkable} walkable tiles")
    if name == "place":
        parts.append(
            f"{len(build.dreamers)} dreamers, {len(build.manifestations)} manifestations, {len(build.lures)} lures, {len(build.shards)} shards"
        )
    if name == "glitches":
        parts.append(f"{sum(g.kind != 'return' for g in build.glitches)} glitches scheduled")
    parts += [f"{key.replace('_', ' ')} {value}" for key, value in build.stats.items() if before.get(key) != value]
    return "  ·  ".join(parts)


def _draw_entities(surface: pygame.Surface, build: Build, px: int) -> None:
    half = px / 2.0

    def centre(pos) -> tuple[float, float]:
        return (pos[0] * px + half, pos[1] * px + half)

    radius = min(10.0, max(3.5, px * 0.62))
    width = 1 if px < 4 else 2
    for portal in build.portals:
        a, b = centre(portal.a), centre(portal.b)
        if portal.two_way:
            pygame.draw.line(surface, P.PORTAL_TWO_WAY, a, b, width)
        else:
            dashed_line(surface, P.PORTAL_LOOP, a, b, width, max(4.0, radius), max(3.0, radius * 0.6))
            arrow_head(surface, P.PORTAL_LOOP, a, b, max(6.0, radius * 1.4))
    markers.draw_entities(surface, build, centre, radius)
    big = max(6.0, radius * 1.45)
    markers.draw_ends(surface, build.start, build.exit, centre, big)
