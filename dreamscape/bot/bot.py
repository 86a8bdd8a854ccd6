"""The bot: reads a view of the world (sim/view.py) and answers one command per tick.

It plays from whichever view it is handed. From the whole view (`--sight
full`) it knows the map and every dreamer from the start, and proves a level
can be won. From the fog view (`--sight fog`) it knows what a player knows:
the tiles seen, what is in sight now, and the dreamers' calls; it explores
towards the strongest call (explore.py), wakes what it finds, and looks for
the way out once everyone is awake.

Strategy:

1. Whole view: plan a tour of the trapped dreamers (tour.py), a short walk
   from the start past each to the exit. Fog view: go to the nearest known
   sleeping dreamer; with none, to the edge of the known map where the
   strongest call leads.
2. Walk down a goal field to the next dreamer in the tour that can be
   reached (fields.py). The field routes around haunted ground while there
   is another way (danger.haunted_cost), handles one-way passages, and uses
   portals only where they shorten the way (a dream loop rarely does).
3. Near manifestations, steer around them (steer.py), pricing a touch with
   the bot's nerve (nerve.py): detour, wait, or take the hit when the time
   left says so, never a touch that would end the dive.
4. Beside the dreamer, hold wake until it is awake; then on to the next,
   and when all are awake, to the exit. While the climax needs marks stood
   on (a 'doubt' loop's unlit beacons, a replaying night's memories), first
   onto each (nearest first; through the fog the known ones, else towards
   the strongest mark's call), then the exit.
5. On the way, pick up a memory shard close to the route when lucidity is
   low (or, at full lucidity, for the time it adds), unless hunted.

Fields are recomputed only when the goal or the ground changes (a glitch;
through the fog, when the frontier being walked to has been seen, a new call
comes or a dreamer comes into view), or every HAUNT_REFRESH ticks as the
manifestations move; never every tick. The bot only reads views.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from dreamscape.bot import explore
from dreamscape.bot.danger import haunted_cost, hunting, threats
from dreamscape.bot.fields import FAR, Field, goal_field, reach_field
from dreamscape.bot.ground import Ground, key as ground_key
from dreamscape.bot.paint import paint_command
from dreamscape.bot.nerve import LETHAL, NEED_SLACK, Nerve
from dreamscape.bot.steer import DANGER_RADIUS, WAIT, danger_window, steer
from dreamscape.bot.terminals import on_terminal, terminal_goal
from dreamscape.bot.tour import beside, plan_tour
from dreamscape.core.timing import TICKS_PER_SECOND
from dreamscape.sim import rules as R
from dreamscape.sim.commands import USE_BIT, WAKE_BIT

#: Ticks between refreshes of the haunted-ground cost (and so of the goal field).
HAUNT_REFRESH = 140
#: Shards within this many tiles are considered for a detour.
SHARD_RADIUS = 20
LOW_LUCIDITY = 50
#: Through the fog, a manifestation seen this recently is still reckoned with
#: where it was last seen (a person remembers what just went out of sight).
HAUNT_MEMORY = 10 * TICKS_PER_SECOND


class Bot:
    """Plays a world through its view: `command(view)` once per tick, before `world.step`.

    One bot plays one dive; a view from an earlier tick than the last starts it afresh.
    """

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        """Forget everything about the current dive."""
        self._tick = -1
        self.fog = False
        self._ground: Ground | None = None  # made from the dive's first view
        self.order: list[int] = []  # the tour: dreamer indices in visiting order (whole view)
        self.legs: list[list[int]] = []  # walking ticks between tour stops
        self.goal: tuple = ()  # ('dreamer', i), ('mark', i), ('shard', i), ('exit',) or ('explore', x, y)
        self.nerve = Nerve()
        self._fields: dict[tuple, Field] = {}  # with the haunted-ground cost
        self._plain: dict[tuple, Field] = {}  # without it, for reachability
        self._haunted: np.ndarray | None = None
        self._epoch = -1
        self._shard_check: tuple | None = None
        # Through the fog: what is known, where it is looking, and what led nowhere.
        self._dreamers: dict[int, tuple[int, int]] = {}
        self._marks: dict[int, tuple[int, int]] = {}
        self._shards: dict[int, tuple[int, int]] = {}
        self._main: tuple = ()
        self._exit: tuple[int, int] | None = None
        self._known: tuple = ()
        self._target: tuple[int, int] | None = None
        self._pulse = -1
        self._dead_ends: set[tuple[int, int]] = set()
        self._stale = False
        self._haunts: dict[int, tuple[int, object]] = {}  # index -> (tick last seen, how)

    @property
    def ground(self) -> Ground:
        """The ground as last read from a view; there is none before the first `command`."""
        if self._ground is None:
            raise RuntimeError("the bot has no ground yet: command(view) starts a dive")
        return self._ground

    # -- the tick -----------------------------------------------------------

    def command(self, view) -> int:
        """The command for this tick (the view is only read)."""
        if view.done:
            return WAIT
        if view.tick <= self._tick or self._ground is None:
            self._start(view)  # a new dive (the clock never runs backwards in one)
        self._tick = view.tick
        if view.player.moving:
            return WAIT  # commands are ignored mid-step
        self._learn(view)
        if on_terminal(view):
            return USE_BIT  # a hack holds every glitch still (nexus)
        view = self._remembering(view)
        self._refresh(view)
        goal = self._choose_goal(view)
        field = self._field(goal)
        worth = self._touch_worth(view)
        if view.player.beside >= 0 and self._calm_enough(view, worth):
            return WAKE_BIT
        if view.paint > 0:
            fields = [self._plain_field(g) for g in [goal] + [("dreamer", d.index) for d in view.dreamers if not d.awake]]
            painting = paint_command(view, self.ground, fields)
            if painting is not None:
                return painting
        return steer(view, self.ground, field, worth)

    def _start(self, view) -> None:
        self.reset()
        self.fog = view.fog
        self._ground = Ground(view)
        if not self.fog:
            start = (view.player.x, view.player.y)
            self.order, self.legs = plan_tour(self.ground, start, [d.pos for d in view.dreamers], view.exit)

    def _learn(self, view) -> None:
        """Note dreamers and the exit as they come into view (all at once in the whole view)."""
        for d in view.dreamers:
            self._dreamers.setdefault(d.index, d.pos)
        for m in view.marks:
            self._marks.setdefault(m.index, m.pos)
        if view.exit is not None:
            self._exit = view.exit
        if not self.fog:
            return
        known = (len(self._dreamers), len(self._marks), self._exit is not None, view.needed, view.exit_open, len(view.doorways))
        if known != self._known:
            self._known = known
            self._stale = True
        pulse = view.calls[0].tick if view.calls else -1
        if pulse != self._pulse:
            self._pulse = pulse
            if self.goal[:1] == ("explore",):
                self._stale = True
        if self._target is not None and (not explore.is_frontier(view, *self._target) or self._target == (view.player.x, view.player.y)):
            self._stale = True

    def _remembering(self, view):
        """Through the fog: the view with the manifestations seen lately added where they were last seen."""
        if not self.fog:
            return view
        t = view.tick
        for h in view.haunts:
            if h.index not in self._haunts:
                self._epoch = -1  # one more to route round: price the ground again
            self._haunts[h.index] = (t, h)
        for i in [i for i, (seen, _) in self._haunts.items() if t - seen > HAUNT_MEMORY]:
            del self._haunts[i]
        if len(self._haunts) == len(view.haunts):
            return view
        shown = {h.index for h in view.haunts}
        gone = tuple(h for i, (_, h) in sorted(self._haunts.items()) if i not in shown)
        return replace(view, haunts=view.haunts + gone)

    def _refresh(self, view) -> None:
        key = ground_key(view)
        if self.ground.key[::2] != key[::2] or (self._stale and self.ground.key != key):
            # A glitch or paint changed the ground, the doorways feared changed, or more of it is known: every field is stale.
            self._ground = Ground(view)
            self._fields.clear()
            self._plain.clear()
        epoch = view.tick // HAUNT_REFRESH
        if epoch != self._epoch:
            # The manifestations have moved on: route around where they are now.
            self._epoch = epoch
            self._haunted = haunted_cost(view, self.ground.walk.shape)
            self._fields.clear()

    # -- waking -------------------------------------------------------------

    def _calm_enough(self, view, worth) -> bool:
        """Hold wake unless a touch here would end the dive. A touch only costs
        the progress so far, and the hunter then fades back for longer than
        a whole wake takes."""
        danger = danger_window(view, self.ground, worth)
        if danger is None:
            return True
        extra, _, x0, y0 = danger
        p = view.player
        return extra[p.y - y0, p.x - x0] < LETHAL

    # -- goals --------------------------------------------------------------

    def _choose_goal(self, view) -> tuple:
        goal = self._main = self._main_goal(view)
        p = view.player
        hunted = any(hunting(view, h) for h in threats(view, p.x, p.y, DANGER_RADIUS))
        self.goal = terminal_goal(view, self._plain_field, hunted) or self._shard_goal(view, goal) or goal
        return self.goal

    def _main_goal(self, view) -> tuple:
        """Whole view: the next dreamer in the tour that can be reached from here, else the exit.
        Fog view: the nearest known sleeping dreamer, the exit, or the frontier to explore."""
        p = view.player
        if not self.fog:
            awake = {d.index: d.awake for d in view.dreamers}
            for i in self.order:
                if not awake[i] and self._reachable(("dreamer", i), p.x, p.y):
                    return ("dreamer", i)
            return self._mark_goal(view) or ("exit",)
        return self._fog_goal(view)

    def _mark_goal(self, view) -> tuple | None:
        """The nearest known mark the climax needs stood on (a beacon while the loop
        holds, a memory while the night replays) that can be reached, or None."""
        if not view.needed:
            return None
        p = view.player
        dists = [(int(self._plain_field(("mark", m.index)).dist[p.y, p.x]), m.index) for m in view.marks if m.index in view.needed]
        best = min(dists, default=(FAR, -1))
        return ("mark", best[1]) if best[0] < FAR else None

    def _fog_goal(self, view) -> tuple:
        p = view.player
        asleep = [d.index for d in view.dreamers if not d.awake]
        best, best_dist = None, FAR
        for i in asleep:
            dist = int(self._plain_field(("dreamer", i)).dist[p.y, p.x])
            if dist < best_dist:
                best, best_dist = ("dreamer", i), dist
        mark = self._mark_goal(view)
        if mark is not None and (best is None or int(self._plain_field(mark).dist[p.y, p.x]) < best_dist):
            # A mark needed now (a memory the night hides) nearer than any known sleeper comes first.
            best = mark
        if best is not None:
            self._target = None
            return best
        if view.all_awake and view.exit_open and self._exit is not None and self._reachable(("exit",), p.x, p.y):
            self._target = None
            return ("exit",)
        if self.goal[:1] == ("explore",) and not self._stale and self._target is not None:
            return self.goal
        self._stale = False
        aim = self._aim(view, asleep)
        target = explore.choose(view, self.ground, aim, self._dead_ends, self._haunted)
        if target is None:
            self._dead_ends.clear()  # the ground may have changed since: look again
            target = explore.choose(view, self.ground, aim, set(), self._haunted)
        if target is None:
            target = (p.x, p.y)  # nothing left to explore that can be reached: hold on
        elif self._plain_field(("explore", *target)).dist[p.y, p.x] >= FAR:
            self._dead_ends.add(target)  # one-way ground the other way: try another next time
            self._stale = True
        self._target = target
        return ("explore", *target)

    def _aim(self, view, asleep: list[int]) -> tuple[int, int] | None:
        """Where the next target is thought to be: a known dreamer or exit cut off
        from the known ground, else the strongest call."""
        if asleep:
            return self._dreamers[asleep[0]]
        looping = bool(view.needed)
        if view.all_awake and self._exit is not None and not looping:
            return self._exit
        wanted = [m.pos for m in view.marks if m.index in view.needed]
        if looping and wanted:
            # A mark seen calls no more: aim at it even when no known way leads there yet.
            p = view.player
            return min(wanted, key=lambda pos: (abs(pos[0] - p.x) + abs(pos[1] - p.y), pos))
        # The exit's hum counts once everyone is awake; before, the dreamers' calls; while the
        # climax needs marks found, theirs.
        calls = [c for c in view.calls if (c.is_mark if looping else c.is_exit == view.all_awake)]
        if calls:
            call = max(calls, key=lambda c: (c.nearness, -c.index))
            return explore.guess(call)
        return None

    def _reachable(self, goal: tuple, x: int, y: int) -> bool:
        return bool(self._plain_field(goal).dist[y, x] < FAR)

    def _plain_field(self, goal: tuple) -> Field:
        """The goal field without the haunted-ground cost: it changes only with the ground."""
        field = self._plain.get(goal)
        if field is None:
            field = self._plain[goal] = goal_field(self.ground, self._goal_tiles(goal))
        return field

    def _shard_goal(self, view, goal: tuple) -> tuple | None:
        """A shard worth the detour from the way to `goal`, or None.

        Judged again when the goal, lucidity or ground changes; never while
        hunted (a shard in a dead end is a trap with a hunter behind).
        """
        p = view.player
        if any(hunting(view, h) for h in threats(view, p.x, p.y, DANGER_RADIUS)):
            self._shard_check = None
            return None
        shards = {s.index: s for s in view.shards}
        if self.goal and self.goal[0] == "shard" and self.goal[1] in shards:
            return self.goal
        key = (goal, p.lucidity, self.ground.key)
        if key == self._shard_check:
            return None
        self._shard_check = key
        # Low on lucidity, a shard is worth looking further for.
        radius = SHARD_RADIUS if p.lucidity > LOW_LUCIDITY else 2 * SHARD_RADIUS
        near = [s for s in view.shards if max(abs(s.x - p.x), abs(s.y - p.y)) <= radius and self.ground.walk[s.y, s.x]]
        main = self._plain_field(goal).dist
        if not near or main[p.y, p.x] >= FAR:
            return None
        reach, x0, y0 = reach_field(self.ground, p.x, p.y, radius)
        best, best_detour = None, _shard_budget(p.lucidity)
        for s in near:
            there, onward = int(reach[s.y - y0, s.x - x0]), int(main[s.y, s.x])
            if there >= FAR or onward >= FAR:
                continue
            detour = there + onward - int(main[p.y, p.x])
            if detour < best_detour:
                best, best_detour = ("shard", s.index), detour
        if best is not None:
            self._shards[best[1]] = shards[best[1]].pos
        return best

    def _field(self, goal: tuple) -> Field:
        field = self._fields.get(goal)
        if field is None:
            field = self._fields[goal] = goal_field(self.ground, self._goal_tiles(goal), self._haunted)
        return field

    def _goal_tiles(self, goal: tuple) -> list[tuple[int, int]]:
        if goal[0] == "dreamer":
            return beside(self.ground, self._dreamers[goal[1]])
        if goal[0] == "shard":
            return [self._shards[goal[1]]]
        if goal[0] == "mark":
            return [self._marks[goal[1]]]
        if goal[0] == "explore":
            return [(goal[1], goal[2])]
        if self._exit is None:
            # Goals are only ('exit',) once the exit has been seen (the whole view shows it at once).
            raise RuntimeError("the bot is heading for an exit it has not seen")
        return [self._exit]

    # -- nerve --------------------------------------------------------------

    def _touch_worth(self, view):
        """`worth(drain, hunting)`: what a touch costs now, in ticks (see nerve.py)."""
        p = view.player
        # Progress is judged on the plain field: the haunted one shifts as the manifestations move.
        patience = self.nerve.patience(self.goal, int(self._plain_field(self.goal).dist[p.y, p.x]), view.tick)
        spare = view.time_left - self._need(view) * NEED_SLACK
        return self.nerve.worth(p.lucidity, spare, patience)

    def _need(self, view) -> int:
        """Ticks the rest of the dive needs at a clean walk, as far as the bot knows:
        the way to the next goal, the planned legs after it (whole view), and the waking."""
        p = view.player
        here = int(self._plain_field(self._main).dist[p.y, p.x])
        if here >= FAR:
            return 0
        left_count = view.dreamer_count - view.awake_count
        if self.fog:
            return here + left_count * R.WAKE_TICKS
        awake = {d.index: d.awake for d in view.dreamers}
        left = [i for i in self.order if not awake[i]]
        n = view.dreamer_count
        legs = sum(leg for a, b in zip(left, left[1:] + [n]) if (leg := self.legs[a][b]) < FAR)
        return here + legs + len(left) * R.WAKE_TICKS


def _shard_budget(lucidity: int) -> int:
    """Ticks of detour a memory shard is worth now."""
    if lucidity >= R.LUCIDITY_MAX:
        return R.SHARD_TIME // 3  # it adds time: worth a detour well short of that
    return 40 + (R.LUCIDITY_MAX - lucidity) * 8
