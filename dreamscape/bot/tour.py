"""The order to wake the dreamers in: a short walk from the start, past each, to the exit.

Dreamers the start cannot reach (a glitch may open the way later) come last.

Walking distances come from one goal field per dreamer (and one for the
exit); the order starts nearest-first and is then improved by 2-opt
(reversing a stretch) and or-opt (moving one dreamer elsewhere) until neither
helps. Dreamers are few (dozens at most), so plain Python is fast enough.
"""

from __future__ import annotations

from dreamscape.bot.fields import FAR, Field, goal_field
from dreamscape.bot.ground import Ground

Pos = tuple[int, int]


def beside(ground: Ground, pos: Pos) -> list[Pos]:
    """Walkable tiles from which a dreamer at `pos` can be woken (Chebyshev distance <= 1)."""
    h, w = ground.walk.shape
    x, y = pos
    return [(x + dx, y + dy) for dy in (-1, 0, 1) for dx in (-1, 0, 1) if 0 <= x + dx < w and 0 <= y + dy < h and ground.walk[y + dy, x + dx]]


def _worth(field: Field, spots: list[Pos]) -> int:
    return min((int(field.dist[y, x]) for x, y in spots), default=FAR)


def plan_tour(ground: Ground, start: Pos, dreamers: list[Pos], exit: Pos) -> tuple[list[int], list[list[int]]]:
    """Indices of `dreamers` in the order to visit them, ending at `exit`, and the
    walking ticks between them: cost[a][b] from dreamer a (or the start, a = n)
    to dreamer b (or the exit, b = n)."""
    n = len(dreamers)
    if n == 0:
        return [], [[int(goal_field(ground, [exit]).dist[start[1], start[0]])]]
    spots = [beside(ground, d) for d in dreamers]
    fields = [goal_field(ground, s) for s in spots]
    to_exit = goal_field(ground, [exit])
    # cost[a][b]: from node a to node b; node n is the start, the exit is column n.
    where = spots + [[start]]
    cost = [[_worth(fields[b], where[a]) if a != b else 0 for b in range(n)] + [_worth(to_exit, where[a])] for a in range(n + 1)]

    def length(order: list[int]) -> int:
        total, here = 0, n
        for i in order:
            total += cost[here][i]
            here = i
        return total + cost[here][n]

    # Dreamers cut off from the start (until a glitch opens a way) go last.
    cut_off = [i for i in range(n) if cost[n][i] >= FAR]
    order: list[int] = []
    here, left = n, [i for i in range(n) if cost[n][i] < FAR]
    while left:
        nxt = min(left, key=lambda i: (cost[here][i], i))
        order.append(nxt)
        left.remove(nxt)
        here = nxt
    return _improve(order, length) + cut_off, cost


def _improve(order: list[int], length) -> list[int]:
    best = length(order)
    improved = True
    while improved:
        improved = False
        n = len(order)
        for i in range(n - 1):
            for j in range(i + 1, n):
                candidate = order[:i] + order[i : j + 1][::-1] + order[j + 1 :]
                value = length(candidate)
                if value < best:
                    order, best, improved = candidate, value, True
        for i in range(n):
            # One dreamer moved elsewhere; `rest` and `moved` are taken before
            # any change, so each candidate is a permutation of the same order.
            moved, rest = order[i], order[:i] + order[i + 1 :]
            for j in range(n):
                if j == i:
                    continue
                candidate = rest[:j] + [moved] + rest[j:]
                value = length(candidate)
                if value < best:
                    order, best, improved = candidate, value, True
                    break
    return order
