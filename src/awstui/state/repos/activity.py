"""Study activity per day, for the Progress calendar: counted in SQL, never row by row.

SQLite counts each kind of activity in 15-minute UTC buckets (every real time zone is a whole
number of quarter hours from UTC, DST included), and ``local_days`` bins the buckets by the
learner's local day. Only the window is read: exam answers through the attempts started in
it (the ``attempt_newest`` index, then each attempt's answers by primary key), ticks and
reviews of services from tables as long as the content (one row per question or service),
spaced reviews by the log's time index, so the cost follows the window's activity, never the
whole history.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta, tzinfo

from ..clock import format_ts
from ..db import Database

QUARTER = "substr({col}, 1, 13), CAST(substr({col}, 15, 2) AS INTEGER) / 15"
# an attempt's answers are read when it started at most this long before the window
ATTEMPT_SPAN = timedelta(days=2)

KIND_SQL = {
    "exam": (
        # CROSS JOIN keeps this order: the attempts of the window by the started_at index, then
        # their answers by primary key (a plain JOIN let SQLite scan every answer ever given)
        f"SELECT {QUARTER.format(col='aa.updated_at')}, count(*) FROM attempt a "
        "CROSS JOIN attempt_answer aa ON aa.attempt_id = a.id "
        "WHERE a.started_at >= :attempts_since AND aa.updated_at >= :since GROUP BY 1, 2"
    ),
    "questions": (
        f"SELECT {QUARTER.format(col='answered_at')}, count(*) FROM question_state "
        "WHERE answered AND answered_at >= :since GROUP BY 1, 2"
    ),
    "services": (
        f"SELECT {QUARTER.format(col='reviewed_at')}, count(*) FROM service_state "
        "WHERE reviewed AND reviewed_at >= :since GROUP BY 1, 2"
    ),
    # spaced reviews graded in the review mode (an exam answer is logged as a review too, and
    # is counted above already); by the review_log_at index
    "reviews": (
        f"SELECT {QUARTER.format(col='reviewed_at')}, count(*) FROM review_log "
        "WHERE reviewed_at >= :since AND source = 'review' GROUP BY 1, 2"
    ),
}
KINDS = tuple(KIND_SQL)


def _bucket(hour: str, quarter: int) -> datetime | None:
    try:
        return datetime.strptime(hour, "%Y-%m-%dT%H").replace(minute=15 * int(quarter), tzinfo=UTC)
    except (TypeError, ValueError):
        return None  # a timestamp that does not read is no activity


def local_days(buckets: Iterable[tuple[datetime, int]], tz: tzinfo | None = None) -> dict[date, int]:
    """Counts of UTC moments summed by the day they fall on in ``tz`` (None: the local zone)."""
    out: dict[date, int] = {}
    for moment, n in buckets:
        day = moment.astimezone(tz).date()
        out[day] = out.get(day, 0) + n
    return out


class ActivityRepo:
    def __init__(self, db: Database):
        self._db = db

    def buckets(self, since: datetime) -> dict[str, list[tuple[datetime, int]]]:
        """Per kind (``KINDS``): (15-minute UTC bucket, count) from ``since`` on."""
        args = {"since": format_ts(since), "attempts_since": format_ts(since - ATTEMPT_SPAN)}

        def fn(c: sqlite3.Connection) -> dict[str, list[tuple[datetime, int]]]:
            out: dict[str, list[tuple[datetime, int]]] = {}
            for kind, sql in KIND_SQL.items():
                rows = [(_bucket(h, q), n) for h, q, n in c.execute(sql, args)]
                out[kind] = [(b, n) for b, n in rows if b is not None]
            return out

        return self._db.read(fn)
