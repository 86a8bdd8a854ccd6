"""`make bench`: the project's speed and memory figures, as ratios measured in one run.

Machines here are shared and noisy, so every figure that matters is a ratio
against a baseline timed in the same process, interleaved with ours.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import gen_bench  # noqa: E402
import startup_bench  # noqa: E402
import frame_bench  # noqa: E402
import replay_bench  # noqa: E402
import sweep_bench  # noqa: E402
import illuminate_bench  # noqa: E402
import bot_bench  # noqa: E402


def main() -> int:
    quick = "--quick" in sys.argv
    print("== generator ==")
    gen_bench.main(quick=quick)
    print("== start-up: whole processes ==")
    startup_bench.main(quick=quick)
    # Sweeps and illumination before anything loads pygame: `dreamscape sweep`
    # runs in a process without it, where workers are forked; once pygame is
    # loaded (the frame bench) SDL's threads make them come from a fork server.
    print("== sweeps ==")
    sweep_bench.main(quick=quick)
    print("== illumination ==")
    illuminate_bench.main(quick=quick)
    print("== replay ==")
    replay_bench.main(quick=quick)
    print("== game frames ==")
    frame_bench.main(quick=quick)
    print("== fair play: the bots per chapter ==")
    bot_bench.main(quick=quick)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
