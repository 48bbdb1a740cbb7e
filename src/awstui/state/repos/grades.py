"""What a grade of spaced review may be: its kind of card and its rating, checked (StoreError
naming the bad field) before it is written or kept in memory (repos/reviews.py, kept.py)."""

from __future__ import annotations

import os

from ..errors import StoreError
from ..validate import check_id

KINDS = ("exam", "own")
CARD_ROW = "kind, qid, card, due, state, last_review, reps, correct, expected, first_rating, updated_at"
CARD_VALUES = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?"
RATINGS = (1, 2, 3, 4)  # Again, Hard, Good, Easy (fsrs's Rating values)


def check_kind(kind: object) -> str:
    if kind not in KINDS:
        raise StoreError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    return str(kind)


def check_grade(kind: object, qid: object, rating: object, duration_ms: object) -> tuple[str, int]:
    """A review-mode grade's fields checked (StoreError naming the bad one): kind and rating."""
    check_id(qid, "question id")
    if duration_ms is not None and (isinstance(duration_ms, bool) or not isinstance(duration_ms, int)):
        raise StoreError(f"duration_ms must be an integer, not {duration_ms!r}")
    return check_kind(kind), check_rating(rating)


def check_rating(rating: object) -> int:
    if isinstance(rating, bool) or not isinstance(rating, int) or rating not in RATINGS:
        raise StoreError(f"rating must be 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy), not {rating!r}")
    return rating


def new_uid() -> str:
    """A review log's id across machines (the union merge's key): 64 random bits."""
    return os.urandom(8).hex()
