"""Reading an export: checked completely before anything is merged, one function per section."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ...review_settings import REVIEW_SETTINGS
from .. import marks
from ..clock import utc_now
from ..errors import StoreError
from ..models import ATTEMPT_STATUSES, FINISHED_STATUSES
from ..validate import check_option_order, check_selected
from . import checks as ck
from .export import FORMAT, FORMAT_VERSION
from .reviews import parse_reviews


@dataclass
class ParsedExport:
    """An export file read and checked, section by section, ready to merge."""

    exported_at: str | None
    questions: dict[str, dict[str, Any]] = field(default_factory=dict)
    services: dict[str, dict[str, Any]] = field(default_factory=dict)
    learner: dict[str, dict[str, Any]] = field(default_factory=dict)
    settings: dict[str, tuple[str, str]] = field(default_factory=dict)
    attempts: list[dict[str, Any]] = field(default_factory=list)
    review_cards: list[tuple] = field(default_factory=list)
    review_logs: list[tuple] = field(default_factory=list)
    has_reviews: bool = True  # False: an export from before spaced review (no review sections)


def parse_export(data: Any, now: datetime | None = None) -> ParsedExport:
    """Check an export completely (before anything is merged); ``StoreError`` names the first
    problem. ``now`` (default: the wall clock) is what a review may not be later than."""
    try:
        return _parse(data, now or utc_now())
    except ck.Bad as err:
        raise StoreError(f"not a usable awstui state export: {err}") from None


def _parse(data: Any, now: datetime) -> ParsedExport:
    if not isinstance(data, dict):
        raise ck.Bad(f"expected a JSON object at the top, got {ck.type_name(data)}")
    if data.get("format") != FORMAT:
        raise ck.Bad(f"format: expected {FORMAT!r}, got {data.get('format')!r:.60}")
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ck.Bad(f"version: expected a whole number >= 1, got {version!r:.60}")
    if version > FORMAT_VERSION:
        raise ck.Bad(f"version {version} was written by a newer awstui; this one reads up to version {FORMAT_VERSION}")
    exported_at = ck.ts(data.get("exported_at"), "exported_at")
    review_cards, review_logs = parse_reviews(data, now)
    return ParsedExport(
        exported_at,
        questions=_marks(data, "questions", marks.QUESTIONS, exported_at),
        services=_marks(data, "services", marks.SERVICES, exported_at),
        learner=_learner(data),
        settings=_settings(data),
        attempts=_attempts(data),
        review_cards=review_cards,
        review_logs=review_logs,
        has_reviews="review_cards" in data or "review_logs" in data,
    )


def _items(data: dict[str, Any], section: str) -> Iterator[tuple[str, dict[str, Any], str]]:
    """(key, item, path) of a section that maps ids to objects, each id and object checked."""
    for key, item in ck.section(data, section, dict).items():
        path = f"{section}.{key}"
        ck.ident(key, path)
        yield key, ck.obj(item, path), path


def _marks(data: dict[str, Any], key: str, spec: marks.MarkNote, exported_at: str | None) -> dict[str, dict]:
    return {
        item_key: marks.parse_mark(spec, item, path, exported_at, ck.MARK_CHECKS)
        for item_key, item, path in _items(data, key)
    }


def _learner(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    out = {}
    for qid, item, path in _items(data, "learner_questions"):
        deleted_at = ck.ts(item.get("deleted_at"), f"{path}.deleted_at")
        text = ck.text(item.get("text", ""), f"{path}.text")
        if not deleted_at and not text.strip():
            ck.fail(f"{path}.text", "a question needs some text")
        out[qid] = {
            "service": ck.ident(item.get("service"), f"{path}.service"),
            "text": "" if deleted_at else text,
            "created_at": ck.required_ts(item.get("created_at"), f"{path}.created_at"),
            "updated_at": ck.ts(item.get("updated_at"), f"{path}.updated_at"),
            "deleted_at": deleted_at,
        }
    return out


REVIEW_BY_KEY = {s.key: s for s in REVIEW_SETTINGS.values()}


def _settings(data: dict[str, Any]) -> dict[str, tuple[str, str]]:
    out = {}
    for key, item, path in _items(data, "settings"):
        if "value" not in item:
            ck.fail(f"{path}.value", "missing")
        setting = REVIEW_BY_KEY.get(key)
        if setting is not None and not setting.allows_above(item["value"]):  # (above: read as the highest)
            ck.fail(f"{path}.value", f"must be {setting.describe()}, not {item['value']!r}")
        out[key] = (
            ck.json_text(item["value"], f"{path}.value"),
            ck.required_ts(item.get("updated_at"), f"{path}.updated_at"),
        )
    return out


def _attempts(data: dict[str, Any]) -> list[dict[str, Any]]:
    seen: set[str] = set()
    out = []
    for index, item in enumerate(ck.section(data, "attempts", list)):
        path = f"attempts[{index}]"
        uid = ck.ident(ck.obj(item, path).get("uid"), f"{path}.uid")
        if uid in seen:
            ck.fail(f"{path}.uid", f"{uid!r} appears twice")
        seen.add(uid)
        out.append(_attempt(item, path))
    return out


def _question_ids(item: dict[str, Any], path: str) -> list[str]:
    qids = item.get("question_ids")
    if not isinstance(qids, list):
        ck.fail(f"{path}.question_ids", "expected a list of question ids")
    for i, q in enumerate(qids):
        ck.ident(q, f"{path}.question_ids[{i}]")
    if len(set(qids)) != len(qids):
        ck.fail(f"{path}.question_ids", "lists a question twice")
    return qids


def _orders(item: dict[str, Any], path: str, qset: set[str]) -> dict[str, list[int]]:
    orders = {}
    for qid, order in ck.obj(item.get("option_orders", {}), f"{path}.option_orders").items():
        if qid not in qset:
            ck.fail(f"{path}.option_orders.{qid}", "not one of the attempt's questions")
        orders[qid] = ck.reraise(check_option_order, f"{path}.option_orders.{qid}", order, "option order")
    return orders


def _answers(
    item: dict[str, Any], path: str, qset: set[str], orders: dict[str, list[int]]
) -> dict[str, tuple[str, int, str]]:
    answers = {}
    for qid, ans in ck.obj(item.get("answers", {}), f"{path}.answers").items():
        apath = f"{path}.answers.{qid}"
        if qid not in qset:
            ck.fail(apath, "not one of the attempt's questions")
        ck.obj(ans, apath)
        n = len(orders[qid]) if qid in orders else None
        selected = ck.reraise(check_selected, f"{apath}.selected", ans.get("selected", []), n, "selected")
        answers[qid] = (
            json.dumps(selected),
            int(ck.boolean(ans.get("flagged", False), f"{apath}.flagged")),
            ck.required_ts(ans.get("updated_at"), f"{apath}.updated_at"),
        )
    return answers


def _result(item: dict[str, Any], path: str, status: Any) -> str | None:
    if status not in ATTEMPT_STATUSES:
        ck.fail(f"{path}.status", f"expected one of {', '.join(ATTEMPT_STATUSES)}, got {status!r:.60}")
    result = item.get("result")
    if result is not None:
        ck.obj(result, f"{path}.result")
    if status in FINISHED_STATUSES and result is None:
        ck.fail(f"{path}.result", f"a {status} attempt needs its result")
    return None if result is None else ck.json_text(result, f"{path}.result")


def _summary(item: dict[str, Any], path: str, result: str | None) -> str | None:
    """The exam layer's summary, as it was exported (an older export has none: the exam layer
    computes it again from the result on the first read)."""
    summary = item.get("summary")
    if summary is None or result is None:
        return None
    return ck.json_text(ck.obj(summary, f"{path}.summary"), f"{path}.summary")


def _attempt(item: dict[str, Any], path: str) -> dict[str, Any]:
    uid = ck.ident(item.get("uid"), f"{path}.uid")
    config = ck.obj(item.get("config", {}), f"{path}.config")
    qids = _question_ids(item, path)
    orders = _orders(item, path, set(qids))
    answers = _answers(item, path, set(qids), orders)
    result = _result(item, path, item.get("status"))
    started_at = ck.required_ts(item.get("started_at"), f"{path}.started_at")
    position = ck.whole(item.get("position", 0), f"{path}.position")
    return {
        "uid": uid,
        "mode": ck.ident(item.get("mode"), f"{path}.mode"),
        "config": ck.json_text(config, f"{path}.config"),
        "question_ids": json.dumps(qids),
        "option_orders": json.dumps(orders),
        "position": position,
        "time_used_s": ck.seconds(item.get("time_used_s", 0), f"{path}.time_used_s"),
        "time_allowed_s": ck.seconds(item.get("time_allowed_s"), f"{path}.time_allowed_s", optional=True),
        "status": item["status"],
        "result": result,
        "summary": _summary(item, path, result),
        "started_at": started_at,
        "finished_at": ck.ts(item.get("finished_at"), f"{path}.finished_at"),
        "updated_at": ck.ts(item.get("updated_at"), f"{path}.updated_at") or started_at,
        "answers": answers,
    }
