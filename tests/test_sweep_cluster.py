"""Sweeps on a real Dask cluster (a LocalCluster of two worker processes on the loopback address).

The rows a cluster gives are the rows a local run gives, in seed order; a
worker killed mid-sweep loses no seed; a bad or unreachable scheduler is one
line and exit code 2.
"""

from __future__ import annotations

import os
import signal

import pytest

distributed = pytest.importorskip("distributed")

from dreamscape.cli.main import main  # noqa: E402
from dreamscape.core.level import load_level_or_profile  # noqa: E402
from dreamscape.designer import cluster as cluster_mod  # noqa: E402
from dreamscape.designer.sweep import run_specs  # noqa: E402


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None, silence_logs=50
    ) as c:
        yield c


def _without_ms(path) -> list[list[str]]:
    lines = [line.split(",") for line in path.read_text().splitlines()]
    ms = lines[0].index("ms")
    return [row[:ms] + row[ms + 1 :] for row in lines]


def test_a_sweep_on_the_cluster_writes_what_a_local_one_does(cluster, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(cluster_mod, "BATCH", 3)  # several batches for a few seeds: the order is put back
    local, remote = tmp_path / "local.csv", tmp_path / "remote.csv"
    assert main(["sweep", "leo", "--seeds", "0:14", "--size", "40x30", "--workers", "1", "--out", str(local)]) == 0
    assert main(["sweep", "leo", "--seeds", "0:14", "--size", "40x30", "--scheduler", cluster.scheduler_address, "--out", str(remote)]) == 0
    out = capsys.readouterr().out
    assert f"on {cluster.scheduler_address}" in out and "failures 0" in out
    assert _without_ms(remote) == _without_ms(local)
    assert [row[0] for row in _without_ms(remote)[1:]] == [str(s) for s in range(14)]


def test_the_environment_variable_names_the_scheduler(cluster, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv(cluster_mod.SCHEDULER_ENV, cluster.scheduler_address)
    out = tmp_path / "rows.jsonl"
    assert main(["sweep", "leo", "--seeds", "3:6", "--size", "40x30", "--out", str(out)]) == 0
    assert f"on {cluster.scheduler_address}" in capsys.readouterr().out
    assert len(out.read_text().splitlines()) == 3


def test_a_worker_killed_mid_sweep_loses_no_seed(cluster, monkeypatch):
    monkeypatch.setattr(cluster_mod, "BATCH", 2)
    spec = load_level_or_profile("leo")
    specs = [spec.with_seed(seed) for seed in range(40)]
    with distributed.Client(cluster.scheduler_address, set_as_default=False) as client:
        pids = sorted(client.run(os.getpid).values())
    seen = []
    for result in run_specs(specs, 1, scheduler=cluster.scheduler_address):
        if not seen:
            os.kill(pids[0], signal.SIGKILL)  # the rest of the sweep runs with one worker gone
        seen.append(result)
    assert [r.seed for r in seen] == list(range(40))
    assert all(r.row is not None for r in seen), [r.error for r in seen if r.row is None]
    with distributed.Client(cluster.scheduler_address, set_as_default=False) as client:
        assert pids[0] not in client.run(os.getpid).values()  # that worker really died (its nanny started another)


@pytest.mark.parametrize("address", ["localhost:8786", "http://127.0.0.1:8786", "tcp://127.0.0.1", "tcp://127.0.0.1:99999"])
def test_a_malformed_scheduler_address_is_one_line_and_exit_2(address, capsys):
    assert main(["sweep", "leo", "--seeds", "0:2", "--scheduler", address]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "--scheduler" in err[0] and "tcp://HOST:8786" in err[0]


def test_an_unreachable_scheduler_is_one_line_and_exit_2(capsys, monkeypatch):
    monkeypatch.setattr(cluster_mod, "CONNECT_TIMEOUT", 2)
    assert main(["sweep", "leo", "--seeds", "0:2", "--scheduler", "tcp://127.0.0.1:9"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "cannot reach a Dask scheduler at tcp://127.0.0.1:9" in err[0]


def test_an_illumination_on_the_cluster_finds_what_a_local_one_does(cluster, tmp_path, capsys):
    pytest.importorskip("ribs")
    args = ["illuminate", "lila", "--x", "dead_ends", "--y", "path_length", "--size", "40x30", "--cells", "6x6", "--budget", "64"]
    assert main([*args, "--workers", "1", "--out", str(tmp_path / "local")]) == 0
    assert main([*args, "--scheduler", cluster.scheduler_address, "--out", str(tmp_path / "remote")]) == 0
    assert _without_ms(tmp_path / "remote" / "archive.csv") == _without_ms(tmp_path / "local" / "archive.csv")


def test_a_batch_lost_for_good_names_each_of_its_seeds_and_exits_1(cluster, tmp_path, capsys, monkeypatch):
    # Every try of one batch dies: its seeds come back as failures, named one by one; the rest are written.
    import dreamscape.designer.measure as measure_mod

    monkeypatch.setattr(cluster_mod, "BATCH", 2)
    monkeypatch.setattr(cluster_mod, "measure_batch", _dies_on_seed_3)
    out = tmp_path / "rows.csv"
    code = main(["sweep", "leo", "--seeds", "0:6", "--size", "40x30", "--scheduler", cluster.scheduler_address, "--out", str(out)])
    said = capsys.readouterr().out
    assert code == 1
    assert "failed: seed 2: lost on the cluster" in said and "failed: seed 3: lost on the cluster" in said
    assert [line.split(",")[0] for line in out.read_text().splitlines()[1:]] == ["0", "1", "4", "5"]
    assert measure_mod.measure_batch is not _dies_on_seed_3


def _dies_on_seed_3(specs):
    from dreamscape.designer.measure import measure_batch

    if any(spec.seed == 3 for spec in specs):
        raise RuntimeError("this batch cannot be measured")
    return measure_batch(specs)
