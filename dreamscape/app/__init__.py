"""The pygame front end (with dreamscape.render, the only layers that import pygame).

`launch.run_game` opens the game; `frame_loop.App` is the window and its scene
stack; `screens/` holds one module per screen and `ui/` the menu kit they are
built from. Nothing is imported here, so
loading one module (settings, controls) does not start pygame's display.
"""

import os

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
