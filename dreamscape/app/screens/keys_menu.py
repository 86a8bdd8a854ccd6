"""The key bindings: every action with its keys; choose one and press a new key for it."""

from __future__ import annotations

import pygame

from dreamscape.app import ui
from dreamscape.app.input.actions import GAMEPLAY_ACTIONS, MENU_ACTIONS, Action
from dreamscape.app.input.bindings import default_key_bindings, default_pad_bindings
from dreamscape.app.input.capture import capture_next_key
from dreamscape.app.input.key_names import key_label
from dreamscape.render import palette as P

LABELS = {
    Action.UP: "Move up",
    Action.DOWN: "Move down",
    Action.LEFT: "Move left",
    Action.RIGHT: "Move right",
    Action.WAKE: "Wake",
    Action.PAUSE: "Pause",
    Action.MINIMAP: "Minimap",
    Action.CONFIRM: "Confirm",
    Action.BACK: "Go back",
}
#: Cancels waiting for a key (so Escape itself cannot be bound from this screen).
CANCEL_KEY = pygame.K_ESCAPE


class KeysScene(ui.MenuScene):
    """Remap the keyboard: CONFIRM on an action, then press the key it should use."""

    def __init__(self, app) -> None:
        #: The action waiting for its new key, if any.
        self.waiting: Action | None = None
        self.message = ""
        super().__init__(app)
        self.menu.spacing = 1.34

    def items(self) -> list[ui.MenuItem]:
        c = self.app.controls
        rows = [ui.MenuItem("In the dream", value="keyboard", extra="gamepad", selectable=False, name="gameplay")]
        for group, title in ((GAMEPLAY_ACTIONS, None), (MENU_ACTIONS, "In menus")):
            if title:
                rows.append(ui.MenuItem(title, selectable=False, name="menus"))
            for action in group:
                rows.append(
                    ui.MenuItem(
                        LABELS[action],
                        on_confirm=lambda a=action: self.listen(a),
                        value=lambda a=action: c.bindings_text(a),
                        extra=c.bindings_text(action, pad=True),
                        name=action.name,
                    )
                )
        rows.append(ui.MenuItem("Reset to defaults", on_confirm=self.reset, name="reset"))
        rows.append(ui.MenuItem("Back", on_confirm=self.back, name="back"))
        return rows

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

    def handle(self, event: pygame.event.Event, actions) -> None:
        if self.waiting is not None:
            if event.type == pygame.KEYDOWN:
                action, self.waiting = self.waiting, None
                if event.key == CANCEL_KEY:
                    self.message = "Unchanged."
                    return
                name = capture_next_key(event)
                if not name:
                    self.message = "That key has no name the game can keep; try another."
                    return
                try:
                    self.remap(action, name)
                except ValueError:
                    self.message = f"{key_label(name)} cannot be used; try another key."
                    return
                self.app.audio.play("menu_select")
            elif event.type == pygame.MOUSEBUTTONDOWN:
                self.waiting = None
                self.message = "Unchanged."
            return
        self.menu.handle(event, actions)

    @property
    def hints(self) -> list[ui.Hint]:  # type: ignore[override]
        if self.waiting is not None:
            return [(("escape",), "cancel")]
        return [((Action.UP, Action.DOWN), "choose"), ((Action.CONFIRM,), "change"), ((Action.BACK,), "back")]

    # -- drawing ------------------------------------------------------------------------

    def draw_content(self, surface: pygame.Surface) -> None:
        app = self.app
        col = self.column(surface, 900)
        pad = ui.px(app, 12)
        foot_h = ui.line_height(app, ui.SMALL, 1.25) + ui.line_height(app, ui.TINY, 1.25) + ui.px(app, 14)
        head_h = ui.heading_height(app, over=True)
        list_h = min(self.menu.height(), col.height - head_h - foot_h - 2 * pad)
        top = col.top + max(0, (col.height - head_h - list_h - 2 * pad - foot_h) // 3)
        y = ui.heading(surface, app, "Controls", top, over="Keys and buttons", width=col.width)
        box = pygame.Rect(col.left, y, col.width, list_h + 2 * pad)
        self.menu.draw(surface, ui.framed(surface, app, box, pad))
        y = box.bottom + ui.px(app, 10)
        if self.message:
            ui.text(surface, app, ui.fit_text(app, self.message, col.width, ui.SMALL), (col.centerx, y), ui.SMALL, ui.VALUE, anchor="midtop")
        y += ui.line_height(app, ui.SMALL, 1.25)
        note = "Gamepad buttons are shown for reference; keys change here."
        ui.text(surface, app, ui.fit_text(app, note, col.width, ui.TINY), (col.centerx, y), ui.TINY, P.TEXT_DIM, anchor="midtop")
        if self.waiting is not None:
            self._draw_prompt(surface)

    def _draw_prompt(self, surface: pygame.Surface) -> None:
        app = self.app
        ui.dim(surface, 150)
        width, height = surface.get_size()
        box = pygame.Rect(0, 0, min(width - 2 * ui.px(app, 16), ui.px(app, 560)), ui.px(app, 170))
        box.center = (width // 2, height // 2)
        ui.panel(surface, app, box, alpha=235)
        ui.eyebrow(surface, app, "Listening", (box.centerx, box.top + ui.px(app, 24)))
        ui.text(surface, app, f"Press a key for {LABELS[self.waiting]}…", (box.centerx, box.centery), ui.SUBHEADING, P.WHITE, anchor="center")
        ui.text(surface, app, "Esc to cancel", (box.centerx, box.bottom - ui.px(app, 24)), ui.SMALL, P.TEXT_DIM, anchor="midbottom")
