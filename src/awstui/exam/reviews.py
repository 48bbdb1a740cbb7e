"""What an exam answer is worth to the spaced-repetition scheduler: every answer, in any mode
(full, custom, practice, weak spots, review), is a review of that question.

The grades (FSRS's: 1 Again, 2 Hard, 3 Good, 4 Easy; the store schedules them):

- wrong (or partly right: multiple response is all-or-nothing) -> Again: the question comes
  back the same day (10 minutes later);
- right, but the learner marked it as a guess -> Hard. In an exam the mark is the flag: a
  question answered right and left flagged for review was not sure. In review mode the learner
  says so (the review screen's "that was a guess" key);
- right, but slow -> Hard: in review mode, when answering took longer than ``SLOW_S`` (120 s,
  the real exam's pace: 130 minutes for 65 questions). Exams measure time per attempt, not per
  question (the learner moves back and forth), so there time never lowers a grade;
- right -> Good. Easy is for the learner's own cards, self-graded;
- unanswered -> no review: no answer was given, so nothing was recalled or forgotten.

When: a practice answer is reviewed when its feedback is revealed (``AnswerChange.review``); the
other modes' answers when the attempt ends (``Finished.reviews``), exactly once, in the same
transaction as the finish. Past attempts seed the scheduler once (``history_answers``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from .scoring import Result

AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4
SLOW_S = 120.0  # the real exam's pace per question


def rating_for(correct: bool, *, guessed: bool = False, time_s: float | None = None) -> int:
    """The grade of one answer (see the module docstring)."""
    if not correct:
        return AGAIN
    if guessed or (time_s is not None and time_s > SLOW_S):
        return HARD
    return GOOD


def reviews_of(result: Result, skip: Iterable[str] = ()) -> tuple[tuple[str, int], ...]:
    """``(qid, grade)`` for each answered question of a finished attempt, but those in ``skip``
    (practice answers already reviewed when revealed)."""
    skipped = set(skip)
    return tuple(
        (o.qid, rating_for(o.correct, guessed=o.flagged))
        for o in result.outcomes
        if o.answered and o.qid not in skipped
    )


def _outcome_grade(outcome: Mapping[str, Any]) -> int | None:
    kind = outcome.get("kind")
    if kind not in ("correct", "partial", "wrong"):
        return None
    return rating_for(kind == "correct", guessed=bool(outcome.get("flagged")))


def _moment(text: str | None) -> datetime | None:
    try:
        moment = datetime.fromisoformat(str(text).strip())
    except ValueError:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def history_answers(attempts: Iterable[Any]) -> list[tuple[str, int, datetime, str]]:
    """Past finished attempts (``AttemptResult``-like: ``mode``, ``status``, ``finished_at``,
    ``result``) as ``(qid, grade, answered_at, source)``, oldest first, for
    ``store.reviews.seed``. Each answer counts as given when its attempt finished (the store does
    not keep the moment of each answer). Results it cannot read are skipped."""
    out: list[tuple[str, int, datetime, str]] = []
    for a in attempts:
        if str(a.status) not in ("submitted", "expired") or not isinstance(a.result, dict):
            continue
        at = _moment(a.finished_at)
        outcomes = a.result.get("outcomes")
        if at is None or not isinstance(outcomes, list):
            continue
        source = a.mode if a.mode in ("full", "custom", "practice", "weak") else "custom"
        for o in outcomes:
            if isinstance(o, dict) and isinstance(o.get("qid"), str) and o["qid"]:
                grade = _outcome_grade(o)
                if grade is not None:
                    out.append((o["qid"], grade, at, source))
    out.sort(key=lambda r: r[2])
    return out


def seed_from_history(store: Any, *, notify: bool = True) -> int:
    """Once, after the upgrade to schema v5: replay every past exam answer into the scheduler
    (``store.reviews.seed``), so the learner's history counts from day one; after an import of
    an export from before it into a store with reviews, the imported attempts' answers only
    (state/repos/seeding.py). Returns the number of reviews added (0: nothing pending). Safe to
    run in a worker thread with ``notify=False`` (the store's subscribers are not called from
    it): the replay runs outside the store's lock and the write is one transaction."""
    scope = store.reviews.seed_scope()
    if scope is None:
        return 0
    token, ids = scope
    attempts = [a for a in store.attempt_results() if ids is None or a.id in ids]
    return int(store.reviews.seed(history_answers(attempts), notify=notify, token=token))
