"""The database schema and its forward migrations.

``PRAGMA user_version`` holds the schema version. ``MIGRATIONS[n]`` turns a version ``n - 1``
database into a version ``n`` one; they run in order, inside one transaction. The ``meta``
table (key, value) with ``app = 'awstui'`` is how an awstui database is recognised: it is
never renamed or removed by a migration.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

APP_ID = "awstui"

_V1 = """
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE question_state (
    qid                 TEXT PRIMARY KEY,
    answered            INTEGER NOT NULL DEFAULT 0,
    answered_at         TEXT,            -- when ticked (NULL while not answered)
    answered_changed_at TEXT,            -- when the tick last changed (merge order)
    answer              TEXT NOT NULL DEFAULT '',
    answer_updated_at   TEXT
);
CREATE TABLE service_state (
    sid                   TEXT PRIMARY KEY,
    reviewed              INTEGER NOT NULL DEFAULT 0,
    reviewed_at           TEXT,          -- when marked reviewed (NULL while not reviewed)
    reviewed_changed_at   TEXT,          -- when the mark last changed (merge order)
    review_count          INTEGER NOT NULL DEFAULT 0,
    annotation            TEXT NOT NULL DEFAULT '',
    annotation_updated_at TEXT
);
CREATE TABLE learner_question (
    qid        TEXT PRIMARY KEY,
    service    TEXT NOT NULL,
    text       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT,
    deleted_at TEXT                      -- a tombstone, so that an import does not bring it back
);
CREATE TABLE setting (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,            -- JSON
    updated_at TEXT NOT NULL
);
CREATE TABLE attempt (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    uid            TEXT NOT NULL UNIQUE,
    mode           TEXT NOT NULL,
    config         TEXT NOT NULL,        -- JSON object
    question_ids   TEXT NOT NULL,        -- JSON list
    option_orders  TEXT NOT NULL,        -- JSON object: qid -> list of original indices
    position       INTEGER NOT NULL DEFAULT 0,
    time_used_s    REAL NOT NULL DEFAULT 0,
    time_allowed_s REAL,
    status         TEXT NOT NULL DEFAULT 'in_progress'
                   CHECK (status IN ('in_progress', 'submitted', 'expired', 'abandoned')),
    result         TEXT,                 -- JSON object once finished
    started_at     TEXT NOT NULL,
    finished_at    TEXT,
    updated_at     TEXT NOT NULL
);
CREATE INDEX attempt_status ON attempt (status);
CREATE TABLE attempt_answer (
    attempt_id INTEGER NOT NULL REFERENCES attempt (id) ON DELETE CASCADE,
    qid        TEXT NOT NULL,
    selected   TEXT NOT NULL DEFAULT '[]',  -- JSON list of ORIGINAL option indices
    flagged    INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (attempt_id, qid)
);
"""


def _to_v1(conn: sqlite3.Connection) -> None:
    for statement in _V1.split(";"):
        if statement.strip():
            conn.execute(statement)
    conn.execute("INSERT INTO meta (key, value) VALUES ('app', ?)", (APP_ID,))


def _to_v2(conn: sqlite3.Connection) -> None:
    """A finished attempt's summary (JSON: what history lists read), handed over by the exam
    layer, so that a list of many attempts never decodes their per-question outcomes. Rows from
    before stay NULL until the exam layer computes theirs (``Store.save_summaries``). And a cache
    of what an upper layer derived from many rows (history totals), kept with the basis it was
    derived from: never exported, never a source of truth. An index lists attempts newest first."""
    conn.execute("ALTER TABLE attempt ADD COLUMN summary TEXT")
    # newest first without reading every row (started_at comes after the large result column)
    conn.execute("CREATE INDEX attempt_newest ON attempt (started_at DESC, id DESC)")
    conn.execute("CREATE TABLE derived (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at TEXT NOT NULL)")


def _to_v3(conn: sqlite3.Connection) -> None:
    """Which awstui instance has an in-progress attempt open (``repos/leases.py``): one row per
    leased attempt, gone with the attempt. Never exported: a lease means nothing elsewhere."""
    conn.execute(
        "CREATE TABLE attempt_lease ("
        " attempt_id INTEGER PRIMARY KEY REFERENCES attempt (id) ON DELETE CASCADE,"
        " holder TEXT NOT NULL, host TEXT NOT NULL, pid INTEGER NOT NULL,"
        " renewed_at REAL NOT NULL)"  # seconds since the epoch
    )


def _to_v4(conn: sqlite3.Connection) -> None:
    """Text an editor holds but the learner has not saved yet (an answer, an annotation, an own
    question), kept as they type so that no exit loses it. ``key`` names what is edited
    (``answer:<qid>``, ``annotation:<sid>``, ``question:<qid>``, ``new-question:<sid>``);
    ``base`` is the saved text the editor opened on (None for a new item), to tell on restore
    whether the saved text changed underneath. A draft goes when it is saved or discarded on
    purpose. Never exported: a draft is this machine's unfinished typing."""
    conn.execute("CREATE TABLE draft (key TEXT PRIMARY KEY, text TEXT NOT NULL, base TEXT, updated_at TEXT NOT NULL)")


def _to_v5(conn: sqlite3.Connection) -> None:
    """Spaced repetition (``repos/reviews.py``, ``srs.py``). ``review_card``: one FSRS card per
    reviewed item (``kind`` "exam" = a bank question, "own" = an open question the learner
    answered in writing): fsrs's ``Card.to_dict`` JSON, ``due`` in the store's timestamp format
    (indexed: the due count is one index range), and counters over its reviews that readiness
    reads without the log: ``reps``, ``correct`` (graded above Again), ``expected`` (the sum of
    the retrievability predicted before each review but the first), ``first_rating``.
    ``review_log``: one row per grade; ``uid`` for a union merge, ``r_before`` the retrievability
    before it (NULL for a new card). The log has no index but its key and uid: every index costs
    each start's integrity check (a year of reviews with two more indexes more than doubled it),
    and what reads the log (today's review-mode grades, an undo, an import's recount) reads it
    once. A database with finished attempts is marked so that their answers seed the scheduler
    once (meta ``seed_pending``)."""
    conn.execute(
        "CREATE TABLE review_card ("
        " kind TEXT NOT NULL CHECK (kind IN ('exam', 'own')), qid TEXT NOT NULL,"
        " card TEXT NOT NULL, due TEXT NOT NULL, state INTEGER NOT NULL, last_review TEXT,"
        " reps INTEGER NOT NULL DEFAULT 0, correct INTEGER NOT NULL DEFAULT 0,"
        " expected REAL NOT NULL DEFAULT 0, first_rating INTEGER, updated_at TEXT NOT NULL,"
        " PRIMARY KEY (kind, qid))"
    )
    conn.execute("CREATE INDEX review_card_due ON review_card (due)")
    conn.execute(
        "CREATE TABLE review_log ("
        " id INTEGER PRIMARY KEY AUTOINCREMENT, uid TEXT NOT NULL UNIQUE,"
        " kind TEXT NOT NULL, qid TEXT NOT NULL,"
        " rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),"
        " reviewed_at TEXT NOT NULL, duration_ms INTEGER, source TEXT NOT NULL,"
        " first INTEGER NOT NULL DEFAULT 0, r_before REAL)"
    )
    if conn.execute("SELECT 1 FROM attempt WHERE status IN ('submitted', 'expired') LIMIT 1").fetchone():
        conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('seed_pending', '1')")


# version -> step from (version - 1). Append only; never edit a released step.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    1: _to_v1,
    2: _to_v2,
    3: _to_v3,
    4: _to_v4,
    5: _to_v5,
}

SCHEMA_VERSION = max(MIGRATIONS)
