"""`dreamscape generate --phases DIR`: one image per generator phase, written as a set."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pygame
import pytest

from dreamscape.cli.main import main
from dreamscape.gen import PHASES
from dreamscape.render.phase_image import phase_description, phase_file_names

LEVEL = ["leo", "--seed", "2", "--size", "48x32"]


def run_main(*args) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in args])
    return code, out.getvalue(), err.getvalue()


def pixels(path: Path):
    return pygame.surfarray.array3d(pygame.image.load(str(path)))


def test_one_png_per_phase_in_phase_order(tmp_path: Path) -> None:
    folder = tmp_path / "steps"
    code, out, err = run_main("generate", *LEVEL, "--phases", folder)
    assert code == 0, err
    expected = [f"{i:02d}_{name}.png" for i, (name, _) in enumerate(PHASES, 1)]
    assert phase_file_names() == expected
    assert sorted(p.name for p in folder.iterdir()) == expected
    assert f"wrote {len(PHASES)} phase images" in out
    images = {name: pixels(folder / name) for name in expected}
    assert len({img.shape for img in images.values()}) == 1
    # Each snapshot is the build as it stood then: carving the tree changes the picture.
    assert (images["01_regions.png"] != images["02_tree.png"]).any()
    # Placing the start, exit and entities draws symbols onto an unchanged tile map.
    names = [n for n, _ in PHASES]
    place = names.index("place")
    assert (images[expected[place - 1]] != images[expected[place]]).any()


def test_phases_go_with_the_other_outputs(tmp_path: Path) -> None:
    folder = tmp_path / "steps"
    folder.mkdir()
    code, _, _ = run_main("generate", *LEVEL, "--phases", folder, "--png", tmp_path / "map.png")
    assert code == 0
    assert (tmp_path / "map.png").stat().st_size > 0
    assert len(list(folder.iterdir())) == len(PHASES)


def test_every_phase_has_a_description() -> None:
    for name, _ in PHASES:
        text = phase_description(name)
        assert text and not text.startswith("Phase ") and len(text) < 120


def test_a_retried_map_says_the_phases_show_the_first_attempt(tmp_path: Path, monkeypatch) -> None:
    from dreamscape.gen import architect

    real = architect.goals_connected
    calls = []

    def fail_first(*args, **kw):
        calls.append(1)
        return False if len(calls) == 1 else real(*args, **kw)

    monkeypatch.setattr(architect, "goals_connected", fail_first)
    code, out, _ = run_main("generate", *LEVEL, "--phases", tmp_path / "steps")
    assert code == 0
    assert "the final map came from retry 1" in out
    assert len(list((tmp_path / "steps").iterdir())) == len(PHASES)


def test_a_failed_write_leaves_no_images_and_no_new_folder(tmp_path: Path, monkeypatch) -> None:
    from dreamscape.render import map_image

    real = map_image.write_png
    written = []

    def fail_on_fifth(surface, path):
        written.append(path)
        if len(written) == 5:
            raise OSError(28, "No space left on device")
        real(surface, path)

    monkeypatch.setattr(map_image, "write_png", fail_on_fifth)
    folder = tmp_path / "steps"
    code, _, err = run_main("generate", *LEVEL, "--phases", folder)
    assert code == 2 and len(err.splitlines()) == 1 and "No space left" in err
    assert not folder.exists()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "target, words",
    [
        ("missing/steps", "parent folder"),
        ("afile", "not a folder"),
    ],
)
def test_bad_phase_folders_give_one_line_exit_2(target: str, words: str, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "afile").write_text("keep", encoding="utf-8")
    code, out, err = run_main("generate", *LEVEL, "--phases", target)
    assert code == 2
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("dreamscape generate: error:") and "--phases" in lines[0] and words in lines[0]
    assert out == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["afile"]
    assert (tmp_path / "afile").read_text(encoding="utf-8") == "keep"


def test_a_phase_run_before_its_input_is_made_says_which_phase_is_missing() -> None:
    from dreamscape.core.level import load_level_or_profile
    from dreamscape.gen import tree
    from dreamscape.gen.build import PhaseOrderError, new_build

    build = new_build(load_level_or_profile("leo").with_size((48, 32)), 2)
    assert not build.has_regions
    with pytest.raises(PhaseOrderError, match="'regions'"):
        tree.run(build)
    with pytest.raises(PhaseOrderError, match="'controls'"):
        _ = build.protected
