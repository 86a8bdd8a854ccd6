"""Whether a window can open here (the game and the studio both ask before opening one)."""

from __future__ import annotations

import os
import sys


def display_available() -> bool:
    """Whether a window can open: on X11/Wayland systems that needs DISPLAY or WAYLAND_DISPLAY."""
    if os.environ.get("SDL_VIDEODRIVER", "") in ("dummy", "offscreen"):
        return True
    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True
