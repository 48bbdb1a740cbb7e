"""Who has an in-progress exam attempt open: a lease in the database, one holder at a time.

Each store has a random holder token. ``acquire`` takes an attempt's lease when it is free,
already ours, or its holder is gone: the lease was not renewed for ``LEASE_TTL_S`` (a crash,
a stopped process, another machine) or its process on this host no longer exists. A live
holder is only displaced with ``force`` (the learner said "take it over"). ``renew`` says
whether the lease is still ours; the attempt repo refuses writes from anyone else.
"""

from __future__ import annotations

import contextlib
import os
import socket
import sqlite3

from ...records import record
from ..db import Database
from ..errors import StoreError

LEASE_TTL_S = 30.0  # a lease not renewed for this long belongs to nobody
LEASE_RENEW_S = 5.0  # how often the holder renews it (well inside the TTL)


@record
class LeaseHolder:
    """The other instance that has an attempt open."""

    host: str
    pid: int
    renewed_at: float  # seconds since the epoch
    age_s: float  # how long ago it was last renewed


def _process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone else's process (or we cannot tell): treat it as alive
    return True


def other_holder_sql(holder: str) -> tuple[str, tuple[str]]:
    """A SQL condition (on ``attempt.id``) that is true when someone else holds the lease."""
    return "EXISTS (SELECT 1 FROM attempt_lease l WHERE l.attempt_id = attempt.id AND l.holder != ?)", (holder,)


class LeaseRepo:
    def __init__(self, db: Database):
        self._db = db
        self.holder = os.urandom(16).hex()
        self.host = socket.gethostname()
        self.pid = os.getpid()

    def _epoch(self) -> float:
        return self._db.now().timestamp()

    def _gone(self, host: str, pid: int, renewed_at: float, now: float) -> bool:
        if now - renewed_at > LEASE_TTL_S:
            return True
        return host == self.host and pid != self.pid and not _process_exists(pid)

    def acquire(self, attempt_id: int, *, force: bool = False) -> LeaseHolder | None:
        """Take the lease; None when it is now ours, else the live holder (nothing changed)."""

        def fn(c: sqlite3.Connection) -> LeaseHolder | None:
            now = self._epoch()
            row = c.execute(
                "SELECT holder, host, pid, renewed_at FROM attempt_lease WHERE attempt_id = ?", (attempt_id,)
            ).fetchone()
            if row is not None and row[0] != self.holder and not force and not self._gone(row[1], row[2], row[3], now):
                return LeaseHolder(row[1], row[2], row[3], max(0.0, now - row[3]))
            c.execute(
                "INSERT INTO attempt_lease (attempt_id, holder, host, pid, renewed_at) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (attempt_id) DO UPDATE SET holder = excluded.holder, host = excluded.host, "
                "pid = excluded.pid, renewed_at = excluded.renewed_at",
                (attempt_id, self.holder, self.host, self.pid, now),
            )
            return None

        return self._db.write(fn)

    def holder_of(self, attempt_id: int) -> LeaseHolder | None:
        """The live holder other than us, or None (free, ours, or its holder is gone)."""

        def fn(c: sqlite3.Connection) -> LeaseHolder | None:
            row = c.execute(
                "SELECT holder, host, pid, renewed_at FROM attempt_lease WHERE attempt_id = ?", (attempt_id,)
            ).fetchone()
            now = self._epoch()
            if row is None or row[0] == self.holder or self._gone(row[1], row[2], row[3], now):
                return None
            return LeaseHolder(row[1], row[2], row[3], max(0.0, now - row[3]))

        return self._db.read(fn)

    def renew(self, attempt_id: int) -> bool:
        """Renew our lease; False when it is not ours any more (taken over, or released)."""

        def fn(c: sqlite3.Connection) -> bool:
            cur = c.execute(
                "UPDATE attempt_lease SET renewed_at = ? WHERE attempt_id = ? AND holder = ?",
                (self._epoch(), attempt_id, self.holder),
            )
            return cur.rowcount == 1

        return self._db.write(fn)

    def release(self, attempt_id: int) -> None:
        """Give the lease up (the exam closes here); best effort: an expired lease is free anyway."""
        with contextlib.suppress(StoreError):
            self._db.write(
                lambda c: c.execute(
                    "DELETE FROM attempt_lease WHERE attempt_id = ? AND holder = ?", (attempt_id, self.holder)
                )
            )
