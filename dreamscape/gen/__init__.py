"""The generator: profile + seed -> dreamscape. Pure numpy, noise and tcod; never pygame.

    from dreamscape.gen import generate
    dreamscape = generate(level_spec)
"""

from dreamscape.gen.architect import PHASES, generate, generate_phases
from dreamscape.gen.dreamscape import GENERATOR_VERSION, Dreamer, Dreamscape, Entity, Glitch, Portal

__all__ = [
    "GENERATOR_VERSION",
    "PHASES",
    "Dreamer",
    "Dreamscape",
    "Entity",
    "Glitch",
    "Portal",
    "generate",
    "generate_phases",
]
