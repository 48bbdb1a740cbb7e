"""The state as an export (format: ``awstui.state.exchange``), one function per section."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from .. import marks
from .reviews import export_reviews

FORMAT = "awstui-state"
FORMAT_VERSION = 1


def _loads(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def export_rows(c: sqlite3.Connection, exported_at: str) -> dict[str, Any]:
    return {
        **empty_export(exported_at),
        "questions": marks.export_marks(c, marks.QUESTIONS),
        "services": marks.export_marks(c, marks.SERVICES),
        "learner_questions": _learner(c),
        "settings": _settings(c),
        "attempts": _attempts(c),
        **export_reviews(c),
    }


def empty_export(exported_at: str) -> dict[str, Any]:
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
        "review_cards": [],
        "review_logs": [],
    }


def _learner(c: sqlite3.Connection) -> dict[str, dict[str, Any]]:
    return {
        r[0]: {"service": r[1], "text": r[2], "created_at": r[3], "updated_at": r[4], "deleted_at": r[5]}
        for r in c.execute(
            "SELECT qid, service, text, created_at, updated_at, deleted_at FROM learner_question "
            "ORDER BY created_at, qid"
        )
    }


def _settings(c: sqlite3.Connection) -> dict[str, dict[str, Any]]:
    settings = {}
    for key, value, updated_at in c.execute("SELECT key, value, updated_at FROM setting ORDER BY key"):
        try:
            settings[key] = {"value": json.loads(value), "updated_at": updated_at}
        except ValueError:
            continue
    return settings


def _answers(c: sqlite3.Connection) -> dict[int, dict[str, Any]]:
    answers: dict[int, dict[str, Any]] = {}
    for aid, qid, selected, flagged, updated_at in c.execute(
        "SELECT attempt_id, qid, selected, flagged, updated_at FROM attempt_answer ORDER BY attempt_id, qid"
    ):
        answers.setdefault(aid, {})[qid] = {
            "selected": _loads(selected) or [],
            "flagged": bool(flagged),
            "updated_at": updated_at,
        }
    return answers


def _attempts(c: sqlite3.Connection) -> list[dict[str, Any]]:
    answers = _answers(c)
    return [
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
            "summary": _loads(r[14]),
            "started_at": r[11],
            "finished_at": r[12],
            "updated_at": r[13],
        }
        for r in c.execute(
            "SELECT id, uid, mode, config, question_ids, option_orders, position, time_used_s, time_allowed_s, "
            "status, result, started_at, finished_at, updated_at, summary FROM attempt ORDER BY started_at, id"
        )
    ]
