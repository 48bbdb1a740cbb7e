"""Progress's plan to the exam date, the drill of the weakest task statement, the study
calendar, and accuracy by task statement in an exam's results."""

from __future__ import annotations

from datetime import timedelta

from awstui.exam import ExamSession, custom_config
from awstui.exam.plan import EXAM_DATE_KEY
from awstui.tui.screens.exam_date import ExamDateScreen
from awstui.tui.views.progress import local_today
from awstui.tui.widgets.drawn import Drawn

from .conftest import SIZE


def _plan(app, width: int = 110) -> str:
    return app.view("progress").query_one("#progress-plan", Drawn).built(width).plain


def _finish(app, clock, seed: int, right: bool, count: int = 20) -> None:
    s = ExamSession.start(app.library.exam, custom_config(count, 30, seed=seed), clock=clock)
    aid = app.store.create_attempt(**s.to_record().create_kwargs())
    for i in range(len(s)):
        keys = [o.key for o in s.view(i).options if (o.original_index in s.question(i).correct_indices) == right]
        change = s.answer(keys if right else keys[:1], at=i)
        app.store.record_exam_answer(aid, change.qid, list(change.selected), change.time_used_s)
    fin = s.submit()
    app.store.finish_attempt(aid, fin.status, fin.result.to_dict(), fin.time_used_s)


async def _type_date(pilot, app, text: str) -> None:
    box = app.screen.query_one("#exam-date")
    box.value = text
    await pilot.press("enter")
    await pilot.pause()


async def test_the_exam_date_dialog_refuses_bad_dates_and_saves_a_good_one(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await pilot.pause()
        assert "No exam date set" in _plan(app)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExamDateScreen)
        for bad, says in (
            ("next week", "YYYY-MM-DD"),
            ("2031-02-30", "not a real date"),
            ("2020-01-01", "after today"),
        ):
            await _type_date(pilot, app, bad)
            assert isinstance(app.screen, ExamDateScreen)  # still open, saying why
            assert says in str(app.screen.query_one("#exam-date-error").content)
        assert app.store.get_setting(EXAM_DATE_KEY) is None
        when = local_today(app.store) + timedelta(days=30)
        await _type_date(pilot, app, when.isoformat())
        assert not isinstance(app.screen, ExamDateScreen)
        assert app.store.get_setting(EXAM_DATE_KEY) == when.isoformat()
        plan = _plan(app)
        assert f"exam on {when.isoformat()} · 30 days left" in plan
        bank = len(app.library.exam)
        assert f"{bank} of {bank} questions not seen yet: {-(-bank // 30)} a day" in plan
        await pilot.press("e")  # an empty date clears it
        await pilot.pause()
        await _type_date(pilot, app, "")
        assert app.store.get_setting(EXAM_DATE_KEY) is None
        assert "No exam date set" in _plan(app)


async def test_escape_leaves_the_date_as_it_was(make_app):
    app = make_app()
    when = (local_today(app.store) + timedelta(days=9)).isoformat()
    app.store.set_setting(EXAM_DATE_KEY, when)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.query_one("#exam-date").value == when  # opens on the date set
        await pilot.press("escape")
        await pilot.pause()
        assert app.store.get_setting(EXAM_DATE_KEY) == when


async def test_the_palette_command_opens_the_dialog_on_progress(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Set the exam date" in titles
        await app._set_exam_date()
        await pilot.pause()
        assert app.current_view == "progress" and isinstance(app.screen, ExamDateScreen)


async def test_plan_names_the_weakest_task_and_d_drills_ten_questions_on_it(make_app, clock):
    app = make_app()
    app.store.set_setting(EXAM_DATE_KEY, (local_today(app.store) + timedelta(days=10)).isoformat())
    _finish(app, clock, seed=1, right=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await pilot.pause()
        view = app.view("progress")
        task = view.weakest_task
        assert task is not None and view.drill_size == 10
        plan = _plan(app)
        assert f"Weakest task      {task} " in plan and "0 % of" in plan and "d drills 10" in plan
        unseen = len(app.library.exam) - 20
        assert f"{unseen} of {len(app.library.exam)} questions not seen yet: {-(-unseen // 10)} a day" in plan
        assert "55 of 55: " in plan  # no service reviewed yet
        await pilot.press("d")
        await pilot.pause()
        assert app.current_view == "exam"
        attempt = app.store.in_progress_attempt()
        assert attempt is not None and attempt.mode == "practice" and len(attempt.question_ids) == 10
        assert attempt.config.get("tasks") == [task]
        by_id = {q.id: q for q in app.library.exam}
        assert all(task in by_id[qid].tasks for qid in attempt.question_ids)


async def test_d_is_greyed_out_before_any_exam(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await pilot.pause()
        assert app.view("progress").check_action("drill_task", ()) is None
        assert "shown after your first exam answers" in _plan(app)


async def test_calendar_counts_todays_answers_ticks_and_reviews(make_app, clock):
    app = make_app()
    _finish(app, clock, seed=2, right=True, count=5)
    app.store.tick_question("vpc-1")
    app.store.mark_reviewed("lambda")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await pilot.pause()
        calendar = app.view("progress").query_one("#progress-calendar", Drawn).built(110).plain
        assert "Study activity" in calendar
        assert "1 active day, 7 actions in 26 weeks" in calendar
        app.store.mark_reviewed("ec2")  # live
        await pilot.pause()
        calendar = app.view("progress").query_one("#progress-calendar", Drawn).built(110).plain
        assert "1 active day, 8 actions in 26 weeks" in calendar


async def test_progress_bars_by_task_statement(make_app, clock):
    app = make_app()
    _finish(app, clock, seed=3, right=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await pilot.pause()
        bars = app.view("progress").query_one("#progress-bars", Drawn).built(110).plain
        assert "Accuracy by domain" in bars and "Accuracy by task statement" in bars
        assert "100 %" in bars and "0 %" not in bars.replace("100 %", "")


async def test_results_show_accuracy_by_task_statement(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await pilot.pause()
        app.view("exam")._start(custom_config(12, 10, seed=4))
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        line = app.screen.query_one("#exam-tasks", Drawn).built(100).plain
        assert line.startswith("Task statements ")
        assert all(len(row) <= 100 for row in line.split("\n"))
        attempt = app.store.attempt(app.view("exam").query_one("ExamResults").attempt.id)
        drawn = {t for qid in attempt.question_ids for q in app.library.exam if q.id == qid for t in q.tasks}
        assert drawn and all(f"{t} 0 %" in line for t in drawn)  # nothing answered: every one wrong


async def test_plan_counts_the_reviews_due_and_the_calendar_the_reviews_graded(make_app):
    app = make_app()
    qid = app.library.exam[0].id
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await pilot.pause()
        assert "Reviews due       none due today" in _plan(app)
        app.store.reviews.grade("exam", qid, 1)  # Again: due again in 10 minutes, today
        await pilot.pause()
        assert "Reviews due       1 card to review today" in _plan(app)
        calendar = app.view("progress").query_one("#progress-calendar", Drawn).built(110).plain
        assert "1 active day, 1 action in 26 weeks" in calendar
