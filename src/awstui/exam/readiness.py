"""Readiness: per domain and per exam-guide task statement, the chance of answering a question
of that area right, with a range, and from them an ESTIMATED scaled score against 720. Pure
(``readiness`` reads the store duck-typed: ``store.reviews.exam_stats(now)``).

How an area's chance is estimated (every bank question of the area counts once):

- a question answered before: the scheduler's retrievability of it now (FSRS's forgetting curve),
  times the area's *calibration*: how often the learner was really right on repeat answers
  there against what the scheduler predicted before each of them, ``(right + 2) / (predicted +
  2)`` (two pseudo-answers at "as predicted"). FSRS's default model assumes a card is learnt once
  its answer is shown; exam answers can stay wrong, and the calibration corrects for it;
- a question never answered: the learner's first-answer accuracy in the area, starting from the
  stated prior ``PRIOR`` (0.5) with the weight of ``PRIOR_WEIGHT`` (2) answers;
- the range: ±1.96 standard errors: of a proportion over the area's answers (plus the two
  pseudo-answers), combined with the model's own error (``MODEL_ERROR``, 4 points: the
  calibration test's errors stop shrinking at about that), kept in 0..1;
- fewer than ``MIN_ANSWERS`` (10) answers in an area: "not enough data yet" (None).

The scaled estimate weighs the four domains by the exam guide (32/26/24/18) and maps the
percentage as ``scoring.scaled_score`` does (0 % -> 100, 72 % -> 720, 100 % -> 1000); None until
every domain has enough data. tests/unit/exam/test_readiness.py checks the calibration with
simulated learners of known accuracy per task (``CALIBRATION_ANSWERS``).
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from awstui.content.models import DOMAINS, TASKS, ExamQuestion

from ..records import record
from .scoring import PASSING_SCALED, scaled_score

PRIOR = 0.5  # the chance on an unseen question before any answer
PRIOR_WEIGHT = 2.0  # how many answers the prior is worth
MIN_ANSWERS = 10  # below this many answers in an area: not enough data yet
CALIBRATION_ANSWERS = 100  # answers per task after which 9 estimates in 10 land within ±10 points (tested)
Z = 1.96
MODEL_ERROR = 0.04  # the estimator's own error (one standard deviation), seen in the calibration test

READINESS_NOTE = (
    "An estimate from your answers so far: the spaced-repetition scheduler's memory of the "
    "questions you have seen, checked against how often you were right, and your first-try "
    "accuracy for the rest. The scaled score uses the same rough 100–1000 map as exam results."
)


@record
class AreaEstimate:
    """One domain's or task statement's estimate; ``chance``/``low``/``high`` are None when there
    is not enough data yet (``answers < MIN_ANSWERS``)."""

    key: str  # "1".."4" or "1.1".."4.3"
    questions: int  # in the bank
    seen: int  # answered at least once
    answers: int  # answers given
    chance: float | None
    low: float | None
    high: float | None

    @property
    def enough(self) -> bool:
        return self.chance is not None

    def to_dict(self) -> dict[str, Any]:
        return {
            "chance": _r(self.chance),
            "low": _r(self.low),
            "high": _r(self.high),
            "answers": self.answers,
            "seen": self.seen,
            "questions": self.questions,
        }


@record
class Readiness:
    """The readiness estimate: per domain and task statement, and the scaled score with its range."""

    domains: dict[str, AreaEstimate]  # every domain "1".."4"
    tasks: dict[str, AreaEstimate]  # all 13 task statements
    scaled: int | None  # the estimated scaled score, or None (not enough data)
    scaled_low: int | None
    scaled_high: int | None

    def to_dict(self) -> dict[str, Any]:
        """JSON: ``{"domains": {...}, "tasks": {...}, "scaled_estimate": ...}``, null where there is
        not enough data."""
        scaled = None
        if self.scaled is not None:
            scaled = {"value": self.scaled, "low": self.scaled_low, "high": self.scaled_high, "pass": PASSING_SCALED}
        return {
            "domains": {k: a.to_dict() if a.enough else None for k, a in self.domains.items()},
            "tasks": {k: a.to_dict() if a.enough else None for k, a in self.tasks.items()},
            "scaled_estimate": scaled,
            "note": READINESS_NOTE,
        }


def _r(x: float | None) -> float | None:
    return None if x is None else round(x, 3)


@record
class AreaIndex:
    """Which areas each bank question counts toward, and how many questions each area has:
    built once per bank (``area_index``), so that an estimate reads only the answered ones."""

    areas: dict[str, tuple[str, ...]]  # qid -> ("1", "1.1", ...)
    sizes: dict[str, int]  # every domain and task statement -> questions in the bank
    basis: tuple[int, int]  # the bank's ids: how many, and their CRC-32 (the cache's basis)


def area_index(bank: Iterable[ExamQuestion]) -> AreaIndex:
    sizes = dict.fromkeys([*(str(d) for d in DOMAINS), *TASKS], 0)
    domain_keys = {d: str(d) for d in DOMAINS}
    areas = {}
    for q in bank:
        tasks = q.tasks if len(q.tasks) < 2 else tuple(dict.fromkeys(q.tasks))
        keys = tuple(t for t in tasks if t in sizes)
        d = domain_keys.get(q.domain) if isinstance(q.domain, int) else None
        areas[q.id] = keys = (d, *keys) if d is not None else keys
        for k in keys:
            sizes[k] += 1
    return AreaIndex(areas, sizes, (len(areas), zlib.crc32("\n".join(areas).encode())))


def _area(key: str, questions: int, seen: list[Any]) -> AreaEstimate:
    answers = sum(s.reps for s in seen)
    if answers < MIN_ANSWERS or not questions:
        return AreaEstimate(key, questions, len(seen), answers, None, None, None)
    first_right = sum(1 for s in seen if s.first_correct)
    unseen_chance = (first_right + PRIOR_WEIGHT * PRIOR) / (len(seen) + PRIOR_WEIGHT)
    repeat_right = sum(s.correct for s in seen) - first_right
    predicted = sum(s.expected for s in seen)
    calibration = (repeat_right + PRIOR_WEIGHT) / (predicted + PRIOR_WEIGHT)
    total = sum(min(1.0, s.retrievability * calibration) for s in seen)
    total += (questions - len(seen)) * unseen_chance
    chance = total / questions
    sampling = max(chance * (1 - chance), 0.0025) / (answers + PRIOR_WEIGHT)
    half = Z * math.sqrt(sampling + MODEL_ERROR**2)
    return AreaEstimate(key, questions, len(seen), answers, chance, max(0.0, chance - half), min(1.0, chance + half))


def estimate(bank: Iterable[ExamQuestion] | AreaIndex, stats: Mapping[str, Any]) -> Readiness:
    """Readiness over ``bank`` (or its ``area_index``, kept by a caller that asks often) from
    ``stats``: qid -> ``CardStat``-like (``retrievability`` now, ``reps``, ``correct``,
    ``expected``, ``first_correct``); bank questions absent were never answered, and cards of
    questions not in the bank are left out."""
    index = bank if isinstance(bank, AreaIndex) else area_index(bank)
    seen: dict[str, list[Any]] = {k: [] for k in index.sizes}
    for qid, stat in stats.items():
        for key in index.areas.get(qid, ()):
            seen[key].append(stat)
    areas = {k: _area(k, n, seen[k]) for k, n in index.sizes.items()}
    domains = {str(d): areas[str(d)] for d in DOMAINS}
    tasks = {t: areas[t] for t in TASKS}
    return Readiness(domains, tasks, *_scaled(domains))


def _scaled(domains: Mapping[str, AreaEstimate]) -> tuple[int | None, int | None, int | None]:
    if not all(a.enough for a in domains.values()):
        return None, None, None
    weights = {str(d): w for d, (_, w) in DOMAINS.items()}
    total_w = sum(weights.values())
    mean = sum(weights[k] * (a.chance or 0.0) for k, a in domains.items()) / total_w
    var = sum((weights[k] / total_w * ((a.high or 0.0) - (a.low or 0.0)) / (2 * Z)) ** 2 for k, a in domains.items())
    half = Z * math.sqrt(var)
    return scaled_score(100 * mean), scaled_score(100 * (mean - half)), scaled_score(100 * (mean + half))


CACHE_KEY = "readiness"
CACHE_VERSION = 1


def _bank_basis(bank: Iterable[ExamQuestion] | AreaIndex) -> list[int]:
    if isinstance(bank, AreaIndex):
        return list(bank.basis)
    ids = [q.id for q in bank]
    return [len(ids), zlib.crc32("\n".join(ids).encode())]


def _pack(r: Readiness) -> dict[str, Any]:
    def area(a: AreaEstimate) -> list[Any]:
        return [a.questions, a.seen, a.answers, a.chance, a.low, a.high]

    return {
        "domains": {k: area(a) for k, a in r.domains.items()},
        "tasks": {k: area(a) for k, a in r.tasks.items()},
        "scaled": [r.scaled, r.scaled_low, r.scaled_high],
    }


def _unpack(data: dict[str, Any]) -> Readiness:
    def areas(part: dict[str, list[Any]]) -> dict[str, AreaEstimate]:
        return {k: AreaEstimate(k, *v) for k, v in part.items()}

    return Readiness(areas(data["domains"]), areas(data["tasks"]), *data["scaled"])


def readiness(store: Any, bank: Iterable[ExamQuestion] | AreaIndex, now: datetime | None = None) -> Readiness:
    """``estimate`` over the store's exam cards as of ``now`` (default: the store's clock), kept
    in the store's derived cache with its basis: the reviews (``store.reviews.basis()``), the bank
    (its ids) and the day (retrievability moves by whole days since each review, so an estimate
    is reused for the rest of a UTC day). Computed again when any of them changes."""
    at = now or datetime.now(UTC)
    basis = [CACHE_VERSION, store.reviews.basis(), _bank_basis(bank), at.astimezone(UTC).date().isoformat()]
    kept = store.cached(CACHE_KEY)
    if isinstance(kept, dict) and kept.get("basis") == basis:
        try:
            return _unpack(kept["readiness"])
        except (KeyError, TypeError, ValueError):
            pass
    result = estimate(bank, store.reviews.exam_stats(now))
    store.keep_cached(CACHE_KEY, {"basis": basis, "readiness": _pack(result)})
    return result
