"""Two editors on one answer (issue 10, item 4): a save never overwrites silently what another
window saved meanwhile; the learner sees both and keeps one or merges them."""

from __future__ import annotations

import pytest
from textual.widgets import TextArea

from awstui.state import open_store
from awstui.tui.screens.modals import ConflictScreen, EditorScreen

from .conftest import SIZE
from .helpers import all_static_text
from .test_questions import open_questions


async def edit_while_another_window_saves(pilot, data_dir, theirs="Saved in the other window"):
    app = pilot.app
    view = await open_questions(pilot)
    qid = view.current_row().id
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, EditorScreen)
    await pilot.press(*"Mine")
    with open_store(data_dir) as other:
        other.save_answer(qid, theirs)
    await pilot.press("escape")
    await pilot.pause()
    return qid


@pytest.mark.parametrize(("key", "kept"), [("m", "Mine"), ("t", "Saved in the other window")])
async def test_a_save_over_a_text_changed_meanwhile_shows_both_and_keeps_the_choice(make_app, data_dir, key, kept):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        qid = await edit_while_another_window_saves(pilot, data_dir)
        assert isinstance(app.screen, ConflictScreen)
        text = all_static_text(app.screen)
        assert "Mine" in text and "Saved in the other window" in text
        assert app.store.question_state(qid).answer == "Saved in the other window"  # nothing saved yet
        await pilot.press(key)
        await pilot.pause()
        assert not isinstance(app.screen, (ConflictScreen, EditorScreen))
        assert app.store.question_state(qid).answer == kept


async def test_merge_puts_both_in_the_editor_and_the_merge_is_saved(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        qid = await edit_while_another_window_saves(pilot, data_dir)
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        area = app.screen.query_one(TextArea)
        assert "Mine" in area.text and "Saved in the other window" in area.text
        area.load_text("Mine, and saved in the other window")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, (ConflictScreen, EditorScreen))
        assert app.store.question_state(qid).answer == "Mine, and saved in the other window"


async def test_escape_on_the_conflict_goes_back_to_the_editor_with_the_text_as_typed(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await edit_while_another_window_saves(pilot, data_dir)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen) and app.screen.query_one(TextArea).text == "Mine"


async def test_no_conflict_when_nothing_changed_underneath_or_the_same_text_was_saved(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        qid = await edit_while_another_window_saves(pilot, data_dir, theirs="Mine")
        assert not isinstance(app.screen, (ConflictScreen, EditorScreen))
        assert app.store.question_state(qid).answer == "Mine"


async def test_an_annotation_changed_meanwhile_is_not_overwritten_silently(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        sid = app.view("study").service_id
        await pilot.press("e")
        await pilot.pause()
        await pilot.press(*"mine")
        with open_store(data_dir) as other:
            other.save_annotation(sid, "theirs")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConflictScreen)
        await pilot.press("t")
        await pilot.pause()
        assert app.store.service_state(sid).annotation == "theirs"
