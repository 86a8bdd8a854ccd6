"""The ending: winning the last chapter completes the campaign and opens the epilogue."""

from __future__ import annotations

import pygame

from dreamscape.app import campaign, intents
from dreamscape.app.frame_loop import App
from dreamscape.app.screens.chapters import ChaptersScene
from dreamscape.app.screens.epilogue import PARAGRAPHS, EpilogueScene
from dreamscape.app.screens.results import ResultsScene
from dreamscape.app.screens.title import TitleScene
from dreamscape.app.session import DiveResult
from dreamscape.app.transitions import Push, Reset


def won(chapter: campaign.Chapter) -> DiveResult:
    return DiveResult(level=chapter.title, seed=chapter.spec.seed, outcome="won", ticks=9000, woken=3, dreamers=3, shards=1, lucidity=80, recording=None, chapter=chapter.key)


def names(scene) -> list[str]:
    return scene.menu.names()


def finish(app: App, chapters: list[campaign.Chapter]) -> None:
    for chapter in chapters:
        app.record_result(won(chapter))


def test_the_campaign_is_complete_only_when_every_chapter_is():
    keys = campaign.chapter_keys()
    assert keys == [c.key for c in campaign.chapters()]
    assert not campaign.complete(keys, keys[:-1])
    assert campaign.complete(keys, list(reversed(keys)))
    assert not campaign.complete([], [])


def test_winning_the_last_chapter_offers_the_epilogue_first(app):
    chapters = campaign.chapters()
    finish(app, chapters)
    scene = ResultsScene(app, won(chapters[-1]))
    assert names(scene)[0] == "epilogue" and "next" not in names(scene)
    assert scene.menu.selected is not None and scene.menu.selected.name == "epilogue"
    scene.menu.activate()
    assert scene.take_transition() == Reset(intents.Epilogue())


def test_an_earlier_chapter_or_an_unfinished_campaign_offers_no_epilogue(app):
    chapters = campaign.chapters()
    finish(app, chapters[:2])
    assert "epilogue" not in names(ResultsScene(app, won(chapters[1])))
    # The last chapter won while an earlier one is still unresolved: no ending yet.
    app.record_result(won(chapters[-1]))
    assert "epilogue" not in names(ResultsScene(app, won(chapters[-1])))
    assert "epilogue" not in names(TitleScene(app))


def test_the_title_and_the_campaign_list_mark_the_campaign_complete(app):
    chapters = campaign.chapters()
    finish(app, chapters)
    title = TitleScene(app)
    assert "epilogue" in names(title)
    title.menu.select("epilogue")
    title.menu.activate()
    assert title.take_transition() == Push(intents.Epilogue())
    listing = ChaptersScene(app)
    assert listing.resolved_text(len(chapters)) == "The campaign is complete"
    assert listing.resolved_text(2) == f"2 of {len(chapters)} dreams resolved"


def test_the_epilogue_fades_in_and_returns_to_the_title(app):
    app.go(Reset(intents.Epilogue()))
    scene = app.scenes[-1]
    assert isinstance(scene, EpilogueScene)
    assert scene.paragraph_alpha(0) == 0
    for _ in range(600):
        scene.update(16.0)
    assert all(scene.paragraph_alpha(i) == 255 for i in range(len(PARAGRAPHS)))
    frame = app.screen
    frame.fill((0, 0, 0))
    scene.draw(frame)
    lit = pygame.transform.average_color(frame)
    assert sum(lit[:3]) > 0
    # Alone on the stack (reached from the last results), going back opens the title.
    scene.menu.activate()
    app.go(scene.take_transition())
    assert isinstance(app.scenes[-1], TitleScene) and len(app.scenes) == 1
