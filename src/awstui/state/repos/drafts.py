"""Drafts: what an editor holds but the learner has not saved yet, kept as they type.

One row per edited thing (``answer:<qid>``, ``annotation:<sid>``, ``question:<qid>``,
``new-question:<sid>``) with the saved text the editor opened on (``base``, None for a new
item), so that a restored draft can tell whether the saved text changed underneath. A draft
goes only when the text is saved or the learner discards it. No events (nothing shows a draft
but the editor that keeps it) and never exported: a draft is this machine's unfinished typing.
"""

from __future__ import annotations

import sqlite3

from ...records import record
from ..db import Database
from ..validate import check_id, check_text

KINDS = ("answer", "annotation", "question", "new-question")


@record
class Draft:
    """An editor's unsaved text, kept as it was typed, and the saved text it started from."""

    key: str
    text: str
    base: str | None  # the saved text the editor opened on; None for a new item
    updated_at: str


def draft_key(kind: str, item_id: str) -> str:
    """The key of the draft of ``kind`` (one of ``KINDS``) for ``item_id``."""
    if kind not in KINDS:
        raise ValueError(f"not a kind of draft: {kind!r}")
    return check_id(f"{kind}:{check_id(item_id, 'draft item id')}", "draft key")


class DraftRepo:
    def __init__(self, db: Database):
        self._db = db

    def get(self, key: str) -> Draft | None:
        check_id(key, "draft key")
        row = self._db.read(
            lambda c: c.execute("SELECT text, base, updated_at FROM draft WHERE key = ?", (key,)).fetchone()
        )
        return None if row is None else Draft(key, row[0], row[1], row[2])

    def keep(self, key: str, text: str, base: str | None) -> None:
        """Keep (or replace) the draft of ``key``. The same text and base again: nothing written."""
        check_id(key, "draft key")
        check_text(text, "draft text")
        if base is not None:
            check_text(base, "draft base")

        def fn(c: sqlite3.Connection) -> None:
            row = c.execute("SELECT text, base FROM draft WHERE key = ?", (key,)).fetchone()
            if row is not None and row[0] == text and row[1] == base:
                return
            c.execute(
                "INSERT INTO draft (key, text, base, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO UPDATE "
                "SET text = excluded.text, base = excluded.base, updated_at = excluded.updated_at",
                (key, text, base, self._db.ts()),
            )

        self._db.write(fn)

    def drop(self, key: str) -> None:
        """The text was saved or discarded on purpose: the draft goes (none: nothing happens)."""
        check_id(key, "draft key")
        self._db.write(lambda c: c.execute("DELETE FROM draft WHERE key = ?", (key,)))

    def keys(self) -> list[str]:
        return [r[0] for r in self._db.read(lambda c: c.execute("SELECT key FROM draft ORDER BY key").fetchall())]
