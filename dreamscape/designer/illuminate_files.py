"""What `dreamscape illuminate` writes into its folder, and reads back to resume.

    DIR/archive.csv     one row per elite: cell, quality, seed, knobs, the candidate vector, every metric
    DIR/heatmap.png     quality per cell; coverage in the title (drawn when the run ends or is interrupted)
    DIR/levels/*.toml   each elite as a level file (loads, plays and renders like any level)
    DIR/state.json      what the run was asked, the archive's bounds and how many evaluations it made

Every file is written atomically, so an interrupted or failed write leaves
the last complete version in place.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from dreamscape.core.errors import InputError
from dreamscape.designer.illuminate import Elite, Illumination
from dreamscape.designer.sweep import COLUMNS
from dreamscape.formats.atomic import write_all_atomic

ARCHIVE = "archive.csv"
HEATMAP = "heatmap.png"
STATE = "state.json"
LEVELS = "levels"
STATE_FORMAT = 1


def level_name(elite: Elite) -> str:
    return f"elite_{elite.cell[0]:02d}_{elite.cell[1]:02d}.toml"


def archive_csv(search: Illumination) -> bytes:
    """The elites, in cell order."""
    knob_cols = [f"knob_{k}" for k in search.vary]
    vec_cols = [f"u{i}" for i in range(len(search.vary) + 1)]
    head = ["cell_x", "cell_y", "quality", "level"] + knob_cols + vec_cols + list(COLUMNS)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(head)
    for cell in sorted(search.elites):
        e = search.elites[cell]
        writer.writerow(
            [*cell, repr(e.quality), f"{LEVELS}/{level_name(e)}"]
            + [repr(e.knobs[k]) for k in search.vary]
            + [repr(v) for v in e.solution]
            + [e.row[c] for c in COLUMNS]
        )
    return out.getvalue().encode("utf-8")


def state_json(search: Illumination, target: str, budget: int) -> bytes:
    state = {
        "format": STATE_FORMAT,
        "target": target,
        "x": search.x,
        "y": search.y,
        "vary": search.vary,
        "cells": list(search.cells),
        "seed": search.seed,
        "size": [search.spec.width, search.spec.height],
        "ranges": search.ranges,
        "evaluations": search.evaluations,
        "budget": budget,
        "coverage": search.coverage,
    }
    return (json.dumps(state, indent=2) + "\n").encode("utf-8")


def write_all(folder: Path, search: Illumination, target: str, budget: int, written: dict | None = None, heatmap: bool = True) -> None:
    """The archive, the state, the level file of every elite not in `written` (cell -> the elite
    whose file is there; updated) and, with `heatmap`, the heatmap: all of them atomically."""
    from dreamscape.formats.level_toml import level_to_toml

    levels = folder / LEVELS
    levels.mkdir(parents=True, exist_ok=True)
    written = {} if written is None else written
    outputs: list[tuple] = []
    fresh = [e for e in search.elites.values() if written.get(e.cell) is not e]
    for e in fresh:
        spec, _ = search.spec_for(e.solution)
        named = spec._replace(name=f"{search.spec.name or search.spec.profile.name} elite {e.cell[0]},{e.cell[1]}")
        outputs.append((levels / level_name(e), level_to_toml(named).encode("utf-8"), "--out"))
    outputs.append((folder / ARCHIVE, archive_csv(search), "--out"))
    if heatmap:
        outputs.append((folder / HEATMAP, heatmap_png(search), "--out"))
    outputs.append((folder / STATE, state_json(search, target, budget), "--out"))
    write_all_atomic(outputs)
    written.update((e.cell, e) for e in fresh)


def heatmap_png(search: Illumination) -> bytes:
    """Quality per cell (empty cells blank), the axes in metric units, coverage in the title."""
    import numpy as np

    from dreamscape.designer.range_plot import DPI, axis_label, new_figure

    assert search.ranges is not None
    grid = np.full((search.cells[1], search.cells[0]), np.nan)
    for (cx, cy), e in search.elites.items():
        grid[cy, cx] = e.quality
    fig = new_figure((1000, 800))
    ax = fig.add_subplot()
    (x0, x1), (y0, y1) = search.ranges
    image = ax.imshow(grid, origin="lower", extent=(x0, x1, y0, y1), aspect="auto", cmap="viridis", interpolation="nearest")
    fig.colorbar(image, ax=ax).set_label("quality: dreamer_spread / (1 + retries + glitch_retries)")
    name = search.spec.name or search.spec.profile.name
    ax.set_title(
        f"{name}: {len(search.elites)} of {search.cells[0] * search.cells[1]} cells filled "
        f"(coverage {search.coverage:.0%}) after {search.evaluations} evaluations\nvaried: {', '.join(search.vary) or 'seed'}"
    )
    ax.set_xlabel(axis_label(search.x))
    ax.set_ylabel(axis_label(search.y, 50))
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=DPI)
    return out.getvalue()


def read_state(folder: Path, field: str | None = "--resume") -> dict:
    """The state of an earlier run in `folder` (InputError, naming `field`, when there is none or it is damaged)."""
    path = folder / STATE
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(state, dict) or state.get("format") != STATE_FORMAT:
            raise ValueError("unknown format")
        missing = [k for k in ("target", "x", "y", "vary", "cells", "size", "ranges", "evaluations") if k not in state]
        if missing:
            raise ValueError(f"missing {', '.join(missing)}")
        return state
    except FileNotFoundError:
        raise InputError(str(path), field, "no earlier illumination here (state.json is missing)") from None
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise InputError(str(path), field, f"cannot read the earlier illumination's state ({exc})") from None


def read_elites(folder: Path, vary: list[str], field: str | None = "--resume") -> list[Elite]:
    """The elites of archive.csv, as they were written."""
    from dreamscape.designer.metrics import METRIC_NAMES

    path = folder / ARCHIVE
    try:
        rows = list(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))
        elites = []
        for r in rows:
            row: dict = {"seed": int(r["seed"]), "hash": r["hash"], "ms": float(r["ms"])}
            for name in METRIC_NAMES:
                value = r[name]
                row[name] = float(value) if any(c in value for c in ".en") else int(value)
            solution = tuple(float(r[f"u{i}"]) for i in range(len(vary) + 1))
            knobs = {k: float(r[f"knob_{k}"]) for k in vary}
            elites.append(Elite((int(r["cell_x"]), int(r["cell_y"])), knobs, int(r["seed"]), solution, row, float(r["quality"])))
        return elites
    except (OSError, KeyError, ValueError, UnicodeDecodeError) as exc:
        raise InputError(str(path), field, f"cannot read the earlier archive ({type(exc).__name__}: {exc})") from None
