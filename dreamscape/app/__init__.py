"""The pygame front end (with dreamscape.render, the only layers that import pygame).

For now it holds the interim `dreamscape play` window, a dreamscape browser:

    from dreamscape.app import run_preview
    exit_code = run_preview(spec)
"""

import os

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from dreamscape.app.preview import run_preview  # noqa: E402

__all__ = ["run_preview"]
