"""A cache of what an upper layer derived from many rows (the exam history's totals): opaque
JSON by key, kept with the basis the deriver checks. Best effort: never exported, no events."""

from __future__ import annotations

import sqlite3
from typing import Any

from ..db import Database
from ..errors import StoreError
from ..validate import check_id, dumps, loads


class DerivedRepo:
    def __init__(self, db: Database):
        self._db = db

    def get(self, key: str) -> Any:
        check_id(key, "cache key")
        try:
            row = self._db.read(lambda c: c.execute("SELECT value FROM derived WHERE key = ?", (key,)).fetchone())
            return None if row is None else loads(row[0], "cached value")
        except StoreError:
            return None

    def keep(self, key: str, value: Any) -> bool:
        check_id(key, "cache key")
        text = dumps(value, f"cached {key!r}")

        def fn(c: sqlite3.Connection) -> None:
            c.execute(
                "INSERT INTO derived (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE "
                "SET value = excluded.value, updated_at = excluded.updated_at",
                (key, text, self._db.ts()),
            )

        try:
            self._db.write(fn)
        except StoreError:
            return False
        return True
