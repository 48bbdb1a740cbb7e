"""A session as the store keeps it (``ExamRecord``), and rebuilding one from saved, maybe stale, data.

The functions here never raise for stale data: ids no longer in the bank are carried through,
option orders that no longer fit are redrawn, answers that no longer fit are dropped; the ids
affected are reported so the session can list them.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from awstui.content.models import ExamQuestion

from ..records import record
from .config import MAX_MINUTES, MIN_MINUTES, ExamConfig, ExamError
from .draw import option_order
from .scoring import Result
from .status import ExamStatus

RECORD_FIELDS = (
    "mode",
    "config",
    "question_ids",
    "option_orders",
    "answers",
    "flags",
    "position",
    "time_used_s",
    "time_allowed_s",
    "status",
    "result",
)


@record
class ExamRecord:
    """A session as the store keeps it (``Attempt``'s fields, JSON-ready)."""

    mode: str
    config: dict[str, Any]
    question_ids: list[str]
    option_orders: dict[str, list[int]]
    answers: dict[str, list[int]]  # original option indices
    flags: set[str]
    position: int
    time_used_s: float
    time_allowed_s: float | None
    status: str
    result: dict[str, Any] | None = None

    def create_kwargs(self) -> dict[str, Any]:
        """The arguments of ``store.create_attempt(**record.create_kwargs())``."""
        return {
            "mode": self.mode,
            "config": self.config,
            "question_ids": list(self.question_ids),
            "option_orders": {k: list(v) for k, v in self.option_orders.items()},
            "time_allowed_s": self.time_allowed_s,
        }

    def fields(self) -> dict[str, Any]:
        """Every field, as keywords for ``ExamSession.from_attempt_fields``."""
        return {
            "mode": self.mode,
            "config": self.config,
            "question_ids": self.question_ids,
            "option_orders": self.option_orders,
            "answers": self.answers,
            "flags": self.flags,
            "position": self.position,
            "time_used_s": self.time_used_s,
            "time_allowed_s": self.time_allowed_s,
            "status": self.status,
            "result": self.result,
        }


# ----------------------------------------------------------------------------- helpers


def _is_permutation(order: Any, n: int) -> bool:
    try:
        return sorted(int(i) for i in order) == list(range(n))
    except (TypeError, ValueError):
        return False


def finite(value: Any, default: float = 0.0) -> float:
    """``value`` as a finite float, or ``default`` when it is not one (stale or hand-edited data)."""
    try:
        f = float(value)
    except (TypeError, ValueError):
        return default
    return f if math.isfinite(f) else default


def _by_id(questions: Mapping[str, ExamQuestion] | Iterable[ExamQuestion]) -> Mapping[str, ExamQuestion]:
    if isinstance(questions, Mapping):
        return questions
    return {q.id: q for q in questions}


def fit_orders(
    questions: Iterable[ExamQuestion], option_orders: Mapping[str, Sequence[int]], seed: int | None
) -> tuple[dict[str, tuple[int, ...]], list[str]]:
    """Each question's saved option order, or a fresh one when missing or no longer fitting;
    returns the orders and the ids that got a fresh one."""
    orders: dict[str, tuple[int, ...]] = {}
    changed: list[str] = []
    for q in questions:
        order: Iterable[int] | None = option_orders.get(q.id)
        if order is None or not _is_permutation(order, len(q.options)):
            changed.append(q.id)
            order = option_order(q, seed) if seed is not None else range(len(q.options))
        orders[q.id] = tuple(int(i) for i in order)
    return orders, changed


def fit_answers(
    answers: Mapping[str, Iterable[int]], question_by_id: Mapping[str, ExamQuestion], changed: list[str]
) -> dict[str, frozenset[int]]:
    """The saved answers that still fit their question; appends to ``changed`` the ids whose
    answer no longer fits (dropped). Answers to questions not in the session are ignored."""
    fitted: dict[str, frozenset[int]] = {}
    for qid, selected in answers.items():
        q = question_by_id.get(qid)
        if q is None:
            continue
        try:
            chosen = frozenset(int(i) for i in selected)
        except (TypeError, ValueError):
            chosen = frozenset({-1})
        if not chosen:
            continue
        if not all(0 <= i < len(q.options) for i in chosen) or (len(chosen) > 1 and not q.is_multi):
            if qid not in changed:
                changed.append(qid)
            continue
        fitted[qid] = chosen
    return fitted


def _split_ids(
    by_id: Mapping[str, ExamQuestion], record_ids: list[str]
) -> tuple[list[ExamQuestion], list[str], list[int]]:
    """The record's questions still in the bank (first occurrence), the missing ids, and the
    record position of each kept question."""
    kept: list[ExamQuestion] = []
    missing: list[str] = []
    seen: set[str] = set()
    kept_record_pos: list[int] = []
    for i, qid in enumerate(record_ids):
        if qid in seen:
            continue
        seen.add(qid)
        q = by_id.get(qid)
        if q is None or q.id != qid:
            missing.append(qid)
        else:
            kept.append(q)
            kept_record_pos.append(i)
    return kept, missing, kept_record_pos


def _config_from(data: Any, mode: str, count: int, time_allowed_s: float | None) -> ExamConfig:
    try:
        return ExamConfig.from_dict(dict(data), mode=mode)
    except (ExamError, TypeError, ValueError):
        minutes = finite(time_allowed_s) / 60 if time_allowed_s else None
        safe_mode = mode if mode in ("full", "custom", "weak") else "custom"
        if mode == "practice" and minutes is None:
            safe_mode = "practice"
        seed = data.get("seed") if isinstance(data, Mapping) else None
        seed = seed if isinstance(seed, int) and not isinstance(seed, bool) else None
        if minutes is not None and not MIN_MINUTES <= minutes <= MAX_MINUTES:
            minutes = None  # the record's time_allowed_s still rules the clock; this is the config's note
        return ExamConfig(safe_mode, max(1, count), minutes or None, None, None, seed)


def _result_from(result: Mapping[str, Any] | Result | None) -> Result | None:
    if isinstance(result, Result) or result is None:
        return result
    try:
        return Result.from_dict(dict(result))
    except (KeyError, TypeError, ValueError, IndexError):
        return None


def restore_kwargs(
    questions_by_id: Mapping[str, ExamQuestion] | Iterable[ExamQuestion],
    *,
    mode: str,
    config: Mapping[str, Any] | ExamConfig,
    question_ids: Sequence[str],
    option_orders: Mapping[str, Sequence[int]],
    answers: Mapping[str, Iterable[int]] | None = None,
    flags: Iterable[str] = (),
    position: int = 0,
    time_used_s: float = 0.0,
    time_allowed_s: float | None = None,
    status: str = ExamStatus.IN_PROGRESS,
    result: Mapping[str, Any] | Result | None = None,
) -> dict[str, Any]:
    """The ``ExamSession`` constructor's arguments for a saved attempt (see
    ``ExamSession.from_attempt_fields``)."""
    record_ids = [str(q) for q in question_ids]
    kept, missing, kept_record_pos = _split_ids(_by_id(questions_by_id), record_ids)
    answers = dict(answers or {})
    flags = set(flags or ())
    carried = {
        "option_orders": {k: list(v) for k, v in option_orders.items() if k in missing},
        "answers": {k: list(v) for k, v in answers.items() if k in missing},
        "flags": {k for k in flags if k in missing},
    }
    pos = int(finite(position, 0.0))
    kept_pos = min(bisect.bisect_left(kept_record_pos, pos), max(0, len(kept) - 1))
    cfg = config if isinstance(config, ExamConfig) else _config_from(config, mode, len(kept), time_allowed_s)
    return {
        "config": cfg,
        "questions": kept,
        "option_orders": dict(option_orders),
        "time_allowed_s": time_allowed_s,
        "answers": answers,
        "flags": flags,
        "position": kept_pos,
        "time_used_s": time_used_s,
        "status": status,
        "result": _result_from(result),
        "missing_ids": missing,
        "record_ids": record_ids,
        "carried": carried,
    }


def attempt_fields(attempt: Any) -> dict[str, Any]:
    """The record's fields read off the store's ``Attempt`` (any object with those names)."""
    return {n: getattr(attempt, n) for n in RECORD_FIELDS if hasattr(attempt, n)}
