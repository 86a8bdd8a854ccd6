"""Where a dreamer is woken: holding wake beside a sleeping dreamer, and its interruption.

The player wakes the first sleeping dreamer within one tile (`rules.beside`)
by holding the wake command for `rules.WAKE_TICKS` ticks in a row. Letting
go, moving, bumping or being caught loses the progress. The world calls
these on the player's part of its tick and on a touch; they change only the
player's waking fields and the awake list.
"""

from __future__ import annotations

from collections.abc import Sequence

from dreamscape.sim import rules as R
from dreamscape.sim.actors import Player
from dreamscape.sim.events import Event, WakeInterrupted, WakeProgress, Woke

#: Progress is reported every this many ticks held (the game ticks a sound on it).
PROGRESS_EVERY = 15


def hold_wake(player: Player, dreamers: Sequence[tuple[int, int]], awake: list[bool], tick: int, events: list[Event]) -> None:
    """One tick of the wake command held: wake on, start over beside another dreamer, or wake them."""
    target = R.beside(player.x, player.y, dreamers, awake)
    if target != player.wake_target:
        stop_waking(player, tick, events)
        player.wake_target = target
    if target < 0:
        return
    player.wake_progress += 1
    if player.wake_progress >= R.WAKE_TICKS:
        awake[target] = True
        player.wake_target, player.wake_progress = -1, 0
        events.append(Woke(tick, target))
    elif player.wake_progress % PROGRESS_EVERY == 0:
        events.append(WakeProgress(tick, target, player.wake_progress))


def stop_waking(player: Player, tick: int, events: list[Event]) -> None:
    """Drop any waking under way, saying so if it had begun."""
    if player.wake_progress:
        events.append(WakeInterrupted(tick, player.wake_target))
    player.wake_target, player.wake_progress = -1, 0
