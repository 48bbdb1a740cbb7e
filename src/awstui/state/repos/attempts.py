"""Exam attempts: created, answered, flagged, saved, finished or abandoned, and read back."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterable
from typing import Any

from ..db import Database
from ..errors import StoreError
from ..events import AttemptChanged
from ..models import FINISHED_STATUSES, Attempt, AttemptResult, AttemptStatus
from ..validate import (
    check_attempt_id,
    check_dict,
    check_id,
    check_option_order,
    check_position,
    check_seconds,
    check_selected,
    dumps,
    loads,
)
from .marks import Emit

ATTEMPT_COLUMNS = (
    "id, mode, config, question_ids, option_orders, position, time_used_s, time_allowed_s, "
    "status, result, started_at, finished_at, uid, updated_at"
)
NEWEST_FIRST = "ORDER BY started_at DESC, id DESC"
Also = Callable[[sqlite3.Connection], object] | None  # more work in a write's transaction
IN_PROGRESS = f"status = '{AttemptStatus.IN_PROGRESS}'"  # SQL


def _attempt_row(c: sqlite3.Connection, attempt_id: int) -> tuple[Any, ...]:
    check_attempt_id(attempt_id)
    row = c.execute(
        "SELECT status, question_ids, option_orders, time_used_s FROM attempt WHERE id = ?", (attempt_id,)
    ).fetchone()
    if row is None:
        raise StoreError(f"there is no exam attempt {attempt_id}")
    return tuple(row)


def _build_attempt(
    row: tuple[Any, ...], answer_rows: Iterable[tuple[Any, ...]], decoded: dict | None = None
) -> Attempt:
    answers: dict[str, list[int]] = {}
    flags: set[str] = set()
    decoded = {} if decoded is None else decoded  # the same few selections recur: decode each once
    for qid, selected, flagged in answer_rows:
        picked = decoded.get(selected)
        if picked is None:
            picked = decoded[selected] = loads(selected, "answer") or []
        if picked:
            answers[qid] = list(picked)
        if flagged:
            flags.add(qid)
    return Attempt(
        id=row[0],
        mode=row[1],
        config=loads(row[2], "attempt config") or {},
        question_ids=list(loads(row[3], "question list") or []),
        option_orders={k: list(v) for k, v in (loads(row[4], "option orders") or {}).items()},
        answers=answers,
        flags=flags,
        position=row[5],
        time_used_s=row[6],
        time_allowed_s=row[7],
        status=AttemptStatus(row[8]),
        result=loads(row[9], "result"),
        started_at=row[10],
        finished_at=row[11],
        uid=row[12],
        updated_at=row[13],
    )


def _listed(row: tuple[Any, ...], summary: str | None, result: str | None) -> AttemptResult:
    """A listed attempt from ``id, mode, status, started_at, finished_at`` and its JSON texts."""
    return AttemptResult(
        id=row[0],
        mode=row[1],
        status=AttemptStatus(row[2]),
        started_at=row[3],
        finished_at=row[4],
        summary=loads(summary, "summary"),
        result=loads(result, "result"),
    )


def _check_new(mode: str, config: dict, question_ids: list[str], option_orders: dict[str, list[int]]) -> tuple:
    check_id(mode, "mode")
    config_text = dumps(check_dict(config, "config"), "config")
    if not isinstance(question_ids, (list, tuple)):
        raise StoreError("question_ids must be a list of question ids")
    qids = [check_id(q, "question id") for q in question_ids]
    if len(set(qids)) != len(qids):
        raise StoreError("question_ids lists a question twice")
    if not isinstance(option_orders, dict):
        raise StoreError("option_orders must be a dict: question id -> list of option indices")
    orders = {}
    for qid, order in option_orders.items():
        if qid not in qids:
            raise StoreError(f"option_orders names {qid!r}, which is not one of the attempt's questions")
        orders[qid] = check_option_order(order, f"option order of {qid!r}")
    return config_text, qids, orders


def _leased_elsewhere(c: sqlite3.Connection, attempt_id: int, holder: str) -> bool:
    """Another instance holds the attempt's lease (see ``leases.py``): its writes only."""
    row = c.execute("SELECT 1 FROM attempt_lease WHERE attempt_id = ? AND holder != ?", (attempt_id, holder)).fetchone()
    return row is not None


class AttemptRepo:
    def __init__(self, db: Database, emit: Emit, holder: str = ""):
        self._db = db
        self._emit = emit
        self._holder = holder  # this store's lease token: writes to an attempt leased elsewhere are refused

    def _changing(self, attempt_id: int, changed: bool) -> bool:
        if changed:
            self._emit(AttemptChanged(attempt_id))
        return changed

    def create(
        self,
        mode: str,
        config: dict,
        question_ids: list[str],
        option_orders: dict[str, list[int]],
        time_allowed_s: float | None,
    ) -> int:
        config_text, qids, orders = _check_new(mode, config, question_ids, option_orders)
        allowed = check_seconds(time_allowed_s, "time_allowed_s", optional=True)

        def fn(c: sqlite3.Connection) -> int:
            ts = self._db.ts()
            cur = c.execute(
                "INSERT INTO attempt (uid, mode, config, question_ids, option_orders, time_allowed_s, "
                "started_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (os.urandom(16).hex(), mode, config_text, json.dumps(qids), json.dumps(orders), allowed, ts, ts),
            )
            return int(cur.lastrowid or 0)

        attempt_id = self._db.write(fn)
        self._emit(AttemptChanged(attempt_id))
        return attempt_id

    def write_answer(
        self, attempt_id: int, qid: str, time_used_s: float, column: str, value: object, also: Also = None
    ) -> bool:
        """Save one question's ``selected`` or ``flagged``; False when the attempt is not in progress.
        ``also(c)`` runs in the same transaction once the answer is saved (its review)."""
        check_id(qid, "question id")
        used = check_seconds(time_used_s, "time_used_s")

        def fn(c: sqlite3.Connection) -> bool:
            status, qids_text, orders_text, _ = _attempt_row(c, attempt_id)
            if status != AttemptStatus.IN_PROGRESS or _leased_elsewhere(c, attempt_id, self._holder):
                return False
            if qid not in loads(qids_text, "question list"):
                raise StoreError(f"{qid!r} is not a question of exam attempt {attempt_id}")
            stored = value
            if column == "selected":
                order = (loads(orders_text, "option orders") or {}).get(qid)
                stored = json.dumps(check_selected(value, len(order) if order else None, "selected"))
            ts = self._db.ts()
            c.execute(
                f"INSERT INTO attempt_answer (attempt_id, qid, {column}, updated_at) VALUES (?, ?, ?, ?) "
                f"ON CONFLICT (attempt_id, qid) DO UPDATE SET {column} = excluded.{column}, "
                "updated_at = excluded.updated_at",
                (attempt_id, qid, stored, ts),
            )
            c.execute(
                "UPDATE attempt SET time_used_s = MAX(time_used_s, ?), updated_at = ? WHERE id = ?",
                (used, ts, attempt_id),
            )
            if also is not None:
                also(c)
            return True

        return self._changing(attempt_id, self._db.write(fn))

    def save_progress(self, attempt_id: int, time_used_s: float, position: int | None = None) -> bool:
        used = check_seconds(time_used_s, "time_used_s")
        check_position(position)

        def fn(c: sqlite3.Connection) -> bool:
            if _attempt_row(c, attempt_id)[0] != AttemptStatus.IN_PROGRESS:
                return False
            if _leased_elsewhere(c, attempt_id, self._holder):
                return False
            cur = c.execute(
                "UPDATE attempt SET time_used_s = MAX(time_used_s, ?), position = COALESCE(?, position), "
                "updated_at = ? WHERE id = ? AND (time_used_s < ? OR (? IS NOT NULL AND position IS NOT ?))",
                (used, position, self._db.ts(), attempt_id, used, position, position),
            )
            return cur.rowcount > 0

        return self._changing(attempt_id, self._db.write(fn))

    def finish(
        self,
        attempt_id: int,
        status: str,
        result: dict,
        time_used_s: float,
        summary: dict | None = None,
        also: Also = None,
    ) -> bool:
        if status not in FINISHED_STATUSES:
            raise StoreError(f"status must be one of {', '.join(FINISHED_STATUSES)}, not {status!r}")
        result_text = dumps(check_dict(result, "result"), "result")
        summary_text = None if summary is None else dumps(check_dict(summary, "summary"), "summary")
        used = check_seconds(time_used_s, "time_used_s")

        def fn(c: sqlite3.Connection) -> bool:
            _attempt_row(c, attempt_id)
            if _leased_elsewhere(c, attempt_id, self._holder):
                return False
            ts = self._db.ts()
            cur = c.execute(
                "UPDATE attempt SET status = ?, result = ?, summary = ?, time_used_s = MAX(time_used_s, ?), "
                f"finished_at = ?, updated_at = ? WHERE id = ? AND {IN_PROGRESS}",
                (str(status), result_text, summary_text, used, ts, ts, attempt_id),
            )
            c.execute("DELETE FROM attempt_lease WHERE attempt_id = ?", (attempt_id,))
            if cur.rowcount == 1 and also is not None:
                also(c)  # (its reviews: recorded exactly once, with the finish)
            return cur.rowcount == 1

        return self._changing(attempt_id, self._db.write(fn))

    def abandon(self, attempt_id: int) -> bool:
        def fn(c: sqlite3.Connection) -> bool:
            _attempt_row(c, attempt_id)
            if _leased_elsewhere(c, attempt_id, self._holder):
                return False
            ts = self._db.ts()
            cur = c.execute(
                f"UPDATE attempt SET status = ?, finished_at = ?, updated_at = ? WHERE id = ? AND {IN_PROGRESS}",
                (AttemptStatus.ABANDONED, ts, ts, attempt_id),
            )
            c.execute("DELETE FROM attempt_lease WHERE attempt_id = ?", (attempt_id,))
            return cur.rowcount == 1

        return self._changing(attempt_id, self._db.write(fn))

    # ------------------------------------------------------------------ reads

    def one(self, attempt_id: int) -> Attempt:
        def fn(c: sqlite3.Connection) -> Attempt:
            _attempt_row(c, attempt_id)
            row = c.execute(f"SELECT {ATTEMPT_COLUMNS} FROM attempt WHERE id = ?", (attempt_id,)).fetchone()
            answers = c.execute(
                "SELECT qid, selected, flagged FROM attempt_answer WHERE attempt_id = ?", (attempt_id,)
            ).fetchall()
            return _build_attempt(row, answers)

        return self._db.read(fn)

    def all(self, include_answers: bool = True) -> list[Attempt]:
        def fn(c: sqlite3.Connection) -> list[Attempt]:
            rows = c.execute(f"SELECT {ATTEMPT_COLUMNS} FROM attempt {NEWEST_FIRST}").fetchall()
            by_attempt: dict[int, list[tuple]] = {}
            if include_answers:
                for aid, qid, selected, flagged in c.execute(
                    "SELECT attempt_id, qid, selected, flagged FROM attempt_answer"
                ):
                    by_attempt.setdefault(aid, []).append((qid, selected, flagged))
            decoded: dict = {}
            return [_build_attempt(r, by_attempt.get(r[0], ()), decoded) for r in rows]

        return self._db.read(fn)

    def results(self, result_omits: Iterable[str] = (), after_id: int | None = None) -> list[AttemptResult]:
        omits: list[object] = list(result_omits)
        bad = [k for k in omits if not isinstance(k, str) or not k.isidentifier()]
        if bad:
            raise StoreError(f"result_omits takes plain key names, not {bad[0]!r}")
        result = f"json_remove(result, {', '.join(repr(f'$.{k}') for k in omits)})" if omits else "result"
        where = "" if after_id is None else f"WHERE id > {check_attempt_id(after_id)} "
        sql = f"SELECT id, mode, status, started_at, finished_at, {result} FROM attempt {where}{NEWEST_FIRST}"

        return self._db.read(lambda c: [_listed(r, None, r[5]) for r in c.execute(sql)])

    def summaries(self, finished_only: bool, limit: int | None, after_id: int | None) -> list[AttemptResult]:
        """Attempts with their summaries, newest first; ``result`` only where there is no summary
        (for the exam layer to compute it from: ``save_summaries``)."""
        # "+status": walk the newest-first index (the status index would make SQLite sort every row)
        where = [f"+status IN ({', '.join(repr(str(s)) for s in FINISHED_STATUSES)})"] if finished_only else []
        if after_id is not None:
            where.append(f"id > {check_attempt_id(after_id)}")
        if limit is not None and (isinstance(limit, bool) or limit < 0):
            raise StoreError(f"limit must be an integer >= 0, not {limit!r}")
        sql = (
            "SELECT id, mode, status, started_at, finished_at, summary, "
            f"CASE WHEN summary IS NULL THEN result END FROM attempt "
            f"{'WHERE ' + ' AND '.join(where) if where else ''} {NEWEST_FIRST}"
            f"{'' if limit is None else f' LIMIT {limit}'}"
        )

        return self._db.read(lambda c: [_listed(r, r[5], r[6]) for r in c.execute(sql)])

    def scores(self, limit: int) -> list[int]:
        """The scaled scores of the newest ``limit`` finished attempts, newest first, read by
        SQLite out of each summary (or result): a trend draws them without decoding either."""
        raw: object = limit  # checked at run time: callers may pass anything
        if isinstance(raw, bool) or not isinstance(raw, int) or raw < 0:
            raise StoreError(f"limit must be an integer >= 0, not {limit!r}")
        finished = ", ".join(repr(str(s)) for s in FINISHED_STATUSES)
        sql = (
            "SELECT coalesce(json_extract(summary, '$.scaled'), json_extract(result, '$.scaled')) FROM attempt "
            f"WHERE +status IN ({finished}) {NEWEST_FIRST} LIMIT {limit}"
        )
        rows = self._db.read(lambda c: c.execute(sql).fetchall())
        return [int(v) for (v,) in rows if isinstance(v, (int, float)) and not isinstance(v, bool)]

    def save_summaries(self, summaries: dict[int, dict]) -> int | None:
        """Write summaries where an attempt has none; returns how many were written, None when
        the write failed (a busy or read-only file: this is a cache). Bad input raises. No event:
        what they say is what the results said."""
        rows = [
            (dumps(check_dict(summary, "summary"), "summary"), check_attempt_id(aid))
            for aid, summary in summaries.items()
        ]

        def fn(c: sqlite3.Connection) -> int:
            return sum(
                c.execute("UPDATE attempt SET summary = ? WHERE id = ? AND summary IS NULL", row).rowcount
                for row in rows
            )

        if not rows:
            return 0
        try:
            return self._db.write(fn)
        except StoreError:
            return None

    def counts(self) -> dict[str, Any]:
        """How many attempts there are by status, and the highest id of a finished one."""
        finished = ", ".join(repr(str(s)) for s in FINISHED_STATUSES)

        def fn(c: sqlite3.Connection) -> dict[str, Any]:
            out: dict[str, Any] = {str(s): 0 for s in AttemptStatus}
            out.update(dict(c.execute("SELECT status, count(*) FROM attempt GROUP BY status").fetchall()))
            out["finished_max_id"] = c.execute(f"SELECT max(id) FROM attempt WHERE status IN ({finished})").fetchone()[
                0
            ]
            return out

        return self._db.read(fn)

    def in_progress(self) -> Attempt | None:
        row = self._db.read(
            lambda c: c.execute(f"SELECT id FROM attempt WHERE {IN_PROGRESS} {NEWEST_FIRST} LIMIT 1").fetchone()
        )
        return self.one(row[0]) if row else None
