"""The plan to the exam date: the date's checks, days left, the pace to see the bank."""

from __future__ import annotations

from datetime import date

import pytest

from awstui.exam.plan import ExamDateError, days_left, pace, parse_exam_date, stored_exam_date

TODAY = date(2026, 12, 3)


def test_a_future_real_date_reads():
    assert parse_exam_date(" 2027-03-15 ", TODAY) == date(2027, 3, 15)
    assert parse_exam_date("2026-12-04", TODAY) == date(2026, 12, 4)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("15/03/2027", "YYYY-MM-DD"),
        ("2027-3", "YYYY-MM-DD"),
        ("", "YYYY-MM-DD"),
        ("２０２７-03-15", "YYYY-MM-DD"),  # full-width digits are not a date
        ("2027-02-30", "not a real date"),
        ("2027-13-01", "not a real date"),
        ("2026-12-03", "after today (2026-12-03)"),
        ("2025-01-01", "after today"),
        ("2099-01-01", "check the year"),
    ],
)
def test_a_bad_date_says_why(text, says):
    with pytest.raises(ExamDateError, match=None) as err:
        parse_exam_date(text, TODAY)
    assert says in str(err.value)


def test_stored_date_reads_or_is_none():
    assert stored_exam_date("2027-03-15") == date(2027, 3, 15)
    assert stored_exam_date("nonsense") is None
    assert stored_exam_date(None) is None
    assert stored_exam_date(20270315) is None


def test_days_left_and_pace():
    assert days_left(date(2026, 12, 13), TODAY) == 10
    assert days_left(TODAY, TODAY) == 0
    assert pace(95, 10) == 10  # rounded up: 9.5 a day would leave some unseen
    assert pace(100, 10) == 10
    assert pace(0, 10) == 0
    assert pace(7, 0) == 7  # the day itself: all that is left
    assert pace(7, -3) == 7
