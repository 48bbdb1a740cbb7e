"""A plan to the exam date: the date the learner sets, the days left, the pace to see the bank.

Pure: "today" is always passed in (the learner's local date), so tests fix it.
"""

from __future__ import annotations

import math
from datetime import date

EXAM_DATE_KEY = "exam.date"  # the setting: an ISO date ("2027-03-15"), or absent
MAX_YEARS_AHEAD = 3  # a date further away is a typo of the year


class ExamDateError(ValueError):
    """An exam date that cannot be used; the message says why and what to write."""


def parse_exam_date(text: str, today: date) -> date:
    """The exam date written as ``YYYY-MM-DD``: a real date after ``today`` and not more than
    ``MAX_YEARS_AHEAD`` years away. Raises ``ExamDateError`` with a message for the learner."""
    raw = text.strip()
    parts = raw.split("-")
    if len(parts) != 3 or not all(p.isdigit() and p.isascii() for p in parts) or len(parts[0]) != 4:
        raise ExamDateError("Write the date as YYYY-MM-DD, for example 2027-03-15.")
    year, month, day = (int(p) for p in parts)
    try:
        when = date(year, month, day)
    except ValueError:
        raise ExamDateError(f"{raw} is not a real date (check the month and the day).") from None
    if when <= today:
        raise ExamDateError(f"The exam date must be after today ({today.isoformat()}).")
    if when.year > today.year + MAX_YEARS_AHEAD:
        raise ExamDateError(f"{raw} is more than {MAX_YEARS_AHEAD} years away: check the year.")
    return when


def stored_exam_date(value: object) -> date | None:
    """The exam date kept in the setting, or None when there is none or it does not read."""
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def days_left(exam: date, today: date) -> int:
    """Whole days from ``today`` to the exam: 0 on the day, negative once it is past."""
    return (exam - today).days


def pace(unseen: int, days: int) -> int:
    """Questions a day to have seen the whole bank before the exam: ``unseen`` over the days
    left (rounded up); all of them when no day is left."""
    if unseen <= 0:
        return 0
    return unseen if days <= 0 else math.ceil(unseen / days)
