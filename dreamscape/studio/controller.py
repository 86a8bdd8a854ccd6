"""The studio's state between frames: input from the mouse, saving, the builder's results, when to redraw.

`Studio` feeds events to the model (keys through `studio.keys`), sends the
model's spec to the background builder and takes finished builds back;
`studio.frame_draw` draws it and `studio.tuning_window` runs the loop.
"""

from __future__ import annotations

import time
from pathlib import Path

import pygame

from dreamscape.core.level import LevelSpec
from dreamscape.core.timing import TICKS_PER_SECOND
from dreamscape.studio import frame_draw, keys, layout, sliders, timeline
from dreamscape.studio.map_view import MapView
from dreamscape.studio.model import StudioModel
from dreamscape.studio.save import (
    DEFAULT_SAVE_DIR,
    SaveDialog,
    default_stem,
    export_png,
    save_level,
)
from dreamscape.studio.worker import Builder

#: The studio's window size when it opens (it may be resized).
WINDOW_SIZE = (1280, 800)
#: Playing the timeline runs the schedule this many times faster than real time.
PLAY_SPEED = 8


class Studio:
    """The studio's input handling and drawing around a model and a builder.

    `sync` makes every frame wait for the build in progress (headless runs);
    the interactive window never waits.
    """

    def __init__(
        self, spec: LevelSpec, save_dir: Path | str = DEFAULT_SAVE_DIR, builder: Builder | None = None, sync: bool = False, archive=None
    ) -> None:
        self.model = StudioModel(spec)
        #: An illumination's archive to browse (archive_panel.ArchivePanel), or None.
        self.archive = archive
        if archive is not None:
            archive.load(self.model)
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
        self.shown_id = 0
        self.started = time.monotonic()
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
            keys.dialog_event(self, event)
        elif event.type == pygame.KEYDOWN:
            keys.key_down(self, event)
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

    def step_time(self, direction: int, by_second: bool) -> None:
        """Step the timeline to the next glitch, or by a second; stops playing."""
        self.playing = False
        if by_second:
            self.model.set_tick(self.model.tick + direction * TICKS_PER_SECOND)
        else:
            self.model.step_glitch(direction)

    def seek(self, tick: int) -> None:
        """Jump the timeline to `tick`; stops playing."""
        self.playing = False
        self.model.set_tick(tick)

    def toggle_play(self) -> None:
        """Play or pause the timeline (from the start when it is at the end)."""
        model = self.model
        self.playing = not self.playing and model.ds is not None
        if self.playing:
            if model.tick >= model.end_tick:
                model.set_tick(0)
            self._play_tick = float(model.tick)

    def step_elite(self, delta: int) -> None:
        """Load the next (or previous) elite of the archive into the sliders."""
        if self.archive is not None and self.archive.step(delta):
            self.archive.load(self.model)

    def _press(self, pos: tuple[int, int]) -> None:
        self.mouse = pos
        if self.archive is not None and self.archive.choose_at(pos):
            self.archive.load(self.model)
            return
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

    def close_dialog(self) -> None:
        """Put the save dialog away, noting what it saved."""
        dialog, self.dialog = self.dialog, None
        if dialog is not None and dialog.saved is not None:
            verb = "saved" if self._dialog_kind == "save" else "exported"
            self.model.message = f"{verb} {dialog.saved}"
            if self._dialog_kind == "save":
                self._last_saved = (self.model.spec(), dialog.saved)
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
        if self._awaiting is not None and self.shown_id == getattr(self.model.result, "request_id", 0):
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
            int((time.monotonic() - self.started) * 8) if model.building else 0,
        )
        if signature == self._drawn and not self._force:
            return False
        self._drawn = signature
        self._force = False
        return True
    def draw(self, screen: pygame.Surface) -> None:
        """Draw a whole frame."""
        frame_draw.draw(self, screen)

    def close(self) -> None:
        """Stop the background builder."""
        self.builder.close()
