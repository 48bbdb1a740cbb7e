"""Scoring: right or wrong per question, the raw percentage, and an ESTIMATED scaled score."""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import field
from typing import Any, Protocol

from awstui.content.models import UNCLASSIFIED, ExamQuestion

from ..records import record
from .config import domain_sort_key


class Scorable(Protocol):
    """What ``score`` reads of a session (``ExamSession`` is one); scoring never imports it."""

    @property
    def questions(self) -> tuple[ExamQuestion, ...]: ...

    @property
    def answers(self) -> dict[str, list[int]]: ...

    @property
    def flags(self) -> set[str]: ...

    def time_used(self, now: float | None = None) -> float: ...


PASSING_SCALED = 720
MIN_SCALED = 100
MAX_SCALED = 1000
PASS_PERCENT = 72.0

SCALED_SCORE_NOTE = (
    "The scaled score is an estimate. AWS reports DVA-C02 results on a 100–1000 scale with 720 "
    "to pass, but does not publish how raw answers map onto it (it varies between exam forms). "
    "awstui uses a straight-line map through three points: 0 % correct -> 100, 72 % -> 720, "
    "100 % -> 1000. Every question here counts, while the real exam has 15 unscored questions. "
    "Treat the number as a rough guide, not a prediction."
)

OUTCOME_KINDS = ("correct", "partial", "wrong", "unanswered")


def scaled_score(percent: float) -> int:
    """The estimated scaled score for a raw percentage (see ``SCALED_SCORE_NOTE``).

    Piecewise linear: 0 -> 100, 72 -> 720, 100 -> 1000; rounded down to a whole number (so
    below 72 % never shows 720) and kept in 100..1000.
    """
    p = min(100.0, max(0.0, float(percent)))
    if p <= PASS_PERCENT:
        value = MIN_SCALED + p * (PASSING_SCALED - MIN_SCALED) / PASS_PERCENT
    else:
        value = PASSING_SCALED + (p - PASS_PERCENT) * (MAX_SCALED - PASSING_SCALED) / (100.0 - PASS_PERCENT)
    return int(min(MAX_SCALED, max(MIN_SCALED, math.floor(value + 1e-9))))


def judge(question: ExamQuestion, selected: Iterable[int]) -> str:
    """One of "correct", "partial", "wrong", "unanswered" for ``selected`` original indices.

    All-or-nothing: only exactly the right set is correct. "partial" (scored wrong) is a
    multiple-response answer with some right options but not exactly the right set, or with
    the right ones plus extra (over-selection).
    """
    chosen = frozenset(selected)
    right = question.correct_indices
    if not chosen:
        return "unanswered"
    if chosen == right:
        return "correct"
    if question.is_multi and chosen & right:
        return "partial"
    return "wrong"


@record
class QuestionOutcome:
    """How one question went. Indices are the question's original option indices."""

    qid: str
    kind: str  # one of OUTCOME_KINDS
    selected: tuple[int, ...]
    answer: tuple[int, ...]
    domain: int | str
    services: tuple[str, ...]
    flagged: bool = False

    @property
    def correct(self) -> bool:
        return self.kind == "correct"

    @property
    def answered(self) -> bool:
        return self.kind != "unanswered"

    def to_dict(self) -> dict[str, Any]:
        return {
            "qid": self.qid,
            "kind": self.kind,
            "selected": list(self.selected),
            "answer": list(self.answer),
            "domain": self.domain,
            "services": list(self.services),
            "flagged": self.flagged,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> QuestionOutcome:
        return cls(
            str(data["qid"]),
            str(data.get("kind", "wrong")),
            tuple(int(i) for i in data.get("selected", ())),
            tuple(int(i) for i in data.get("answer", ())),
            _domain_key(data.get("domain", UNCLASSIFIED)),
            tuple(str(s) for s in data.get("services", ())),
            bool(data.get("flagged", False)),
        )


def _domain_key(value: Any) -> int | str:
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return value


@record
class Result:
    """A scored attempt. ``per_domain``/``per_service``/``per_task`` (exam-guide task statements,
    "1.1".."4.3"; a question tagged with several counts toward each) map to ``(correct, total)``."""

    correct: int
    total: int
    percent: float
    scaled: int
    passed: bool
    per_domain: dict[int | str, tuple[int, int]] = field(default_factory=dict)
    per_service: dict[str, tuple[int, int]] = field(default_factory=dict)
    time_used_s: float = 0.0
    outcomes: tuple[QuestionOutcome, ...] = ()
    per_task: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def answered(self) -> int:
        return sum(1 for o in self.outcomes if o.answered)

    @property
    def unanswered(self) -> int:
        return sum(1 for o in self.outcomes if not o.answered)

    def outcome(self, qid: str) -> QuestionOutcome | None:
        return next((o for o in self.outcomes if o.qid == qid), None)

    def history(self, include_unanswered: bool = False) -> Iterator[tuple[str, bool]]:
        """``(qid, correct)`` pairs for ``weak_spot_draw``; unanswered ones are left out unless
        asked for (an expired exam's untouched questions say little about what is known)."""
        for o in self.outcomes:
            if o.answered or include_unanswered:
                yield o.qid, o.correct

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (for ``store.finish_attempt(result=...)``); domain keys become str."""
        return {
            "correct": self.correct,
            "total": self.total,
            "percent": self.percent,
            "scaled": self.scaled,
            "passed": self.passed,
            "per_domain": {str(k): list(v) for k, v in self.per_domain.items()},
            "per_service": {k: list(v) for k, v in self.per_service.items()},
            "per_task": {k: list(v) for k, v in self.per_task.items()},
            "time_used_s": self.time_used_s,
            "outcomes": [o.to_dict() for o in self.outcomes],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Result:
        return cls(
            correct=int(data["correct"]),
            total=int(data["total"]),
            percent=float(data["percent"]),
            scaled=int(data["scaled"]),
            passed=bool(data["passed"]),
            per_domain={_domain_key(k): (int(v[0]), int(v[1])) for k, v in dict(data.get("per_domain", {})).items()},
            per_service={str(k): (int(v[0]), int(v[1])) for k, v in dict(data.get("per_service", {})).items()},
            time_used_s=float(data.get("time_used_s", 0.0)),
            outcomes=tuple(QuestionOutcome.from_dict(o) for o in data.get("outcomes", ())),
            per_task={str(k): (int(v[0]), int(v[1])) for k, v in dict(data.get("per_task", {})).items()},
        )


def score_answers(
    questions: Iterable[ExamQuestion],
    answers: Mapping[str, Iterable[int]],
    flags: Iterable[str] = (),
    time_used_s: float = 0.0,
) -> Result:
    """Score ``answers`` (qid -> original option indices) over ``questions``.

    Unanswered is wrong; multiple response is all-or-nothing.
    """
    flagged = set(flags)
    outcomes = []
    per_domain: dict[int | str, list[int]] = {}
    per_service: dict[str, list[int]] = {}
    per_task: dict[str, list[int]] = {}
    for q in questions:
        selected = tuple(sorted(set(answers.get(q.id, ()))))
        kind = judge(q, selected)
        outcomes.append(
            QuestionOutcome(
                q.id, kind, selected, tuple(sorted(q.correct_indices)), q.domain, tuple(q.services), q.id in flagged
            )
        )
        ok = kind == "correct"
        tally = per_domain.setdefault(q.domain, [0, 0])
        tally[0] += ok
        tally[1] += 1
        for tallies, keys in ((per_service, q.services), (per_task, q.tasks)):
            for key in dict.fromkeys(keys):
                tally = tallies.setdefault(key, [0, 0])
                tally[0] += ok
                tally[1] += 1
    total = len(outcomes)
    correct = sum(1 for o in outcomes if o.correct)
    percent = 100.0 * correct / total if total else 0.0
    scaled = scaled_score(percent)
    return Result(
        correct=correct,
        total=total,
        percent=percent,
        scaled=scaled,
        passed=scaled >= PASSING_SCALED,
        per_domain={k: (per_domain[k][0], per_domain[k][1]) for k in sorted(per_domain, key=domain_sort_key)},
        per_service={k: (v[0], v[1]) for k, v in sorted(per_service.items())},
        time_used_s=float(time_used_s),
        outcomes=tuple(outcomes),
        per_task={k: (v[0], v[1]) for k, v in sorted(per_task.items())},
    )


def score(session: Scorable) -> Result:
    """Score a session as it stands (finished or not), at its current time used."""
    return score_answers(session.questions, session.answers, session.flags, session.time_used())
