"""Exam history and its statistics: what the Exam home, Progress and ``awstui stats`` show.

Pure Python (never imports textual or ``awstui.state``): it reads attempts shaped like the
store's, described by the protocols below.

A finished attempt's ``result`` (``Result.to_dict()``) holds one outcome per question. Drawing
a summary needs none of them, so summaries are read without (``SUMMARY_OMITS``: the store
leaves those keys out when it reads, so the cost of a list stays flat as history grows), and
only the weak-spot draw reads whole results (``finished_results``, ``answer_history``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from .draw import AreaAccuracy
from .scoring import Result
from .status import FINISHED_STATUSES

MODE_NAMES = {"full": "Full exam", "custom": "Custom", "practice": "Practice", "weak": "Weak spots"}
SUMMARY_OMITS = ("outcomes",)  # what a summary leaves out of a result


class AttemptLike(Protocol):
    """An attempt as the store gives it (``awstui.state.Attempt`` or a summary row)."""

    id: int
    mode: str
    status: str
    started_at: str
    finished_at: str | None
    result: dict[str, Any] | None


@dataclass(frozen=True)
class AttemptSummary:
    """A finished attempt with its score: ``result`` has no outcomes (see ``SUMMARY_OMITS``)."""

    id: int
    mode: str
    status: str
    started_at: str
    finished_at: str | None
    result: Result

    @property
    def mode_name(self) -> str:
        return MODE_NAMES.get(self.mode, self.mode)

    @property
    def when(self) -> str:
        """When it ended (or began), to the minute, for a table."""
        return (self.finished_at or self.started_at or "")[:16].replace("T", " ")


def _result(data: Any) -> Result | None:
    try:
        return Result.from_dict(data) if isinstance(data, dict) else None
    except (KeyError, TypeError, ValueError, IndexError):
        return None


def summaries(rows: Iterable[AttemptLike]) -> list[AttemptSummary]:
    """The finished attempts of ``rows`` (newest first, as the store lists them), oldest first;
    an attempt whose result does not read is left out."""
    out = []
    for row in rows:
        if row.status not in FINISHED_STATUSES:
            continue
        result = _result(row.result)
        if result is not None:
            out.append(AttemptSummary(row.id, row.mode, row.status, row.started_at, row.finished_at, result))
    out.reverse()
    return out


def finished_results(attempts: Iterable[AttemptLike]) -> list[tuple[AttemptLike, Result]]:
    """(attempt, whole result) of finished attempts, oldest first; unreadable results are skipped."""
    out = []
    for a in reversed(list(attempts)):
        if a.status in FINISHED_STATUSES and a.result:
            result = _result(a.result)
            if result is not None:
                out.append((a, result))
    return out


def answer_history(attempts: Iterable[AttemptLike]) -> list[tuple[str, bool]]:
    """(qid, correct) of every finished attempt, oldest first: the weak-spot draw's input."""
    return [pair for _, result in finished_results(attempts) for pair in result.history()]


def area_accuracy(
    done: Sequence[AttemptSummary],
) -> tuple[dict[int | str, AreaAccuracy], dict[str, AreaAccuracy]]:
    """(by_domain, by_service): every question of every finished exam, as it was tagged then;
    unanswered counts as wrong, as in the exam."""
    domains: dict[int | str, list[int]] = {}
    services: dict[str, list[int]] = {}
    for summary in done:
        for sink, areas in ((domains, summary.result.per_domain), (services, summary.result.per_service)):
            for key, (correct, total) in areas.items():
                acc = sink.setdefault(key, [0, 0])  # type: ignore[arg-type]  # one of the two key types
                acc[0] += correct
                acc[1] += total
    return (
        {k: AreaAccuracy(*v) for k, v in domains.items()},
        {k: AreaAccuracy(*v) for k, v in services.items()},
    )


def weakest(areas: dict[Any, AreaAccuracy], n: int) -> list[tuple[Any, AreaAccuracy]]:
    """The ``n`` weakest areas: lowest accuracy first, the more answered first among equals."""
    return sorted(areas.items(), key=lambda kv: (kv[1].correct / max(kv[1].total, 1), -kv[1].total))[:n]
