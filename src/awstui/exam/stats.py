"""Totals of what the learner did, against what there is to study (for ``awstui stats``).

Reads the store duck-typed (exam never imports ``awstui.state``): attempts are listed by their
summaries (``history.history``), never their per-question outcomes, so the command's cost stays
flat as the history grows."""

from __future__ import annotations

import math
from typing import Any

from .history import history
from .status import FINISHED_STATUSES, ExamStatus


def score_percent(result: Any) -> float | None:
    """The percent score of a finished attempt's ``result``.

    Read from ``result["percent"]`` (0-100) when the exam engine gives it, else from
    ``result["correct"] / result["total"]``; None when neither is there.
    """
    if not isinstance(result, dict):
        return None
    for key in ("percent", "score_percent"):
        value = result.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
            return round(float(value), 1)
    correct, total = result.get("correct"), result.get("total")
    if (
        isinstance(correct, (int, float))
        and isinstance(total, (int, float))
        and not isinstance(correct, bool)
        and not isinstance(total, bool)
        and total > 0
    ):
        return round(100.0 * correct / total, 1)
    return None


def _scaled(result: Any) -> int | None:
    value = result.get("scaled") if isinstance(result, dict) else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _ids(items: Any) -> list[str]:
    return [item.id for item in (items or ())]


def compute_stats(store: Any, library: Any) -> dict:
    """services reviewed / total, open questions answered / total (bundled + the learner's own),
    written answers, exam attempts, best and last score (percent), and what is kept for items
    the content no longer has ("orphaned")."""
    services = set(_ids(getattr(library, "services", ())))
    own = store.learner_questions()
    questions = set(_ids(getattr(library, "questions", ()))) | {q.id for q in own}
    qstates = store.question_states()
    sstates = store.service_states()
    attempts = history(store)  # newest first; result: the summary

    finished = [a for a in attempts if a.status in FINISHED_STATUSES]
    percents = [(a, score_percent(a.result)) for a in finished]
    scored: list[tuple[Any, float]] = [(a, p) for a, p in percents if p is not None]
    best = max(scored, key=lambda ap: ap[1], default=None)
    last = scored[0] if scored else None
    in_progress = next((a for a in attempts if a.status == ExamStatus.IN_PROGRESS), None)

    def kept(state: Any, *fields: str) -> bool:
        return any(getattr(state, f) for f in fields)

    return {
        "services_reviewed": sum(1 for sid, s in sstates.items() if s.reviewed and sid in services),
        "services_total": len(services),
        "annotations": sum(1 for sid, s in sstates.items() if s.annotation.strip() and sid in services),
        "questions_answered": sum(1 for qid, q in qstates.items() if q.answered and qid in questions),
        "questions_total": len(questions),
        "answers_written": sum(1 for qid, q in qstates.items() if q.answer.strip() and qid in questions),
        "learner_questions": len(own),
        "attempts": len(finished),
        "attempts_started": len(attempts),
        "attempts_abandoned": sum(1 for a in attempts if a.status == ExamStatus.ABANDONED),
        "in_progress_attempt": in_progress.id if in_progress else None,
        "best_score": best[1] if best else None,
        "last_score": last[1] if last else None,
        "best_scaled": _scaled(best[0].result) if best else None,
        "last_scaled": _scaled(last[0].result) if last else None,
        "last_attempt_at": last[0].finished_at if last else None,
        "last_passed": (last[0].result or {}).get("passed") if last else None,
        "orphaned_questions": sum(
            1 for qid, q in qstates.items() if qid not in questions and kept(q, "answered", "answer")
        ),
        "orphaned_services": sum(
            1 for sid, s in sstates.items() if sid not in services and kept(s, "reviewed", "annotation")
        ),
    }
