"""Review mode (Exam view): the due queue one item at a time, grades, intervals, undo, limits,
the empty queue, the Exam tab's due count, and the palette command."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from awstui.content.models import OPTION_KEYS
from awstui.exam.review_queue import format_interval
from awstui.state import ReviewChanged, open_store
from awstui.tui.app import FIRST_COUNT_AFTER
from awstui.tui.screens.help import HelpScreen
from awstui.tui.screens.review_limits import ReviewLimitsScreen

from .conftest import SIZE
from .helpers import screen_text, static_text


def due_exam_questions(data_dir, library, count: int = 1, skip: int = 0) -> list:
    """``count`` bank questions (after ``skip``) graded Again a day ago: due now (written through
    a store of its own, as before the app opens or from another window)."""
    questions = [q for q in library.exam if not q.is_multi][skip : skip + count]
    yesterday = datetime.now(UTC) - timedelta(days=1)
    with open_store(data_dir, now=lambda: yesterday, backup=False) as store:
        for q in questions:
            store.reviews.grade("exam", q.id, 1)
    return questions


def last_rating(store) -> int:
    return store._conn.execute("SELECT rating FROM review_log ORDER BY id DESC LIMIT 1").fetchone()[0]


def wrong_key(q) -> str:
    return next(OPTION_KEYS[i] for i in range(len(q.options)) if i not in q.correct_indices)


def right_key(q) -> str:
    return OPTION_KEYS[min(q.correct_indices)]


async def open_review(pilot):
    await pilot.pause()
    await pilot.press("3")
    await pilot.pause()
    await pilot.press("v")
    await pilot.pause()
    review = pilot.app.query_one("#exam-review-mode")
    assert pilot.app.view("exam").panel == "exam-review-mode" and review.has_focus
    return review


def shown(review, part: str = "body") -> str:
    """What the status line, the body (question, options, feedback) or the interval line shows."""
    return static_text(review.query_one(f"#review-{part}"), width=300)


async def test_a_due_exam_question_is_shown_and_a_wrong_answer_grades_again(make_app, data_dir):
    app = make_app()
    (q,) = due_exam_questions(data_dir, app.library)
    async with app.run_test(size=SIZE) as pilot:
        review = await open_review(pilot)
        assert review.item.qid == q.id
        assert q.stem[:30] in shown(review)
        assert q.options[0][:20] in shown(review)
        assert "Not quite" not in shown(review)
        await pilot.press(wrong_key(q), "enter")
        await pilot.pause()
        assert "Not quite" in shown(review) and q.explanation[:30] in shown(review).replace("\n", " ")
        assert "Graded Again" in shown(review, "intervals")
        card = app.store.reviews.card("exam", q.id)
        assert card.reps == 2 and last_rating(app.store) == 1
        assert timedelta(minutes=5) < card.due - datetime.now(UTC) <= timedelta(minutes=10)
        await pilot.press("enter")  # next: nothing more is due
        await pilot.pause()
        assert review.item is None and "Nothing due — next review in" in shown(review)
        await pilot.press("escape")
        await pilot.pause()
        assert app.view("exam").panel == "exam-home"


async def test_a_right_answer_marked_as_a_guess_grades_hard(make_app, data_dir):
    app = make_app()
    q1, q2 = due_exam_questions(data_dir, app.library, 2)
    async with app.run_test(size=SIZE) as pilot:
        review = await open_review(pilot)
        first = {q1.id: q1, q2.id: q2}[review.item.qid]
        await pilot.press("g", right_key(first), "enter")  # marked before answering
        await pilot.pause()
        assert last_rating(app.store) == 2 and "Graded Hard" in shown(review, "intervals")
        await pilot.press("enter")
        await pilot.pause()
        second = {q1.id: q1, q2.id: q2}[review.item.qid]
        assert second is not first
        await pilot.press(right_key(second), "enter")
        await pilot.pause()
        assert last_rating(app.store) == 3
        await pilot.press("g")  # after a right answer: it was a guess after all
        await pilot.pause()
        assert last_rating(app.store) == 2 and app.store.reviews.card("exam", second.id).reps == 2


async def test_the_cursor_keys_pick_the_option_enter_confirms(make_app, data_dir):
    app = make_app()
    (q,) = due_exam_questions(data_dir, app.library)
    async with app.run_test(size=SIZE) as pilot:
        review = await open_review(pilot)
        target = min(q.correct_indices)
        await pilot.press(*["j"] * (target + len(q.options)), "k", "j")  # wraps around
        await pilot.press("enter")
        await pilot.pause()
        assert review.selected == {target} and last_rating(app.store) == 3


async def test_an_own_card_shows_its_back_and_is_graded_1_to_4_with_four_intervals(make_app):
    app = make_app()
    oq = app.library.questions[0]
    app.store.save_answer(oq.id, "My answer: use a GSI")
    async with app.run_test(size=SIZE) as pilot:
        review = await open_review(pilot)
        assert review.item.kind == "own" and oq.text[:30] in shown(review)
        assert "My answer" not in shown(review)
        await pilot.press("3")  # no grade before the back is shown, and no view switch either
        await pilot.pause()
        assert app.store.reviews.card("own", oq.id) is None and app.current_view == "exam"
        await pilot.press("space")
        await pilot.pause()
        assert "My answer: use a GSI" in shown(review)
        line = shown(review, "intervals")
        preview = app.store.reviews.preview("own", oq.id)
        for grade, name in ((1, "Again"), (2, "Hard"), (3, "Good"), (4, "Easy")):
            assert f"{grade}  {name} {format_interval(preview[grade])}" in line, line
        await pilot.press("4")
        await pilot.pause()
        card = app.store.reviews.card("own", oq.id)
        assert card is not None and last_rating(app.store) == 4 and review.item is None


async def test_undo_brings_back_the_item_and_the_card(make_app, data_dir):
    app = make_app()
    (q,) = due_exam_questions(data_dir, app.library)
    oq = app.library.questions[0]
    app.store.save_answer(oq.id, "answer")
    before = app.store.reviews.card("exam", q.id)
    async with app.run_test(size=SIZE) as pilot:
        review = await open_review(pilot)
        assert review.item.qid == q.id  # due cards come before new ones
        await pilot.press(right_key(q), "enter", "enter")
        await pilot.pause()
        assert review.item.qid == oq.id
        await pilot.press("space", "3")
        await pilot.pause()
        assert review.item is None and app.store.reviews.card("own", oq.id) is not None
        await pilot.press("u")
        await pilot.pause()
        assert review.item.qid == oq.id and not review.revealed
        assert app.store.reviews.card("own", oq.id) is None  # it was new: gone again
        await pilot.press("backspace")
        await pilot.pause()
        assert review.item.qid == q.id and review.graded is None
        assert app.store.reviews.card("exam", q.id) == before
        assert "Undo" in screen_text(app)  # in the footer


async def test_daily_limits_are_respected_and_set_in_a_dialog(make_app):
    app = make_app()
    for oq in app.library.questions[:3]:
        app.store.save_answer(oq.id, f"answer to {oq.id}")
    app.store.set_setting("review.new_per_day", 2)
    async with app.run_test(size=SIZE) as pilot:
        review = await open_review(pilot)
        assert len(review.queue.items) == 2
        for _ in range(2):
            await pilot.press("space", "3")
            await pilot.pause()
        assert review.item is None and review.queue.new_available == 1
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, ReviewLimitsScreen)
        box = app.screen.query_one("#limit-new")
        box.value = "lots"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewLimitsScreen)
        assert "whole number" in static_text(app.screen.query_one("#limits-error"))
        box.value = "5"
        app.screen.query_one("#limit-reviews").value = "50"
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ReviewLimitsScreen)
        assert app.store.reviews.limits() == {"review.new_per_day": 5, "review.reviews_per_day": 50}
        assert review.item is not None and review.item.qid == app.library.questions[2].id


async def test_the_empty_queue_says_so(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        review = await open_review(pilot)
        assert review.item is None
        assert "Nothing due — no cards yet" in shown(review)
        assert not shown(review, "intervals").strip()


async def test_the_exam_tab_shows_the_reviews_due_and_follows_grades(make_app, data_dir):
    app = make_app()
    questions = due_exam_questions(data_dir, app.library, 2)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "due" not in str(app.query_one("#tabs").label("exam"))  # not counted before the first frame settles
        await pilot.pause(FIRST_COUNT_AFTER * 2)
        assert "Exam · 2 due" in str(app.query_one("#tabs").label("exam"))
        review = await open_review(pilot)
        q = next(q for q in questions if q.id == review.item.qid)
        await pilot.press(right_key(q), "enter")
        await pilot.pause()
        assert "Exam · 1 due" in str(app.query_one("#tabs").label("exam"))
        due_exam_questions(data_dir, app.library, 2, skip=2)  # written elsewhere (as the start's seeding does) ...
        app.state_changed.publish(ReviewChanged("exam", ""))  # ... then announced on the app's thread
        await pilot.pause()
        assert "Exam · 3 due" in str(app.query_one("#tabs").label("exam"))


async def test_the_palette_command_opens_review_mode_and_help_lists_its_keys(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Review due questions" in titles
        await app._review()
        await pilot.pause()
        assert app.current_view == "exam" and app.view("exam").panel == "exam-review-mode"
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for key in ("Undo", "Guess", "Limits", "Grade", "review"):
            assert key in text, key


async def test_the_option_under_the_cursor_stays_in_view_on_a_small_terminal(make_app, data_dir):
    app = make_app()
    (q,) = due_exam_questions(data_dir, app.library)
    async with app.run_test(size=(60, 16)) as pilot:
        review = await open_review(pilot)
        body = review.query_one("#review-body")
        last = len(q.options) - 1
        label = f"{OPTION_KEYS[last]}/{last + 1}"
        assert body.scroll_y == 0 and label not in screen_text(app)  # the stem fills the body
        await pilot.press(*["j"] * last)
        await pilot.pause()
        assert review.cursor == last and body.scroll_y > 0 and label in screen_text(app)
        await pilot.press("j")  # wraps to the first option: back up
        await pilot.pause()
        assert review.cursor == 0 and "a/1" in screen_text(app)


async def test_the_daily_review_limit_ends_the_session(make_app, data_dir):
    app = make_app()
    q1, q2 = due_exam_questions(data_dir, app.library, 2)
    app.store.set_setting("review.reviews_per_day", 1)
    async with app.run_test(size=SIZE) as pilot:
        review = await open_review(pilot)
        assert len(review.queue.items) == 1 and review.queue.due_now == 2
        q = {q1.id: q1, q2.id: q2}[review.item.qid]
        await pilot.press(right_key(q), "enter", "enter")
        await pilot.pause()
        assert review.item is None and "Nothing more today — the daily review limit is reached" in shown(review)


async def test_a_grade_or_undo_the_store_refuses_is_said_not_raised(make_app, monkeypatch):
    from awstui.state import StoreError

    app = make_app()
    oq = app.library.questions[0]
    app.store.save_answer(oq.id, "answer")

    def refuse(*_args, **_kwargs):
        raise StoreError("disk full in /tmp/\x1b[2J\u202e")  # (a path the message names: escaped)

    async with app.run_test(size=SIZE, notifications=True) as pilot:
        review = await open_review(pilot)
        monkeypatch.setattr(app.store.reviews, "grade", refuse)
        monkeypatch.setattr(app.store.reviews, "undo_last", refuse)
        await pilot.press("space", "3")
        await pilot.pause()
        assert review.item.qid == oq.id and review.revealed  # still on show: nothing was saved
        await pilot.press("u")
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("not saved: disk full" in m for m in messages)
        assert any("could not be taken back: disk full" in m for m in messages)
        assert all("\x1b" not in m and "\u202e" not in m for m in messages)
        assert sum("\\x1b[2J\\u202e" in m for m in messages) == 2  # (both shown, escaped)


async def test_at_the_smallest_width_every_interval_and_the_next_key_are_on_screen(make_app, data_dir):
    """At 60 columns the interval line was cut with an ellipsis: Easy's interval (and, after an
    exam answer, the guess and next keys) were not on screen. It wraps instead."""
    app = make_app()
    (q,) = due_exam_questions(data_dir, app.library)
    oq = app.library.questions[0]
    app.store.save_answer(oq.id, "My answer")

    def seen() -> str:
        return " ".join(screen_text(app).split())

    async with app.run_test(size=(60, 20)) as pilot:
        review = await open_review(pilot)
        for _ in range(2):
            if review.item.kind == "exam":
                await pilot.press(right_key(q), "enter")
                await pilot.pause()
                assert "that was a right guess: Hard instead enter next" in seen(), screen_text(app)
                await pilot.press("enter")
            else:
                await pilot.press("space")
                await pilot.pause()
                preview = app.store.reviews.preview("own", oq.id)
                assert f"4 Easy {format_interval(preview[4])}" in seen(), screen_text(app)
                await pilot.press("3")
            await pilot.pause()


async def test_keys_on_the_too_small_screen_do_not_reach_the_app_behind_it(make_app):
    """Over review mode, "4" on the "terminal too small" screen switched to Progress unseen and
    "/" or "?" opened dialogs at 40x10; only q (and ctrl+q) act there."""
    from awstui.tui.screens.too_small import TooSmall

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_review(pilot)
        await pilot.resize_terminal(40, 10)
        await pilot.pause()
        assert isinstance(app.screen, TooSmall)
        for key in ("4", "slash", "question_mark", "2"):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, TooSmall), key
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        assert app.current_view == "exam" and app.view("exam").panel == "exam-review-mode"


async def _app_at(data_dir, clock, moment):
    from awstui.content import load_library
    from awstui.paths import content_dirs
    from awstui.tui import app as tui_app

    store = open_store(data_dir, now=lambda: moment[0])
    store.reviews.grade("exam", "d1-001", 3)  # Good: due in a day or more
    return tui_app.AwsTuiApp(load_library(content_dirs(data_dir)), store, clock=clock, poll_external=False), store


@pytest.mark.parametrize("how", ["every COUNT_EVERY seconds", "as review mode opens"])
async def test_the_exam_tabs_count_follows_the_clock(data_dir, clock, monkeypatch, how):
    """Cards come due as time passes, with no change to announce: the tab's count is taken again
    every COUNT_EVERY seconds, and when review mode opens."""
    from awstui.tui import app as tui_app

    monkeypatch.setattr(tui_app, "COUNT_EVERY", 0.2 if how.startswith("every") else 3600.0)
    moment = [datetime(2026, 11, 2, 9, 0, tzinfo=UTC)]
    app, store = await _app_at(data_dir, clock, moment)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause(FIRST_COUNT_AFTER * 2)
            assert "due" not in str(app.query_one("#tabs").label("exam"))
            moment[0] += timedelta(days=30)  # a month later, nothing else changed
            if how.startswith("every"):
                await pilot.pause(0.5)
            else:
                await pilot.pause(0.3)
                assert "due" not in str(app.query_one("#tabs").label("exam"))
                await open_review(pilot)
            assert "Exam · 1 due" in str(app.query_one("#tabs").label("exam"))
    finally:
        store.close()
