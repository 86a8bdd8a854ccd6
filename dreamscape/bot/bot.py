"""The bot: reads a world's public state and answers one command per tick.

Strategy:

1. At the start, plan a tour of the trapped dreamers (tour.py): a short walk
   from the start past each to the exit.
2. Walk down a goal field to the next dreamer in the tour that can be
   reached (fields.py). The field routes around haunted ground while there
   is another way (danger.haunted_cost), handles one-way passages, and uses
   portals only where they shorten the way (a dream loop rarely does).
3. Near manifestations, steer around them (steer.py), pricing a touch with
   the bot's nerve (nerve.py): detour, wait, or take the hit when the time
   left says so, never a touch that would end the dive.
4. Beside the dreamer, hold wake until it is awake; then on to the next,
   and when all are awake, to the exit.
5. On the way, pick up a memory shard close to the route when lucidity is
   low (or, at full lucidity, for the time it adds), unless hunted.

Fields are recomputed only when the goal or the ground changes (a glitch),
or every HAUNT_REFRESH ticks as the manifestations move; never every tick.
The bot never writes to the world: it copies what it keeps.
"""

from __future__ import annotations

import numpy as np

from dreamscape.bot.danger import haunted_cost, hunting, threats
from dreamscape.bot.fields import FAR, Field, goal_field, reach_field
from dreamscape.bot.ground import Ground
from dreamscape.bot.nerve import LETHAL, NEED_SLACK, Nerve
from dreamscape.bot.steer import DANGER_RADIUS, WAIT, danger_window, steer
from dreamscape.bot.tour import beside, plan_tour
from dreamscape.sim import rules as R
from dreamscape.sim.commands import WAKE_BIT

#: Ticks between refreshes of the haunted-ground cost (and so of the goal field).
HAUNT_REFRESH = 140
#: Shards within this many tiles are considered for a detour.
SHARD_RADIUS = 20
LOW_LUCIDITY = 50


class Bot:
    """Plays a world: `command(world)` once per tick, before `world.step`.

    One bot plays one world; handing it another world starts it afresh.
    """

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        """Forget everything about the current world."""
        self._world_id: int | None = None
        self._tick = 0
        self.ds = None
        self.ground: Ground | None = None
        self.order: list[int] = []  # the tour: dreamer indices in visiting order
        self.legs: list[list[int]] = []  # walking ticks between tour stops
        self.goal: tuple = ()  # ('dreamer', i), ('shard', i) or ('exit',)
        self.nerve = Nerve()
        self._fields: dict[tuple, Field] = {}  # with the haunted-ground cost
        self._plain: dict[tuple, Field] = {}  # without it, for reachability
        self._haunted: np.ndarray | None = None
        self._epoch = -1
        self._shard_check: tuple | None = None

    # -- the tick -----------------------------------------------------------

    def command(self, world) -> int:
        """The command for this tick (the world is only read)."""
        if world.done:
            return WAIT
        if self._world_id != id(world) or world.tick < self._tick:
            self._start(world)  # a new world (ids can be reused: the clock tells)
        self._tick = world.tick
        if world.player.moving:
            return WAIT  # commands are ignored mid-step
        self._refresh(world)
        goal = self._choose_goal(world)
        field = self._field(goal)
        worth = self._touch_worth(world)
        if self._beside_unawake(world) >= 0 and self._calm_enough(world, worth):
            return WAKE_BIT
        return steer(world, self.ground, field, worth)

    def _start(self, world) -> None:
        self.reset()
        self._world_id = id(world)
        self.ds = world.ds
        self.ground = Ground(world)
        start = (world.player.x, world.player.y)
        self.order, self.legs = plan_tour(self.ground, start, list(world.dreamers), world.exit)

    def _refresh(self, world) -> None:
        terrain = world.terrain
        if self.ground.key != (terrain.version, len(terrain.portals)):
            # A glitch changed the ground: every field is stale.
            self.ground = Ground(world)
            self._fields.clear()
            self._plain.clear()
        epoch = world.tick // HAUNT_REFRESH
        if epoch != self._epoch:
            # The manifestations have moved on: route around where they are now.
            self._epoch = epoch
            self._haunted = haunted_cost(world, self.ground.walk.shape)
            self._fields.clear()

    # -- waking -------------------------------------------------------------

    @staticmethod
    def _beside_unawake(world) -> int:
        p = world.player
        for i, (x, y) in enumerate(world.dreamers):
            if not world.awake[i] and abs(x - p.x) <= 1 and abs(y - p.y) <= 1:
                return i
        return -1

    def _calm_enough(self, world, worth) -> bool:
        """Hold wake unless a touch here would end the dive. A touch only costs
        the progress so far, and the hunter then fades back for longer than
        a whole wake takes."""
        danger = danger_window(world, self.ground, worth)
        if danger is None:
            return True
        extra, _, x0, y0 = danger
        p = world.player
        return extra[p.y - y0, p.x - x0] < LETHAL

    # -- goals --------------------------------------------------------------

    def _choose_goal(self, world) -> tuple:
        goal = self._main_goal(world)
        self.goal = self._shard_goal(world, goal) or goal
        return self.goal

    def _main_goal(self, world) -> tuple:
        """The next dreamer in the tour that can be reached from here, else the exit."""
        p = world.player
        for i in self.order:
            if not world.awake[i] and self._reachable(("dreamer", i), p.x, p.y):
                return ("dreamer", i)
        return ("exit",)

    def _reachable(self, goal: tuple, x: int, y: int) -> bool:
        return bool(self._plain_field(goal).dist[y, x] < FAR)

    def _plain_field(self, goal: tuple) -> Field:
        """The goal field without the haunted-ground cost: it changes only with the ground."""
        field = self._plain.get(goal)
        if field is None:
            field = self._plain[goal] = goal_field(self.ground, self._goal_tiles(goal))
        return field

    def _shard_goal(self, world, goal: tuple) -> tuple | None:
        """A shard worth the detour from the way to `goal`, or None.

        Judged again when the goal, lucidity or ground changes; never while
        hunted (a shard in a dead end is a trap with a hunter behind).
        """
        p = world.player
        if any(hunting(world, h) for h in threats(world, p.x, p.y, DANGER_RADIUS)):
            self._shard_check = None
            return None
        if self.goal and self.goal[0] == "shard" and not world.taken[self.goal[1]]:
            return self.goal
        key = (goal, p.lucidity, self.ground.key)
        if key == self._shard_check:
            return None
        self._shard_check = key
        shards = world.ds.shards
        # Low on lucidity, a shard is worth looking further for.
        radius = SHARD_RADIUS if p.lucidity > LOW_LUCIDITY else 2 * SHARD_RADIUS
        near = [i for i, s in enumerate(shards) if not world.taken[i] and max(abs(s.x - p.x), abs(s.y - p.y)) <= radius]
        main = self._plain_field(goal).dist
        if not near or main[p.y, p.x] >= FAR:
            return None
        reach, x0, y0 = reach_field(self.ground, p.x, p.y, radius)
        best, best_detour = None, _shard_budget(p.lucidity)
        for i in near:
            there, onward = int(reach[shards[i].y - y0, shards[i].x - x0]), int(main[shards[i].y, shards[i].x])
            if there >= FAR or onward >= FAR:
                continue
            detour = there + onward - int(main[p.y, p.x])
            if detour < best_detour:
                best, best_detour = ("shard", i), detour
        return best

    def _field(self, goal: tuple) -> Field:
        field = self._fields.get(goal)
        if field is None:
            field = self._fields[goal] = goal_field(self.ground, self._goal_tiles(goal), self._haunted)
        return field

    def _goal_tiles(self, goal: tuple) -> list[tuple[int, int]]:
        if goal[0] == "dreamer":
            return beside(self.ground, self.ds.dreamers[goal[1]].pos)
        if goal[0] == "shard":
            return [self.ds.shards[goal[1]].pos]
        return [self.ds.exit]

    # -- nerve --------------------------------------------------------------

    def _touch_worth(self, world):
        """`worth(drain, hunting)`: what a touch costs now, in ticks (see nerve.py)."""
        p = world.player
        # Progress is judged on the plain field: the haunted one shifts as the manifestations move.
        patience = self.nerve.patience(self.goal, int(self._plain_field(self.goal).dist[p.y, p.x]), world.tick)
        spare = world.time_left - self._need(world) * NEED_SLACK
        return self.nerve.worth(p.lucidity, spare, patience)

    def _need(self, world) -> int:
        """Ticks the rest of the tour needs at a clean walk: the way to the next
        dreamer, the planned legs after it, and the waking."""
        p = world.player
        here = int(self._plain_field(self._main_goal(world)).dist[p.y, p.x])
        if here >= FAR:
            return 0
        left = [i for i in self.order if not world.awake[i]]
        n = len(world.dreamers)
        legs = sum(leg for a, b in zip(left, left[1:] + [n]) if (leg := self.legs[a][b]) < FAR)
        return here + legs + len(left) * R.WAKE_TICKS


def _shard_budget(lucidity: int) -> int:
    """Ticks of detour a memory shard is worth now."""
    if lucidity >= R.LUCIDITY_MAX:
        return R.SHARD_TIME // 3  # it adds time: worth a detour well short of that
    return 40 + (R.LUCIDITY_MAX - lucidity) * 8
