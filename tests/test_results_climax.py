"""The results screen names what the player did in the level's climax."""

from __future__ import annotations

import dataclasses


from dreamscape.app.screens.results import ResultsScene, climax_text
from dreamscape.app.session import DiveResult, DiveSession
from dreamscape.core.level import load_level_or_profile


PLAIN = DiveResult("The Loop", 2042, "won", 3000, 1, 1, 0, 70, None, chapter="ch1_the_loop", dreamer="Leo")


def test_a_dive_of_chapter_one_carries_its_climax_into_the_result():
    session = DiveSession(load_level_or_profile("ch1_the_loop"), record_dir=None)
    result = session.result()
    session.close()
    assert result.climax == "doubt" and result.beacons == 3
    assert not result.doubt_risen and result.beacons_lit == 0 and not result.loop_broken
    assert climax_text(result) == ""  # the showdown never began


def test_the_line_says_how_far_the_showdown_went(app):
    broke = dataclasses.replace(PLAIN, climax="doubt", climax_begun=True, marks_done=3, marks=3, climax_resolved=True)
    held = dataclasses.replace(PLAIN, outcome="lost_time", climax="doubt", climax_begun=True, marks_done=2, marks=3)
    assert climax_text(broke) == "You broke Leo's loop: all 3 friends' beacons burned, and Mia's bridge carried you out."
    assert climax_text(held) == "Leo's doubt held the loop: 2 of 3 friends' beacons lit."
    assert climax_text(PLAIN) == ""
    lines = [words for words, _ in ResultsScene(app, broke).lines(900)]
    assert lines[0] == climax_text(broke)
    assert not any("loop" in words for words, _ in ResultsScene(app, PLAIN).lines(900))
    scene = ResultsScene(app, held)
    app.screen.fill((0, 0, 0))
    scene.draw(app.screen)  # the extra line fits the layout


def test_an_any_seed_doubt_names_its_own_dreamer():
    theirs = dataclasses.replace(PLAIN, climax="doubt", climax_begun=True, marks_done=1, marks=3, dreamer="Anya")
    assert climax_text(theirs) == "Anya's doubt held the loop: 1 of 3 friends' beacons lit."
    assert climax_text(dataclasses.replace(theirs, dreamer="")) == "The dreamer's doubt held the loop: 1 of 3 friends' beacons lit."
