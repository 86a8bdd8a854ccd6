"""Where the game keeps its files (XDG base directories).

    config_dir()      $XDG_CONFIG_HOME/dreamscape, or ~/.config/dreamscape
    data_dir()        $XDG_DATA_HOME/dreamscape, or ~/.local/share/dreamscape
    recordings_dir()  data_dir()/recordings

DREAMSCAPE_HOME overrides both bases (config = $DREAMSCAPE_HOME/config,
data = $DREAMSCAPE_HOME/data): tests point it at a temp folder, and a portable
install keeps everything beside the game. Nothing is created unless asked.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "dreamscape"
HOME_ENV = "DREAMSCAPE_HOME"


def _env_dir(name: str) -> Path | None:
    # The XDG spec says relative or empty values are invalid and must be ignored.
    value = os.environ.get(name, "")
    if value and os.path.isabs(os.path.expanduser(value)):
        return Path(os.path.expanduser(value))
    return None


def _portable_home() -> Path | None:
    value = os.environ.get(HOME_ENV, "")
    # A portable home may be relative (next to the game), unlike the XDG bases.
    return Path(os.path.expanduser(value)).absolute() if value else None


def _made(path: Path, ensure: bool) -> Path:
    if ensure:
        path.mkdir(parents=True, exist_ok=True)
    return path


def config_dir(ensure: bool = False) -> Path:
    """The folder for settings; created first when `ensure` is true."""
    home = _portable_home()
    if home is not None:
        return _made(home / "config", ensure)
    base = _env_dir("XDG_CONFIG_HOME") or Path.home() / ".config"
    return _made(base / APP_NAME, ensure)


def data_dir(ensure: bool = False) -> Path:
    """The folder for progress and recordings; created first when `ensure` is true."""
    home = _portable_home()
    if home is not None:
        return _made(home / "data", ensure)
    base = _env_dir("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return _made(base / APP_NAME, ensure)


def recordings_dir(ensure: bool = False) -> Path:
    """The folder for saved recordings; created first when `ensure` is true."""
    return _made(data_dir() / "recordings", ensure)


def display_path(path: Path | str) -> str:
    """A path as shown to the user: the home folder abbreviated to '~'."""
    path = Path(path)
    try:
        rest = path.relative_to(Path.home())
    except (ValueError, RuntimeError):
        return str(path)
    return "~" if str(rest) == "." else f"~{os.sep}{rest}"
