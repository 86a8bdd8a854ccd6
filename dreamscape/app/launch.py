"""Starting the game window for `dreamscape play` and `dreamscape replay`.

Both open the same App; what differs is the first screen. Headless runs
(the tests, README screenshots, the benchmark) draw a fixed number of frames
under SDL's dummy driver and save the last one.
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

from dreamscape.core.level import LevelSpec

NO_DISPLAY = "dreamscape: no display available (set DISPLAY, or use --headless)"


def run_game(spec: LevelSpec | None = None, autoplay: bool = False, headless: bool = False, frames: int | None = None, screenshot: str | os.PathLike | None = None, recording: Path | None = None) -> int:
    """Open the game; returns an exit code.

    With `spec` the dive starts at once (the player asked for that level);
    without it the title screen comes first (after the photosensitivity
    notice on a first start). With `recording` the window plays it back.
    """
    from dreamscape.render.display import display_available

    if not headless and not display_available():
        print(NO_DISPLAY, file=sys.stderr)
        return 2
    from dreamscape.app import flow
    from dreamscape.app.frame_loop import App
    from dreamscape.render.map_image import save_surface

    if headless and frames is None:
        frames = 1
    app = App(headless=headless)
    try:
        if recording is not None:
            flow.to_title(app)
            flow.watch(app, recording)
        elif spec is not None:
            chapter = _chapter_key(spec)
            flow.start_dive(app, spec, chapter=chapter, autoplay=autoplay)
        else:
            flow.begin(app)
            # Load the generator's libraries while the player reads the menus,
            # so the first dive does not wait for them.
            threading.Thread(target=_warm_up, name="dreamscape-warm-up", daemon=True).start()
        screen = app.run(frames)
        if screenshot is not None:
            save_surface(screen, screenshot, "--screenshot")
    finally:
        app.close()
    return 0


def _warm_up() -> None:
    import dreamscape.app.session  # noqa: F401


def _chapter_key(spec: LevelSpec) -> str | None:
    """The campaign chapter this spec is (so a win counts as progress), if any."""
    from dreamscape.app.campaign import chapters

    for chapter in chapters():
        if chapter.spec == spec:
            return chapter.key
    return None
