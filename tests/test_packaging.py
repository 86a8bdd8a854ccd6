"""The wheel carries levels/ and assets/, and an installed package finds them without the checkout."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import REPO_ROOT
from dreamscape.core import resources


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    if importlib.util.find_spec("hatchling") is None:
        pytest.skip("the build backend (hatchling) is not installed in this environment: pip install hatchling")
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-w", str(out), str(REPO_ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if proc.returncode != 0 and ("No module named 'hatchling'" in proc.stderr or "BackendUnavailable" in proc.stderr):
        pytest.skip(f"build backend unavailable: {proc.stderr.strip().splitlines()[-1]}")
    assert proc.returncode == 0, f"wheel build failed:\n{proc.stdout}\n{proc.stderr}"
    wheels = list(out.glob("dreamscape-*.whl"))
    assert len(wheels) == 1, list(out.iterdir())
    return wheels[0]


@pytest.fixture(scope="module")
def unzipped(wheel, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("site")
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(target)
    return target


def test_wheel_contains_levels_and_assets(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "dreamscape/_data/levels/dreamers/leo.toml" in names
    for path in resources.bundled_dreamers():
        assert f"dreamscape/_data/levels/dreamers/{path.name}" in names
    chapters = resources.bundled_chapters()
    assert chapters
    for path in chapters:
        assert f"dreamscape/_data/levels/chapters/{path.name}" in names
    assert any(n.startswith("dreamscape/_data/assets/") and not n.endswith("/") for n in names), "no assets in the wheel"
    for asset in (REPO_ROOT / "assets").rglob("*"):
        if asset.is_file():
            assert f"dreamscape/_data/assets/{asset.relative_to(REPO_ROOT / 'assets').as_posix()}" in names
    assert "dreamscape/__init__.py" in names
    assert not any(n.startswith("tests/") for n in names)


def test_wheel_declares_the_console_script(wheel):
    with zipfile.ZipFile(wheel) as zf:
        entry = next(n for n in zf.namelist() if n.endswith(".dist-info/entry_points.txt"))
        text = zf.read(entry).decode()
    assert "dreamscape = dreamscape.cli.main:main" in text


_SNIPPET = """
import json, sys
import dreamscape
from dreamscape.core import resources
from dreamscape.core.level import load_level_or_profile
from dreamscape.gen import generate
spec = load_level_or_profile("leo")
chapters = [load_level_or_profile(p.stem).name for p in resources.bundled_chapters()]
ds = generate(spec.with_seed(1).with_size((40, 30)))
print(json.dumps({
    "package": dreamscape.__file__,
    "levels": str(resources.levels_dir()),
    "leo": spec.profile.name,
    "chapters": chapters,
    "hash": ds.content_hash(),
}))
"""


def test_installed_package_finds_its_data(unzipped, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env["PYTHONPATH"] = str(unzipped)
    proc = subprocess.run([sys.executable, "-c", _SNIPPET], capture_output=True, text=True, timeout=120, cwd=str(elsewhere), env=env)
    assert proc.returncode == 0, proc.stderr
    info = json.loads(proc.stdout)
    root = unzipped.resolve()
    assert Path(info["package"]).resolve().is_relative_to(root), "the checkout was imported instead of the wheel"
    assert Path(info["levels"]).resolve().is_relative_to(root)
    assert info["leo"] == "Leo"
    assert len(info["chapters"]) == len(resources.bundled_chapters())
    from dreamscape.core.level import load_level_or_profile
    from dreamscape.gen import generate

    # The installed copy generates exactly what the checkout does.
    assert info["hash"] == generate(load_level_or_profile("leo").with_seed(1).with_size((40, 30))).content_hash()
