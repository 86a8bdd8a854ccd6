"""The game application: the window, the scene stack and the frame loop.

The loop reads input, lets the top scene update, draws the stack and flips.
What a scene's input and update return (a transition) is applied to the
stack here, the screens for its intents made by routes.py. A dive scene
inside it pumps the simulation at its fixed tick; nothing here changes the
world. Headless runs (tests, screenshots, the benchmark) use
SDL's dummy driver and a fixed frame time, so the same run draws the same
frames.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from dreamscape.app import routes
from dreamscape.app.audio import Audio
from dreamscape.app.input.runtime import Controls
from dreamscape.app.progress import Progress, load_progress, save_progress
from dreamscape.app.scene import Scene
from dreamscape.app.settings import Settings, load_settings, save_settings
from dreamscape.app.transitions import Pop, Push, Replace, Reset, Transition

if TYPE_CHECKING:
    from dreamscape.app.session import DiveResult

FPS = 60
#: The frame time of headless runs: fixed, so frames depend only on their number.
HEADLESS_FRAME_MS = 1000.0 / FPS
MIN_WINDOW = (640, 360)


class App:
    """The running game: window, settings, input, sound, progress and the scene stack."""

    def __init__(self, headless: bool = False, settings_path: Path | None = None, progress_path: Path | None = None, log=None) -> None:
        self.headless = headless
        self.log = log or (lambda line: print(line, file=sys.stderr))
        self.started = time.perf_counter()
        if headless:
            # Must be set before the display starts, or SDL picks a real driver.
            os.environ["SDL_VIDEODRIVER"] = "dummy"
            os.environ["SDL_AUDIODRIVER"] = "dummy"
        self.settings_path = settings_path
        self.settings, message = load_settings(settings_path)
        #: Messages for the player (a corrupt settings file, a failed save): the title shows them.
        self.notices: list[str] = [message] if message else []
        self.progress_path = progress_path
        self.progress, message = load_progress(progress_path)
        if message:
            self.notices.append(message)
        for line in self.notices:
            self.log(line)
        pygame.display.init()
        pygame.font.init()
        pygame.joystick.init()
        self.joysticks = [pygame.joystick.Joystick(i) for i in range(pygame.joystick.get_count())]
        self.screen = self._open_window()
        pygame.display.set_caption("Dreamscape")
        self.controls = Controls(self.settings)
        s = self.settings
        self.audio = Audio(s.master_volume, s.music_volume, s.effects_volume, log=self.log)
        self.scenes: list[Scene] = []
        self.running = True
        self.frame = 0
        self.first_frame_s: float | None = None

    # -- window ---------------------------------------------------------------

    def _open_window(self) -> pygame.Surface:
        size = tuple(max(a, b) for a, b in zip(self.settings.window_size, MIN_WINDOW))
        flags = pygame.RESIZABLE
        if self.settings.fullscreen and not self.headless:
            flags = pygame.FULLSCREEN
            size = (0, 0)
        return pygame.display.set_mode(size, flags)

    def toggle_fullscreen(self) -> None:
        """Switch between a resizable window and fullscreen, and remember it."""
        self.settings = self.settings.replace(fullscreen=not self.settings.fullscreen)
        if not self.headless:
            self.screen = self._open_window()
        self.save_settings()

    @property
    def ui_scale(self) -> float:
        """Text and widget scale: the player's text scale, grown with the window."""
        height = self.screen.get_height()
        return self.settings.text_scale * max(0.75, min(2.0, height / 720))

    # -- settings and progress --------------------------------------------------

    def apply_settings(self, settings: Settings) -> None:
        """Use new settings now (keys, volumes, window) and save them."""
        old = self.settings
        self.settings = settings
        self.controls = Controls(settings)
        self.audio.set_volumes(settings.master_volume, settings.music_volume, settings.effects_volume)
        if settings.fullscreen != old.fullscreen and not self.headless:
            self.screen = self._open_window()
        self.save_settings()

    def save_settings(self) -> None:
        try:
            save_settings(self.settings, self.settings_path)
        except OSError as error:
            self.notices.append(f"could not save settings: {error}")
            self.log(self.notices[-1])

    def save_progress(self, progress: Progress) -> None:
        self.progress = progress
        try:
            save_progress(progress, self.progress_path)
        except OSError as error:
            self.notices.append(f"could not save progress: {error}")
            self.log(self.notices[-1])

    def record_result(self, result: "DiveResult") -> None:
        """Count a finished dive towards the campaign (a chapter the player won, its best time)."""
        if result.won and result.chapter and not result.autoplay:
            self.progress.complete(result.chapter, result.seconds)
            self.save_progress(self.progress)

    def record_start(self, chapter: str | None, seed: int) -> None:
        """Remember the chapter being dived into, for the title's Continue."""
        if chapter:
            self.progress.record_session(chapter, seed)
            self.save_progress(self.progress)

    # -- the scene stack --------------------------------------------------------

    @property
    def top(self) -> Scene | None:
        return self.scenes[-1] if self.scenes else None

    def push(self, scene: Scene) -> None:
        self.controls.release_all()
        self.scenes.append(scene)
        scene.enter()

    def pop(self) -> None:
        self.controls.release_all()
        if self.scenes:
            self.scenes.pop().leave()
        if self.scenes:
            self.scenes[-1].enter()
        else:
            self.running = False

    def replace(self, scene: Scene) -> None:
        """Swap the top scene for `scene`."""
        self.controls.release_all()
        if self.scenes:
            self.scenes.pop().leave()
        self.scenes.append(scene)
        scene.enter()

    def reset(self, scene: Scene) -> None:
        """Clear the stack down to `scene` alone."""
        self.controls.release_all()
        while self.scenes:
            self.scenes.pop().leave()
        self.scenes.append(scene)
        scene.enter()

    def quit(self) -> None:
        self.running = False

    def go(self, transition: Transition | None) -> None:
        """Apply what a scene asked for: the screens of intents are made by routes.py."""
        match transition:
            case None:
                return
            case Push(intent=intent):
                self.push(routes.screen_for(intent, self))
            case Replace(intent=intent):
                self.replace(routes.screen_for(intent, self))
            case Reset(intent=intent):
                self.reset(routes.screen_for(intent, self))
            case Pop(otherwise=otherwise):
                if otherwise is not None and len(self.scenes) <= 1:
                    self.reset(routes.screen_for(otherwise, self))
                else:
                    self.pop()

    # -- the loop ---------------------------------------------------------------

    def run(self, frames: int | None = None) -> pygame.Surface:
        """Run until quit (or for `frames` frames); returns the window surface."""
        clock = pygame.time.Clock()
        shown = 0
        while self.running and self.scenes and (frames is None or shown < frames):
            dt = HEADLESS_FRAME_MS if self.headless else float(clock.tick(FPS))
            self.pump()
            if not self.running or not self.scenes:
                break
            self.go(self.scenes[-1].update(min(dt, 250.0)))
            self.draw()
            pygame.display.flip()
            if self.first_frame_s is None:
                self.first_frame_s = time.perf_counter() - self.started
            shown += 1
            self.frame += 1
        return self.screen

    def pump(self) -> None:
        """Read every pending event and hand it to the top scene."""
        for event in pygame.event.get():
            if event.type == pygame.QUIT:
                self.running = False
                return
            if event.type == pygame.WINDOWFOCUSLOST:
                self.controls.release_all()
                if self.top:
                    self.go(self.top.focus_lost())
                continue
            if event.type == pygame.VIDEORESIZE and not self.settings.fullscreen:
                size = (max(event.w, MIN_WINDOW[0]), max(event.h, MIN_WINDOW[1]))
                self.settings = self.settings.replace(window_size=size)
                self.screen = self._surface()
                continue
            if event.type == pygame.JOYDEVICEADDED:
                self.joysticks.append(pygame.joystick.Joystick(event.device_index))
                continue
            if event.type == pygame.KEYDOWN and event.key == pygame.K_F11:
                self.toggle_fullscreen()
                continue
            actions = self.controls.handle(event)
            if self.top:
                self.go(self.top.handle(event, actions))

    def draw(self) -> None:
        """Draw from the highest opaque scene up."""
        self.screen = self._surface()
        first = len(self.scenes) - 1
        while first > 0 and self.scenes[first].overlay:
            first -= 1
        for scene in self.scenes[first:]:
            scene.draw(self.screen)

    def _surface(self) -> pygame.Surface:
        """The window's surface as SDL has it now (it changes when the window is resized)."""
        surface = pygame.display.get_surface()
        return surface if surface is not None else self.screen

    def close(self) -> None:
        """Leave the game: end any recording, remember the window size, shut pygame down."""
        while self.scenes:
            self.scenes.pop().leave()
        self.audio.close()
        if not self.headless and not self.settings.fullscreen:
            self.settings = self.settings.replace(window_size=self.screen.get_size())
            self.save_settings()
        pygame.quit()

