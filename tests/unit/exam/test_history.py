"""Exam history from summaries: results without their outcomes give the same figures."""

from __future__ import annotations

from dataclasses import replace

from awstui.exam import ManualClock, Result, full_exam_config
from awstui.exam.history import (
    SUMMARY_OMITS,
    answer_history,
    area_accuracy,
    finished_results,
    summaries,
    weakest,
)
from awstui.exam.session import ExamSession
from awstui.state import AttemptResult

Row = AttemptResult  # the store's shape of a listed attempt, which the history reads


def _finished(bank, seed: int, answer_every: int) -> Result:
    session = ExamSession.start(bank, full_exam_config(seed=seed), clock=ManualClock())
    for i in range(0, len(session), answer_every):
        session.choose(0, at=i)
    finished = session.submit()
    assert finished is not None
    return finished.result


def _rows(bank) -> list[Row]:
    rows = []
    for n in range(4):
        result = _finished(bank, seed=n, answer_every=n + 1).to_dict()
        rows.append(Row(n + 1, "full", "submitted", f"2026-0{n + 1}-01T10:00:00Z", f"2026-0{n + 1}-01T12:00Z", result))
    rows.append(Row(9, "full", "in_progress", "2026-06-01T10:00:00Z", None, None))
    rows.append(Row(8, "custom", "expired", "2026-05-01T10:00:00Z", None, {"correct": "x"}))  # unreadable
    return rows[::-1]  # newest first, as the store lists them


def _without_outcomes(row: Row) -> Row:
    kept = None if row.result is None else {k: v for k, v in row.result.items() if k not in SUMMARY_OMITS}
    return replace(row, result=kept)


def test_summaries_read_without_outcomes_keep_every_figure(bank):
    rows = _rows(bank)
    whole = finished_results(rows)
    light = summaries([_without_outcomes(r) for r in rows])
    assert [s.id for s in light] == [a.id for a, _ in whole] == [1, 2, 3, 4]  # oldest first; broken left out
    for s, (_, r) in zip(light, whole, strict=True):
        assert (s.result.percent, s.result.scaled, s.result.passed, s.result.total) == (
            r.percent,
            r.scaled,
            r.passed,
            r.total,
        )
        assert s.result.outcomes == () and len(r.outcomes) == r.total
    assert light[0].mode_name == "Full exam" and light[0].when == "2026-01-01 12:00"


def test_area_accuracy_sums_every_question_with_unanswered_as_wrong(bank):
    done = summaries(_rows(bank))
    by_domain, by_service = area_accuracy(done)
    assert sum(a.total for a in by_domain.values()) == sum(s.result.total for s in done)
    assert sum(a.correct for a in by_domain.values()) == sum(s.result.correct for s in done)
    assert set(by_domain) <= {1, 2, 3, 4}
    for sid, acc in by_service.items():
        assert acc.total == sum(s.result.per_service.get(sid, (0, 0))[1] for s in done)
    ranked = weakest(by_service, 3)
    rates = [a.correct / a.total for _, a in ranked]
    assert rates == sorted(rates) and len(ranked) == 3


def test_answer_history_is_the_answered_outcomes_oldest_first(bank):
    rows = _rows(bank)
    history = answer_history(rows)
    expected = [pair for _, r in finished_results(rows) for pair in r.history()]
    assert history == expected and history
