"""Drawing one studio frame: header, sliders, map, timeline, side panel, help line and the save dialog.

A frame only blits what the model and the map view already hold, so drawing
never waits for a build.
"""

from __future__ import annotations

import math
import time
from typing import TYPE_CHECKING

import pygame

from dreamscape.render import palette as P
from dreamscape.render import theme
from dreamscape.studio import layout, side_panel, sliders, timeline
from dreamscape.studio import style as S

if TYPE_CHECKING:
    from dreamscape.studio.controller import Studio

HELP = (
    "Up/Down select   Left/Right adjust (Shift fine)   Del reset row   [ ] PgUp/PgDn seed   digits+Enter type seed   R random   "
    "Tab elite   G D C M H overlays   , . glitch   Home/End   Space play   Ctrl+Z/Y undo/redo   Ctrl+S save   Ctrl+E export   Esc quit"
)


def draw(studio: "Studio", screen: pygame.Surface) -> None:
    """Draw a whole frame of `studio` on `screen`."""
    studio.layout = lay = layout.compute(screen.get_size())
    studio.fresh = False
    screen.fill(P.BACKGROUND)
    draw_header(studio, screen, lay.header)
    studio.rows = sliders.draw(screen, studio.model, lay.sliders, hover_key(studio), studio.drag)
    draw_map(studio, screen, lay.map_area)
    if studio.archive is not None:
        # The archive in the map's lower right corner, as a minimap would sit.
        side = max(120, min(260, lay.map_area.width // 3, lay.map_area.height // 2))
        studio.archive.draw(screen, pygame.Rect(lay.map_area.right - side - 6, lay.map_area.bottom - side - 6, side, side))
    timeline.draw(screen, studio.model, lay.timeline, studio.playing, studio.drag == "timeline")
    field = None
    if studio.model.result is not None and studio.model.ds is not None:
        field = studio.map_view.field(studio.model.result, studio.model.applied_glitches())
    studio.targets = side_panel.draw(screen, studio.model, lay.side, field, studio.mouse)
    draw_help(screen, lay.help)
    if studio.dialog is not None:
        draw_dialog(studio, screen)

def hover_key(studio: "Studio") -> str | None:
    """The slider row under the mouse, if any."""
    row = sliders.row_at(studio.rows, studio.mouse) if studio.mouse else None
    return row.knob.key if row else None

def draw_header(studio: "Studio", screen: pygame.Surface, rect: pygame.Rect) -> None:
    """The title, the spec's facts and the build status along the top."""
    model = studio.model
    spec = model.spec()
    title = S.text(screen, "Dreamscape studio", (layout.MARGIN + 6, rect.centery), S.TITLE_PX, P.TEXT, anchor="midleft")
    name = spec.profile.name if not spec.name or spec.name == spec.profile.name else f"{spec.name} · {spec.profile.name}"
    facts = [name, f"seed {spec.seed}", f"{spec.width}×{spec.height}"]
    if model.result is not None and model.ds is not None:
        facts.append(model.result.content_hash[:12])
    S.text(screen, "   ·   ".join(facts), (title.right + 22, rect.centery + 1), S.BODY_PX, P.TEXT_DIM, anchor="midleft")
    right = rect.right - layout.MARGIN - 6
    status, colour = status_line(studio)
    status_rect = S.text(screen, status, (right, rect.centery + 1), S.SMALL_PX, colour, anchor="midright")
    if model.building:
        # A slow breathing dot: something is happening, nothing demands attention.
        glow = 0.5 + 0.5 * math.sin((time.monotonic() - studio.started) * 5.0)
        dot = P.mix(P.PANEL, theme.ACCENT, 0.45 + 0.55 * glow)
        pygame.draw.circle(screen, dot, (status_rect.left - 11, rect.centery + 1), 5)
    pygame.draw.line(screen, P.PANEL_RULE, (0, rect.bottom - 1), (rect.right, rect.bottom - 1))

def status_line(studio: "Studio") -> tuple[str, tuple[int, int, int]]:
    """The status line and its colour: an error, building, or what the last build took."""
    model = studio.model
    if model.error:
        return model.error, theme.WARN
    if model.building:
        return "building…", P.TEXT_DIM
    parts = []
    if model.message:
        parts.append(model.message)
    if model.result is not None:
        parts.append(f"built in {model.result.build_ms:.0f} ms")
    if studio.latencies:
        parts.append(f"on screen in {studio.latencies[-1]:.0f} ms")
    return "   ·   ".join(parts), (theme.GOOD if model.message else P.TEXT_DIM)

def draw_map(studio: "Studio", screen: pygame.Surface, area: pygame.Rect) -> None:
    """The cached map, framed, or a line while the first build runs."""
    surface = studio.map_view.render(studio.model, (area.width - 4, area.height - 4))
    if surface is None:
        S.text(screen, "dreaming up the first labyrinth…", area.center, S.BODY_PX, P.TEXT_DIM, anchor="center")
        return
    rect = surface.get_rect(center=area.center)
    pygame.draw.rect(screen, P.PANEL_RULE, rect.inflate(2, 2), 1)
    screen.blit(surface, rect)
    studio.shown_id = studio.model.result.request_id
    if studio.model.building:
        # The map on screen is about to change: a quiet veil on its frame says so.
        pygame.draw.rect(screen, P.mix(P.PANEL_RULE, theme.ACCENT, 0.5), rect.inflate(6, 6), 2, border_radius=3)

def draw_help(screen: pygame.Surface, rect: pygame.Rect) -> None:
    """The line of keys along the bottom."""
    pygame.draw.line(screen, P.PANEL_RULE, (0, rect.top), (rect.right, rect.top))
    line = S.fit(HELP, rect.width - 2 * layout.MARGIN, S.HEADER_PX)
    S.text(screen, line, (rect.centerx, rect.centery + 1), S.HEADER_PX, P.TEXT_DIM, anchor="center")

def draw_dialog(studio: "Studio", screen: pygame.Surface) -> None:
    """The save dialog over a dimmed frame."""
    dialog = studio.dialog
    assert dialog is not None
    veil = pygame.Surface(screen.get_size(), pygame.SRCALPHA)
    veil.fill((*P.INK, 150))
    screen.blit(veil, (0, 0))
    box = pygame.Rect(0, 0, min(640, screen.get_width() - 40), 150)
    box.center = screen.get_rect().center
    S.panel(screen, box, alpha=250)
    left = box.left + 20
    if dialog.asking is not None:
        S.text(screen, "That file already exists", (left, box.top + 18), S.BODY_PX, theme.WARN)
        S.text(screen, S.fit(str(dialog.asking), box.width - 40), (left, box.top + 50), S.BODY_PX, P.TEXT)
        S.text(screen, "replace it?   Y  yes     N  no, change the name", (left, box.top + 92), S.BODY_PX, theme.VALUE)
        return
    S.text(screen, dialog.title, (left, box.top + 18), S.BODY_PX, P.TEXT)
    field = pygame.Rect(left, box.top + 46, box.width - 40, 34)
    pygame.draw.rect(screen, P.BACKGROUND, field, border_radius=6)
    pygame.draw.rect(screen, theme.ACCENT, field, 1, border_radius=6)
    shown = dialog.text
    while shown and S.text_width(shown + "_") > field.width - 20:
        shown = shown[1:]  # keep the end of a long path, where the typing is
    S.text(screen, shown + "_", (field.left + 10, field.centery), S.BODY_PX, P.TEXT, anchor="midleft")
    if dialog.error:
        S.text(screen, S.fit(dialog.error, box.width - 40, S.SMALL_PX), (left, box.top + 94), S.SMALL_PX, theme.WARN)
    S.text(screen, "Enter  save      Esc  cancel      never overwrites without asking", (left, box.bottom - 28), S.SMALL_PX, P.TEXT_DIM)
