"""The colours of the dive's entities, shared by the sprites, the HUD and the minimap.

    colours = EntityColours(colour_blind=False)
    colours.dreamer, colours.haunt("echo")
"""

from __future__ import annotations

from dreamscape.app.tileart.colours import RGB
from dreamscape.render import palette as P

# Entities: hues per kind. The default set is free to be dreamy; the
# colour-blind set draws only on Okabe-Ito, and every kind has its own shape.
_HAUNT_DREAMY: dict[str, RGB] = {
    "echo": (255, 128, 110),
    "shadow": (168, 110, 240),
    "hollow": (120, 140, 255),
    "fade": (246, 170, 214),
    "warden": (232, 56, 72),
    "watcher": (255, 160, 52),
    "drifter": (236, 96, 206),
    "storm": (255, 96, 40),
    "puppeteer": (204, 80, 150),
    "doubt": (190, 96, 255),
}
_HAUNT_SAFE: dict[str, RGB] = {
    "echo": P.VERMILLION,
    "shadow": P.REDDISH_PURPLE,
    "hollow": P.BLUE,
    "fade": P.REDDISH_PURPLE,
    "warden": P.VERMILLION,
    "watcher": P.ORANGE,
    "drifter": P.BLUE,
    "storm": P.ORANGE,
    "puppeteer": P.REDDISH_PURPLE,
    "doubt": P.REDDISH_PURPLE,
}


class EntityColours:
    """The colours entities, HUD and minimap share, for one colour mode."""

    def __init__(self, colour_blind: bool = False) -> None:
        self.colour_blind = colour_blind
        self.player: RGB = (255, 244, 214) if not colour_blind else P.WHITE
        self.player_glow: RGB = (255, 214, 140) if not colour_blind else P.YELLOW
        self.dreamer: RGB = (96, 230, 180) if not colour_blind else P.BLUISH_GREEN
        self.awake: RGB = (255, 236, 150) if not colour_blind else P.YELLOW
        self.shard: RGB = (130, 220, 255) if not colour_blind else P.SKY_BLUE
        self.lure: RGB = (255, 226, 92) if not colour_blind else P.YELLOW
        self.hunt: RGB = (255, 84, 40) if not colour_blind else P.VERMILLION
        self.loop: RGB = (226, 110, 220) if not colour_blind else P.REDDISH_PURPLE
        self.fold: RGB = (110, 200, 255) if not colour_blind else P.SKY_BLUE
        self.exit: RGB = (200, 236, 255) if not colour_blind else P.SKY_BLUE
        self.beacon: RGB = (176, 172, 206) if not colour_blind else (190, 190, 190)
        self.beacon_lit: RGB = (255, 210, 110) if not colour_blind else P.YELLOW
        self.memory: RGB = (190, 170, 255) if not colour_blind else P.SKY_BLUE
        self.memory_found: RGB = (255, 250, 235) if not colour_blind else P.WHITE
        self.paint: RGB = (255, 120, 186) if not colour_blind else P.ORANGE
        self.urgent: RGB = (255, 110, 70) if not colour_blind else P.VERMILLION

    def haunt(self, kind: str) -> RGB:
        """The colour of a manifestation kind."""
        table = _HAUNT_SAFE if self.colour_blind else _HAUNT_DREAMY
        return table.get(kind, (200, 200, 200))

