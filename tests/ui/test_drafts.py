"""Drafts (hardening item 1): what the answer, annotation and new-question editors hold is kept
in the store as it is typed, comes back (said to be a draft) when the editor opens again after
any exit, and goes only when saved or discarded on purpose."""

from __future__ import annotations

from textual.widgets import Input, TextArea

from awstui.state import open_store
from awstui.tui.drafts import DRAFT_DELAY_S
from awstui.tui.screens.modals import AskScreen, ConflictScreen, EditorScreen, PickScreen

from .conftest import SIZE
from .helpers import all_static_text
from .test_questions import open_questions


async def type_an_answer(pilot, text: str) -> str:
    view = await open_questions(pilot)
    qid = view.current_row().id
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, EditorScreen)
    await pilot.press(*text)
    return qid


def kept_draft(data_dir, key):
    with open_store(data_dir) as store:
        return store.draft(key)


async def test_typing_is_kept_within_a_second_without_closing_the_editor_and_comes_back(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        qid = await type_an_answer(pilot, "half an answer")
        await pilot.pause(DRAFT_DELAY_S * 3)  # the editor stays open: nothing else would save it
        assert kept_draft(data_dir, f"answer:{qid}").text == "half an answer"
        assert app.store.question_state(qid).answer == ""  # a draft, not the saved answer
    # the app went away with the editor open (as a SIGKILL would): the draft is what is left
    app2 = make_app()
    async with app2.run_test(size=SIZE) as pilot:
        await open_questions(pilot)
        await pilot.press("enter")
        await pilot.pause()
        editor = app2.screen
        assert isinstance(editor, EditorScreen)
        assert editor.query_one(TextArea).text == "half an answer"
        assert "Your draft from" in all_static_text(editor)
        await pilot.press("escape")  # saved on purpose: the draft goes
        await pilot.pause()
        assert app2.store.question_state(qid).answer == "half an answer"
        assert app2.store.draft(f"answer:{qid}") is None


async def test_ctrl_q_in_the_editor_keeps_the_text_at_once(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        qid = await type_an_answer(pilot, "typed just now")
        await pilot.press("ctrl+q")  # no pause for the throttle: the quit path keeps it
        await pilot.pause()
        assert app.return_code == 0
    assert kept_draft(data_dir, f"answer:{qid}").text == "typed just now"


async def test_a_draft_on_a_text_saved_meanwhile_elsewhere_shows_both_on_save(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        qid = await type_an_answer(pilot, "Mine")
        await pilot.press("ctrl+q")
        await pilot.pause()
    with open_store(data_dir) as other:
        other.save_answer(qid, "Saved in the other window")
    app2 = make_app()
    async with app2.run_test(size=SIZE) as pilot:
        await open_questions(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert app2.screen.query_one(TextArea).text == "Mine"
        assert "The saved text changed since" in all_static_text(app2.screen, width=300)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app2.screen, ConflictScreen)
        await pilot.press("m")
        await pilot.pause()
        assert app2.store.question_state(qid).answer == "Mine"
        assert app2.store.draft(f"answer:{qid}") is None


async def test_ctrl_r_goes_back_to_the_saved_text_and_discards_the_draft(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        qid = await type_an_answer(pilot, "not this")
        await pilot.press("ctrl+q")
        await pilot.pause()
    app2 = make_app()
    async with app2.run_test(size=SIZE) as pilot:
        await open_questions(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert app2.screen.query_one(TextArea).text == "not this"
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert app2.screen.query_one(TextArea).text == ""
        assert app2.store.draft(f"answer:{qid}") is None
        await pilot.pause(DRAFT_DELAY_S * 3)
        assert app2.store.draft(f"answer:{qid}") is None  # the saved text is no draft


async def test_an_annotation_draft_comes_back(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        sid = app.view("study").service_id
        await pilot.press("e")
        await pilot.pause()
        await pilot.press(*"my note")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert kept_draft(data_dir, f"annotation:{sid}").text == "my note"
    app2 = make_app()
    async with app2.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert app2.screen.query_one(TextArea).text == "my note"
        await pilot.press("escape")
        await pilot.pause()
        assert app2.store.service_state(sid).annotation == "my note"
        assert app2.store.draft(f"annotation:{sid}") is None


async def ask_new_question(pilot):
    await open_questions(pilot)
    await pilot.press("a")
    await pilot.pause()
    assert isinstance(pilot.app.screen, PickScreen)
    await pilot.press(*"lambda", "enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, AskScreen)
    return pilot.app.screen


async def test_a_new_question_draft_comes_back_and_escape_discards_it(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ask_new_question(pilot)
        await pilot.press(*"Why cold starts")
        await pilot.press("ctrl+q")
        await pilot.pause()
    with open_store(data_dir) as store:
        (key,) = store.draft_keys()
        assert key.startswith("new-question:") and store.draft(key).text == "Why cold starts"
    app2 = make_app()
    async with app2.run_test(size=SIZE) as pilot:
        ask = await ask_new_question(pilot)
        assert ask.query_one(Input).value == "Why cold starts"
        assert "Your draft from" in all_static_text(ask)
        await pilot.press("escape")  # discarded on purpose
        await pilot.pause()
        assert app2.store.draft_keys() == []


async def test_a_quit_right_as_an_editor_opens_quits(make_app):
    from awstui.tui.lifecycle import quit_app

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(EditorScreen("Your answer", "", draft_key="answer:vpc-1"))
        quit_app(app)  # before the editor is composed: nothing typed, nothing to keep
        await pilot.pause()
        assert app.return_code == 0
    assert app.store.draft("answer:vpc-1") is None
