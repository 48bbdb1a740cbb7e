"""A mark with a note: one shape behind a question's tick + written answer and a service's
reviewed mark + annotation. One ``MarkNote`` names the table and columns; the helpers here serve
the store (read, mark, note), the export (rows out), the parser (rows in) and the merge.

Columns, for a mark ``m`` and a note ``n``: ``m`` (0/1), ``m_at`` (when set, NULL while not),
``m_changed_at`` (when it last changed: merge order), ``n`` (text), ``n_updated_at``; and, where
the mark counts how often it was set, ``count``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

from ..records import record
from .events import Change, QuestionChanged, ServiceChanged
from .models import QuestionState, ServiceState


@record
class MarkNote:
    """A table of marks with notes (questions: answered + answer; services: reviewed + annotation)."""

    table: str
    key: str
    mark: str
    note: str
    state: Callable[..., Any]  # (marked, marked_at, [count], note, note_updated_at) -> the state record
    event: Callable[[str], Change]
    noun: str  # what the key names, for messages
    count: str | None = None

    @property
    def mark_at(self) -> str:
        return f"{self.mark}_at"

    @property
    def changed_at(self) -> str:
        return f"{self.mark}_changed_at"

    @property
    def note_at(self) -> str:
        return f"{self.note}_updated_at"

    @property
    def fields(self) -> tuple[str, ...]:
        """The columns of an item, as the export names them."""
        counted = (self.count,) if self.count else ()
        return (self.mark, self.mark_at, self.changed_at, *counted, self.note, self.note_at)

    def state_columns(self) -> str:
        counted = [self.count] if self.count else []
        return ", ".join([self.mark, self.mark_at, *counted, self.note, self.note_at])


QUESTIONS = MarkNote("question_state", "qid", "answered", "answer", QuestionState, QuestionChanged, "question")
SERVICES = MarkNote(
    "service_state", "sid", "reviewed", "annotation", ServiceState, ServiceChanged, "service", "review_count"
)


# ---------------------------------------------------------------------- the store's reads and writes


def read_states(c: sqlite3.Connection, spec: MarkNote) -> dict[str, Any]:
    rows = c.execute(f"SELECT {spec.key}, {spec.state_columns()} FROM {spec.table}").fetchall()
    return {r[0]: spec.state(bool(r[1]), *r[2:]) for r in rows}


def read_state(c: sqlite3.Connection, spec: MarkNote, key: str) -> Any:
    row = c.execute(f"SELECT {spec.state_columns()} FROM {spec.table} WHERE {spec.key} = ?", (key,)).fetchone()
    return spec.state(bool(row[0]), *row[1:]) if row else spec.state()


def is_marked(c: sqlite3.Connection, spec: MarkNote, key: str) -> bool:
    row = c.execute(f"SELECT {spec.mark} FROM {spec.table} WHERE {spec.key} = ?", (key,)).fetchone()
    return bool(row and row[0])


def set_mark(c: sqlite3.Connection, spec: MarkNote, key: str, marked: bool, ts: str) -> None:
    """Set the mark (and count one more, where it counts)."""
    columns = [spec.key, spec.mark, spec.mark_at, spec.changed_at]
    values: list[Any] = [key, int(marked), ts if marked else None, ts]
    updates = [f"{col} = excluded.{col}" for col in columns[1:]]
    if spec.count:
        columns.append(spec.count)
        values.append(int(marked))
        updates.append(f"{spec.count} = {spec.count} + excluded.{spec.count}")
    c.execute(
        f"INSERT INTO {spec.table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)}) "
        f"ON CONFLICT ({spec.key}) DO UPDATE SET {', '.join(updates)}",
        values,
    )


def save_note(c: sqlite3.Connection, spec: MarkNote, key: str, text: str, ts: str) -> bool:
    """Save the note; False (nothing written) when it is unchanged."""
    row = c.execute(f"SELECT {spec.note} FROM {spec.table} WHERE {spec.key} = ?", (key,)).fetchone()
    if (row[0] if row else "") == text:
        return False
    c.execute(
        f"INSERT INTO {spec.table} ({spec.key}, {spec.note}, {spec.note_at}) VALUES (?, ?, ?) "
        f"ON CONFLICT ({spec.key}) DO UPDATE SET {spec.note} = excluded.{spec.note}, "
        f"{spec.note_at} = excluded.{spec.note_at}",
        (key, text, ts),
    )
    return True


# ---------------------------------------------------------------------- export, parse, merge


def export_marks(c: sqlite3.Connection, spec: MarkNote) -> dict[str, dict[str, Any]]:
    """Every row, as the export writes it: key -> {field: value}."""
    out = {}
    for key, marked, *rest in c.execute(f"SELECT {spec.key}, {', '.join(spec.fields)} FROM {spec.table} ORDER BY 1"):
        out[key] = dict(zip(spec.fields, [bool(marked), *rest], strict=True))
    return out


@record
class Checks:
    """The parser's checks, each ``(value, path) -> value`` raising with the path."""

    boolean: Callable[[Any, str], bool]
    text: Callable[[Any, str], str]
    ts: Callable[[Any, str], str | None]
    count: Callable[[Any, str], int]


def parse_mark(spec: MarkNote, item: dict[str, Any], path: str, exported_at: str | None, check: Checks) -> dict:
    """One exported item checked and completed: a mark or a note without its time takes the export's."""
    marked = check.boolean(item.get(spec.mark, False), f"{path}.{spec.mark}")
    marked_at = check.ts(item.get(spec.mark_at), f"{path}.{spec.mark_at}")
    changed = check.ts(item.get(spec.changed_at), f"{path}.{spec.changed_at}") or marked_at
    note = check.text(item.get(spec.note, ""), f"{path}.{spec.note}")
    note_at = check.ts(item.get(spec.note_at), f"{path}.{spec.note_at}")
    if marked and changed is None:
        changed = exported_at
    if note and note_at is None:
        note_at = exported_at
    out: dict[str, Any] = {
        spec.mark: marked,
        spec.mark_at: (marked_at or changed) if marked else None,
        spec.changed_at: changed,
        spec.note: note,
        spec.note_at: note_at,
    }
    if spec.count:
        out[spec.count] = check.count(item.get(spec.count, int(marked)), f"{path}.{spec.count}")
    return out


def newer(incoming: str | None, ours: str | None) -> bool:
    return incoming is not None and (ours is None or incoming > ours)


def merge_mark(c: sqlite3.Connection, spec: MarkNote, key: str, item: dict, deleted_at: str | None = None) -> str:
    """Merge one parsed item: the newer mark, the newer note (neither older than a deletion) and
    the larger count win. Returns ``"added"``, ``"updated"`` or ``"kept"``."""
    counted = f", {spec.count}" if spec.count else ""
    row = c.execute(
        f"SELECT {spec.changed_at}, {spec.note_at}{counted} FROM {spec.table} WHERE {spec.key} = ?", (key,)
    ).fetchone()
    ours_mark, ours_note, ours_count = (row[0], row[1], row[2] if spec.count else 0) if row else (None, None, 0)

    def take(incoming: str | None, ours: str | None) -> bool:
        return newer(incoming, ours) and (deleted_at is None or newer(incoming, deleted_at))

    take_mark = take(item[spec.changed_at], ours_mark)
    take_note = take(item[spec.note_at], ours_note)
    take_count = bool(spec.count) and item[spec.count] > ours_count
    if not (take_mark or take_note or take_count):
        return "kept"
    where = f"WHERE {spec.key} = ?"
    c.execute(f"INSERT OR IGNORE INTO {spec.table} ({spec.key}) VALUES (?)", (key,))
    if take_mark:
        c.execute(
            f"UPDATE {spec.table} SET {spec.mark} = ?, {spec.mark_at} = ?, {spec.changed_at} = ? {where}",
            (int(item[spec.mark]), item[spec.mark_at], item[spec.changed_at], key),
        )
    if take_count:
        c.execute(f"UPDATE {spec.table} SET {spec.count} = ? {where}", (item[spec.count], key))
    if take_note:
        c.execute(
            f"UPDATE {spec.table} SET {spec.note} = ?, {spec.note_at} = ? {where}",
            (item[spec.note], item[spec.note_at], key),
        )
    return "added" if row is None else "updated"
