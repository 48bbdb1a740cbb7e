"""Export and import: the whole state as versioned, readable JSON, merged back item by item.

Format (``version`` 1)::

    {"format": "awstui-state", "version": 1, "exported_at": "<ts>",
     "questions":  {qid: {"answered", "answered_at", "answered_changed_at", "answer", "answer_updated_at"}},
     "services":   {sid: {"reviewed", "reviewed_at", "reviewed_changed_at", "review_count",
                          "annotation", "annotation_updated_at"}},
     "learner_questions": {qid: {"service", "text", "created_at", "updated_at", "deleted_at"}},
     "settings":   {key: {"value": <json>, "updated_at"}},
     "attempts":   [{"uid", "mode", "config", "question_ids", "option_orders",
                     "answers": {qid: {"selected": [int], "flagged": bool, "updated_at"}},
                     "position", "time_used_s", "time_allowed_s", "status", "result",
                     "started_at", "finished_at", "updated_at"}]}

Merging: per item (a question's tick, its written answer, a service's mark, its annotation,
a setting, a question of the learner's own, an attempt) the change with the newer timestamp
wins; on a tie ours is kept. A finished attempt stays as it was finished. A deleted question
of the learner's own stays deleted unless the other side changed it later.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from .clock import normalize_ts
from .errors import StoreError
from .models import ATTEMPT_STATUSES, FINISHED_STATUSES, ImportReport
from .validate import MAX_ID_LEN, check_option_order, check_selected

FORMAT = "awstui-state"
FORMAT_VERSION = 1


# ---------------------------------------------------------------------- export


def _loads(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def export_rows(c: sqlite3.Connection, exported_at: str) -> dict:
    questions = {
        r[0]: {
            "answered": bool(r[1]),
            "answered_at": r[2],
            "answered_changed_at": r[3],
            "answer": r[4],
            "answer_updated_at": r[5],
        }
        for r in c.execute(
            "SELECT qid, answered, answered_at, answered_changed_at, answer, answer_updated_at "
            "FROM question_state ORDER BY qid"
        )
    }
    services = {
        r[0]: {
            "reviewed": bool(r[1]),
            "reviewed_at": r[2],
            "reviewed_changed_at": r[3],
            "review_count": r[4],
            "annotation": r[5],
            "annotation_updated_at": r[6],
        }
        for r in c.execute(
            "SELECT sid, reviewed, reviewed_at, reviewed_changed_at, review_count, annotation, "
            "annotation_updated_at FROM service_state ORDER BY sid"
        )
    }
    learner = {
        r[0]: {"service": r[1], "text": r[2], "created_at": r[3], "updated_at": r[4], "deleted_at": r[5]}
        for r in c.execute(
            "SELECT qid, service, text, created_at, updated_at, deleted_at FROM learner_question "
            "ORDER BY created_at, qid"
        )
    }
    settings = {}
    for key, value, updated_at in c.execute("SELECT key, value, updated_at FROM setting ORDER BY key"):
        try:
            settings[key] = {"value": json.loads(value), "updated_at": updated_at}
        except ValueError:
            continue
    answers: dict[int, dict] = {}
    for aid, qid, selected, flagged, updated_at in c.execute(
        "SELECT attempt_id, qid, selected, flagged, updated_at FROM attempt_answer ORDER BY attempt_id, qid"
    ):
        answers.setdefault(aid, {})[qid] = {
            "selected": _loads(selected) or [],
            "flagged": bool(flagged),
            "updated_at": updated_at,
        }
    attempts = []
    for r in c.execute(
        "SELECT id, uid, mode, config, question_ids, option_orders, position, time_used_s, time_allowed_s, "
        "status, result, started_at, finished_at, updated_at FROM attempt ORDER BY started_at, id"
    ):
        attempts.append(
            {
                "uid": r[1],
                "mode": r[2],
                "config": _loads(r[3]),
                "question_ids": _loads(r[4]),
                "option_orders": _loads(r[5]),
                "answers": answers.get(r[0], {}),
                "position": r[6],
                "time_used_s": r[7],
                "time_allowed_s": r[8],
                "status": r[9],
                "result": _loads(r[10]),
                "started_at": r[11],
                "finished_at": r[12],
                "updated_at": r[13],
            }
        )
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "exported_at": exported_at,
        "questions": questions,
        "services": services,
        "learner_questions": learner,
        "settings": settings,
        "attempts": attempts,
    }


def empty_export(exported_at: str) -> dict:
    """What ``export_state`` gives for a learner who has done nothing yet."""
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "exported_at": exported_at,
        "questions": {},
        "services": {},
        "learner_questions": {},
        "settings": {},
        "attempts": [],
    }


# ---------------------------------------------------------------------- validation


class _Bad(Exception):
    pass


def _printable(text: str) -> str:
    """Control characters (a newline in a key of the file, say) shown escaped: the message stays one line."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def _fail(path: str, message: str) -> None:
    raise _Bad(f"{_printable(path)}: {_printable(message)}")


def _type_name(value: Any) -> str:
    return {
        type(None): "null",
        bool: "true/false",
        int: "a number",
        float: "a number",
        str: "a string",
        list: "a list",
        dict: "an object",
    }.get(type(value), type(value).__name__)


def _obj(value: Any, path: str) -> dict:
    if not isinstance(value, dict):
        _fail(path, f"expected an object, got {_type_name(value)}")
    return value


def _ident(value: Any, path: str) -> str:
    if not isinstance(value, str) or not value.strip():
        _fail(path, "expected a non-empty id")
    if len(value) > MAX_ID_LEN:
        _fail(path, f"id longer than {MAX_ID_LEN} characters")
    return value


def _str(value: Any, path: str) -> str:
    if not isinstance(value, str):
        _fail(path, f"expected a string, got {_type_name(value)}")
    return value


def _bool(value: Any, path: str) -> bool:
    if not isinstance(value, bool):
        _fail(path, f"expected true or false, got {_type_name(value)}")
    return value


def _ts(value: Any, path: str, optional: bool = True) -> str | None:
    if value is None:
        if not optional:
            _fail(path, "a timestamp is required")
        return None
    try:
        return normalize_ts(value)
    except (ValueError, TypeError, OverflowError):
        _fail(path, f"expected an ISO 8601 timestamp, got {value!r:.60}")
    return None  # unreachable


def _int(value: Any, path: str, minimum: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum or value > 2**62:
        _fail(path, f"expected a whole number >= {minimum}, got {value!r:.60}")
    return value


def _seconds(value: Any, path: str, optional: bool = False) -> float | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not (0 <= value < 1e12):
        _fail(path, f"expected a number of seconds >= 0, got {value!r:.60}")
    return float(value)


def _json_text(value: Any, path: str) -> str:
    try:
        return json.dumps(value, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError):
        _fail(path, "not JSON-serialisable")
    return ""  # unreachable


def _section(data: dict, key: str, kind: type) -> Any:
    value = data.get(key)
    if value is None:
        return kind()
    if not isinstance(value, kind):
        _fail(key, f"expected {'an object' if kind is dict else 'a list'}, got {_type_name(value)}")
    return value


def _reraise_check(fn, path: str, *args: Any) -> Any:
    try:
        return fn(*args)
    except StoreError as err:
        _fail(path, str(err))


@dataclass
class ParsedExport:
    exported_at: str | None
    questions: dict[str, dict] = field(default_factory=dict)
    services: dict[str, dict] = field(default_factory=dict)
    learner: dict[str, dict] = field(default_factory=dict)
    settings: dict[str, tuple[str, str]] = field(default_factory=dict)
    attempts: list[dict] = field(default_factory=list)


def parse_export(data: Any) -> ParsedExport:
    """Check an export completely (before anything is merged); ``StoreError`` names the first problem."""
    try:
        return _parse(data)
    except _Bad as err:
        raise StoreError(f"not a usable awstui state export: {err}") from None


def _parse(data: Any) -> ParsedExport:
    if not isinstance(data, dict):
        raise _Bad(f"expected a JSON object at the top, got {_type_name(data)}")
    if data.get("format") != FORMAT:
        raise _Bad(f"format: expected {FORMAT!r}, got {data.get('format')!r:.60}")
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise _Bad(f"version: expected a whole number >= 1, got {version!r:.60}")
    if version > FORMAT_VERSION:
        raise _Bad(f"version {version} was written by a newer awstui; this one reads up to version {FORMAT_VERSION}")
    exported_at = _ts(data.get("exported_at"), "exported_at")
    out = ParsedExport(exported_at)

    for qid, item in _section(data, "questions", dict).items():
        path = f"questions.{qid}"
        _ident(qid, path)
        _obj(item, path)
        answered = _bool(item.get("answered", False), f"{path}.answered")
        answered_at = _ts(item.get("answered_at"), f"{path}.answered_at")
        changed = _ts(item.get("answered_changed_at"), f"{path}.answered_changed_at") or answered_at
        answer = _str(item.get("answer", ""), f"{path}.answer")
        answer_at = _ts(item.get("answer_updated_at"), f"{path}.answer_updated_at")
        if answered and changed is None:
            changed = exported_at
        if answer and answer_at is None:
            answer_at = exported_at
        out.questions[qid] = {
            "answered": answered,
            "answered_at": (answered_at or changed) if answered else None,
            "answered_changed_at": changed,
            "answer": answer,
            "answer_updated_at": answer_at,
        }

    for sid, item in _section(data, "services", dict).items():
        path = f"services.{sid}"
        _ident(sid, path)
        _obj(item, path)
        reviewed = _bool(item.get("reviewed", False), f"{path}.reviewed")
        reviewed_at = _ts(item.get("reviewed_at"), f"{path}.reviewed_at")
        changed = _ts(item.get("reviewed_changed_at"), f"{path}.reviewed_changed_at") or reviewed_at
        annotation = _str(item.get("annotation", ""), f"{path}.annotation")
        annotation_at = _ts(item.get("annotation_updated_at"), f"{path}.annotation_updated_at")
        if reviewed and changed is None:
            changed = exported_at
        if annotation and annotation_at is None:
            annotation_at = exported_at
        out.services[sid] = {
            "reviewed": reviewed,
            "reviewed_at": (reviewed_at or changed) if reviewed else None,
            "reviewed_changed_at": changed,
            "review_count": _int(item.get("review_count", int(reviewed)), f"{path}.review_count"),
            "annotation": annotation,
            "annotation_updated_at": annotation_at,
        }

    for qid, item in _section(data, "learner_questions", dict).items():
        path = f"learner_questions.{qid}"
        _ident(qid, path)
        _obj(item, path)
        deleted_at = _ts(item.get("deleted_at"), f"{path}.deleted_at")
        text = _str(item.get("text", ""), f"{path}.text")
        if not deleted_at and not text.strip():
            _fail(f"{path}.text", "a question needs some text")
        out.learner[qid] = {
            "service": _ident(item.get("service"), f"{path}.service"),
            "text": "" if deleted_at else text,
            "created_at": _ts(item.get("created_at"), f"{path}.created_at", optional=False),
            "updated_at": _ts(item.get("updated_at"), f"{path}.updated_at"),
            "deleted_at": deleted_at,
        }

    for key, item in _section(data, "settings", dict).items():
        path = f"settings.{key}"
        _ident(key, path)
        _obj(item, path)
        if "value" not in item:
            _fail(f"{path}.value", "missing")
        out.settings[key] = (
            _json_text(item["value"], f"{path}.value"),
            _ts(item.get("updated_at"), f"{path}.updated_at", optional=False),
        )

    seen: set[str] = set()
    for index, item in enumerate(_section(data, "attempts", list)):
        path = f"attempts[{index}]"
        _obj(item, path)
        uid = _ident(item.get("uid"), f"{path}.uid")
        if uid in seen:
            _fail(f"{path}.uid", f"{uid!r} appears twice")
        seen.add(uid)
        config = _obj(item.get("config", {}), f"{path}.config")
        qids = item.get("question_ids")
        if not isinstance(qids, list):
            _fail(f"{path}.question_ids", "expected a list of question ids")
        for i, q in enumerate(qids):
            _ident(q, f"{path}.question_ids[{i}]")
        if len(set(qids)) != len(qids):
            _fail(f"{path}.question_ids", "lists a question twice")
        qset = set(qids)
        orders = {}
        for qid, order in _obj(item.get("option_orders", {}), f"{path}.option_orders").items():
            if qid not in qset:
                _fail(f"{path}.option_orders.{qid}", "not one of the attempt's questions")
            orders[qid] = _reraise_check(check_option_order, f"{path}.option_orders.{qid}", order, "option order")
        answers = {}
        for qid, ans in _obj(item.get("answers", {}), f"{path}.answers").items():
            apath = f"{path}.answers.{qid}"
            if qid not in qset:
                _fail(apath, "not one of the attempt's questions")
            _obj(ans, apath)
            n = len(orders[qid]) if qid in orders else None
            selected = _reraise_check(check_selected, f"{apath}.selected", ans.get("selected", []), n, "selected")
            answers[qid] = (
                json.dumps(selected),
                int(_bool(ans.get("flagged", False), f"{apath}.flagged")),
                _ts(ans.get("updated_at"), f"{apath}.updated_at", optional=False),
            )
        status = item.get("status")
        if status not in ATTEMPT_STATUSES:
            _fail(f"{path}.status", f"expected one of {', '.join(ATTEMPT_STATUSES)}, got {status!r:.60}")
        result = item.get("result")
        if result is not None:
            _obj(result, f"{path}.result")
        if status in FINISHED_STATUSES and result is None:
            _fail(f"{path}.result", f"a {status} attempt needs its result")
        started_at = _ts(item.get("started_at"), f"{path}.started_at", optional=False)
        position = _int(item.get("position", 0), f"{path}.position")
        out.attempts.append(
            {
                "uid": uid,
                "mode": _ident(item.get("mode"), f"{path}.mode"),
                "config": _json_text(config, f"{path}.config"),
                "question_ids": json.dumps(qids),
                "option_orders": json.dumps(orders),
                "position": position,
                "time_used_s": _seconds(item.get("time_used_s", 0), f"{path}.time_used_s"),
                "time_allowed_s": _seconds(item.get("time_allowed_s"), f"{path}.time_allowed_s", optional=True),
                "status": status,
                "result": None if result is None else _json_text(result, f"{path}.result"),
                "started_at": started_at,
                "finished_at": _ts(item.get("finished_at"), f"{path}.finished_at"),
                "updated_at": _ts(item.get("updated_at"), f"{path}.updated_at") or started_at,
                "answers": answers,
            }
        )
    return out


# ---------------------------------------------------------------------- merge


def _newer(incoming: str | None, ours: str | None) -> bool:
    return incoming is not None and (ours is None or incoming > ours)


def merge_rows(c: sqlite3.Connection, parsed: ParsedExport) -> ImportReport:
    report = ImportReport()
    _merge_learner(c, parsed, report)
    _merge_questions(c, parsed, report)
    _merge_services(c, parsed, report)
    _merge_settings(c, parsed, report)
    _merge_attempts(c, parsed, report)
    return report


def _merge_learner(c: sqlite3.Connection, parsed: ParsedExport, report: ImportReport) -> None:
    for qid, item in parsed.learner.items():
        row = c.execute(
            "SELECT created_at, updated_at, deleted_at FROM learner_question WHERE qid = ?", (qid,)
        ).fetchone()
        incoming_last = max(t for t in (item["created_at"], item["updated_at"], item["deleted_at"]) if t)
        values = (item["service"], item["text"], item["created_at"], item["updated_at"], item["deleted_at"], qid)
        if row is None:
            c.execute(
                "INSERT INTO learner_question (service, text, created_at, updated_at, deleted_at, qid) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                values,
            )
            report.count("added", "learner_questions")
        elif incoming_last > max(t for t in row if t):
            c.execute(
                "UPDATE learner_question SET service = ?, text = ?, created_at = ?, updated_at = ?, "
                "deleted_at = ? WHERE qid = ?",
                values,
            )
            if item["deleted_at"] and not row[2]:
                c.execute("DELETE FROM question_state WHERE qid = ?", (qid,))
            report.count("updated", "learner_questions")
        else:
            report.count("kept", "learner_questions")


def _merge_questions(c: sqlite3.Connection, parsed: ParsedExport, report: ImportReport) -> None:
    for qid, item in parsed.questions.items():
        row = c.execute(
            "SELECT answered_changed_at, answer_updated_at FROM question_state WHERE qid = ?", (qid,)
        ).fetchone()
        tomb = c.execute("SELECT deleted_at FROM learner_question WHERE qid = ?", (qid,)).fetchone()
        deleted_at = tomb[0] if tomb else None
        ours_tick, ours_answer = row if row else (None, None)
        take_answer = _newer(item["answer_updated_at"], ours_answer) and (
            deleted_at is None or _newer(item["answer_updated_at"], deleted_at)
        )
        take_tick = _newer(item["answered_changed_at"], ours_tick) and (
            deleted_at is None or _newer(item["answered_changed_at"], deleted_at)
        )
        if not (take_tick or take_answer):
            report.count("kept", "questions")
            continue
        c.execute("INSERT OR IGNORE INTO question_state (qid) VALUES (?)", (qid,))
        if take_tick:
            c.execute(
                "UPDATE question_state SET answered = ?, answered_at = ?, answered_changed_at = ? WHERE qid = ?",
                (int(item["answered"]), item["answered_at"], item["answered_changed_at"], qid),
            )
        if take_answer:
            c.execute(
                "UPDATE question_state SET answer = ?, answer_updated_at = ? WHERE qid = ?",
                (item["answer"], item["answer_updated_at"], qid),
            )
        report.count("added" if row is None else "updated", "questions")


def _merge_services(c: sqlite3.Connection, parsed: ParsedExport, report: ImportReport) -> None:
    for sid, item in parsed.services.items():
        row = c.execute(
            "SELECT reviewed_changed_at, review_count, annotation_updated_at FROM service_state WHERE sid = ?",
            (sid,),
        ).fetchone()
        ours_mark, ours_count, ours_note = row if row else (None, 0, None)
        take_mark = _newer(item["reviewed_changed_at"], ours_mark)
        take_note = _newer(item["annotation_updated_at"], ours_note)
        take_count = item["review_count"] > ours_count
        if not (take_mark or take_note or take_count):
            report.count("kept", "services")
            continue
        c.execute("INSERT OR IGNORE INTO service_state (sid) VALUES (?)", (sid,))
        if take_mark:
            c.execute(
                "UPDATE service_state SET reviewed = ?, reviewed_at = ?, reviewed_changed_at = ? WHERE sid = ?",
                (int(item["reviewed"]), item["reviewed_at"], item["reviewed_changed_at"], sid),
            )
        if take_count:
            c.execute("UPDATE service_state SET review_count = ? WHERE sid = ?", (item["review_count"], sid))
        if take_note:
            c.execute(
                "UPDATE service_state SET annotation = ?, annotation_updated_at = ? WHERE sid = ?",
                (item["annotation"], item["annotation_updated_at"], sid),
            )
        report.count("added" if row is None else "updated", "services")


def _merge_settings(c: sqlite3.Connection, parsed: ParsedExport, report: ImportReport) -> None:
    for key, (value, updated_at) in parsed.settings.items():
        row = c.execute("SELECT updated_at FROM setting WHERE key = ?", (key,)).fetchone()
        if row is not None and not _newer(updated_at, row[0]):
            report.count("kept", "settings")
            continue
        c.execute(
            "INSERT INTO setting (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE "
            "SET value = excluded.value, updated_at = excluded.updated_at",
            (key, value, updated_at),
        )
        report.count("added" if row is None else "updated", "settings")


_ATTEMPT_FIELDS = (
    "mode",
    "config",
    "question_ids",
    "option_orders",
    "position",
    "time_used_s",
    "time_allowed_s",
    "status",
    "result",
    "started_at",
    "finished_at",
    "updated_at",
)


def _merge_attempts(c: sqlite3.Connection, parsed: ParsedExport, report: ImportReport) -> None:
    for item in parsed.attempts:
        row = c.execute("SELECT id, status, updated_at FROM attempt WHERE uid = ?", (item["uid"],)).fetchone()
        values = [item[f] for f in _ATTEMPT_FIELDS]
        if row is None:
            cur = c.execute(
                f"INSERT INTO attempt (uid, {', '.join(_ATTEMPT_FIELDS)}) "
                f"VALUES (?, {', '.join('?' for _ in _ATTEMPT_FIELDS)})",
                [item["uid"], *values],
            )
            attempt_id = cur.lastrowid
            report.count("added", "attempts")
        else:
            attempt_id, ours, ours_updated = row
            theirs = item["status"]
            if ours in FINISHED_STATUSES:
                take = False  # finished exactly once: ours stays
            elif theirs in FINISHED_STATUSES:
                take = True
            elif ours == "abandoned":
                take = False
            elif theirs == "abandoned":
                take = True
            else:  # both in progress
                take = _newer(item["updated_at"], ours_updated)
            if not take:
                report.count("kept", "attempts")
                continue
            c.execute(
                f"UPDATE attempt SET {', '.join(f + ' = ?' for f in _ATTEMPT_FIELDS)} WHERE id = ?",
                [*values, attempt_id],
            )
            c.execute("DELETE FROM attempt_answer WHERE attempt_id = ?", (attempt_id,))
            report.count("updated", "attempts")
        c.executemany(
            "INSERT INTO attempt_answer (attempt_id, qid, selected, flagged, updated_at) VALUES (?, ?, ?, ?, ?)",
            [(attempt_id, qid, *ans) for qid, ans in item["answers"].items()],
        )
