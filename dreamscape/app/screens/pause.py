"""The pause menu, drawn over the frozen dive."""

from __future__ import annotations

import pygame

from dreamscape.app import intents
from dreamscape.app.host import Host
from dreamscape.app.input.actions import Action
from dreamscape.app.intents import PausedDive
from dreamscape.app.transitions import Pop, Push, Transition
from dreamscape.app.ui import panels
from dreamscape.app.ui.hints import hint_bar, hint_height
from dreamscape.app.ui.menu_item import MenuItem
from dreamscape.app.ui.menu_scene import MenuScene
from dreamscape.app.ui.scale import menu_scale
from dreamscape.core.timing import TICKS_PER_SECOND
from dreamscape.render import palette as P
from dreamscape.render import text, theme

#: How dark the frozen dive is under the menu (alpha of the ink veil).
FROZEN_DIM = 165


class PauseScene(MenuScene):
    """Resume, restart, settings or leave; the dive waits, dimmed, underneath."""

    overlay = True
    centred_menu = True
    hints = [((Action.UP, Action.DOWN), "choose"), ((Action.CONFIRM,), "select"), ((Action.BACK,), "resume")]

    def __init__(self, app: Host, dive: PausedDive) -> None:
        self.dive = dive
        #: The dive as it stood when paused, softened and darkened (made on the first draw).
        self._frozen: pygame.Surface | None = None
        super().__init__(app)

    def enter(self) -> None:
        # Back from Settings the dive may look different (palette, window size).
        self._frozen = None

    def level_line(self) -> str:
        """'Seed 404 — Nexus Malfunction'."""
        spec = self.dive.session.spec
        return f"Seed {spec.seed} — {spec.name or spec.profile.name}"

    def status_line(self) -> str:
        """How the dive stands: dreamers awake and time left ('' if the dive does not say)."""
        view = getattr(self.dive.session, "view", None)
        if view is None:
            return ""
        known = view()
        parts = [f"{known.awake_count} of {known.dreamer_count} awake", f"{text.clock(known.time_left / TICKS_PER_SECOND)} left"]
        return "  ·  ".join(parts)

    def items(self) -> list[MenuItem]:
        return [
            MenuItem(self.level_line(), selectable=False, name="level"),
            MenuItem("Resume", on_confirm=self.resume, name="resume"),
            MenuItem("Restart", on_confirm=lambda: self.go(self.dive.restart()), name="restart"),
            MenuItem("Settings", on_confirm=lambda: self.go(Push(intents.Settings())), name="settings"),
            MenuItem("Quit to title", on_confirm=lambda: self.go(self.dive.abandon()), name="quit"),
        ]

    def resume(self) -> None:
        """Back into the dive."""
        self.dive.resume()
        self.go(Pop())

    def back(self) -> None:
        self.resume()

    def handle(self, event: pygame.event.Event, actions: list[tuple[Action, bool]]) -> Transition | None:
        if any(down and action is Action.PAUSE for action, down in actions):
            self.app.audio.play("menu_select")
            self.resume()
            return self.take_transition()
        self.menu.handle(event, actions)
        return self.take_transition()

    def update(self, dt_ms: float) -> None:
        # The backdrop is not shown here; only the fade-in needs the clock.
        self.age += dt_ms

    def _freeze(self, surface: pygame.Surface) -> pygame.Surface:
        """The dive beneath, blurred and darkened once, so the menu reads calmly over it."""
        width, height = surface.get_size()
        # Two steps down and one up: a wide, soft blur for the price of three scalings.
        half = pygame.transform.smoothscale(surface, (max(1, width // 4), max(1, height // 4)))
        small = pygame.transform.smoothscale(half, (max(1, width // 24), max(1, height // 24)))
        frozen = pygame.transform.smoothscale(small, (width, height))
        veil = pygame.Surface((width, height), pygame.SRCALPHA)
        veil.fill((*P.INK, FROZEN_DIM))
        frozen.blit(veil, (0, 0))
        return frozen

    def draw(self, surface: pygame.Surface) -> None:
        app = self.app
        scale = menu_scale(app)
        if self._frozen is None or self._frozen.get_size() != surface.get_size():
            self._frozen = self._freeze(surface)
        # The blur eases in over a moment instead of snapping.
        text.blit_faded(surface, self._frozen, (0, 0), 255 * min(1.0, 0.25 + self.fade(0, 300) / 255))
        width, height = surface.get_size()
        status = self.status_line()
        head_h = panels.heading_height(scale, over=True)
        menu_h = self.menu.height()
        status_h = text.line_height(scale, theme.SMALL, 1.2) if status else 0
        pad = theme.px(scale, 26)
        box_w = min(width - 2 * theme.px(scale, 16), theme.px(scale, 520))
        box_h = min(height - hint_height(app, self.hints) - theme.px(scale, 16), head_h + status_h + menu_h + 2 * pad)
        box = pygame.Rect(0, 0, box_w, box_h)
        box.center = (width // 2, (height - hint_height(app, self.hints)) // 2 + theme.px(scale, 8))
        panels.panel(surface, scale, box, alpha=225)
        y = panels.heading(surface, scale, "Paused", box.top + pad, over="The dream holds still", width=box_w - 2 * pad)
        if status:
            text.draw(surface, scale, status, (box.centerx, y - theme.px(scale, 4)), theme.SMALL, theme.VALUE, anchor="midtop")
            y += status_h
        self.menu.draw(surface, pygame.Rect(box.left + pad, y, box_w - 2 * pad, box.bottom - pad - y))
        hint_bar(surface, app, self.hints)
