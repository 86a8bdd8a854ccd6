"""The key bindings: every action with its keys; choose one and press a new key for it."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from dreamscape.app.host import Host
from dreamscape.app.input.actions import GAMEPLAY_ACTIONS, MENU_ACTIONS, Action
from dreamscape.app.input.bindings import default_key_bindings, default_pad_bindings
from dreamscape.app.input.capture import capture_next_key
from dreamscape.app.input.key_names import key_label
from dreamscape.app.input.runtime import Controls
from dreamscape.app.transitions import Transition
from dreamscape.app.ui import panels
from dreamscape.app.ui.hints import Hint
from dreamscape.app.ui.menu_item import MenuItem
from dreamscape.app.ui.menu_scene import MenuScene
from dreamscape.app.ui.scale import menu_scale
from dreamscape.render import palette as P
from dreamscape.render import text, theme

LABELS = {
    Action.UP: "Move up",
    Action.DOWN: "Move down",
    Action.LEFT: "Move left",
    Action.RIGHT: "Move right",
    Action.WAKE: "Wake",
    Action.USE: "Use (paint, hack)",
    Action.PAUSE: "Pause",
    Action.MINIMAP: "Minimap",
    Action.CONFIRM: "Confirm",
    Action.BACK: "Go back",
}
#: Cancels waiting for a key (so Escape itself cannot be bound from this screen).
CANCEL_KEY = pygame.K_ESCAPE


class KeysScene(MenuScene):
    """Remap the keyboard: CONFIRM on an action, then press the key it should use."""

    def __init__(self, app: Host) -> None:
        #: The action waiting for its new key, if any.
        self.waiting: Action | None = None
        self.message = ""
        super().__init__(app)
        self.menu.spacing = 1.34

    def items(self) -> list[MenuItem]:
        c = self.app.controls
        rows = [MenuItem("In the dream", value="keyboard", extra="gamepad", selectable=False, name="gameplay")]
        for group, title in ((GAMEPLAY_ACTIONS, None), (MENU_ACTIONS, "In menus")):
            if title:
                rows.append(MenuItem(title, selectable=False, name="menus"))
            for action in group:
                rows.append(
                    MenuItem(
                        LABELS[action],
                        on_confirm=self._listener(action),
                        value=self._bindings(c, action),
                        extra=c.bindings_text(action, pad=True),
                        name=action.name,
                    )
                )
        rows.append(MenuItem("Reset to defaults", on_confirm=self.reset, name="reset"))
        rows.append(MenuItem("Back", on_confirm=self.back, name="back"))
        return rows

    def _listener(self, action: Action) -> Callable[[], None]:
        return lambda: self.listen(action)

    @staticmethod
    def _bindings(controls: Controls, action: Action) -> Callable[[], str]:
        return lambda: controls.bindings_text(action)

    def listen(self, action: Action) -> None:
        """Wait for the next key press and bind it to `action`."""
        self.waiting = action
        self.message = ""

    def remap(self, action: Action, name: str) -> None:
        """Make key `name` the first key of `action`, and save it."""
        controls = self.app.controls
        taken = controls.remap(action, name)
        self.app.apply_settings(controls.apply_to(self.app.settings))
        label = key_label(name)
        self.message = f"{label} now means {LABELS[action]}."
        if taken:
            self.message += f" It no longer means {', '.join(LABELS[a] for a in taken)}."
        self.refresh()

    def reset(self) -> None:
        """Every key and button back to how the game came."""
        self.app.apply_settings(self.app.settings.replace(keys=default_key_bindings(), pad=default_pad_bindings()))
        self.message = "Every key is back to its default."
        self.refresh()

    def handle(self, event: pygame.event.Event, actions: list[tuple[Action, bool]]) -> Transition | None:
        if self.waiting is not None:
            if event.type == pygame.KEYDOWN:
                action, self.waiting = self.waiting, None
                if event.key == CANCEL_KEY:
                    self.message = "Unchanged."
                    return None
                name = capture_next_key(event)
                if not name:
                    self.message = "That key has no name the game can keep; try another."
                    return None
                try:
                    self.remap(action, name)
                except ValueError:
                    self.message = f"{key_label(name)} cannot be used; try another key."
                    return None
                self.app.audio.play("menu_select")
            elif event.type == pygame.MOUSEBUTTONDOWN:
                self.waiting = None
                self.message = "Unchanged."
            return None
        self.menu.handle(event, actions)
        return self.take_transition()

    @property
    def hints(self) -> list[Hint]:  # type: ignore[override]
        if self.waiting is not None:
            return [(("escape",), "cancel")]
        return [((Action.UP, Action.DOWN), "choose"), ((Action.CONFIRM,), "change"), ((Action.BACK,), "back")]

    # -- drawing ------------------------------------------------------------------------

    def draw_content(self, surface: pygame.Surface) -> None:
        app = self.app
        scale = menu_scale(app)
        col = self.column(surface, 900)
        pad = theme.px(scale, 12)
        foot_h = text.line_height(scale, theme.SMALL, 1.25) + text.line_height(scale, theme.TINY, 1.25) + theme.px(scale, 14)
        head_h = panels.heading_height(scale, over=True)
        list_h = min(self.menu.height(), col.height - head_h - foot_h - 2 * pad)
        top = col.top + max(0, (col.height - head_h - list_h - 2 * pad - foot_h) // 3)
        y = panels.heading(surface, scale, "Controls", top, over="Keys and buttons", width=col.width)
        box = pygame.Rect(col.left, y, col.width, list_h + 2 * pad)
        self.menu.draw(surface, panels.framed(surface, scale, box, pad))
        y = box.bottom + theme.px(scale, 10)
        if self.message:
            text.draw(surface, scale, text.fit(scale, self.message, col.width, theme.SMALL), (col.centerx, y), theme.SMALL, theme.VALUE, anchor="midtop")
        y += text.line_height(scale, theme.SMALL, 1.25)
        note = "Gamepad buttons are shown for reference; keys change here."
        text.draw(surface, scale, text.fit(scale, note, col.width, theme.TINY), (col.centerx, y), theme.TINY, P.TEXT_DIM, anchor="midtop")
        if self.waiting is not None:
            self._draw_prompt(surface, self.waiting)

    def _draw_prompt(self, surface: pygame.Surface, waiting: Action) -> None:
        app = self.app
        scale = menu_scale(app)
        panels.dim(surface, 150)
        width, height = surface.get_size()
        box = pygame.Rect(0, 0, min(width - 2 * theme.px(scale, 16), theme.px(scale, 560)), theme.px(scale, 170))
        box.center = (width // 2, height // 2)
        panels.panel(surface, scale, box, alpha=235)
        panels.eyebrow(surface, scale, "Listening", (box.centerx, box.top + theme.px(scale, 24)))
        text.draw(surface, scale, f"Press a key for {LABELS[waiting]}…", (box.centerx, box.centery), theme.SUBHEADING, P.WHITE, anchor="center")
        text.draw(surface, scale, "Esc to cancel", (box.centerx, box.bottom - theme.px(scale, 24)), theme.SMALL, P.TEXT_DIM, anchor="midbottom")
