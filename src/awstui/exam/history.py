"""Exam history and its statistics: what the Exam home, Progress and ``awstui stats`` show.

Pure Python (never imports textual or ``awstui.state``): it reads attempts shaped like the
store's, described by the protocols below.

A finished attempt's ``result`` (``Result.to_dict()``) holds one outcome per question. Drawing
a summary needs none of them, so the exam layer makes a summary of each result
(``summary_of``: the result less ``SUMMARY_OMITS``), the store keeps it beside the result
(``finish_attempt(..., summary=...)``) and lists read only summaries (``history``), so the cost
of a list stays flat as history grows. An attempt without a summary (finished before the store
kept them, or imported from an older export) is summarised here from its whole result, once:
``history`` hands what it computed back to the store (``save_summaries``). Only the weak-spot
draw reads whole results (``finished_results``, ``answer_history``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Protocol

from ..records import record
from .draw import AreaAccuracy
from .scoring import Result
from .status import FINISHED_STATUSES

MODE_NAMES = {"full": "Full exam", "custom": "Custom", "practice": "Practice", "weak": "Weak spots"}
SUMMARY_OMITS = ("outcomes",)  # what a summary leaves out of a result


def summary_of(result: Result) -> dict[str, Any]:
    """What the store keeps as an attempt's summary: the result's dict less ``SUMMARY_OMITS``."""
    data = result.to_dict()
    for key in SUMMARY_OMITS:
        data.pop(key, None)
    return data


class AttemptLike(Protocol):
    """An attempt as the store gives it (``awstui.state.Attempt`` or a summary row)."""

    @property
    def id(self) -> int: ...
    @property
    def mode(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def started_at(self) -> str: ...
    @property
    def finished_at(self) -> str | None: ...
    @property
    def result(self) -> dict[str, Any] | None: ...


class SummaryRowLike(AttemptLike, Protocol):
    """A listed attempt with the summary the store kept (``Store.attempt_summaries``): ``result``
    is the whole result only where ``summary`` is None."""

    @property
    def summary(self) -> dict[str, Any] | None: ...


class HistoryStore(Protocol):
    """What the history reads and writes of the store (``awstui.state.Store`` is one)."""

    def attempt_summaries(
        self, *, finished_only: bool = False, limit: int | None = None, after_id: int | None = None
    ) -> Sequence[SummaryRowLike]: ...

    def save_summaries(self, summaries: dict[int, dict[str, Any]]) -> bool: ...

    def attempt_counts(self) -> dict[str, Any]: ...

    def cached(self, key: str) -> Any: ...

    def keep_cached(self, key: str, value: Any) -> bool: ...


@record
class HistoryRow:
    """A listed attempt as the history reads it: ``result`` is its summary (or, where none could
    be made, the result as saved)."""

    id: int
    mode: str
    status: str
    started_at: str
    finished_at: str | None
    result: dict[str, Any] | None


def history(
    store: HistoryStore, *, finished_only: bool = False, limit: int | None = None, after_id: int | None = None
) -> list[HistoryRow]:
    """Attempts with their summaries, newest first (the store's filters). Summaries missing from
    the store are made from the whole result and handed back to it (``save_summaries``), so the
    next read is cheap."""
    out, missing = [], {}
    for row in store.attempt_summaries(finished_only=finished_only, limit=limit, after_id=after_id):
        data = row.summary
        if data is None and row.status in FINISHED_STATUSES and (result := result_of(row.result)) is not None:
            data = missing[row.id] = summary_of(result)
        out.append(HistoryRow(row.id, row.mode, row.status, row.started_at, row.finished_at, data or row.result))
    if missing:
        store.save_summaries(missing)
    return out


def read_summaries(store: HistoryStore, limit: int | None = None) -> list[AttemptSummary]:
    """The finished attempts' summaries (the newest ``limit`` of them), oldest first: what the
    Exam home and Progress list."""
    return summaries(history(store, finished_only=True, limit=limit))


@record
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


def result_of(data: Any) -> Result | None:
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
        result = result_of(row.result)
        if result is not None:
            out.append(AttemptSummary(row.id, row.mode, row.status, row.started_at, row.finished_at, result))
    out.reverse()
    return out


def finished_results(attempts: Iterable[AttemptLike]) -> list[tuple[AttemptLike, Result]]:
    """(attempt, whole result) of finished attempts, oldest first; unreadable results are skipped."""
    out = []
    for a in reversed(list(attempts)):
        if a.status in FINISHED_STATUSES and a.result:
            result = result_of(a.result)
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


# ---------------------------------------------------------------------- totals over every attempt


def raw_percent(result: Any) -> float | None:
    """The percent score of a finished attempt's result or summary: ``percent`` (0-100) when the
    engine gave it, else ``correct / total``; None when neither is there."""
    if not isinstance(result, dict):
        return None
    for key in ("percent", "score_percent"):
        value = result.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
            return float(value)
    correct, total = result.get("correct"), result.get("total")
    if (
        isinstance(correct, (int, float))
        and isinstance(total, (int, float))
        and not isinstance(correct, bool)
        and not isinstance(total, bool)
        and total > 0
    ):
        return 100.0 * correct / total
    return None


def scaled_of(result: Any) -> int | None:
    value = result.get("scaled") if isinstance(result, dict) else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


TOTALS_KEY = "exam.history_totals"
TOTALS_VERSION = 1


@record
class HistoryTotals:
    """Sums over every finished attempt, kept in the store's cache (``TOTALS_KEY``) and brought
    up to date by reading only the attempts finished since, so Progress and ``awstui stats``
    cost the same with 730 attempts as with 2."""

    finished: int  # finished attempts
    scored: int  # of which a readable result
    best_percent: float | None
    best_scaled: int | None
    by_domain: dict[int | str, AreaAccuracy]
    by_service: dict[str, AreaAccuracy]


def _empty_totals() -> dict[str, Any]:
    return {"version": TOTALS_VERSION, "finished": 0, "max_id": None, "scored": 0, "best": None, "areas": [{}, {}]}


def _add(acc: dict[str, Any], rows: Iterable[HistoryRow]) -> None:
    for row in rows:
        acc["finished"] += 1
        acc["max_id"] = row.id if acc["max_id"] is None else max(acc["max_id"], row.id)
        percent = raw_percent(row.result)
        if percent is not None and (acc["best"] is None or percent > acc["best"][0]):
            acc["best"] = [percent, scaled_of(row.result)]
        result = result_of(row.result)
        if result is None:
            continue
        acc["scored"] += 1
        areas: tuple[dict[Any, tuple[int, int]], ...] = (result.per_domain, result.per_service)
        for sink, area in zip(acc["areas"], areas, strict=True):
            for key, (correct, total) in area.items():
                pair = sink.setdefault(str(key), [0, 0])
                pair[0] += correct
                pair[1] += total


def kept_sums(
    store: Any,
    key: str,
    empty: Callable[[], dict[str, Any]],
    add: Callable[[dict[str, Any], int | None], None],
    shaped: Callable[[dict[str, Any]], bool],
) -> dict[str, Any]:
    """A sum over every finished attempt, kept in the store's cache under ``key``: as kept when
    it counts as many finished attempts as the store has and the same newest one; else brought up
    to date with ``add(acc, max_id)`` (the attempts finished after the newest it counts), or,
    when that is not enough (an older attempt finished: an import), summed again from
    ``empty()`` with ``add(acc, None)``; then kept. ``shaped``: the kept value has the fields
    its reader needs (the cache is a file the learner's disk could damage)."""
    counts = store.attempt_counts()
    finished = sum(int(counts.get(str(s), 0)) for s in FINISHED_STATUSES)
    version = empty()["version"]

    def usable(acc: Any) -> bool:
        return isinstance(acc, dict) and acc.get("version") == version and shaped(acc)

    def fresh(acc: Any) -> bool:
        return usable(acc) and acc.get("finished") == finished and acc.get("max_id") == counts.get("finished_max_id")

    acc = store.cached(key)
    if not fresh(acc):
        if usable(acc) and acc.get("max_id") is not None:
            add(acc, acc["max_id"])
        if not fresh(acc):
            acc = empty()
            add(acc, None)
        store.keep_cached(key, acc)
    return acc


def history_totals(store: HistoryStore) -> HistoryTotals:
    """The totals over every finished attempt: from the cache when it is current, else brought
    up to date with the attempts finished since (or, failing that, summed again) and kept."""

    def add(acc: dict[str, Any], after_id: int | None) -> None:
        _add(acc, reversed(history(store, finished_only=True, after_id=after_id)))

    def shaped(acc: dict[str, Any]) -> bool:
        return isinstance(acc.get("areas"), list) and len(acc["areas"]) == 2

    acc = kept_sums(store, TOTALS_KEY, _empty_totals, add, shaped)
    domains, services = acc["areas"]
    best = acc["best"] or [None, None]
    return HistoryTotals(
        finished=acc["finished"],
        scored=acc["scored"],
        best_percent=best[0],
        best_scaled=best[1],
        by_domain={int(k) if k.isdigit() else k: AreaAccuracy(*v) for k, v in domains.items()},
        by_service={k: AreaAccuracy(*v) for k, v in services.items()},
    )
