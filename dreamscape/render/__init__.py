"""Drawing dreamscapes with pygame (the only layers that import pygame are this and app).

    from dreamscape.render import render_map, save_png
"""

import os

# Before the first pygame import anywhere in the package: no banner on stdout.
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from dreamscape.render.map_image import auto_tile_px, default_title, render_map, save_png, save_surface  # noqa: E402

__all__ = ["auto_tile_px", "default_title", "render_map", "save_png", "save_surface"]
