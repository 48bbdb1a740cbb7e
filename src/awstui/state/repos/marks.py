"""Questions' ticks and written answers, services' reviewed marks and annotations: one repository
for both shapes (``state.marks.MarkNote``)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

from .. import marks
from ..db import Database
from ..events import Change
from ..validate import check_id, check_text

Emit = Callable[..., None]


class MarkRepo:
    def __init__(self, db: Database, spec: marks.MarkNote, emit: Emit):
        self._db = db
        self._spec = spec
        self._emit = emit

    def _key(self, key: str) -> str:
        return check_id(key, f"{self._spec.noun} id")

    def _changed(self, key: str) -> Change:
        return self._spec.event(key)

    def states(self) -> dict[str, Any]:
        return self._db.read(lambda c: marks.read_states(c, self._spec))

    def state(self, key: str) -> Any:
        self._key(key)
        return self._db.read(lambda c: marks.read_state(c, self._spec, key))

    def mark(self, key: str, marked: bool) -> None:
        """Set the mark (or not). No change, no event."""
        self._key(key)
        marked = bool(marked)

        def fn(c: sqlite3.Connection) -> bool:
            if marks.is_marked(c, self._spec, key) == marked:
                return False
            marks.set_mark(c, self._spec, key, marked, self._db.ts())
            return True

        if self._db.write(fn):
            self._emit(self._changed(key))

    def toggle(self, key: str) -> bool:
        """Flip the mark (atomically); returns the new state."""
        self._key(key)

        def fn(c: sqlite3.Connection) -> bool:
            new = not marks.is_marked(c, self._spec, key)
            marks.set_mark(c, self._spec, key, new, self._db.ts())
            return new

        new = self._db.write(fn)
        self._emit(self._changed(key))
        return new

    def save_note(self, key: str, text: str) -> None:
        """Save the note. Unchanged text: nothing saved, no event."""
        self._key(key)
        check_text(text, self._spec.note)
        if self._db.write(lambda c: marks.save_note(c, self._spec, key, text, self._db.ts())):
            self._emit(self._changed(key))
