"""Past exam answers into the spaced-review schedule, once: what the store keeps of the work.

Two things leave answers waiting (``meta``): the upgrade to schema v5 of a database with finished
attempts, and an import of an export from before v5 into a store with no reviews, set
``seed_pending``: every finished attempt's answers replay into an empty schedule. An import of
such an export into a store that has reviews sets ``seed_attempts`` (the imported attempts' ids,
a JSON list): only their answers go in, merged the way an export's reviews merge
(exchange/reviews.py): each answer becomes a review log; a card's state follows its newest
review, so the answers after a card's last review step it on in time order and the older ones are
logs only; the touched cards' counters are then counted again from all their logs. The grades
are the exam layer's (``exam.reviews.seed_from_history`` reads the answers and calls ``seed``).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from ..clock import format_ts
from ..events import ReviewChanged
from .grades import CARD_ROW, CARD_VALUES, check_rating, new_uid

if TYPE_CHECKING:
    from ..db import Database
    from ..srs import Srs
    from .marks import Emit

Answer = tuple[str, int, datetime, str]  # (qid, rating, answered_at, source)
_LOG = (
    "INSERT INTO review_log (uid, kind, qid, rating, reviewed_at, source, first, r_before) "
    "VALUES (?, 'exam', ?, ?, ?, ?, ?, ?)"
)


def _replay(srs: Srs, answers: Iterable[Answer], cards: dict[str, Any] | None = None) -> tuple[dict, list]:
    """The answers in time order through the scheduler: {qid: [card, reps, correct, expected,
    first rating, last review ts]} and the logs. ``cards``: the store's cards of those questions
    ({qid: (card, last review ts)}); an answer no later than its card's last review is a log only."""
    have = cards or {}
    out: dict[str, list] = {}
    logs: list[tuple[str, str, int, str, str, int, float | None]] = []
    stamps: dict[datetime, tuple[datetime, str]] = {}  # (answers of one attempt share a moment)
    for qid, rating, at, source in sorted(answers, key=lambda a: a[2]):
        if at not in stamps:
            utc = at.astimezone(UTC) if at.tzinfo else at.replace(tzinfo=UTC)
            stamps[at] = (utc, format_ts(utc))
        utc, ts = stamps[at]
        prev = out.get(qid)
        if prev is None and qid in have:
            card, last = have[qid]
            prev = out[qid] = [card, 0, 0, 0.0, None, last]
        if qid in have and ts <= have[qid][1]:  # (answers of one moment in the replay all step)
            logs.append((new_uid(), qid, rating, ts, source, 0, None))  # older than the card's state
            continue
        card, before = srs.step(prev[0] if prev else None, check_rating(rating), utc)
        if prev is None:
            out[qid] = [card, 1, int(rating > 1), 0.0, rating, ts]
        else:
            prev[:] = [card, prev[1] + 1, prev[2] + int(rating > 1), prev[3] + (before or 0.0), prev[4], ts]
        logs.append((new_uid(), qid, rating, ts, source, int(prev is None), before))
    return out, logs


class Seeding:
    """The seeding part of ``ReviewRepo`` (repos/reviews.py)."""

    _db: Database
    _emit: Emit
    if TYPE_CHECKING:

        @property
        def srs(self) -> Srs: ...

    def _waiting(self) -> tuple[bool, str | None]:
        """Whether every attempt is to seed (``seed_pending``), and the list of those to seed
        (``seed_attempts``, as its text) or None."""
        return self._db.read(lambda c: (_seed_pending(c), attempts_now(c)))

    def seed_pending(self) -> bool:
        """Past exam answers are still to seed the scheduler (see the module docstring)."""
        everything, listed = self._waiting()
        return everything or listed is not None

    def seed_scope(self) -> tuple[tuple[bool, str | None], frozenset[int] | None] | None:
        """What is waiting: ``(token, None)`` for every finished attempt, ``(token, ids)`` for
        those attempts only, None for nothing. ``seed`` takes the token back: it holds what was
        read, and a seed writes nothing when it changed since."""
        everything, listed = token = self._waiting()
        if everything:
            return token, None
        return None if listed is None else (token, listed_ids(listed))

    def seed(
        self, answers: Iterable[Answer], *, notify: bool = True, token: tuple[bool, str | None] | None = None
    ) -> int:
        """Replay past exam answers ``(qid, rating, answered_at, source)`` into the scheduler, once:
        in memory, then cards and logs go in with batch inserts in one transaction that also
        clears what was waiting (``token`` from ``seed_scope``; None: ``seed_pending``). For
        ``seed_pending`` a question graded live meanwhile keeps its card and gets its past logs;
        for ``seed_attempts`` the answers merge (module docstring). Returns how many reviews were
        added (0 when already seeded, here or by another window, or when more was left waiting
        since ``token`` was read: then the next seed takes it all). ``notify=False``: no event (a
        worker thread must not call the app's subscribers; its caller tells them on its thread)."""
        everything, listed = token or (True, None)
        answers = list(answers)
        qids = sorted({a[0] for a in answers})
        srs = self.srs  # (built before the write: it reads a setting)
        replayed = _replay(srs, answers) if everything else None  # (every answer: outside the lock)

        def fn(c: sqlite3.Connection) -> int:
            if token is not None and attempts_now(c) != listed:
                return 0  # another window seeded first, or another import listed attempts since: the next seed
            if everything and c.execute("DELETE FROM meta WHERE key = 'seed_pending'").rowcount != 1:
                return 0  # another window seeded first
            c.execute("DELETE FROM meta WHERE key = 'seed_attempts'")  # (with every attempt: replayed with the rest)
            have = None if everything else _cards(c, qids)
            cards, logs = replayed or _replay(srs, answers, have)
            c.executemany(_LOG, logs)
            rows = [
                ("exam", qid, s.card, s.due, s.state, ts, reps, correct, expected, first, ts)
                for qid, (card, reps, correct, expected, first, ts) in cards.items()
                if have is None or qid not in have or ts != have[qid][1]
                for s in (srs.scheduled(card, None, ts),)
            ]
            c.executemany(f"INSERT OR {'IGNORE' if have is None else 'REPLACE'} INTO review_card ({CARD_ROW}) "
                          f"VALUES ({CARD_VALUES})", rows)  # fmt: skip
            if have is not None and logs:
                recount(c, {("exam", qid) for qid in cards})
            return len(logs)

        added = self._db.write(fn)
        if added and notify:
            self._emit(ReviewChanged("exam", ""))
        return added


def _cards(c: sqlite3.Connection, qids: list[str]) -> dict[str, tuple[Any, str]]:
    """The store's exam cards of ``qids``: {qid: (fsrs card, last review ts)}."""
    from ..srs import load_card

    out = {}
    for qid in qids:
        row = c.execute("SELECT card, last_review FROM review_card WHERE kind = 'exam' AND qid = ?", (qid,)).fetchone()
        if row is not None and row[1]:
            out[qid] = (load_card(row[0]), str(row[1]))
    return out


def listed_ids(listed: str | None) -> frozenset[int]:
    """The attempt ids of a ``seed_attempts`` value (none for none, or for a damaged value: the
    attempts cannot be told)."""
    try:
        return frozenset(int(i) for i in json.loads(listed)) if listed is not None else frozenset()
    except (TypeError, ValueError):
        return frozenset()


def _seed_pending(c: sqlite3.Connection) -> bool:
    return c.execute("SELECT 1 FROM meta WHERE key = 'seed_pending'").fetchone() is not None


def attempts_now(c: sqlite3.Connection) -> str | None:
    """The list of attempts waiting (``seed_attempts``) as it is in the store, None for none."""
    row = c.execute("SELECT value FROM meta WHERE key = 'seed_attempts'").fetchone()
    return None if row is None else str(row[0])


def recount(c: sqlite3.Connection, touched: set[tuple[str, str]]) -> None:
    """The touched cards' counters from their logs (the merged union), in one read of the log."""
    logs: dict[tuple[str, str], list[tuple[int, float | None]]] = {}
    for kind, qid, rating, r_before in c.execute(
        "SELECT kind, qid, rating, r_before FROM review_log ORDER BY reviewed_at, id"
    ):
        if (kind, qid) in touched:
            logs.setdefault((kind, qid), []).append((rating, r_before))
    c.executemany(
        "UPDATE review_card SET reps = ?, correct = ?, expected = ?, first_rating = ? WHERE kind = ? AND qid = ?",
        [
            (len(rows), sum(r > 1 for r, _ in rows), sum(b or 0.0 for _, b in rows[1:]), rows[0][0], kind, qid)
            for (kind, qid), rows in logs.items()
        ],
    )
