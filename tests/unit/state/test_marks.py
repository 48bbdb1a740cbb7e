"""A mark with a note (state/marks.py): one helper behind questions and services, in the store,
the export, the parser and the merge."""

from __future__ import annotations

from awstui.state import marks
from awstui.state.exchange.checks import MARK_CHECKS


def test_one_shape_names_both_kinds_of_columns():
    assert marks.QUESTIONS.fields == ("answered", "answered_at", "answered_changed_at", "answer", "answer_updated_at")
    assert marks.SERVICES.fields == (
        "reviewed",
        "reviewed_at",
        "reviewed_changed_at",
        "review_count",
        "annotation",
        "annotation_updated_at",
    )


def test_the_export_writes_what_the_store_wrote(store):
    store.tick_question("q1")
    store.save_annotation("s3", "buckets")
    exported = store.export_state()
    assert set(exported["questions"]["q1"]) == set(marks.QUESTIONS.fields)
    assert exported["questions"]["q1"]["answered"] is True
    assert exported["services"]["s3"]["annotation"] == "buckets"
    assert exported["services"]["s3"]["review_count"] == 0


def test_parse_gives_a_mark_or_note_without_a_time_the_exports_time():
    at = "2026-11-27T10:00:00.000000Z"
    item = marks.parse_mark(marks.SERVICES, {"reviewed": True, "annotation": "x"}, "services.s3", at, MARK_CHECKS)
    assert item["reviewed_changed_at"] == at and item["reviewed_at"] == at
    assert item["annotation_updated_at"] == at
    assert item["review_count"] == 1  # a reviewed service was reviewed at least once
    plain = marks.parse_mark(marks.QUESTIONS, {}, "questions.q", at, MARK_CHECKS)
    assert plain["answered"] is False and plain["answered_changed_at"] is None and "review_count" not in plain


def test_merge_takes_the_newer_mark_the_newer_note_and_the_larger_count(store):
    store.mark_reviewed("s3")  # ours: reviewed once, at the store's clock
    conn = store._conn
    old, new = "2000-01-01T00:00:00.000000Z", "2100-01-01T00:00:00.000000Z"
    item = {
        "reviewed": False,
        "reviewed_at": None,
        "reviewed_changed_at": old,
        "review_count": 5,
        "annotation": "later",
        "annotation_updated_at": new,
    }
    assert marks.merge_mark(conn, marks.SERVICES, "s3", item) == "updated"
    state = marks.read_state(conn, marks.SERVICES, "s3")
    assert state.reviewed is True  # our mark is newer
    assert state.review_count == 5 and state.annotation == "later"
    assert marks.merge_mark(conn, marks.SERVICES, "s3", item) == "kept"
    assert marks.merge_mark(conn, marks.QUESTIONS, "gone", {**_question(new)}, deleted_at="2200-01-01T00:00:00Z") == (
        "kept"
    )


def _question(at: str) -> dict:
    return {"answered": True, "answered_at": at, "answered_changed_at": at, "answer": "a", "answer_updated_at": at}
