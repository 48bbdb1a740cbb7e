"""The charts Progress draws: pure functions of the data, the width and today."""

from __future__ import annotations

from datetime import date, timedelta

from rich.text import Text

from awstui.tui.charts import (
    LEVEL_STYLES,
    PASS_RULE,
    POINT,
    accuracy_bars,
    activity_calendar,
    calendar_weeks,
    level,
    score_chart,
    score_range,
)

from .test_header_spacing import parts_starting_with_spaces


def _lines(text: Text) -> list[str]:
    return text.plain.split("\n")


def test_score_chart_draws_a_point_per_score_and_the_pass_line():
    chart = score_chart([650, 800, 900], width=40, height=8)
    lines = _lines(chart)
    assert all(len(line) <= 40 for line in lines)
    pass_row = next(line for line in lines if line.startswith(" 720 ┤"))
    assert PASS_RULE * 3 in pass_row
    assert chart.plain.count(POINT) == 3
    points = sorted((col, row) for row, line in enumerate(lines) for col, ch in enumerate(line) if ch == POINT)
    rows = [row for _, row in points]  # oldest to newest
    assert rows == sorted(rows, reverse=True) and len(set(rows)) == 3  # higher scores higher up
    styles = {chart.plain[s.start : s.end]: str(s.style) for s in chart.spans if chart.plain[s.start : s.end] == POINT}
    assert styles  # the points are styled (green above the pass line, red below)
    assert "3 attempts" in chart.plain and "pass 720" in chart.plain
    assert parts_starting_with_spaces(chart) == []


def test_score_chart_keeps_the_newest_that_fit_and_zooms_on_the_scores():
    chart = score_chart(list(range(600, 900, 2)), width=30)
    assert chart.plain.count(POINT) == 24 and "24 newest" in chart.plain
    assert score_range([700, 760]) == (650, 800)
    assert score_range([100, 1000]) == (100, 1000)
    assert score_range([]) == (650, 750)  # the pass mark alone still has an axis


def test_accuracy_bars_fit_the_width_and_mark_the_pass_tick():
    rows = [("1. Development with AWS Services", 9, 10), ("2. Security", 1, 4), ("3. Deployment", 0, 0)]
    for width in (40, 80, 120):
        bars = accuracy_bars(rows, width)
        lines = _lines(bars)
        assert len(lines) == 3 and all(len(line) <= width for line in lines), (width, lines)
        assert "90 % 9/10" in lines[0] and "25 % 1/4" in lines[1] and "0 % 0/0" in lines[2]
        assert "┊" in lines[1] and "┊" not in lines[0]  # the pass tick where the bar falls short
        assert parts_starting_with_spaces(bars) == []
    assert "…" in accuracy_bars(rows, 40).plain  # a long label is cut, and says so
    assert accuracy_bars([], 80).plain == ""


def test_bars_show_labels_as_text_not_markup():
    bars = accuracy_bars([("[bold]x[/bold] \x1b[31m", 1, 2)], 80)
    assert "[bold]x[/bold]" in bars.plain and "\x1b" not in bars.plain


def test_calendar_bins_a_cell_a_day_with_todays_week_on_the_right():
    today = date(2026, 12, 3)  # a Thursday
    counts = {today: 8, today - timedelta(days=1): 2, date(2026, 6, 10): 5, date(2025, 1, 1): 99}
    cal = activity_calendar(counts, today, width=80)
    lines = _lines(cal)
    assert len(lines) == 9  # months, seven days, the legend
    assert lines[1].startswith("Mon") and lines[3].startswith("Wed")
    thursday = lines[1 + today.weekday()]
    assert len(thursday.rstrip()) == 4 + 2 * 26 - 1  # today is the last cell of its row
    friday = lines[1 + 4]
    assert len(friday.rstrip()) == 4 + 2 * 25 - 1  # tomorrow has no cell yet
    assert "3 active days, 15 actions in 26 weeks" in lines[-1]  # a day before the window is not counted
    today_cell = 4 + 2 * 25
    offset = sum(len(line) + 1 for line in lines[: 1 + today.weekday()]) + today_cell
    styles = [str(s.style) for s in cal.spans if s.start == offset]
    assert styles == [LEVEL_STYLES[4]]  # the busiest day is the darkest
    assert parts_starting_with_spaces(cal) == []


def test_calendar_narrows_to_the_weeks_that_fit():
    assert calendar_weeks(200) == 26 and calendar_weeks(56) == 26 and calendar_weeks(30) == 13
    cal = activity_calendar({}, date(2026, 12, 3), width=30)
    assert all(len(line) <= 30 for line in _lines(cal)[:-1])
    assert "in 13 weeks" in cal.plain


def test_levels_follow_the_busiest_day():
    assert [level(n, 8) for n in (0, 1, 2, 3, 4, 6, 8)] == [0, 1, 1, 2, 2, 3, 4]
    assert level(5, 0) == 0


def test_the_plan_fits_its_width_and_says_the_pace():
    from awstui.exam.draw import AreaAccuracy
    from awstui.tui.widgets.progress_plan import PlanData, plan_text

    today = date(2026, 12, 3)
    data = PlanData(
        today=today,
        exam_date=today + timedelta(days=10),
        reviews_due=4,
        weakest_task=("2.3", AreaAccuracy(2, 9)),
        drill_size=10,
        unreviewed=("Amazon EC2", "AWS Lambda", "Amazon S3", "Amazon [b]SQS[/b]"),
        services=55,
        unseen=95,
        bank=469,
    )
    for width in (74, 116):
        plan = plan_text(data, width)
        assert all(len(line) <= width for line in plan.plain.split("\n")), plan.plain
        assert "10 days left" in plan.plain and "10 a day" in plan.plain  # 95 over 10 days, rounded up
        assert "4 cards to review today" in plan.plain and "22 % of 9" in plan.plain and "d drills 10" in plan.plain
        assert parts_starting_with_spaces(plan) == []
    assert "to see them all before the exam" in plan_text(data, 116).plain
    assert "Amazon [b]SQS[/b]" not in plan_text(data, 200).plain  # only the first three are named
    bare = plan_text(PlanData(today=today, unseen=3, bank=3), 100).plain
    assert "No exam date set" in bare and "Reviews due" not in bare and "a date gives a pace" in bare
