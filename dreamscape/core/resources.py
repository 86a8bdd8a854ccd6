"""Where the bundled levels/ folder is (dreamers and chapters), in a checkout or a wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def _find(name: str) -> Path:
    # A wheel carries the folders inside the package (pyproject force-include);
    # an editable install or a checkout has them beside the package.
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"bundled '{name}' folder not found next to {_PACKAGE}")


def levels_dir() -> Path:
    """The bundled levels/ folder (dreamers/ and chapters/)."""
    return _find("levels")


def dreamer_path(stem: str) -> Path:
    """Path of a bundled dreamer profile by file stem ('leo')."""
    return levels_dir() / "dreamers" / f"{stem}.toml"


def bundled_dreamers() -> list[Path]:
    """Every bundled dreamer profile, sorted by file name."""
    return sorted((levels_dir() / "dreamers").glob("*.toml"))


def bundled_chapters() -> list[Path]:
    """Every bundled chapter level, sorted by file name (which orders the campaign)."""
    return sorted((levels_dir() / "chapters").glob("*.toml"))
