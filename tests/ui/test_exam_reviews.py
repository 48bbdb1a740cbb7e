"""Exam answers given in the app become spaced-repetition reviews: practice at the reveal, the
other modes with the finish (exactly once)."""

from __future__ import annotations

from awstui.exam.reviews import AGAIN, GOOD, HARD
from awstui.tui.screens.modals import ConfirmScreen

from .conftest import SIZE
from .test_exam import start_custom


def _logs(app) -> list[tuple]:
    return app.store._conn.execute("SELECT qid, rating, source FROM review_log ORDER BY id").fetchall()


async def test_a_custom_exams_answers_are_reviewed_when_it_is_submitted(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        exam = await start_custom(pilot, count="3")
        s = exam.session
        first, second = s.current, s.view(1)
        right = s.question().correct_indices
        await pilot.press(*[str(o.display_index + 1) for o in first.options if o.original_index in right])
        await pilot.press("f", "n")  # right but flagged: Hard
        wrong = next(o for o in second.options if o.original_index not in s.question(1).correct_indices)
        await pilot.press(str(wrong.display_index + 1))
        await pilot.pause()
        assert _logs(app) == []  # not before the end
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert _logs(app) == [(first.qid, HARD, "custom"), (second.qid, AGAIN, "custom")]  # the third: unanswered
        assert app.store.reviews.card("exam", second.qid).due > app.store.reviews.card("exam", second.qid).last_review


async def test_a_practice_answer_is_reviewed_when_its_explanation_shows(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("3", "t")
        await pilot.pause()
        app.screen.query_one("#setup-count").value = "2"
        await pilot.press("ctrl+s")
        await pilot.pause()
        s = app.view("exam").session
        q = s.question()
        await pilot.press(
            *[str(o.display_index + 1) for o in s.current.options if o.original_index in q.correct_indices]
        )
        await pilot.pause()
        assert _logs(app) == [(q.id, GOOD, "practice")]


async def test_the_seeding_thread_tells_the_views_on_the_apps_thread(make_app):
    import threading

    from awstui.cli.app import _seeded, seed_reviews_later
    from awstui.state import ReviewChanged

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        store = app.store
        aid = store.create_attempt("full", {}, ["q1"], {}, 60)
        store.finish_attempt(aid, "submitted", {"outcomes": [{"qid": "q1", "kind": "wrong"}]}, 30)
        store._conn.execute("INSERT INTO meta (key, value) VALUES ('seed_pending', '1')")  # as the v5 upgrade
        seen = []
        app.state_changed.subscribe(app, lambda event: seen.append((event, threading.current_thread())))
        thread = seed_reviews_later(store, _seeded(app))
        thread.join(timeout=30)
        await pilot.pause()
        assert (ReviewChanged("exam", ""), threading.main_thread()) in seen
