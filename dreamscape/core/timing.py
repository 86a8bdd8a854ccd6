"""The fixed simulation rate. Ticks are integers everywhere in gen and sim."""

TICKS_PER_SECOND = 30


def seconds_to_ticks(seconds: float) -> int:
    """Whole ticks for a duration in seconds."""
    return int(round(seconds * TICKS_PER_SECOND))
