"""Issue 9: never destroy a user's file or device, and fail loudly on every output.

Each attack runs the real command in a subprocess (bounded by a timeout) and
checks: the documented exit code, exactly one line on stderr naming the file
or option, no traceback, and that what the user had is byte-identical after a
failure. A full disk is made three ways, so the suite needs no privileges:
/dev/full (a character device, written through, so every write fails with
ENOSPC), a file-size limit (RLIMIT_FSIZE, SIGXFSZ ignored: writes past it
fail with EFBIG on any filesystem), and a tiny tmpfs where mounting is allowed.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import socket
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

LEVEL = ("leo", "--seed", "3", "--size", "40x30")
SWEEP = ("leo", "--seeds", "0:12", "--size", "40x30", "--workers", "1")
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
TIMEOUT = 120  # seconds for any one command; a hang fails the test instead of the run
LIMIT = 2000  # bytes: every output below is larger, every input the commands read is not written


# --------------------------------------------------------------------------- helpers


def env(home: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONDONTWRITEBYTECODE": "1",  # nothing but the outputs under test is written
        "DREAMSCAPE_HOME": str(home),
        "DREAMSCAPE_MUTE": "1",
        "SDL_VIDEODRIVER": "dummy",
        "SDL_AUDIODRIVER": "dummy",
    }


def preexec(fsize: int | None = None, close_stdout: bool = False, umask: int | None = None):
    def setup() -> None:
        # Ignored, SIGXFSZ no longer kills the process: the write fails with EFBIG instead.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        if fsize is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))
        if umask is not None:
            os.umask(umask)
        if close_stdout:
            os.close(1)

    return setup


def run(cwd: Path, *args, fsize: int | None = None, stdout=subprocess.PIPE, close_stdout: bool = False, umask: int | None = None, script: str | None = None) -> subprocess.CompletedProcess:
    """`python -m dreamscape ARGS` (or `python -c SCRIPT ARGS`) in `cwd`, text output captured."""
    command = [sys.executable, "-c", script] if script is not None else [sys.executable, "-m", "dreamscape"]
    return subprocess.run(
        command + [str(a) for a in args],
        cwd=cwd,
        env=env(cwd / "home"),
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        timeout=TIMEOUT,
        preexec_fn=preexec(fsize, close_stdout, umask),
    )


def one_error_line(result: subprocess.CompletedProcess, *words: str, code: int = 2) -> str:
    """The single stderr line of a failed command, checked to contain every word."""
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.splitlines()
    assert result.returncode == code, result.stderr
    assert len(lines) == 1, lines
    for word in words:
        assert word in lines[0], (word, lines[0])
    return lines[0]


def names(folder: Path) -> list[str]:
    """Every entry in `folder`, temp files included."""
    return sorted(p.name for p in folder.iterdir())


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file() and not p.is_symlink()}


@pytest.fixture
def work(tmp_path: Path) -> Path:
    (tmp_path / "home").mkdir()
    return tmp_path


DEVICES = ("/dev/null", "/dev/full")
LINKS = ("/dev/stdout",)


@pytest.fixture(autouse=True)
def devices_put_back():
    """These tests write to the real /dev/null, /dev/full and /dev/stdout as root. A
    regression would replace them with regular files (the tests then fail); put the
    devices and the link back so the machine is never left broken."""
    devices = {path: os.stat(path) for path in DEVICES}
    links = {path: os.readlink(path) for path in LINKS if os.path.islink(path)}
    yield devices
    for path, before in devices.items():
        if not stat.S_ISCHR(os.lstat(path).st_mode):
            os.unlink(path)
            os.mknod(path, stat.S_IFCHR | 0o666, before.st_rdev)
            os.chmod(path, 0o666)
    for path, target in links.items():
        if not os.path.islink(path):
            os.unlink(path)
            os.symlink(target, path)


class FifoReader:
    """Reads a FIFO to its end on a thread; never leaves the thread blocked."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.data = b""
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        with open(self.path, "rb") as fifo:
            self.data = fifo.read()

    def finish(self) -> bytes:
        self.thread.join(timeout=30)
        if self.thread.is_alive():
            # The writer never came: connect once so the reader's open returns.
            fd = os.open(self.path, os.O_WRONLY | os.O_NONBLOCK)
            os.close(fd)
            self.thread.join(timeout=30)
        return self.data


# --------------------------------------------------------------------------- devices


@pytest.mark.parametrize(
    "args",
    [
        ("generate", *LEVEL, "--json", "/dev/null"),
        ("generate", *LEVEL, "--png", "/dev/null"),
        ("sweep", *SWEEP, "--out", "/dev/null"),
    ],
    ids=["generate-json", "generate-png", "sweep-out"],
)
def test_dev_null_stays_a_character_device(work, devices_put_back, args):
    before = devices_put_back["/dev/null"]
    result = run(work, *args)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    after = os.lstat("/dev/null")
    assert stat.S_ISCHR(after.st_mode), "/dev/null was replaced by a regular file"
    assert after.st_rdev == before.st_rdev and after.st_ino == before.st_ino
    assert "wrote /dev/null" in result.stdout


@pytest.mark.parametrize(
    "args, option",
    [
        (("generate", *LEVEL, "--json", "/dev/full"), "--json"),
        (("generate", *LEVEL, "--png", "/dev/full"), "--png"),
        (("sweep", *SWEEP, "--out", "/dev/full"), "--out"),
    ],
    ids=["generate-json", "generate-png", "sweep-out"],
)
def test_a_full_device_fails_naming_the_file_and_option(work, args, option):
    result = run(work, *args)
    one_error_line(result, "/dev/full", option, "No space left on device")
    assert result.stdout == ""
    assert stat.S_ISCHR(os.lstat("/dev/full").st_mode)


def test_a_failing_device_leaves_the_other_outputs_byte_identical(work):
    (work / "map.png").write_bytes(b"the user's old map")
    before = names(work)
    result = run(work, "generate", *LEVEL, "--json", "/dev/full", "--png", "map.png")
    one_error_line(result, "/dev/full", "--json", "No space left on device")
    assert (work / "map.png").read_bytes() == b"the user's old map"
    assert names(work) == before  # no temp file left behind


def test_a_socket_is_refused_and_left_alone(work):
    path = work / "s.json"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        result = run(work, "generate", *LEVEL, "--json", path.name)
        one_error_line(result, "s.json", "--json", "is a socket")
        assert stat.S_ISSOCK(os.lstat(path).st_mode)
    finally:
        server.close()


def test_a_block_device_is_refused_and_left_alone(work):
    node = work / "disk.png"
    try:
        os.mknod(node, stat.S_IFBLK | 0o600, os.makedev(7, 200))
    except (PermissionError, OSError) as exc:
        pytest.skip(f"cannot make a block device node here ({exc})")
    result = run(work, "generate", *LEVEL, "--png", node.name)
    one_error_line(result, "disk.png", "--png", "block device")
    assert stat.S_ISBLK(os.lstat(node).st_mode)


# --------------------------------------------------------------------------- FIFOs


@pytest.mark.parametrize(
    "name, args, check",
    [
        ("level.json", ("generate", *LEVEL, "--json"), lambda data: json.loads(data)["seed"] == 3),
        ("map.png", ("generate", *LEVEL, "--png"), lambda data: data.startswith(PNG_MAGIC) and len(data) > 1000),
        ("rows.csv", ("sweep", *SWEEP, "--out"), lambda data: data.startswith(b"seed,") and data.count(b"\n") == 13),
    ],
    ids=["generate-json", "generate-png", "sweep-out"],
)
def test_a_fifo_is_written_through(work, name, args, check):
    fifo = work / name
    os.mkfifo(fifo)
    reader = FifoReader(fifo)
    result = run(work, *args, fifo.name)
    data = reader.finish()
    assert result.returncode == 0, result.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode), "the FIFO was replaced"
    assert check(data), data[:200]
    assert names(work) == ["home", name]


@pytest.mark.skipif(not os.path.islink("/dev/stdout"), reason="/dev/stdout is not a symlink here")
def test_dev_stdout_is_written_through_and_stays_a_link(work):
    result = run(work, "generate", *LEVEL, "--json", "/dev/stdout")
    assert result.returncode == 0, result.stderr
    level, end = json.JSONDecoder().raw_decode(result.stdout)
    assert level["seed"] == 3 and "wrote /dev/stdout" in result.stdout[end:]
    assert os.path.islink("/dev/stdout")


# --------------------------------------------------------------------------- symlinks


@pytest.mark.parametrize("hops", [1, 2])
def test_a_symlink_target_is_written_and_the_link_stays(work, hops):
    real_dir, link_dir = work / "real", work / "links"
    real_dir.mkdir()
    link_dir.mkdir()
    target = real_dir / "level.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    link = link_dir / "level.json"
    os.symlink("../real/level.json", link_dir / "hop0.json")
    for i in range(1, hops):
        os.symlink(f"hop{i - 1}.json", link_dir / f"hop{i}.json")
    os.symlink(f"hop{hops - 1}.json", link)
    links_before = {p.name: os.readlink(p) for p in link_dir.iterdir()}

    result = run(work, "generate", *LEVEL, "--json", "links/level.json")
    assert result.returncode == 0, result.stderr
    assert {p.name: os.readlink(p) for p in link_dir.iterdir() if p.is_symlink()} == links_before
    assert names(link_dir) == sorted(links_before)
    assert json.loads(target.read_text(encoding="utf-8"))["seed"] == 3
    assert names(real_dir) == ["level.json"]  # the temp file was beside the target and is gone
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_dangling_symlink_creates_its_target(work):
    (work / "elsewhere").mkdir()
    os.symlink("elsewhere/new.json", work / "link.json")
    result = run(work, "generate", *LEVEL, "--json", "link.json")
    assert result.returncode == 0, result.stderr
    assert os.readlink(work / "link.json") == "elsewhere/new.json"
    assert json.loads((work / "elsewhere" / "new.json").read_text(encoding="utf-8"))["seed"] == 3
    assert names(work / "elsewhere") == ["new.json"]


def test_a_dangling_symlink_into_a_missing_folder_is_refused(work):
    os.symlink("nowhere/new.json", work / "link.json")
    result = run(work, "generate", *LEVEL, "--json", "link.json")
    one_error_line(result, "link.json", "--json", "nowhere/new.json", "does not exist")
    assert os.readlink(work / "link.json") == "nowhere/new.json"
    assert names(work) == ["home", "link.json"]


def test_a_symlink_loop_is_refused(work):
    os.symlink("b.json", work / "a.json")
    os.symlink("a.json", work / "b.json")
    result = run(work, "generate", *LEVEL, "--json", "a.json")
    one_error_line(result, "a.json", "--json", "symbolic links")
    assert os.readlink(work / "a.json") == "b.json" and os.readlink(work / "b.json") == "a.json"


# --------------------------------------------------------------------------- regular files


def test_replacing_a_file_keeps_its_permissions_and_a_new_file_follows_the_umask(work):
    (work / "old.json").write_text("old", encoding="utf-8")
    (work / "old.json").chmod(0o600)
    result = run(work, "generate", *LEVEL, "--json", "old.json", "--png", "new.png", umask=0o027)
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE((work / "old.json").stat().st_mode) == 0o600
    assert stat.S_IMODE((work / "new.png").stat().st_mode) == 0o640
    assert json.loads((work / "old.json").read_text(encoding="utf-8"))["seed"] == 3


@pytest.mark.parametrize(
    "args, name, option",
    [
        (("generate", *LEVEL, "--json"), "level.json", "--json"),
        (("generate", "leo", "--seed", "3", "--png"), "map.png", "--png"),
        (("sweep", *SWEEP, "--out"), "rows.csv", "--out"),
        (("sweep", *SWEEP, "--out"), "rows.jsonl", "--out"),
        (("range", *SWEEP, "--x", "loops", "--y", "dead_ends", "--out"), "range.png", "--out"),
    ],
    ids=["generate-json", "generate-png", "sweep-csv", "sweep-jsonl", "range-png"],
)
def test_a_file_too_large_keeps_the_old_file_byte_identical(work, args, name, option):
    old = work / name
    old.write_bytes(b"the user's old file\n")
    before = names(work)
    result = run(work, *args, name, fsize=LIMIT)
    one_error_line(result, name, option, "File too large")
    assert old.read_bytes() == b"the user's old file\n"
    assert names(work) == before
    assert result.stdout == ""  # nothing claims success


def test_phase_images_too_large_keep_the_old_images_and_add_none(work):
    folder = work / "steps"
    folder.mkdir()
    (folder / "01_regions.png").write_bytes(b"old image")
    result = run(work, "generate", *LEVEL, "--phases", "steps", fsize=LIMIT)
    one_error_line(result, "steps", "--phases", "File too large")
    assert names(folder) == ["01_regions.png"]
    assert (folder / "01_regions.png").read_bytes() == b"old image"


def test_new_phase_folder_is_removed_when_the_images_cannot_be_written(work):
    result = run(work, "generate", *LEVEL, "--phases", "steps", fsize=LIMIT)
    one_error_line(result, "steps", "--phases", "File too large")
    assert names(work) == ["home"]


LIBRARY_WRITERS = r"""
import json, sys
from pathlib import Path
from dreamscape.app.progress import Progress, save_progress
from dreamscape.app.settings import Settings, save_settings
from dreamscape.core.level import load_level_or_profile
from dreamscape.formats.output_error import OutputError
from dreamscape.studio.save import export_png, save_level

folder = Path(sys.argv[1])
spec = load_level_or_profile("leo")
calls = {
    "settings.json": lambda p: save_settings(Settings(music_volume=0.3), p),
    "progress.json": lambda p: save_progress(Progress(completed=["ch%d" % i for i in range(300)]), p),
    "level.toml": lambda p: save_level(spec, p, replace=True),
    "map.png": lambda p: export_png(__import__("dreamscape.gen", fromlist=["generate"]).generate(spec), p, replace=True),
}
out = {}
for name, call in calls.items():
    try:
        call(folder / name)
        out[name] = "written"
    except OutputError as exc:
        out[name] = exc.line() if isinstance(exc, OSError) else "not an OSError: " + exc.line()
print(json.dumps(out))
"""


def test_settings_progress_and_studio_saves_name_the_file_and_keep_the_old_one(work):
    folder = work / "saves"
    folder.mkdir()
    for name in ("settings.json", "progress.json", "level.toml", "map.png"):
        (folder / name).write_bytes(b"old")
    result = run(work, str(folder), fsize=100, script=LIBRARY_WRITERS)
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout)
    for name, line in outcome.items():
        assert line == f"{folder / name}: cannot write (File too large)", (name, line)
        assert (folder / name).read_bytes() == b"old", name
    assert names(folder) == ["level.toml", "map.png", "progress.json", "settings.json"]


# --------------------------------------------------------------------------- recordings


def header_size(work: Path) -> int:
    """Bytes of the first line of the bot's recording of LEVEL seed 0."""
    probe = work / "probe"
    result = run(work, "bot", "leo", "--seeds", "0:1", "--size", "40x30", "--record-dir", probe)
    assert result.returncode in (0, 1), result.stderr
    with open(probe / "leo-0.rec", "rb") as f:
        size = len(f.readline())
    shutil.rmtree(probe)
    return size


def test_a_recording_that_grows_too_large_stops_the_bot_with_one_line(work):
    limit = header_size(work) + 150  # the header fits; the run's records soon do not
    result = run(work, "bot", "leo", "--seeds", "0:3", "--size", "40x30", "--record-dir", "recs", fsize=limit)
    one_error_line(result, "recs/leo-0.rec", "--record-dir", "File too large")
    assert names(work / "recs") == ["leo-0.rec"]  # stopped at the first game, no temp file
    assert 0 < (work / "recs" / "leo-0.rec").stat().st_size <= limit


def test_a_failed_recording_keeps_the_existing_one_byte_identical(work):
    limit = header_size(work) + 150
    (work / "recs").mkdir()
    (work / "recs" / "leo-0.rec").write_bytes(b"an older recording\n")
    result = run(work, "bot", "leo", "--seeds", "0:1", "--size", "40x30", "--record-dir", "recs", fsize=limit)
    one_error_line(result, "leo-0.rec", "--record-dir", "File too large")
    assert (work / "recs" / "leo-0.rec").read_bytes() == b"an older recording\n"
    assert names(work / "recs") == ["leo-0.rec"]


def test_a_recording_whose_first_write_fails_leaves_no_empty_file(work):
    result = run(work, "bot", "leo", "--seeds", "0:1", "--size", "40x30", "--record-dir", "recs", fsize=100)
    one_error_line(result, "leo-0.rec", "--record-dir", "File too large")
    assert names(work / "recs") == []


def test_record_dir_under_a_regular_file_names_the_option_and_the_file(work):
    (work / "afile").write_text("keep", encoding="utf-8")
    result = run(work, "bot", "leo", "--seeds", "0:1", "--size", "40x30", "--record-dir", "afile/recs")
    one_error_line(result, "--record-dir", "afile/recs", "'afile' is a file")
    assert (work / "afile").read_text(encoding="utf-8") == "keep"


def test_a_recorder_onto_a_full_device_raises_one_error_naming_it():
    from dreamscape.formats.output_error import OutputError
    from dreamscape.core.level import load_level_or_profile, parse_size
    from dreamscape.gen import generate
    from dreamscape.recordings.recorder import Recorder
    from dreamscape.sim.world import World

    spec = load_level_or_profile("leo").with_size(parse_size("40x30")).with_seed(3)
    with pytest.raises(OutputError) as caught:
        Recorder(World(generate(spec)), "/dev/full")
    assert caught.value.line() == "/dev/full: cannot write (No space left on device)"
    assert stat.S_ISCHR(os.lstat("/dev/full").st_mode)


GAME_SESSION = r"""
import json, sys
from pathlib import Path
from dreamscape.app.session import DiveSession
from dreamscape.core.level import load_level_or_profile, parse_size

spec = load_level_or_profile("leo").with_size(parse_size("40x30")).with_seed(3)
session = DiveSession(spec, record_dir=Path(sys.argv[1]), autoplay=True)
opened = session.recording is not None
while not session.world.done and session.world.tick < 100000:
    session.step(0)
session.close()
print(json.dumps({"opened": opened, "problem": session.recording_problem, "recording": session.recording and str(session.recording),
                  "done": session.world.done, "outcome": session.world.outcome}))
"""


def test_the_game_plays_on_unrecorded_when_its_recording_fills_the_disk(work):
    result = run(work, "recs", fsize=1200, script=GAME_SESSION)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    state = json.loads(result.stdout)
    assert state["opened"] and state["done"] and state["outcome"] is not None
    assert state["recording"] is None  # the results screen says "Not recorded"
    assert state["problem"].startswith("not recording this dive: recs/") and state["problem"].endswith(".rec: cannot write (File too large)")


def test_the_game_starts_a_dive_when_its_recordings_folder_cannot_be_made(work):
    (work / "home" / "data").write_text("in the way", encoding="utf-8")
    result = run(work, "play", "ch1_the_loop", "--headless", "--frames", "20", "--autoplay")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    problems = [line for line in result.stderr.splitlines() if line.startswith("not recording this dive:")]
    assert len(problems) == 1 and "Not a directory" in problems[0], result.stderr
    assert (work / "home" / "data").read_text(encoding="utf-8") == "in the way"


# --------------------------------------------------------------------------- standard output


STDOUT_COMMANDS = [
    ("generate", *LEVEL),
    ("generate", *LEVEL, "--json", "-"),
    ("sweep", *SWEEP, "--out", "-"),
    ("bot", "leo", "--seeds", "0:1", "--size", "40x30"),
]
STDOUT_IDS = ["generate-metrics", "generate-json", "sweep-out", "bot-summary"]


@pytest.mark.parametrize("args", STDOUT_COMMANDS, ids=STDOUT_IDS)
def test_a_full_stdout_is_one_line_and_exit_2(work, args):
    with open("/dev/full", "w") as full:
        result = run(work, *args, stdout=full)
    one_error_line(result, f"dreamscape {args[0]}: error: standard output", "No space left on device")


@pytest.mark.parametrize("args", STDOUT_COMMANDS, ids=STDOUT_IDS)
def test_a_closed_stdout_is_one_line_and_exit_2(work, args):
    result = run(work, *args, stdout=None, close_stdout=True)
    one_error_line(result, f"dreamscape {args[0]}: error: standard output", "closed")
    assert names(work) == ["home"]  # descriptor 1 never became a stray file


@pytest.mark.parametrize("args", [STDOUT_COMMANDS[0], STDOUT_COMMANDS[2]], ids=[STDOUT_IDS[0], STDOUT_IDS[2]])
def test_a_broken_pipe_ends_quietly(work, args):
    proc = subprocess.Popen(
        [sys.executable, "-m", "dreamscape", *args], cwd=work, env=env(work / "home"),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    proc.stdout.close()  # the reader is gone before the first write
    try:
        _, err = proc.communicate(timeout=TIMEOUT)
    finally:
        proc.kill()
    assert proc.returncode == 0, err
    assert "Traceback" not in err and "Exception ignored" not in err
    if args[0] == "generate":
        assert err == ""


# --------------------------------------------------------------------------- a real full filesystem


@pytest.fixture
def full_disk(tmp_path: Path):
    """A 64 KiB tmpfs holding the user's old files, then filled up; skipped where mounting is not allowed."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if shutil.which("mount") is None:
        pytest.skip("no mount command")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(disk)], capture_output=True, timeout=30)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode(errors='replace').strip()}")
    try:
        (disk / "map.png").write_bytes(b"old map")
        (disk / "rows.csv").write_bytes(b"old rows")
        filler = os.open(disk / "filler", os.O_WRONLY | os.O_CREAT, 0o644)
        try:
            while os.write(filler, b"\0" * 512):
                pass
        except OSError:
            pass  # full
        finally:
            os.close(filler)
        (tmp_path / "home").mkdir()
        yield disk
    finally:
        subprocess.run(["umount", str(disk)], capture_output=True, timeout=30)


@pytest.mark.parametrize(
    "args, name, option",
    [
        (("generate", "leo", "--size", "512x512", "--png"), "map.png", "--png"),
        (("sweep", *SWEEP, "--out"), "rows.csv", "--out"),
    ],
    ids=["generate-png", "sweep-out"],
)
def test_a_full_filesystem_keeps_the_old_file(full_disk, args, name, option):
    before = snapshot(full_disk)
    result = run(full_disk.parent, *args, full_disk / name)
    one_error_line(result, str(full_disk / name), option, "No space left on device")
    assert snapshot(full_disk) == before


def test_a_full_filesystem_stops_the_bot_with_one_line(full_disk):
    result = run(full_disk.parent, "bot", "leo", "--seeds", "0:3", "--size", "40x30", "--record-dir", full_disk / "recs")
    one_error_line(result, "leo-0.rec", "--record-dir", "No space left on device")
