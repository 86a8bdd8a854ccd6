"""The menus' widget kit: shadowed text, wrapped paragraphs, panels, a vertical
menu and a hint bar that names the player's own keys.

Sizes are given for a 720-pixel-high window at text scale 1 and multiplied by
`app.ui_scale` (capped by `scale` so a small window still holds a menu), so a
menu reads the same at 640x360 and at 1920x1080:

    ui.text(surface, app, "Paused", (x, y), ui.HEADING, anchor="midtop")
    menu = ui.Menu(app, [ui.MenuItem("Resume", on_confirm=resume)], on_back=resume)
    menu.handle(event, actions); menu.draw(surface, rect)
    ui.hint_bar(surface, app, ui.MENU_HINTS)
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

from dreamscape.app import backdrop as backdrop_module
from dreamscape.app.input.actions import Action
from dreamscape.app.input.key_names import key_label
from dreamscape.app.scene import Scene
from dreamscape.render import palette as P
from dreamscape.render.fonts import font

if TYPE_CHECKING:
    from dreamscape.app.frame_loop import App

# -- sizes (pixels at ui_scale 1) and colours --------------------------------------

TITLE = 120
HEADING = 50
SUBHEADING = 34
BODY = 28
SMALL = 22
TINY = 19
#: Below this, the default font stops being comfortable to read.
MIN_TEXT_PX = 13
MARGIN = 40

ACCENT = P.SKY_BLUE
ACCENT_WARM = P.REDDISH_PURPLE
GOOD = P.BLUISH_GREEN
WARN = P.ORANGE
SHADOW = P.INK
#: The selected row's wash: the accent sunk into the panel colour.
HIGHLIGHT = P.mix(P.PANEL, P.SKY_BLUE, 0.30)
DISABLED = P.mix(P.TEXT_DIM, P.PANEL, 0.45)
VALUE = P.mix(P.SKY_BLUE, P.WHITE, 0.25)
#: The eyebrow line above headings ("CHAPTER 1", "PAUSED").
EYEBROW = P.mix(P.REDDISH_PURPLE, P.WHITE, 0.2)

Anchor = str  # a pygame.Rect attribute name: "topleft", "center", "midtop", ...


#: However large the player's text scale, a menu keeps at least this many
#: window pixels per unit of scale, so its heading, a few rows and the hint
#: bar always fit (the Settings screen must stay usable to turn it down again).
PIXELS_PER_SCALE = 420


def scale(app: "App") -> float:
    """The menus' scale: the app's ui_scale, capped so that a small window still holds a menu."""
    return min(app.ui_scale, app.screen.get_height() / PIXELS_PER_SCALE)


def px(app: "App", n: float) -> int:
    """A length in window pixels for `n` pixels at scale 1 (never below 1)."""
    return max(1, round(n * scale(app)))


def text_px(app: "App", size: float) -> int:
    """The font size in pixels for nominal `size`."""
    return max(MIN_TEXT_PX, round(size * scale(app)))


def get_font(app: "App", size: float) -> pygame.font.Font:
    """The game font at nominal `size`, scaled for this window."""
    return font(text_px(app, size))


# -- text ---------------------------------------------------------------------------

_rendered: dict[tuple[str, int, tuple[int, int, int]], pygame.Surface] = {}
#: Rendered strings kept for reuse; menus redraw the same few words every frame.
_RENDER_CACHE_LIMIT = 800


def render(content: str, size_px: int, colour: Sequence[int]) -> pygame.Surface:
    """`content` rendered (antialiased, transparent background), cached."""
    key = (content, size_px, tuple(colour[:3]))
    image = _rendered.get(key)
    if image is None:
        if len(_rendered) >= _RENDER_CACHE_LIMIT:
            _rendered.clear()
        image = font(size_px).render(content, True, key[2])
        _rendered[key] = image
    return image


def blit_faded(surface: pygame.Surface, image: pygame.Surface, pos, alpha: float) -> None:
    """Blit `image` at `alpha` (0..255) without changing it for later blits."""
    if alpha >= 255:
        surface.blit(image, pos)
        return
    if alpha <= 0:
        return
    # Cached images are shared, so their alpha is put back after the blit.
    image.set_alpha(int(alpha))
    surface.blit(image, pos)
    image.set_alpha(255)


def text(
    surface: pygame.Surface,
    app: "App",
    content: str,
    pos: tuple[float, float],
    size: float = BODY,
    colour: Sequence[int] = P.TEXT,
    anchor: Anchor = "topleft",
    shadow: bool = True,
    alpha: float = 255,
) -> pygame.Rect:
    """Draw one line of text with a soft drop shadow; returns where it went."""
    size_px = text_px(app, size)
    image = render(content, size_px, colour)
    rect = image.get_rect(**{anchor: (round(pos[0]), round(pos[1]))})
    if shadow:
        offset = max(1, size_px // 16)
        blit_faded(surface, render(content, size_px, SHADOW), rect.move(offset, offset), alpha * 0.6)
    blit_faded(surface, image, rect, alpha)
    return rect


def text_width(app: "App", content: str, size: float = BODY) -> int:
    """How wide `content` is at nominal `size`."""
    return get_font(app, size).size(content)[0]


def text_height(app: "App", size: float = BODY) -> int:
    """The height of one rendered line at `size` (what `text` returns as its rect's height)."""
    return get_font(app, size).get_linesize()


def line_height(app: "App", size: float = BODY, spacing: float = 1.3) -> int:
    """The distance between baselines of wrapped lines at `size`."""
    return round(get_font(app, size).get_linesize() * spacing)


def wrap(content: str, fnt: pygame.font.Font, width: int) -> list[str]:
    """`content` broken into lines no wider than `width` (newlines start paragraphs).

    A word wider than the whole line stands on a line of its own rather than
    being cut, so a long file path stays one readable piece.
    """
    lines: list[str] = []
    for paragraph in content.split("\n"):
        words = paragraph.split()
        if not words:
            lines.append("")
            continue
        line = words[0]
        for word in words[1:]:
            candidate = f"{line} {word}"
            if fnt.size(candidate)[0] <= width:
                line = candidate
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return lines


@functools.lru_cache(maxsize=256)
def _wrapped(content: str, size_px: int, width: int) -> tuple[str, ...]:
    # Screens lay out the same paragraphs every frame; measuring words is the slow part.
    return tuple(wrap(content, font(size_px), width))


def wrapped(app: "App", content: str, size: float, width: int) -> tuple[str, ...]:
    """`wrap` at nominal `size`, remembered between frames."""
    return _wrapped(content, text_px(app, size), int(width))


def paragraph(
    surface: pygame.Surface,
    app: "App",
    content: str,
    pos: tuple[float, float],
    width: int,
    size: float = BODY,
    colour: Sequence[int] = P.TEXT,
    align: str = "left",
    spacing: float = 1.3,
    line_alpha: Callable[[int], float] | None = None,
) -> pygame.Rect:
    """Draw wrapped text from `pos` (its top-left, or top-centre when centred).

    `line_alpha(i)` may fade each line separately (the intro reveals its text
    line by line). Returns the rectangle the paragraph fills.
    """
    lines = wrapped(app, content, size, width)
    step = line_height(app, size, spacing)
    x, y = pos
    anchor = {"left": "topleft", "center": "midtop", "right": "topright"}[align]
    for i, line in enumerate(lines):
        alpha = 255 if line_alpha is None else line_alpha(i)
        if line:
            text(surface, app, line, (x, y + i * step), size, colour, anchor=anchor, alpha=alpha)
    left = {"left": x, "center": x - width / 2, "right": x - width}[align]
    return pygame.Rect(round(left), round(y), width, step * len(lines))


def paragraph_height(app: "App", content: str, width: int, size: float = BODY, spacing: float = 1.3) -> int:
    """The height `paragraph` would fill."""
    return line_height(app, size, spacing) * len(wrapped(app, content, size, width))


def fit_text(app: "App", content: str, width: int, size: float = BODY) -> str:
    """`content`, shortened with an ellipsis if it is wider than `width`."""
    fnt = get_font(app, size)
    if fnt.size(content)[0] <= width:
        return content
    while content and fnt.size(content + "…")[0] > width:
        content = content[:-1]
    return content.rstrip() + "…"


def clock(seconds: float) -> str:
    """Seconds as m:ss ('2:05'); hours are folded into minutes."""
    whole = max(0, int(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


# -- panels and rules ---------------------------------------------------------------

_panels: dict[tuple, pygame.Surface] = {}


def panel(
    surface: pygame.Surface,
    app: "App",
    rect: pygame.Rect,
    alpha: int = 205,
    colour: Sequence[int] = P.PANEL,
    rule: Sequence[int] | None = P.PANEL_RULE,
) -> None:
    """A translucent rounded panel with a thin rule round it."""
    if rect.width <= 0 or rect.height <= 0:
        return  # squeezed out by huge text in a tiny window
    radius = min(px(app, 14), rect.height // 2, rect.width // 2)
    key = (rect.size, alpha, tuple(colour), tuple(rule) if rule else None, radius)
    image = _panels.get(key)
    if image is None:
        if len(_panels) > 64:
            _panels.clear()
        image = pygame.Surface(rect.size, pygame.SRCALPHA)
        local = image.get_rect()
        pygame.draw.rect(image, (*colour[:3], alpha), local, border_radius=radius)
        if rule:
            pygame.draw.rect(image, (*rule[:3], 220), local, width=1, border_radius=radius)
            # A faint highlight along the top edge, like light on glass.
            top = P.mix(tuple(rule[:3]), P.WHITE, 0.35)
            pygame.draw.line(image, (*top, 120), (local.left + radius, local.top), (local.right - radius, local.top))
        _panels[key] = image
    surface.blit(image, rect)


def framed(surface: pygame.Surface, app: "App", rect: pygame.Rect, pad: int | None = None, alpha: int = 165) -> pygame.Rect:
    """A panel filling `rect`; returns the room inside its padding."""
    pad = px(app, 14) if pad is None else pad
    panel(surface, app, rect, alpha=alpha)
    return rect.inflate(-2 * pad, -2 * pad)


_rules: dict[tuple, pygame.Surface] = {}


def rule(surface: pygame.Surface, centre_x: float, y: float, width: int, colour: Sequence[int] = P.PANEL_RULE, thickness: int = 1) -> None:
    """A thin horizontal line that fades out towards both ends."""
    width = max(2, int(width))
    key = (width, tuple(colour), thickness)
    image = _rules.get(key)
    if image is None:
        if len(_rules) > 64:
            _rules.clear()
        image = pygame.Surface((width, thickness), pygame.SRCALPHA)
        for x in range(width):
            edge = min(x, width - 1 - x) / (width * 0.3)
            image.fill((*colour[:3], int(255 * min(1.0, edge))), (x, 0, 1, thickness))
        _rules[key] = image
    surface.blit(image, (round(centre_x - width / 2), round(y)))


_veils: dict[tuple, pygame.Surface] = {}


def dim(surface: pygame.Surface, alpha: int = 160, colour: Sequence[int] = P.INK) -> None:
    """Darken the whole surface evenly (under an overlay)."""
    key = (surface.get_size(), alpha, tuple(colour))
    veil = _veils.get(key)
    if veil is None:
        _veils.clear()
        veil = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        veil.fill((*colour[:3], alpha))
        _veils[key] = veil
    surface.blit(veil, (0, 0))


def eyebrow(surface: pygame.Surface, app: "App", content: str, pos: tuple[float, float], anchor: Anchor = "midtop", alpha: float = 255) -> pygame.Rect:
    """The small spaced capitals above a heading ('CHAPTER 1')."""
    spaced = " ".join(content.upper())
    return text(surface, app, spaced, pos, TINY, EYEBROW, anchor=anchor, alpha=alpha)


def heading(surface: pygame.Surface, app: "App", title: str, top: int, over: str = "", width: int | None = None) -> int:
    """A centred screen heading with an optional eyebrow; returns the y below it."""
    centre = surface.get_width() / 2
    # Positions come from the font's metrics, not the rendered words, so
    # heading_height always agrees with what is drawn.
    y = top
    if over:
        eyebrow(surface, app, over, (centre, y))
        y += text_height(app, TINY) + px(app, 6)
    fitted = fit_text(app, title, width or surface.get_width() - 2 * px(app, MARGIN), HEADING)
    rect = text(surface, app, fitted, (centre, y), HEADING, P.TEXT, anchor="midtop")
    y += text_height(app, HEADING) + px(app, 10)
    rule(surface, centre, y, max(rect.width + px(app, 80), px(app, 240)))
    return y + px(app, 14)


def heading_height(app: "App", over: bool = False) -> int:
    """The height `heading` uses (the y it returns, less the top)."""
    height = text_height(app, HEADING) + px(app, 24)
    if over:
        height += text_height(app, TINY) + px(app, 6)
    return height


# -- glyphs the font lacks ------------------------------------------------------------

ARROWS = {"up": 0, "right": 90, "down": 180, "left": 270}


def arrow(surface: pygame.Surface, centre: tuple[float, float], size: float, direction: str, colour: Sequence[int]) -> None:
    """A small filled triangle pointing up/right/down/left (the font has no arrows)."""
    angle = math.radians(ARROWS[direction])
    pts = []
    for px_, py_ in ((0, -0.55), (0.5, 0.35), (-0.5, 0.35)):
        x = px_ * math.cos(angle) - py_ * math.sin(angle)
        y = px_ * math.sin(angle) + py_ * math.cos(angle)
        pts.append((centre[0] + x * size, centre[1] + y * size))
    pygame.draw.polygon(surface, colour, pts)


def check_mark(surface: pygame.Surface, centre: tuple[float, float], size: float, colour: Sequence[int]) -> None:
    """A tick (the font has none)."""
    x, y = centre
    width = max(2, round(size / 6))
    pts = [(x - size * 0.45, y), (x - size * 0.12, y + size * 0.32), (x + size * 0.5, y - size * 0.4)]
    pygame.draw.lines(surface, colour, False, pts, width)


def padlock(surface: pygame.Surface, centre: tuple[float, float], size: float, colour: Sequence[int]) -> None:
    """A small closed padlock, the mark of a locked chapter."""
    x, y = centre
    body = pygame.Rect(0, 0, round(size * 0.8), round(size * 0.55))
    body.midtop = (round(x), round(y - size * 0.05))
    pygame.draw.rect(surface, colour, body, border_radius=max(1, round(size / 10)))
    shackle = pygame.Rect(0, 0, round(size * 0.46), round(size * 0.62))
    shackle.midbottom = (round(x), body.top + round(size * 0.2))
    pygame.draw.ellipse(surface, colour, shackle, width=max(1, round(size / 9)))


def chevron(surface: pygame.Surface, centre: tuple[float, float], size: float, pointing: str, colour: Sequence[int]) -> None:
    """A thin ‹ or › (pointing 'left' or 'right') for adjustable values."""
    x, y = centre
    d = size * 0.3 * (1 if pointing == "right" else -1)
    pts = [(x - d, y - size * 0.45), (x + d, y), (x - d, y + size * 0.45)]
    pygame.draw.lines(surface, colour, False, pts, max(1, round(size / 8)))


# -- the menu -------------------------------------------------------------------------


@dataclass
class MenuItem:
    """One row of a Menu.

    label: what the row says. value: text shown at the right (or a function
    giving it, so it stays current). on_confirm: run on CONFIRM or a click.
    on_adjust: run with -1/+1 on LEFT/RIGHT (sliders, toggles, choices).
    fraction: makes the row a slider (0..1 fill); on_set takes a clicked
    fraction. toggle: makes the row an on/off switch. enabled: False shows it
    dimmed and refuses it. selectable: False makes a plain line of text the
    cursor skips. detail: a smaller second line. extra: a dim right-hand
    column (the gamepad bindings). help: a sentence the screen may show for
    the selected row. mark: "done" or "locked" drawn before the value.
    """

    label: str
    on_confirm: Callable[[], None] | None = None
    value: str | Callable[[], str] | None = None
    on_adjust: Callable[[int], None] | None = None
    fraction: Callable[[], float] | None = None
    on_set: Callable[[float], None] | None = None
    toggle: Callable[[], bool] | None = None
    enabled: bool = True
    selectable: bool = True
    detail: str = ""
    extra: str = ""
    help: str = ""
    mark: str = ""
    name: str = ""  # a stable id for screens and tests

    def value_text(self) -> str:
        value = self.value() if callable(self.value) else self.value
        return value or ""


class Menu:
    """A vertical list of MenuItems driven by actions and the mouse.

    UP/DOWN move (wrapping round, skipping plain lines), LEFT/RIGHT adjust,
    CONFIRM activates, BACK calls on_back. Hovering selects; clicking
    activates (or sets a slider where the bar was clicked); the wheel moves.
    Rows that do not fit scroll, keeping the selection in view.
    """

    def __init__(
        self, app: "App", items: list[MenuItem], on_back: Callable[[], None] | None = None, centred: bool = False, index: int = 0, spacing: float = 1.55
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
        self._slider_value_w = 0
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
        if not item.selectable:
            return round(text_px(self.app, SMALL) * (1.6 if self.centred else 1.3))
        height = round(text_px(self.app, BODY) * self.spacing)
        if item.detail:
            height += round(text_px(self.app, TINY) * 1.05)
        return height

    def height(self) -> int:
        """The height all rows need (the menu scrolls when given less)."""
        return sum(self.row_height(item) for item in self.items)

    def draw(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        """Draw the rows inside `rect`, scrolled so the selected row shows."""
        app = self.app
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
        extra_w = max((text_width(app, item.extra, SMALL) for item in self.items if item.extra), default=0)
        # Slider values share one column, so the bars line up whatever their numbers say.
        self._slider_value_w = max((text_width(app, item.value_text(), BODY) for item in self.items if item.fraction is not None), default=0)
        for i, item in enumerate(self.items):
            row = pygame.Rect(rect.left, offset_y + tops[i], rect.width, heights[i])
            if row.bottom < rect.top or row.top > rect.bottom:
                continue
            self._rows.append((i, row))
            self._draw_row(surface, i, item, row, extra_w)
        surface.set_clip(clip)
        if total > rect.height:
            # Scroll marks sit just outside the rows, in the frame's margin.
            size = px(app, 11)
            colour = P.TEXT_DIM
            if self.scroll > 1:
                arrow(surface, (rect.centerx, rect.top - size * 0.45), size, "up", colour)
            if self.scroll < total - rect.height - 1:
                arrow(surface, (rect.centerx, rect.bottom + size * 0.45), size, "down", colour)

    def _draw_row(self, surface: pygame.Surface, i: int, item: MenuItem, row: pygame.Rect, extra_w: int) -> None:
        app = self.app
        pad = px(app, 18)
        if not item.selectable:
            if self.centred:
                text(surface, app, item.label, row.center, SMALL, P.TEXT_DIM, anchor="center")
            else:
                # A section title inside a list, with captions over the value columns if it has them.
                base = row.bottom - px(app, 6)
                eyebrow(surface, app, item.label, (row.left + pad * 1.3, base), anchor="bottomleft")
                right = row.right - pad
                if item.extra:
                    eyebrow(surface, app, item.extra, (right, base), anchor="bottomright")
                    right -= extra_w + pad * 2
                if item.value_text():
                    eyebrow(surface, app, item.value_text(), (right, base), anchor="bottomright")
            return
        selected = i == self.index
        body_h = round(text_px(app, BODY) * self.spacing)
        line = pygame.Rect(row.left, row.top, row.width, body_h)
        if selected:
            wash = HIGHLIGHT if item.enabled else P.mix(P.PANEL, P.TEXT_DIM, 0.18)
            panel(surface, app, row.inflate(0, -px(app, 4)), alpha=170, colour=wash, rule=None)
            bar = pygame.Rect(row.left, row.top + px(app, 8), px(app, 4), row.height - px(app, 16))
            pygame.draw.rect(surface, ACCENT if item.enabled else P.TEXT_DIM, bar, border_radius=bar.width)
        colour = (P.WHITE if selected else P.TEXT) if item.enabled else DISABLED
        if self.centred:
            text(surface, app, item.label, line.center, BODY, colour, anchor="center")
            if item.detail:
                text(surface, app, item.detail, (line.centerx, line.bottom - px(app, 4)), TINY, P.TEXT_DIM if item.enabled else DISABLED, anchor="midtop")
            return
        crisp = item.enabled  # dim text loses its edge under a shadow
        label_rect = text(surface, app, item.label, (line.left + pad * 1.3, line.centery), BODY, colour, anchor="midleft", shadow=crisp)
        if item.detail:
            text(surface, app, item.detail, (line.left + pad * 1.3, line.bottom - px(app, 4)), TINY, P.TEXT_DIM if item.enabled else DISABLED, shadow=crisp)
        right = line.right - pad
        if extra_w:
            text(surface, app, item.extra, (right, line.centery), SMALL, P.TEXT_DIM, anchor="midright")
            right -= extra_w + pad * 2
        value = item.value_text()
        value_colour = VALUE if item.enabled else DISABLED
        if item.toggle is not None:
            right = self._draw_switch(surface, item.toggle(), (right, line.centery), item.enabled)
        elif value and item.fraction is not None:
            # Sliders keep room for their chevrons, so the bar never shifts when selected.
            size = text_px(app, BODY)
            step = round(size * 0.75)
            value_rect = text(surface, app, value, (right - step, line.centery), BODY, value_colour, anchor="midright", shadow=crisp)
            left = value_rect.right - self._slider_value_w
            if selected and item.enabled:
                chevron(surface, (right - size * 0.25, line.centery), size * 0.6, "right", value_colour)
                chevron(surface, (left - size * 0.5, line.centery), size * 0.6, "left", value_colour)
            right = left - step
        elif value:
            chevrons = selected and item.on_adjust is not None and item.enabled
            size = text_px(app, BODY)
            if chevrons:
                chevron(surface, (right - size * 0.25, line.centery), size * 0.6, "right", value_colour)
                right -= round(size * 0.75)
            value_rect = text(surface, app, value, (right, line.centery), BODY, value_colour, anchor="midright", shadow=crisp)
            right = value_rect.left
            if chevrons:
                chevron(surface, (right - size * 0.5, line.centery), size * 0.6, "left", value_colour)
                right -= round(size * 0.75)
        if item.mark:
            size = text_px(app, BODY) * 0.8
            centre = (right - size * 0.9, line.centery)
            if item.mark == "done":
                check_mark(surface, centre, size, GOOD)
            elif item.mark == "locked":
                padlock(surface, (centre[0], centre[1] - size * 0.25), size, P.TEXT_DIM)
            right = round(centre[0] - size)
        if item.fraction is not None:
            gap = pad
            bar_w = min(px(app, 240), right - label_rect.right - 2 * gap)
            if bar_w > px(app, 40):
                bar = pygame.Rect(0, 0, bar_w, max(3, px(app, 6)))
                bar.midright = (right - gap, line.centery)
                self._bars[i] = bar
                self._draw_slider(surface, bar, item.fraction(), item.enabled, selected)

    def _draw_slider(self, surface: pygame.Surface, bar: pygame.Rect, fraction: float, enabled: bool, selected: bool) -> None:
        fraction = min(1.0, max(0.0, fraction))
        pygame.draw.rect(surface, P.PANEL_RULE, bar, border_radius=bar.height)
        fill = bar.copy()
        fill.width = max(bar.height, round(bar.width * fraction))
        colour = (ACCENT if selected else P.mix(ACCENT, P.PANEL, 0.35)) if enabled else DISABLED
        if fraction > 0:
            pygame.draw.rect(surface, colour, fill, border_radius=bar.height)
        knob = max(4, round(bar.height * 1.4))
        centre = (bar.left + round(bar.width * fraction), bar.centery)
        pygame.draw.circle(surface, P.WHITE if enabled else DISABLED, centre, knob)

    def _draw_switch(self, surface: pygame.Surface, on: bool, midright: tuple[int, int], enabled: bool) -> int:
        app = self.app
        h = max(10, px(app, 24))
        pill = pygame.Rect(0, 0, round(h * 1.9), h)
        pill.midright = midright
        track = (ACCENT if on else P.PANEL_RULE) if enabled else DISABLED
        pygame.draw.rect(surface, track, pill, border_radius=h // 2)
        r = h // 2 - max(2, h // 8)
        cx = pill.right - h // 2 if on else pill.left + h // 2
        pygame.draw.circle(surface, P.WHITE if enabled else P.TEXT_DIM, (cx, pill.centery), r)
        word = "on" if on else "off"
        label = text(surface, app, word, (pill.left - px(app, 10), pill.centery), SMALL, VALUE if on else P.TEXT_DIM, anchor="midright")
        return label.left


# -- the hint bar --------------------------------------------------------------------------

Hint = tuple[Sequence["Action | str"], str]
#: The usual menu hints: the keys come from the player's bindings when drawn.
MENU_HINTS: list[Hint] = [((Action.UP, Action.DOWN), "choose"), ((Action.CONFIRM,), "select"), ((Action.BACK,), "back")]


def key_name_for(app: "App", action: Action) -> str:
    """The first key bound to `action`, as a pygame key name ('' if none)."""
    keys = app.controls.keys_for(action)
    return keys[0] if keys else ""


def bindings_text(app: "App", action: Action) -> str:
    """Every key bound to `action` as the player reads it ('Space / E')."""
    return app.controls.bindings_text(action)


def cap_width(app: "App", name: str) -> int:
    """How wide `key_cap` draws the cap for key `name`."""
    size = text_px(app, TINY)
    if name in ARROWS:
        return round(size * 1.45)
    return max(round(size * 1.45), text_width(app, key_label(name) if name else "—", TINY) + px(app, 14))


def key_cap(surface: pygame.Surface, app: "App", name: str, midleft: tuple[int, int], alpha: float = 255) -> int:
    """A small key cap holding a key's name (arrows as arrows); returns its right edge."""
    size = text_px(app, TINY)
    width = cap_width(app, name)
    rect = pygame.Rect(0, 0, width, round(size * 1.35))
    rect.midleft = midleft
    panel(surface, app, rect, alpha=round(200 * alpha / 255), colour=P.mix(P.PANEL, P.PANEL_RULE, 0.35), rule=P.mix(P.PANEL_RULE, P.TEXT_DIM, 0.35))
    if name in ARROWS:
        arrow(surface, rect.center, size * 0.55, name, P.TEXT)
    else:
        text(surface, app, key_label(name) if name else "—", rect.center, TINY, P.TEXT, anchor="center", shadow=False, alpha=alpha)
    return rect.right


def _hint_keys(app: "App", keys: Sequence["Action | str"]) -> list[str]:
    return [key_name_for(app, k) if isinstance(k, Action) else k for k in keys]


def _hint_width(app: "App", hint: Hint) -> int:
    keys, words = hint
    gap = px(app, 4)
    caps = sum(cap_width(app, name) + gap for name in _hint_keys(app, keys))
    return caps + px(app, 6) + text_width(app, words, TINY)


def _hint_rows(app: "App", hints: Sequence[Hint], width: int) -> tuple[list[list[int]], list[int], int]:
    """Which hints go on which row of the bar, their widths and the spacing between them."""
    spacing = px(app, 28)
    sizes = [_hint_width(app, h) for h in hints]
    rows: list[list[int]] = [[]]
    used = 0
    room = width - 2 * px(app, 16)
    for i, w in enumerate(sizes):
        if rows[-1] and used + spacing + w > room:
            rows.append([])
            used = 0
        used += (spacing if rows[-1] else 0) + w
        rows[-1].append(i)
    return rows, sizes, spacing


def _hint_row_height(app: "App") -> int:
    return round(text_px(app, TINY) * 1.35) + px(app, 6)


def hint_height(app: "App", hints: Sequence[Hint] = MENU_HINTS, width: int | None = None) -> int:
    """How tall the hint bar is (rows wrap on narrow windows), with its margin."""
    width = app.screen.get_width() if width is None else width
    rows, _, _ = _hint_rows(app, hints, width)
    return _hint_row_height(app) * len(rows) + px(app, 24)


def hint_bar(surface: pygame.Surface, app: "App", hints: Sequence[Hint], bottom: int | None = None, alpha: float = 255) -> pygame.Rect:
    """Key caps and what they do, centred along the bottom ('[↑][↓] choose  [Enter] select').

    Keys named by an Action show the player's current first binding, so
    remapped keys appear as they are. Wraps to two rows on narrow windows.
    """
    width, height = surface.get_size()
    bottom = height - px(app, 14) if bottom is None else bottom
    rows, sizes, spacing = _hint_rows(app, hints, width)
    row_h = _hint_row_height(app)
    y = bottom - row_h * len(rows) + row_h // 2
    top = y - row_h // 2
    for row in rows:
        total = sum(sizes[i] for i in row) + spacing * (len(row) - 1)
        x = (width - total) // 2
        for i in row:
            keys, words = hints[i]
            for name in _hint_keys(app, keys):
                x = key_cap(surface, app, name, (x, y), alpha) + px(app, 4)
            x += px(app, 6)
            rect = text(surface, app, words, (x, y), TINY, P.TEXT_DIM, anchor="midleft", alpha=alpha)
            x = rect.right + spacing
        y += row_h
    return pygame.Rect(0, top, width, bottom - top)


# -- a screen made of these ---------------------------------------------------------------------


class MenuScene(Scene):
    """A screen over the shared dreamy backdrop with a Menu and a hint bar.

    Subclasses build their rows in `items()` and draw their own layout in
    `draw_content`; BACK pops the screen unless `back` is overridden.
    """

    hints: list[Hint] = MENU_HINTS
    centred_menu = False

    def __init__(self, app: "App") -> None:
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
        self.app.pop()

    def handle(self, event: pygame.event.Event, actions: list[tuple[Action, bool]]) -> None:
        self.menu.handle(event, actions)

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
        width, height = surface.get_size()
        margin = px(app, MARGIN) if width > 900 else px(app, 18)
        col_w = min(width - 2 * margin, px(app, max_width))
        top = px(app, 28)
        return pygame.Rect((width - col_w) // 2, top, col_w, height - top - hint_height(app, self.hints, width))
