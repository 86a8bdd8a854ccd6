"""The dreamer studio: tune a dreamer's fears, desires, size and seed and watch the labyrinth answer.

The pieces are split so the state can be tested without a window:

    model.StudioModel     the tuned values, undo, the shown build, the timeline tick
    worker.Builder        a background thread that builds the newest requested spec
    analysis.build        one build: dreamscape, metrics, distance field, chokepoints
    level_writer          a LevelSpec as a level TOML file
    save                  saving levels and PNGs without overwriting by accident
    window.run_studio     the pygame window (headless for tests and screenshots)
"""
