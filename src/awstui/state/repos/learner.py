"""Questions of the learner's own: added under a service, edited, deleted (with a tombstone)."""

from __future__ import annotations

import os
import sqlite3

from ..db import Database
from ..errors import StoreError
from ..events import LearnerQuestionsChanged, QuestionChanged
from ..models import LearnerQuestion
from ..validate import check_id, check_question_text
from .marks import Emit

LEARNER_PREFIX = "mine-"


class LearnerRepo:
    def __init__(self, db: Database, emit: Emit):
        self._db = db
        self._emit = emit

    def add(self, service_id: str, text: str, qid: str | None = None) -> str:
        """Add a question under a service; returns its id (``mine-…``; ``qid`` when given: a
        question kept in memory while it could not be saved has its id already)."""
        check_id(service_id, "service id")
        check_question_text(text)

        def fn(c: sqlite3.Connection) -> str:
            new = qid
            while new is None:
                new = LEARNER_PREFIX + os.urandom(5).hex()
                if c.execute("SELECT 1 FROM learner_question WHERE qid = ?", (new,)).fetchone():
                    new = None
            c.execute(
                "INSERT OR IGNORE INTO learner_question (qid, service, text, created_at) VALUES (?, ?, ?, ?)",
                (new, service_id, text, self._db.ts()),
            )
            return new

        added = self._db.write(fn)
        self._emit(LearnerQuestionsChanged(added))
        return added

    @staticmethod
    def _own(c: sqlite3.Connection, qid: str) -> tuple[str, str | None]:
        row = c.execute("SELECT text, deleted_at FROM learner_question WHERE qid = ?", (qid,)).fetchone()
        if row is None or row[1] is not None:
            raise StoreError(f"{qid!r} is not a question of your own (only those can be edited or deleted)")
        return row[0], row[1]

    def update(self, qid: str, text: str) -> None:
        """Change the text. Unchanged: no event."""
        check_id(qid, "question id")
        check_question_text(text)

        def fn(c: sqlite3.Connection) -> bool:
            if self._own(c, qid)[0] == text:
                return False
            c.execute("UPDATE learner_question SET text = ?, updated_at = ? WHERE qid = ?", (text, self._db.ts(), qid))
            return True

        if self._db.write(fn):
            self._emit(LearnerQuestionsChanged(qid))

    def delete(self, qid: str) -> None:
        """Delete it, with its tick and written answer. Bundled questions cannot be: ``StoreError``."""
        check_id(qid, "question id")

        def fn(c: sqlite3.Connection) -> None:
            self._own(c, qid)
            ts = self._db.ts()
            # keep a tombstone so that importing an older export does not bring it back
            c.execute(
                "UPDATE learner_question SET text = '', updated_at = ?, deleted_at = ? WHERE qid = ?",
                (ts, ts, qid),
            )
            c.execute("DELETE FROM question_state WHERE qid = ?", (qid,))

        self._db.write(fn)
        self._emit(LearnerQuestionsChanged(qid), QuestionChanged(qid))

    def all(self) -> list[LearnerQuestion]:
        rows = self._db.read(
            lambda c: c.execute(
                "SELECT qid, service, text, created_at, updated_at FROM learner_question "
                "WHERE deleted_at IS NULL ORDER BY created_at, qid"
            ).fetchall()
        )
        return [LearnerQuestion(*r) for r in rows]
