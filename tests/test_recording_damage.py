"""A recording's damaged tail, as a crash leaves it: reported, and what precedes it still verified.

A crash can leave a last line cut off, bytes that are not UTF-8, or a block
of zeros where the file system lost a write. The reader reports such a tail
as "truncated at line N" and verifies every whole record before it. Damage
with a good record after it is no crash: that is corruption (exit 2). And
kill -9 of a headless dive at several moments leaves a file that verifies to
its last whole record, losing at most one second of play.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REPO_ROOT, subprocess_env
from dreamscape.cli.main import main
from dreamscape.core.timing import TICKS_PER_SECOND
from dreamscape.formats.recording.reader import read_recording
from dreamscape.recordings.verify import verify

GOLDEN_DIR = REPO_ROOT / "tests" / "golden" / "recordings"


def _golden(stem: str) -> bytes:
    return (GOLDEN_DIR / f"{stem}.rec").read_bytes()


def _without_end(data: bytes) -> bytes:
    """The golden cut before its end record, as a crash mid-run would leave it."""
    lines = data.split(b"\n")[:-1]
    assert lines[-1].startswith(b'{"end"')
    return b"\n".join(lines[:-1]) + b"\n"


def _lines(data: bytes) -> int:
    return data.count(b"\n")


def _cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


TAILS = {
    "non_utf8_line": b"\xff\xfe\x80garbage\n",
    "non_utf8_cut": b"\xc3\x28\xa0\xa1",
    "zeros_block": b"\x00" * 4096,
    "zeros_line": b"\x00" * 300 + b"\n",
    "half_json": b'{"i": 99, "c": "A1',
    "not_json_line": b"}}}{{{\n",
}


@pytest.mark.parametrize("tail", sorted(TAILS))
def test_a_damaged_tail_is_reported_and_the_rest_verifies(tmp_path, capsys, tail):
    whole = _without_end(_golden("ch1_walk"))
    path = tmp_path / "crashed.rec"
    path.write_bytes(whole + TAILS[tail])
    clean = tmp_path / "clean.rec"
    clean.write_bytes(whole)
    first_bad = _lines(whole) + 1

    rec = read_recording(path)
    assert rec.damaged_line == first_bad and rec.truncated
    assert rec.commands == read_recording(clean).commands  # nothing before the damage lost
    result = verify(rec)
    assert result.ok and result.ticks_verified == verify(read_recording(clean)).ticks_verified > 0

    code, out, err = _cli(capsys, "replay", str(path), "--verify")
    assert code == 0 and err == ""
    assert f"truncated at line {first_bad}" in out and out.count("\n") == 1

    code, out, _ = _cli(capsys, "replay", str(path), "--summary")
    assert code == 0 and f"truncated at line {first_bad}" in out


def test_garbage_after_a_complete_recording_is_reported_not_ignored(tmp_path, capsys):
    data = _golden("ch1_walk")
    path = tmp_path / "tail.rec"
    path.write_bytes(data + b"\xff\xff\xff")
    code, out, _ = _cli(capsys, "replay", str(path), "--verify")
    assert code == 0
    assert f"truncated at line {_lines(data) + 1}" in out and "after the end record" in out and "outcome won" in out


def test_damage_followed_by_good_records_is_corruption(tmp_path, capsys):
    lines = _golden("ch1_walk").split(b"\n")
    lines[5] = b"\xff\xfe not a record"
    path = tmp_path / "middle.rec"
    path.write_bytes(b"\n".join(lines))
    code, out, err = _cli(capsys, "replay", str(path), "--verify")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "line 6" in err and "corrupt" in err and "line 7" in err
    assert "Traceback" not in err


def test_an_empty_line_inside_the_records_is_corruption(tmp_path, capsys):
    lines = _golden("ch2_random").split(b"\n")
    lines.insert(4, b"")
    path = tmp_path / "gap.rec"
    path.write_bytes(b"\n".join(lines))
    code, _, err = _cli(capsys, "replay", str(path), "--verify")
    assert code == 2 and "line 5" in err and "empty line" in err


def test_tampering_is_still_caught_next_to_a_damaged_tail(tmp_path, capsys):
    """A damaged tail must not excuse a changed command before it."""
    lines = _without_end(_golden("ch1_walk")).split(b"\n")
    for i, line in enumerate(lines):
        if line.startswith(b'{"i"'):
            record = json.loads(line)
            if len(record["c"]) > 2:
                record["c"] = ("C" if record["c"][0] != "C" else "E") + record["c"][1:]
                lines[i] = json.dumps(record, separators=(",", ":")).encode()
                break
    path = tmp_path / "tampered.rec"
    path.write_bytes(b"\n".join(lines) + b"\xff\xff")
    code, out, _ = _cli(capsys, "replay", str(path), "--verify")
    assert code == 1 and "desync at tick" in out


# --------------------------------------------------------------------------- kill -9

_CHILD = r"""
import sys
from pathlib import Path
from dreamscape.app.session import DiveSession
from dreamscape.core.level import load_level_or_profile

session = DiveSession(load_level_or_profile("ch1_the_loop"), record_dir=Path(sys.argv[1]), autoplay=True)
print("recording", session.recording, flush=True)
while not session.world.done:
    session.step(0)
    # Lockstep: report the tick reached and wait, so the parent kills at a known tick.
    print(session.world.tick, flush=True)
    if not sys.stdin.readline():
        break
"""


@pytest.mark.parametrize("kill_after", [5, 40, 95, 400])
def test_kill_9_during_a_headless_dive_loses_at_most_a_second(tmp_path, kill_after):
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(tmp_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=subprocess_env(),
    )
    try:
        first = child.stdout.readline()
        assert first.startswith("recording "), first + child.stderr.read()
        path = Path(first.split(" ", 1)[1].strip())
        reached = 0
        deadline = time.monotonic() + 60
        while reached < kill_after and time.monotonic() < deadline:
            line = child.stdout.readline()
            if not line:
                break
            reached = int(line)
            if reached < kill_after:
                child.stdin.write("\n")
                child.stdin.flush()
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert reached >= kill_after, "the dive ended before the moment chosen to kill it"
    rec = read_recording(path)
    assert rec.truncated
    assert rec.ticks <= reached
    assert rec.ticks >= reached - TICKS_PER_SECOND, f"lost {reached - rec.ticks} ticks, more than one second"
    result = verify(rec)
    assert result.ok, result.line()
    assert result.ticks_verified >= reached - TICKS_PER_SECOND
