"""A LevelSpec as a level TOML file that `load_level` reads back to the same spec.

The dreamer goes inline ([dreamer], [dreamer.fears], [dreamer.desires]), so a
saved level stands alone wherever it is copied.
"""

from __future__ import annotations

from dreamscape.core.climax import NO_CLIMAX
from dreamscape.core.level import LEVEL_FORMAT, OVERRIDE_KEYS, LevelSpec
from dreamscape.core.profile import DreamerProfile
from dreamscape.core.vocabulary import DESIRES, FEARS

_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def toml_string(text: str) -> str:
    """A TOML basic string holding exactly `text` (control characters escaped)."""
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def toml_number(value: float | int) -> str:
    """An integer as is; a float in its shortest exact form (repr round-trips)."""
    if isinstance(value, bool):
        raise TypeError("booleans are not level numbers")
    if isinstance(value, int):
        return str(value)
    return repr(float(value))


def level_to_toml(spec: LevelSpec) -> str:
    """The whole level: format, name, intro, seed, size, counts, climax, overrides and the dreamer."""
    lines = [
        f"format = {LEVEL_FORMAT}",
        f"name = {toml_string(spec.name or spec.profile.name)}",
    ]
    if spec.intro:
        lines.append(f"intro = {toml_string(spec.intro)}")
    lines.append(f"seed = {spec.seed}")
    lines.append(f"size = [{spec.width}, {spec.height}]")
    if spec.trapped_dreamers:
        lines.append(f"trapped_dreamers = {spec.trapped_dreamers}")
    if spec.time_limit:
        lines.append(f"time_limit = {spec.time_limit}")
    # Always written: a level without the key would take its dreamer's climax.
    lines.append(f"climax = {toml_string(spec.climax or NO_CLIMAX)}")
    overrides = spec.overrides.to_dict()
    if overrides:
        lines += ["", "[overrides]"]
        lines += [f"{key} = {toml_number(overrides[key])}" for key in OVERRIDE_KEYS if key in overrides]
    lines += [""] + _dreamer_lines(spec.profile)
    return "\n".join(lines) + "\n"


def _dreamer_lines(profile: DreamerProfile) -> list[str]:
    lines = ["[dreamer]", f"name = {toml_string(profile.name)}"]
    if profile.about:
        lines.append(f"about = {toml_string(profile.about)}")
    lines.append(f"turmoil = {toml_number(float(profile.turmoil))}")
    for title, names, values in (("fears", FEARS, profile.fears), ("desires", DESIRES, profile.desires)):
        lines += ["", f"[dreamer.{title}]"]
        # Zero means absent: the loader gives a missing name intensity 0.
        lines += [f"{name} = {toml_number(float(values[name]))}" for name in names if values.get(name, 0.0) > 0.0]
    return lines
