"""MenuScene: a game screen over the shared dreamy backdrop with a Menu and a hint bar."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from dreamscape.app import backdrop as backdrop_module
from dreamscape.app.input.actions import Action
from dreamscape.app.scene import Scene
from dreamscape.app.transitions import Pop, Transition
from dreamscape.app.ui.hints import MENU_HINTS, Hint, hint_bar, hint_height
from dreamscape.app.ui.menu import Menu
from dreamscape.app.ui.menu_item import MenuItem
from dreamscape.app.ui.scale import menu_scale
from dreamscape.render.theme import MARGIN, px

if TYPE_CHECKING:
    from dreamscape.app.host import Host


class MenuScene(Scene):
    """A screen over the shared dreamy backdrop with a Menu and a hint bar.

    Subclasses build their rows in `items()` and draw their own layout in
    `draw_content`; BACK pops the screen unless `back` is overridden.
    """

    hints: list[Hint] = MENU_HINTS
    centred_menu = False

    def __init__(self, app: "Host") -> None:
        super().__init__(app)
        self.backdrop = backdrop_module.shared(app)
        self.age = 0.0  # ms since the screen was made, for gentle fades
        self.menu = Menu(app, self.items(), on_back=self.back, centred=self.centred_menu)

    def items(self) -> list[MenuItem]:
        """The menu's rows."""
        return []

    def refresh(self) -> None:
        """Rebuild the rows (after something they show has changed)."""
        self.menu.set_items(self.items())

    def back(self) -> None:
        """BACK: leave the screen."""
        self.go(Pop())

    def handle(self, event: pygame.event.Event, actions: list[tuple[Action, bool]]) -> Transition | None:
        self.menu.handle(event, actions)
        return self.take_transition()

    def update(self, dt_ms: float) -> None:
        self.age += dt_ms
        self.backdrop.update(dt_ms)

    def fade(self, delay_ms: float = 0.0, length_ms: float = 450.0) -> float:
        """0..255: a soft fade-in that starts `delay_ms` after the screen opened."""
        return 255 * min(1.0, max(0.0, (self.age - delay_ms) / length_ms))

    def draw(self, surface: pygame.Surface) -> None:
        self.backdrop.draw(surface)
        self.draw_content(surface)
        hint_bar(surface, self.app, self.hints)

    def draw_content(self, surface: pygame.Surface) -> None:
        """The screen's own layout between the backdrop and the hint bar."""

    def column(self, surface: pygame.Surface, max_width: int = 860) -> pygame.Rect:
        """The centred column a screen lays itself out in, above the hint bar."""
        app = self.app
        scale = menu_scale(app)
        width, height = surface.get_size()
        margin = px(scale, MARGIN) if width > 900 else px(scale, 18)
        col_w = min(width - 2 * margin, px(scale, max_width))
        top = px(scale, 28)
        return pygame.Rect((width - col_w) // 2, top, col_w, height - top - hint_height(app, self.hints, width))
