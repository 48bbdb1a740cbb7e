"""Spaced-repetition cards and review logs in an export (schema v5): written, checked, merged.

Format: ``"review_cards": [{"kind", "qid", "card": <fsrs Card.to_dict>, "due", "last_review"}]``
(``due`` and ``last_review`` repeat the card's, for a reader; an import reads the card's own)
and ``"review_logs": [{"uid", "kind", "qid", "rating", "reviewed_at", "duration_ms", "source",
"r_before"}]``; an export without them (before schema v5) reads as having none.

Merging: logs as a union (by ``uid``); a card's state follows its newest review (the side whose
``last_review`` is later; on a tie ours is kept); each touched card's counters (``reps``,
``correct``, ``expected``, ``first_rating``) are then counted again from the merged logs.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from ..clock import format_ts
from ..models import MergeReport
from ..repos.seeding import recount
from ..srs import load_card
from . import checks as ck

KINDS = ("exam", "own")
CLOCK_SLACK = timedelta(days=1)  # another machine's clock may be a little ahead
MAX_INTERVAL = timedelta(days=36500 + 1)  # fsrs's maximum interval (100 years), and a day


def export_reviews(c: sqlite3.Connection) -> dict[str, list[dict[str, Any]]]:
    cards = [
        {"kind": r[0], "qid": r[1], "card": json.loads(r[2]), "due": r[3], "last_review": r[4]}
        for r in c.execute("SELECT kind, qid, card, due, last_review FROM review_card ORDER BY kind, qid")
    ]
    logs = [
        {"uid": r[0], "kind": r[1], "qid": r[2], "rating": r[3], "reviewed_at": r[4], "duration_ms": r[5],
         "source": r[6], "r_before": r[7]}
        for r in c.execute(
            "SELECT uid, kind, qid, rating, reviewed_at, duration_ms, source, r_before FROM review_log "
            "ORDER BY reviewed_at, id"
        )
    ]  # fmt: skip
    return {"review_cards": cards, "review_logs": logs}


def _kind(value: Any, path: str) -> str:
    if value not in KINDS:
        ck.fail(path, f"expected one of {', '.join(KINDS)}, got {value!r:.60}")
    return str(value)


def _card(item: Any, path: str, latest: datetime) -> tuple:
    """(kind, qid, card JSON, due, state, last_review), the times read off the card itself."""
    item = ck.obj(item, path)
    card = ck.obj(item.get("card"), f"{path}.card")
    try:
        parsed = load_card(json.dumps(card))
        assert parsed is not None and parsed.last_review is not None
        assert parsed.step is None or (type(parsed.step) is int and parsed.step >= 0)
        assert all(isinstance(v, float) and 0 < v < 1e9 for v in (parsed.stability, parsed.difficulty))
        parsed.due, parsed.last_review = _aware(parsed.due), _aware(parsed.last_review)
    except (AssertionError, KeyError, TypeError, ValueError, OverflowError):
        ck.fail(f"{path}.card", "not a reviewed FSRS card")
    if parsed.difficulty is None or not 1 <= parsed.difficulty <= 10:
        ck.fail(f"{path}.card.difficulty", f"expected a number from 1 to 10, got {parsed.difficulty!r:.60}")
    if parsed.last_review > latest:
        ck.fail(f"{path}.card.last_review", f"in the future ({format_ts(parsed.last_review)})")
    if parsed.due < parsed.last_review:
        ck.fail(f"{path}.card.due", "before its last review")
    if parsed.due - parsed.last_review > MAX_INTERVAL:
        ck.fail(f"{path}.card.due", f"more than {MAX_INTERVAL.days - 1} days after its last review")
    return (
        _kind(item.get("kind"), f"{path}.kind"),
        ck.ident(item.get("qid"), f"{path}.qid"),
        json.dumps(parsed.to_dict(), separators=(",", ":")),
        format_ts(parsed.due),
        int(parsed.state),
        format_ts(parsed.last_review),
    )


def _aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _log(item: Any, path: str, latest: datetime) -> tuple:
    item = ck.obj(item, path)
    rating = item.get("rating")
    if type(rating) is not int or rating not in (1, 2, 3, 4):
        ck.fail(f"{path}.rating", f"expected 1, 2, 3 or 4, got {rating!r:.60}")
    duration = item.get("duration_ms")
    if duration is not None:
        ck.whole(duration, f"{path}.duration_ms")
    r_before = item.get("r_before")
    if r_before is not None and (isinstance(r_before, bool) or not isinstance(r_before, (int, float))
                                 or not 0 <= r_before <= 1):  # fmt: skip
        ck.fail(f"{path}.r_before", f"expected a number from 0 to 1, got {r_before!r:.60}")
    reviewed_at = ck.required_ts(item.get("reviewed_at"), f"{path}.reviewed_at")
    if reviewed_at > format_ts(latest):
        ck.fail(f"{path}.reviewed_at", f"in the future ({reviewed_at})")
    return (
        ck.ident(item.get("uid"), f"{path}.uid"),
        _kind(item.get("kind"), f"{path}.kind"),
        ck.ident(item.get("qid"), f"{path}.qid"),
        rating,
        reviewed_at,
        duration,
        ck.ident(item.get("source", "import"), f"{path}.source"),
        r_before,
    )


def parse_reviews(data: dict[str, Any], now: datetime) -> tuple[list[tuple], list[tuple]]:
    """The checked cards and logs; a review later than ``now`` (give or take a day of clock
    difference between machines) is refused, and so is a card or a log listed twice."""
    latest = _aware(now) + CLOCK_SLACK
    cards = [_card(item, f"review_cards[{i}]", latest) for i, item in enumerate(ck.section(data, "review_cards", list))]
    _once(((c[0], c[1]) for c in cards), "review_cards", "qid", "kind and qid")
    logs = [_log(item, f"review_logs[{i}]", latest) for i, item in enumerate(ck.section(data, "review_logs", list))]
    _once((log[0] for log in logs), "review_logs", "uid", "uid")
    return cards, logs


def _once(keys: Iterable[object], section: str, field: str, what: str) -> None:
    first: dict[object, int] = {}
    for i, key in enumerate(keys):
        if first.setdefault(key, i) != i:
            ck.fail(f"{section}[{i}].{field}", f"the same {what} as {section}[{first[key]}]")


def merge_reviews(c: sqlite3.Connection, cards: list[tuple], logs: list[tuple], report: MergeReport) -> None:
    touched: set[tuple[str, str]] = set()
    for log in logs:
        cur = c.execute(
            "INSERT OR IGNORE INTO review_log (uid, kind, qid, rating, reviewed_at, duration_ms, source, r_before) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            log,
        )
        report.count("added" if cur.rowcount else "kept", "review_logs")
        if cur.rowcount:
            touched.add((log[1], log[2]))
    for kind, qid, card, due, state, last_review in cards:
        row = c.execute("SELECT last_review FROM review_card WHERE kind = ? AND qid = ?", (kind, qid)).fetchone()
        if row is not None and not (row[0] is None or last_review > row[0]):
            report.count("kept", "review_cards")
            continue
        c.execute(
            "INSERT INTO review_card (kind, qid, card, due, state, last_review, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (kind, qid) DO UPDATE SET card = excluded.card,"
            " due = excluded.due, state = excluded.state, last_review = excluded.last_review,"
            " updated_at = excluded.updated_at",
            (kind, qid, card, due, state, last_review, last_review),
        )
        report.count("added" if row is None else "updated", "review_cards")
        touched.add((kind, qid))
    if touched:
        recount(c, touched)
