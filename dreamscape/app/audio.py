"""The game's sound: synthesised effects and a looping drone through pygame.mixer.

    audio = Audio(master=0.8, music=0.6, effects=0.8)
    audio.start_drone(turmoil=0.2)
    played = audio.on_events(world.step(action))   # e.g. ["step", "shard"]
    audio.on_calls(view.calls)                       # at each new pulse of the dreamer's call
    audio.close()

Without a sound device (or with DREAMSCAPE_MUTE set to anything but 0) the
object stays usable and silent: `enabled` is False, every method is a no-op,
and one line says so.
"""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np
import pygame

from dreamscape.app.synth.drone import drone
from dreamscape.app.synth.effects import EFFECT_NAMES, render_effects
from dreamscape.app.synth.samples import SAMPLE_RATE
from dreamscape.sim.events import (
    BeaconLit,
    BridgeOpened,
    Bumped,
    CarriedBack,
    Caught,
    DoubtRose,
    DreamspaceShared,
    Event,
    Glitched,
    Hacked,
    LightsOut,
    LoopBroken,
    LoopRemembered,
    MemoryFound,
    NightReplayed,
    Lost,
    Moved,
    Noticed,
    PaintFailed,
    Painted,
    PaintGiven,
    ShardTaken,
    SightShared,
    ThroughPortal,
    Unmasked,
    WardWoken,
    WakeProgress,
    Woke,
    Won,
)

#: The drone fades in and out over this long.
DRONE_FADE_MS = 1000
#: Drones are made for turmoil rounded to this step, and kept, so a level
#: change does not resynthesise a loop for every small difference.
TURMOIL_STEP = 0.25
#: Channel 0 is reserved for the drone; effects take any other.
DRONE_CHANNEL = 0

#: Simulation event type -> effect. WakeInterrupted and LostTrail stay
#: quiet: the wake ticks or the chase simply stop, which says enough; so does
#: GlitchHeld (the dream holding still is nothing to hear).
EVENT_EFFECTS: dict[type[Event], str] = {
    Moved: "step",
    Bumped: "bump",
    WakeProgress: "wake_tick",
    Woke: "woke",
    ShardTaken: "shard",
    ThroughPortal: "portal",
    Glitched: "glitch",
    Noticed: "noticed",
    Caught: "caught",
    # The 'doubt' climax borrows what is nearest in kind: the Doubt rises like a
    # hunter noticing you, a beacon lights like a dreamer waking, the loop
    # breaks like the dream rewriting itself, and the bridge chimes as the way out does.
    DoubtRose: "noticed",
    BeaconLit: "woke",
    LoopBroken: "glitch",
    BridgeOpened: "exit_call",
    # The 'replay' climax: a memory surfaces like a shard, the night rewinds
    # through a portal's whoosh, and remembering chimes as the way out does.
    MemoryFound: "shard",
    NightReplayed: "portal",
    LoopRemembered: "exit_call",
    # The 'prison' climax: a doorway carries you back as a portal does, paint
    # lands with the bright chime of a shard, a dry brush bumps, and the
    # unmasking sounds like the dream rewriting itself.
    CarriedBack: "portal",
    PaintGiven: "woke",
    Painted: "shard",
    PaintFailed: "bump",
    Unmasked: "glitch",
    # The 'blackout' climax: the lights die, each woken dreamer's sight joins with
    # its own bells, and the shared dreamspace holding swells like a rescue.
    LightsOut: "lights_out",
    SightShared: "sight_shared",
    DreamspaceShared: "won",
    # The 'nexus' climax: a ward waking sounds like a dreamer waking (a whole
    # room of them), and a hack rings bright as a shard while the glitches hold.
    WardWoken: "woke",
    Hacked: "shard",
    Won: "won",
    Lost: "lost",
}
#: Holding wake reports progress every tick; a tick sound only every this many.
WAKE_TICK_EVERY = 10
#: At most this many callers are heard at one pulse (the nearest).
MAX_CALLS = 3


def call_pan(bearing: int, nearness: int) -> tuple[float, float]:
    """(left, right) volume of a call from compass point `bearing` (0 north, clockwise, of 16) at `nearness` 1..4.

    Panned by the east-west part of the bearing (equal power, so a call from
    due north or south sits in the middle), louder the nearer the caller.
    """
    east = math.sin(bearing % 16 * math.pi / 8)
    angle = (east + 1.0) * math.pi / 4
    gain = 0.35 + 0.65 * (max(1, min(4, nearness)) - 1) / 3
    return gain * math.cos(angle), gain * math.sin(angle)


def _stderr(line: str) -> None:
    print(line, file=sys.stderr)


def _clamp(value: float) -> float:
    return min(1.0, max(0.0, float(value)))


def _mute_requested() -> bool:
    return os.environ.get("DREAMSCAPE_MUTE", "").strip() not in ("", "0")


class Audio:
    """Effects and the ambient drone, or silence when there is no sound device.

    Volumes are 0..1: the drone plays at master*music, effects at
    master*effects. Methods never raise because sound is missing; only an
    unknown effect name (a programming error) raises ValueError.
    """

    def __init__(self, master: float = 0.8, music: float = 0.6, effects: float = 0.8, log: Callable[[str], Any] | None = None) -> None:
        self.master = _clamp(master)
        self.music = _clamp(music)
        self.effects = _clamp(effects)
        self.enabled = False
        self._log = log if log is not None else _stderr
        self._owns_mixer = False
        self._sample_rate = SAMPLE_RATE
        self._mixer_format = (-16, 2)
        self._sounds: dict[str, Any] = {}
        self._drones: dict[tuple[float, float], Any] = {}
        self._drone_key: float | None = None
        self._drone_light = 1.0
        self.drone_channel: Any = None
        if _mute_requested():
            self._log("dreamscape: no sound device (DREAMSCAPE_MUTE=1); playing silently")
            return
        try:
            self._start()
        except (pygame.error, NotImplementedError, OSError, ValueError, TypeError) as exc:
            # Sounds go before the mixer they were made for.
            self._sounds.clear()
            self._shutdown_mixer()
            reason = str(exc).strip() or type(exc).__name__
            self._log(f"dreamscape: no sound device ({reason}); playing silently")
            return
        self.enabled = True
        self.set_volumes(self.master, self.music, self.effects)

    # --- set-up -----------------------------------------------------------

    def _start(self) -> None:
        if not pygame.mixer.get_init():
            pygame.mixer.init(frequency=SAMPLE_RATE, size=-16, channels=2, buffer=512)
            self._owns_mixer = True
        init = pygame.mixer.get_init()
        if not init:
            raise pygame.error("mixer did not start")
        # Someone else may have opened the mixer with other settings; the
        # sounds follow whatever it runs at.
        self._sample_rate, size, channels = init
        self._mixer_format = (size, channels)
        if pygame.mixer.get_num_channels() < 2:
            pygame.mixer.set_num_channels(8)
        pygame.mixer.set_reserved(1)
        self.drone_channel = pygame.mixer.Channel(DRONE_CHANNEL)
        for name, samples in render_effects(self._sample_rate).items():
            self._sounds[name] = self._make_sound(samples)

    def _make_sound(self, samples: np.ndarray) -> Any:
        """A mixer Sound from int16 stereo samples, converted to the mixer's format."""
        size, channels = self._mixer_format
        if channels == 1:
            samples = samples.mean(axis=1).astype(np.int16)
        elif channels != 2:
            samples = samples[:, [c % 2 for c in range(channels)]]
        if size == -16:
            data: np.ndarray = samples
        elif size in (32, -32):
            data = samples.astype(np.float32) / np.float32(32768.0)
        elif size == 16:
            data = (samples.astype(np.int32) + 32768).astype(np.uint16)
        elif size == -8:
            data = (samples >> 8).astype(np.int8)
        elif size == 8:
            data = ((samples >> 8) + 128).astype(np.uint8)
        else:
            raise ValueError(f"unsupported mixer sample size {size}")
        # pygame-ce takes `array=` (any buffer in the mixer's format), which its stubs leave out.
        return pygame.mixer.Sound(array=np.ascontiguousarray(data))  # type: ignore[call-overload]

    def _shutdown_mixer(self) -> None:
        if self._owns_mixer:
            try:
                pygame.mixer.quit()
            except pygame.error:
                pass
            self._owns_mixer = False
        self.drone_channel = None

    # --- volumes ----------------------------------------------------------

    @property
    def music_volume(self) -> float:
        """What the drone plays at: master * music."""
        return self.master * self.music

    @property
    def effects_volume(self) -> float:
        """What effects play at: master * effects."""
        return self.master * self.effects

    def set_volumes(self, master: float, music: float, effects: float) -> None:
        """Set the three volumes (each clamped to 0..1); applies at once, drone included."""
        self.master = _clamp(master)
        self.music = _clamp(music)
        self.effects = _clamp(effects)
        if not self._mixer_alive():
            return
        # Volumes live on the Sounds, not the drone channel: a channel's
        # volume is what its fades drive, and a fade would overwrite it.
        try:
            for sound in self._sounds.values():
                sound.set_volume(self.effects_volume)
            for sound in self._drones.values():
                sound.set_volume(self.music_volume)
        except pygame.error as exc:
            self._lost(exc)

    # --- the drone --------------------------------------------------------

    def start_drone(self, turmoil: float, light: float = 1.0) -> None:
        """Loop the ambient drone for `turmoil` (0..1) and `light` (0..1, darker and thinner
        below 1: a blackout), fading in; a no-op if that drone already plays."""
        key = round(_clamp(turmoil) / TURMOIL_STEP) * TURMOIL_STEP
        shade = round(_clamp(light) / TURMOIL_STEP) * TURMOIL_STEP
        if not self._mixer_alive():
            self._drone_key, self._drone_light = key, shade
            return
        try:
            if self._drone_key == key and self._drone_light == shade and self.drone_channel.get_busy():
                return
            sound = self._drones.get((key, shade))
            if sound is None:
                sound = self._make_sound(drone(key, self._sample_rate, light=shade))
                sound.set_volume(self.music_volume)
                self._drones[(key, shade)] = sound
            self.drone_channel.set_volume(1.0)
            self.drone_channel.play(sound, loops=-1, fade_ms=DRONE_FADE_MS)
        except pygame.error as exc:
            self._lost(exc)
        self._drone_key, self._drone_light = key, shade

    def stop_drone(self, fade_ms: int = DRONE_FADE_MS) -> None:
        """Fade the drone out."""
        self._drone_key = None
        if self._mixer_alive() and self.drone_channel is not None:
            try:
                self.drone_channel.fadeout(max(0, int(fade_ms)))
            except pygame.error as exc:
                self._lost(exc)

    @property
    def drone_turmoil(self) -> float | None:
        """The (rounded) turmoil of the drone last started, None once stopped."""
        return self._drone_key

    @property
    def drone_light(self) -> float:
        """The (rounded) light of the drone last started (1: the usual drone)."""
        return self._drone_light

    # --- effects ----------------------------------------------------------

    def play(self, name: str) -> None:
        """Play one effect by name (see EFFECT_NAMES); ValueError if there is no such effect."""
        if name not in EFFECT_NAMES:
            raise ValueError(f"unknown sound effect {name!r}; expected one of {', '.join(EFFECT_NAMES)}")
        if self.effects_volume > 0.0 and self._mixer_alive():
            # When every channel is busy the mixer drops the sound, which is
            # the right thing for a flood of effects.
            try:
                channel = self._sounds[name].play()
                if channel is not None:
                    # A channel keeps the panning it last had: centre it again.
                    channel.set_volume(1.0)
            except pygame.error as exc:
                self._lost(exc)

    def play_panned(self, name: str, left: float, right: float) -> None:
        """Play one effect with its own left and right volume (0..1, times the effects volume)."""
        if name not in EFFECT_NAMES:
            raise ValueError(f"unknown sound effect {name!r}; expected one of {', '.join(EFFECT_NAMES)}")
        left, right = _clamp(left), _clamp(right)
        if self.effects_volume > 0.0 and self._mixer_alive():
            try:
                channel = self._sounds[name].play()
                if channel is not None:
                    if self._mixer_format[1] == 1:
                        channel.set_volume(max(left, right))  # mono: loudness only
                    else:
                        channel.set_volume(left, right)
            except pygame.error as exc:
                self._lost(exc)

    def on_calls(self, calls: Iterable[Any]) -> list[tuple[str, float, float]]:
        """Play one pulse of the dreamer's call (view.calls): each caller panned by its bearing,
        louder the nearer, the nearest MAX_CALLS only; returns (effect, left, right) of each."""
        heard = sorted(calls, key=lambda c: -int(c.nearness))[:MAX_CALLS]
        played = []
        for c in heard:
            name = "exit_call" if c.is_exit else "call"
            left, right = call_pan(int(c.bearing), int(c.nearness))
            self.play_panned(name, left, right)
            played.append((name, left, right))
        return played

    def effects_for(self, events: Iterable[Event]) -> list[str]:
        """The effects a batch of simulation events calls for: at most one of each, in order.

        An event of a type not in EVENT_EFFECTS is heard as nothing."""
        chosen: list[str] = []
        for event in events:
            name = EVENT_EFFECTS.get(type(event))
            if name is None or name in chosen:
                continue
            if isinstance(event, WakeProgress) and (event.held <= 0 or event.held % WAKE_TICK_EVERY):
                continue
            chosen.append(name)
        return chosen

    def on_events(self, events: Iterable[Event]) -> list[str]:
        """Play what one tick's events call for (see effects_for); return the effect names."""
        chosen = self.effects_for(events)
        for name in chosen:
            self.play(name)
        return chosen

    def _mixer_alive(self) -> bool:
        """Whether sound can be played now; notices a mixer closed under us."""
        if not self.enabled:
            return False
        # Touching a Sound after the mixer closed crashes the process, so check first.
        if not pygame.mixer.get_init():
            self._lost(pygame.error("mixer closed"))
            return False
        return True

    def _lost(self, exc: Exception) -> None:
        # The mixer went away under us (closed elsewhere, device unplugged):
        # carry on silently rather than crash the game over sound.
        self.enabled = False
        self._sounds.clear()
        self._drones.clear()
        self._log(f"dreamscape: sound device lost ({str(exc).strip() or type(exc).__name__}); playing silently")

    def close(self) -> None:
        """Stop this object's sounds and release the mixer if it opened it; safe to repeat."""
        if self.enabled and not self._owns_mixer and pygame.mixer.get_init():
            # A mixer someone else opened may be playing their sounds too: stop only ours.
            for sound in list(self._sounds.values()) + list(self._drones.values()):
                sound.stop()
        self.enabled = False
        self._sounds.clear()
        self._drones.clear()
        self._drone_key = None
        self._shutdown_mixer()
