"""`dreamscape range`: PNGs of exactly the asked size, the knob table, clean refusals."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import numpy as np
import pytest
from matplotlib.image import imread

from dreamscape.cli.main import main
from dreamscape.cli.range_cmd import default_metrics
from dreamscape.designer.range_plot import bin_edges

LEVEL = ["leo", "--size", "48x32", "--workers", "2"]


def run_main(*args) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in args])
    return code, out.getvalue(), err.getvalue()


def test_heatmap_png_has_exactly_the_requested_size(tmp_path: Path) -> None:
    out = tmp_path / "range.png"
    code, stdout, err = run_main("range", *LEVEL, "--seeds", "0:10", "--x", "dead_ends", "--y", "loops", "--out", out, "--image-size", "641x479")
    assert code == 0, err
    image = imread(out)
    assert image.shape[:2] == (479, 641)
    # Something was drawn: not one flat colour.
    assert len(np.unique(image.reshape(-1, image.shape[2]), axis=0)) > 20
    assert "10 maps" in stdout and f"wrote {out}" in stdout
    assert [p.name for p in tmp_path.iterdir()] == ["range.png"]


def test_default_image_size_is_1200_by_900(tmp_path: Path) -> None:
    out = tmp_path / "range.png"
    code, _, _ = run_main("range", *LEVEL, "--seeds", "0:4", "--x", "floor_ratio", "--y", "path_length", "--out", out)
    assert code == 0
    assert imread(out).shape[:2] == (900, 1200)


def test_vary_plots_each_step_and_prints_the_means(tmp_path: Path) -> None:
    out = tmp_path / "vary.png"
    code, stdout, err = run_main(
        "range", *LEVEL, "--seeds", "0:3", "--vary", "being_trapped", "--steps", "3", "--out", out, "--image-size", "700x500"
    )
    assert code == 0, err
    assert imread(out).shape[:2] == (500, 700)
    lines = stdout.splitlines()
    assert lines[0].split() == ["being_trapped", *default_metrics("being_trapped")]
    assert [line.split()[0] for line in lines[1:4]] == ["0", "0.5", "1"]
    assert "9 maps" in stdout


def test_vary_with_chosen_metrics(tmp_path: Path) -> None:
    out = tmp_path / "vary.png"
    code, stdout, _ = run_main("range", *LEVEL, "--seeds", "0:2", "--vary", "turmoil", "--steps", "2", "--metrics", "glitch_count, loops", "--out", out, "--image-size", "600x400")
    assert code == 0
    assert stdout.splitlines()[0].split() == ["turmoil", "glitch_count", "loops"]
    assert imread(out).shape[:2] == (400, 600)


def test_default_metrics_start_with_the_documented_one() -> None:
    assert default_metrics("being_trapped")[0] == "dead_ends"
    assert default_metrics("turmoil")[0] == "glitch_count"
    assert len(default_metrics("isolation")) == len(set(default_metrics("isolation"))) >= 2


def test_integer_bins_centre_each_count() -> None:
    edges = bin_edges([3, 5, 9], integer=True)
    assert edges[0] == 2.5 and edges[-1] == 9.5 and np.allclose(np.diff(edges), 1)
    wide = bin_edges([0, 1000], integer=True)
    assert len(wide) - 1 <= 60 and wide[0] < 0 and wide[-1] > 1000
    flat = bin_edges([0.25, 0.25], integer=False)
    assert flat[0] < 0.25 < flat[-1]


@pytest.mark.parametrize(
    "args, field, words",
    [
        (["--seeds", "0:3", "--x", "dead_end", "--y", "loops", "--out", "r.png"], "--x", "did you mean 'dead_ends'"),
        (["--seeds", "0:3", "--x", "loops", "--y", "nope", "--out", "r.png"], "--y", "unknown metric"),
        (["--seeds", "0:3", "--x", "loops", "--out", "r.png"], "--y", "required"),
        (["--seeds", "0:3", "--vary", "self_dobt", "--out", "r.png"], "--vary", "did you mean 'self_doubt'"),
        (["--seeds", "0:3", "--vary", "chaos", "--x", "loops", "--out", "r.png"], "--x", "not used with --vary"),
        (["--seeds", "0:3", "--vary", "chaos", "--steps", "1", "--out", "r.png"], "--steps", "from 2"),
        (["--seeds", "0:3", "--vary", "chaos", "--metrics", "loops,lops", "--out", "r.png"], "--metrics", "did you mean 'loops'"),
        (["--seeds", "0:3", "--x", "loops", "--y", "loops", "--steps", "3", "--out", "r.png"], "--steps", "only used with --vary"),
        (["--seeds", "3:3", "--x", "loops", "--y", "loops", "--out", "r.png"], "--seeds", "A < B"),
        (["--seeds", "0:3", "--x", "loops", "--y", "loops", "--out", "r.jpg"], "--out", ".png"),
        (["--seeds", "0:3", "--x", "loops", "--y", "loops", "--out", "missing/r.png"], "--out", "does not exist"),
        (["--seeds", "0:3", "--x", "loops", "--y", "loops", "--out", "r.png", "--image-size", "10x10"], "--image-size", "pixels"),
        (["--seeds", "0:3", "--x", "loops", "--y", "loops", "--out", "r.png", "--workers", "-1"], "--workers", "worker"),
    ],
)
def test_bad_arguments_give_one_line_exit_2_and_no_files(args, field, words, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run_main("range", "leo", *args)
    assert code == 2
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("dreamscape range: error:")
    assert field in lines[0] and words in lines[0]
    assert out == ""
    assert list(tmp_path.iterdir()) == []
