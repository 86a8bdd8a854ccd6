"""Where the bundled levels/ folder is (dreamers and chapters), in a checkout or a wheel.

The folder is found with `os.path` and handed out as a string to the level
loader, which `dreamscape generate` runs: pathlib (with the urllib and
ipaddress modules it loads) is left to the callers that want a Path.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

_PACKAGE = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))


def levels_folder() -> str:
    """The bundled levels/ folder, as a string path."""
    # A wheel carries the folders inside the package (pyproject force-include);
    # an editable install or a checkout has them beside the package.
    for candidate in (os.path.join(_PACKAGE, "_data", "levels"), os.path.join(os.path.dirname(_PACKAGE), "levels")):
        if os.path.isdir(candidate):
            return candidate
    raise FileNotFoundError(f"bundled 'levels' folder not found next to {_PACKAGE}")


def levels_dir() -> Path:
    """The bundled levels/ folder (dreamers/ and chapters/)."""
    from pathlib import Path

    return Path(levels_folder())


def dreamer_path(stem: str) -> Path:
    """Path of a bundled dreamer profile by file stem ('leo')."""
    return levels_dir() / "dreamers" / f"{stem}.toml"


def bundled_dreamers() -> list[Path]:
    """Every bundled dreamer profile, sorted by file name."""
    return sorted((levels_dir() / "dreamers").glob("*.toml"))


def bundled_chapters() -> list[Path]:
    """Every bundled chapter level, sorted by file name (which orders the campaign)."""
    return sorted((levels_dir() / "chapters").glob("*.toml"))
