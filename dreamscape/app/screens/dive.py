"""The dive: the screen where the game is played.

It pumps the simulation at its fixed tick from an accumulator of wall time
(so the game runs the same at 30, 60 or 144 frames a second), and draws the
dive between ticks with the fraction of the next tick already elapsed, so
movement is smooth. Everything it shows, plays and says comes from the
player's view (`session.view()`, the world's fog view) and the events of
each tick; it never changes the world except through the recorded command of
each tick. In the first chapter it also teaches (prompts.py).
"""

from __future__ import annotations

import pygame

from dreamscape.app import intents
from dreamscape.app.chapter_text import USE_CLIMAXES
from dreamscape.app.input.actions import Action
from dreamscape.app.input.key_names import key_label
from dreamscape.app.dive_view.view import DiveView
from dreamscape.app.glitchfx.screen_glitch import ScreenGlitch
from dreamscape.app.host import Host
from dreamscape.app.hud import draw_hud
from dreamscape.app.minimap import Minimap
from dreamscape.app.prompts import Teacher
from dreamscape.app import nexus_text
from dreamscape.app.scene import Scene, pressed
from dreamscape.app.session import DiveSession
from dreamscape.app.toasts import Toasts
from dreamscape.app.transitions import Push, Replace, Reset, Transition
from dreamscape.core.rng import derive_seed
from dreamscape.core.timing import TICKS_PER_SECOND
from dreamscape.sim.events import (
    BeaconLit,
    BridgeOpened,
    CarriedBack,
    Caught,
    DoubtRose,
    DreamspaceShared,
    Event,
    Gift,
    Glitched,
    LightsOut,
    Hacked,
    LossReason,
    LoopBroken,
    LoopRemembered,
    MemoryFound,
    NightReplayed,
    Lost,
    Painted,
    PaintGiven,
    ShardTaken,
    SightShared,
    ThroughPortal,
    Unmasked,
    Woke,
    Won,
)

TICK_MS = 1000.0 / TICKS_PER_SECOND
#: Once the loop is broken the drone drops to this share of the dreamer's turmoil.
CALM_AFTER_LOOP = 0.4
#: The same once the prison's doorways are unmasked (chapter 2): the dream's colours settle.
CALM_AFTER_UNMASK = 0.5
#: In a blackout the drone starts this dark and thin, and brightens as dreamers share their sight.
BLACKOUT_LIGHT = 0.25
#: At most this many ticks catch up in one frame, so a stall never snowballs.
MAX_TICKS_PER_FRAME = 8
#: How long the last frame of a dive stays on screen before the results.
END_HOLD_MS = 1800.0
#: The controls hint stays on screen this long at the start of a dive.
HINT_MS = 12000.0
#: A lesson of the first chapter holds this long; the first waits for the level's name to be read.
LESSON_MS = 6500.0
FIRST_LESSON_DELAY_MS = 1500.0


class DiveScene(Scene):
    """One dive into a dreamscape, from the first tick to the results."""

    def __init__(self, app: Host, session: DiveSession) -> None:
        super().__init__(app)
        self.session = session
        spec = self.spec = session.spec
        chapter = self.chapter = session.chapter
        autoplay = session.autoplay
        app.record_start(chapter, spec.seed)
        self.view = DiveView(self.session.ds, colour_blind=app.settings.colour_blind)
        self.minimap = Minimap(self.session.ds, colour_blind=app.settings.colour_blind)
        # Cosmetic randomness has its own seed: visuals can never change the game.
        self.fx = ScreenGlitch(app.settings.glitch_intensity, seed=derive_seed(spec.seed, "cosmetic"))
        self.turmoil = spec.profile.turmoil
        #: The drone follows the dream's mood: the dreamer's turmoil, all of it while a Doubt
        #: hunts, and a calmer hum once the loop is broken (kept across a pause).
        self.drone_turmoil = self.turmoil
        #: And its light: dark and thin while the network is down (chapter four), brighter per dreamer sharing.
        self.drone_light = blackout_light(self.session.view())
        self.fx.set_ambient(self.turmoil)
        self.toasts = Toasts()
        #: The first chapter's lessons, one at a time in the lower third.
        self.teacher = Teacher(chapter, app.progress, spec.climax)
        self.lessons = Toasts(top=0.68, max_shown=1, queue=True, hold_ms=LESSON_MS, detail_size=0.75)
        #: The tick of the call's pulse last heard (each new pulse plays once).
        self.heard_pulse: int | None = None
        self.wake_key = app.controls.bindings_text(Action.WAKE)
        self.use_key = app.controls.bindings_text(Action.USE)
        self.acc = 0.0
        self.elapsed = 0.0
        self.end_ms = 0.0
        self.finished = False
        self.show_minimap = app.settings.show_minimap
        self.colour_blind = app.settings.colour_blind
        title = spec.name or spec.profile.name
        self.toasts.add(title, f"seed {spec.seed}" + ("  ·  relaxed" if self.session.view().relaxed else ""), big=True)
        if autoplay:
            self.toasts.add("Autoplay", "the bot is diving; Esc pauses")
        self.told_recording_problem = False
        self._tell_recording_problem()

    @property
    def world(self):
        """The engine under the dive (for tests and tools; the screen itself draws `session.view()`)."""
        return self.session.world

    # -- scene hooks --------------------------------------------------------------

    def enter(self) -> None:
        # Settings may have changed under the pause menu.
        s = self.app.settings
        self.fx.set_intensity(s.glitch_intensity)
        if s.colour_blind != self.colour_blind:
            # The palette is baked into the tile atlas: rebuild the view and minimap.
            self.colour_blind = s.colour_blind
            self.view = DiveView(self.session.ds, colour_blind=s.colour_blind)
            self.minimap = Minimap(self.session.ds, colour_blind=s.colour_blind)
        self.app.audio.start_drone(self.drone_turmoil, self.drone_light)
        self.acc = 0.0
        # Keys may have been remapped under the pause menu; the hint text is built once here.
        self.hints = self._hints()
        self.wake_key = self.app.controls.bindings_text(Action.WAKE)
        self.use_key = self.app.controls.bindings_text(Action.USE)

    def leave(self) -> None:
        self.app.audio.stop_drone()
        # Scenes leave only when removed (a pause menu goes on top): the recording ends here.
        self.session.close()

    def focus_lost(self) -> Transition | None:
        if not self.session.view().done:
            return Push(intents.Pause(self))
        return None

    def handle(self, event: pygame.event.Event, actions: list[tuple[Action, bool]]) -> Transition | None:
        done = self.session.view().done
        if pressed(actions, Action.PAUSE) and not done:
            return Push(intents.Pause(self))
        if pressed(actions, Action.MINIMAP):
            self.show_minimap = not self.show_minimap
        elif done and (pressed(actions, Action.CONFIRM) or pressed(actions, Action.BACK)):
            return self._finish()
        return None

    def update(self, dt_ms: float) -> Transition | None:
        self.elapsed += dt_ms
        self.fx.update(dt_ms)
        self.toasts.update(dt_ms)
        self.lessons.update(dt_ms)
        if self.session.view().done:
            self.end_ms += dt_ms
            if self.end_ms >= END_HOLD_MS:
                return self._finish()
            return None
        self.acc += dt_ms
        steps = 0
        while self.acc >= TICK_MS and steps < MAX_TICKS_PER_FRAME and not self.session.view().done:
            self.acc -= TICK_MS
            steps += 1
            events = self.session.step(self.app.controls.command())
            self._react(events, self.session.view())
        if steps == MAX_TICKS_PER_FRAME:
            self.acc = min(self.acc, TICK_MS)
        self._tell_recording_problem()
        return None

    def draw(self, surface: pygame.Surface) -> None:
        known = self.session.view()
        alpha = 0.0 if known.done else min(self.acc / TICK_MS, 0.999)
        self.view.draw(surface, known, alpha)
        scale = self.app.ui_scale
        clear = []
        if self.show_minimap:
            clear.append(self.minimap.draw(surface, known, camera=self.view.camera))
        hints = self.hints if self.elapsed < HINT_MS else None
        draw_hud(surface, known, scale, hints=hints, wake_key=self.wake_key, use_key=self.use_key, colour_blind=self.colour_blind, panels=clear)
        # The call's edge markers keep out from under the panels (from the next frame on: they do not move).
        self.view.keep_clear = clear
        self.toasts.draw(surface, scale)
        self.lessons.draw(surface, scale)
        self.fx.apply(surface)

    # -- what the pause menu and results ask for --------------------------------------

    def resume(self) -> None:
        """The dive runs again: time spent paused is not caught up."""
        self.acc = 0.0

    def restart(self) -> Transition:
        """End this dive; the same dream is built again from the start."""
        self.session.close()
        return Reset(intents.Loading(self.spec, chapter=self.chapter, autoplay=self.session.autoplay))

    def abandon(self) -> Transition:
        """End this dive and go back to the title."""
        self.session.close()
        return Reset(intents.Title())

    # -- inside ---------------------------------------------------------------------

    def _hints(self) -> str:
        c = self.app.controls
        keys = [c.keys_for(a) for a in (Action.UP, Action.LEFT, Action.DOWN, Action.RIGHT)]
        if [k[:1] for k in keys] == [["up"], ["left"], ["down"], ["right"]]:
            move = "Arrows" + (" / WASD" if [k[1:2] for k in keys] == [["w"], ["a"], ["s"], ["d"]] else "")
        else:
            move = " ".join(key_label(k[0]) if k else "?" for k in keys)
        use = f"   {c.bindings_text(Action.USE)} use" if self.spec.climax in USE_CLIMAXES else ""
        return f"{move} move   {c.bindings_text(Action.WAKE)} wake (hold){use}   {c.bindings_text(Action.PAUSE)} pause   {c.bindings_text(Action.MINIMAP)} map"

    def _tell_recording_problem(self) -> None:
        """Say once, on screen and on stderr, that the recording could not be written."""
        problem = self.session.recording_problem
        if problem and not self.told_recording_problem:
            self.told_recording_problem = True
            self.toasts.add("Not recording", "the recording could not be written", warn=True)
            self.app.log(problem)

    def _react(self, events: list[Event], known) -> None:
        """Turn a tick's events and the view after it into sound, screen effects and messages."""
        calls = known.calls
        if calls and calls[0].tick != self.heard_pulse:
            # A new pulse of the dreamer's call: heard from its bearing, louder the nearer.
            self.heard_pulse = calls[0].tick
            self.app.audio.on_calls(calls)
        if known.climax == nexus_text.NEXUS and not known.done:
            # The drone tightens as the window runs out, and eases while a hack holds.
            self._set_drone(nexus_text.drone_level(known, self.turmoil))
        for lesson in self.teacher.step(known, events, self.wake_key, self.use_key):
            # Queued one after another; the first waits until the level's name has been read.
            wait = 0.0 if self.lessons.items else max(0.0, FIRST_LESSON_DELAY_MS - self.elapsed)
            self.lessons.add(lesson.title, lesson.detail, accent=self.view.colours.dreamer, delay_ms=wait)
        if not events:
            return
        self.app.audio.on_events(events)
        glitched = [e for e in events if isinstance(e, Glitched)]
        if glitched:
            tiles = sum(e.changed for e in glitched)
            self.fx.trigger(min(1.0, 0.35 + 0.65 * self.turmoil * min(1.0, tiles / 24)))
        for e in events:
            said = nexus_text.toast(e, known)
            if said is not None:
                title, detail, big = said
                if isinstance(e, Hacked):
                    self.fx.trigger(0.4)
                self.toasts.add(title, detail, big=big)
                continue
            # Kinds not named here (and any this screen does not know) show nothing.
            match e:
                case Woke() if known.climax == "blackout":
                    pass  # told with the sight they share, below
                case Woke():
                    left = known.dreamer_count - known.awake_count
                    if left:
                        self.toasts.add("A dreamer wakes", f"{left} still asleep")
                    elif known.exit_open:
                        self.toasts.add("A dreamer wakes", "everyone is awake: find the bridge back")
                case DoubtRose():
                    self.fx.trigger(0.6)
                    self._set_drone(1.0)
                    self.toasts.add("The doubt rises", "the way out folds into a loop: light the friends' beacons", big=True, warn=True)
                case BeaconLit(friend=friend):
                    self.toasts.add(f"{friend}'s beacon burns", f"{known.lit_count} of {known.beacon_count} lit")
                case LoopBroken():
                    self.fx.trigger(0.45)
                    self._set_drone(self.turmoil * CALM_AFTER_LOOP)
                    self.toasts.add("The loop breaks", "the doubt comes apart", big=True)
                case LightsOut():
                    self.fx.trigger(0.7)
                    self.toasts.add("The network goes dark", "wake the dreamers: each one lends you their sight", big=True, warn=True)
                case SightShared(radius=radius):
                    self._set_drone(self.drone_turmoil, blackout_light(known))
                    left = known.dreamer_count - known.awake_count
                    still = f"{left} still asleep" if left else "everyone is awake"
                    self.toasts.add("A dreamer shares their sight", f"{still}  ·  you see {radius} steps")
                case DreamspaceShared():
                    self.fx.trigger(0.3)
                    self._set_drone(self.drone_turmoil, 1.0)
                    self.toasts.add("The dreamspace holds", "no network, only each other: find the way out", big=True)
                case BridgeOpened(friend=friend):
                    self.toasts.add(f"{friend}'s bridge", "the way out is open: cross it")
                case MemoryFound(label=label):
                    left = known.mark_count - known.done_count
                    self.toasts.add("A memory surfaces", f"{label}" + (f" · {left} still hidden" if left else ""))
                case NightReplayed():
                    # The rewind reads as a wash of static; the drone lurches with it.
                    self.fx.trigger(0.4)
                    self._set_drone(min(1.0, self.turmoil + 0.25))
                    self.toasts.add("The night replays", "the dream starts over: its shadows are back at their posts", warn=True)
                case LoopRemembered():
                    self.fx.trigger(0.45)
                    self._set_drone(self.turmoil * CALM_AFTER_LOOP)
                    self.toasts.add(f"{self.spec.profile.name} remembers", "the loop lets go: the way out opens", big=True)
                case CarriedBack():
                    self.toasts.add("A false doorway", "it led you gently back to where you began", warn=True)
                case PaintGiven(friend=friend, charges=charges):
                    self.toasts.add(f"{friend} lends you her paint", f"{charges} strokes: face a wall and use to open it")
                case Painted(left=left):
                    self.toasts.add("A brushstroke", f"the wall gives way; {left} left" if left else "the wall gives way; the paint is spent")
                case Unmasked(friend=friend):
                    self.fx.trigger(0.45)
                    self._set_drone(self.turmoil * CALM_AFTER_UNMASK)
                    self.toasts.add("The masks fall", f"{friend} sees through the doorways: only one leads out", big=True)
                case Caught(lucidity_left=lucidity):
                    self.fx.trigger(0.25)
                    self.toasts.add("Caught", f"lucidity {lucidity}", warn=True)
                case ThroughPortal(dream_loop=True):
                    self.toasts.add("A false exit", "the dream loops you back")
                case ShardTaken(gift=gift):
                    self.toasts.add("Memory shard", "lucidity restored" if gift is Gift.LUCIDITY else "the window stretches")
                case Won():
                    self.toasts.add("Awake", "everyone is out", big=True)
                case Lost(reason=reason):
                    failed = reason is LossReason.LUCIDITY_FAILED
                    self.toasts.add("The dream closes", "lucidity failed" if failed else "the rescue window closed", big=True, warn=True)

    def _set_drone(self, turmoil: float, light: float = 1.0) -> None:
        self.drone_turmoil, self.drone_light = turmoil, light
        self.app.audio.start_drone(turmoil, light)

    def _finish(self) -> Transition | None:
        if self.finished:
            return None
        self.finished = True
        self.session.close()
        result = self.session.result()
        self.app.record_result(result)
        return Replace(intents.Results(result, self.spec))


def blackout_light(view) -> float:
    """The drone's light for `view`: 1 but in a blackout still unresolved, where it
    rises from BLACKOUT_LIGHT towards 1 with the share of dreamers sharing their sight."""
    if view.climax != "blackout" or view.climax_resolved or not view.dreamer_count:
        return 1.0
    return BLACKOUT_LIGHT + (1.0 - BLACKOUT_LIGHT) * view.awake_count / view.dreamer_count
