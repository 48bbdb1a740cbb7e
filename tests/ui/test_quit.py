"""One way out (hardening items 2, 10, 15): q, ctrl+q, the palette's Quit and the too-small
screen's q all go through ``tui.lifecycle.quit_app``: during an exam they ask first, and every
way saves. A signal cannot ask: it saves and exits. ctrl+z saves before the process stops, and
time the process spent stopped is not charged to the exam."""

from __future__ import annotations

import pytest

from awstui.tui.lifecycle import QUIT_EXAM_ID, quit_app
from awstui.tui.screens.modals import ConfirmScreen, EditorScreen
from awstui.tui.screens.too_small import TooSmall

from .conftest import SIZE
from .test_exam import start_custom
from .test_questions import open_questions


async def press_quit(pilot, how: str) -> None:
    app = pilot.app
    if how == "too-small q":
        await pilot.resize_terminal(40, 10)
        await pilot.pause()
        assert isinstance(app.screen, TooSmall)
        await pilot.press("q")
    elif how == "palette":
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Quit")
        await pilot.pause(0.3)  # the palette searches in a worker
        await pilot.press("enter")
    else:
        await pilot.press(how)
    await pilot.pause()


@pytest.mark.parametrize("how", ["q", "ctrl+q", "too-small q", "palette"])
async def test_every_quit_during_an_exam_asks_first_and_saves_on_yes(make_app, clock, how):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        exam = await start_custom(pilot, count="3", minutes="10")
        attempt_id = exam.attempt_id
        clock.advance(42)
        await press_quit(pilot, how)
        assert isinstance(app.screen, ConfirmScreen) and app.screen.id == QUIT_EXAM_ID
        await pilot.press("n")  # stay: nothing changes
        await pilot.pause()
        assert exam.exam_running() and app.return_code is None
        await press_quit(pilot, "q" if how == "palette" else how)
        await press_quit(pilot, "q")  # asked once, not twice over
        assert sum(getattr(s, "id", None) == QUIT_EXAM_ID for s in app.screen_stack) == 1
        await pilot.press("y")
        await pilot.pause()
        assert app.return_code == 0
    saved = app.store.attempt(attempt_id)
    assert saved.status == "in_progress" and 41 <= saved.time_used_s <= 43


@pytest.mark.parametrize("how", ["q", "ctrl+q", "too-small q", "palette"])
async def test_every_quit_outside_an_exam_quits_at_once(make_app, how):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await press_quit(pilot, how)
        assert app.return_code == 0


async def test_the_too_small_screen_over_an_editor_keeps_its_text(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        view = await open_questions(pilot)
        qid = view.current_row().id
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        await pilot.press(*"under the small screen")
        await press_quit(pilot, "too-small q")
        assert app.return_code == 0
    assert app.store.draft(f"answer:{qid}").text == "under the small screen"


async def test_a_signal_quit_during_an_exam_saves_without_asking(make_app, clock):
    """What SIGTERM and SIGHUP do (the handlers call this; tests/process sends the real ones)."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        exam = await start_custom(pilot, count="3", minutes="10")
        attempt_id = exam.attempt_id
        clock.advance(30)
        quit_app(app, ask=False)
        await pilot.pause()
        assert app.return_code == 0
    saved = app.store.attempt(attempt_id)
    assert saved.status == "in_progress" and 29 <= saved.time_used_s <= 31


async def test_time_while_the_process_was_stopped_is_not_charged(make_app, clock):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        exam = await start_custom(pilot, count="3", minutes="10")
        clock.advance(20)
        await pilot.pause(0.3)  # a tick at 20 s
        clock.advance(3600)  # stopped for an hour (SIGSTOP, ctrl+z) ...
        app.stops.continued()  # ... and continued: what the SIGCONT handler does
        await pilot.pause(0.3)
        assert exam.exam_running()  # not expired
        assert 579 <= exam.session.remaining() <= 580
        clock.advance(10)
        await pilot.pause(0.3)
        assert 569 <= exam.session.remaining() <= 570  # the clock runs on


async def test_ctrl_z_saves_the_exam_clock_before_the_process_stops(make_app, clock):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        exam = await start_custom(pilot, count="3", minutes="10")
        await pilot.pause(0.3)
        clock.advance(3)  # less than the 5 s between regular saves
        await pilot.press("ctrl+z")  # headless: nothing to suspend, but saved first all the same
        await pilot.pause()
        assert 2.9 <= app.store.attempt(exam.attempt_id).time_used_s <= 3.1


async def test_ctrl_z_works_in_a_dialog_too(make_app, clock):
    """A dialog is a modal screen, which hides the app's keys: ctrl+z did nothing there (and the
    "fg" typed next went to the dialog: its enter pressed "Quit")."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        exam = await start_custom(pilot, count="3", minutes="10")
        await pilot.pause(0.3)
        clock.advance(3)
        await pilot.press("q")
        await pilot.pause()
        assert app.screen.id == QUIT_EXAM_ID
        await pilot.press("ctrl+z")  # headless: nothing to suspend, but saved first all the same
        await pilot.pause()
        assert 2.9 <= app.store.attempt(exam.attempt_id).time_used_s <= 3.1


async def test_the_too_small_screen_goes_when_the_quit_question_over_it_is_declined_after_a_resize(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start_custom(pilot, count="3", minutes="10")
        await press_quit(pilot, "too-small q")
        assert app.screen.id == QUIT_EXAM_ID
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert not any(isinstance(s, TooSmall) for s in app.screen_stack)
        assert app.view("exam").exam_running()


async def test_deleting_an_own_question_drops_its_answer_draft(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_questions(pilot)
        qid = app.store.add_question("lambda", "Mine to delete?")
        app.store.keep_draft(f"answer:{qid}", "half", "")
        await pilot.pause()
        app.view("questions").select_question(qid)
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert all(q.id != qid for q in app.store.learner_questions())
        assert app.store.draft(f"answer:{qid}") is None
