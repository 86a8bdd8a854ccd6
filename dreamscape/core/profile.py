"""Dreamer profiles: named fears and desires with intensities, and turmoil."""

from __future__ import annotations

import os
from typing import Any, NamedTuple

from dreamscape.core.errors import unknown_name
from dreamscape.core.validate import check_keys, get_float, get_str, get_table, read_toml
from dreamscape.core.vocabulary import DESIRES, FEARS

PROFILE_KEYS = ("name", "turmoil", "fears", "desires", "about")


class DreamerProfile(NamedTuple):
    """One character's inner life. Absent names have intensity 0.

    A value: `with_knob` makes a changed copy and never touches the
    mappings of this one, so profiles may share them (the empty defaults too).
    """

    name: str
    turmoil: float = 0.0
    fears: dict[str, float] = {}
    desires: dict[str, float] = {}
    about: str = ""

    def fear(self, name: str) -> float:
        """Intensity of a fear in [0, 1]."""
        if name not in FEARS:
            raise KeyError(name)
        return self.fears.get(name, 0.0)

    def desire(self, name: str) -> float:
        """Intensity of a desire in [0, 1]."""
        if name not in DESIRES:
            raise KeyError(name)
        return self.desires.get(name, 0.0)

    def knob(self, name: str) -> float:
        """Any vocabulary name or 'turmoil'."""
        if name == "turmoil":
            return self.turmoil
        if name in FEARS:
            return self.fear(name)
        return self.desire(name)

    def with_knob(self, name: str, value: float) -> "DreamerProfile":
        """A copy with one fear, desire or turmoil set (used by sweeps and the studio)."""
        if name == "turmoil":
            return DreamerProfile(self.name, value, dict(self.fears), dict(self.desires), self.about)
        fears, desires = dict(self.fears), dict(self.desires)
        if name in FEARS:
            fears[name] = value
        elif name in DESIRES:
            desires[name] = value
        else:
            raise KeyError(name)
        return DreamerProfile(self.name, self.turmoil, fears, desires, self.about)

    def to_dict(self) -> dict[str, Any]:
        """Canonical plain-data form (sorted names, zeros dropped)."""
        out: dict[str, Any] = {"name": self.name, "turmoil": self.turmoil}
        out["fears"] = {k: self.fears[k] for k in FEARS if self.fears.get(k, 0.0) > 0.0}
        out["desires"] = {k: self.desires[k] for k in DESIRES if self.desires.get(k, 0.0) > 0.0}
        if self.about:
            out["about"] = self.about
        return out


def profile_from_dict(data: dict[str, Any], source: str, prefix: str = "", default_name: str = "") -> DreamerProfile:
    """Validate a parsed profile table (a file, or a level's inline [dreamer])."""
    check_keys(source, prefix, data, PROFILE_KEYS)
    name = get_str(source, f"{prefix}name", data["name"]) if "name" in data else default_name
    if not name:
        name = "Dreamer"
    turmoil = get_float(source, f"{prefix}turmoil", data.get("turmoil", 0.0), 0.0, 1.0)
    about = get_str(source, f"{prefix}about", data["about"], lines=True) if "about" in data else ""
    fears = _intensities(source, f"{prefix}fears", data.get("fears", {}), FEARS, "fear")
    desires = _intensities(source, f"{prefix}desires", data.get("desires", {}), DESIRES, "desire")
    return DreamerProfile(name=name, turmoil=turmoil, fears=fears, desires=desires, about=about)


def _intensities(source: str, field: str, raw: Any, allowed: tuple[str, ...], what: str) -> dict[str, float]:
    table = get_table(source, field, raw)
    out: dict[str, float] = {}
    for key, value in table.items():
        if key not in allowed:
            raise unknown_name(source, f"{field}.{key}", key, allowed, what)
        out[key] = get_float(source, f"{field}.{key}", value, 0.0, 1.0)
    return {k: out[k] for k in allowed if k in out}


def load_profile(path: str | os.PathLike[str]) -> DreamerProfile:
    """Read and validate a dreamer profile TOML file."""
    path = os.fspath(path)  # callers pass a plain path (core.level) or a Path
    data = read_toml(path)
    return profile_from_dict(data, path, default_name=os.path.splitext(os.path.basename(path))[0].title())
