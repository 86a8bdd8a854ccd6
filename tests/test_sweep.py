"""`dreamscape sweep`: one row per seed in order, the same rows whatever the workers, honest summaries."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import statistics
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import subprocess_env
from dreamscape.cli.main import main
from dreamscape.designer.metrics import METRIC_NAMES
from dreamscape.designer.sweep import COLUMNS

LEVEL = ["leo", "--size", "48x32"]
SEEDS = "0:12"


def run_main(*args: str) -> tuple[int, str, str]:
    """Run the CLI in this process: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in args])
    return code, out.getvalue(), err.getvalue()


def read_csv(path: Path) -> tuple[list[str], list[dict]]:
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


def summary_rows(text: str) -> dict[str, tuple[float, float, float, float]]:
    """metric -> (mean, sd, min, max) from a printed summary table."""
    found = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 5 and parts[0] in ("ms",) + METRIC_NAMES:
            found[parts[0]] = tuple(float(p) for p in parts[1:])
    return found


@pytest.fixture(scope="module")
def sweeps(tmp_path_factory) -> dict:
    """The same sweep three ways: CSV with 2 workers (twice), JSONL with 1 worker."""
    folder = tmp_path_factory.mktemp("sweep")
    runs = {}
    for key, name, workers in (("csv", "a.csv", "2"), ("csv_again", "b.csv", "2"), ("jsonl", "c.jsonl", "1")):
        path = folder / name
        code, out, err = run_main("sweep", *LEVEL, "--seeds", SEEDS, "--workers", workers, "--out", path)
        assert code == 0, err
        runs[key] = {"path": path, "stdout": out, "stderr": err}
    return runs


def test_csv_has_one_row_per_seed_with_the_documented_columns_in_seed_order(sweeps) -> None:
    header, rows = read_csv(sweeps["csv"]["path"])
    assert header == ["seed", "hash", "ms", *METRIC_NAMES] == list(COLUMNS)
    assert [int(r["seed"]) for r in rows] == list(range(12))
    assert all(re.fullmatch(r"[0-9a-f]{32}", r["hash"]) for r in rows)
    assert all(float(r["ms"]) > 0 for r in rows)
    assert len({r["hash"] for r in rows}) == len(rows)  # different seeds, different maps


def test_jsonl_has_the_same_keys_in_the_same_order(sweeps) -> None:
    lines = sweeps["jsonl"]["path"].read_text(encoding="utf-8").splitlines()
    docs = [json.loads(line) for line in lines]
    assert len(docs) == 12
    assert all(list(doc) == list(COLUMNS) for doc in docs)
    assert [doc["seed"] for doc in docs] == list(range(12))
    assert all(isinstance(doc["dead_ends"], int) and isinstance(doc["floor_ratio"], float) for doc in docs)


def test_runs_and_worker_counts_agree_on_everything_but_timings(sweeps) -> None:
    _, first = read_csv(sweeps["csv"]["path"])
    _, again = read_csv(sweeps["csv_again"]["path"])
    docs = [json.loads(line) for line in sweeps["jsonl"]["path"].read_text(encoding="utf-8").splitlines()]
    for a, b, doc in zip(first, again, docs, strict=True):
        assert {k: v for k, v in a.items() if k != "ms"} == {k: v for k, v in b.items() if k != "ms"}
        assert a["hash"] == doc["hash"]
        for name in METRIC_NAMES:
            assert float(a[name]) == doc[name], name


def test_the_summary_matches_the_rows(sweeps) -> None:
    _, rows = read_csv(sweeps["csv"]["path"])
    table = summary_rows(sweeps["csv"]["stdout"])
    assert set(table) == {"ms", *METRIC_NAMES}
    for name in METRIC_NAMES:
        values = [float(r[name]) for r in rows]
        mean, sd, low, high = table[name]
        assert mean == pytest.approx(statistics.fmean(values), rel=1e-5, abs=1e-9), name
        assert sd == pytest.approx(statistics.pstdev(values), rel=1e-5, abs=1e-9), name
        assert (low, high) == (pytest.approx(min(values), rel=1e-5), pytest.approx(max(values), rel=1e-5)), name
    totals = next(line for line in sweeps["csv"]["stdout"].splitlines() if line.startswith("seeds "))
    retries = sum(int(r["retries"]) for r in rows)
    glitch_retries = sum(int(r["glitch_retries"]) for r in rows)
    assert f"seeds 12  retries {retries}  glitch_retries {glitch_retries}  failures 0" in totals
    assert "2 workers" in totals and "seeds/s" in totals
    assert "1 worker)" in next(line for line in sweeps["jsonl"]["stdout"].splitlines() if line.startswith("seeds "))


def test_where_keeps_exactly_the_matching_seeds(sweeps, tmp_path: Path) -> None:
    _, rows = read_csv(sweeps["csv"]["path"])
    # Thresholds from the data itself, so some seeds pass and some do not.
    dead = statistics.median(int(r["dead_ends"]) for r in rows)
    expr = f"dead_ends > {dead} or loops == {rows[0]['loops']}"
    wanted = [r for r in rows if int(r["dead_ends"]) > dead or r["loops"] == rows[0]["loops"]]
    assert 0 < len(wanted) < len(rows)
    out = tmp_path / "kept.jsonl"
    code, stdout, _ = run_main("sweep", *LEVEL, "--seeds", SEEDS, "--workers", "2", "--out", out, "--where", expr)
    assert code == 0
    docs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [d["seed"] for d in docs] == [int(r["seed"]) for r in wanted]
    assert f"kept {len(wanted)} of 12 seeds" in stdout
    table = summary_rows(stdout)
    assert table["dead_ends"][0] == pytest.approx(statistics.fmean(int(r["dead_ends"]) for r in wanted), rel=1e-5)
    assert table["path_length"][3] == max(int(r["path_length"]) for r in wanted)
    assert f"seeds {len(wanted)}  " in stdout


def test_out_dash_writes_csv_to_stdout_and_the_summary_to_stderr(sweeps) -> None:
    code, out, err = run_main("sweep", *LEVEL, "--seeds", "0:3", "--workers", "1", "--out", "-")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [int(r["seed"]) for r in rows] == [0, 1, 2]
    _, full = read_csv(sweeps["csv"]["path"])
    assert [r["hash"] for r in rows] == [r["hash"] for r in full[:3]]
    assert "dead_ends" in summary_rows(err) and summary_rows(out) == {}


def test_without_out_only_the_summary_is_printed() -> None:
    code, out, _ = run_main("sweep", *LEVEL, "--seeds", "5:7", "--workers", "1")
    assert code == 0
    assert "hash" not in out and "seeds 5:7" in out
    assert "seeds 2  " in out


def test_a_failing_seed_is_reported_and_the_rest_still_written(tmp_path: Path, monkeypatch) -> None:
    from dreamscape import gen

    real = gen.generate

    def flaky(spec):
        if spec.seed == 3:
            raise RuntimeError("no valid dreamscape for seed 3 after 8 attempts")
        return real(spec)

    monkeypatch.setattr(gen, "generate", flaky)
    out = tmp_path / "rows.csv"
    code, stdout, _ = run_main("sweep", *LEVEL, "--seeds", "2:6", "--workers", "1", "--out", out)
    assert code == 1
    _, rows = read_csv(out)
    assert [int(r["seed"]) for r in rows] == [2, 4, 5]
    assert "failures 1" in stdout
    assert "failed: seed 3: RuntimeError: no valid dreamscape" in stdout


@pytest.mark.parametrize(
    "args, field",
    [
        (["--seeds", "5:2"], "--seeds"),
        (["--seeds", "a:b"], "--seeds"),
        (["--seeds", "7"], "--seeds"),
        (["--seeds", "0:3", "--out", "rows.txt"], "--out"),
        (["--seeds", "0:3", "--out", "missing/rows.csv"], "--out"),
        (["--seeds", "0:3", "--out", "."], "--out"),
        (["--seeds", "0:3", "--workers", "0"], "--workers"),
        (["--seeds", "0:3", "--workers", "two"], "--workers"),
        (["--seeds", "0:3", "--size", "9x9"], "--size"),
        (["--seeds", "0:3", "--where", "open('x')"], "--where"),
    ],
)
def test_bad_arguments_give_one_line_exit_2_and_no_files(args: list[str], field: str, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run_main("sweep", "leo", *args)
    assert code == 2
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("dreamscape sweep: error:") and field in lines[0]
    assert out == ""
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes anywhere")
def test_an_unwritable_folder_is_refused_before_any_work(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        code, _, err = run_main("sweep", *LEVEL, "--seeds", "0:2", "--out", locked / "rows.csv")
    finally:
        locked.chmod(0o700)
    assert code == 2 and len(err.splitlines()) == 1 and "not writable" in err
    assert list(locked.iterdir()) == []


def test_bad_input_leaves_an_existing_output_untouched(tmp_path: Path) -> None:
    out = tmp_path / "rows.csv"
    out.write_text("old\n", encoding="utf-8")
    code, _, _ = run_main("sweep", "leo", "--seeds", "0:2", "--out", out, "--where", "loops >")
    assert code == 2
    assert out.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rows.csv"]


def test_split_ranges_concatenate_to_the_whole_sweep(sweeps, tmp_path: Path) -> None:
    # What the README promises for splitting a sweep across machines.
    parts = []
    for seeds in ("0:5", "5:12"):
        out = tmp_path / f"{seeds.replace(':', '_')}.csv"
        code, _, _ = run_main("sweep", *LEVEL, "--seeds", seeds, "--workers", "1", "--out", out)
        assert code == 0
        parts.append(out.read_text(encoding="utf-8").splitlines())
    joined = parts[0] + parts[1][1:]  # the header once
    whole = sweeps["csv"]["path"].read_text(encoding="utf-8").splitlines()
    ms = COLUMNS.index("ms")

    def without_ms(line: str) -> list[str]:
        cells = line.split(",")
        return cells[:ms] + cells[ms + 1 :]

    assert [without_ms(line) for line in joined] == [without_ms(line) for line in whole]


def test_workers_fork_only_while_no_other_thread_runs():
    import threading

    from dreamscape.core.level import load_level_or_profile
    from dreamscape.core.workers import worker_context
    from dreamscape.designer.sweep import run_specs

    specs = [load_level_or_profile("leo").with_size((40, 30)).with_seed(seed) for seed in range(4)]
    alone = [r.row["hash"] for r in run_specs(specs, 1)]
    if threading.active_count() == 1 and "pygame" not in sys.modules:
        assert worker_context().get_start_method() == "fork"
    release = threading.Event()
    other = threading.Thread(target=release.wait, daemon=True)
    other.start()  # as the game's loading or sound thread would be
    try:
        # A fork now could copy a lock that thread holds into a worker that then waits forever.
        assert worker_context().get_start_method() == "forkserver"
        assert [r.row["hash"] for r in run_specs(specs, 2)] == alone
    finally:
        release.set()
        other.join()


def test_workers_do_not_fork_once_pygame_is_loaded():
    """SDL's own threads (display, timers, mixer) never show in `threading`: a fork beside them can hang a worker."""
    probe = (
        "import sys\n"
        "from dreamscape.core.workers import worker_context\n"
        "before = worker_context().get_start_method()\n"
        "import pygame\n"
        "pygame.display.init()\n"
        "print(before, worker_context().get_start_method())\n"
    )
    env = {**subprocess_env(), "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    before, after = done.stdout.split()
    assert after == "forkserver"
    if sys.platform.startswith("linux"):
        assert before == "fork"
