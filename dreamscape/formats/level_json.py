"""The level JSON written by `dreamscape generate --json` (format in DESIGN.md).

Self-describing: a legend says what each tile character is and whether it can
be walked on, so a tool that knows nothing of Dreamscape can check the map.
"""

from __future__ import annotations

import json
from typing import Any

from dreamscape import __version__
from dreamscape.core import tiles as T
from dreamscape.core.timing import TICKS_PER_SECOND
from dreamscape.gen.dreamscape import Dreamscape

FORMAT = "dreamscape-level"
FORMAT_VERSION = 1


def to_document(ds: Dreamscape, metrics: dict[str, Any]) -> dict[str, Any]:
    """The level JSON document as plain data."""
    c = ds.canonical()
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "game_version": __version__,
        "generator_version": ds.generator_version,
        "seed": ds.seed,
        "hash": ds.content_hash(),
        "name": ds.spec.name or ds.spec.profile.name,
        "spec": ds.spec.to_dict(),
        "width": ds.width,
        "height": ds.height,
        "tick_rate": TICKS_PER_SECOND,
        # The rescue window the simulation counts down, and the span the glitch schedule covers.
        "time_limit_ticks": int(ds.stats.get("rescue_window", ds.time_limit_ticks)),
        "glitch_horizon_ticks": int(ds.stats.get("glitch_horizon", ds.time_limit_ticks)),
        "tiles": c["tiles"],
        "legend": {t.char: {"name": t.name, "walkable": t.walkable, "description": t.description} for t in T.TILE_TYPES},
        "regions": c["regions"],
        "region_legend": {t.char: {"name": t.name, "description": t.description} for t in T.THEMES},
        "start": c["start"],
        "exit": c["exit"],
        "dreamers": c["dreamers"],
        "manifestations": c["manifestations"],
        "lures": c["lures"],
        "shards": c["shards"],
        "portals": c["portals"],
        "glitches": c["glitches"],
        "metrics": metrics,
    }


_ROWS = ("tiles", "regions")
_LISTS = ("dreamers", "manifestations", "lures", "shards", "portals", "glitches")


def dumps(ds: Dreamscape, metrics: dict[str, Any]) -> str:
    """The level JSON as text: one map row, entity or glitch per line, for diffs and eyes."""
    doc = to_document(ds, metrics)
    parts = []
    for key, value in doc.items():
        if (key in _ROWS or key in _LISTS) and value:
            body = ",\n".join("  " + json.dumps(item, separators=(",", ":")) for item in value)
            text = "[\n" + body + "\n ]"
        elif isinstance(value, dict) and key != "spec":
            body = ",\n".join(f"  {json.dumps(k)}: {json.dumps(v)}" for k, v in value.items())
            text = "{\n" + body + "\n }"
        else:
            text = json.dumps(value)
        parts.append(f" {json.dumps(key)}: {text}")
    return "{\n" + ",\n".join(parts) + "\n}\n"
