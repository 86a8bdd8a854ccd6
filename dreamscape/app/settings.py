"""The player's settings, kept as JSON in config_dir()/settings.json.

    settings, message = load_settings()   # never raises for a bad file
    if message:
        show(message)                     # one line naming the file
    save_settings(settings.replace(music_volume=0.3))

A damaged file never stops the game: valid fields are kept, bad ones fall
back to their defaults, and saving replaces the file atomically so a crash
mid-write leaves the previous file whole.
"""

from __future__ import annotations

import copy
import dataclasses
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dreamscape.app.input.actions import Action
from dreamscape.app.input.bindings import DEFAULT_KEYS, DEFAULT_PAD, check_bindings, default_key_bindings, default_pad_bindings
from dreamscape.app.input.key_names import normalize_key_name
from dreamscape.app.input.pad_names import normalize_pad_input
from dreamscape.app.json_store import JsonStore
from dreamscape.app.paths import config_dir

SETTINGS_VERSION = 1
SETTINGS_FILE = "settings.json"
#: A damaged file keeps its good fields; the notice names the bad ones.
STORE = JsonStore("settings", "using defaults", "bad values", "using defaults for those")

#: Allowed range of each numeric setting.
RANGES: dict[str, tuple[float, float]] = {
    "master_volume": (0.0, 1.0),
    "music_volume": (0.0, 1.0),
    "effects_volume": (0.0, 1.0),
    "glitch_intensity": (0.0, 1.0),
    "text_scale": (0.75, 2.0),
}
BOOLEANS = ("colour_blind", "relaxed", "fullscreen", "show_minimap", "notice_seen")
MIN_WINDOW = (640, 360)
# Far beyond any display; only here to refuse absurd values from a hand-edited file.
MAX_WINDOW = (16384, 16384)


@dataclass
class Settings:
    """Everything the player can change; construction clamps or rejects bad values.

    master_volume, music_volume, effects_volume: 0..1 (music and effects are
        scaled by the master volume).
    glitch_intensity: 0..1 strength of screen effects; 0 turns them off.
    text_scale: 0.75..2.0 multiplier for all text.
    colour_blind: use the colour-blind-safe palette.
    relaxed: lengthens the window for rescuing a trapped dreamer.
    fullscreen: start fullscreen; window_size is used otherwise.
    window_size: (width, height) in pixels, at least 640x360.
    show_minimap: draw the minimap while playing.
    notice_seen: the photosensitivity notice has been read.
    keys: action name ('WAKE') -> pygame key names, in slot order.
    pad: action name -> gamepad inputs ('button:0', 'hat:0:up', 'axis:1:+').
    version: the file format version.
    """

    master_volume: float = 0.8
    music_volume: float = 0.6
    effects_volume: float = 0.8
    glitch_intensity: float = 0.6
    text_scale: float = 1.0
    colour_blind: bool = False
    relaxed: bool = False
    fullscreen: bool = False
    window_size: tuple[int, int] = (1280, 720)
    show_minimap: bool = True
    notice_seen: bool = False
    keys: dict[str, list[str]] = field(default_factory=default_key_bindings)
    pad: dict[str, list[str]] = field(default_factory=default_pad_bindings)
    version: int = SETTINGS_VERSION

    def __post_init__(self) -> None:
        # Numbers from sliders or code are clamped; wrong types and unknown
        # names are mistakes and raise.
        for name, (low, high) in RANGES.items():
            setattr(self, name, min(high, max(low, _number(name, getattr(self, name)))))
        for name in BOOLEANS:
            if not isinstance(getattr(self, name), bool):
                raise TypeError(f"{name}: expected true or false, got {getattr(self, name)!r}")
        width, height = _size(self.window_size)
        self.window_size = (
            min(MAX_WINDOW[0], max(MIN_WINDOW[0], width)),
            min(MAX_WINDOW[1], max(MIN_WINDOW[1], height)),
        )
        self.keys = _bindings("keys", self.keys, normalize_key_name, DEFAULT_KEYS)
        self.pad = _bindings("pad", self.pad, normalize_pad_input, DEFAULT_PAD)
        if self.version != SETTINGS_VERSION:
            raise ValueError(f"version: only {SETTINGS_VERSION} is supported, got {self.version!r}")

    def copy(self) -> Settings:
        """An independent copy (the binding lists are not shared)."""
        return copy.deepcopy(self)

    def replace(self, **changes: Any) -> Settings:
        """A copy with some fields changed, validated like construction.

        Out-of-range numbers are clamped; wrong types, unknown fields and
        unknown key names raise TypeError/ValueError.
        """
        return dataclasses.replace(self.copy(), **changes)

    def to_json(self) -> dict[str, Any]:
        """The settings as a JSON-ready dict."""
        data = dataclasses.asdict(self)
        data["window_size"] = list(self.window_size)
        return data


def _number(name: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{name}: expected a number, got {value!r}")
    if not math.isfinite(value):
        raise ValueError(f"{name}: expected a finite number, got {value!r}")
    return float(value)


def _size(value: object) -> tuple[int, int]:
    if (
        isinstance(value, (str, bytes))
        or not isinstance(value, Sequence)
        or len(value) != 2
        or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
    ):
        raise TypeError(f"window_size: expected [width, height] in whole pixels, got {value!r}")
    return int(value[0]), int(value[1])


def _bindings(
    name: str, value: object, normalize: Callable[[str], str], defaults: Mapping[Action, Sequence[str]]
) -> dict[str, list[str]]:
    try:
        return check_bindings(value, normalize, defaults)
    except ValueError as exc:
        raise ValueError(f"{name}: {exc}") from None


def _strict_field(name: str, value: object) -> object:
    """Check one field as read from a file: out-of-range is an error, not clamped."""
    if name in RANGES:
        number = _number(name, value)
        low, high = RANGES[name]
        if not low <= number <= high:
            raise ValueError(f"{name}: {value!r} is outside {low:g}..{high:g}")
        return number
    if name in BOOLEANS:
        if not isinstance(value, bool):
            raise TypeError(f"{name}: expected true or false, got {value!r}")
        return value
    if name == "window_size":
        width, height = _size(value)
        if not (MIN_WINDOW[0] <= width <= MAX_WINDOW[0] and MIN_WINDOW[1] <= height <= MAX_WINDOW[1]):
            raise ValueError(f"window_size: {width}x{height} is outside {MIN_WINDOW[0]}x{MIN_WINDOW[1]}..{MAX_WINDOW[0]}x{MAX_WINDOW[1]}")
        return (width, height)
    if name == "keys":
        return _bindings("keys", value, normalize_key_name, DEFAULT_KEYS)
    if name == "pad":
        return _bindings("pad", value, normalize_pad_input, DEFAULT_PAD)
    raise ValueError(f"unknown field {name!r}")


# -- settings files ----------------------------------------------------------


def settings_path() -> Path:
    """Where settings live by default: config_dir()/settings.json."""
    return config_dir() / SETTINGS_FILE


def load_settings(path: Path | str | None = None) -> tuple[Settings, str | None]:
    """Read settings; return (settings, None), or (best effort, one-line message).

    A missing file gives the defaults silently. An unreadable file gives all
    defaults; a readable file with bad fields keeps the good ones. Never
    raises for what the file contains.
    """
    path = Path(path) if path is not None else settings_path()
    data, message = STORE.read(path)
    if data is None:
        return Settings(), message

    problems: list[str] = []
    version = data.get("version", SETTINGS_VERSION)
    if isinstance(version, bool) or not isinstance(version, int):
        problems.append(f"version: expected a whole number, got {version!r}")
    elif version > SETTINGS_VERSION:
        # Fields this version knows are still read; newer ones are reported below.
        problems.append(f"version {version} is newer than this game ({SETTINGS_VERSION})")
    fields: dict[str, Any] = {}
    for name, value in data.items():
        if name == "version":
            continue
        try:
            fields[name] = _strict_field(str(name), value)
        except (TypeError, ValueError) as exc:
            problems.append(str(exc))
    return Settings(**fields), STORE.problems_notice(path, problems)


def save_settings(settings: Settings, path: Path | str | None = None) -> Path:
    """Write settings atomically (creating the folder); return the path written."""
    return STORE.write(Path(path) if path is not None else settings_path(), settings.to_json())
