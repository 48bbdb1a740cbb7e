"""Merging a parsed export into the store: per item the newer change wins, one function per section."""

from __future__ import annotations

import json
import sqlite3

from .. import marks
from ..models import FINISHED_STATUSES, AttemptStatus, MergeReport
from ..repos.seeding import attempts_now, listed_ids
from .parse import ParsedExport
from .reviews import merge_reviews

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
    "summary",
    "started_at",
    "finished_at",
    "updated_at",
)


def merge_rows(c: sqlite3.Connection, parsed: ParsedExport) -> MergeReport:
    report = MergeReport()
    _merge_learner(c, parsed, report)
    _merge_questions(c, parsed, report)
    _merge_services(c, parsed, report)
    _merge_settings(c, parsed, report)
    finished = _merge_attempts(c, parsed, report)
    merge_reviews(c, parsed.review_cards, parsed.review_logs, report)
    _seed_later(c, parsed, report, finished)
    return report


def _seed_later(
    c: sqlite3.Connection, parsed: ParsedExport, report: MergeReport, finished: list[tuple[int, bool]]
) -> None:
    """An export from before spaced review brought finished exams (``finished``: their ids here,
    and whether each is new here): their answers enter the schedule the way the upgrade to it
    seeds past ones. In a store with no reviews yet (a new machine) every attempt's answers replay
    (``seed_pending``); in one with reviews only the new attempts' answers go in, merged with its
    own (``seed_attempts``, added to any left waiting; repos/seeding.py). An attempt that was in
    progress here and finished there keeps what was graded here (its practice answers were
    graded as they were revealed: seeding it would count them twice)."""
    if parsed.has_reviews or not finished:
        return
    if c.execute("SELECT 1 FROM review_log LIMIT 1").fetchone() is None:
        c.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('seed_pending', '1')")
    elif new := {attempt for attempt, added in finished if added}:
        waiting = listed_ids(attempts_now(c))
        c.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('seed_attempts', ?)",
            (json.dumps(sorted(waiting | new)),),
        )
    else:
        report.notes.append("the exams finished elsewhere keep the reviews graded here")
        return
    report.notes.append("the exams' answers will seed the review schedule")


def _merge_learner(c: sqlite3.Connection, parsed: ParsedExport, report: MergeReport) -> None:
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


def _merge_questions(c: sqlite3.Connection, parsed: ParsedExport, report: MergeReport) -> None:
    for qid, item in parsed.questions.items():
        tomb = c.execute("SELECT deleted_at FROM learner_question WHERE qid = ?", (qid,)).fetchone()
        report.count(marks.merge_mark(c, marks.QUESTIONS, qid, item, tomb[0] if tomb else None), "questions")


def _merge_services(c: sqlite3.Connection, parsed: ParsedExport, report: MergeReport) -> None:
    for sid, item in parsed.services.items():
        report.count(marks.merge_mark(c, marks.SERVICES, sid, item), "services")


def _merge_settings(c: sqlite3.Connection, parsed: ParsedExport, report: MergeReport) -> None:
    for key, (value, updated_at) in parsed.settings.items():
        row = c.execute("SELECT updated_at FROM setting WHERE key = ?", (key,)).fetchone()
        if row is not None and not marks.newer(updated_at, row[0]):
            report.count("kept", "settings")
            continue
        c.execute(
            "INSERT INTO setting (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE "
            "SET value = excluded.value, updated_at = excluded.updated_at",
            (key, value, updated_at),
        )
        report.count("added" if row is None else "updated", "settings")


def _take_attempt(ours: str, theirs: str, ours_updated: str, theirs_updated: str | None) -> bool:
    if ours in FINISHED_STATUSES:
        return False  # finished exactly once: ours stays
    if theirs in FINISHED_STATUSES:
        return True
    if ours == AttemptStatus.ABANDONED:
        return False
    if theirs == AttemptStatus.ABANDONED:
        return True
    return marks.newer(theirs_updated, ours_updated)  # both in progress


def _merge_attempts(c: sqlite3.Connection, parsed: ParsedExport, report: MergeReport) -> list[tuple[int, bool]]:
    """The attempts merged in; returns ``(id, new here)`` for those that came in finished (added,
    or finished there while in progress here)."""
    finished: list[tuple[int, bool]] = []
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
            if not _take_attempt(ours, item["status"], ours_updated, item["updated_at"]):
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
        if item["status"] in FINISHED_STATUSES and attempt_id is not None:
            finished.append((int(attempt_id), row is None))
    return finished
