"""The remap screen's capture: which key or pad input a pygame event presses."""

from __future__ import annotations

import pygame

from dreamscape.app.input.key_names import key_name
from dreamscape.app.input.pad_names import AXIS_DEAD_ZONE, hat_directions


def capture_next_key(event: pygame.event.Event) -> str | None:
    """For the remap screen: the key name of a KEYDOWN event, else None."""
    if event.type != pygame.KEYDOWN:
        return None
    return key_name(event.key) or None


def capture_next_pad_input(event: pygame.event.Event, dead_zone: float = AXIS_DEAD_ZONE) -> str | None:
    """For the remap screen: the gamepad input name a pad event presses, else None."""
    if event.type == pygame.JOYBUTTONDOWN:
        return f"button:{event.button}"
    if event.type == pygame.JOYHATMOTION:
        active = hat_directions(event.value)
        return f"hat:{event.hat}:{active[0]}" if active else None
    if event.type == pygame.JOYAXISMOTION and abs(event.value) > dead_zone:
        return f"axis:{event.axis}:{'+' if event.value > 0 else '-'}"
    return None
