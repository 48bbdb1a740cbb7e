"""A full disk (or a read-only file) while the app runs: never a traceback. A change is kept in
memory and still shown, a notice says so until it is saved, retries save it, and quitting
with changes unsaved asks first."""

from __future__ import annotations

import re

from textual.widgets import DataTable

from awstui.state import AttemptStatus, Store
from awstui.tui.app import SAVE_RETRY_SECONDS
from awstui.tui.screens.modals import ConfirmScreen
from awstui.tui.widgets.save_notice import SaveNotice
from tests.faults import fail_writes, fill, tiny_disk

from .conftest import SIZE
from .helpers import all_static_text, screen_text, static_text
from .test_exam import start_custom
from .test_questions import open_questions


def notice(app) -> SaveNotice:
    return app.query_one(SaveNotice)


async def test_a_tick_on_a_full_disk_is_shown_kept_and_saved_when_there_is_room(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        view = await open_questions(pilot)
        assert not notice(app).display
        disk = fail_writes(app.store)
        first = view.current_row().id
        await pilot.press("space")
        await pilot.pause()
        assert "1 of 19 answered" in all_static_text(view)  # still shown ticked
        assert notice(app).display
        text = static_text(notice(app), width=1000)
        assert "Can't save: the disk is full" in text and "kept in memory" in text
        assert f"retrying every {SAVE_RETRY_SECONDS:g} s" in text
        assert "Can't save" in screen_text(app)
        assert app._save_retry is not None and app._save_retry._active.is_set()  # the retry runs
        assert app.retry_saves() is False and notice(app).display  # still full
        on_disk = Store(data_dir / "state.db")
        assert not on_disk.question_state(first).answered
        on_disk.close()
        disk.failing = False  # room again
        assert app.retry_saves() is True
        await pilot.pause()
        assert not notice(app).display
        assert not app._save_retry._active.is_set()
        on_disk = Store(data_dir / "state.db")
        assert on_disk.question_state(first).answered  # in the file now
        on_disk.close()
        assert app.query_one(DataTable).row_count == 19


async def test_every_write_of_the_app_on_a_full_disk_is_kept(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        disk = fail_writes(app.store)
        await pilot.press("r")  # Study: reviewed mark
        await pilot.press("2")  # a view switch remembers the view
        await pilot.press("space")
        app.theme = "nord"  # the theme is remembered
        await pilot.pause()
        assert app.store.unsaved().count >= 3
        assert app.store.get_setting("last_view") == "questions" and app.store.get_setting("theme") == "nord"
        disk.failing = False
        assert app.retry_saves()
    on_disk = Store(data_dir / "state.db")
    try:
        assert on_disk.get_setting("last_view") == "questions" and on_disk.get_setting("theme") == "nord"
    finally:
        on_disk.close()


async def test_an_exam_answered_on_a_full_disk_keeps_its_answers_and_lands_later(make_app, data_dir, clock):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        exam = await start_custom(pilot)
        s = exam.session
        attempt_id = app.store.in_progress_attempt().id
        disk = fail_writes(app.store)
        q1 = s.current
        await pilot.press(str(q1.options[0].display_index + 1))
        await pilot.press("n", "f")
        await pilot.pause()
        assert notice(app).display and exam.exam_running()
        assert app.store.attempt(attempt_id).answers == {q1.qid: [q1.options[0].original_index]}
        clock.advance(30)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert exam.panel == "exam-results"  # the results, from what is kept
        assert app.store.attempt(attempt_id).status == AttemptStatus.SUBMITTED
        on_disk = Store(data_dir / "state.db")
        assert on_disk.attempt(attempt_id).answers == {}  # nothing reached the file yet
        on_disk.close()
        disk.failing = False
        assert app.retry_saves()
    on_disk = Store(data_dir / "state.db")
    try:
        saved = on_disk.attempt(attempt_id)
        assert saved.status == AttemptStatus.SUBMITTED
        assert saved.answers == {q1.qid: [q1.options[0].original_index]} and saved.result is not None
        assert len(saved.flags) == 1
    finally:
        on_disk.close()


async def test_starting_an_exam_on_a_full_disk_says_so(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        fail_writes(app.store)
        exam = await start_custom(pilot)
        assert not exam.exam_running()
        assert any("Cannot start the exam" in n.message and "disk is full" in n.message for n in app._notifications)


async def test_quitting_with_unsaved_changes_asks_first(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_questions(pilot)
        fail_writes(app.store)
        await pilot.press("space")
        await pilot.pause()
        assert "could not be saved" in (app.unsaved_changes() or "")
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert re.match(r"\d+ changes? could not be saved: the disk is full", app.screen.message)
        await pilot.press("n")
        await pilot.pause()
        assert app.is_running and not isinstance(app.screen, ConfirmScreen)
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    assert app.return_code == 0


async def test_quitting_when_the_disk_has_room_again_saves_and_asks_nothing(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        view = await open_questions(pilot)
        disk = fail_writes(app.store)
        first = view.current_row().id
        await pilot.press("space")
        await pilot.pause()
        disk.failing = False
        assert app.unsaved_changes() is None  # one more try, and it is saved
        await pilot.press("q")
        await pilot.pause()
    on_disk = Store(data_dir / "state.db")
    try:
        assert on_disk.question_state(first).answered
    finally:
        on_disk.close()


async def test_a_real_full_disk_in_the_app(tmp_path, clock):
    from awstui.content import load_library
    from awstui.paths import content_dirs
    from awstui.state import open_store
    from awstui.tui.app import AwsTuiApp

    with tiny_disk(tmp_path / "disk", 8192) as disk:
        data_dir = disk / "data"
        store = open_store(data_dir)
        library = load_library(content_dirs(data_dir, None))
        app = AwsTuiApp(library, store, clock=clock, poll_external=False)
        try:
            async with app.run_test(size=SIZE) as pilot:
                view = await open_questions(pilot)
                filler = fill(disk)
                for _ in range(12):  # until SQLite needs a page it cannot have
                    await pilot.press("space", "down")
                    await pilot.pause()
                    if notice(app).display:
                        break
                assert notice(app).display and "the disk is full" in static_text(notice(app), width=1000)
                ticked = {q for q, st in app.store.question_states().items() if st.answered}
                assert view.current_row() is not None and ticked
                filler.unlink()
                assert app.retry_saves()
                await pilot.pause()
                assert not notice(app).display
        finally:
            store.close()
        on_disk = Store(data_dir / "state.db")
        try:
            assert {q for q, st in on_disk.question_states().items() if st.answered} == ticked
        finally:
            on_disk.close()


async def test_answers_and_annotations_from_the_editor_are_kept_and_shown(make_app, data_dir):
    from awstui.tui.screens.modals import EditorScreen

    from .test_study import note_text

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        disk = fail_writes(app.store)
        sid = app.view("study").service_id
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        await pilot.press(*"my note")
        await pilot.press("escape")
        await pilot.pause()
        assert "my note" in note_text(app)  # shown though not saved
        view = await open_questions(pilot)
        qid = view.current_row().id
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*"Use an IGW")
        await pilot.press("escape")
        await pilot.pause()
        row = app.query_one(DataTable).get_row(qid)
        assert any("Use an IGW" in str(cell) for cell in row)  # the list shows the answer kept
        assert notice(app).display
        disk.failing = False
        assert app.retry_saves()
    on_disk = Store(data_dir / "state.db")
    try:
        assert on_disk.service_state(sid).annotation == "my note"
        assert on_disk.question_state(qid).answer == "Use an IGW"
    finally:
        on_disk.close()


async def test_ctrl_q_and_the_palette_quit_also_say_what_is_unsaved(make_app):
    """One way out (tui/lifecycle.py): every quit that can ask says what a full disk kept."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_questions(pilot)
        fail_writes(app.store)
        await pilot.press("space")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen) and "could not be saved" in app.screen.message
        await pilot.press("n")
        await pilot.pause()
        assert app.is_running


async def test_staying_after_quit_without_saving_goes_back_to_an_exam_still_running_and_held(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        exam = await start_custom(pilot)
        attempt_id = app.store.in_progress_attempt().id
        fail_writes(app.store)
        await pilot.press(str(exam.session.current.options[0].display_index + 1))
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("y")  # "Quit during the exam?"
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen) and "could not be saved" in app.screen.message
        await pilot.press("n")  # "Quit without saving?": Stay
        await pilot.pause()
        assert app.is_running and exam.exam_running() and exam.session.running
        assert app.store.attempt_holder(attempt_id) is None  # nobody else may take it: still ours
        assert app.store.renew_attempt_lease(attempt_id)


def test_the_notice_shows_a_reason_with_controls_as_visible_escapes():
    from awstui.state.events import UnsavedChanges
    from awstui.tui.widgets.save_notice import notice_text

    text = notice_text(UnsavedChanges(2, "the disk is full (no room left in /tmp/\x1b[2Jdir)"), 5).plain
    assert "\x1b" not in text and "\\x1b[2J" in text


async def test_review_grades_on_a_full_disk_are_kept_and_the_session_goes_on(make_app, data_dir):
    """Review mode on a full disk: each grade is kept in memory (it was refused before), the
    next item comes, the notice says what waits, and the grades land when there is room."""
    from .test_review import open_review

    app = make_app()
    first, second = app.library.questions[0], app.library.questions[1]
    app.store.save_answer(first.id, "answer one")
    app.store.save_answer(second.id, "answer two")
    async with app.run_test(size=SIZE) as pilot:
        review = await open_review(pilot)
        assert review.item.qid == first.id
        disk = fail_writes(app.store)
        await pilot.press("space", "3")
        await pilot.pause()
        assert review.item is not None and review.item.qid == second.id  # on to the next card
        assert notice(app).display and "kept in memory" in static_text(notice(app), width=1000)
        kept = app.store.unsaved().count
        await pilot.press("space", "4")
        await pilot.pause()
        assert review.item is None and app.store.unsaved().count == kept + 1  # both graded: none left today
        on_disk = Store(data_dir / "state.db")
        assert on_disk.reviews.card("own", first.id) is None
        on_disk.close()
        disk.failing = False
        assert app.retry_saves() is True
        await pilot.pause()
        assert not notice(app).display
        on_disk = Store(data_dir / "state.db")
        assert on_disk.reviews.card("own", first.id).reps == 1 and on_disk.reviews.card("own", second.id).reps == 1
        on_disk.close()
