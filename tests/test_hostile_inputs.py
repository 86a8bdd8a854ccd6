"""Hostile inputs: each gets one line on stderr naming the file or option, exit 2, and destroys nothing.

The attacks here are the ones that once hung, ate memory, accepted nonsense
or printed a traceback: FIFOs and devices given as levels, files of
unbounded size, TOML nested beyond reason, empty option values, absurd seed
ranges, a closed standard output, and names that would drive the terminal.
Each case checks the exit code, that stderr is one line naming the culprit,
that no traceback is printed, that an output file given alongside is
byte-identical afterwards, and that the run was quick and small.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import subprocess_env
from dreamscape.cli.main import main

#: Every command that loads a level or profile, with the arguments that make it run headless.
LOADERS = {
    "generate": ["generate", "{target}"],
    "play": ["play", "{target}", "--headless"],
    "bot": ["bot", "{target}", "--seeds", "0:1"],
    "sweep": ["sweep", "{target}", "--seeds", "0:2"],
    "range": ["range", "{target}", "--seeds", "0:2", "--x", "dead_ends", "--y", "path_length", "--out", "{out}/range.png"],
    "studio": ["studio", "{target}", "--headless"],
}

#: Generous bounds: a correct refusal takes well under a second and imports about 150 MB.
MAX_SECONDS = 30
MAX_RSS_MB = 600


def _args(command: str, target: str, out: Path) -> list[str]:
    return [a.format(target=target, out=out) for a in LOADERS[command]]


def _one_error_line(err: str, command: str, *names: str) -> None:
    assert "Traceback" not in err, err
    assert err.count("\n") == 1 and err.endswith("\n"), err
    assert err.startswith(f"dreamscape {command}: error: "), err
    for name in names:
        assert name in err, (name, err)
    assert "\x1b" not in err and "\x07" not in err


# The command line, then its own peak memory written to the file named by the
# first argument: measured per child, whatever other children this run made.
# On Linux the peak is VmHWM, the high-water mark of this process's own memory
# since exec: ru_maxrss would also count the pages of the test process it was
# forked from, which grows past the limit over a long run.
_MEASURED = """
import resource, sys
from dreamscape.cli.main import main
report, sys.argv = sys.argv[1], ["dreamscape"] + sys.argv[2:]
try:
    code = main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
def peak_kb():
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
with open(report, "w") as f:
    f.write(str(peak_kb()))
raise SystemExit(code)
"""


def _spawn(args: list[str], report: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", _MEASURED, str(report), *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=subprocess_env(),
    )


def _finish(proc: subprocess.Popen, report: Path) -> tuple[int, str, str, float, float]:
    """(exit code, stdout, stderr, seconds, peak resident MB) of a child, killed if it hangs."""
    started = time.monotonic()
    out = err = b""
    try:
        out, err = proc.communicate(timeout=MAX_SECONDS)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        pytest.fail(f"hung for {MAX_SECONDS} s: {proc.args}")
    peak_kb = int(report.read_text())
    return proc.returncode, out.decode(errors="replace"), err.decode(errors="replace"), time.monotonic() - started, peak_kb / 1024


# --------------------------------------------------------------------------- what may hang or eat memory: in child processes


@pytest.fixture(scope="module")
def fifo(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("fifo") / "level.toml"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("device", ["fifo", "/dev/zero", "/dev/urandom"])
def test_a_fifo_or_endless_device_is_refused_at_once_by_every_loader(tmp_path, fifo, device):
    target = str(fifo) if device == "fifo" else device
    if not os.path.exists(target):
        pytest.skip(f"{target} does not exist here")
    # Started together, so the whole case costs about one start-up.
    procs = {command: _spawn(_args(command, target, tmp_path), tmp_path / f"{command}.rss") for command in LOADERS}
    for command, proc in procs.items():
        code, out, err, seconds, peak_mb = _finish(proc, tmp_path / f"{command}.rss")
        assert code == 2, (command, code, err)
        _one_error_line(err, command, target)
        kind = "FIFO" if device == "fifo" else "character device"
        assert kind in err and "regular file" in err, err
        assert out == ""
        assert peak_mb < MAX_RSS_MB, f"{command} used {peak_mb:.0f} MB"
    assert not (tmp_path / "range.png").exists()


def test_replay_refuses_a_fifo_and_a_device(tmp_path, fifo):
    procs = [(str(fifo), "a"), ("/dev/zero", "b")]
    procs = [(target, _spawn(["replay", target, "--verify"], tmp_path / name), tmp_path / name) for target, name in procs]
    for target, proc, report in procs:
        code, out, err, _, peak_mb = _finish(proc, report)
        assert code == 2 and out == ""
        _one_error_line(err, "replay", target, "regular file")
        assert peak_mb < MAX_RSS_MB


@pytest.mark.parametrize("command", ["sweep", "range", "bot"])
def test_an_absurd_seed_range_is_refused_at_once(tmp_path, command):
    args = {"sweep": ["sweep", "leo"], "bot": ["bot", "leo"], "range": ["range", "leo", "--x", "dead_ends", "--y", "loops", "--out", str(tmp_path / "r.png")]}
    report = tmp_path / "rss"
    code, out, err, seconds, _ = _finish(_spawn(args[command] + ["--seeds", "0:100000000000"], report), report)
    assert code == 2 and out == ""
    _one_error_line(err, command, "--seeds", "100,000")
    assert seconds < MAX_SECONDS


def test_sweep_to_a_closed_stdout_is_one_line(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "dreamscape", "sweep", "leo", "--seeds", "0:2", "--out", "-"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=subprocess_env(),
        timeout=MAX_SECONDS,
        # Close descriptor 1 in the child, as `>&-` does.
        preexec_fn=lambda: os.close(1),
    )
    assert proc.returncode == 2
    _one_error_line(proc.stderr, "sweep", "standard output", "closed")


# --------------------------------------------------------------------------- the rest: in process


@pytest.fixture
def existing(tmp_path) -> Path:
    """An output file that no failing command may touch."""
    path = tmp_path / "keep.json"
    path.write_bytes(b'{"mine": true}\n')
    return path


def _run(capsys, argv: list[str]) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse's own errors
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def _hostile_files(folder: Path) -> dict[str, tuple[Path, list[str]]]:
    """name -> (file, words its error line must hold)."""
    cases: dict[str, tuple[Path, list[str]]] = {}

    def add(name: str, data: bytes, *words: str) -> None:
        path = folder / f"{name}.toml"
        path.write_bytes(data)
        cases[name] = (path, list(words))

    add("deep_array", b"a = " + b"[" * 100_000 + b"]" * 100_000 + b"\n", "nested too deeply")
    add("deep_inline_tables", b"a = " + b"{b=" * 3_000 + b"1" + b"}" * 3_000 + b"\n", "nested too deeply")
    add("deep_in_dreamer", b'seed = 1\ndreamer = ' + b"[" * 5_000 + b"]" * 5_000 + b"\n", "nested too deeply")
    add("two_megabytes", b"# " + b"x" * (2 * 1024 * 1024) + b"\n", "at most 1 MiB")
    add("not_utf8", b"name = \"\xff\xfe\"\n", "UTF-8")
    add("escape_in_name", b'name = "\\u001b[31mred\\u0007"\n[fears]\nself_doubt = 0.5\n', "name", "control characters")
    add("bidi_in_name", b'name = "abc\\u202edef"\n[fears]\nself_doubt = 0.5\n', "name", "control characters")
    add("escape_in_level_name", b'dreamer = "leo"\nname = "x\\u001b]0;pwned\\u0007"\n', "name", "control characters")
    folder_case = folder / "a_folder.toml"
    folder_case.mkdir()
    cases["directory"] = (folder_case, ["is a directory"])
    return cases


HOSTILE = ["deep_array", "deep_inline_tables", "deep_in_dreamer", "two_megabytes", "not_utf8", "escape_in_name", "bidi_in_name", "escape_in_level_name", "directory"]


@pytest.mark.parametrize("case", HOSTILE)
@pytest.mark.parametrize("command", ["generate", "bot", "sweep", "range", "play", "studio"])
def test_hostile_files_get_one_line_through_every_loader(capsys, tmp_path, existing, command, case):
    path, words = _hostile_files(tmp_path)[case]
    argv = _args(command, str(path), tmp_path)
    if command == "generate":
        argv += ["--json", str(existing)]
    elif command == "sweep":
        argv += ["--out", str(existing.with_suffix(".csv"))]
    started = time.monotonic()
    code, out, err = _run(capsys, argv)
    assert time.monotonic() - started < MAX_SECONDS
    assert code == 2 and out == ""
    _one_error_line(err, command, str(path), *words)
    assert existing.read_bytes() == b'{"mine": true}\n'
    assert not existing.with_suffix(".csv").exists() and not (tmp_path / "range.png").exists()


@pytest.mark.parametrize(
    "argv, names",
    [
        (["generate", "leo", "--size", ""], ["--size", "empty"]),
        (["generate", "leo", "--size", "   "], ["--size", "empty"]),
        (["generate", "leo", "--seed", ""], ["--seed", "empty"]),
        (["generate", ""], ["LEVEL_OR_PROFILE", "empty"]),
        (["generate", "leo", "--json", ""], ["--json", "empty"]),
        (["generate", "leo", "--png", ""], ["--png", "empty"]),
        (["sweep", "leo", "--seeds", ""], ["--seeds", "empty"]),
        (["sweep", "leo", "--seeds", "0:2", "--where", ""], ["--where", "empty"]),
        (["sweep", "leo", "--seeds", "0:2", "--workers", ""], ["--workers", "empty"]),
        (["bot", "leo", "--seeds", "0:1", "--record-dir", ""], ["--record-dir", "empty"]),
        (["replay", ""], ["FILE", "empty"]),
        (["generate", "leo", "--size", "96x64x2"], ["--size", "WIDTHxHEIGHT"]),
        (["generate", "leo", "--seed", "-1"], ["--seed", "from 0"]),
        (["generate", "leo", "--seed", "1e3"], ["--seed", "integer"]),
        (["sweep", "leo", "--seeds", "5:5"], ["--seeds", "A < B"]),
        (["sweep", "leo", "--seeds", "0:100001"], ["--seeds", "100,000"]),
        (["range", "leo", "--seeds", "0:50000", "--vary", "self_doubt", "--steps", "5", "--out", "{out}/r.png"], ["--seeds", "250,000 maps"]),
        (["\x1b[2Jbogus"], ["bogus"]),
        (["generate", "leo", "--\x1b[31mcolour"], ["colour"]),
    ],
    ids=lambda v: "_".join(v) if isinstance(v, list) else None,
)
def test_bad_options_get_one_line_naming_the_option(capsys, tmp_path, argv, names):
    argv = [a.format(out=tmp_path) for a in argv]
    code, out, err = _run(capsys, argv)
    assert code == 2 and out == ""
    assert "Traceback" not in err and err.count("\n") == 1, err
    assert "\x1b" not in err
    for name in names:
        assert name in err, (name, err)


def test_record_dir_under_a_file_names_the_option(capsys, tmp_path):
    blocker = tmp_path / "plain"
    blocker.write_text("mine\n")
    for record_dir in (blocker, blocker / "below"):
        code, out, err = _run(capsys, ["bot", "leo", "--seeds", "0:1", "--record-dir", str(record_dir)])
        assert code == 2 and out == ""
        _one_error_line(err, "bot", "--record-dir", str(blocker))
    assert blocker.read_text() == "mine\n"


def test_printed_names_from_files_never_reach_the_terminal_raw(capsys, tmp_path):
    """A level name with escapes is refused; a file name with them is printed escaped."""
    odd = tmp_path / "odd\x1b[31m\x07.toml"
    odd.write_text('dreamer = "leo"\nseed = 3\n', encoding="utf-8")
    code, out, err = _run(capsys, ["generate", str(odd), "--size", "32x24"])
    assert code == 0, err
    assert "\x1b" not in out and "\x07" not in out


def test_replay_summary_of_a_crafted_recording_prints_no_control_characters(capsys, tmp_path):
    import json

    from dreamscape.core.level import load_level_or_profile
    from dreamscape.gen import generate
    from dreamscape.recordings.recorder import record_run
    from dreamscape.sim.world import World

    spec = load_level_or_profile("leo").with_size((32, 24))
    path = tmp_path / "run.rec"
    record_run(World(generate(spec)), [0] * 40, path)
    lines = path.read_bytes().split(b"\n")
    header = json.loads(lines[0])
    header["level"]["name"] = "\x1b]0;owned\x07\x1b[2J"
    header["game_version"] = "9\x1b[31m"
    lines[0] = json.dumps(header).encode()
    path.write_bytes(b"\n".join(lines))
    for flag in ("--summary", "--verify"):
        code, out, err = _run(capsys, ["replay", str(path), flag])
        assert code == 2 and out == ""
        _one_error_line(err, "replay", str(path), "control characters")


@pytest.mark.parametrize("argv", [["--help"], ["--version"], ["generate", "--help"], []], ids=["help", "version", "generate_help", "no_command"])
@pytest.mark.parametrize("stdout", ["full", "closed"])
def test_help_and_version_to_a_failing_stdout_are_one_line(argv, stdout):
    if stdout == "full" and not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    sink = open("/dev/full", "w") if stdout == "full" else subprocess.DEVNULL
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "dreamscape", *argv],
            stdout=sink,
            stderr=subprocess.PIPE,
            text=True,
            env=subprocess_env(),
            timeout=MAX_SECONDS,
            preexec_fn=(lambda: os.close(1)) if stdout == "closed" else None,
        )
    finally:
        if stdout == "full":
            sink.close()
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "standard output" in proc.stderr and "Traceback" not in proc.stderr, proc.stderr
