"""An illumination's archive in the studio: its elites on their grid, to browse and load into the sliders.

    panel = ArchivePanel.open(Path("lila_qd"))     # a folder `dreamscape illuminate` wrote
    panel.load(model)                              # the chosen elite's knobs and seed into the sliders
    cells = panel.draw(screen, rect)               # cell -> rectangle drawn, for clicks

Tab and Shift+Tab step from elite to elite (in cell order); a click on a
filled cell chooses it. Choosing loads it at once (one step of undo).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pygame

from dreamscape.designer.illuminate import Elite
from dreamscape.render import palette as P
from dreamscape.studio import style as S

#: Quality from low to high: a dark violet through teal to yellow (viridis' ends and middle).
_LOW, _MID, _HIGH = (68, 1, 84), (33, 145, 140), (253, 231, 37)


def quality_colour(share: float) -> tuple[int, int, int]:
    """The colour of a quality `share` of the way from the archive's lowest to its highest."""
    share = min(1.0, max(0.0, share))
    if share < 0.5:
        return P.mix(_LOW, _MID, share * 2)
    return P.mix(_MID, _HIGH, (share - 0.5) * 2)


@dataclass
class ArchivePanel:
    """The elites of one illumination and which of them is chosen."""

    folder: Path
    target: str
    x: str
    y: str
    cells: tuple[int, int]
    size: tuple[int, int]
    elites: dict[tuple[int, int], Elite]
    chosen: tuple[int, int] | None = None
    drawn: dict[tuple[int, int], pygame.Rect] = field(default_factory=dict)

    @classmethod
    def open(cls, folder: Path) -> "ArchivePanel":
        """Read `folder`'s state and archive (InputError, naming the file, when either is missing or damaged)."""
        from dreamscape.designer.illuminate_files import read_elites, read_state

        state = read_state(folder, None)
        elites = {e.cell: e for e in read_elites(folder, list(state["vary"]), None)}
        order = sorted(elites)
        return cls(
            folder,
            str(state["target"]),
            str(state["x"]),
            str(state["y"]),
            (int(state["cells"][0]), int(state["cells"][1])),
            (int(state["size"][0]), int(state["size"][1])),
            elites,
            order[0] if order else None,
        )

    @property
    def elite(self) -> Elite | None:
        """The chosen elite."""
        return self.elites.get(self.chosen) if self.chosen is not None else None

    def step(self, delta: int) -> bool:
        """Choose the next (or previous) elite in cell order; False when there is none."""
        order = sorted(self.elites)
        if not order:
            return False
        i = order.index(self.chosen) if self.chosen in self.elites else -1
        self.chosen = order[(i + delta) % len(order)]
        return True

    def choose_at(self, pos: tuple[int, int]) -> bool:
        """Choose the filled cell drawn under `pos`; False when there is none there."""
        for cell, rect in self.drawn.items():
            if rect.collidepoint(pos) and cell in self.elites:
                self.chosen = cell
                return True
        return False

    def load(self, model) -> bool:
        """Set the chosen elite's knobs and seed on `model` (a StudioModel) as one undoable change."""
        elite = self.elite
        if elite is None:
            return False
        changed = False
        first = True
        for key, value in [*elite.knobs.items(), ("seed", float(elite.seed))]:
            changed = model.set_value(key, value, record=first) or changed
            first = first and not changed
        model.message = f"elite {elite.cell[0]},{elite.cell[1]}: quality {elite.quality:.3g}, {self.x} {elite.row[self.x]}, {self.y} {elite.row[self.y]}"
        return changed

    def draw(self, screen: pygame.Surface, rect: pygame.Rect) -> dict[tuple[int, int], pygame.Rect]:
        """The grid in `rect`: each filled cell in its quality's colour, the chosen one ringed; returns where cells went."""
        pygame.draw.rect(screen, P.INK, rect)
        pygame.draw.rect(screen, P.PANEL_RULE, rect, 1)
        title = f"archive: {len(self.elites)} of {self.cells[0] * self.cells[1]} cells  (Tab: next elite)"
        S.text(screen, S.fit(title, rect.width - 8, S.HEADER_PX), (rect.x + 4, rect.y + 3), S.HEADER_PX, P.TEXT_DIM, anchor="topleft")
        grid = pygame.Rect(rect.x + 4, rect.y + 20, rect.width - 8, rect.height - 24)
        cw, ch = grid.width / self.cells[0], grid.height / self.cells[1]
        qualities = [e.quality for e in self.elites.values()]
        lo, hi = (min(qualities), max(qualities)) if qualities else (0.0, 1.0)
        self.drawn = {}
        for (cx, cy), elite in self.elites.items():
            # Cell y grows upwards, as on the heatmap.
            cell = pygame.Rect(round(grid.x + cx * cw), round(grid.bottom - (cy + 1) * ch), max(1, round(cw) - 1), max(1, round(ch) - 1))
            share = (elite.quality - lo) / (hi - lo) if hi > lo else 1.0
            pygame.draw.rect(screen, quality_colour(share), cell)
            self.drawn[(cx, cy)] = cell
        if self.chosen in self.drawn:
            pygame.draw.rect(screen, P.TEXT, self.drawn[self.chosen].inflate(4, 4), 2)
        return self.drawn
