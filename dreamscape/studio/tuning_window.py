"""The studio window: opening it, the frame loop, and a headless run that saves a screenshot.

Input goes to the model; the model's spec goes to the background builder;
finished builds come back through the model and are drawn once into a cached
map (see `studio.controller`). A frame itself only blits, so the window stays
smooth while a build runs. Headless runs (tests, screenshots) use SDL's dummy
driver and wait for each build, so what they capture is deterministic.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pygame

from dreamscape.core.level import LevelSpec
from dreamscape.render.display import display_available
from dreamscape.studio.controller import WINDOW_SIZE, Studio
from dreamscape.studio.save import DEFAULT_SAVE_DIR

FPS = 60
#: While a build runs the loop checks for it this often (drawing stays at FPS).
BUILD_POLL_HZ = 250
NO_DISPLAY = "dreamscape studio: no display available (set DISPLAY, or use --headless)"


def open_window(headless: bool = False) -> pygame.Surface | None:
    """Initialise pygame (video and fonts only) and open the resizable window; None without a display."""
    if headless:
        # Must be set before the display starts, or SDL picks a real driver.
        os.environ["SDL_VIDEODRIVER"] = "dummy"
        os.environ["SDL_AUDIODRIVER"] = "dummy"
    elif not display_available():
        return None
    pygame.display.init()
    pygame.font.init()
    try:
        screen = pygame.display.set_mode(WINDOW_SIZE, pygame.RESIZABLE)
    except pygame.error:
        pygame.quit()
        return None
    pygame.display.set_caption("Dreamscape studio")
    pygame.key.set_repeat(280, 45)
    return screen


def _window() -> pygame.Surface:
    """The open window's surface (it changes when the window is resized)."""
    screen = pygame.display.get_surface()
    if screen is None:
        raise RuntimeError("the studio's window is not open (open_window first)")
    return screen


def run_frames(studio: Studio, frames: int | None = None, fps: int = FPS) -> pygame.Surface:
    """Pump events, update and draw until quit, or for `frames` loop turns; returns the display surface.

    Frames that would look the same are skipped. While a build runs the loop
    turns faster than it draws, so a finished map is picked up at once
    rather than at the next frame tick.
    """
    clock = pygame.time.Clock()
    screen = _window()
    turns = 0
    dt = 0.0
    last_draw = -1.0
    while studio.running and (frames is None or turns < frames):
        for event in pygame.event.get():
            studio.handle_event(event)
        studio.update(dt)
        # The window may have been resized: always draw on the current surface.
        screen = _window()
        now = time.monotonic()
        due = not fps or now - last_draw >= 1.0 / fps or studio.fresh
        if due and studio.needs_draw(screen):
            studio.draw(screen)
            pygame.display.flip()
            studio.frame_shown()
            last_draw = now
        turns += 1
        if fps:
            dt = clock.tick(BUILD_POLL_HZ if studio.model.building else fps)
        else:
            dt = 1000.0 / FPS
    return screen


def run_studio(
    spec: LevelSpec,
    headless: bool = False,
    frames: int | None = None,
    screenshot: str | os.PathLike | None = None,
    save_dir: Path | str = DEFAULT_SAVE_DIR,
    archive=None,
) -> int:
    """Open the studio on `spec` (with an illumination's `archive` to browse, if given); returns an exit code.

    Headless, `frames` frames run (one when not given) and each waits for its
    build; `screenshot` saves the last frame as PNG (atomically). Without a
    display when not headless, one line goes to stderr and the code is 2.
    """
    from dreamscape.render.map_image import save_surface

    screen = open_window(headless)
    if screen is None:
        print(NO_DISPLAY, file=sys.stderr)
        return 2
    studio = Studio(spec, save_dir=save_dir, sync=headless, archive=archive)
    try:
        if headless and frames is None:
            frames = 1
        screen = run_frames(studio, frames, fps=0 if headless else FPS)
        if screenshot is not None:
            save_surface(screen, screenshot, "--screenshot")
    finally:
        studio.close()
        pygame.quit()
    return 0
