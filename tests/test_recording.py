"""Recordings: golden runs replay exactly, desyncs name their tick, bad files fail cleanly."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from dreamscape.sim.rules import SIM_VERSION

from conftest import subprocess_env
from dreamscape.cli.main import main
from dreamscape.core.errors import InputError
from dreamscape.core.level import load_level_or_profile
from dreamscape.formats.recording.codec import decode_commands, encode_commands
from dreamscape.formats.recording.header import FORMAT_VERSION
from dreamscape.formats.recording.reader import read_recording
from dreamscape.gen import GENERATOR_VERSION, generate
from dreamscape.recordings.recorder import Recorder, record_run
from dreamscape.recordings.verify import verify
from dreamscape.sim import World

GOLDEN_DIR = Path(__file__).resolve().parent / "golden" / "recordings"
GOLDENS = sorted(GOLDEN_DIR.glob("*.rec"))
SCRIPT = Path(__file__).resolve().parent / "make_golden_recordings.py"
REGENERATE = (
    "If the simulation or the generator changed on purpose, regenerate the golden recordings with "
    "`python tests/make_golden_recordings.py` in the same commit (and bump GENERATOR_VERSION for generator changes)."
)


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def _write(path: Path, lines: list[str], newline_at_end: bool = True) -> Path:
    path.write_text("\n".join(lines) + ("\n" if newline_at_end else ""), encoding="utf-8")
    return path


def _golden(stem: str) -> Path:
    return GOLDEN_DIR / f"{stem}.rec"


def _change_command(src: Path, dst: Path, tick: int, command: int) -> Path:
    """A copy of `src` whose command at `tick` is `command`."""
    out = []
    for line in _lines(src):
        record = json.loads(line)
        if "c" in record:
            chunk = bytearray(decode_commands(record["c"]))
            if record["i"] <= tick < record["i"] + len(chunk):
                chunk[tick - record["i"]] = command
                record["c"] = encode_commands(chunk)
                line = json.dumps(record, separators=(",", ":"))
        out.append(line)
    return _write(dst, out)


def _cli(*args: str, capsys) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


# --------------------------------------------------------------------------- the goldens


def test_goldens_exist_and_are_small():
    assert len(GOLDENS) >= 3, f"golden recordings missing from {GOLDEN_DIR}. {REGENERATE}"
    for path in GOLDENS:
        assert path.stat().st_size < 50_000, path


@pytest.mark.parametrize("path", GOLDENS, ids=lambda p: p.stem)
def test_golden_recordings_verify(path):
    try:
        rec = read_recording(path)
    except InputError as exc:
        pytest.fail(f"{exc.line()}\n{REGENERATE}")
    assert not rec.truncated and 300 <= rec.ticks
    result = verify(rec)
    assert result.ok, f"{path.name}: {result.line()}\n{REGENERATE}"
    assert result.ticks_verified == rec.ticks == result.ticks_replayed
    assert result.checks == len(rec.checksums) + 1


def test_goldens_cover_a_win_and_a_loss():
    outcomes = {read_recording(p).outcome for p in GOLDENS}
    assert {"won", "lost_time"} <= outcomes, (
        f"golden outcomes {outcomes}. {REGENERATE} If the scripted walk no longer wins, change its case in make_golden_recordings.CASES."
    )


def test_goldens_match_what_the_script_makes_now(tmp_path):
    """Every line but the game version is what the script writes today."""
    sys.path.insert(0, str(SCRIPT.parent))
    import make_golden_recordings

    for stem in make_golden_recordings.CASES:
        fresh = make_golden_recordings.make(stem, tmp_path)
        old, new = _lines(_golden(stem)), _lines(fresh)
        old[0], new[0] = (json.dumps({**json.loads(h), "game_version": ""}) for h in (old[0], new[0]))
        assert old == new, f"{stem}.rec differs from a fresh run. {REGENERATE}"


# --------------------------------------------------------------------------- the encoding and the writer


@pytest.mark.parametrize("commands", [b"", b"\x00", b"\x00\x00\x02", bytes([8] * 45 + [2] * 6 + [0]), bytes(range(13)) * 3])
def test_command_encoding_round_trips(commands):
    assert decode_commands(encode_commands(commands)) == commands


def test_commands_with_the_use_bit_encode_and_a_recording_of_them_verifies(tmp_path):
    from dreamscape.sim.commands import EAST, NORTH, USE_BIT, WAKE_BIT

    used = bytes([USE_BIT, USE_BIT | EAST, USE_BIT | WAKE_BIT | NORTH, 0])
    assert decode_commands(encode_commands(used)) == used
    assert encode_commands([USE_BIT | WAKE_BIT | 4]) == "c"  # the highest valid byte, 28
    world = _world("ch2_beautiful_prison")
    commands = ([EAST] * 20 + [USE_BIT] + [NORTH] * 20 + [USE_BIT | NORTH]) * 5
    record_run(world, commands, tmp_path / "use.rec")
    result = verify(read_recording(tmp_path / "use.rec"))
    assert result.ok and result.ticks_replayed == len(commands)


def test_command_encoding_is_compact_and_readable():
    assert encode_commands([0, 0, 0, 2]) == "A3C"
    assert encode_commands([8] * 45) == "I45"


@pytest.mark.parametrize("text", ["g", "A0", "A01", "z", "A-1", "3A", "A 2", "A99999999"])
def test_command_decoding_rejects_malformed_text(text):
    with pytest.raises(ValueError):
        decode_commands(text)


def _world(name="ch1_the_loop"):
    return World(generate(load_level_or_profile(name)))


def test_recorder_flushes_every_second_while_running(tmp_path):
    path = tmp_path / "live.rec"
    rec = Recorder(_world(), path)
    for t in range(95):
        rec.step(t % 5)
    # Read while the file is still open: at most the last second is missing.
    live = read_recording(path)
    assert live.truncated and live.ticks >= 90
    assert [t for t, _ in live.checksums] == [0, 30, 60, 90]
    assert verify(live).ok
    rec.close()
    done = read_recording(path)
    assert not done.truncated and done.ticks == 95 and done.outcome is None


def test_recorder_writes_the_end_as_soon_as_the_world_ends(tmp_path):
    spec = load_level_or_profile("zara").with_size((48, 32))
    world = World(generate(spec._replace(time_limit=10)))
    rec = Recorder(world, tmp_path / "end.rec")
    for _ in range(400):
        rec.step(0)
    assert world.done and rec.writer.closed
    got = read_recording(tmp_path / "end.rec")
    assert got.end_tick == 300 and got.outcome == "lost_time"


def test_a_crash_inside_the_recorder_leaves_a_truncated_file(tmp_path):
    path = tmp_path / "crash.rec"
    with pytest.raises(RuntimeError):
        with Recorder(_world(), path) as rec:
            for _ in range(70):
                rec.step(2)
            raise RuntimeError("the game fell over")
    got = read_recording(path)
    assert got.truncated and got.ticks == 70
    assert verify(got).ok


def test_any_checksum_interval_verifies(tmp_path):
    commands = [int(c) for c in np.random.default_rng(2).integers(0, 5, 100)]
    record_run(_world(), commands, tmp_path / "seven.rec", checksum_every=7)
    rec = read_recording(tmp_path / "seven.rec")
    assert [t for t, _ in rec.checksums][:3] == [0, 7, 14] and rec.checksum_every == 7
    result = verify(rec)
    assert result.ok and result.ticks_verified == 100


def test_a_recording_starts_at_tick_zero(tmp_path):
    world = _world()
    world.step(0)
    with pytest.raises(ValueError, match="tick 0"):
        Recorder(world, tmp_path / "late.rec")


def test_the_same_run_records_the_same_bytes(tmp_path):
    commands = [int(c) for c in np.random.default_rng(5).integers(0, 13, 200) if (c & 7) <= 4]
    a = record_run(_world(), commands, tmp_path / "a.rec")
    b = record_run(_world(), commands, tmp_path / "b.rec")
    assert a.checksums() == b.checksums()
    assert (tmp_path / "a.rec").read_bytes() == (tmp_path / "b.rec").read_bytes()


def test_two_processes_with_different_hash_seeds_write_identical_recordings(tmp_path):
    outs = []
    for hash_seed in ("1", "2"):
        out = tmp_path / f"run{hash_seed}"
        proc = subprocess.run(
            [sys.executable, str(SCRIPT), "--out", str(out)],
            capture_output=True,
            text=True,
            timeout=300,
            cwd=str(tmp_path),
            env=subprocess_env(PYTHONHASHSEED=hash_seed),
        )
        assert proc.returncode == 0, proc.stderr
        outs.append({p.name: p.read_bytes() for p in sorted(out.glob("*.rec"))})
    assert outs[0] and outs[0] == outs[1]


# --------------------------------------------------------------------------- desyncs


def _divergent_change(path: Path, after: int) -> tuple[int, int]:
    """(tick >= after, command) such that playing `command` there really changes the state
    at the next checksum (a random walk can wander back to where it would have been)."""
    rec = read_recording(path)
    ds = generate(rec.spec)
    every = rec.checksum_every

    def state_at(commands: bytes, tick: int) -> dict[str, str]:
        world = World(ds)
        for c in commands[:tick]:
            world.step(c)
        return world.checksums()

    world = World(ds)
    for t, command in enumerate(rec.commands):
        p = world.player
        if t >= after and not p.moving:
            check = min((t // every + 1) * every, rec.ticks)
            for d in (2, 4, 1, 3):
                if d != command and world.terrain.can_step(p.x, p.y, d, world.tick):
                    changed = rec.commands[:t] + bytes([d]) + rec.commands[t + 1 :]
                    if state_at(changed, check) != state_at(rec.commands, check):
                        return t, d
        world.step(command)
    raise AssertionError("no command to change")


@pytest.mark.parametrize("stem, after", [("ch1_walk", 200), ("ch2_random", 0), ("ch2_random", 301)])
def test_one_changed_command_is_a_desync_at_or_after_its_tick(tmp_path, stem, after):
    tick, command = _divergent_change(_golden(stem), after)
    changed = _change_command(_golden(stem), tmp_path / "changed.rec", tick, command)
    result = verify(read_recording(changed))
    assert not result.ok
    assert tick < result.desync_tick <= tick + 30, result.line()
    assert "player" in result.parts
    assert result.last_good_tick is not None and result.last_good_tick <= tick
    assert f"tick {result.desync_tick}" in result.line() and "player" in result.line()


def test_a_changed_outcome_is_a_desync(tmp_path):
    lines = _lines(_golden("zara_timeout"))
    end = json.loads(lines[-1])
    lines[-1] = json.dumps({**end, "outcome": "won"})
    result = verify(read_recording(_write(tmp_path / "o.rec", lines)))
    assert not result.ok and result.parts == ("outcome",) and result.desync_tick == 300


def test_a_different_level_is_a_desync_at_tick_zero(tmp_path):
    lines = _lines(_golden("ch2_random"))
    lines[0] = json.dumps({**json.loads(lines[0]), "hash": "0" * 32})
    result = verify(read_recording(_write(tmp_path / "l.rec", lines)))
    assert not result.ok and result.desync_tick == 0 and result.parts == ("level",)


def test_commands_after_the_world_ended_are_a_desync(tmp_path):
    lines = _lines(_golden("zara_timeout"))
    end = json.loads(lines.pop())
    lines += [json.dumps({"i": 300, "c": "A30"}), json.dumps({"end": 330, "outcome": "lost_time", "s": end["s"]})]
    result = verify(read_recording(_write(tmp_path / "x.rec", lines)))
    assert not result.ok and result.desync_tick == 300 and result.parts == ("outcome",)


# --------------------------------------------------------------------------- truncated files


def test_a_file_cut_mid_line_verifies_up_to_where_it_ends(tmp_path):
    data = _golden("ch2_random").read_bytes()
    cut = data[: len(data) * 2 // 3]
    assert not cut.endswith(b"\n")
    (tmp_path / "cut.rec").write_bytes(cut)
    rec = read_recording(tmp_path / "cut.rec")
    assert rec.truncated and rec.cut_mid_line
    whole = [json.loads(line) for line in cut.decode().splitlines()[1:-1]]
    assert rec.ticks == sum(len(decode_commands(r["c"])) for r in whole if "c" in r)
    result = verify(rec)
    assert result.ok and result.truncated
    assert result.ticks_verified == max(r["k"] for r in whole if "k" in r)
    assert "truncated" in result.line()


@pytest.mark.parametrize("stem", ["ch1_walk", "ch2_random"])
def test_a_file_cut_to_half_its_records_verifies_the_ticks_present(tmp_path, stem):
    lines = _lines(_golden(stem))
    half = lines[: len(lines) // 2]
    rec = read_recording(_write(tmp_path / "half.rec", half))
    assert rec.truncated and not rec.cut_mid_line
    result = verify(rec)
    last_check = max(json.loads(line)["k"] for line in half[1:] if '"k"' in line)
    assert result.ok and result.ticks_verified == last_check and result.ticks_replayed == rec.ticks
    assert 0 < rec.ticks < read_recording(_golden(stem)).ticks


def test_a_header_only_file_verifies_nothing_but_is_fine(tmp_path):
    rec = read_recording(_write(tmp_path / "h.rec", _lines(_golden("ch2_random"))[:1]))
    assert rec.truncated and rec.ticks == 0 and verify(rec).ok


# --------------------------------------------------------------------------- bad files: exit 2, one line


def _variants(tmp_path: Path) -> dict[str, tuple[Path, list[str]]]:
    """name -> (file, words the error line must hold)."""
    lines = _lines(_golden("ch2_random"))
    header = json.loads(lines[0])
    out: dict[str, tuple[Path, list[str]]] = {}

    def add(name, text_or_bytes, words):
        path = tmp_path / f"{name}.rec"
        if isinstance(text_or_bytes, bytes):
            path.write_bytes(text_or_bytes)
        else:
            path.write_text(text_or_bytes, encoding="utf-8")
        out[name] = (path, words)

    add("garbage", bytes(np.random.default_rng(0).integers(0, 256, 4000, dtype=np.uint8)), ["not a dreamscape recording"])
    add("empty", b"", ["not a dreamscape recording"])
    add("toml", "name = 'Leo'\n", ["not a dreamscape recording"])
    add("wrong_format", json.dumps({**header, "format": "dreamscape-level"}) + "\n", ["format", "dreamscape-level"])
    add("future_format", "\n".join([json.dumps({**header, "format_version": FORMAT_VERSION + 1})] + lines[1:]) + "\n", ["format_version", f"format {FORMAT_VERSION + 1}", f"reads format {FORMAT_VERSION}"])
    add("other_generator", "\n".join([json.dumps({**header, "generator_version": GENERATOR_VERSION - 1})] + lines[1:]) + "\n", ["generator_version", f"v{GENERATOR_VERSION - 1}", f"v{GENERATOR_VERSION}"])
    add("other_rules", "\n".join([json.dumps({**header, "sim_version": SIM_VERSION + 1})] + lines[1:]) + "\n", ["sim_version", f"v{SIM_VERSION + 1}", f"v{SIM_VERSION}"])
    add("corrupt_middle", "\n".join(lines[:4] + ['{"i": 30, "c": "A3#"}'] + lines[5:]) + "\n", ["line 5", "corrupt"])
    add("gap_in_commands", "\n".join(lines[:3] + lines[5:]) + "\n", ["line 4"])
    add("bad_level", "\n".join([json.dumps({**header, "level": {**header["level"], "size": [10, 10]}})] + lines[1:]) + "\n", ["level", "size"])
    add("cut_header", lines[0][:200], ["cut off inside its header"])
    out["missing"] = (tmp_path / "nope.rec", ["no such file"])
    out["directory"] = (tmp_path, ["is a directory"])
    return out


BAD = ["garbage", "empty", "toml", "wrong_format", "future_format", "other_generator", "other_rules", "corrupt_middle", "gap_in_commands", "bad_level", "cut_header", "missing", "directory"]


@pytest.mark.parametrize("name", BAD)
@pytest.mark.parametrize("flags", [["--verify"], ["--summary"], ["--headless"]], ids=["verify", "summary", "watch"])
def test_bad_files_exit_2_with_one_line(tmp_path, capsys, name, flags):
    path, words = _variants(tmp_path)[name]
    code, out, err = _cli("replay", str(path), *flags, capsys=capsys)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("dreamscape replay: error: ") and "Traceback" not in err
    assert str(path) in err
    for word in words:
        assert word in err, err


def test_a_record_after_the_end_is_corrupt(tmp_path):
    lines = _lines(_golden("zara_timeout"))
    with pytest.raises(InputError, match=f"line {len(lines) + 1}"):
        read_recording(_write(tmp_path / "after.rec", lines + [lines[-2]]))


# --------------------------------------------------------------------------- the command line


def test_summary_without_verify(capsys):
    rec = read_recording(_golden("ch1_walk"))
    code, out, err = _cli("replay", str(_golden("ch1_walk")), "--summary", capsys=capsys)
    assert code == 0 and err == ""
    assert "The Loop" in out and "seed 3" in out and f"{rec.ticks} ticks" in out and rec.outcome in out and "complete" in out


def test_summary_of_a_truncated_file(tmp_path, capsys):
    lines = _lines(_golden("ch1_walk"))
    code, out, _ = _cli("replay", str(_write(tmp_path / "t.rec", lines[:9])), "--summary", capsys=capsys)
    assert code == 0 and "truncated" in out


@pytest.mark.parametrize("expected", [0, 1, 2])
def test_cli_exit_codes_end_to_end(tmp_path, run_cli, expected):
    if expected == 0:
        path = _golden("ch1_walk")
    elif expected == 1:
        tick, command = _divergent_change(_golden("ch2_random"), 100)
        path = _change_command(_golden("ch2_random"), tmp_path / "desync.rec", tick, command)
    else:
        path = tmp_path / "garbage.rec"
        path.write_bytes(b"\x00\xffnot a recording\n")
    code, out, err = run_cli("replay", str(path), "--verify", cwd=tmp_path)
    assert code == expected, (out, err)
    assert "Traceback" not in err
    if expected == 0:
        assert out.count("\n") == 1 and f"ok: {read_recording(path).ticks} ticks verified" in out and err == ""
    elif expected == 1:
        assert out.count("\n") == 1 and "desync at tick" in out and "player" in out
        assert int(out.split("desync at tick ")[1].split(":")[0]) > tick
    else:
        assert out == "" and err.count("\n") == 1 and "not a dreamscape recording" in err


def test_replay_is_registered_with_help(capsys):
    # main() returns --help's exit code once its text is flushed, rather than exiting.
    assert main(["replay", "--help"]) == 0
    assert "--verify" in capsys.readouterr().out


# -- relaxed mode -----------------------------------------------------------------------


def test_relaxed_mode_lengthens_the_window_and_is_kept_in_the_recording(tmp_path):
    from dreamscape.sim import rules as R

    ds = generate(load_level_or_profile("leo").with_seed(3))
    normal, relaxed = World(ds), World(ds, relaxed=True)
    assert relaxed.deadline == normal.deadline * R.RELAXED_WINDOW_NUM // R.RELAXED_WINDOW_DEN > normal.deadline
    path = record_run(World(ds, relaxed=True), [0] * 90, tmp_path / "relaxed.rec") and tmp_path / "relaxed.rec"
    rec = read_recording(path)
    assert rec.relaxed and rec.header["relaxed"] is True
    assert verify(rec).ok
    # The same run with the flag removed from the header no longer verifies: the window is part of the state.
    lines = _lines(path)
    header = json.loads(lines[0])
    del header["relaxed"]
    plain = _write(tmp_path / "plain.rec", [json.dumps(header, separators=(",", ":"))] + lines[1:])
    result = verify(read_recording(plain))
    assert not result.ok and result.desync_tick == 0 and "player" in result.parts


def test_a_recording_without_relaxed_mode_does_not_mention_it(tmp_path):
    ds = generate(load_level_or_profile("leo").with_seed(3))
    path = tmp_path / "plain.rec"
    record_run(World(ds), [0] * 30, path)
    assert "relaxed" not in json.loads(_lines(path)[0])
    assert not read_recording(path).relaxed


def test_a_relaxed_flag_that_is_not_a_boolean_is_an_input_error(tmp_path):
    ds = generate(load_level_or_profile("leo").with_seed(3))
    path = tmp_path / "r.rec"
    record_run(World(ds), [0] * 30, path)
    lines = _lines(path)
    header = json.loads(lines[0])
    header["relaxed"] = "yes"
    bad = _write(tmp_path / "bad.rec", [json.dumps(header)] + lines[1:])
    with pytest.raises(InputError, match="relaxed"):
        read_recording(bad)
