"""Expressive-range plots: where a level's seeds land in metric space, and how a knob moves them.

    fig = heatmap_figure(xs, ys, "dead_ends", "loops", title, (1200, 900), True, True)
    fig = response_figure(steps, {"dead_ends": [values at each step]}, "being_trapped", title, (1200, 900), {"dead_ends": +1})
    save_figure(fig, "leo_range.png")

Matplotlib is drawn straight onto an Agg canvas (no pyplot), so nothing here
touches a display or global plotting state.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from dreamscape.formats.atomic import write_atomic
from dreamscape.designer.metrics import DESCRIPTIONS

DPI = 100
#: More bins than this turns a heatmap into noise at any sensible seed count.
MAX_BINS = 60
CMAP = "viridis"


def new_figure(size: tuple[int, int]) -> Figure:
    """A figure of exactly `size` (width, height) pixels on an Agg canvas."""
    fig = Figure(figsize=(size[0] / DPI, size[1] / DPI), dpi=DPI, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def save_figure(fig: Figure, path: str | Path, field: str | None = None) -> None:
    """Write the figure as a PNG of its exact pixel size, atomically (OutputError names `path` and `field`)."""
    # No bbox_inches="tight": that would crop the figure away from the size asked for.
    write_atomic(Path(path), lambda out: fig.savefig(out, format="png", dpi=DPI), field)


def max_bins(n: int) -> int:
    """Bins per axis for n seeds: about 2 n^(1/3), so the 2D cells fill (12 at 200 seeds, 20 at 1,000)."""
    return max(8, min(MAX_BINS, round(2 * n ** (1 / 3))))


def bin_edges(values: Sequence[float], integer: bool) -> np.ndarray:
    """Histogram edges: one bin per integer (or per few integers) for counts, automatic for ratios."""
    lo, hi = float(min(values)), float(max(values))
    most = max_bins(len(values))
    if integer:
        # Edges at half-integers put each count in the middle of its own bin.
        step = max(1, math.ceil((hi - lo + 1) / most))
        bins = math.ceil((hi - lo + 1) / step)
        return lo - 0.5 + step * np.arange(bins + 1)
    if hi == lo:
        pad = max(abs(lo) * 0.05, 0.005)
        return np.array([lo - pad, hi + pad])
    edges = np.histogram_bin_edges(np.asarray(values, float), bins="auto")
    if len(edges) - 1 > most:
        edges = np.linspace(lo, hi, most + 1)
    return edges


def axis_label(metric: str, width: int = 60) -> str:
    """'dead_ends: walkable tiles with exactly one walkable neighbour', wrapped."""
    return textwrap.fill(f"{metric}: {DESCRIPTIONS.get(metric, '')}", width)


def heatmap_figure(
    xs: Sequence[float],
    ys: Sequence[float],
    x_name: str,
    y_name: str,
    title: str,
    size: tuple[int, int],
    x_integer: bool,
    y_integer: bool,
) -> Figure:
    """A 2D histogram of two metrics over seeds, with a colour bar counting seeds."""
    fig = new_figure(size)
    ax = fig.add_subplot()
    if len(xs):
        x_edges, y_edges = bin_edges(xs, x_integer), bin_edges(ys, y_integer)
        counts, _, _ = np.histogram2d(np.asarray(xs, float), np.asarray(ys, float), bins=[x_edges, y_edges])
        # Empty bins stay background, so the shape of the range reads at a glance.
        shown = np.ma.masked_equal(counts.T, 0)
        mesh = ax.pcolormesh(x_edges, y_edges, shown, cmap=CMAP, vmin=1, vmax=max(1, counts.max()))
        bar = fig.colorbar(mesh, ax=ax)
        bar.set_label("seeds")
        bar.ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    else:
        ax.text(0.5, 0.5, "no seeds generated", ha="center", va="center", transform=ax.transAxes)
    ax.set_xlabel(axis_label(x_name))
    ax.set_ylabel(axis_label(y_name, 50))
    ax.set_title(title)
    ax.grid(True, alpha=0.25)
    return fig


def response_figure(
    steps: Sequence[float],
    series: dict[str, list[list[float]]],
    knob: str,
    title: str,
    size: tuple[int, int],
    documented: dict[str, int],
    own: tuple[str, float] | None = None,
) -> Figure:
    """Per metric, the mean over seeds with a ±1 standard deviation band against the knob value.

    `series[metric][i]` holds the metric's values over the seeds at `steps[i]`;
    `documented` maps a metric to the direction (+1/-1) the vocabulary
    promises for this knob, shown in that subplot's title; `own` (dreamer
    name, value) marks the level's own setting of the knob.
    """
    fig = new_figure(size)
    names = list(series)
    cols = min(3, len(names))
    rows = math.ceil(len(names) / cols)
    axes = fig.subplots(rows, cols, squeeze=False)
    x = np.asarray(steps, float)
    for index, name in enumerate(names):
        ax = axes[index // cols][index % cols]
        mean = np.array([np.mean(v) if len(v) else np.nan for v in series[name]])
        sd = np.array([np.std(v) if len(v) else np.nan for v in series[name]])
        ax.fill_between(x, mean - sd, mean + sd, alpha=0.25, linewidth=0, label="±1 sd")
        ax.plot(x, mean, marker="o", markersize=3, label="mean")
        if own is not None:
            ax.axvline(own[1], color="grey", linestyle="--", linewidth=1, label=f"{own[0]}'s own")
        heading = name
        if name in documented:
            heading += f"  (documented: {'up' if documented[name] > 0 else 'down'})"
        ax.set_title(heading, fontsize="medium")
        ax.set_xlabel(f"{knob} intensity")
        ax.set_ylabel(textwrap.fill(DESCRIPTIONS.get(name, name), 34), fontsize="small")
        ax.set_xlim(float(x[0]), float(x[-1]))
        ax.grid(True, alpha=0.25)
    for index in range(len(names), rows * cols):
        axes[index // cols][index % cols].set_visible(False)
    axes[0][0].legend(loc="best", fontsize="small")
    fig.suptitle(title)
    return fig
