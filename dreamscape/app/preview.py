"""The interim `dreamscape play` window: browse dreamscapes by seed, dreamer and glitch.

The game replaces it later. Keys are mapped to abstract actions before the
browser sees them, so tests (and later a gamepad) drive it without a keyboard:

    Left / Right   seed down / up
    Up / Down      previous / next bundled dreamer profile or chapter
    [ / ]          step back / forward through the glitch schedule
    R              a random seed
    S              save the map as <dreamer>_<seed>.png in the current folder
    Esc / Q        quit

A dreamscape is generated only when a key asks for one; frames in between
redraw a cached image.
"""

from __future__ import annotations

import enum
import os
import re
import sys
import time
from pathlib import Path

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import numpy as np  # noqa: E402
import pygame  # noqa: E402

from dreamscape.app.display import NO_DISPLAY, display_available  # noqa: E402,F401

from dreamscape.core import resources  # noqa: E402
from dreamscape.core.errors import InputError  # noqa: E402
from dreamscape.core.level import MAX_SEED, LevelSpec, load_level_or_profile  # noqa: E402
from dreamscape.gen import generate  # noqa: E402
from dreamscape.render import palette as P  # noqa: E402
from dreamscape.render.fonts import font  # noqa: E402
from dreamscape.render.map_image import MARGIN, TITLE_HEIGHT, render_map, save_png, save_surface  # noqa: E402

WINDOW_SIZE = (1280, 720)
HUD_HEIGHT = 50
#: Room the one-column legend takes beside the map when choosing a tile size.
LEGEND_ALLOWANCE = 250
FPS = 30
HELP = "Left/Right seed   Up/Down dreamer or chapter   [ / ] glitch   R random seed   S save PNG   Esc/Q quit"


class Action(enum.Enum):
    """What the browser can be asked to do, whatever key or button asked."""

    SEED_DOWN = enum.auto()
    SEED_UP = enum.auto()
    PREVIOUS_LEVEL = enum.auto()
    NEXT_LEVEL = enum.auto()
    PREVIOUS_GLITCH = enum.auto()
    NEXT_GLITCH = enum.auto()
    RANDOM_SEED = enum.auto()
    SAVE = enum.auto()
    QUIT = enum.auto()


KEYMAP: dict[int, Action] = {
    pygame.K_LEFT: Action.SEED_DOWN,
    pygame.K_RIGHT: Action.SEED_UP,
    pygame.K_UP: Action.PREVIOUS_LEVEL,
    pygame.K_DOWN: Action.NEXT_LEVEL,
    pygame.K_LEFTBRACKET: Action.PREVIOUS_GLITCH,
    pygame.K_RIGHTBRACKET: Action.NEXT_GLITCH,
    pygame.K_r: Action.RANDOM_SEED,
    pygame.K_s: Action.SAVE,
    pygame.K_ESCAPE: Action.QUIT,
    pygame.K_q: Action.QUIT,
}


class Preview:
    """What the browser shows: a level spec, its dreamscape and a point in its glitch schedule.

    It holds no window; `view` draws into whatever size it is given, so it
    can be driven and checked headless.
    """

    def __init__(self, spec: LevelSpec, levels: list[Path] | None = None, save_dir: Path | None = None) -> None:
        self.spec = spec
        #: The bundled dreamer profiles, then the chapters, for Up/Down.
        self.levels = levels if levels is not None else resources.bundled_dreamers() + resources.bundled_chapters()
        #: Index into `levels` of what is shown; -1 for the spec we started with.
        self.level_index = -1
        self.save_dir = save_dir
        #: Index into `glitch_ticks`; -1 shows the plan, before any glitch.
        self.glitch_step = -1
        self.message = ""
        # Random seeds are a UI choice, never a world input: their own generator.
        self._rng = np.random.default_rng(int.from_bytes(os.urandom(8), "little"))
        self._view: pygame.Surface | None = None
        self._view_key: tuple | None = None
        self.regenerate()

    # -- state ----------------------------------------------------------------

    def regenerate(self) -> None:
        """Generate the dreamscape of the current spec and show its plan."""
        started = time.perf_counter()
        self.ds = generate(self.spec)
        self.generation_ms = (time.perf_counter() - started) * 1000.0
        # Several glitches can share a tick; stepping goes tick by tick.
        self.glitch_ticks = sorted({g.tick for g in self.ds.glitches})
        self.glitch_step = -1
        self._hash = self.ds.content_hash()
        self._view = None

    @property
    def tick(self) -> int | None:
        """The tick shown, or None for the plan before any glitch."""
        return None if self.glitch_step < 0 else self.glitch_ticks[self.glitch_step]

    def apply(self, action: Action) -> bool:
        """Carry out one action; False means quit."""
        self.message = ""
        if action is Action.QUIT:
            return False
        if action is Action.SEED_DOWN:
            self._set_seed(max(0, self.spec.seed - 1))
        elif action is Action.SEED_UP:
            self._set_seed(min(MAX_SEED, self.spec.seed + 1))
        elif action is Action.RANDOM_SEED:
            self._set_seed(int(self._rng.integers(0, 2**31)))
        elif action is Action.PREVIOUS_LEVEL:
            self._step_level(-1)
        elif action is Action.NEXT_LEVEL:
            self._step_level(1)
        elif action is Action.PREVIOUS_GLITCH:
            self._step_glitch(-1)
        elif action is Action.NEXT_GLITCH:
            self._step_glitch(1)
        elif action is Action.SAVE:
            self.save()
        return True

    def handle_event(self, event: pygame.event.Event) -> bool:
        """Feed one pygame event in; False means quit."""
        if event.type == pygame.QUIT:
            return False
        if event.type == pygame.KEYDOWN and event.key in KEYMAP:
            return self.apply(KEYMAP[event.key])
        return True

    def save(self) -> Path | None:
        """Write the map as shown to <dreamer>_<seed>.png; report the outcome in `message`."""
        folder = self.save_dir if self.save_dir is not None else Path.cwd()
        path = folder / f"{_slug(self.spec.profile.name)}_{self.spec.seed}.png"
        try:
            save_png(self.ds, path, tick=self.tick)
        except (OSError, pygame.error) as error:
            self.message = f"could not save {path.name}: {error}"
            return None
        self.message = f"saved {path}"
        return path

    def _set_seed(self, seed: int) -> None:
        self.spec = self.spec.with_seed(seed)
        self.regenerate()

    def _step_level(self, step: int) -> None:
        if not self.levels:
            return
        index = (self.level_index + step) % len(self.levels)
        if self.level_index < 0 and step < 0:
            index = len(self.levels) - 1
        path = self.levels[index]
        try:
            spec = load_level_or_profile(path)
        except InputError as error:
            self.message = error.line()
            return
        if path.parent.name == "dreamers":
            # A profile has no seed of its own: keep the one being looked at.
            spec = spec.with_seed(self.spec.seed)
        self.level_index = index
        self.spec = spec
        self.regenerate()

    def _step_glitch(self, step: int) -> None:
        if self.glitch_ticks:
            self.glitch_step = max(-1, min(len(self.glitch_ticks) - 1, self.glitch_step + step))

    # -- drawing ----------------------------------------------------------------

    def status(self) -> str:
        """The status line: dreamer, seed, size, hash, generation time and glitch tick."""
        ds = self.ds
        name = self.spec.profile.name
        if self.spec.name and self.spec.name != name:
            name = f"{self.spec.name} · {name}"
        if self.tick is None:
            where = f"plan, before any glitch ({len(self.glitch_ticks)} glitch ticks)"
        else:
            kinds = sorted({g.kind for g in ds.glitches if g.tick == self.tick})
            where = f"glitch tick {self.glitch_step + 1}/{len(self.glitch_ticks)}: tick {self.tick}, {', '.join(kinds)}"
        parts = [name, f"seed {self.spec.seed}", f"{ds.width}×{ds.height}", self._hash[:12], f"{self.generation_ms:.0f} ms", where]
        return "   ·   ".join(parts)

    def view(self, size: tuple[int, int]) -> pygame.Surface:
        """The rendered map (legend and title included) fitted inside `size`; cached."""
        key = (size, self.tick)
        if self._view is None or self._view_key != key:
            self._view = _fit(self.ds, self.tick, size)
            self._view_key = key
        return self._view

    def draw(self, screen: pygame.Surface) -> None:
        """Draw a whole frame: the map above, status and help lines below."""
        width, height = screen.get_size()
        screen.fill(P.BACKGROUND)
        area = (max(64, width), max(64, height - HUD_HEIGHT))
        view = self.view(area)
        screen.blit(view, ((area[0] - view.get_width()) // 2, (area[1] - view.get_height()) // 2))
        pygame.draw.line(screen, P.PANEL_RULE, (0, height - HUD_HEIGHT), (width, height - HUD_HEIGHT))
        status = self.status() + (f"   ·   {self.message}" if self.message else "")
        screen.blit(font(22).render(status, True, P.TEXT), (MARGIN, height - HUD_HEIGHT + 6))
        screen.blit(font(20).render(HELP, True, P.TEXT_DIM), (MARGIN, height - HUD_HEIGHT + 28))


def _fit(ds, tick: int | None, size: tuple[int, int]) -> pygame.Surface:
    """Render at the tile size that fits `size`, then shrink whatever still overflows."""
    room_w = size[0] - 3 * MARGIN - LEGEND_ALLOWANCE
    room_h = size[1] - TITLE_HEIGHT - MARGIN
    px = max(1, min(room_w // ds.width, room_h // ds.height))
    image = render_map(ds, tick=tick, tile_px=px)
    # A legend in two columns may not fit: smaller tiles stay sharp where scaling would blur.
    while px > 1 and (image.get_width() > size[0] or image.get_height() > size[1]):
        px -= 1
        image = render_map(ds, tick=tick, tile_px=px)
    scale = min(size[0] / image.get_width(), size[1] / image.get_height(), 1.0)
    if scale < 1.0:
        target = (max(1, int(image.get_width() * scale)), max(1, int(image.get_height() * scale)))
        image = pygame.transform.smoothscale(image, target)
    return image


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_") or "dreamscape"


def open_window(headless: bool = False) -> pygame.Surface | None:
    """Initialise pygame and open the resizable window; None when there is no display."""
    if headless:
        # Must be set before the display starts, or SDL picks a real driver.
        os.environ["SDL_VIDEODRIVER"] = "dummy"
        os.environ["SDL_AUDIODRIVER"] = "dummy"
    elif not display_available():
        return None
    # The viewer is silent: start video and fonts only, so a machine without a
    # sound card prints no audio errors.
    pygame.display.init()
    pygame.font.init()
    try:
        screen = pygame.display.set_mode(WINDOW_SIZE, pygame.RESIZABLE)
    except pygame.error:
        pygame.quit()
        return None
    pygame.display.set_caption("Dreamscape preview")
    pygame.key.set_repeat(300, 60)
    return screen


def run_frames(preview: Preview, frames: int | None = None, fps: int = FPS) -> pygame.Surface:
    """Pump events and draw until quit, or for `frames` frames; returns the display surface."""
    clock = pygame.time.Clock()
    screen = pygame.display.get_surface()
    shown = 0
    running = True
    while running and (frames is None or shown < frames):
        for event in pygame.event.get():
            if not preview.handle_event(event):
                running = False
        # The window may have been resized: always draw on the current surface.
        screen = pygame.display.get_surface()
        preview.draw(screen)
        pygame.display.flip()
        shown += 1
        if fps:
            clock.tick(fps)
    return screen


def run_preview(spec: LevelSpec, headless: bool = False, frames: int | None = None, screenshot: str | os.PathLike | None = None) -> int:
    """Show the dreamscape of `spec` in a 1280x720 resizable window; returns an exit code.

    With `headless` the window is SDL's dummy one: `frames` frames run (one
    when not given) and nothing waits for a key. `screenshot` saves the last
    frame there as PNG (atomically). Without a display when not headless, one
    line goes to stderr and the code is 2.
    """
    screen = open_window(headless)
    if screen is None:
        print(NO_DISPLAY, file=sys.stderr)
        return 2
    try:
        preview = Preview(spec)
        if headless and frames is None:
            frames = 1
        screen = run_frames(preview, frames, fps=0 if headless else FPS)
        if screenshot is not None:
            save_surface(screen, screenshot)
    finally:
        pygame.quit()
    return 0
