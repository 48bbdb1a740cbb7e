"""Questions view: tick, answer, add, delete, filters, go to the note, vanished answers."""

from __future__ import annotations

from textual.widgets import DataTable

from awstui.tui.screens.modals import AskScreen, ConfirmScreen, EditorScreen, PickScreen

from .conftest import SIZE
from .helpers import all_static_text


async def open_questions(pilot):
    await pilot.pause()
    await pilot.press("2")
    await pilot.pause()
    return pilot.app.view("questions")


async def test_lists_every_question_with_a_count(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        view = await open_questions(pilot)
        assert app.query_one(DataTable).row_count == 19
        assert "0 of 19 answered" in all_static_text(view)
        assert app.query_one(DataTable).has_focus


async def test_space_ticks_and_count_updates(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        view = await open_questions(pilot)
        first = view.current_row().id
        await pilot.press("space")
        await pilot.pause()
        assert app.store.question_states()[first].answered
        assert "1 of 19 answered" in all_static_text(view)
        await pilot.press("space")
        await pilot.pause()
        assert not app.store.question_states()[first].answered


async def test_enter_writes_an_answer_kept_on_escape(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        view = await open_questions(pilot)
        qid = view.current_row().id
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        await pilot.press(*"Use an IGW")
        await pilot.press("escape")
        await pilot.pause()
        assert app.store.question_states()[qid].answer == "Use an IGW"


async def test_f_cycles_open_answered_all(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        view = await open_questions(pilot)
        await pilot.press("space")
        await pilot.pause()
        table = app.query_one(DataTable)
        await pilot.press("f")  # all -> open
        await pilot.pause()
        assert view.filter == "open" and table.row_count == 18
        await pilot.press("f")  # answered
        await pilot.pause()
        assert view.filter == "answered" and table.row_count == 1
        await pilot.press("f")
        await pilot.pause()
        assert view.filter == "all" and table.row_count == 19


async def test_service_filter(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        view = await open_questions(pilot)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, PickScreen)
        await pilot.press(*"Cognito", "enter")
        await pilot.pause()
        assert view.service_filter == "cognito"
        assert app.query_one(DataTable).row_count == 3


async def test_add_then_delete_own_question(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        view = await open_questions(pilot)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, PickScreen)
        await pilot.press(*"Lambda", "enter")
        await pilot.pause()
        assert isinstance(app.screen, AskScreen)
        await pilot.press(*"What is SnapStart?", "enter")
        await pilot.pause()
        await pilot.pause()
        own = app.store.learner_questions()
        assert [(q.service, q.text) for q in own] == [("lambda", "What is SnapStart?")]
        assert app.query_one(DataTable).row_count == 20
        assert view.current_row().id == own[0].id
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert app.store.learner_questions() == []
        assert app.query_one(DataTable).row_count == 19


async def test_bundled_questions_cannot_be_deleted(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_questions(pilot)
        await pilot.press("d")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)


async def test_g_jumps_to_the_service_note(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        view = await open_questions(pilot)
        row = view.current_row()
        await pilot.press("g")
        await pilot.pause()
        assert app.current_view == "study"
        assert app.view("study").service_id == row.service_ids[0]


async def test_vanished_question_answers_still_show(make_app):
    app = make_app()
    app.store.save_answer("gone-1", "my old answer")
    async with app.run_test(size=SIZE) as pilot:
        view = await open_questions(pilot)
        rows = {r.id: r for r in view.rows}
        assert rows["gone-1"].vanished and rows["gone-1"].answer == "my old answer"
        assert app.query_one(DataTable).row_count == 20


async def test_detail_shows_the_whole_question_and_answer(make_app):
    app = make_app()
    app.store.save_answer("vpc-1", "Yes, attach one to the VPC.")
    async with app.run_test(size=SIZE) as pilot:
        view = await open_questions(pilot)
        view.select_question("vpc-1")
        await pilot.pause()
        text = all_static_text(view.query_one("#questions-detail").parent, width=200)
        assert "Do you have to provision internet gateways?" in text
        assert "Yes, attach one to the VPC." in text


async def test_the_table_is_drawn_again_only_for_a_new_theme(make_app):
    from awstui.tui.views.questions import QuestionTable

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_questions(pilot)
        table = app.query_one(QuestionTable)

        def colours() -> set:
            return {seg.style.bgcolor for seg in table.render_line(2) if seg.style}

        dark = colours()
        count = table._update_count
        await pilot.press("1", "2")  # hidden and shown again, focus lost and back: nothing to redraw
        await pilot.pause()
        assert table._update_count == count and colours() == dark
        app.theme = "textual-light"
        await pilot.pause()
        assert colours() != dark
        await pilot.resize_terminal(100, 30)  # a real resize still renews what was drawn
        await pilot.pause()
        assert table._update_count > count


async def test_a_spaced_review_grade_does_not_reload_the_list(make_app):
    from awstui.state.events import ReviewChanged

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await pilot.pause()
        view = app.view("questions")
        reloads = []
        view.reload = lambda *a, **k: reloads.append(1)
        app.state_changed.publish(ReviewChanged("exam", "d1-001"))
        await pilot.pause()
        assert reloads == []


async def test_a_resize_redraws_the_list_without_reading_the_store(make_app, monkeypatch):
    """Dragging the window's edge is many resizes: each new width redraws the rows with the new
    columns, from the rows already read; the cursor stays on its question."""
    from awstui.tui.views import questions

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_questions(pilot)
        view = app.view("questions")
        await pilot.press("down", "down")
        chosen = view.current_row().id
        reads: list[int] = []
        real = questions.collect_rows
        monkeypatch.setattr(questions, "collect_rows", lambda *a: reads.append(1) or real(*a))
        widths = view._widths
        for width in (110, 100, 90):
            await pilot.resize_terminal(width, 30)
            await pilot.pause()
        assert reads == [] and view._widths != widths
        assert view.current_row().id == chosen and app.query_one(questions.DataTable).row_count == len(view.rows)
