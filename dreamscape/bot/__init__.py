"""A bot that plays the simulation through its public interface only.

    from dreamscape.bot import Bot, play
    result = play(generate(spec))          # one whole game
    command = Bot().command(world.fog_view())   # or one tick at a time

It proves levels winnable and produces recordings (`dreamscape bot`).
"""

from dreamscape.bot.bot import Bot
from dreamscape.bot.playthrough import GameResult, play

__all__ = ["Bot", "GameResult", "play"]
