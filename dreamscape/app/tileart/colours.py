"""The dive's ground colours: floors and walls per theme, at luminances chosen for contrast.

Floors sit at set WCAG relative luminances, walls at a share of them, so
that floor, wall and the dark outline every entity wears stay 3:1 apart at
every lit level (see atlas.py for the light levels).

    floor = floor_colour(T.MAZE, colour_blind=False)
    top, face, edge = wall_colours(T.MAZE)
"""

from __future__ import annotations

from functools import lru_cache

from dreamscape.core import tiles as T
from dreamscape.render import palette as P

RGB = tuple[int, int, int]

NIGHT: RGB = (14, 11, 28)
#: The dark outline round every entity in the dive (the night, deepened).
OUTLINE: RGB = (6, 4, 12)
#: Ground never seen: near-black.
UNSEEN: RGB = (9, 8, 15)


def luminance(rgb) -> float:
    """Lightness of an sRGB colour, 0..1: Rec. 709 weights on the encoded values."""
    r, g, b = rgb
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255


def relative_luminance(rgb) -> float:
    """WCAG relative luminance of an sRGB colour, 0..1 (linear light)."""
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (v / 255 for v in rgb)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


@lru_cache(maxsize=512)
def at_luminance(rgb: RGB, target: float) -> RGB:
    """`rgb` scaled to a WCAG relative luminance of `target`, its hue kept.

    Past what scaling reaches (a channel at 255) it is mixed towards white.
    """
    # Never zero: a channel at 0 would stay at 0 however far it is scaled.
    lifted = tuple(max(1, c) for c in rgb)
    lo, hi = 0.0, 255 / max(lifted)
    for _ in range(18):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if relative_luminance(tuple(min(255, c * mid) for c in lifted)) < target else (lo, mid)
    out: RGB = tuple(int(min(255, round(c * lo))) for c in lifted)  # type: ignore[assignment]
    if relative_luminance(out) + 0.005 < target:
        lo, hi = 0.0, 1.0
        for _ in range(18):
            mid = (lo + hi) / 2
            lo, hi = (mid, hi) if relative_luminance(P.mix(out, (255, 255, 255), mid)) < target else (lo, mid)
        out = P.mix(out, (255, 255, 255), hi)
    return out


#: WCAG relative luminance of each theme's fully lit floor. The last lit level
#: keeps about half (see _LIT), and that half stays 3:1 from the walls and from
#: the dark outline every entity wears. Themes differ in lightness as well as
#: hue; hollow ground is the dimmest (sight shrinks there too).
_FLOOR_LUMINANCE = {
    T.MAZE: 0.31,
    T.HALLS: 0.42,
    T.CAVES: 0.30,
    T.DROWNED: 0.35,
    T.ABYSS: 0.325,
    T.GARDENS: 0.38,
    T.HOLLOW: 0.28,
}
#: Colour-blind floors: lightness spread wide so regions separate without hue.
_CB_FLOOR_LUMINANCE = {
    T.MAZE: 0.39,
    T.HALLS: 0.62,
    T.CAVES: 0.35,
    T.DROWNED: 0.505,
    T.ABYSS: 0.445,
    T.GARDENS: 0.57,
    T.HOLLOW: 0.275,
}
#: A little of the night in every floor: dusk light, not daylight.
_DUSK = 0.2
#: Wall luminance as a share of the floor's: the top of a wall, and its front face.
_WALL_TOP_SHARE = 0.045
_WALL_FACE_SHARE = 0.075


def floor_colour(theme: int, colour_blind: bool = False) -> RGB:
    """The dive's ground colour for a theme: the map palette at dusk, at its own luminance."""
    base = P.THEME_FLOOR[theme]
    if colour_blind:
        return at_luminance(P.mix(base, (128, 128, 128), 0.25), _CB_FLOOR_LUMINANCE[theme])
    return at_luminance(P.mix(base, NIGHT, _DUSK), _FLOOR_LUMINANCE[theme])


def wall_colours(theme: int, colour_blind: bool = False) -> tuple[RGB, RGB, RGB]:
    """(top, face, lit edge) of a wall in a theme: dark enough to stay 3:1 from the floor at every lit level."""
    floor = floor_colour(theme, colour_blind)
    tint = P.THEME_FLOOR[theme]
    lit = relative_luminance(floor)
    top = at_luminance(P.mix(P.mix(floor, tint, 0.2), NIGHT, 0.5), lit * _WALL_TOP_SHARE)
    face = at_luminance(P.mix(P.mix(floor, tint, 0.25), NIGHT, 0.3), lit * _WALL_FACE_SHARE)
    edge = P.mix(tint, (255, 255, 255), 0.25)
    return top, face, edge

