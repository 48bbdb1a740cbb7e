"""The exam and results headers keep their gaps (issue 10, cosmetic): each gap ends the part
before it, so no drawn part starts with spaces (SVG screenshots draw such a part without them:
"Score 1/65 (2 %)scaled 113of 1000", "FAILtime used")."""

from __future__ import annotations

import io
import re

from rich.console import Console

from awstui.exam import Result, custom_config
from awstui.exam.status import ExamStatus
from awstui.tui.views.exam.text import results_header

from .conftest import SIZE


def parts_starting_with_spaces(renderable, width: int = 200) -> list[str]:
    """Every drawn segment that starts with a space after another segment of its line, unless
    it is only spaces (a gap on its own is harmless: the next part has its own position)."""
    console = Console(width=width, file=io.StringIO(), color_system="truecolor")
    bad = []
    for line in console.render_lines(renderable, pad=False):
        for seg in line[1:]:
            if seg.text[:1] == " " and seg.text.strip() and not seg.control:
                bad.append(seg.text)
    return bad


def plain(renderable, width: int = 200) -> str:
    console = Console(width=width, file=io.StringIO(), record=True, color_system=None)
    console.print(renderable)
    return console.export_text()


def test_the_results_header_reads_with_its_gaps_and_no_part_starts_with_one():
    for passed, status in ((True, ExamStatus.SUBMITTED), (False, ExamStatus.EXPIRED)):
        head = results_header(Result(1, 65, 1.5, 113, passed, time_used_s=1500), status)
        verdict = "PASS" if passed else "FAIL"
        assert f"Score 1/65 (2 %)   scaled 113 of 1000 (estimate)   {verdict}   time used 25m 00s" in plain(head)
        assert parts_starting_with_spaces(head) == []
    assert "time used 25m 00s   time ran out" in plain(head)


async def test_the_exam_menu_status_and_score_trend_keep_their_gaps(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await pilot.pause()
        menu = app.screen.query_one("#exam-menu").content
        assert "Mock exams  DVA-C02: 65 questions" in plain(menu)
        assert parts_starting_with_spaces(menu) == []
        exam = app.view("exam")
        exam._start(custom_config(3, 10, seed=1))
        await pilot.pause()
        await pilot.press("a", "f")
        await pilot.pause()
        status = app.screen.query_one("#exam-status").content
        assert "Question 1 of 3   1 answered · 2 unanswered · 1 flagged   ⚑ flagged" in plain(status)
        assert parts_starting_with_spaces(status) == []
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        from awstui.tui.views.exam_history import exam_history

        trend = exam_history(app.library, app.store).head
        assert re.search(r"Score trend  last \d+ % \(\d+\)   best", plain(trend)), plain(trend)
        assert parts_starting_with_spaces(trend) == []
