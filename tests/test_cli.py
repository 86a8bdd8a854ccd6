"""`dreamscape generate` end to end: outputs an independent checker accepts, and clean failures."""

from __future__ import annotations

import json
import os
import re
import stat
from collections import deque
from pathlib import Path

import pytest

from dreamscape.cli.main import main
from dreamscape.core import resources
from dreamscape.gen import GENERATOR_VERSION
from dreamscape.designer.metrics import METRIC_NAMES

HASH_LINE = re.compile(r"^hash ([0-9a-f]{32})$", re.M)
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
ONE_WAY_CHARS = set("^>v<")
JSON_KEYS = {
    "format", "format_version", "generator_version", "seed", "hash", "width", "height",
    "tiles", "legend", "start", "exit", "dreamers", "portals", "glitches", "metrics",
}  # fmt: skip


# --------------------------------------------------------------------------- an independent checker


def reachable_from(rows: list[str], walkable: set[str], start: tuple[int, int], portals: list[dict]) -> set[tuple[int, int]]:
    """Plain BFS over 4-neighbours of walkable characters, plus two-way portal jumps."""
    h, w = len(rows), len(rows[0])
    links: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for p in portals:
        if p["two_way"]:
            a, b = tuple(p["a"]), tuple(p["b"])
            links.setdefault(a, []).append(b)
            links.setdefault(b, []).append(a)

    def ok(x: int, y: int) -> bool:
        return 0 <= x < w and 0 <= y < h and rows[y][x] in walkable

    if not ok(*start):
        return set()
    seen = {start}
    todo = deque([start])
    while todo:
        x, y = todo.popleft()
        nexts = [(x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)] + links.get((x, y), [])
        for n in nexts:
            if n not in seen and ok(*n):
                seen.add(n)
                todo.append(n)
    return seen


def check_level_json(doc: dict) -> list[str]:
    """Replay the glitch schedule from the JSON alone; report every broken promise."""
    problems = []
    missing = JSON_KEYS - set(doc)
    if missing:
        return [f"missing keys {sorted(missing)}"]
    w, h = doc["width"], doc["height"]
    rows = list(doc["tiles"])
    if len(rows) != h or any(len(r) != w for r in rows):
        return [f"tiles are not {w}x{h}"]
    legend = doc["legend"]
    unknown = {c for r in rows for c in r} - set(legend)
    if unknown:
        problems.append(f"tile characters missing from the legend: {unknown}")
    walkable = {c for c, info in legend.items() if info["walkable"]} - ONE_WAY_CHARS
    goals = [tuple(doc["start"]), tuple(doc["exit"])] + [(d["x"], d["y"]) for d in doc["dreamers"]]
    portals = list(doc["portals"])
    grid = [list(r) for r in rows]

    def step(label: str) -> bool:
        current = ["".join(r) for r in grid]
        seen = reachable_from(current, walkable, goals[0], portals)
        lost = [g for g in goals if g not in seen]
        if lost:
            problems.append(f"{label}: goals {lost} cannot be reached from the start")
            return False
        return True

    if not step("before any glitch"):
        return problems
    last_tick = -1
    for i, g in enumerate(doc["glitches"]):
        if g["tick"] < last_tick:
            problems.append(f"glitch {i} is out of order")
        last_tick = g["tick"]
        for x, y, ch in g["changes"]:
            if not (0 <= x < w and 0 <= y < h) or ch not in legend:
                problems.append(f"glitch {i} has a bad change {[x, y, ch]}")
                return problems
            grid[y][x] = ch
        portals.extend(g.get("portals", []))
        if not step(f"after glitch {i} ({g['kind']} at tick {g['tick']})"):
            break
    return problems


def test_checker_rejects_a_broken_schedule():
    rows = ["#####", "#...#", "#####"]
    legend = {"#": {"walkable": False}, ".": {"walkable": True}, ">": {"walkable": True}}
    doc = {k: None for k in JSON_KEYS} | {
        "width": 5, "height": 3, "tiles": rows, "legend": legend, "start": [1, 1], "exit": [3, 1],
        "dreamers": [], "portals": [], "glitches": [],
    }  # fmt: skip
    assert check_level_json(doc) == []
    doc["glitches"] = [{"tick": 5, "kind": "close", "changes": [[2, 1, "#"]]}]
    assert check_level_json(doc)
    doc["glitches"] = [{"tick": 5, "kind": "shift", "changes": [[2, 1, ">"]]}]
    assert check_level_json(doc), "one-way tiles must not count as two-way ground"
    doc["glitches"] = [{"tick": 5, "kind": "close", "changes": [[2, 1, "#"]], "portals": [{"a": [1, 1], "b": [3, 1], "two_way": True}]}]
    assert check_level_json(doc) == []


# --------------------------------------------------------------------------- success


@pytest.fixture(scope="module")
def leo_outputs(tmp_path_factory):
    from conftest import run_cli_process

    out = tmp_path_factory.mktemp("leo")
    leo = resources.dreamer_path("leo")
    code, stdout, stderr = run_cli_process("generate", leo, "--seed", "7", "--png", "leo.png", "--json", "leo.json", cwd=out)
    return out, code, stdout, stderr


def test_generate_writes_png_and_json(leo_outputs):
    out, code, stdout, stderr = leo_outputs
    assert code == 0, stderr
    assert "Traceback" not in stderr
    hashes = HASH_LINE.findall(stdout)
    assert len(hashes) == 1
    assert (out / "leo.png").is_file() and (out / "leo.json").is_file()
    # No temporary files left behind.
    assert sorted(p.name for p in out.iterdir()) == ["leo.json", "leo.png"]


def test_png_is_loadable(leo_outputs):
    out, code, _, stderr = leo_outputs
    assert code == 0, stderr
    data = (out / "leo.png").read_bytes()
    assert data[:8] == PNG_MAGIC
    import pygame

    image = pygame.image.load(str(out / "leo.png"))
    w, h = image.get_size()
    assert w >= 96 and h >= 64  # at least a pixel per tile


def test_json_passes_independent_checker(leo_outputs):
    out, code, stdout, stderr = leo_outputs
    assert code == 0, stderr
    doc = json.loads((out / "leo.json").read_text(encoding="utf-8"))
    assert JSON_KEYS <= set(doc)
    assert doc["format"] == "dreamscape-level"
    assert isinstance(doc["format_version"], int) and doc["format_version"] >= 1
    assert doc["generator_version"] == GENERATOR_VERSION
    assert doc["seed"] == 7
    assert doc["hash"] == HASH_LINE.findall(stdout)[0]
    assert (doc["width"], doc["height"]) == (96, 64)
    assert set(doc["metrics"]) >= set(METRIC_NAMES)
    for ch, info in doc["legend"].items():
        assert len(ch) == 1 and isinstance(info["walkable"], bool)
    assert doc["glitches"], "leo's turmoil should schedule glitches"
    for g in doc["glitches"]:
        assert isinstance(g["tick"], int)
        for change in g["changes"]:
            assert len(change) == 3 and isinstance(change[2], str)
    assert check_level_json(doc) == []


def test_json_file_has_normal_permissions(leo_outputs):
    """Output files get the usual umask-based mode, like any file the user writes (not 0600)."""
    out, code, _, stderr = leo_outputs
    assert code == 0, stderr
    umask = os.umask(0)
    os.umask(umask)
    expected = 0o666 & ~umask
    assert stat.S_IMODE((out / "leo.png").stat().st_mode) == expected
    assert stat.S_IMODE((out / "leo.json").stat().st_mode) == expected, oct((out / "leo.json").stat().st_mode)


def test_json_to_stdout(run_cli, tmp_path):
    code, stdout, stderr = run_cli("generate", "mira", "--seed", "3", "--size", "64x40", "--json", "-", cwd=tmp_path)
    assert code == 0, stderr
    doc = json.loads(stdout)  # stdout holds the JSON and nothing else
    assert (doc["width"], doc["height"]) == (64, 40)
    assert doc["seed"] == 3
    assert HASH_LINE.findall(stderr) == [doc["hash"]]  # the report moved to stderr
    assert check_level_json(doc) == []
    assert list(tmp_path.iterdir()) == []


def test_bundled_name_shortcut(run_cli, tmp_path):
    code, stdout, stderr = run_cli("generate", "leo", "--seed", "1", cwd=tmp_path)
    assert code == 0, stderr
    short = HASH_LINE.findall(stdout)
    code, stdout, stderr = run_cli("generate", resources.dreamer_path("leo"), "--seed", "1", cwd=tmp_path)
    assert code == 0, stderr
    assert short and HASH_LINE.findall(stdout) == short


def test_chapter_in_process(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["generate", "ch1_the_loop", "--json", "ch1.json"]) == 0
    out = capsys.readouterr().out
    doc = json.loads((tmp_path / "ch1.json").read_text(encoding="utf-8"))
    assert doc["seed"] == 2042 and (doc["width"], doc["height"]) == (80, 48)
    assert HASH_LINE.findall(out) == [doc["hash"]]
    assert len(doc["dreamers"]) == 1
    assert check_level_json(doc) == []


@pytest.mark.parametrize("args", [["--help"], ["generate", "--help"], ["--version"]])
def test_help_exits_zero(run_cli, tmp_path, args):
    code, stdout, stderr = run_cli(*args, cwd=tmp_path)
    assert code == 0, stderr
    assert stdout.strip()
    if "generate" in args:
        assert "--seed" in stdout and "--png" in stdout and "--json" in stdout


def test_no_command_is_usage_error(run_cli, tmp_path):
    code, _stdout, stderr = run_cli(cwd=tmp_path)
    assert code == 2
    assert "Traceback" not in stderr


# --------------------------------------------------------------------------- failure


def _inputs(folder: Path) -> None:
    (folder / "malformed.toml").write_text('name = "X"\nturmoil = = 0.4\n', encoding="utf-8")
    (folder / "fear.toml").write_text("turmoil = 0.4\n[fears]\nfailure = 0.7\n", encoding="utf-8")
    (folder / "intense.toml").write_text("turmoil = 0.4\n[fears]\nloss = 1.5\n", encoding="utf-8")


#: (id, arguments after `generate`, text the single stderr line must contain)
BAD = [
    ("missing_file", ["nosuch.toml", "--seed", "1"], "nosuch.toml"),
    ("malformed_toml", ["malformed.toml", "--seed", "1"], "malformed.toml"),
    ("unknown_fear", ["fear.toml", "--seed", "1"], "fear.toml"),
    ("intensity", ["intense.toml", "--seed", "1"], "intense.toml"),
    ("seed_abc", ["leo", "--seed", "abc"], "--seed"),
    ("size_10x10", ["leo", "--size", "10x10"], "--size"),
    ("size_banana", ["leo", "--size", "banana"], "--size"),
    ("png_missing_folder", ["leo", "--seed", "1", "--png", "nodir/out.png"], "--png"),
    ("unknown_option", ["leo", "--seed", "1", "--colour", "red"], "--colour"),
    ("too_long_name", ["a" * 300, "--seed", "1"], "a" * 40),
]
EXTRA_DETAIL = {"unknown_fear": "fears.failure", "intensity": "fears.loss", "missing_file": "no such file", "png_missing_folder": "nodir"}


@pytest.mark.parametrize("case_id, args, names", BAD, ids=[b[0] for b in BAD])
def test_bad_input_subprocess(run_cli, tmp_path, case_id, args, names):
    _inputs(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    code, stdout, stderr = run_cli("generate", *args, "--json", "out.json", cwd=tmp_path)
    assert "Traceback" not in stderr, stderr
    assert code == 2, (code, stderr)
    lines = stderr.splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got:\n{stderr}"
    assert names in lines[0]
    if case_id in EXTRA_DETAIL:
        assert EXTRA_DETAIL[case_id] in lines[0]
    assert not HASH_LINE.search(stdout)
    assert sorted(p.name for p in tmp_path.iterdir()) == before, "a failed command created a file"


@pytest.mark.parametrize("case_id, args, names", BAD, ids=[b[0] for b in BAD])
def test_bad_input_leaves_existing_outputs_untouched(capsys, tmp_path, monkeypatch, case_id, args, names):
    monkeypatch.chdir(tmp_path)
    _inputs(tmp_path)
    old_json = b'{"precious": true}\n'
    old_png = PNG_MAGIC + b"not really an image, but mine"
    (tmp_path / "out.json").write_bytes(old_json)
    (tmp_path / "out.png").write_bytes(old_png)
    argv = ["generate", *args, "--json", "out.json"]
    if "--png" not in args:
        argv += ["--png", "out.png"]
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse usage errors
        code = exc.code
    err = capsys.readouterr().err
    assert code == 2
    assert len(err.splitlines()) == 1 and names in err
    assert (tmp_path / "out.json").read_bytes() == old_json
    assert (tmp_path / "out.png").read_bytes() == old_png
    leftovers = sorted(p.name for p in tmp_path.iterdir() if p.name not in {"out.json", "out.png", "malformed.toml", "fear.toml", "intense.toml"})
    assert leftovers == []


def test_png_failure_after_json_check_keeps_json(capsys, tmp_path, monkeypatch):
    """A bad --png name is refused before anything is written, so --json output is not half-done."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "out.json").write_text("old", encoding="utf-8")
    assert main(["generate", "leo", "--seed", "1", "--json", "out.json", "--png", "out.txt"]) == 2
    assert (tmp_path / "out.json").read_text(encoding="utf-8") == "old"
    assert not (tmp_path / "out.txt").exists()
    assert "--png" in capsys.readouterr().err


def test_output_into_a_directory_is_refused(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "taken.json").mkdir()
    assert main(["generate", "leo", "--seed", "1", "--json", "taken.json"]) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "taken.json" in err
    assert (tmp_path / "taken.json").is_dir() and not list((tmp_path / "taken.json").iterdir())


def test_successful_run_replaces_existing_output(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "out.json").write_text("old", encoding="utf-8")
    assert main(["generate", "leo", "--seed", "2", "--size", "40x30", "--json", "out.json"]) == 0
    doc = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert doc["seed"] == 2 and (doc["width"], doc["height"]) == (40, 30)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_broken_pipe_on_stdout_is_quiet(capsys, tmp_path, monkeypatch):
    """`dreamscape generate leo --json - | head` : a reader that goes away is not an error."""
    monkeypatch.chdir(tmp_path)

    class ClosedPipe:
        def write(self, text):
            raise BrokenPipeError(32, "Broken pipe")

        def flush(self):
            pass

    monkeypatch.setattr("sys.stdout", ClosedPipe())
    code = main(["generate", "leo", "--seed", "1", "--size", "40x30", "--json", "-"])
    err = capsys.readouterr().err
    assert code == 0, err.splitlines()[-1:]
    assert "error" not in err


def test_late_png_failure_leaves_existing_json(capsys, tmp_path, monkeypatch):
    """DESIGN: nothing the user had is overwritten by a failed command. When writing the
    PNG fails (disk full), an existing --json file must still hold its old bytes."""
    import pygame

    monkeypatch.chdir(tmp_path)
    (tmp_path / "out.json").write_bytes(b"old json")
    (tmp_path / "out.png").write_bytes(b"old png")

    def disk_full(surface, path, *args, **kw):
        raise OSError(28, "No space left on device", str(path))

    # The lowest-level PNG write fails, whatever path leads to it.
    monkeypatch.setattr(pygame.image, "save", disk_full)
    code = main(["generate", "leo", "--seed", "1", "--size", "40x30", "--json", "out.json", "--png", "out.png"])
    err = capsys.readouterr().err
    assert code == 2
    assert len(err.splitlines()) == 1 and "out.png" in err
    assert (tmp_path / "out.png").read_bytes() == b"old png"
    assert (tmp_path / "out.json").read_bytes() == b"old json", "the failed command replaced out.json"


def test_help_and_a_mistyped_command_list_every_command(run_cli, tmp_path):
    from dreamscape.cli.main import COMMANDS

    code, stdout, _ = run_cli("--help", cwd=tmp_path)
    assert code == 0 and all(name in stdout for name, _, _ in COMMANDS)
    code, _, stderr = run_cli("gen", "leo", cwd=tmp_path)
    assert code == 2 and all(f"'{name}'" in stderr for name, _, _ in COMMANDS)


def test_a_command_given_first_is_parsed_alone():
    from dreamscape.cli.main import build_parser

    sub = next(a for a in build_parser(["generate", "leo"])._actions if a.dest == "command")
    assert list(sub.choices) == ["generate"]  # the others' parsers are never built
    sub = next(a for a in build_parser(["--version", "generate"])._actions if a.dest == "command")
    assert "play" in sub.choices and "generate" in sub.choices


def test_level_paths_are_read_as_spelt_and_their_faults_named(capsys, tmp_path, monkeypatch):
    """A trailing slash or './' part reads the file as pathlib did; a loop of links is named as one."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "leo.toml").write_bytes(resources.dreamer_path("leo").read_bytes())
    assert main(["generate", "./mine//leo.toml/", "--seed", "1"]) == 0
    spelt = HASH_LINE.findall(capsys.readouterr().out)
    assert main(["generate", "leo", "--seed", "1"]) == 0
    assert spelt == HASH_LINE.findall(capsys.readouterr().out)
    (tmp_path / "loop.toml").symlink_to("loop.toml")
    assert main(["generate", "loop.toml"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "loop.toml: " in err and "..." not in err and "symbolic links" in err
