"""Where each kind of glitch strikes and what it changes, on the map as it stands.

`SiteFinder` holds the map at the current tick and makes one glitch's list of
tile changes per call (shift, fold, flicker, rewrite, close); `commit` applies
a list, checking the reachability invariant when asked. The schedule that
decides when and which kinds is in glitches.py.
"""

from __future__ import annotations

import numpy as np

from dreamscape.core import tiles as T
from dreamscape.gen.build import Build
from dreamscape.gen.dice import Dice
from dreamscape.gen.doors import goals
from dreamscape.gen.dreamscape import Portal
from dreamscape.gen.grid import cardinal_count, inner_ring, ring_count
from dreamscape.gen.invariant import goals_connected, locally_safe
from dreamscape.gen.tree import carve_binary_tree

WALL_OF_THEME = {T.DROWNED: T.WATER, T.ABYSS: T.VOID}
_DIRS = ((1, 0), (-1, 0), (0, 1), (0, -1))


_SOLID = T.SOLID.tolist()
_SOFT = T.SOFT.tolist()
_TRIES = 600
#: Below this many tiles, glitch checks label the whole map instead of a window.
GLOBAL_BELOW = 16384


class SiteFinder:
    """Keeps the map as it stands at the current tick and draws glitch sites on it.

    Sites are found by rejection sampling a few hundred random tiles at
    most, never by scanning the whole map, so a glitch costs the same on a
    512x512 dream as on a small one.
    """

    def __init__(self, build: Build) -> None:
        self.build = build
        self.rng = build.rng("glitches")
        self.dice = Dice(build.rng("glitch_sites"))
        self.tiles = build.tiles.copy()
        self.walk = T.STRICT[self.tiles]
        self.blocked = build.protected.copy()  # protected, or locked by a pending flicker
        self.base_protected = build.protected.copy()
        self.journal: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []  # (xs, ys, old codes)
        self.portals = list(build.portals)
        self.goals = goals(build)
        self.anchors = list(self.goals) + [e for p in self.portals if p.two_way for e in (p.a, p.b)]
        self.size = 1.0 + 1.5 * build.knob("chaos")
        # Open ground (soft floor whose eight neighbours all walk) on the map as
        # generated: where flickers prefer to strike. Re-checked when drawn.
        inner = inner_ring(self.walk) & (ring_count(self.walk) == 8)
        self.open_ground = np.flatnonzero(inner & T.SOFT[self.tiles])
        # Blind alleys (for close) and thin walls between two floors (for
        # fold), likewise drawn from the map as generated and re-checked.
        around = cardinal_count(self.walk)
        self.dead_ends = np.flatnonzero(inner_ring(self.walk) & self.walk & (around == 1))
        pad = np.pad(self.walk, 1)
        through = (pad[1:-1, :-2] & pad[1:-1, 2:]) | (pad[:-2, 1:-1] & pad[2:, 1:-1])
        self.thin_walls = np.flatnonzero(inner_ring(self.walk) & (self.tiles == T.WALL) & through)
        self.retries = 0
        self.local_checks = 0
        self.global_checks = 0

    def find_in(self, pool: np.ndarray, test) -> tuple[int, int] | None:
        """A random member of a pool of flat indices for which test(x, y) holds."""
        n = len(pool)
        if n == 0:
            return None
        w = self.tiles.shape[1]
        below = self.dice.below
        for _ in range(min(_TRIES, 4 * n)):
            y, x = divmod(int(pool[below(n)]), w)
            if test(x, y):
                return x, y
        return None

    def find(self, test, margin: int = 1) -> tuple[int, int] | None:
        """A random (x, y) at least `margin` from the edge for which test(x, y) holds."""
        h, w = self.tiles.shape
        span_x, span_y = w - 2 * margin, h - 2 * margin
        below = self.dice.below
        for _ in range(_TRIES):
            x, y = margin + below(span_x), margin + below(span_y)
            if test(x, y):
                return x, y
        return None

    # Each maker returns a list of (x, y, code) changes, or None when no site fits.
    def shift(self) -> list[tuple[int, int, int]] | None:
        t, walk, blocked = self.tiles.item, self.walk.item, self.blocked.item
        dx, dy = _DIRS[self.dice.below(4)]
        h, w = self.tiles.shape

        def face(x: int, y: int) -> bool:
            # A wall face: soft open ground on the (dx, dy) side, more solid behind.
            return (
                _SOLID[t(y, x)]
                and _SOFT[t(y + dy, x + dx)]
                and not walk(y - dy, x - dx)
                and not blocked(y, x)
                and not blocked(y + dy, x + dx)
            )

        def face_on_open_ground(x: int, y: int) -> bool:
            # Ground two deep in front: the wall slides into a hall, not across
            # a one-tile corridor (which would almost always cut a route).
            return face(x, y) and walk(y + 2 * dy, x + 2 * dx)

        start = self.find(face_on_open_ground if self.dice.random() < 0.8 else face, margin=3)
        if start is None:
            return None
        length = 2 + self.dice.below(2 + int(2 * self.size))
        px, py = dy, dx  # along the wall face
        changes = []
        for sign in (1, -1):
            for step in range(0 if sign == 1 else 1, length):
                x, y = start[0] + sign * step * px, start[1] + sign * step * py
                if not (1 < x < w - 2 and 1 < y < h - 2) or not face(x, y):
                    break
                # The wall and the ground beside it trade places: the wall slides.
                changes.append((x, y, t(y + dy, x + dx)))
                changes.append((x + dx, y + dy, t(y, x)))
        return changes

    def fold(self, tick: int) -> tuple[list[tuple[int, int, int]], tuple[Portal, ...]] | None:
        t, walk, blocked = self.tiles.item, self.walk.item, self.blocked.item
        if self.dice.random() < 0.5:

            def thin_wall(x: int, y: int) -> bool:
                return (
                    t(y, x) == T.WALL
                    and not blocked(y, x)
                    and ((walk(y, x - 1) and walk(y, x + 1)) or (walk(y - 1, x) and walk(y + 1, x)))
                )

            site = self.find_in(self.thin_walls, thin_wall)
            if site is not None:
                return [(site[0], site[1], T.FLOOR)], ()

        def ground(x: int, y: int) -> bool:
            # Open ground only: a portal end carries whoever steps on it away,
            # so it must not sit where a route has to pass.
            return walk(y, x) and not blocked(y, x) and all(walk(y + dy, x + dx) for dy in (-1, 0, 1) for dx in (-1, 0, 1))

        a = self.find_in(self.open_ground, ground)
        if a is None:
            return None
        h, w = self.tiles.shape
        reach = (w + h) // 3
        b = self.find_in(self.open_ground, lambda x, y: abs(x - a[0]) + abs(y - a[1]) >= reach and ground(x, y))
        if b is None:
            return None
        return [], (Portal(a, b, "fold", opens_at=tick),)

    def flicker(self) -> list[tuple[int, int, int]] | None:
        t, blocked, walk = self.tiles.item, self.blocked.item, self.walk.item

        def soft(x: int, y: int) -> bool:
            return _SOFT[t(y, x)] and not blocked(y, x)

        def open_ground(x: int, y: int) -> bool:
            # Wide ground (halls, caves) can lose a patch and stay passable; a
            # one-tile corridor almost never can.
            return soft(x, y) and all(walk(y + dy, x + dx) for dy in (-1, 0, 1) for dx in (-1, 0, 1))

        centre = self.find_in(self.open_ground, open_ground) if self.dice.random() < 0.8 else None
        if centre is None:
            centre = self.find(soft)
        if centre is None:
            return None
        r = 1 + int(self.dice.random() * self.size * 1.5)
        h, w = self.tiles.shape
        cx, cy = centre
        return [
            (x, y, T.VOID)
            for y in range(max(1, cy - r), min(h - 1, cy + r + 1))
            for x in range(max(1, cx - r), min(w - 1, cx + r + 1))
            if (x - cx) ** 2 + (y - cy) ** 2 <= r * r and soft(x, y)
        ]

    def rewrite(self) -> list[tuple[int, int, int]] | None:
        t = self.tiles
        h, w = t.shape
        half = int(3 + self.dice.below(3) * self.size)
        if w < 2 * half + 4 or h < 2 * half + 4:
            return None
        cx = half + 1 + self.dice.below(w - 2 * half - 2)
        cy = half + 1 + self.dice.below(h - 2 * half - 2)
        # Even edges: the block's rim sits on wall lines, its cells on the odd lattice.
        x0, y0 = (cx - half) & ~1, (cy - half) & ~1
        x1, y1 = min(w - 1, x0 + 2 * half) & ~1, min(h - 1, y0 + 2 * half) & ~1
        if x1 - x0 < 4 or y1 - y0 < 4:
            return None
        theme = int(self.build.regions[cy, cx])
        wall = WALL_OF_THEME.get(theme, T.WALL)
        floor = T.GARDEN if theme == T.GARDENS else T.FLOOR
        block = np.full((y1 - y0 + 1, x1 - x0 + 1), wall, np.uint8)
        ch, cw = (y1 - y0) // 2, (x1 - x0) // 2
        carve_binary_tree(block, self.rng.random((ch, cw)) < 0.5)
        block[block == T.FLOOR] = floor
        # The rim keeps what it was, so the old roads still arrive.
        old = t[y0 : y1 + 1, x0 : x1 + 1]
        rim = np.zeros(block.shape, bool)
        rim[0, :] = rim[-1, :] = rim[:, 0] = rim[:, -1] = True
        block[rim] = old[rim]
        diff = ~self.blocked[y0 : y1 + 1, x0 : x1 + 1] & (block != old)
        ys, xs = np.nonzero(diff)
        return list(zip((xs + x0).tolist(), (ys + y0).tolist(), block[ys, xs].tolist()))

    def close(self) -> list[tuple[int, int, int]] | None:
        walk, blocked = self.walk.item, self.blocked.item

        def dead_end(x: int, y: int) -> bool:
            return (
                walk(y, x)
                and not blocked(y, x)
                and walk(y - 1, x) + walk(y + 1, x) + walk(y, x - 1) + walk(y, x + 1) == 1
            )

        site = self.find_in(self.dead_ends, dead_end) or self.find(dead_end)
        if site is None:
            return None
        theme = int(self.build.regions[site[1], site[0]])
        wall = WALL_OF_THEME.get(theme, T.WALL)
        length = 2 + self.dice.below(2 + int(2 * self.size))
        changes = []
        x, y = site
        prev = None
        for _ in range(length):
            changes.append((x, y, wall))
            nxt = [(x + dx, y + dy) for dx, dy in _DIRS if walk(y + dy, x + dx) and (x + dx, y + dy) != prev]
            if len(nxt) != 1:
                break
            prev = (x, y)
            x, y = nxt[0]
            if blocked(y, x) or walk(y - 1, x) + walk(y + 1, x) + walk(y, x - 1) + walk(y, x + 1) > 2:
                break
        return changes

    def commit(self, changes: list[tuple[int, int, int]], check: bool) -> list[int] | None:
        """Apply changes; with `check`, keep them only if the invariant holds.

        Returns the codes the tiles held before, or None when rejected.
        """
        t = self.tiles
        arr = np.array(changes, np.intp).reshape(-1, 3)
        xs, ys, codes = arr[:, 0], arr[:, 1], arr[:, 2]
        old = t[ys, xs].copy()
        if check:
            box = (int(xs.min()), int(ys.min()), int(xs.max()), int(ys.max()))
            before = self.walk[max(0, box[1] - 8) : box[3] + 9, max(0, box[0] - 8) : box[2] + 9].copy()
        t[ys, xs] = codes
        self.walk[ys, xs] = T.STRICT[codes]
        if check and not self._safe(box, before):
            t[ys, xs] = old
            self.walk[ys, xs] = T.STRICT[old]
            return None
        self.journal.append((xs, ys, old))
        return old.tolist()

    def undo_to(self, length: int) -> None:
        """Undo committed changes, newest first, until the journal has `length` entries."""
        while len(self.journal) > length:
            xs, ys, old = self.journal.pop()
            self.tiles[ys, xs] = old
            self.walk[ys, xs] = T.STRICT[old]

    def _safe(self, box: tuple[int, int, int, int], before_window: np.ndarray) -> bool:
        h, w = self.tiles.shape
        if h * w <= GLOBAL_BELOW or (box[2] - box[0] + 13) * (box[3] - box[1] + 13) * 3 >= h * w:
            # On a small map one labelling of the whole map costs about what two
            # labellings of a window do, and it is exact.
            self.global_checks += 1
            return goals_connected(self.tiles, self.goals, self.portals)
        x0, y0 = max(0, box[0] - 8), max(0, box[1] - 8)
        before = self.walk.copy()
        before[y0 : y0 + before_window.shape[0], x0 : x0 + before_window.shape[1]] = before_window
        self.local_checks += 1
        if locally_safe(before, self.walk, box, self.anchors):
            return True
        self.global_checks += 1
        return goals_connected(self.tiles, self.goals, self.portals)
