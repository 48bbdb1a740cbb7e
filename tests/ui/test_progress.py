"""Progress view: reviewed by category, questions answered, exam history."""

from __future__ import annotations

from .conftest import SIZE
from .helpers import all_static_text


async def test_progress_counts_reviews_and_answers(make_app):
    app = make_app()
    app.store.mark_reviewed("lambda")
    app.store.mark_reviewed("ec2")
    app.store.tick_question("vpc-1")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("4")
        await pilot.pause()
        text = all_static_text(app.view("progress"), width=110)
        assert "Services reviewed" in text and " 2/55" in text
        assert " 2/3" in text  # compute: EC2, Lambda, Elastic Beanstalk
        assert "Open questions answered" in text and " 1/19" in text
        assert "AWS Lambda" in text  # last reviewed list
        assert "No exam taken yet" in text


async def test_progress_updates_live(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("4")
        await pilot.pause()
        app.store.mark_reviewed("dynamodb")
        await pilot.pause()
        assert " 1/55" in all_static_text(app.view("progress"), width=110)


async def test_hidden_progress_reloads_once_when_shown_again(make_app):
    """Changes while another view is on show (a review session's grades) do not redraw Progress
    each time: it is redrawn once, before the frame that shows it again."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await pilot.pause()
        view = app.view("progress")
        reloads: list[int] = []
        real = view.reload
        view.reload = lambda: reloads.append(1) or real()
        await pilot.press("1")
        await pilot.pause()
        for sid in ("dynamodb", "lambda", "s3"):
            app.store.mark_reviewed(sid)
        await pilot.pause()
        assert reloads == []
        await pilot.press("4")
        await pilot.pause()
        assert reloads == [1] and " 3/55" in all_static_text(view, width=110)
        app.store.mark_reviewed("sqs")  # on show: at once, as before
        await pilot.pause()
        assert reloads == [1, 1] and " 4/55" in all_static_text(view, width=110)


async def test_exam_history_shows_trend_and_weakest(make_app, clock):
    from awstui.exam import ExamSession, custom_config

    app = make_app()
    for seed, right in ((1, True), (2, False)):
        s = ExamSession.start(app.library.exam, custom_config(4, 10, seed=seed), clock=clock)
        aid = app.store.create_attempt(**s.to_record().create_kwargs())
        if right:
            for i in range(len(s)):
                right_keys = [o.key for o in s.view(i).options if o.original_index in s.question(i).correct_indices]
                s.answer(right_keys, at=i)
        fin = s.submit()
        assert fin.result.percent == (100 if right else 0)
        app.store.finish_attempt(aid, fin.status, fin.result.to_dict(), fin.time_used_s)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("4")
        await pilot.pause()
        text = all_static_text(app.view("progress"), width=110)
        assert "2 finished attempt(s)" in text
        assert "Score trend" in text and "weakest services" in text
        assert "pass 720" in text and "Accuracy by domain" in text  # the chart and the bars
        assert "last 0 % (100)   best 100 % (1000)" in text


def test_text_table_draws_what_a_rich_table_draws():
    """The attempts list is one Text laid out as a ``Table(box=None, padding=(0, 2))`` would be
    (same characters and styles), without a Table's cost per cell."""
    import io

    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from awstui.tui.views.exam_history import text_table

    headers = ("when", "mode", "result")
    rows = [
        (Text("2026-12-01 10:29"), Text("Full exam"), Text("pass", style="green")),
        (Text("2026-11-30 08:00"), Text("Practice"), Text("fail", style="red")),
    ]
    table = Table(*headers, box=None, padding=(0, 2))
    for row in rows:
        table.add_row(*row)

    def drawn(renderable):
        console = Console(width=100, record=True, color_system="truecolor", file=io.StringIO())
        console.print(renderable)
        return console.export_text(styles=False, clear=False), console.export_html(inline_styles=True)

    mine, theirs = drawn(text_table(headers, rows)), drawn(table)
    assert mine[0] == theirs[0]
    assert "2026-11-30 08:00    Practice" in mine[0]
    assert mine[1].count("color: #008000") == theirs[1].count("color: #008000") >= 1
    assert mine[1].count("font-weight: bold") >= 1 and theirs[1].count("font-weight: bold") >= 1
