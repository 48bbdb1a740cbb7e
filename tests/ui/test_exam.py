"""Exam view: a short custom exam end to end, resume after quitting, time-out, practice."""

from __future__ import annotations

from awstui.tui.screens.exam_review import ReviewScreen
from awstui.tui.screens.exam_setup import ExamSetupScreen
from awstui.tui.screens.modals import ConfirmScreen

from .conftest import SIZE
from .helpers import all_static_text, static_text


async def start_custom(pilot, count="3", minutes="10"):
    app = pilot.app
    await pilot.pause()
    await pilot.press("3")
    await pilot.pause()
    await pilot.press("c")
    await pilot.pause()
    assert isinstance(app.screen, ExamSetupScreen)
    box = app.screen.query_one("#setup-count")
    box.value = count
    app.screen.query_one("#setup-minutes").value = minutes
    await pilot.press("ctrl+s")
    await pilot.pause()
    return app.view("exam")


async def test_custom_exam_end_to_end(make_app, clock):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        exam = await start_custom(pilot)
        s = exam.session
        assert s is not None and len(s) == 3 and s.time_allowed_s == 600
        attempt = app.store.in_progress_attempt()
        assert attempt is not None and len(attempt.question_ids) == 3

        # answer question 1 with its right option(s), flag question 2, leave 3 unanswered
        q1 = s.current
        right = s.question().correct_indices
        for o in q1.options:
            if o.original_index in right:
                await pilot.press(str(o.display_index + 1))
        await pilot.pause()
        assert app.store.attempt(attempt.id).answers[q1.qid] == sorted(right)
        await pilot.press("n", "f")
        await pilot.pause()
        assert s.current.qid in app.store.attempt(attempt.id).flags

        # review lists unanswered first
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("escape")
        await pilot.pause()

        clock.advance(65)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "2 question(s) unanswered" in app.screen.message
        await pilot.press("y")
        await pilot.pause()
        done = app.store.attempt(attempt.id)
        assert done.status == "submitted"
        assert done.result["correct"] == 1 and done.result["total"] == 3
        # the exam layer's summary is stored with the result: history lists never read the outcomes
        (listed,) = app.store.attempt_summaries(finished_only=True)
        assert listed.summary is not None and listed.summary["correct"] == 1 and "outcomes" not in listed.summary
        assert listed.result is None
        assert exam.panel == "exam-results"
        text = all_static_text(exam)
        assert "1/3" in text and "estimate" in text

        # jump from the review to the question's service note
        await pilot.press("g")
        await pilot.pause()
        assert app.current_view == "study"
        qid = attempt.question_ids[0]
        q = next(q for q in app.library.exam if q.id == qid)
        assert app.view("study").service_id in q.services


async def test_quit_mid_exam_and_resume_with_time_left(make_app, clock):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        exam = await start_custom(pilot, count="3", minutes="10")
        await pilot.press("a")
        clock.advance(100)
        await pilot.pause()
        attempt_id = exam.attempt_id
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
    saved = app.store.attempt(attempt_id)
    assert saved.status == "in_progress"
    assert 99 <= saved.time_used_s <= 101

    clock.advance(3600)  # the app was closed: no time passes for the exam
    app2 = make_app()
    async with app2.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app2.screen, ConfirmScreen)  # offers to resume
        await pilot.press("y")
        await pilot.pause()
        exam = app2.view("exam")
        assert app2.current_view == "exam"
        assert exam.session is not None and exam.attempt_id == attempt_id
        assert 498 <= exam.session.remaining() <= 501
        assert exam.session.answered_count == 1


async def test_time_out_submits_once_with_answers_so_far(make_app, clock):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        exam = await start_custom(pilot, count="2", minutes="1")
        await pilot.press("b")
        attempt_id = exam.attempt_id
        clock.advance(61)
        await pilot.pause(0.5)
        done = app.store.attempt(attempt_id)
        assert done.status == "expired"
        assert done.result["total"] == 2
        assert exam.panel == "exam-results"
        assert exam.session is None


async def test_practice_shows_the_explanation_after_an_answer(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("3", "t")
        await pilot.pause()
        app.screen.query_one("#setup-count").value = "2"
        await pilot.press("ctrl+s")
        await pilot.pause()
        exam = app.view("exam")
        assert exam.session.remaining() is None
        q = exam.session.question()
        await pilot.press(*[str(o.display_index + 1) for o in exam.session.current.options[: q.choose]])
        await pilot.pause()
        fb = exam.query_one("#exam-feedback")
        assert fb.display
        assert q.explanation[:40] in static_text(fb, width=400).replace("\n", " ")


async def test_full_exam_from_the_command_palette_action(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app._start_full_exam()
        await pilot.pause()
        s = app.view("exam").session
        assert len(s) == 65 and s.time_allowed_s == 130 * 60
        assert "Exam 2:10:00" in str(app.query_one("#tabs").label("exam"))


async def test_grid_jumps_to_a_question(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        exam = await start_custom(pilot, count="5")
        await pilot.press("g", "right", "right", "enter")
        await pilot.pause()
        assert exam.session.position == 2
        assert exam.query_one("#exam-run").has_focus  # back on the running exam, whose keys need the focus


async def test_setup_rejects_bad_numbers_with_a_message(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("3", "c")
        await pilot.pause()
        app.screen.query_one("#setup-count").value = "0"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ExamSetupScreen)
        assert "count must be" in all_static_text(app.screen)


async def test_warnings_at_10_5_and_1_minutes(make_app, clock):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        exam = await start_custom(pilot, count="2", minutes="11")
        clock_widget = exam.query_one("#exam-clock")
        assert not clock_widget.has_class("-warn")
        seen = []
        for advance, minutes_left in ((61, 10), (300, 5), (240, 1)):
            clock.advance(advance)
            await pilot.pause(0.4)
            seen = [str(n.message) for n in app._notifications]
            assert any(f"{minutes_left} minute" in m for m in seen), (minutes_left, seen)
            if minutes_left == 10:
                assert clock_widget.has_class("-warn")
            else:
                assert clock_widget.has_class("-danger")
        assert sum("10 minutes left" in m for m in seen) == 1  # each toast once


async def test_time_used_is_saved_every_few_seconds(make_app, clock):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        exam = await start_custom(pilot, count="2", minutes="10")
        attempt_id = exam.attempt_id
        clock.advance(6)
        await pilot.pause(0.4)
        assert app.store.attempt(attempt_id).time_used_s >= 6
        clock.advance(3)
        await pilot.press("a")  # an answer saves the time with it
        await pilot.pause()
        assert app.store.attempt(attempt_id).time_used_s >= 9


async def test_imported_questions_in_practice(make_app, data_dir, tmp_path):
    from awstui.content.importers import import_bank

    bank = tmp_path / "bank.md"
    bank.write_text(
        "### Which service stores objects?\n\n- [ ] Amazon EBS\n- [x] Amazon S3\n- [ ] AWS Lambda\n- [ ] Amazon SQS\n\n"
        "### Which service queues messages?\n\n- [ ] Amazon S3\n- [ ] Amazon EC2\n- [x] Amazon SQS\n- [ ] AWS KMS\n"
    )
    report = import_bank(bank, data_dir)
    assert report.imported == 2
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("3", "t")
        await pilot.pause()
        screen = app.screen
        domains = screen.query_one("#setup-domains")
        domains.deselect_all()
        domains.select("unclassified")
        screen.query_one("#setup-count").value = "5"
        await pilot.press("ctrl+s")
        await pilot.pause()
        s = app.view("exam").session
        assert len(s) == 2 and {q.domain for q in s.questions} == {"unclassified"}


async def test_exam_home_pages_its_attempts_newest_first(make_app):
    from awstui.tui.views.exam.home import HISTORY_ROWS

    app = make_app()
    store = app.store
    for n in range(HISTORY_ROWS + 5):
        aid = store.create_attempt("full", {}, ["e1"], {}, 60)
        result = {"correct": n % 2, "total": 1, "percent": 100.0 * (n % 2), "scaled": 100, "passed": False}
        store.finish_attempt(aid, "submitted", result, 60)
    async with app.run_test(size=(120, 36)) as pilot:
        await app.action_show_view("exam")
        await pilot.pause()
        table = app.view("exam").query_one("#exam-history")
        assert table.row_count == HISTORY_ROWS
        ids = sorted((a.id for a in store.attempt_results()), reverse=True)
        assert table.get_row_at(0) and table.coordinate_to_cell_key((0, 0)).row_key.value == str(ids[0])
        home = app.view("exam").query_one("#exam-home")
        title = str(home.query_one("#exam-history-title").render())
        assert f"Past attempts 1–{HISTORY_ROWS} of {HISTORY_ROWS + 5}" in title and "[ older" in title
        table.focus()
        await pilot.press("]")  # nothing newer: stays
        await pilot.pause()
        assert table.coordinate_to_cell_key((0, 0)).row_key.value == str(ids[0])
        await pilot.press("[")  # the older page: the five left
        await pilot.pause()
        assert table.row_count == 5
        assert [table.coordinate_to_cell_key((r, 0)).row_key.value for r in range(5)] == [str(i) for i in ids[-5:]]
        assert f"{HISTORY_ROWS + 1}–{HISTORY_ROWS + 5} of" in str(home.query_one("#exam-history-title").render())
        await pilot.press("[")  # no older page
        await pilot.pause()
        assert table.row_count == 5
        opened = []
        home._on_open = opened.append
        await pilot.press("enter")  # a row of an older page opens its review
        await pilot.pause()
        assert [a.id for a in opened] == [ids[HISTORY_ROWS]]
        await pilot.press("]")
        await pilot.pause()
        assert table.row_count == HISTORY_ROWS


class CountingStore:
    """The app's store, counting every call made through it."""

    def __init__(self, store):
        self._store, self.calls = store, []

    def __getattr__(self, name):
        attr = getattr(self._store, name)
        if callable(attr):

            def counted(*args, **kwargs):
                self.calls.append(name)
                return attr(*args, **kwargs)

            return counted
        return attr


async def test_a_bindings_refresh_on_the_exam_home_asks_the_store_nothing(make_app):
    app = make_app()
    app.store.create_attempt("full", {}, ["e1"], {}, 60)  # an exam in progress: resume and discard apply
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)  # the offer to resume it
        await pilot.press("n")
        await pilot.press("3")
        await pilot.pause()
        exam = app.view("exam")
        assert exam.panel == "exam-home" and exam.query_one("#exam-home").pending is not None
        await pilot.pause()  # settled: nothing else of the app's left to run while the store is counted
        counting = CountingStore(app.store)
        app.store = counting
        try:  # synchronous: only what a bindings refresh itself asks is counted
            active = app.screen.active_bindings  # runs every check_action of the focus chain
            app.screen.refresh_bindings()
        finally:
            app.store = counting._store
        await pilot.pause()
        assert counting.calls == []  # it was six queries, one for each key of the home
        enabled = {binding.action: on for _node, binding, on, _tip in active.values()}
        assert enabled["resume"] and enabled["discard"] and enabled["start_full"]
