"""The dreamer studio: tune a dreamer's fears, desires, size and seed and watch the labyrinth answer.

The pieces are split so the state can be tested without a window:

    model.StudioModel     the tuned values, undo, the shown build, the timeline tick
    worker.Builder        a background thread that builds the newest requested spec
    analysis.build        one build: dreamscape, metrics, distance field, chokepoints
    archive_panel         an illumination's archive to browse and load into the sliders
    save                  saving levels and PNGs without overwriting by accident
    controller.Studio     input, saving and the builder's results between frames (keys in keys)
    frame_draw            drawing one frame (the panels are sliders, timeline, side_panel)
    style                 the studio's sizes and widgets on the shared render.theme
    tuning_window         the pygame window and its loop (headless for tests and screenshots)

Nothing here imports `dreamscape.app`: the studio shares only `dreamscape.render`
with the game.
"""

import os

# Before the first pygame import anywhere in the studio: no banner on stdout.
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
