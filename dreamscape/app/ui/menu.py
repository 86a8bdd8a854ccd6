"""A vertical game menu: moving the cursor, adjusting and confirming rows, the mouse, scrolling.

    menu = Menu(app, [MenuItem("Resume", on_confirm=resume)], on_back=resume)
    menu.handle(event, actions); menu.draw(surface, rect)

How each row looks is `app.ui.menu_rows`; this module lays the rows out,
keeps the selection in view and remembers where rows and slider bars were
drawn so the mouse can hit them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame

from dreamscape.app.input.actions import Action
from dreamscape.app.ui import menu_rows
from dreamscape.app.ui.menu_item import MenuItem
from dreamscape.app.ui.scale import menu_scale
from dreamscape.render import palette as P
from dreamscape.render import text
from dreamscape.render.glyphs import arrow
from dreamscape.render.theme import BODY, SMALL, TINY, px, text_px

if TYPE_CHECKING:
    from dreamscape.app.host import Host


class Menu:
    """A vertical list of MenuItems driven by actions and the mouse.

    UP/DOWN move (wrapping round, skipping plain lines), LEFT/RIGHT adjust,
    CONFIRM activates, BACK calls on_back. Hovering selects; clicking
    activates (or sets a slider where the bar was clicked); the wheel moves.
    Rows that do not fit scroll, keeping the selection in view.
    """

    def __init__(
        self, app: "Host", items: list[MenuItem], on_back: Callable[[], None] | None = None, centred: bool = False, index: int = 0, spacing: float = 1.55
    ) -> None:
        self.app = app
        #: Row height as a multiple of the text size.
        self.spacing = spacing
        self.items: list[MenuItem] = []
        self.on_back = on_back
        self.centred = centred
        self.index = 0
        self.scroll = 0.0
        self._rows: list[tuple[int, pygame.Rect]] = []
        self._bars: dict[int, pygame.Rect] = {}
        self.set_items(items, index)

    # -- contents ---------------------------------------------------------------------

    def set_items(self, items: list[MenuItem], index: int | None = None) -> None:
        """Replace the rows, keeping the cursor where it was when possible."""
        self.items = list(items)
        want = self.index if index is None else index
        self.index = min(max(0, want), max(0, len(self.items) - 1))
        if self.items and not self.items[self.index].selectable:
            self._step(1, sound=False)

    @property
    def selected(self) -> MenuItem | None:
        """The row under the cursor (None in an empty menu)."""
        return self.items[self.index] if self.items else None

    def select(self, name: str) -> None:
        """Put the cursor on the row called `name`."""
        for i, item in enumerate(self.items):
            if item.name == name and item.selectable:
                self.index = i
                return
        raise KeyError(name)

    def item(self, name: str) -> MenuItem:
        """The row called `name`."""
        for item in self.items:
            if item.name == name:
                return item
        raise KeyError(name)

    def names(self) -> list[str]:
        """The names of the selectable rows, top to bottom."""
        return [item.name for item in self.items if item.selectable]

    # -- input --------------------------------------------------------------------------

    def _sound(self, name: str) -> None:
        self.app.audio.play(name)

    def _step(self, direction: int, sound: bool = True) -> None:
        if not any(item.selectable for item in self.items):
            return
        start = self.index
        i = start
        for _ in range(len(self.items)):
            i = (i + direction) % len(self.items)
            if self.items[i].selectable:
                break
        self.index = i
        if sound and i != start:
            self._sound("menu_move")

    def move(self, direction: int) -> None:
        """Move the cursor up (-1) or down (+1), wrapping round."""
        self._step(direction)

    def adjust(self, direction: int) -> bool:
        """LEFT/RIGHT on the selected row; False if it has nothing to adjust."""
        item = self.selected
        if item is None or not item.enabled or item.on_adjust is None:
            return False
        item.on_adjust(direction)
        self._sound("menu_move")
        return True

    def activate(self) -> bool:
        """CONFIRM on the selected row; False if it refused."""
        item = self.selected
        if item is None or not item.enabled or not item.selectable:
            return False
        if item.on_confirm is not None:
            self._sound("menu_select")
            item.on_confirm()
            return True
        if item.toggle is not None and item.on_adjust is not None:
            # Confirming a switch flips it, as clicking it would.
            item.on_adjust(1)
            self._sound("menu_select")
            return True
        return False

    def handle(self, event: pygame.event.Event, actions: list[tuple[Action, bool]]) -> bool:
        """Apply one event; True if the menu used it."""
        used = False
        for action, down in actions:
            if not down:
                continue
            if action is Action.UP:
                self.move(-1)
                used = True
            elif action is Action.DOWN:
                self.move(1)
                used = True
            elif action is Action.LEFT:
                used = self.adjust(-1) or used
            elif action is Action.RIGHT:
                used = self.adjust(1) or used
            elif action is Action.CONFIRM:
                self.activate()
                used = True
            elif action is Action.BACK and self.on_back is not None:
                self._sound("menu_select")
                self.on_back()
                used = True
            if used:
                # One press acts once, even if the key is bound to several actions.
                return True
        if event.type == pygame.MOUSEMOTION:
            return self._hover(event.pos)
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            return self._click(event.pos)
        if event.type == pygame.MOUSEWHEEL:
            self.move(-1 if event.y > 0 else 1)
            return True
        return False

    def _row_at(self, pos: tuple[int, int]) -> int | None:
        for index, rect in self._rows:
            if rect.collidepoint(pos) and self.items[index].selectable:
                return index
        return None

    def _hover(self, pos: tuple[int, int]) -> bool:
        index = self._row_at(pos)
        if index is None or index == self.index:
            return index is not None
        self.index = index
        self._sound("menu_move")
        return True

    def _click(self, pos: tuple[int, int]) -> bool:
        index = self._row_at(pos)
        if index is None:
            return False
        self.index = index
        item = self.items[index]
        bar = self._bars.get(index)
        if bar is not None and item.on_set is not None and item.enabled and bar.inflate(bar.height * 2, bar.height * 4).collidepoint(pos):
            item.on_set(min(1.0, max(0.0, (pos[0] - bar.left) / max(1, bar.width))))
            self._sound("menu_move")
            return True
        if item.on_adjust is not None and item.toggle is None:
            # A choice row (or a slider clicked beside its bar): the right half
            # steps forward, the left half back; the keyboard's CONFIRM still confirms.
            row = dict(self._rows)[index]
            self.adjust(1 if pos[0] >= row.centerx else -1)
            return True
        self.activate()
        return True

    # -- drawing ----------------------------------------------------------------------------

    def row_height(self, item: MenuItem) -> int:
        """The height of one row at the current scale."""
        scale = menu_scale(self.app)
        if not item.selectable:
            return round(text_px(scale, SMALL) * (1.6 if self.centred else 1.3))
        height = round(text_px(scale, BODY) * self.spacing)
        if item.detail:
            height += round(text_px(scale, TINY) * 1.05)
        return height

    def height(self) -> int:
        """The height all rows need (the menu scrolls when given less)."""
        return sum(self.row_height(item) for item in self.items)

    def draw(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        """Draw the rows inside `rect`, scrolled so the selected row shows."""
        scale = menu_scale(self.app)
        if rect.width <= 0 or rect.height <= 0:
            self._rows = []
            return
        heights = [self.row_height(item) for item in self.items]
        tops = [sum(heights[:i]) for i in range(len(heights))]
        total = sum(heights)
        if total <= rect.height:
            self.scroll = 0.0
            offset_y = rect.top
        else:
            if self.items:
                top, bottom = tops[self.index], tops[self.index] + heights[self.index]
                pad = heights[self.index] // 2
                if top - pad < self.scroll:
                    self.scroll = max(0, top - pad)
                elif bottom + pad > self.scroll + rect.height:
                    self.scroll = min(total - rect.height, bottom + pad - rect.height)
            offset_y = rect.top - round(self.scroll)
        self._rows = []
        self._bars = {}
        clip = surface.get_clip()
        surface.set_clip(rect.clip(clip) if clip else rect)
        extra_w = max((text.width_of(scale, item.extra, SMALL) for item in self.items if item.extra), default=0)
        # Slider values share one column, so the bars line up whatever their numbers say.
        slider_value_w = max((text.width_of(scale, item.value_text(), BODY) for item in self.items if item.fraction is not None), default=0)
        for i, item in enumerate(self.items):
            row = pygame.Rect(rect.left, offset_y + tops[i], rect.width, heights[i])
            if row.bottom < rect.top or row.top > rect.bottom:
                continue
            self._rows.append((i, row))
            bar = menu_rows.draw_row(surface, scale, item, row, i == self.index, self.centred, self.spacing, extra_w, slider_value_w)
            if bar is not None:
                self._bars[i] = bar
        surface.set_clip(clip)
        if total > rect.height:
            # Scroll marks sit just outside the rows, in the frame's margin.
            size = px(scale, 11)
            colour = P.TEXT_DIM
            if self.scroll > 1:
                arrow(surface, (rect.centerx, rect.top - size * 0.45), size, "up", colour)
            if self.scroll < total - rect.height - 1:
                arrow(surface, (rect.centerx, rect.bottom + size * 0.45), size, "down", colour)

