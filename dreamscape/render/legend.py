"""The legend panel beside a rendered map: what every colour, shape and hatch means.

Only what the map actually holds is listed, with counts, so the legend doubles
as a summary of the dreamscape. Sections flow into extra columns rather than
making the image much taller than the map.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pygame

from dreamscape.core import tiles as T
from dreamscape.render import palette as P
from dreamscape.render.fonts import font
from dreamscape.render.symbols import arrow_head, dashed_line, draw_symbol
from dreamscape.render.textures import N_THEMES, WALL_EDGE, hatch_sites, texture_table

ROW = 19
HEADER = 23
SWATCH = 16
COLUMN_WIDTH = 230
PAD = 12
TEXT_SIZE = 19
HEADER_SIZE = 20

Swatch = Callable[[pygame.Surface, pygame.Rect], None]


@dataclass
class Section:
    """A titled block of legend rows: (swatch drawer, label)."""

    title: str
    rows: list[tuple[Swatch, str]]

    def height(self) -> int:
        return HEADER + ROW * len(self.rows) + 8


@dataclass
class LegendFacts:
    """What the map holds, gathered once by the map renderer."""

    tile_kinds: set[int]  # every tile code present at any tick
    main_theme: int
    theme_share: dict[int, float]
    site_counts: dict[str, int]  # glitch kind -> changed tiles
    glitch_counts: dict[str, int]  # glitch kind -> glitches
    portal_counts: dict[str, int]  # 'loop' / 'two_way' -> portals
    tick: int | None
    now_glitches: int


def draw_legend(ds, facts: LegendFacts, column_height: int) -> pygame.Surface:
    """The legend as its own surface, at most about `column_height` pixels tall."""
    sections = [s for s in _sections(ds, facts) if s.rows]
    columns: list[list[Section]] = [[]]
    used = 0
    for section in sections:
        if columns[-1] and used + section.height() > column_height:
            columns.append([])
            used = 0
        columns[-1].append(section)
        used += section.height()
    height = max(sum(s.height() for s in col) for col in columns) + PAD
    surface = pygame.Surface((COLUMN_WIDTH * len(columns) + PAD, height))
    surface.fill(P.PANEL)
    for index, column in enumerate(columns):
        x, y = PAD + index * COLUMN_WIDTH, PAD // 2
        for section in column:
            y = _draw_section(surface, section, x, y)
    return surface


def _draw_section(surface: pygame.Surface, section: Section, x: int, y: int) -> int:
    title = font(HEADER_SIZE).render(section.title.upper(), True, P.TEXT_DIM)
    surface.blit(title, (x, y + 6))
    pygame.draw.line(surface, P.PANEL_RULE, (x, y + HEADER - 2), (x + COLUMN_WIDTH - 2 * PAD, y + HEADER - 2))
    y += HEADER
    for swatch, label in section.rows:
        swatch(surface, pygame.Rect(x, y + (ROW - SWATCH) // 2, SWATCH, SWATCH))
        text = font(TEXT_SIZE).render(label, True, P.TEXT)
        surface.blit(text, (x + SWATCH + 8, y + (ROW - text.get_height()) // 2 + 1))
        y += ROW
    return y + 8


def _sections(ds, facts: LegendFacts) -> list[Section]:
    return [
        _tile_section(facts),
        _theme_section(facts),
        _dream_section(ds),
        _entity_section("Fears (hunt you)", ds.manifestations, P.MANIFESTATION_STYLE),
        _entity_section("Desires (lure you)", ds.lures, P.LURE_STYLE),
        _portal_section(facts),
        _glitch_section(facts),
    ]


def _tile_section(facts: LegendFacts) -> Section:
    rows = []
    for code, label in P.TILE_LEGEND:
        present = code in facts.tile_kinds or (code == T.ONEWAY_E and bool(facts.tile_kinds & set(T.ONEWAYS)))
        if present or code in (T.FLOOR, T.WALL):
            rows.append((_tile_swatch(code, facts.main_theme), label))
        if code == T.WALL:
            rows.append((_tile_swatch(WALL_EDGE, facts.main_theme), "wall face"))
    return Section("Tiles", rows)


def _theme_section(facts: LegendFacts) -> Section:
    rows = []
    for code, share in sorted(facts.theme_share.items(), key=lambda item: -item[1]):
        theme = T.THEMES[code]
        percent = f"{share * 100:.0f}%" if share >= 0.005 else "<1%"
        rows.append((_theme_swatch(code), f"{theme.name}  {percent}"))
    return Section("Regions", rows)


def _dream_section(ds) -> Section:
    rows: list[tuple[Swatch, str]] = [
        (_symbol_swatch(P.START_STYLE), P.START_STYLE.label),
        (_symbol_swatch(P.EXIT_STYLE), P.EXIT_STYLE.label),
        (_symbol_swatch(P.DREAMER_STYLE), f"trapped dreamer ×{len(ds.dreamers)}"),
    ]
    pairs = len({d.pair for d in ds.dreamers if d.pair >= 0})
    if pairs:
        rows.append((_line_swatch(P.DREAMER_LINK, dashed=True, arrow=False), f"pair: wake both ×{pairs}"))
    if ds.shards:
        rows.append((_symbol_swatch(P.SHARD_STYLE), f"memory shard ×{len(ds.shards)}"))
    return Section("Dream", rows)


def _entity_section(title: str, entities, styles: dict[str, P.SymbolStyle]) -> Section:
    counts = Counter(e.type for e in entities)
    order = [name for name in styles if name in counts] + sorted(set(counts) - set(styles))
    rows = []
    for name in order:
        style = styles.get(name, P.UNKNOWN_STYLE)
        label = style.label if name in styles else name
        rows.append((_symbol_swatch(style), f"{label} ×{counts[name]}"))
    return Section(title, rows)


def _portal_section(facts: LegendFacts) -> Section:
    rows = []
    if facts.portal_counts.get("loop"):
        rows.append((_line_swatch(P.PORTAL_LOOP, dashed=True, arrow=True), f"dream loop, one-way ×{facts.portal_counts['loop']}"))
    if facts.portal_counts.get("two_way"):
        rows.append((_line_swatch(P.PORTAL_TWO_WAY, dashed=False, arrow=False), f"thread / fold, two-way ×{facts.portal_counts['two_way']}"))
    return Section("Portals", rows)


def _glitch_section(facts: LegendFacts) -> Section:
    rows = []
    # Every kind in the schedule is listed, even one whose sites an earlier
    # glitch already marked (a 'return' undoes a 'flicker' on the same tiles).
    known = [k for k in P.GLITCH_STYLE if k in facts.glitch_counts]
    for kind in known + sorted(set(facts.glitch_counts) - set(known)):
        style = P.GLITCH_STYLE.get(kind, P.GLITCH_UNKNOWN)
        label = style.label if kind in P.GLITCH_STYLE else kind
        rows.append((_hatch_swatch(style), f"{label} ×{facts.glitch_counts[kind]}"))
    if facts.tick is not None:
        rows.append((_outline_swatch(P.GLITCH_NOW), f"firing at tick {facts.tick} ×{facts.now_glitches}"))
    total = sum(facts.glitch_counts.values())
    return Section(f"Glitches ({total})", rows)


def _tile_swatch(kind: int, theme: int) -> Swatch:
    texture = np.ascontiguousarray(texture_table(SWATCH)[kind * N_THEMES + theme])

    def draw(surface: pygame.Surface, rect: pygame.Rect) -> None:
        surface.blit(pygame.image.frombytes(texture.tobytes(), (SWATCH, SWATCH), "RGB"), rect)
        pygame.draw.rect(surface, P.PANEL_RULE, rect, 1)

    return draw


def _theme_swatch(theme: int) -> Swatch:
    def draw(surface: pygame.Surface, rect: pygame.Rect) -> None:
        surface.fill(P.theme_wall_edge(theme), rect)
        surface.fill(P.THEME_FLOOR[theme], rect.inflate(-6, -6))

    return draw


def _symbol_swatch(style: P.SymbolStyle) -> Swatch:
    def draw(surface: pygame.Surface, rect: pygame.Rect) -> None:
        draw_symbol(surface, style.shape, style.fill, rect.center, SWATCH * 0.45)

    return draw


def _line_swatch(colour: P.RGB, dashed: bool, arrow: bool) -> Swatch:
    def draw(surface: pygame.Surface, rect: pygame.Rect) -> None:
        a, b = (rect.left - 2, rect.centery), (rect.right + 2, rect.centery)
        if dashed:
            dashed_line(surface, colour, a, b, 2, 4, 3)
        else:
            pygame.draw.line(surface, colour, a, b, 2)
            pygame.draw.circle(surface, colour, a, 3)
            pygame.draw.circle(surface, colour, b, 3)
        if arrow:
            arrow_head(surface, colour, a, b, 7)

    return draw


def _hatch_swatch(style: P.GlitchStyle) -> Swatch:
    base = np.empty((SWATCH, SWATCH, 3), dtype=np.uint8)
    base[:] = P.mix(P.WALL_BASE, P.TEXT_DIM, 0.5)
    hatch_sites(base, np.zeros((1, 1), dtype=np.int8), SWATCH, [style])

    def draw(surface: pygame.Surface, rect: pygame.Rect) -> None:
        surface.blit(pygame.image.frombytes(base.tobytes(), (SWATCH, SWATCH), "RGB"), rect)
        pygame.draw.rect(surface, P.PANEL_RULE, rect, 1)

    return draw


def _outline_swatch(colour: P.RGB) -> Swatch:
    def draw(surface: pygame.Surface, rect: pygame.Rect) -> None:
        surface.fill(P.mix(P.WALL_BASE, P.TEXT_DIM, 0.5), rect)
        pygame.draw.rect(surface, colour, rect, 2)

    return draw
