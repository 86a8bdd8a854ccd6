"""The palette shift: dream hues as blend fills, each held under a bound on the luminance it can change.

Hues lift channels ("add") or lower them ("sub"): both are single vectorised
fills in pygame, about half the cost of a multiplying fill over a whole frame.
"mult" is still understood and bounded, for any caller that wants it.

    blend, amounts = HUES[0]
    rgb = tint_for(blend, amounts, depth=0.5)
    assert tint_change_bound(blend, rgb) <= TINT_MAX_CHANGE
"""

from __future__ import annotations

import numpy as np

from dreamscape.app.flash import LINEAR, LUMA

#: Largest luminance change a tint may cause anywhere.
TINT_MAX_CHANGE = 0.06


def _mult(c: np.ndarray, m: int) -> np.ndarray:
    """pygame's BLEND_RGB_MULT on 8-bit channel values."""
    return (c * m + 255) >> 8


_LEVELS = np.arange(256)
#: Largest linear drop of a channel multiplied by m (index m), over all levels.
_MULT_DROP = np.array([float((LINEAR[_LEVELS] - LINEAR[_mult(_LEVELS, m)]).max()) for m in range(256)])
#: Largest linear rise of a channel with a added (index a), over all levels.
_ADD_RISE = np.array([float((LINEAR[np.minimum(255, _LEVELS + a)] - LINEAR[_LEVELS]).max()) for a in range(256)])
#: Largest linear drop of a channel with a taken away (index a), over all levels.
_SUB_DROP = np.array([float((LINEAR[_LEVELS] - LINEAR[np.maximum(0, _LEVELS - a)]).max()) for a in range(256)])
#: The bound table of each blend.
_TABLES = {"mult": _MULT_DROP, "add": _ADD_RISE, "sub": _SUB_DROP}

#: Dream hues for the palette shift: (blend, per-channel amount at full depth).
#: "sub" pulls channels down, "add" pushes them up.
HUES: tuple[tuple[str, tuple[float, float, float]], ...] = (
    ("add", (0.10, 0.0, 0.35)),  # violet haze
    ("add", (0.0, 0.08, 0.30)),  # cold cyan
    ("add", (0.16, 0.0, 0.20)),  # magenta
    ("sub", (0.0, 0.06, 0.30)),  # amber
    ("sub", (0.30, 0.04, 0.0)),  # sea green
)


def tint_change_bound(blend: str, rgb: tuple[int, int, int]) -> float:
    """The most a tint fill (BLEND_RGB_MULT, _ADD or _SUB of `rgb`) can change relative luminance.

    Worked out with pygame's 8-bit arithmetic: the worst level of each channel,
    weighted as in relative luminance, so no pixel of any colour can change by more.
    """
    table = _TABLES[blend]
    return float(sum(w * table[int(v)] for w, v in zip(LUMA, rgb, strict=True)))


def tint_for(blend: str, amounts: tuple[float, float, float], depth: float) -> tuple[int, int, int]:
    """The tint colour for a hue at `depth`, shrunk until its luminance change is small."""
    while True:
        r, g, b = (round(255 * a * depth) for a in amounts)
        rgb = (255 - r, 255 - g, 255 - b) if blend == "mult" else (r, g, b)
        if tint_change_bound(blend, rgb) <= TINT_MAX_CHANGE:
            return rgb
        depth *= 0.9


