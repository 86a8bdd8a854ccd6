"""The fixed vocabulary of fears and desires a dreamer profile may name.

Each name has one documented effect on the dreamscape (see docs/vocabulary.md);
the generator reads intensities only through these names.
"""

FEARS: tuple[str, ...] = (
    "self_doubt",
    "abandonment",
    "loss",
    "being_trapped",
    "judgement",
    "isolation",
    "chaos",
    "being_controlled",
)

DESIRES: tuple[str, ...] = (
    "recognition",
    "escape",
    "reunion",
    "perfection",
    "comfort",
    "connection",
    "authenticity",
    "wonder",
)

#: Every knob a profile has, for sweeps that vary one of them.
ALL_NAMES: tuple[str, ...] = FEARS + DESIRES + ("turmoil",)
