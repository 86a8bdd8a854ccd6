"""The game's frame cost, start-up time and peak memory.

- Frame ratio: the median time of a whole game frame at 1280x720 (the dive's
  update, world, HUD, minimap, toasts and screen glitch effects at the
  strongest setting, with a glitch triggered every few frames, then the flip)
  over the median of a bare fill-and-flip frame, in one process under SDL's
  dummy driver. The two alternate in blocks of BLOCK frames, so both see the
  same noise, but a game frame follows a game frame as in play: SDL's fill
  writes round the cache, and a bare frame before every game frame would
  evict the picture the game then draws over. Target: at most 8. The chapter
  5 finale is also timed frame by frame, each game frame after a bare one:
  a frame that starts with nothing of the last in the cache, the worst a
  machine busy between frames could give (printed, not held to the target).
- First frame: wall time from starting `dreamscape play` (a new process) to
  its first frame being shown, for the title screen and for a dive straight
  into the largest chapter. Target: 1.5 s.
- Peak memory: the largest resident set of a process playing the largest
  chapter with the bot for a while. Target: under 250 MB.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

RATIO_TARGET = 8.0
FIRST_FRAME_TARGET = 1.5
MEMORY_TARGET_MB = 250
LARGEST = "ch5_nexus_malfunction"
#: Frames of each kind timed in a row before the other kind's turn.
BLOCK = 20

_PROBE = r"""
import os, resource, sys, time
t0 = time.perf_counter()
from dreamscape.app import launch
from dreamscape.app.frame_loop import App
frames = int(sys.argv[2])
seen = {}
orig_run = App.run
def run(self, n=None):
    out = orig_run(self, 1)
    seen["first"] = seen["ready"] = time.time()
    shown = 1
    if sys.argv[1] != "title":
        while type(self.top).__name__ != "DiveScene":
            out = orig_run(self, 1)
            shown += 1
        seen["ready"] = time.time()
    if frames > shown:
        out = orig_run(self, frames - shown)
    return out
App.run = run
spec = None
if sys.argv[1] != "title":
    from dreamscape.core.level import load_level_or_profile
    spec = load_level_or_profile(sys.argv[1])
launch.run_game(spec, autoplay=spec is not None, headless=True, frames=frames)
def peak_mb():
    # Linux keeps ru_maxrss across exec: a child spawned by a large process
    # (this bench, after the sweeps) would report its parent's peak. VmHWM is
    # this process's own high-water mark.
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(seen["first"], seen["ready"], peak_mb())
"""


def _probe(target: str, frames: int, home: str) -> tuple[float, float, float, float]:
    """Seconds from spawning the process to its first frame and to the dive's first frame, seconds of the whole process, peak MB."""
    env = dict(os.environ, DREAMSCAPE_HOME=home, DREAMSCAPE_MUTE="1")
    # Wall-clock stamps on both sides: the first frame is timed from before the interpreter starts.
    started = time.time()
    out = subprocess.run([sys.executable, "-c", _PROBE, target, str(frames)], env=env, capture_output=True, text=True, check=True)
    wall = time.time() - started
    shown, ready, peak = (float(v) for v in out.stdout.split()[-3:])
    return shown - started, ready - started, wall, peak


def _frames(quick: bool, finale: bool = False, block: int = BLOCK) -> tuple[float, float]:
    """Median seconds of (a game frame, a bare fill-and-flip frame), interleaved.

    `finale`: chapter 5's finale with every client drawn: the dive is shown the
    whole view (every tile seen, so every client, terminal and struck tile is in
    the draw set), late in the chapter."""
    import pygame

    from dreamscape.app import intents
    from dreamscape.app.frame_loop import App
    from dreamscape.app.screens.dive import DiveScene
    from dreamscape.app.transitions import Reset
    from dreamscape.core.level import load_level_or_profile

    with tempfile.TemporaryDirectory() as home:
        os.environ["DREAMSCAPE_HOME"] = home
        os.environ["DREAMSCAPE_MUTE"] = "1"
        app = App(headless=True)
        app.settings = app.settings.replace(glitch_intensity=1.0, window_size=(1280, 720), notice_seen=True)
        app.screen = pygame.display.set_mode((1280, 720))
        app.go(Reset(intents.Loading(load_level_or_profile(LARGEST), autoplay=True)))
        app.run(2)  # the loading screen, then the dive
        dive = app.top
        assert isinstance(dive, DiveScene), "the dive did not start"
        dive.fx.set_intensity(1.0)
        if finale:
            world = dive.session.world
            dive.session.view = world.view  # type: ignore[method-assign]
            for _ in range(world.deadline * 3 // 4):  # late in the chapter: glitches struck, wards awake or not
                if world.done:
                    break
                world.step(0)
            assert len(world.view().clients) == world.view().client_count >= 100
        app.run(60)  # warm caches
        game, bare = [], []
        n = 120 if quick else 400
        screen = app.screen
        for i in range(n):
            if i % 3 == 0:
                dive.fx.trigger(1.0)
            t = time.perf_counter()
            app.run(1)
            game.append(time.perf_counter() - t)
            if i % block == block - 1:
                for _ in range(block):
                    t = time.perf_counter()
                    screen.fill((20, 18, 30))
                    pygame.display.flip()
                    bare.append(time.perf_counter() - t)
        app.close()
    return statistics.median(game), statistics.median(bare)


def main(quick: bool = False) -> None:
    game, bare = _frames(quick)
    ratio = game / bare
    print(f"frame at 1280x720, strongest glitches, {LARGEST}: {game * 1000:.2f} ms vs bare fill+flip {bare * 1000:.2f} ms -> ratio {ratio:.1f} (target <= {RATIO_TARGET:g}); {1 / game:.0f} frames/s")
    game, bare = _frames(quick, finale=True)
    print(f"frame at 1280x720, {LARGEST} finale, every client drawn (whole view): {game * 1000:.2f} ms vs bare {bare * 1000:.2f} ms -> ratio {game / bare:.1f} (target <= {RATIO_TARGET:g})")
    game, bare = _frames(quick, finale=True, block=1)
    print(f"  the same, frame by frame (each after a bare frame: a cold cache): {game * 1000:.2f} ms vs bare {bare * 1000:.2f} ms -> ratio {game / bare:.1f} (worst case, for information)")
    with tempfile.TemporaryDirectory() as home:
        for target in ("title", LARGEST):
            first, ready, wall, _ = min((_probe(target, 1, home) for _ in range(1 if quick else 3)), key=lambda r: r[0])
            if target == "title":
                print(f"first frame, `dreamscape play` (title): {first:.2f} s from launching the process (target {FIRST_FRAME_TARGET} s)")
            else:
                print(f"first frame, `dreamscape play {target}`: {first:.2f} s (the loading screen; target {FIRST_FRAME_TARGET} s); first frame of the dive itself {ready:.2f} s")
        frames = 300 if quick else 1800
        _, _, _, peak = _probe(LARGEST, frames, home)
        print(f"peak memory, {LARGEST} ({frames} frames of autoplay): {peak:.0f} MB (target < {MEMORY_TARGET_MB} MB)")


if __name__ == "__main__":
    main(quick="--quick" in sys.argv)
