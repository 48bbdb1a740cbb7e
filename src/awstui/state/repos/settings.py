"""Settings: JSON values by key (the theme, the last view, the exam date, ...)."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from ..db import Database
from ..events import SettingChanged
from ..validate import check_id, dumps
from .marks import Emit


def _decoded(text: str) -> tuple[bool, Any]:
    try:
        return True, json.loads(text)
    except ValueError:
        return False, None


class SettingsRepo:
    def __init__(self, db: Database, emit: Emit):
        self._db = db
        self._emit = emit

    def get(self, key: str, default: Any = None) -> Any:
        check_id(key, "setting key")
        row = self._db.read(lambda c: c.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone())
        if row is None:
            return default
        ok, value = _decoded(row[0])
        return value if ok else default

    def set(self, key: str, value: Any) -> None:
        """Remember a JSON-serialisable value. Unchanged: no event."""
        check_id(key, "setting key")
        text = dumps(value, f"setting {key!r}")

        def fn(c: sqlite3.Connection) -> bool:
            row = c.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
            if row is not None and row[0] == text:
                return False
            c.execute(
                "INSERT INTO setting (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE "
                "SET value = excluded.value, updated_at = excluded.updated_at",
                (key, text, self._db.ts()),
            )
            return True

        if self._db.write(fn):
            self._emit(SettingChanged(key))

    def all(self) -> dict[str, Any]:
        rows = self._db.read(lambda c: c.execute("SELECT key, value FROM setting").fetchall())
        out = {}
        for key, text in rows:
            ok, value = _decoded(text)
            if ok:
                out[key] = value
        return out
