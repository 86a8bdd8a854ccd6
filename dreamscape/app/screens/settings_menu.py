"""Settings: sound, screen effects, text size, accessibility and the way to the key bindings.

Every change is applied (and saved) the moment it is made, so a volume is
heard and a text size is seen while it is being chosen.
"""

from __future__ import annotations

import math

import pygame

from dreamscape.app import intents
from dreamscape.app.host import Host
from dreamscape.app.input.actions import Action
from dreamscape.app.settings import RANGES
from dreamscape.app.transitions import Pop, Push
from dreamscape.app.ui import panels
from dreamscape.app.ui.menu_item import MenuItem
from dreamscape.app.ui.menu_scene import MenuScene
from dreamscape.app.ui.scale import menu_scale
from dreamscape.render import palette as P
from dreamscape.render import text, theme

#: LEFT/RIGHT move a slider by this much, snapping to its multiples.
STEP = 0.1


def stepped(value: float, direction: int, low: float, high: float) -> float:
    """`value` moved one STEP up or down to the next multiple of STEP, within [low, high]."""
    units = value / STEP
    # The small epsilon keeps a value already on the grid from snapping to itself.
    target = (math.floor(units + 1e-6) + 1) if direction > 0 else (math.ceil(units - 1e-6) - 1)
    return min(high, max(low, round(target * STEP, 4)))


def percent(value: float) -> str:
    return f"{round(value * 100)}%"


class SettingsScene(MenuScene):
    """Sliders and switches for every setting; Back saves and returns."""

    def __init__(self, app: Host) -> None:
        super().__init__(app)
        # A long list: slightly tighter rows keep it on one page at 720 pixels.
        self.menu.spacing = 1.34

    def items(self) -> list[MenuItem]:
        minimap_keys = self.app.controls.bindings_text(Action.MINIMAP)
        return [
            MenuItem("Sound", selectable=False, name="sound"),
            self._slider("master_volume", "Master volume", percent, "Everything you hear."),
            self._slider("music_volume", "Music", percent, "The drone beneath each dream."),
            self._slider("effects_volume", "Effects", percent, "Footsteps, wakings, glitches and menus."),
            MenuItem("Screen", selectable=False, name="screen"),
            self._slider(
                "glitch_intensity",
                "Glitch intensity",
                lambda v: "off" if v <= 0 else percent(v),
                "Tearing, colour split and block noise while diving. Off turns every screen effect off.",
            ),
            self._slider("text_scale", "Text size", percent, "The size of every word in the game."),
            self._toggle("fullscreen", "Fullscreen", "F11 switches at any time."),
            self._toggle("show_minimap", "Minimap", f"The small map in the corner of a dive; {minimap_keys} shows or hides it there."),
            MenuItem("Accessibility", selectable=False, name="access"),
            self._toggle("colour_blind", "Colour-blind palette", "Dream colours chosen to stay distinct with any kind of colour blindness."),
            self._toggle("relaxed", "Relaxed mode", "A longer rescue window: half as long again, for a calmer dive."),
            MenuItem("Controls…", on_confirm=self.open_keys, help="See and change the keys for every action.", name="controls"),
            MenuItem("Back", on_confirm=self.back, help="Settings are saved as you change them.", name="back"),
        ]

    def _slider(self, field: str, label: str, show, help_text: str) -> MenuItem:
        low, high = RANGES[field]
        return MenuItem(
            label,
            value=lambda: show(getattr(self.app.settings, field)),
            on_adjust=lambda d: self.change(**{field: stepped(getattr(self.app.settings, field), d, low, high)}),
            fraction=lambda: (getattr(self.app.settings, field) - low) / (high - low),
            on_set=lambda f: self.change(**{field: round(round((low + f * (high - low)) / 0.05) * 0.05, 2)}),
            help=help_text,
            name=field,
        )

    def _toggle(self, field: str, label: str, help_text: str) -> MenuItem:
        return MenuItem(
            label,
            toggle=lambda: getattr(self.app.settings, field),
            on_adjust=lambda d: self.change(**{field: not getattr(self.app.settings, field)}),
            help=help_text,
            name=field,
        )

    def change(self, **changes) -> None:
        """Apply and save a change at once (Settings clamps numbers into range)."""
        self.app.apply_settings(self.app.settings.replace(**changes))

    def open_keys(self) -> None:
        self.go(Push(intents.Keys()))

    def enter(self) -> None:
        # Back from the key bindings: the minimap hint names the current keys.
        self.refresh()

    def back(self) -> None:
        self.app.apply_settings(self.app.settings)
        self.go(Pop())

    def draw_content(self, surface: pygame.Surface) -> None:
        app = self.app
        scale = menu_scale(app)
        col = self.column(surface, 820)
        pad = theme.px(scale, 12)
        help_h = max(text.paragraph_height(scale, item.help, col.width, theme.SMALL, 1.25) for item in self.menu.items if item.help) + theme.px(scale, 10)
        head_h = panels.heading_height(scale, over=True)
        list_h = min(self.menu.height(), col.height - head_h - help_h - 2 * pad)
        top = col.top + max(0, (col.height - head_h - list_h - 2 * pad - help_h) // 3)
        y = panels.heading(surface, scale, "Settings", top, over="Tune the dream", width=col.width)
        box = pygame.Rect(col.left, y, col.width, list_h + 2 * pad)
        self.menu.draw(surface, panels.framed(surface, scale, box, pad))
        item = self.menu.selected
        if item is not None and item.help:
            text.paragraph(surface, scale, item.help, (col.centerx, box.bottom + theme.px(scale, 10)), col.width, theme.SMALL, P.TEXT_DIM, align="center", spacing=1.25)
