"""What a command loads before it can start: `--help` and `generate` stay light.

Each check runs the command in a fresh interpreter, exactly as the console
script runs it (`dreamscape.cli.main.main`), then lists `sys.modules`. The
heavy libraries (pygame, matplotlib, scipy, tqdm, all of tcod) and the front
ends (game, studio, bots) cost tenths of a second to import; `dreamscape
--help` needs none of them, and `generate` without --png needs only numpy and
tcod's compiled core. Times are left to `bench/startup_bench.py`: a test on a
shared machine can hold what is imported, not how long it takes.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys

import pytest

from conftest import REPO_ROOT, subprocess_env
from dreamscape.core.level import load_level_or_profile
from dreamscape.core.native import loader
from dreamscape.gen import generate

_RUN_AND_LIST = """
import json, sys
from dreamscape.cli.main import main
code = main(sys.argv[1:])
sys.stdout.write("\\nMODULES " + json.dumps(sorted(sys.modules)) + "\\n")
raise SystemExit(code)
"""

#: Never loaded by `generate` (without --png) nor by `--help`.
HEAVY = ("pygame", "matplotlib", "scipy", "tqdm", "tcod", "numpy.ma", "numpy.random", "_hashlib", "dreamscape.app", "dreamscape.studio", "dreamscape.render", "dreamscape.bot")

#: Standard-library modules `generate` (without --json or --png) never loads:
#: tempfile only writes a file, difflib only suggests a name after a mistake,
#: exact.py and blake2.py do without fractions, decimal and hashlib, the
#: loaders find files with os.path rather than pathlib (which brings urllib
#: and ipaddress), the values a generate makes are NamedTuples and plain
#: classes rather than dataclasses (which compile their methods as they load).
GENERATE_SKIPS_STDLIB = ("tempfile", "difflib", "fractions", "decimal", "hashlib", "pathlib", "urllib", "ipaddress", "dataclasses")

#: What `generate` loads only for an output: the level JSON writer (--json) and
#: the checked, atomic file writers (a file for --json, --png or --phases).
GENERATE_OUTPUTS = ("dreamscape.formats.level_json", "dreamscape.formats.atomic", "dreamscape.formats.output_target")


def _run(*args: str) -> tuple[str, set[str]]:
    """(what the command printed, the modules loaded by its end)."""
    proc = subprocess.run(
        [sys.executable, "-c", _RUN_AND_LIST, *args], capture_output=True, text=True, timeout=120, env=subprocess_env(), cwd=REPO_ROOT
    )
    assert proc.returncode == 0, proc.stderr
    out, marker, listing = proc.stdout.rpartition("\nMODULES ")
    assert marker, proc.stdout
    return out, set(json.loads(listing))


def _loaded(modules: set[str], names: tuple[str, ...], allowed: tuple[str, ...] = ("tcod._libtcod",)) -> list[str]:
    """The loaded modules that are one of `names` or inside one, leaving out `allowed` (and what is inside them)."""

    def within(m: str, n: str) -> bool:
        return m == n or m.startswith(n + ".")

    return sorted(m for m in modules if any(within(m, n) for n in names) and not any(within(m, a) for a in allowed))


def test_help_loads_no_heavy_library_nor_the_generator():
    out, modules = _run("--help")
    assert "generate" in out and "studio" in out  # every command is still listed
    assert _loaded(modules, HEAVY + ("numpy", "dreamscape.gen"), allowed=()) == []


def test_a_commands_help_loads_only_that_command():
    out, modules = _run("generate", "--help")
    assert "--size" in out
    assert "dreamscape.cli.generate_cmd" in modules
    assert _loaded(modules, ("dreamscape.cli.sweep_cmd", "dreamscape.cli.range_cmd", "dreamscape.cli.bot_cmd", "dreamscape.cli.studio_cmd")) == []


@pytest.mark.parametrize("size", ["96x64", "256x256"])
def test_generate_loads_no_heavy_library_and_prints_the_same_hash(size):
    out, modules = _run("generate", "leo", "--seed", "5", "--size", size)
    assert _loaded(modules, HEAVY) == []
    if loader.available():  # every search and climb ran in core/native: no tcod, no cffi
        assert _loaded(modules, ("tcod", "_cffi_backend"), allowed=()) == []
    else:
        assert "tcod._libtcod" in modules  # the Dijkstra ran on tcod's core alone, not on all of tcod
    w, h = map(int, size.split("x"))
    expected = generate(load_level_or_profile("leo").with_seed(5).with_size((w, h))).content_hash()
    assert f"hash {expected}" in out


def test_generate_without_outputs_loads_no_writer_nor_a_branchs_stdlib_module():
    out, modules = _run("generate", "leo", "--seed", "3", "--size", "96x64")
    assert "hash " in out
    assert _loaded(modules, GENERATE_SKIPS_STDLIB + GENERATE_OUTPUTS, allowed=()) == []


def test_generate_json_to_stdout_loads_no_heavy_library():
    out, modules = _run("generate", "leo", "--seed", "2", "--json", "-")
    assert out.lstrip().startswith("{")
    assert _loaded(modules, HEAVY) == []
    # The level JSON, but no file writer: standard output is no file.
    assert "dreamscape.formats.level_json" in modules
    assert _loaded(modules, ("dreamscape.formats.atomic", "tempfile"), allowed=()) == []


def test_no_module_of_the_package_imports_scipy():
    """SciPy is a test dependency only: generate, play, replay, sweep and the studio run without it."""
    found = []
    for path in sorted((REPO_ROOT / "dreamscape").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n == "scipy" or n.startswith("scipy.") for n in names):
                found.append(f"{path.relative_to(REPO_ROOT)}:{node.lineno}")
    assert found == []
