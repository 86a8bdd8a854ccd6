"""Level specs: a dreamer profile plus seed, size, trapped dreamers and limits."""

from __future__ import annotations

import errno
import os
import re
from typing import TYPE_CHECKING, Any, NamedTuple

from dreamscape.core import resources
from dreamscape.core.climax import CLIMAXES, NO_CLIMAX, climax_for
from dreamscape.core.errors import InputError
from dreamscape.core.profile import DreamerProfile, load_profile, profile_from_dict
from dreamscape.core.validate import check_keys, get_float, get_int, get_str, get_table, read_toml

if TYPE_CHECKING:
    from pathlib import Path

LEVEL_FORMAT = 1
MIN_SIZE = (24, 16)
MAX_SIZE = (512, 512)
#: The play size: big enough for several regions, small enough to learn in a few minutes.
DEFAULT_SIZE = (96, 64)
MAX_SEED = 2**63 - 1
#: One trapped dreamer per this many tiles at most: each needs room to be deep and apart.
TILES_PER_DREAMER = 64
MAX_NAME = 100

LEVEL_KEYS = ("format", "name", "intro", "dreamer", "seed", "size", "trapped_dreamers", "time_limit", "climax", "overrides")
OVERRIDE_KEYS = ("glitch_rate", "manifestations", "loops", "shards", "window")


class Overrides(NamedTuple):
    """Optional generator knobs a level may set (multipliers default to 1)."""

    glitch_rate: float = 1.0
    manifestations: float = 1.0
    loops: float = 1.0
    shards: int | None = None
    #: Multiplies the derived rescue window's walking time (a chapter's difficulty).
    window: float = 1.0

    @property
    def window_permille(self) -> int:
        """`window` in thousandths, as the exact integer the pacing works with."""
        return int(round(self.window * 1000))

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key in OVERRIDE_KEYS:
            value = getattr(self, key)
            if value != Overrides._field_defaults[key]:
                out[key] = value
        return out


class LevelSpec(NamedTuple):
    """Everything the generator needs: the profile, seed, size and counts.

    A value (a NamedTuple, like the profile and overrides in it: classes
    which are cheap to define when a command starts); `_replace` makes a changed copy.
    """

    profile: DreamerProfile
    seed: int = 0
    size: tuple[int, int] = DEFAULT_SIZE
    trapped_dreamers: int = 0  # 0 means "derive from the size"
    time_limit: int = 0  # seconds; 0 means "derive from the size"
    name: str = ""
    intro: str = ""
    overrides: Overrides = Overrides()
    #: How the level ends: '' as every level always has, or one of core.climax.CLIMAXES.
    climax: str = ""

    @property
    def width(self) -> int:
        return self.size[0]

    @property
    def height(self) -> int:
        return self.size[1]

    def dreamer_count(self) -> int:
        """Trapped dreamers to place: the spec's number, or one per ~2000 tiles."""
        if self.trapped_dreamers:
            return self.trapped_dreamers
        return max(1, min(8, (self.width * self.height) // 2000))

    def time_limit_seconds(self) -> int:
        """The rescue window in seconds: the spec's, or derived from the area."""
        if self.time_limit:
            return self.time_limit
        return 90 + (self.width * self.height) // 40

    def check_capacity(self, source: str | None = None, field: str = "trapped_dreamers") -> None:
        """Raise InputError when the map is too small for its trapped dreamers."""
        room = (self.width * self.height) // TILES_PER_DREAMER
        wanted = self.dreamer_count()
        if wanted > room:
            need = wanted * TILES_PER_DREAMER
            raise InputError(
                source,
                field,
                f"{wanted} trapped dreamers need a map of at least {need} tiles; {self.width}x{self.height} holds at most {room}",
            )

    def with_seed(self, seed: int) -> "LevelSpec":
        return self._replace(seed=seed)

    def with_size(self, size: tuple[int, int]) -> "LevelSpec":
        return self._replace(size=size)

    def with_profile(self, profile: DreamerProfile) -> "LevelSpec":
        return self._replace(profile=profile)

    def to_dict(self) -> dict[str, Any]:
        """Plain data, with the profile inline (recordings embed this)."""
        out: dict[str, Any] = {
            "format": LEVEL_FORMAT,
            "name": self.name or self.profile.name,
            "dreamer": self.profile.to_dict(),
            "seed": self.seed,
            "size": list(self.size),
        }
        if self.trapped_dreamers:
            out["trapped_dreamers"] = self.trapped_dreamers
        if self.time_limit:
            out["time_limit"] = self.time_limit
        if self.intro:
            out["intro"] = self.intro
        # Always written, so that reading it back never derives one (see climax_for).
        out["climax"] = self.climax or NO_CLIMAX
        overrides = self.overrides.to_dict()
        if overrides:
            out["overrides"] = overrides
        return out


def check_size(source: str | None, field: str, width: Any, height: Any) -> tuple[int, int]:
    """A (width, height) inside the supported range."""
    lo, hi = MIN_SIZE, MAX_SIZE
    for value, axis, low, high in ((width, "width", lo[0], hi[0]), (height, "height", lo[1], hi[1])):
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise InputError(
                source, field, f"{axis} must be an integer from {low} to {high} (sizes run {lo[0]}x{lo[1]} to {hi[0]}x{hi[1]}), got {value!r}"
            )
    return int(width), int(height)


def parse_size(text: str, source: str | None = None, field: str = "--size") -> tuple[int, int]:
    """Parse 'WxH' from the command line."""
    match = re.fullmatch(r"\s*(\d+)\s*[xX]\s*(\d+)\s*", text)
    if not match:
        raise InputError(source, field, f"expected WIDTHxHEIGHT such as 96x64, got {text!r}")
    return check_size(source, field, int(match.group(1)), int(match.group(2)))


def level_from_dict(data: dict[str, Any], source: str, base_dir: str | os.PathLike[str] | None = None, default_name: str = "") -> LevelSpec:
    """Validate a parsed level table."""
    check_keys(source, "", data, LEVEL_KEYS)
    if "format" in data:
        get_int(source, "format", data["format"], LEVEL_FORMAT, LEVEL_FORMAT)
    if "dreamer" not in data:
        raise InputError(source, "dreamer", "missing: name a profile (dreamer = \"leo\") or give an inline [dreamer] table")
    profile = _resolve_dreamer(data["dreamer"], source, base_dir)
    seed = get_int(source, "seed", data.get("seed", 0), 0, MAX_SEED)
    size = DEFAULT_SIZE
    if "size" in data:
        raw = data["size"]
        if not isinstance(raw, list) or len(raw) != 2:
            raise InputError(source, "size", f"expected [width, height], got {raw!r}")
        size = check_size(source, "size", raw[0], raw[1])
    trapped = get_int(source, "trapped_dreamers", data["trapped_dreamers"], 1, 400) if "trapped_dreamers" in data else 0
    time_limit = get_int(source, "time_limit", data["time_limit"], 10, 36000) if "time_limit" in data else 0
    name = get_str(source, "name", data["name"]) if "name" in data else default_name
    intro = get_str(source, "intro", data["intro"], lines=True) if "intro" in data else ""
    overrides = _overrides(source, data.get("overrides", {}))
    # A level that names no climax ends as its dreamer's strongest fear calls for (any seed).
    climax = _climax(source, data["climax"]) if "climax" in data else climax_for(profile.fears, profile.desires)
    spec = LevelSpec(profile, seed, size, trapped, time_limit, name, intro, overrides, climax)
    spec.check_capacity(source)
    return spec


def _climax(source: str, raw: Any) -> str:
    allowed = ", ".join(f'"{c}"' for c in CLIMAXES + (NO_CLIMAX,))
    if not isinstance(raw, str) or raw not in CLIMAXES + (NO_CLIMAX,):
        raise InputError(source, "climax", f"unknown climax {raw!r}; allowed: {allowed}")
    return "" if raw == NO_CLIMAX else raw


def _overrides(source: str, raw: Any) -> Overrides:
    table = get_table(source, "overrides", raw)
    check_keys(source, "overrides.", table, OVERRIDE_KEYS, "override")
    values: dict[str, Any] = {}
    for key in ("glitch_rate", "manifestations", "loops"):
        if key in table:
            values[key] = get_float(source, f"overrides.{key}", table[key], 0.0, 4.0)
    if "window" in table:
        values["window"] = get_float(source, "overrides.window", table["window"], 0.25, 4.0)
    if "shards" in table:
        values["shards"] = get_int(source, "overrides.shards", table["shards"], 0, 500)
    return Overrides(**values)


def _resolve_dreamer(raw: Any, source: str, base_dir: str | os.PathLike[str] | None) -> DreamerProfile:
    if isinstance(raw, dict):
        return profile_from_dict(raw, source, prefix="dreamer.")
    stem = get_str(source, "dreamer", raw)
    if len(stem) > MAX_NAME or not re.fullmatch(r"[A-Za-z0-9_\-]+", stem):
        raise InputError(source, "dreamer", f"expected a profile file stem like \"leo\", got {stem!r}")
    candidates = []
    if base_dir is not None:
        candidates += [os.path.join(base_dir, f"{stem}.toml"), os.path.join(os.path.dirname(base_dir), "dreamers", f"{stem}.toml")]
    candidates.append(os.path.join(resources.levels_folder(), "dreamers", f"{stem}.toml"))
    for path in candidates:
        if os.path.isfile(path):
            return load_profile(path)
    known = ", ".join(p.stem for p in resources.bundled_dreamers())
    raise InputError(source, "dreamer", f"no profile named '{stem}' (bundled: {known})")


def _stem(path: str) -> str:
    """The file name without its last suffix, as `Path.stem` gives it."""
    return os.path.splitext(os.path.basename(path))[0]


def _plain(path: str) -> str:
    """`path` spelled as pathlib spells it: no empty or '.' parts and no
    trailing separator ('..' kept: folding it could pass through a link)."""
    if not path:
        return path
    separators = os.sep + (os.altsep or "")
    parts = [part for part in re.split(f"[{re.escape(separators)}]", path) if part not in ("", ".")]
    head = path[0] if path[0] in separators else ""
    return head + os.sep.join(parts) or "."


def load_level(path: str | os.PathLike[str]) -> LevelSpec:
    """Read and validate a level TOML file."""
    path = _plain(os.fspath(path))
    data = read_toml(path)
    return level_from_dict(data, path, os.path.dirname(path), default_name=_stem(path).replace("_", " ").title())


def is_level_table(data: dict[str, Any]) -> bool:
    """A level names a dreamer; a profile holds fears, desires and turmoil itself."""
    return "dreamer" in data or "seed" in data or "size" in data


def load_level_or_profile(path_or_name: str | Path) -> LevelSpec:
    """Load a level file, or wrap a profile file in a default level.

    A bare name ('leo', 'ch1_loop') is looked up among the bundled dreamers and
    chapters when no such file exists.
    """
    path = _plain(os.fspath(path_or_name))
    try:
        os.stat(path)
        exists = True
    except OSError as exc:
        # As Path.exists: missing, under a file, a loop of links: the reader says which.
        if exc.errno not in (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP):  # e.g. a name too long for the file system
            raise InputError(path[:MAX_NAME] + ("..." if len(path) > MAX_NAME else ""), None, "not a readable file name") from None
        exists = False
    except ValueError:  # a NUL in the name
        raise InputError(repr(path)[:MAX_NAME], None, "not a readable file name") from None
    if not exists and len(path) <= MAX_NAME and re.fullmatch(r"[A-Za-z0-9_\-]+", path):  # a bare name, no folder or suffix
        for folder in ("dreamers", "chapters"):
            bundled = os.path.join(resources.levels_folder(), folder, f"{path}.toml")
            if os.path.isfile(bundled):
                path = bundled
                break
    data = read_toml(path)
    if is_level_table(data):
        return level_from_dict(data, path, os.path.dirname(path), default_name=_stem(path).replace("_", " ").title())
    profile = profile_from_dict(data, path, default_name=_stem(path).title())
    return LevelSpec(profile=profile, name=profile.name, climax=climax_for(profile.fears, profile.desires))
