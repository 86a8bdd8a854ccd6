"""The studio window: sliders on the left, the map in the middle, metrics on the right.

Input goes to the model; the model's spec goes to the background builder;
finished builds come back through the model and are drawn once into a cached
map. A frame itself only blits, so the window stays smooth while a build runs.
Headless runs (tests, screenshots) use SDL's dummy driver and wait for each
build, so what they capture is deterministic.
"""

from __future__ import annotations

import math
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402

from dreamscape.core.level import LevelSpec  # noqa: E402
from dreamscape.core.timing import TICKS_PER_SECOND  # noqa: E402
from dreamscape.render import palette as P  # noqa: E402
from dreamscape.studio import layout, side_panel, sliders, timeline  # noqa: E402
from dreamscape.studio import style as S  # noqa: E402
from dreamscape.studio.map_view import MapView  # noqa: E402
from dreamscape.studio.model import StudioModel  # noqa: E402
from dreamscape.studio.save import DEFAULT_SAVE_DIR, SaveDialog, default_stem, export_png, save_level  # noqa: E402
from dreamscape.studio.worker import Builder  # noqa: E402

WINDOW_SIZE = (1280, 800)
FPS = 60
#: While a build runs the loop checks for it this often (drawing stays at FPS).
BUILD_POLL_HZ = 250
#: Playing the timeline runs the schedule this many times faster than real time.
PLAY_SPEED = 8
NO_DISPLAY = "dreamscape studio: no display available (set DISPLAY, or use --headless)"
HELP = (
    "Up/Down select   Left/Right adjust (Shift fine)   Del reset row   [ ] PgUp/PgDn seed   digits+Enter type seed   R random   "
    "G D C M H overlays   , . glitch   Home/End   Space play   Ctrl+Z/Y undo/redo   Ctrl+S save   Ctrl+E export   Esc quit"
)
OVERLAY_KEYS = {pygame.K_g: "regions", pygame.K_d: "distance", pygame.K_c: "chokepoints", pygame.K_m: "markers", pygame.K_h: "glitches"}
DIGIT_KEYS = {getattr(pygame, f"K_{d}"): str(d) for d in range(10)} | {getattr(pygame, f"K_KP{d}"): str(d) for d in range(10)}
ENTER_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER)


class Studio:
    """The studio's input handling and drawing around a model and a builder.

    `sync` makes every frame wait for the build in progress (headless runs);
    the interactive window never waits.
    """

    def __init__(self, spec: LevelSpec, save_dir: Path | str = DEFAULT_SAVE_DIR, builder: Builder | None = None, sync: bool = False) -> None:
        self.model = StudioModel(spec)
        self.builder = builder if builder is not None else Builder()
        self.save_dir = Path(save_dir)
        self.sync = sync
        self.map_view = MapView()
        self.dialog: SaveDialog | None = None
        self._dialog_kind = ""
        self._last_saved: tuple[LevelSpec, Path] | None = None
        self.drag: str | None = None  # a slider key, or "timeline"
        self.mouse: tuple[int, int] | None = None
        self.playing = False
        self._play_tick = 0.0
        self.running = True
        self.rows: list[sliders.SliderRow] = []
        self.targets: dict[str, pygame.Rect] = {}
        self.layout = layout.compute(WINDOW_SIZE)
        #: Milliseconds from a change to its map on screen, for every build shown.
        self.latencies: list[float] = []
        self._awaiting: float | None = None
        self._shown_id = 0
        self._started = time.monotonic()
        self._drawn: tuple | None = None
        self._force = True
        #: A build has landed since the last frame: draw it without waiting for the frame tick.
        self.fresh = False

    # -- input --------------------------------------------------------------------

    def handle_event(self, event: pygame.event.Event) -> bool:
        """Feed one event in; False once the studio should close."""
        if event.type == pygame.QUIT:
            self.running = False
        elif event.type in (pygame.WINDOWEXPOSED, pygame.WINDOWSIZECHANGED, pygame.VIDEORESIZE):
            self._force = True
        elif self.dialog is not None:
            self._dialog_event(event)
        elif event.type == pygame.KEYDOWN:
            self._key(event)
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            self._press(event.pos)
        elif event.type == pygame.MOUSEMOTION:
            self.mouse = event.pos
            self._drag_to(event.pos)
        elif event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            self._release()
        elif event.type == pygame.MOUSEWHEEL:
            self._wheel(event.y)
        return self.running

    def _key(self, event: pygame.event.Event) -> None:
        model = self.model
        key, mod = event.key, event.mod
        ctrl, shift = bool(mod & pygame.KMOD_CTRL), bool(mod & pygame.KMOD_SHIFT)
        if ctrl:
            if key == pygame.K_s:
                self.open_save()
            elif key == pygame.K_e:
                self.open_export()
            elif key == pygame.K_z and shift or key == pygame.K_y:
                model.redo()
            elif key == pygame.K_z:
                model.undo()
            elif key == pygame.K_q:
                self.running = False
            return
        if model.seed_entry is not None:
            if key in ENTER_KEYS:
                model.commit_seed()
                return
            if key == pygame.K_BACKSPACE:
                model.seed_backspace()
                return
            if key == pygame.K_ESCAPE:
                model.cancel_seed()
                return
        if key in DIGIT_KEYS:
            model.type_seed_digit(DIGIT_KEYS[key])
        elif key == pygame.K_UP:
            model.select(-1)
        elif key == pygame.K_DOWN:
            model.select(1)
        elif key in (pygame.K_LEFT, pygame.K_RIGHT):
            model.nudge(1 if key == pygame.K_RIGHT else -1, fine=shift)
        elif key in (pygame.K_PAGEUP, pygame.K_RIGHTBRACKET):
            model.step_seed(1)
        elif key in (pygame.K_PAGEDOWN, pygame.K_LEFTBRACKET):
            model.step_seed(-1)
        elif key == pygame.K_r:
            model.random_seed()
        elif key == pygame.K_DELETE:
            knob = model.selected_knob
            model.set_value(knob.key, model.original_value(knob.key))
        elif key in OVERLAY_KEYS:
            model.toggle(OVERLAY_KEYS[key])
        elif key in (pygame.K_COMMA, pygame.K_PERIOD):
            self._step_time(-1 if key == pygame.K_COMMA else 1, by_second=shift)
        elif key == pygame.K_HOME:
            self._seek(0)
        elif key == pygame.K_END:
            self._seek(model.end_tick)
        elif key == pygame.K_SPACE:
            self._toggle_play()
        elif key == pygame.K_ESCAPE:
            if self.playing:
                self.playing = False
            else:
                self.running = False

    def _step_time(self, direction: int, by_second: bool) -> None:
        self.playing = False
        if by_second:
            self.model.set_tick(self.model.tick + direction * TICKS_PER_SECOND)
        else:
            self.model.step_glitch(direction)

    def _seek(self, tick: int) -> None:
        self.playing = False
        self.model.set_tick(tick)

    def _toggle_play(self) -> None:
        model = self.model
        self.playing = not self.playing and model.ds is not None
        if self.playing:
            if model.tick >= model.end_tick:
                model.set_tick(0)
            self._play_tick = float(model.tick)

    def _press(self, pos: tuple[int, int]) -> None:
        self.mouse = pos
        for name, rect in self.targets.items():
            if rect.collidepoint(pos):
                self._click_target(name)
                return
        row = sliders.row_at(self.rows, pos)
        if row is not None:
            if row.bar is not None and pos[0] >= row.bar.left - 10:
                self.drag = row.knob.key
                self.model.begin_drag(row.knob.key)
                self.model.drag_to(sliders.fraction_at(row, pos[0]))
            else:
                self.model.select_key(row.knob.key)
            return
        if timeline.grab_rect(self.layout.timeline).collidepoint(pos) and self.model.ds is not None:
            self.drag = "timeline"
            self.playing = False
            self.model.set_tick(timeline.tick_at(self.layout.timeline, pos[0], self.model.end_tick))

    def _drag_to(self, pos: tuple[int, int]) -> None:
        if self.drag == "timeline":
            self.model.set_tick(timeline.tick_at(self.layout.timeline, pos[0], self.model.end_tick))
        elif self.drag is not None:
            row = next((r for r in self.rows if r.knob.key == self.drag), None)
            if row is not None:
                self.model.drag_to(sliders.fraction_at(row, pos[0]))

    def _release(self) -> None:
        if self.drag not in (None, "timeline"):
            self.model.end_drag()
        self.drag = None

    def _wheel(self, steps: int) -> None:
        if self.mouse is None or not steps:
            return
        row = sliders.row_at(self.rows, self.mouse)
        if row is not None:
            self.model.select_key(row.knob.key)
            self.model.nudge(1 if steps > 0 else -1)
        elif self.layout.timeline.collidepoint(self.mouse):
            self.model.step_glitch(1 if steps > 0 else -1)

    def _click_target(self, name: str) -> None:
        if name.startswith("overlay:"):
            self.model.toggle(name.split(":", 1)[1])
        elif name == "save":
            self.open_save()
        elif name == "export":
            self.open_export()

    # -- saving -------------------------------------------------------------------

    def open_save(self) -> None:
        """Ask for a level file name (default <save dir>/<dreamer>_<seed>.toml)."""
        spec = self.model.spec()
        default = self.save_dir / f"{default_stem(spec)}.toml"
        self._open_dialog("save", SaveDialog("Save level as", str(default), lambda path, replace: save_level(spec, path, replace)))

    def open_export(self) -> None:
        """Ask for a PNG file name, next to the level when it was just saved."""
        ds = self.model.ds
        if ds is None:
            return
        spec = self.model.spec()
        if self._last_saved is not None and self._last_saved[0] == spec:
            default = self._last_saved[1].with_suffix(".png")
        else:
            default = self.save_dir / f"{default_stem(spec)}.png"
        tick = self.model.tick
        self._open_dialog("export", SaveDialog("Export the map as", str(default), lambda path, replace: export_png(ds, path, tick, replace)))

    def _open_dialog(self, kind: str, dialog: SaveDialog) -> None:
        self.playing = False
        self._release()
        self.dialog = dialog
        self._dialog_kind = kind
        pygame.key.start_text_input()

    def _close_dialog(self) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None and dialog.saved is not None:
            verb = "saved" if self._dialog_kind == "save" else "exported"
            self.model.message = f"{verb} {dialog.saved}"
            if self._dialog_kind == "save":
                self._last_saved = (self.model.spec(), dialog.saved)

    def _dialog_event(self, event: pygame.event.Event) -> None:
        dialog = self.dialog
        assert dialog is not None
        if event.type == pygame.TEXTINPUT:
            dialog.type(event.text)
            return
        if event.type != pygame.KEYDOWN:
            return
        key = event.key
        if dialog.asking is not None:
            if key in (pygame.K_y, *ENTER_KEYS):
                dialog.answer(True)
            elif key in (pygame.K_n, pygame.K_ESCAPE):
                dialog.answer(False)
        elif key in ENTER_KEYS:
            dialog.submit()
        elif key == pygame.K_ESCAPE:
            self._close_dialog()
            return
        elif key == pygame.K_BACKSPACE:
            dialog.backspace(word=bool(event.mod & pygame.KMOD_CTRL))
        if dialog.done:
            self._close_dialog()

    # -- updating -----------------------------------------------------------------

    def update(self, dt_ms: float) -> None:
        """Send changes to the builder, take finished builds, advance a playing timeline."""
        model = self.model
        spec = model.take_request()
        if spec is not None:
            model.requested(self.builder.request(spec))
        if self.sync:
            self.builder.wait_idle(timeout=60.0)
        result = self.builder.poll()
        if result is not None and model.accept(result) and not result.error:
            self._awaiting = result.requested_at
            self.fresh = True
        if self.playing and model.ds is not None:
            self._play_tick += dt_ms / 1000.0 * TICKS_PER_SECOND * PLAY_SPEED
            model.set_tick(int(self._play_tick))
            if model.tick >= model.end_tick:
                self.playing = False

    def frame_shown(self) -> None:
        """Call after a frame reaches the screen: notes how long the shown build took to get there."""
        if self._awaiting is not None and self._shown_id == getattr(self.model.result, "request_id", 0):
            self.latencies.append((time.monotonic() - self._awaiting) * 1000.0)
            self._awaiting = None

    # -- drawing ------------------------------------------------------------------

    def needs_draw(self, screen: pygame.Surface) -> bool:
        """Whether anything on screen would change: idle frames are skipped, so a
        running build gets the processor to itself."""
        model = self.model
        dialog = self.dialog
        signature = (
            screen.get_size(),
            model.tuning,
            model.selected,
            model.seed_entry,
            model.tick,
            tuple(model.overlays.items()),
            model.received_id,
            model.building,
            model.message,
            model.error,
            self.mouse,
            self.drag,
            self.playing,
            len(self.latencies),
            None if dialog is None else (dialog.text, dialog.asking, dialog.error),
            # The building dot breathes: a few redraws a second while it shows.
            int((time.monotonic() - self._started) * 8) if model.building else 0,
        )
        if signature == self._drawn and not self._force:
            return False
        self._drawn = signature
        self._force = False
        return True

    def draw(self, screen: pygame.Surface) -> None:
        """Draw a whole frame."""
        self.layout = lay = layout.compute(screen.get_size())
        self.fresh = False
        screen.fill(S.BACKGROUND)
        self._draw_header(screen, lay.header)
        self.rows = sliders.draw(screen, self.model, lay.sliders, self._hover_key(), self.drag)
        self._draw_map(screen, lay.map_area)
        timeline.draw(screen, self.model, lay.timeline, self.playing, self.drag == "timeline")
        field = None
        if self.model.result is not None and self.model.ds is not None:
            field = self.map_view.field(self.model.result, self.model.applied_glitches())
        self.targets = side_panel.draw(screen, self.model, lay.side, field, self.mouse)
        self._draw_help(screen, lay.help)
        if self.dialog is not None:
            self._draw_dialog(screen)

    def _hover_key(self) -> str | None:
        row = sliders.row_at(self.rows, self.mouse) if self.mouse else None
        return row.knob.key if row else None

    def _draw_header(self, screen: pygame.Surface, rect: pygame.Rect) -> None:
        model = self.model
        spec = model.spec()
        title = S.text(screen, "Dreamscape studio", (layout.MARGIN + 6, rect.centery), S.TITLE_PX, S.TEXT, anchor="midleft")
        name = spec.profile.name if not spec.name or spec.name == spec.profile.name else f"{spec.name} · {spec.profile.name}"
        facts = [name, f"seed {spec.seed}", f"{spec.width}×{spec.height}"]
        if model.result is not None and model.ds is not None:
            facts.append(model.result.content_hash[:12])
        S.text(screen, "   ·   ".join(facts), (title.right + 22, rect.centery + 1), S.BODY_PX, S.DIM, anchor="midleft")
        right = rect.right - layout.MARGIN - 6
        status, colour = self._status()
        status_rect = S.text(screen, status, (right, rect.centery + 1), S.SMALL_PX, colour, anchor="midright")
        if model.building:
            # A slow breathing dot: something is happening, nothing demands attention.
            glow = 0.5 + 0.5 * math.sin((time.monotonic() - self._started) * 5.0)
            dot = P.mix(S.PANEL, S.ACCENT, 0.45 + 0.55 * glow)
            pygame.draw.circle(screen, dot, (status_rect.left - 11, rect.centery + 1), 5)
        pygame.draw.line(screen, S.RULE, (0, rect.bottom - 1), (rect.right, rect.bottom - 1))

    def _status(self) -> tuple[str, tuple[int, int, int]]:
        model = self.model
        if model.error:
            return model.error, S.WARN
        if model.building:
            return "building…", S.DIM
        parts = []
        if model.message:
            parts.append(model.message)
        if model.result is not None:
            parts.append(f"built in {model.result.build_ms:.0f} ms")
        if self.latencies:
            parts.append(f"on screen in {self.latencies[-1]:.0f} ms")
        return "   ·   ".join(parts), (S.GOOD if model.message else S.DIM)

    def _draw_map(self, screen: pygame.Surface, area: pygame.Rect) -> None:
        surface = self.map_view.render(self.model, (area.width - 4, area.height - 4))
        if surface is None:
            S.text(screen, "dreaming up the first labyrinth…", area.center, S.BODY_PX, S.DIM, anchor="center")
            return
        rect = surface.get_rect(center=area.center)
        pygame.draw.rect(screen, S.RULE, rect.inflate(2, 2), 1)
        screen.blit(surface, rect)
        self._shown_id = self.model.result.request_id
        if self.model.building:
            # The map on screen is about to change: a quiet veil on its frame says so.
            pygame.draw.rect(screen, P.mix(S.RULE, S.ACCENT, 0.5), rect.inflate(6, 6), 2, border_radius=3)

    def _draw_help(self, screen: pygame.Surface, rect: pygame.Rect) -> None:
        pygame.draw.line(screen, S.RULE, (0, rect.top), (rect.right, rect.top))
        line = S.fit(HELP, rect.width - 2 * layout.MARGIN, S.HEADER_PX)
        S.text(screen, line, (rect.centerx, rect.centery + 1), S.HEADER_PX, S.DIM, anchor="center")

    def _draw_dialog(self, screen: pygame.Surface) -> None:
        dialog = self.dialog
        assert dialog is not None
        veil = pygame.Surface(screen.get_size(), pygame.SRCALPHA)
        veil.fill((*P.INK, 150))
        screen.blit(veil, (0, 0))
        box = pygame.Rect(0, 0, min(640, screen.get_width() - 40), 150)
        box.center = screen.get_rect().center
        S.panel(screen, box, alpha=250)
        left = box.left + 20
        if dialog.asking is not None:
            S.text(screen, "That file already exists", (left, box.top + 18), S.BODY_PX, S.WARN)
            S.text(screen, S.fit(str(dialog.asking), box.width - 40), (left, box.top + 50), S.BODY_PX, S.TEXT)
            S.text(screen, "replace it?   Y  yes     N  no, change the name", (left, box.top + 92), S.BODY_PX, S.VALUE)
            return
        S.text(screen, dialog.title, (left, box.top + 18), S.BODY_PX, S.TEXT)
        field = pygame.Rect(left, box.top + 46, box.width - 40, 34)
        pygame.draw.rect(screen, S.BACKGROUND, field, border_radius=6)
        pygame.draw.rect(screen, S.ACCENT, field, 1, border_radius=6)
        shown = dialog.text
        while shown and S.text_width(shown + "_") > field.width - 20:
            shown = shown[1:]  # keep the end of a long path, where the typing is
        S.text(screen, shown + "_", (field.left + 10, field.centery), S.BODY_PX, S.TEXT, anchor="midleft")
        if dialog.error:
            S.text(screen, S.fit(dialog.error, box.width - 40, S.SMALL_PX), (left, box.top + 94), S.SMALL_PX, S.WARN)
        S.text(screen, "Enter  save      Esc  cancel      never overwrites without asking", (left, box.bottom - 28), S.SMALL_PX, S.DIM)

    def close(self) -> None:
        """Stop the background builder."""
        self.builder.close()


def open_window(headless: bool = False) -> pygame.Surface | None:
    """Initialise pygame (video and fonts only) and open the resizable window; None without a display."""
    from dreamscape.app.display import display_available

    if headless:
        # Must be set before the display starts, or SDL picks a real driver.
        os.environ["SDL_VIDEODRIVER"] = "dummy"
        os.environ["SDL_AUDIODRIVER"] = "dummy"
    elif not display_available():
        return None
    pygame.display.init()
    pygame.font.init()
    try:
        screen = pygame.display.set_mode(WINDOW_SIZE, pygame.RESIZABLE)
    except pygame.error:
        pygame.quit()
        return None
    pygame.display.set_caption("Dreamscape studio")
    pygame.key.set_repeat(280, 45)
    return screen


def run_frames(studio: Studio, frames: int | None = None, fps: int = FPS) -> pygame.Surface:
    """Pump events, update and draw until quit, or for `frames` loop turns; returns the display surface.

    Frames that would look the same are skipped. While a build runs the loop
    turns faster than it draws, so a finished map is picked up at once
    rather than at the next frame tick.
    """
    clock = pygame.time.Clock()
    screen = pygame.display.get_surface()
    turns = 0
    dt = 0.0
    last_draw = -1.0
    while studio.running and (frames is None or turns < frames):
        for event in pygame.event.get():
            studio.handle_event(event)
        studio.update(dt)
        # The window may have been resized: always draw on the current surface.
        screen = pygame.display.get_surface()
        now = time.monotonic()
        due = not fps or now - last_draw >= 1.0 / fps or studio.fresh
        if due and studio.needs_draw(screen):
            studio.draw(screen)
            pygame.display.flip()
            studio.frame_shown()
            last_draw = now
        turns += 1
        if fps:
            dt = clock.tick(BUILD_POLL_HZ if studio.model.building else fps)
        else:
            dt = 1000.0 / FPS
    return screen


def run_studio(
    spec: LevelSpec,
    headless: bool = False,
    frames: int | None = None,
    screenshot: str | os.PathLike | None = None,
    save_dir: Path | str = DEFAULT_SAVE_DIR,
) -> int:
    """Open the studio on `spec`; returns an exit code.

    Headless, `frames` frames run (one when not given) and each waits for its
    build; `screenshot` saves the last frame as PNG (atomically). Without a
    display when not headless, one line goes to stderr and the code is 2.
    """
    from dreamscape.render.map_image import save_surface

    screen = open_window(headless)
    if screen is None:
        print(NO_DISPLAY, file=sys.stderr)
        return 2
    studio = Studio(spec, save_dir=save_dir, sync=headless)
    try:
        if headless and frames is None:
            frames = 1
        screen = run_frames(studio, frames, fps=0 if headless else FPS)
        if screenshot is not None:
            save_surface(screen, screenshot, "--screenshot")
    finally:
        studio.close()
        pygame.quit()
    return 0
