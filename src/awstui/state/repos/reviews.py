"""Spaced repetition: FSRS cards and their review logs (schema v5; ``state/srs.py`` schedules).

An item is ``(kind, qid)``: kind "exam" (a bank question, graded by the exam layer from an answer)
or "own" (an open question the learner answered in writing, self-graded). A grade reads the
card, schedules it and writes card and log in one transaction. Reached as ``store.reviews``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from ...records import record
from ...review_settings import DAILY_LIMITS
from ...review_settings import RETENTION as RETENTION_SETTING
from ..clock import format_ts, parse_ts
from ..db import Database
from ..events import ReviewChanged
from ..validate import check_id
from .grades import CARD_ROW, CARD_VALUES, check_grade, check_kind, check_rating, new_uid
from .marks import Emit
from .seeding import Seeding
from .settings import SettingsRepo

if TYPE_CHECKING:
    from ..srs import Srs

SOURCES = ("review", "full", "custom", "practice", "weak", "history", "import")
NEW_PER_DAY, REVIEWS_PER_DAY = (s.key for s in DAILY_LIMITS)  # settings keys (review_settings.py)
RETENTION = RETENTION_SETTING.key
# a card to review: an exam question, or an own card whose question still has a written answer
_WRITTEN = "TRIM(q.answer, char(32, 9, 10, 13)) != ''"  # an answer with more than white space in it
_LIVE = f"(kind = 'exam' OR EXISTS (SELECT 1 FROM question_state q WHERE q.qid = review_card.qid AND {_WRITTEN}))"
_STATES = {0: "new", 1: "learning", 2: "review", 3: "relearning"}


@record
class ReviewCard:
    """A card as a queue or a UI reads it."""

    kind: str
    qid: str
    due: datetime
    state: str  # "learning" | "review" | "relearning"
    last_review: datetime | None
    reps: int  # reviews so far
    correct: int  # of which graded Hard, Good or Easy


@record
class Graded:
    """One grade as saved: ``log_id`` for ``undo``; ``due`` the card's next review."""

    log_id: int
    kind: str
    qid: str
    rating: int
    reviewed_at: datetime
    due: datetime


@record
class CardStat:
    """What readiness reads of one exam question's card."""

    retrievability: float  # now
    reps: int
    correct: int
    expected: float  # sum of the predicted retrievability before each review but the first
    first_correct: bool  # the first answer was right


def _card_of(row: Sequence) -> ReviewCard:
    return ReviewCard(
        row[0], row[1], parse_ts(row[3]), _STATES.get(row[4], "review"),
        parse_ts(row[5]) if row[5] else None, row[6], row[7],
    )  # fmt: skip


class ReviewRepo(Seeding):
    def __init__(self, db: Database, emit: Emit, setting: Callable[[str, Any], Any] | None = None):
        self._db = db
        self._emit = emit
        # the settings as the store shows them (with the ones a full disk keeps in memory)
        self._setting = setting or SettingsRepo(db, emit).get
        self._srs: Srs | None = None  # built on first use: the app's start never schedules
        # this store's own review-mode grades, newest last: (log id, the card row before it); undo
        # lasts as long as the store is open (as Anki's), so the log keeps no copy of old cards
        self._undo: list[tuple[int, tuple | None]] = []

    @property
    def srs(self) -> Srs:
        if self._srs is None:
            from ..srs import Srs  # (on first use: importing fsrs is no part of the app's start)

            self._srs = Srs(self.desired_retention())
        return self._srs

    # ------------------------------------------------------------------ grading

    def grade_in(
        self, c: sqlite3.Connection, kind: str, qid: str, rating: int, source: str, at: datetime,
        duration_ms: int | None = None,
    ) -> tuple[int, tuple | None]:  # fmt: skip
        """Grade one item inside the caller's transaction; returns the log id and the card row as
        it was (None: the card was new)."""
        row = c.execute(f"SELECT {CARD_ROW} FROM review_card WHERE kind = ? AND qid = ?", (kind, qid)).fetchone()
        card = self.srs.load(row[2]) if row else None
        _, s = self.srs.review(card, rating, at)
        ok = int(rating > 1)
        reps, correct, expected, first = (row[6], row[7], row[8], row[9]) if row else (0, 0, 0.0, rating)
        expected += s.r_before or 0.0
        cur = c.execute(
            "INSERT INTO review_log (uid, kind, qid, rating, reviewed_at, duration_ms, source, first, r_before)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (new_uid(), kind, qid, rating, s.last_review, duration_ms, source, int(row is None), s.r_before),
        )
        c.execute(
            f"INSERT OR REPLACE INTO review_card ({CARD_ROW}) VALUES ({CARD_VALUES})",
            (kind, qid, s.card, s.due, s.state, s.last_review, reps + 1, correct + ok, expected, first, s.last_review),
        )
        return int(cur.lastrowid or 0), None if row is None else tuple(row)

    def grader(
        self, grades: Iterable[tuple[str, int]], *, attempt_id: int
    ) -> Callable[[sqlite3.Connection], None] | None:
        """``also`` for an attempt write: grade exam questions ``(qid, rating)`` in its transaction
        (the log's source is the attempt's mode)."""
        checked = [(check_id(q, "question id"), check_rating(r)) for q, r in grades]
        if not checked:
            return None
        at = self._db.now()
        _ = self.srs  # built now, not inside the attempt's transaction (it reads a setting)

        def also(c: sqlite3.Connection) -> None:
            mode = c.execute("SELECT mode FROM attempt WHERE id = ?", (attempt_id,)).fetchone()[0]
            source = mode if mode in SOURCES else "custom"
            for qid, rating in checked:
                self.grade_in(c, "exam", qid, rating, source, at)

        return also

    def notify_graded(self, grades: Iterable[tuple[str, int]]) -> None:
        """One event for the grades of one write (an exam's finish grades up to 65 questions:
        ``qid == ""`` means many, as after the seeding), so subscribers redraw once."""
        qids = {q for q, _ in grades}
        if qids:
            self._emit(ReviewChanged("exam", qids.pop() if len(qids) == 1 else ""))

    def grade(
        self, kind: str, qid: str, rating: int, *, duration_ms: int | None = None, at: datetime | None = None
    ) -> Graded:
        """The learner graded an item in review mode (own cards: Again/Hard/Good/Easy as they
        choose; exam questions: as ``exam.reviews.rating_for`` says) now, or ``at`` (a grade kept
        on a full disk, saved later). ``undo_last`` can take it back."""
        kind, rating = check_grade(kind, qid, rating, duration_ms)
        at = at or self._db.now()
        _ = self.srs  # built before the transaction (it reads a setting)

        def fn(c: sqlite3.Connection) -> tuple[int, tuple | None, str]:
            log_id, before = self.grade_in(c, kind, qid, rating, "review", at, duration_ms)
            due = c.execute("SELECT due FROM review_card WHERE kind = ? AND qid = ?", (kind, qid)).fetchone()[0]
            return log_id, before, due

        log_id, before, due = self._db.write(fn)
        self._undo.append((log_id, before))
        self._emit(ReviewChanged(kind, qid))
        return Graded(log_id, kind, qid, rating, parse_ts(format_ts(at)), parse_ts(due))

    def undo_last(self) -> Graded | None:
        """Take back this store's newest review-mode grade still standing: the card is as it was
        before (a card that was new is gone) and the log is removed. None when there is nothing to
        undo (or the item was reviewed again since, elsewhere: then nothing changes)."""
        while self._undo:
            entry = self._undo.pop()
            try:
                undone = self._undo_one(*entry)
            except BaseException:
                self._undo.append(entry)  # (a full disk: u can take it back once there is room)
                raise
            if undone is not None:
                self._emit(ReviewChanged(undone.kind, undone.qid))
                return undone
        return None

    def _undo_one(self, log_id: int, before: tuple | None) -> Graded | None:
        def fn(c: sqlite3.Connection) -> Graded | None:
            row = c.execute("SELECT kind, qid, rating, reviewed_at FROM review_log WHERE id = ?", (log_id,)).fetchone()
            if row is None:
                return None
            newest = c.execute(
                "SELECT MAX(id) FROM review_log WHERE kind = ? AND qid = ?", (row[0], row[1])
            ).fetchone()[0]
            if newest != log_id:
                return None
            due = c.execute("SELECT due FROM review_card WHERE kind = ? AND qid = ?", (row[0], row[1])).fetchone()
            c.execute("DELETE FROM review_log WHERE id = ?", (log_id,))
            c.execute("DELETE FROM review_card WHERE kind = ? AND qid = ?", (row[0], row[1]))
            if before is not None:
                c.execute(f"INSERT INTO review_card ({CARD_ROW}) VALUES ({CARD_VALUES})", before)
            return Graded(
                log_id, row[0], row[1], row[2], parse_ts(row[3]), parse_ts(due[0]) if due else parse_ts(row[3])
            )

        return self._db.write(fn)

    # ------------------------------------------------------------------ reading

    def card(self, kind: str, qid: str) -> ReviewCard | None:
        row = self._db.read(
            lambda c: c.execute(
                f"SELECT {CARD_ROW} FROM review_card WHERE kind = ? AND qid = ?", (kind, qid)
            ).fetchone()
        )
        return None if row is None else _card_of(row)

    def due(self, before: datetime, *, limit: int | None = None, kind: str | None = None) -> list[ReviewCard]:
        """Cards due before ``before``, most overdue first (at most ``limit``). An own card whose
        written answer was emptied since is left out (until the learner writes one again)."""
        sql = f"SELECT {CARD_ROW} FROM review_card WHERE due < ? AND {_LIVE}"
        args: list = [format_ts(before)]
        if kind is not None:
            sql += " AND kind = ?"
            args.append(check_kind(kind))
        sql += " ORDER BY due, kind, qid"
        if limit is not None:
            sql += " LIMIT ?"
            args.append(max(0, int(limit)))
        return [_card_of(r) for r in self._db.read(lambda c: c.execute(sql, args).fetchall())]

    def due_count(self, before: datetime) -> int:
        """How many cards are due before ``before`` (one range of the ``due`` index; as ``due``)."""
        ts = format_ts(before)
        sql = f"SELECT COUNT(*) FROM review_card WHERE due < ? AND {_LIVE}"
        return int(self._db.read(lambda c: c.execute(sql, (ts,)).fetchone()[0]))

    def next_due(self, after: datetime | None = None) -> datetime | None:
        """The earliest due time of any card (at or after ``after`` if given), or None: no cards."""
        sql, args = f"SELECT MIN(due) FROM review_card WHERE {_LIVE}", []
        if after is not None:
            sql, args = sql + " AND due >= ?", [format_ts(after)]
        value = self._db.read(lambda c: c.execute(sql, args).fetchone()[0])
        return None if value is None else parse_ts(value)

    def done_since(self, since: datetime) -> tuple[int, int]:
        """Review-mode grades since ``since`` (the start of the learner's day): ``(new, reviews)``
        — items seen for the first time, and the rest. What the daily limits count."""
        row = self._db.read(
            lambda c: c.execute(
                "SELECT COALESCE(SUM(first), 0), COALESCE(SUM(1 - first), 0) FROM review_log "
                "WHERE reviewed_at >= ? AND source = 'review'",
                (format_ts(since),),
            ).fetchone()
        )
        return int(row[0]), int(row[1])

    def desired_retention(self) -> float:
        """Setting ``review.desired_retention`` (the config file's ``[review]``): its default
        unless set to a value it allows (review_settings.py). Read when the scheduler is first
        built (each start), as the limits are: through the settings the store shows (with
        those a full disk keeps)."""
        value = self._setting(RETENTION, RETENTION_SETTING.default)
        return float(value) if RETENTION_SETTING.allows(value) else float(RETENTION_SETTING.default)

    def limits(self) -> dict[str, int]:
        """The daily limits (settings ``review.new_per_day``, ``review.reviews_per_day``): each
        as set, at most 9999 (a larger one, imported before that was checked, meant "no limit"),
        or its default when it is not a whole number from 0."""
        out = {}
        for setting in DAILY_LIMITS:
            value = self._setting(setting.key, setting.default)
            out[setting.key] = int(min(value, setting.high)) if setting.allows_above(value) else int(setting.default)
        return out

    def preview(self, kind: str, qid: str, at: datetime | None = None) -> dict[int, timedelta]:
        """What each grade (1..4) would schedule: grade -> time until the card is due."""
        row = self._db.read(
            lambda c: c.execute("SELECT card FROM review_card WHERE kind = ? AND qid = ?", (kind, qid)).fetchone()
        )
        return self.srs.preview(self.srs.load(row[0]) if row else None, at or self._db.now())

    def own_new(self) -> list[str]:
        """Open questions with a written answer and no card yet (the learner's new flashcards),
        in the order they were answered."""
        rows = self._db.read(
            lambda c: c.execute(
                f"SELECT qid FROM question_state q WHERE {_WRITTEN} AND NOT EXISTS "
                "(SELECT 1 FROM review_card r WHERE r.kind = 'own' AND r.qid = q.qid) "
                "ORDER BY answer_updated_at, qid"
            ).fetchall()
        )
        return [r[0] for r in rows]

    def basis(self) -> list[Any]:
        """What changes whenever any card or log does (for caches of what is derived from them)."""
        row = self._db.read(
            lambda c: c.execute(
                "SELECT (SELECT COUNT(*) FROM review_log), (SELECT MAX(id) FROM review_log), "
                "(SELECT MAX(updated_at) FROM review_card), (SELECT COUNT(*) FROM review_card)"
            ).fetchone()
        )
        return list(row)

    def exam_stats(self, at: datetime | None = None) -> dict[str, CardStat]:
        """Every exam question's card as readiness reads it: one scan of the cards (no log), the
        days since each last review counted by SQLite."""
        at = at or self._db.now()
        curve = self.srs.curve()
        rows = self._db.read(
            lambda c: c.execute(
                "SELECT qid, json_extract(card, '$.stability'), "
                "MAX(0, CAST(julianday(?) - julianday(last_review) AS INTEGER)), reps, correct, expected, "
                "first_rating FROM review_card WHERE kind = 'exam'",
                (format_ts(at),),
            ).fetchall()
        )
        return {
            qid: CardStat(curve(days, st), reps, correct, expected, (first or 0) > 1)
            for qid, st, days, reps, correct, expected, first in rows
        }
