"""The moment between choosing a dream and standing in it.

Building a dive means loading the generator's libraries (the first time),
generating the dreamscape and opening its recording: up to a second on the
largest chapter. It happens on a worker thread while this screen keeps
drawing, so the window answers at once and never freezes. Headless runs wait
for the worker on their second frame, so a run's frames stay the same from
one run to the next.
"""

from __future__ import annotations

import math
import threading
from typing import TYPE_CHECKING

import pygame

from dreamscape.app import intents
from dreamscape.app.backdrop import Backdrop
from dreamscape.app.host import Host
from dreamscape.app.scene import Scene
from dreamscape.app.transitions import Reset, Transition
from dreamscape.core.errors import InputError
from dreamscape.core.level import LevelSpec
from dreamscape.render import palette as P
from dreamscape.render.fonts import font

if TYPE_CHECKING:
    from dreamscape.app.session import DiveSession


class LoadingScene(Scene):
    """Generates a dive's dreamscape on a worker, then hands over to the dive."""

    def __init__(self, app: Host, spec: LevelSpec, chapter: str | None = None, autoplay: bool = False) -> None:
        super().__init__(app)
        self.spec = spec
        self.chapter = chapter
        self.autoplay = autoplay
        self.session: "DiveSession | None" = None
        self.error: str | None = None
        self.age = 0.0
        self.backdrop = Backdrop()
        self.shown = 0
        self.worker = threading.Thread(target=self._build, name="dreamscape-loading", daemon=True)
        self.worker.start()

    def _build(self) -> None:
        from dreamscape.app import paths
        from dreamscape.app.session import DiveSession

        try:
            self.session = DiveSession(self.spec, record_dir=paths.recordings_dir(), relaxed=self.app.settings.relaxed, autoplay=self.autoplay, chapter=self.chapter)
        except (InputError, OSError, ValueError) as error:
            self.error = error.line() if isinstance(error, InputError) else str(error)

    def update(self, dt_ms: float) -> Transition | None:
        self.age += dt_ms
        self.backdrop.update(dt_ms)
        if self.app.headless and self.shown:
            self.worker.join()
        if self.worker.is_alive():
            return None
        if self.error is not None:
            self.app.notices.append(f"could not open that dream: {self.error}")
            return Reset(intents.Title())
        # Any other failure of the worker has already been reported by its thread.
        assert self.session is not None, "the dreamscape was not built"
        return Reset(intents.Dive(self.session))

    def draw(self, surface: pygame.Surface) -> None:
        self.shown += 1
        self.backdrop.draw(surface)
        w, h = surface.get_size()
        scale = self.app.ui_scale
        title = font(int(46 * scale)).render(self.spec.name or self.spec.profile.name, True, P.TEXT)
        surface.blit(title, ((w - title.get_width()) // 2, h // 2 - title.get_height()))
        line = font(int(24 * scale)).render(f"diving into seed {self.spec.seed}", True, P.TEXT_DIM)
        surface.blit(line, ((w - line.get_width()) // 2, h // 2 + int(12 * scale)))
        # Three slow dots breathing in turn: motion without any flashing.
        for i in range(3):
            glow = 0.5 + 0.5 * math.sin(self.age / 420.0 - i * 0.9)
            colour = P.mix(P.PANEL_RULE, P.SKY_BLUE, glow)
            x = w // 2 + (i - 1) * int(22 * scale)
            pygame.draw.circle(surface, colour, (x, h // 2 + int(62 * scale)), max(3, int(5 * scale)))
