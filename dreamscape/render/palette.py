"""Colours for drawing a dreamscape: tiles tinted by region theme, entities, glitches.

Hues for things a designer must tell apart (entities, portals, glitch kinds)
come from the Okabe-Ito palette, which stays distinct under the common kinds
of colour blindness; every such thing also has its own shape or hatch, so
colour is never the only cue.
"""

from __future__ import annotations

from dataclasses import dataclass


from dreamscape.core import tiles as T

RGB = tuple[int, int, int]

# Okabe-Ito: the colour-blind-safe set the entity and glitch colours use.
ORANGE: RGB = (230, 159, 0)
SKY_BLUE: RGB = (86, 180, 233)
BLUISH_GREEN: RGB = (0, 158, 115)
YELLOW: RGB = (240, 228, 66)
BLUE: RGB = (0, 114, 178)
VERMILLION: RGB = (213, 94, 0)
REDDISH_PURPLE: RGB = (204, 121, 167)
INK: RGB = (16, 12, 24)
WHITE: RGB = (250, 248, 240)

BACKGROUND: RGB = (22, 19, 32)
PANEL: RGB = (32, 28, 46)
PANEL_RULE: RGB = (70, 62, 96)
TEXT: RGB = (232, 228, 240)
TEXT_DIM: RGB = (160, 154, 180)

#: The walkable ground of each theme. Lightness differs as well as hue, so the
#: regions still separate in greyscale and for colour-blind designers.
THEME_FLOOR: dict[int, RGB] = {
    T.MAZE: (176, 164, 222),  # lavender
    T.HALLS: (226, 206, 164),  # parchment
    T.CAVES: (184, 140, 100),  # clay
    T.DROWNED: (132, 196, 196),  # pale teal
    T.ABYSS: (214, 158, 190),  # mauve
    T.GARDENS: (168, 208, 128),  # spring green
    T.HOLLOW: (118, 134, 168),  # dim steel blue: sight shrinks here
}

#: Walls: a dark base leaning a little towards the theme hue.
WALL_BASE: RGB = (40, 37, 50)
WALL_THEME_MIX = 0.22
#: Wall faces next to open ground are lighter, so corridors read crisply.
WALL_EDGE_LIFT = 0.30

#: Base colours of the tile kinds that are not plain ground or wall. How much
#: each leans towards the region's theme colour is TILE_THEME_MIX.
TILE_BASE: dict[int, RGB] = {
    T.WATER: (36, 82, 150),
    T.VOID: (16, 10, 58),  # indigo, so the void never reads as solid wall
    T.BRIDGE: (156, 112, 66),
    T.GARDEN: (70, 142, 72),
    T.STABLE: (240, 232, 200),
    T.DOOR: (196, 110, 36),
    T.ONEWAY_N: (70, 176, 210),
    T.ONEWAY_E: (70, 176, 210),
    T.ONEWAY_S: (70, 176, 210),
    T.ONEWAY_W: (70, 176, 210),
}
TILE_THEME_MIX: dict[int, float] = {T.WATER: 0.12, T.VOID: 0.06, T.BRIDGE: 0.1, T.GARDEN: 0.1}

#: Pattern ink drawn inside a tile (waves on water, planks, an arrow...).
TILE_DETAIL: dict[int, RGB] = {
    T.FLOOR: (0, 0, 0),
    T.WATER: (92, 150, 214),
    T.VOID: (150, 130, 235),
    T.BRIDGE: (96, 64, 34),
    T.GARDEN: (236, 210, 110),
    T.STABLE: (150, 134, 90),
    T.DOOR: (70, 36, 10),
    T.ONEWAY_N: (14, 40, 70),
    T.ONEWAY_E: (14, 40, 70),
    T.ONEWAY_S: (14, 40, 70),
    T.ONEWAY_W: (14, 40, 70),
}

#: Legend text for each tile kind, in legend order (one-way tiles share a row).
TILE_LEGEND: tuple[tuple[int, str], ...] = (
    (T.FLOOR, "floor (region tint)"),
    (T.WALL, "wall"),
    (T.WATER, "deep water"),
    (T.VOID, "void"),
    (T.BRIDGE, "bridge / causeway"),
    (T.GARDEN, "garden (slows)"),
    (T.STABLE, "stable ground"),
    (T.DOOR, "rhythm door"),
    (T.ONEWAY_E, "one-way passage"),
)


def mix(a: RGB, b: RGB, t: float) -> RGB:
    """`a` moved a fraction `t` of the way towards `b`."""
    return tuple(int(round(x + (y - x) * t)) for x, y in zip(a, b))  # type: ignore[return-value]


def theme_wall(theme: int) -> RGB:
    """The wall colour inside a region of `theme`."""
    return mix(WALL_BASE, mix(THEME_FLOOR[theme], (0, 0, 0), 0.45), WALL_THEME_MIX)


def theme_wall_edge(theme: int) -> RGB:
    """A wall face that borders open ground inside a region of `theme`."""
    return mix(theme_wall(theme), THEME_FLOOR[theme], WALL_EDGE_LIFT)


def tile_colour(code: int, theme: int) -> RGB:
    """The flat colour of one tile kind inside one theme (the legend swatch)."""
    if code == T.FLOOR:
        return THEME_FLOOR[theme]
    if code == T.WALL:
        return theme_wall(theme)
    return mix(TILE_BASE[code], THEME_FLOOR[theme], TILE_THEME_MIX.get(code, 0.0))


@dataclass(frozen=True)
class SymbolStyle:
    """How one kind of entity is drawn: a shape name, a fill and a label."""

    shape: str
    fill: RGB
    label: str


#: Manifestations are fears that hunt: warm vermillion, one shape per type.
MANIFESTATION_STYLE: dict[str, SymbolStyle] = {
    "echo": SymbolStyle("rings", VERMILLION, "echo"),
    "shadow": SymbolStyle("triangle", VERMILLION, "shadow"),
    "hollow": SymbolStyle("triangle_open", VERMILLION, "hollow"),
    "fade": SymbolStyle("triangle_down_open", VERMILLION, "fade"),
    "warden": SymbolStyle("square", VERMILLION, "warden"),
    "watcher": SymbolStyle("eye", VERMILLION, "watcher"),
    "drifter": SymbolStyle("triangle_down", VERMILLION, "drifter"),
    "storm": SymbolStyle("bolt", VERMILLION, "storm"),
    "puppeteer": SymbolStyle("cross", VERMILLION, "puppeteer"),
    "doubt": SymbolStyle("doubt", VERMILLION, "doubt (the loop's pursuer)"),
}
#: Lures are desires that tempt: yellow, one shape per type.
LURE_STYLE: dict[str, SymbolStyle] = {
    "false_exit": SymbolStyle("false_door", YELLOW, "false exit (loop)"),
    "spotlight": SymbolStyle("star", YELLOW, "spotlight"),
    "echo_call": SymbolStyle("ring", YELLOW, "echo call"),
    "mirror": SymbolStyle("mirror", YELLOW, "mirror"),
    "hearth": SymbolStyle("house", YELLOW, "hearth"),
    "thread": SymbolStyle("plus", YELLOW, "thread"),
    "anchor": SymbolStyle("anchor", YELLOW, "anchor"),
    "vista": SymbolStyle("mountain", YELLOW, "vista"),
}
SHARD_STYLE = SymbolStyle("diamond", SKY_BLUE, "memory shard")
DREAMER_STYLE = SymbolStyle("dreamer", BLUISH_GREEN, "trapped dreamer")
START_STYLE = SymbolStyle("start", WHITE, "start")
EXIT_STYLE = SymbolStyle("exit", WHITE, "exit: bridge to waking")
BEACON_STYLE = SymbolStyle("beacon", YELLOW, "a friend's beacon")
MEMORY_STYLE = SymbolStyle("memory", SKY_BLUE, "a hidden memory (the replaying night)")
#: A type the palette does not know yet still gets drawn, as a plain dot.
UNKNOWN_STYLE = SymbolStyle("dot", (200, 200, 200), "other")

DREAMER_LINK: RGB = (150, 240, 200)
PORTAL_LOOP: RGB = REDDISH_PURPLE  # one-way dream loop: dashed, arrowhead
PORTAL_TWO_WAY: RGB = SKY_BLUE  # thread / fold: solid, a dot at both ends


@dataclass(frozen=True)
class GlitchStyle:
    """How the sites of one glitch kind are hatched: a pattern and its colour."""

    pattern: str
    colour: RGB
    label: str


#: Each kind has its own hatch direction as well as its own colour.
GLITCH_STYLE: dict[str, GlitchStyle] = {
    "shift": GlitchStyle("diagonal", ORANGE, "shift: walls slide"),
    "fold": GlitchStyle("cross", REDDISH_PURPLE, "fold: a loop opens"),
    "flicker": GlitchStyle("dots", YELLOW, "flicker: floor drops"),
    "return": GlitchStyle("vertical", BLUISH_GREEN, "return: floor comes back"),
    "rewrite": GlitchStyle("horizontal", SKY_BLUE, "rewrite: region remade"),
    "close": GlitchStyle("antidiagonal", VERMILLION, "close: walls close in"),
}
GLITCH_UNKNOWN = GlitchStyle("dots", WHITE, "other glitch")
#: How strongly a hatch line covers the tile under it (0..1); the gaps between
#: lines get only a light wash, so the map shows through.
GLITCH_HATCH_ALPHA = 0.85
GLITCH_WASH_ALPHA = 0.14
#: Outline drawn round the tiles of the glitch that fires at the shown tick.
GLITCH_NOW: RGB = (255, 64, 200)
