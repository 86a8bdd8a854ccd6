"""The menus' scale: the player's text scale, capped so a small window still holds a menu.

Every drawing helper in `render.text`, `render.theme` and `app.ui.panels`
takes this float:

    scale = menu_scale(app)
    text.draw(surface, scale, "Paused", (x, y), theme.HEADING)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dreamscape.app.frame_loop import App

#: However large the player's text scale, a menu keeps at least this many
#: window pixels per unit of scale, so its heading, a few rows and the hint
#: bar always fit (the Settings screen must stay usable to turn it down again).
PIXELS_PER_SCALE = 420


def menu_scale(app: "App") -> float:
    """The app's ui_scale, capped by the window's height."""
    return min(app.ui_scale, app.screen.get_height() / PIXELS_PER_SCALE)
