"""Study activity per day, for the Progress calendar: counted in SQL, never row by row.

SQLite counts each kind of activity in 15-minute UTC buckets (every real time zone is a whole
number of quarter hours from UTC, DST included), and ``local_days`` bins the buckets by the
learner's local day. Exam answers of finished attempts are counted once and kept (see
``ActivityRepo``); ticks and reviews of services come from tables as long as the content (one
row per question or service), spaced reviews by the log's time index.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any

from ..clock import format_ts
from ..db import Database
from .derived import DerivedRepo

QUARTER = "substr({col}, 1, 13), CAST(substr({col}, 15, 2) AS INTEGER) / 15"
# an attempt's answers are read when it started at most this long before the window
ATTEMPT_SPAN = timedelta(days=2)
FINAL = "('submitted', 'expired', 'abandoned')"  # an attempt whose answers no longer change

# exam answers: CROSS JOIN keeps this order: the attempts (by an index), then their answers by
# primary key (a plain JOIN let SQLite scan every answer ever given)
EXAM_SQL = (
    f"SELECT {QUARTER.format(col='aa.updated_at')}, count(*) FROM attempt a "
    "CROSS JOIN attempt_answer aa ON aa.attempt_id = a.id "
    "WHERE a.started_at >= :attempts_since AND aa.updated_at >= :since AND {which} GROUP BY 1, 2"
)
FINAL_AFTER = f"a.id > :after AND a.status IN {FINAL}"  # folded into the cache once
IN_PROGRESS = "a.status = 'in_progress'"  # read each time: its answers still change

KIND_SQL = {
    "questions": (
        f"SELECT {QUARTER.format(col='answered_at')}, count(*) FROM question_state "
        "WHERE answered AND answered_at >= :since GROUP BY 1, 2"
    ),
    "services": (
        f"SELECT {QUARTER.format(col='reviewed_at')}, count(*) FROM service_state "
        "WHERE reviewed AND reviewed_at >= :since GROUP BY 1, 2"
    ),
    # spaced reviews graded in the review mode (an exam answer is logged as a review too, and
    # is counted with the answers already); by the review_log_at index
    "reviews": (
        f"SELECT {QUARTER.format(col='reviewed_at')}, count(*) FROM review_log "
        "WHERE reviewed_at >= :since AND source = 'review' GROUP BY 1, 2"
    ),
}
KINDS = ("exam", *KIND_SQL)
CACHE_KEY = "activity.final_answers"
CACHE_VERSION = 1


def _bucket(hour: str, quarter: int) -> datetime | None:
    try:
        if len(hour) != 13 or hour[10] != "T":
            return None
        return datetime.fromisoformat(hour + ":00").replace(minute=15 * int(quarter), tzinfo=UTC)
    except (TypeError, ValueError):
        return None  # a timestamp that does not read is no activity


def local_days(buckets: Iterable[tuple[datetime, int]], tz: tzinfo | None = None) -> dict[date, int]:
    """Counts of UTC moments summed by the day they fall on in ``tz`` (None: the local zone)."""
    out: dict[date, int] = {}
    for moment, n in buckets:
        day = moment.astimezone(tz).date()
        out[day] = out.get(day, 0) + n
    return out


def _fresh(c: sqlite3.Connection, cache: Any) -> bool:
    """Whether the cached counts still cover exactly the final attempts up to their max id."""
    if not (isinstance(cache, dict) and cache.get("version") == CACHE_VERSION and isinstance(cache.get("exam"), list)):
        return False
    sql = f"SELECT count(*) FROM attempt WHERE id <= ? AND status IN {FINAL}"
    return bool(c.execute(sql, (cache.get("max_id", 0),)).fetchone()[0] == cache.get("count"))


def _folded(old: list, rows: list, since_hour: str) -> list:
    tally: dict[tuple[str, int], int] = {}
    for hour, quarter, n in [*old, *rows]:
        if isinstance(hour, str) and hour >= since_hour:
            tally[(hour, int(quarter))] = tally.get((hour, int(quarter)), 0) + int(n)
    return [[h, q, n] for (h, q), n in sorted(tally.items())]


class ActivityRepo:
    """The calendar's counts. Answers of finished (or abandoned) attempts never change, so their
    counts are kept in the ``derived`` cache and only the attempts finished since are read (the
    cost stays flat as history grows, as the exam history's totals); the attempt in progress,
    ticks and reviews are counted each time."""

    def __init__(self, db: Database, derived: DerivedRepo):
        self._db, self._derived = db, derived

    def buckets(self, since: datetime) -> dict[str, list[tuple[datetime, int]]]:
        """Per kind (``KINDS``): (15-minute UTC bucket, count) from ``since`` on."""
        args: dict[str, Any] = {"since": format_ts(since), "attempts_since": format_ts(since - ATTEMPT_SPAN)}
        cache = self._derived.get(CACHE_KEY)

        def fn(c: sqlite3.Connection) -> tuple[dict[str, list[tuple[datetime, int]]], dict | None]:
            acc: dict[str, Any] = (
                cache if _fresh(c, cache) else {"version": CACHE_VERSION, "max_id": 0, "count": 0, "exam": []}
            )
            keep = None if acc is cache else acc
            sql = f"SELECT max(id), count(*) FROM attempt WHERE id > ? AND status IN {FINAL}"
            top, n = c.execute(sql, (acc["max_id"],)).fetchone()
            if n:
                rows = c.execute(EXAM_SQL.format(which=FINAL_AFTER), {**args, "after": acc["max_id"]}).fetchall()
                exam = _folded(acc["exam"], [list(r) for r in rows], args["since"][:13])
                acc = keep = {"version": CACHE_VERSION, "max_id": top, "count": acc["count"] + n, "exam": exam}
            live = c.execute(EXAM_SQL.format(which=IN_PROGRESS), args).fetchall()
            out = {"exam": _read([*(r for r in acc["exam"] if r[0] >= args["since"][:13]), *live])}
            for kind, kind_sql in KIND_SQL.items():
                out[kind] = _read(c.execute(kind_sql, args))
            return out, keep

        out, keep = self._db.read(fn)
        if keep is not None:
            self._derived.keep(CACHE_KEY, keep)  # best effort: a cache
        return out


def _read(rows: Iterable[Any]) -> list[tuple[datetime, int]]:
    out = []
    for hour, quarter, n in rows:
        bucket = _bucket(hour, quarter)
        if bucket is not None:
            out.append((bucket, int(n)))
    return out
