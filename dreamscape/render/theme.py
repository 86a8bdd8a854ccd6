"""The look shared by the game's menus and the studio: type sizes, spacing and the UI's colours.

Sizes are nominal pixels for a 720-pixel-high window at text scale 1; `px`
and `text_px` turn them into window pixels for a scale (the game passes its
menus' scale, the studio a fixed 1.0):

    theme.px(scale, theme.MARGIN)      theme.text_px(scale, theme.BODY)

The neutral colours (background, panel, rule, text) and the Okabe-Ito hues
live in `render.palette`, which the PNG renderer's legend shares; the roles
below are the UI's own, mixed from them once.
"""

from __future__ import annotations

from dreamscape.render import palette as P

# -- type sizes and spacing (nominal pixels) ---------------------------------------

TITLE = 120
HEADING = 50
SUBHEADING = 34
BODY = 28
SMALL = 22
TINY = 19
#: Below this, the default font stops being comfortable to read.
MIN_TEXT_PX = 13
MARGIN = 40

# -- colours by role -----------------------------------------------------------------

ACCENT = P.SKY_BLUE
ACCENT_WARM = P.REDDISH_PURPLE
GOOD = P.BLUISH_GREEN
WARN = P.ORANGE
SHADOW = P.INK
#: The selected row's wash: the accent sunk into the panel colour.
HIGHLIGHT = P.mix(P.PANEL, P.SKY_BLUE, 0.30)
#: Text that is there but refused (a disabled row, a faint scale label).
DISABLED = P.mix(P.TEXT_DIM, P.PANEL, 0.45)
VALUE = P.mix(P.SKY_BLUE, P.WHITE, 0.25)
#: The eyebrow line above headings ("CHAPTER 1", "PAUSED") and section titles.
EYEBROW = P.mix(P.REDDISH_PURPLE, P.WHITE, 0.2)


def px(scale: float, n: float) -> int:
    """A length in window pixels for `n` nominal pixels at `scale` (never below 1)."""
    return max(1, round(n * scale))


def text_px(scale: float, size: float) -> int:
    """The font size in window pixels for nominal `size` at `scale` (never below MIN_TEXT_PX)."""
    return max(MIN_TEXT_PX, round(size * scale))
