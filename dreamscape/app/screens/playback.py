"""Visual playback of a recording: pause, single step, 1/4x to 16x, seek to a tick.

The recorded commands drive a fresh world exactly as the verifier does, and
every recorded checksum on the way is compared, so playback also shows a
desync the moment it happens. Seeking back restarts from the nearest
snapshot (one is kept every 30 seconds of play) and replays forward, which
at several hundred times real time feels instant. What is drawn is the
recorded player's view (the world's fog view): the dive as they saw it.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pygame

from dreamscape.app import intents
from dreamscape.app.input.actions import Action
from dreamscape.app.dive_view.view import DiveView
from dreamscape.app.host import Host
from dreamscape.app.hud import draw_hud
from dreamscape.app.minimap import Minimap
from dreamscape.app.scene import Scene, pressed
from dreamscape.app.transitions import Pop, Transition
from dreamscape.core.timing import TICKS_PER_SECOND
from dreamscape.formats.recording.reader import Recording, read_recording
from dreamscape.gen import generate
from dreamscape.render import palette as P
from dreamscape.render.fonts import font
from dreamscape.sim.world import World

SPEEDS = (0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0)
TICK_MS = 1000.0 / TICKS_PER_SECOND
SNAPSHOT_EVERY = 30 * TICKS_PER_SECOND
JUMP = 10 * TICKS_PER_SECOND
HELP = "Space pause   . step   -/+ speed   ←/→ 10 s   Home/End   type a tick + Enter to seek   Esc back"


class Reel:
    """A recording's world, steppable forward and seekable to any tick."""

    def __init__(self, rec: Recording) -> None:
        self.rec = rec
        self.ds = generate(rec.spec)
        self.world = World(self.ds, relaxed=rec.relaxed)
        self.checks = dict(rec.checksums)
        if rec.end_tick is not None:
            self.checks[rec.end_tick] = rec.end_sums
        self.snapshots: dict[int, World] = {0: self._copy(self.world)}
        self.desync: tuple[int, tuple[str, ...]] | None = None

    def _copy(self, world: World) -> World:
        # The dreamscape never changes during a run: share it instead of copying it.
        return copy.deepcopy(world, {id(self.ds): self.ds})

    @property
    def tick(self) -> int:
        return self.world.tick

    @property
    def length(self) -> int:
        return len(self.rec.commands)

    def step(self) -> list:
        """Advance one recorded tick (nothing at the end)."""
        t = self.world.tick
        if t >= self.length or self.world.done:
            return []
        events = self.world.step(self.rec.commands[t])
        t += 1
        if t % SNAPSHOT_EVERY == 0 and t not in self.snapshots:
            self.snapshots[t] = self._copy(self.world)
        sums = self.checks.get(t)
        if sums is not None and self.desync is None:
            ours = self.world.checksums()
            parts = tuple(p for p in sums if ours.get(p) != sums[p])
            if parts:
                self.desync = (t, parts)
        return events

    def seek(self, tick: int) -> None:
        """Jump to `tick` (clamped to the recording)."""
        tick = max(0, min(self.length, tick))
        if tick < self.world.tick or tick - self.world.tick > SNAPSHOT_EVERY:
            base = max((s for s in self.snapshots if s <= tick), default=0)
            if base > self.world.tick or tick < self.world.tick:
                self.world = self._copy(self.snapshots[base])
        while self.world.tick < tick and not self.world.done:
            self.step()


class PlaybackScene(Scene):
    """Watch a recorded session in the window."""

    def __init__(self, app: Host, recording: Path | Recording) -> None:
        super().__init__(app)
        rec = recording if isinstance(recording, Recording) else read_recording(recording)
        self.reel = Reel(rec)
        self.view = DiveView(self.reel.ds, colour_blind=app.settings.colour_blind)
        self.minimap = Minimap(self.reel.ds, colour_blind=app.settings.colour_blind)
        self.speed_index = SPEEDS.index(1.0)
        self.paused = False
        self.acc = 0.0
        self.typed = ""

    @property
    def speed(self) -> float:
        return SPEEDS[self.speed_index]

    def handle(self, event: pygame.event.Event, actions: list[tuple[Action, bool]]) -> Transition | None:
        p = self.reel
        if event.type == pygame.KEYDOWN:
            key = event.key
            if pygame.K_0 <= key <= pygame.K_9:
                self.typed = (self.typed + chr(key))[-7:]
                return None
            if key == pygame.K_BACKSPACE and self.typed:
                self.typed = self.typed[:-1]
                return None
            if key in (pygame.K_RETURN, pygame.K_KP_ENTER) and self.typed:
                p.seek(int(self.typed))
                self.typed = ""
                return None
            if key == pygame.K_SPACE:
                self.paused = not self.paused
            elif key == pygame.K_PERIOD:
                self.paused = True
                p.step()
            elif key in (pygame.K_MINUS, pygame.K_KP_MINUS):
                self.speed_index = max(0, self.speed_index - 1)
            elif key in (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS):
                self.speed_index = min(len(SPEEDS) - 1, self.speed_index + 1)
            elif key == pygame.K_LEFT:
                p.seek(p.tick - JUMP)
            elif key == pygame.K_RIGHT:
                p.seek(p.tick + JUMP)
            elif key == pygame.K_HOME:
                p.seek(0)
            elif key == pygame.K_END:
                p.seek(p.length)
            elif key == pygame.K_ESCAPE:
                return self._close()
            return None
        if pressed(actions, Action.BACK) or pressed(actions, Action.PAUSE):
            return self._close()
        return None

    def _close(self) -> Transition:
        # Opened on its own (nothing beneath it), playback closes into the title.
        return Pop(otherwise=intents.Title())

    def update(self, dt_ms: float) -> None:
        if self.paused:
            return
        self.acc += dt_ms * self.speed
        ticks = int(self.acc // TICK_MS)
        self.acc -= ticks * TICK_MS
        for _ in range(min(ticks, 16 * 4)):
            self.reel.step()

    def draw(self, surface: pygame.Surface) -> None:
        known = self.reel.world.fog_view()
        alpha = 0.0 if self.paused else min(self.acc / TICK_MS, 0.999)
        self.view.draw(surface, known, alpha)
        scale = self.app.ui_scale
        clear = [self.minimap.draw(surface, known, camera=self.view.camera)]
        draw_hud(surface, known, scale, colour_blind=self.app.settings.colour_blind, panels=clear)
        w, h = surface.get_size()
        bar_h = int(64 * scale)
        self.view.keep_clear = clear + [pygame.Rect(0, h - bar_h, w, bar_h)]
        self._draw_bar(surface, scale, known)

    def _draw_bar(self, surface: pygame.Surface, scale: float, known) -> None:
        p = self.reel
        w, h = surface.get_size()
        bar_h = int(64 * scale)
        panel = pygame.Surface((w, bar_h), pygame.SRCALPHA)
        panel.fill((*P.INK, 200))
        surface.blit(panel, (0, h - bar_h))
        pad = int(16 * scale)
        track = pygame.Rect(pad, h - bar_h + pad // 2, w - 2 * pad, max(4, int(6 * scale)))
        pygame.draw.rect(surface, P.PANEL_RULE, track, border_radius=3)
        done = track.copy()
        done.width = int(track.width * (p.tick / max(1, p.length)))
        pygame.draw.rect(surface, P.SKY_BLUE, done, border_radius=3)
        if p.desync:
            x = track.x + int(track.width * p.desync[0] / max(1, p.length))
            pygame.draw.line(surface, P.VERMILLION, (x, track.top - 4), (x, track.bottom + 4), 3)
        state = "paused" if self.paused else f"{self.speed:g}x"
        secs = p.tick // TICKS_PER_SECOND
        line = f"{self.reel.rec.level_name}  seed {self.reel.rec.spec.seed}   tick {p.tick}/{p.length}  ({secs // 60}:{secs % 60:02d})   {state}"
        if self.typed:
            line += f"   seek to tick {self.typed}_"
        if p.desync:
            line += f"   DESYNC at tick {p.desync[0]}: {', '.join(p.desync[1])}"
        elif known.outcome:
            line += f"   {known.outcome}"
        f = font(int(22 * scale))
        surface.blit(f.render(line, True, P.VERMILLION if p.desync else P.TEXT), (pad, track.bottom + int(6 * scale)))
        surface.blit(font(int(18 * scale)).render(HELP, True, P.TEXT_DIM), (pad, track.bottom + int(26 * scale)))
