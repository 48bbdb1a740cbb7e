"""The scheduler: py-fsrs (the reference FSRS implementation) with awstui's settings, and the
few values read off a card. It lives in the state layer because a grade is one transaction
(read the card, schedule it, write card and log), so two awstui windows grading at once never
lose a review; what an exam answer is worth (the grade) is the exam layer's call
(``awstui.exam.reviews``).

Settings: desired retention 0.9; one learning step and one relearning step of 10 minutes (a
missed card comes back the same day; a new card answered Good goes straight to days, as an exam
question the learner got right should); no fuzzing, so that replaying the same reviews always
gives the same cards (seeding from history, merging an export).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from fsrs import Card, Rating, Scheduler

from ..records import record
from ..review_settings import RETENTION
from .clock import format_ts

AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4
RATINGS = (AGAIN, HARD, GOOD, EASY)
STEP = timedelta(minutes=10)
DESIRED_RETENTION = float(RETENTION.default)  # (review_settings.py)


def make_scheduler(desired_retention: float = DESIRED_RETENTION) -> Scheduler:
    return Scheduler(
        desired_retention=desired_retention, learning_steps=(STEP,), relearning_steps=(STEP,), enable_fuzzing=False
    )


@record
class Scheduled:
    """A card after one review: what the ``review_card`` row holds."""

    card: str  # fsrs Card.to_dict() as JSON
    due: str  # the store's timestamp format
    state: int
    last_review: str
    r_before: float | None  # retrievability just before this review (None: a new card)


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def load_card(text: str | None) -> Card | None:
    if not text:
        return None
    data = json.loads(text)
    return Card.from_dict(data)


def _new_card(at: datetime) -> Card:
    return Card(card_id=1, due=at)  # (card_id is fsrs's own; the row's key is kind + qid)


class Srs:
    """One scheduler, reused (building one validates 21 parameters)."""

    def __init__(self, desired_retention: float = DESIRED_RETENTION) -> None:
        self.scheduler = make_scheduler(desired_retention)

    @staticmethod
    def load(text: str | None) -> Card | None:
        return load_card(text)

    @staticmethod
    def scheduled(card: Card, r_before: float | None, reviewed_at: str) -> Scheduled:
        return scheduled(card, r_before, reviewed_at)

    def curve(self) -> Callable[[int | None, float | None], float]:
        return forgetting_curve(decay_of(self.scheduler))

    def review(self, card: Card | None, rating: int, at: datetime) -> tuple[Card, Scheduled]:
        at = _utc(at)
        new, before = self.step(card, rating, at)
        return new, scheduled(new, before, format_ts(at))

    def step(self, card: Card | None, rating: int, at: datetime) -> tuple[Card, float | None]:
        """One review, nothing serialised (a replay of many): the new card and the retrievability
        before it. ``at`` must be UTC."""
        before = None if card is None else self.retrievability(card, at)
        new, _log = self.scheduler.review_card(card or _new_card(at), Rating(rating), at)
        return new, before

    def retrievability(self, card: Card, at: datetime) -> float:
        return float(self.scheduler.get_card_retrievability(card, _utc(at)))

    def preview(self, card: Card | None, at: datetime) -> dict[int, timedelta]:
        """The interval each grade would give (grade -> time until due)."""
        at = _utc(at)
        out = {}
        for rating in RATINGS:
            new, _ = self.scheduler.review_card(card or _new_card(at), Rating(rating), at)
            out[rating] = max(timedelta(0), new.due - at)
        return out


def scheduled(card: Card, r_before: float | None, reviewed_at: str) -> Scheduled:
    text = json.dumps(card.to_dict(), separators=(",", ":"))
    return Scheduled(text, format_ts(card.due), int(card.state), reviewed_at, r_before)


def forgetting_curve(decay: float) -> Callable[[int | None, float | None], float]:
    """fsrs's retrievability after ``days`` whole days at ``stability``, without building a Card
    (what readiness reads for many cards); 0 for a card with no stability."""
    factor = 0.9 ** (1 / -decay) - 1

    def curve(days: int | None, stability: float | None) -> float:
        if not stability or days is None:
            return 0.0
        return float((1 + factor * max(0, days) / stability) ** -decay)

    return curve


def decay_of(scheduler: Scheduler) -> float:
    return float(scheduler.parameters[20])
