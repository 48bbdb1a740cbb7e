"""Exam hardening (issue 10): one window per attempt (a lease), answers refused once the attempt
is not in progress, dialogs closed by auto-submit, practice answers locked, discard from inside."""

from __future__ import annotations

from awstui.exam.history import MODE_NAMES
from awstui.state import open_store
from awstui.tui.screens.exam_review import ReviewScreen
from awstui.tui.screens.exam_setup import ExamSetupScreen
from awstui.tui.screens.modals import ConfirmScreen
from awstui.tui.views.exam.home import pending_text
from awstui.tui.views.exam.run import TAKEN_OVER

from .conftest import SIZE
from .helpers import all_static_text
from .test_exam import start_custom


def messages(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_an_exam_open_in_another_window_is_offered_for_take_over_never_taken_silently(make_app, data_dir):
    app = make_app()
    qid = app.library.exam[0].id
    with open_store(data_dir) as window:  # another awstui window, alive, has the exam open
        attempt_id = window.create_attempt("custom", {"mode": "custom", "count": 1}, [qid], {}, 600.0)
        assert window.acquire_attempt(attempt_id) is None
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)
            assert app.screen.title_text == "This exam is open in another awstui window"
            await pilot.press("n")  # leave it
            await pilot.pause()
            await pilot.press("3")
            await pilot.pause()
            exam = app.view("exam")
            assert "Open in another awstui window" in all_static_text(exam)
            await pilot.press("x")  # discard is refused too while it is open there
            await pilot.pause()
            assert app.store.attempt(attempt_id).status == "in_progress"
            assert window.renew_attempt_lease(attempt_id)  # still the other window's
            await pilot.press("r")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen) and app.screen.yes == "Take over"
            assert exam.session is None
            await pilot.press("y")
            await pilot.pause()
            assert exam.session is not None and exam.attempt_id == attempt_id
            assert window.renew_attempt_lease(attempt_id) is False  # that window now closes the exam
            assert window.record_exam_answer(attempt_id, qid, [1], 5.0) is False


async def test_a_window_whose_exam_was_taken_over_closes_it_and_saves_nothing_more(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        exam = await start_custom(pilot)
        attempt_id = exam.attempt_id
        await pilot.press("b")
        await pilot.pause()
        with open_store(data_dir) as window:
            assert window.acquire_attempt(attempt_id) is not None  # alive here: not taken silently
            assert window.acquire_attempt(attempt_id, force=True) is None  # the learner chose to
        exam.query_one("#exam-run").renew_lease()  # what the renewal timer does every few seconds
        await pilot.pause()
        assert exam.session is None and exam.panel == "exam-home"
        assert TAKEN_OVER in messages(app)
    assert len(app.store.attempt(attempt_id).answers) == 1


async def test_an_answer_to_an_attempt_finished_elsewhere_is_refused_with_a_message(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        exam = await start_custom(pilot)
        attempt_id = exam.attempt_id
        with open_store(data_dir) as other:  # another window took it over and submitted it
            assert other.acquire_attempt(attempt_id, force=True) is None
            assert other.finish_attempt(attempt_id, "submitted", {"correct": 0, "total": 3}, 30.0)
        await pilot.press("b")
        await pilot.pause()
        assert exam.session is None and exam.panel == "exam-home"  # no results: they are not this window's
        assert any("no longer in progress (it was submitted" in m for m in messages(app))
        assert app.store.attempt(attempt_id).answers == {}


async def test_auto_submit_dismisses_an_open_review_or_submit_dialog(make_app, clock):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        exam = await start_custom(pilot, count="2", minutes="1")
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        clock.advance(61)
        await pilot.pause(0.5)
        assert exam.panel == "exam-results"
        assert not isinstance(app.screen, ReviewScreen)
        await pilot.press("escape")
        await pilot.pause()
        exam.action_back()
        await start_custom(pilot, count="2", minutes="1")
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        clock.advance(61)
        await pilot.pause(0.5)
        assert exam.panel == "exam-results" and not isinstance(app.screen, ConfirmScreen)


async def start_practice(pilot, count="2"):
    app = pilot.app
    await pilot.pause()
    await pilot.press("3", "t")
    await pilot.pause()
    app.screen.query_one("#setup-count").value = count
    await pilot.press("ctrl+s")
    await pilot.pause()
    return app.view("exam")


async def test_a_revealed_practice_answer_is_locked(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        exam = await start_practice(pilot)
        s = exam.session
        q = s.question()
        wrong = [o for o in s.current.options if o.original_index not in q.correct_indices]
        right = [o for o in s.current.options if o.original_index in q.correct_indices]
        await pilot.press(*[str(o.display_index + 1) for o in wrong[: q.choose]])
        await pilot.pause()
        assert exam.query_one("#exam-feedback").display
        await pilot.press(*[str(o.display_index + 1) for o in right], "x")
        await pilot.pause()
        saved = app.store.attempt(exam.attempt_id).answers[q.id]
        assert sorted(saved) == sorted(o.original_index for o in wrong[: q.choose])
        assert not s.check(q.id).correct


async def test_discard_this_attempt_from_inside_the_exam(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        exam = await start_practice(pilot)
        attempt_id = exam.attempt_id
        await pilot.press("D")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen) and app.screen.title_text == "Discard this attempt?"
        await pilot.press("n")
        await pilot.pause()
        assert exam.session is not None
        await pilot.press("r", "D")  # the review screen offers it too
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen) and app.screen.title_text == "Discard this attempt?"
        await pilot.press("y")
        await pilot.pause()
        assert app.store.attempt(attempt_id).status == "abandoned"
        assert exam.session is None and exam.panel == "exam-home"
        assert app.store.attempt_summaries(finished_only=True) == []  # never in the history or the trend
        assert MODE_NAMES["practice"] not in all_static_text(exam.query_one("#exam-history"))


async def test_an_untimed_custom_exam_is_labelled_untimed_and_absurd_minutes_are_refused(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("3", "c")
        await pilot.pause()
        app.screen.query_one("#setup-minutes").value = "1e308"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ExamSetupScreen)
        assert "a number from 1 to 600" in all_static_text(app.screen)
        app.screen.query_one("#setup-minutes").value = "0"
        await pilot.press("ctrl+s")
        await pilot.pause()
        exam = app.view("exam")
        assert exam.session is not None and exam.session.remaining() is None
        label = str(app.query_one("#tabs").label("exam"))
        assert "untimed" in label and "practice" not in label

        pending = pending_text(app.store.in_progress_attempt())  # the home's and the resume prompt's line
        assert pending.endswith("answered, untimed")


async def test_a_released_lease_is_taken_again_at_renewal_when_nobody_else_has_it(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        exam = await start_custom(pilot)
        attempt_id = exam.attempt_id
        app.store.release_attempt(attempt_id)  # e.g. paused and saved on a suspend, then resumed
        run = exam.query_one("#exam-run")
        run.renew_lease()
        await pilot.pause()
        assert exam.session is not None and TAKEN_OVER not in messages(app)
        assert app.store.renew_attempt_lease(attempt_id)
