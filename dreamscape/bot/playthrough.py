"""One game played by the bot from start to end, optionally recorded."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dreamscape.bot.bot import Bot
from dreamscape.sim import World
from dreamscape.sim.events import Caught

#: What a bot may be shown.
SIGHTS = ("fog", "full")


@dataclass(frozen=True)
class GameResult:
    """How one game went."""

    seed: int
    outcome: str  # 'won', 'lost_time' or 'lost_lucidity'
    ticks: int
    window: int  # the rescue window at the start, in ticks (shards may lengthen it)
    lucidity: int
    woken: int
    dreamers: int
    caught: int
    shards: int = 0  # memory shards picked up

    @property
    def won(self) -> bool:
        return self.outcome == "won"

    @property
    def share(self) -> float:
        """Ticks used as a share of the starting rescue window."""
        return self.ticks / self.window if self.window else 0.0


def play(ds, bot: Bot | None = None, record: str | Path | None = None, sight: str = "full") -> GameResult:
    """Let the bot play a dreamscape to its end; with `record`, write a recording there
    (through the game's `Recorder`, so `dreamscape replay --verify` can check it).

    `sight` is what the bot is shown: "full" (the whole world, to prove a level
    can be won) or "fog" (only what a player would have seen)."""
    if sight not in SIGHTS:
        raise ValueError(f"sight must be one of {', '.join(SIGHTS)}, got {sight!r}")
    bot = bot or Bot()
    world = World(ds)
    look = world.fog_view if sight == "fog" else world.view
    window = world.deadline
    caught = 0
    if record is None:
        step = world.step
        recorder = None
    else:
        # Imported only when asked: recording is optional for the bot.
        from dreamscape.recordings.recorder import Recorder

        recorder = Recorder(world, record)
        step = recorder.step
    try:
        while not world.done:
            for event in step(bot.command(look())):
                if isinstance(event, Caught):
                    caught += 1
    except BaseException:
        if recorder is not None:
            recorder.abort()
        raise
    if recorder is not None:
        recorder.close()
    return GameResult(ds.seed, world.outcome, world.tick, window, world.player.lucidity, sum(world.awake), len(world.dreamers), caught, world.player.shards)
