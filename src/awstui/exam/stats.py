"""Totals of what the learner did, against what there is to study (for ``awstui stats``).

Reads the store duck-typed (exam never imports ``awstui.state``): attempts are listed by their
summaries (``history.history``), never their per-question outcomes, so the command's cost stays
flat as the history grows."""

from __future__ import annotations

from typing import Any

from .history import history, history_totals, raw_percent, scaled_of
from .status import ExamStatus


def score_percent(result: Any) -> float | None:
    """The percent score of a finished attempt's ``result`` (or summary), to one decimal.

    Read from ``result["percent"]`` (0-100) when the exam engine gives it, else from
    ``result["correct"] / result["total"]``; None when neither is there.
    """
    percent = raw_percent(result)
    return None if percent is None else round(percent, 1)


LAST_LOOKBACK = 20  # the newest finished attempts searched for the last one with a score


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
    counts = store.attempt_counts()
    totals = history_totals(store)
    recent = history(store, finished_only=True, limit=LAST_LOOKBACK)  # newest first; result: the summary
    last = next(((a, p) for a in recent if (p := score_percent(a.result)) is not None), None)
    in_progress = store.in_progress_attempt()

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
        "attempts": totals.finished,
        "attempts_started": sum(int(counts.get(str(s), 0)) for s in ExamStatus),
        "attempts_abandoned": int(counts.get(str(ExamStatus.ABANDONED), 0)),
        "in_progress_attempt": in_progress.id if in_progress else None,
        "best_score": score_percent({"percent": totals.best_percent}),
        "last_score": last[1] if last else None,
        "best_scaled": totals.best_scaled,
        "last_scaled": scaled_of(last[0].result) if last else None,
        "last_attempt_at": last[0].finished_at if last else None,
        "last_passed": (last[0].result or {}).get("passed") if last else None,
        "orphaned_questions": sum(
            1 for qid, q in qstates.items() if qid not in questions and kept(q, "answered", "answer")
        ),
        "orphaned_services": sum(
            1 for sid, s in sstates.items() if sid not in services and kept(s, "reviewed", "annotation")
        ),
    }


def learning_stats(store: Any, library: Any, now: Any = None) -> dict:
    """``reviews_due_today`` (cards due before the end of the learner's local day) and
    ``readiness`` (``readiness.Readiness.to_dict()``); ``store`` None: nothing done yet."""
    from .readiness import estimate, readiness
    from .review_queue import due_today

    bank = tuple(getattr(library, "exam", ()))
    if store is None:
        return {"reviews_due_today": 0, "readiness": estimate(bank, {}).to_dict()}
    return {"reviews_due_today": due_today(store, now), "readiness": readiness(store, bank).to_dict()}
