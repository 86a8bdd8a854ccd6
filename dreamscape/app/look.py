"""What the front end may know of a dive: the player's view, never the world itself.

The renderer, the HUD, the minimap and the dive screen draw from a
`sim.view.View`. They take either a view or anything that publishes one
(a World, a session): from those they ask only `fog_view()`, what the
player has seen.

    view = look(world)          # world.fog_view()
    view = look(view)           # a view is used as it is
"""

from __future__ import annotations

from dreamscape.sim.view import View


def look(source) -> View:
    """`source` if it is a view, else its fog view (what its player knows now)."""
    return source if isinstance(source, View) else source.fog_view()
