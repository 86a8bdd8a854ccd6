"""`dreamscape illuminate`: MAP-Elites over a profile's knobs and seeds, its files, resuming, and bad input."""

from __future__ import annotations

import csv
import json

import pytest

pytest.importorskip("ribs")

from dreamscape.cli.main import main  # noqa: E402
from dreamscape.core.level import load_level_or_profile  # noqa: E402
from dreamscape.designer.illuminate import Illumination, default_vary, seed_sweep  # noqa: E402
from dreamscape.designer.sweep import measure, run_specs  # noqa: E402
from dreamscape.gen import generate  # noqa: E402

SMALL = ["--size", "40x30", "--workers", "1", "--cells", "8x8"]


def _evaluate(specs):
    return list(run_specs(specs, 1, quiet=True))


def test_illumination_fills_more_cells_than_a_sweep_of_seeds():
    spec = load_level_or_profile("lila").with_size((40, 30))
    search = Illumination(spec, "dead_ends", "path_length", default_vary(spec), (8, 8))
    for _ in search.run(192, _evaluate):
        pass
    sweep = seed_sweep(search, 192, _evaluate)
    assert search.evaluations == 192
    assert len(search.elites) > len(sweep.elites) > 0


def test_the_same_arguments_give_the_same_archive():
    spec = load_level_or_profile("lila").with_size((40, 30))
    archives = []
    for _ in range(2):
        search = Illumination(spec, "dead_ends", "loops", ["turmoil", "loss"], (6, 6))
        for _ in search.run(96, _evaluate):
            pass
        archives.append({cell: (e.seed, e.knobs, e.row["hash"]) for cell, e in search.elites.items()})
    assert archives[0] == archives[1]


def test_the_folder_holds_an_archive_a_heatmap_and_levels_that_load_and_regenerate(tmp_path, capsys):
    out = tmp_path / "qd"
    assert main(["illuminate", "lila", "--x", "dead_ends", "--y", "path_length", "--budget", "96", "--out", str(out), *SMALL]) == 0
    said = capsys.readouterr().out
    rows = list(csv.DictReader((out / "archive.csv").read_text().splitlines()))
    assert rows and f"{len(rows)} of 64 cells filled" in said
    assert (out / "heatmap.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(list((out / "levels").glob("*.toml"))) == len(rows)
    state = json.loads((out / "state.json").read_text())
    assert state["evaluations"] == 96 and state["x"] == "dead_ends"
    for row in rows[:3]:
        spec = load_level_or_profile(str(out / row["level"]))
        result = measure(spec)
        assert result.row is not None and result.row["hash"] == row["hash"]
        assert str(result.row["dead_ends"]) == row["dead_ends"] and str(result.row["path_length"]) == row["path_length"]
        assert generate(spec).content_hash() == row["hash"]
    shown = sorted(out.glob("levels/*.toml"))[0]
    assert main(["play", str(shown), "--headless", "--frames", "5"]) == 0


def test_resume_carries_on_and_keeps_every_cell(tmp_path, capsys):
    out = tmp_path / "qd"
    args = ["illuminate", "lila", "--x", "dead_ends", "--y", "path_length", "--out", str(out), *SMALL]
    assert main([*args, "--budget", "64"]) == 0
    before = {(r["cell_x"], r["cell_y"]): float(r["quality"]) for r in csv.DictReader((out / "archive.csv").read_text().splitlines())}
    assert main([*args, "--budget", "160", "--resume"]) == 0
    after = {(r["cell_x"], r["cell_y"]): float(r["quality"]) for r in csv.DictReader((out / "archive.csv").read_text().splitlines())}
    assert json.loads((out / "state.json").read_text())["evaluations"] == 160
    assert set(before) <= set(after) and all(after[c] >= q for c, q in before.items())
    assert len(after) > len(before)


@pytest.mark.parametrize(
    "change, field",
    [
        ({"--x": "nope"}, "--x"),
        ({"--budget": "0"}, "--budget"),
        ({"--cells": "1x9"}, "--cells"),
        ({"--vary": "turmoil,bogus"}, "--vary"),
        ({"--resume": None}, "--resume"),
    ],
)
def test_bad_arguments_are_one_line_and_exit_2(tmp_path, capsys, change, field):
    options = {"--x": "dead_ends", "--y": "path_length", "--out": str(tmp_path / "qd"), "--budget": "8", **change}
    args = ["illuminate", "lila"] + [part for key, value in options.items() for part in ([key] if value is None else [key, value])]
    assert main(args) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and field in err[0]


def test_the_studio_opens_the_folder_and_loads_each_elite_into_its_sliders(tmp_path):
    import os

    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    import pygame

    from dreamscape.studio.archive_panel import ArchivePanel
    from dreamscape.studio.controller import Studio

    out = tmp_path / "qd"
    assert main(["illuminate", "lila", "--x", "dead_ends", "--y", "path_length", "--budget", "64", "--out", str(out), *SMALL]) == 0
    panel = ArchivePanel.open(out)
    spec = load_level_or_profile(panel.target).with_size(panel.size)
    pygame.init()
    studio = Studio(spec, save_dir=tmp_path / "saved", sync=True, archive=panel)
    try:
        seen = set()
        for _ in range(len(panel.elites)):
            elite = panel.elite
            assert elite is not None and elite.cell not in seen
            seen.add(elite.cell)
            for knob, value in elite.knobs.items():
                assert studio.model.value(knob) == value
            assert studio.model.value("seed") == elite.seed
            # The sliders now describe the elite's very level.
            assert generate(studio.model.spec()).content_hash() == elite.row["hash"]
            studio.handle_event(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_TAB, mod=0, unicode="\t", scancode=0))
        assert seen == set(panel.elites)
        # A click on a drawn cell chooses that elite.
        screen = pygame.Surface((1280, 800))
        studio.draw(screen)
        cell, rect = sorted(panel.drawn.items())[-1]
        studio.handle_event(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=rect.center))
        assert panel.chosen == cell and studio.model.value("seed") == panel.elites[cell].seed
    finally:
        studio.close()


def test_the_studio_names_a_folder_that_holds_no_illumination(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    assert main(["studio", str(tmp_path / "empty"), "--headless"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "state.json" in err[0]
