"""The game's sounds, synthesised with numpy at start-up (no files, no pygame).

Every function returns an int16 array of shape (n, 2) (stereo) at
`sample_rate`:

    from dreamscape.app.synth.drone import drone
    from dreamscape.app.synth.effects import render_effects
    loop = drone(turmoil=0.3)                # a seamless loop of a few seconds
    effects = render_effects()               # {"step": array, "bump": array, ...}

Effects start and end on silence (short raised-cosine edges), peak well below
full scale and are deterministic: noise comes from fixed-seed generators.

- samples.py: the sample rate, time axes, seeded generators, fast sines.
- envelopes.py, noise.py, voices.py: the building blocks.
- drone.py: the ambient loop; effects.py: every effect, by name.
"""
