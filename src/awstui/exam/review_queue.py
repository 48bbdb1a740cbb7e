"""Review mode's queue: what is due now (exam questions and the learner's own cards), within the
day's limits, and what to say when nothing is. Pure, except ``review_queue`` which reads the
store duck-typed (``store.reviews``; exam never imports ``awstui.state``).

The learner's day is their local calendar day (midnight to midnight in the time zone of the
``now`` given; ``local_now(store)`` is the store's clock, which its grades and due dates are
written by, in the machine's zone). Limits: at most ``review.new_per_day`` new
cards (default 20) and ``review.reviews_per_day`` reviews (default 200) graded in review mode a
day; answers in exams never use them up. New cards are the learner's written answers not yet
reviewed (``store.reviews.own_new()``); exam questions enter the queue by being answered in an exam.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime, time, timedelta
from typing import Any

from ..records import record
from ..review_settings import DAILY_LIMITS
from .reviews import AGAIN, EASY, GOOD, HARD

GRADES = (AGAIN, HARD, GOOD, EASY)
GRADE_NAMES = {AGAIN: "Again", HARD: "Hard", GOOD: "Good", EASY: "Easy"}
NEW_PER_DAY, REVIEWS_PER_DAY = (s.key for s in DAILY_LIMITS)  # (review_settings.py)
DEFAULT_NEW, DEFAULT_REVIEWS = (int(s.default) for s in DAILY_LIMITS)


@record
class QueueItem:
    """One item of the review queue: a card due (or a new one) and when it is due."""

    kind: str  # "exam" (a bank question) | "own" (an open question with the learner's answer)
    qid: str
    new: bool  # never reviewed yet
    due: datetime | None  # None for a new card


@record
class ReviewQueue:
    """``items`` in the order to show them (due cards, most overdue first, then new ones)."""

    items: tuple[QueueItem, ...]
    due_now: int  # cards due now, before limits
    new_available: int  # new cards there are, before limits
    new_left: int  # what today's limits still allow
    reviews_left: int
    next_due: datetime | None  # the earliest card due after now (None: no cards at all)

    @property
    def empty(self) -> bool:
        return not self.items


def local_now(store: Any = None) -> datetime:
    """Now, aware, in the machine's time zone (the learner's day): by ``store.now()`` when a store
    is given, the clock its grades and due dates are written by (one "today" for the review
    queue, the Exam tab's count, Progress and ``stats``), else by the machine's."""
    clock = getattr(store, "now", None)
    return (clock() if callable(clock) else datetime.now(UTC)).astimezone()


def day_bounds(now: datetime) -> tuple[datetime, datetime]:
    """The start and end of ``now``'s local day (aware; a naive ``now`` is taken as UTC)."""
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    start = datetime.combine(now.date(), time(0), tzinfo=now.tzinfo)
    end = datetime.combine(now.date() + timedelta(days=1), time(0), tzinfo=now.tzinfo)
    return start, end


def build_queue(
    due_cards: Sequence[Any],
    new_items: Sequence[tuple[str, str]],
    *,
    done_today: tuple[int, int] = (0, 0),
    limits: Mapping[str, int] | None = None,
    next_due: datetime | None = None,
    due_now: int | None = None,
) -> ReviewQueue:
    """Pure: ``due_cards`` (``ReviewCard``-like: ``kind``, ``qid``, ``due``; most overdue first),
    ``new_items`` ``(kind, qid)`` never reviewed, ``done_today`` review-mode grades so far today
    ``(new, reviews)``, the limits (settings keys -> int), the next due time after now, and how
    many are due in all (``due_now``; default ``len(due_cards)``)."""
    limits = limits or {}
    new_left = max(0, int(limits.get(NEW_PER_DAY, DEFAULT_NEW)) - done_today[0])
    reviews_left = max(0, int(limits.get(REVIEWS_PER_DAY, DEFAULT_REVIEWS)) - done_today[1])
    items = [QueueItem(c.kind, c.qid, False, c.due) for c in due_cards[:reviews_left]]
    items += [QueueItem(kind, qid, True, None) for kind, qid in new_items[:new_left]]
    total = len(due_cards) if due_now is None else due_now
    return ReviewQueue(tuple(items), total, len(new_items), new_left, reviews_left, next_due)


def review_queue(store: Any, now: datetime | None = None, *, known: Iterable[str] | None = None) -> ReviewQueue:
    """The queue as of ``now`` (aware; default ``local_now(store)``), read from ``store.reviews``: at
    most today's review limit of due cards is read (a long backlog costs no more).
    ``known``: ids that still exist (bank and open questions), to leave out cards of questions
    the content no longer has; None keeps every card."""
    now = now or local_now(store)
    start, _ = day_bounds(now)
    reviews = store.reviews
    done = reviews.done_since(start)
    limits = reviews.limits()
    allowed = max(0, int(limits.get(REVIEWS_PER_DAY, DEFAULT_REVIEWS)) - done[1])
    keep = None if known is None else set(known)
    due = _due_known(reviews, now, allowed, keep)
    new = [("own", q) for q in reviews.own_new() if keep is None or q in keep]
    return build_queue(
        due, new, done_today=done, limits=limits, next_due=reviews.next_due(now), due_now=reviews.due_count(now)
    )


def _due_known(reviews: Any, now: datetime, allowed: int, keep: set[str] | None) -> list[Any]:
    """At most ``allowed`` due cards of questions in ``keep``: cards of questions the content no
    longer has take no place in the day's limit (read again, further, when some were left out)."""
    limit = allowed
    while True:
        cards = reviews.due(now, limit=limit)
        due = [c for c in cards if keep is None or c.qid in keep]
        if len(due) >= allowed or len(cards) < limit:
            return due[:allowed]
        limit += limit - len(due)  # as many more as were left out


def due_today(store: Any, now: datetime | None = None) -> int:
    """Cards due before the end of the learner's local day (what ``awstui stats`` reports)."""
    _, end = day_bounds(now or local_now(store))
    return int(store.reviews.due_count(end))


def format_interval(delta: timedelta) -> str:
    """As Anki shows it: "<1m", "10m", "3h", "1d", "12d", "2.1mo", "1.3y"."""
    seconds = delta.total_seconds()
    if seconds < 60:
        return "<1m"
    minutes = seconds / 60
    if minutes < 59.5:
        return f"{math.floor(minutes + 0.5)}m"
    hours = minutes / 60
    if hours < 23.5:
        return f"{math.floor(hours + 0.5)}h"
    days = hours / 24
    if days < 29.5:
        return f"{math.floor(days + 0.5)}d"
    if days < 365:
        return f"{days / 30:.1f}mo".replace(".0mo", "mo")
    return f"{days / 365:.1f}y".replace(".0y", "y")


def format_intervals(preview: Mapping[int, timedelta]) -> str:
    """``"10m · 15m · 2d · 8d"``: the interval each grade (Again, Hard, Good, Easy) would give,
    from ``store.reviews.preview(kind, qid)``."""
    return " · ".join(format_interval(preview[g]) for g in GRADES)


def nothing_due_text(queue: ReviewQueue, now: datetime | None = None) -> str:
    """What to say when the queue is empty: "nothing due — next review in 3h", "... the daily
    limit is reached" or "... no cards yet"."""
    if not queue.empty:
        return ""
    if queue.due_now and not queue.reviews_left:
        return "nothing more today — the daily review limit is reached"
    if queue.next_due is None:
        return "nothing due — no cards yet: answer exam questions or write answers to open questions"
    now = now or local_now()
    wait = format_interval(max(timedelta(0), queue.next_due - now))
    return f"nothing due — next review in {wait}"
