"""Shared fixtures: headless SDL, bundled level paths, a CLI runner."""

from __future__ import annotations

import os

# Before anything can import pygame: no window, no audio device, no banner.
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    # Without an (editable) install, the checkout itself provides the package.
    sys.path.insert(0, str(REPO_ROOT))

from dreamscape.core import resources  # noqa: E402
CLI_TIMEOUT = 120


def subprocess_env(**extra: str) -> dict[str, str]:
    """The environment for child processes: headless, with the checkout importable."""
    env = dict(os.environ)
    env.update(SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1")
    # The editable install normally finds the package; the checkout on the path
    # makes the children work even without it.
    env["PYTHONPATH"] = os.pathsep.join([str(REPO_ROOT)] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p])
    env.update(extra)
    return env


def run_cli_process(*args: str, cwd: Path | str | None = None, timeout: float = CLI_TIMEOUT, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """Run `python -m dreamscape ARGS`; return (exit code, stdout, stderr)."""
    proc = subprocess.run(
        [sys.executable, "-m", "dreamscape", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=str(cwd) if cwd is not None else None,
        env=env if env is not None else subprocess_env(),
    )
    return proc.returncode, proc.stdout, proc.stderr


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def dreamer_paths() -> list[Path]:
    paths = resources.bundled_dreamers()
    assert paths, "no bundled dreamer profiles found"
    return paths


@pytest.fixture(scope="session")
def chapter_paths() -> list[Path]:
    paths = resources.bundled_chapters()
    assert paths, "no bundled chapters found"
    return paths


@pytest.fixture(scope="session")
def bundled_paths(dreamer_paths, chapter_paths) -> list[Path]:
    return list(dreamer_paths) + list(chapter_paths)


@pytest.fixture
def run_cli():
    """`run_cli("generate", "leo", "--seed", "1", cwd=tmp_path)` -> (code, stdout, stderr)."""
    return run_cli_process


@pytest.fixture
def app(tmp_path, monkeypatch):
    """The game headless, with its settings and progress in a fresh home and no sound.
    (Test files that need a different start define their own `app`.)"""
    import pygame

    from dreamscape.app.frame_loop import App

    monkeypatch.setenv("DREAMSCAPE_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("DREAMSCAPE_MUTE", "1")
    a = App(headless=True)
    yield a
    if pygame.get_init():
        a.close()
