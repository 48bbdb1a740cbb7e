"""Review grades kept in memory on a full disk (state/kept.py KeptReviews) in the harder orders:
a replay cut half way, what subscribers read during a replay's event, the next due time, bad
grades, undo on a full disk. (A second reader's findings, each a test that failed first.)"""

from __future__ import annotations

from datetime import timedelta

import pytest

from awstui.exam.review_queue import nothing_due_text, review_queue
from awstui.state.events import ReviewChanged
from tests.faults import fail_writes


@pytest.fixture
def keeping(store):
    store.keep_unsaved_changes()
    return store


class _Allow:
    """The failing connection lets ``n`` more write transactions through, then fails again."""

    def __init__(self, disk, n: int):
        real = disk.execute
        self.left = n

        def execute(sql, *args):
            if sql.lstrip().upper().startswith("BEGIN IMMEDIATE"):
                disk.failing = self.left <= 0
                self.left -= 1
            return real(sql, *args)

        disk.execute = execute


def test_undo_after_a_partial_replay_takes_back_the_newest_grade(keeping, clock):
    keeping.save_answer("s3-q1", "my answer")
    keeping.reviews.grade("exam", "e1", 1)  # e1 due again in 10 minutes
    clock.advance(hours=1)
    disk = fail_writes(keeping)
    keeping.reviews.grade("own", "s3-q1", 3)  # kept (older)
    keeping.reviews.grade("exam", "e1", 3)  # kept (newer)
    _Allow(disk, 1)  # room for one more write: s3-q1's grade is saved, e1's still kept
    assert keeping.save_unsaved() is False and keeping.unsaved().count == 1
    disk.failing, disk.execute = False, disk._conn.execute  # room again, before the next retry
    undone = keeping.reviews.undo_last()
    # the newest grade is e1's (still in memory): u must take that back first
    assert undone is not None and (undone.kind, undone.qid) == ("exam", "e1")


def test_an_only_card_graded_on_a_full_disk_is_not_said_to_be_no_cards(keeping, clock):
    keeping.save_answer("s3-q1", "my answer")
    fail_writes(keeping)
    keeping.reviews.grade("own", "s3-q1", 1)  # Again: due in 10 minutes (kept)
    queue = review_queue(keeping)
    text = nothing_due_text(queue, keeping.now().astimezone())
    assert "no cards yet" not in text, text


def test_the_day_count_seen_while_a_kept_grade_is_replayed_counts_it_once(keeping, clock):
    keeping.save_answer("s3-q1", "my answer")
    start = keeping.now() - timedelta(hours=1)
    disk = fail_writes(keeping)
    keeping.reviews.grade("own", "s3-q1", 3)
    assert keeping.reviews.done_since(start) == (1, 0)
    seen: list = []
    keeping.subscribe(
        lambda e: seen.append(keeping.reviews.done_since(start)) if isinstance(e, ReviewChanged) else None
    )
    disk.failing = False
    assert keeping.save_unsaved() is True
    assert keeping.reviews.done_since(start) == (1, 0)
    assert seen == [(1, 0)], seen  # a subscriber rebuilding the queue on the replay's event


def test_the_due_today_count_seen_on_the_replays_event_counts_the_card_due_again(keeping, clock):
    """The app recounts the Exam tab's "due today" on every ReviewChanged (app._count_on_change):
    the count it hears on the replay's event is the one shown until the next change (or 60 s)."""
    from awstui.exam.review_queue import day_bounds, local_now

    keeping.save_answer("s3-q1", "my answer")
    keeping.reviews.grade("exam", "e1", 1)
    clock.advance(hours=1)
    disk = fail_writes(keeping)
    keeping.reviews.grade("exam", "e1", 1)  # Again, kept: due again in 10 minutes, today
    _, end = day_bounds(local_now(keeping))
    seen: list = []
    keeping.subscribe(lambda e: seen.append(keeping.reviews.due_count(end)) if isinstance(e, ReviewChanged) else None)
    disk.failing = False
    assert keeping.save_unsaved() is True
    assert keeping.reviews.due_count(end) == 1  # after the flush: e1 is due again today
    assert seen == [1], seen


def test_a_store_holding_an_old_out_of_range_limit_can_import_its_own_export(store, tmp_path, clock):
    """A limit stored before imports checked it (any whole number >= 0 was taken): the store's
    own export of it still imports, and both read it as the highest limit, 9999 ("no limit")."""
    from awstui.review_settings import NEW_PER_DAY
    from awstui.state import open_store

    store.set_setting(NEW_PER_DAY, 50_000)
    assert store.reviews.limits()[NEW_PER_DAY] == 9999
    doc = store.export_state()
    other = open_store(tmp_path / "other", now=clock)
    try:
        other.import_state(doc)
        assert other.reviews.limits()[NEW_PER_DAY] == 9999
    finally:
        other.close()


def test_taking_back_the_only_kept_grade_is_not_told_as_saved(keeping):
    """The app reads UnsavedChanges going from n to 0 as "The changes kept in memory are saved
    now." (app._show_unsaved): an undo of the only kept grade saved nothing."""
    from awstui.state.events import UnsavedChanges

    keeping.save_answer("s3-q1", "my answer")
    fail_writes(keeping)
    keeping.reviews.grade("own", "s3-q1", 2)
    seen: list = []
    keeping.subscribe(seen.append)
    keeping.reviews.undo_last()
    told = [e for e in seen if isinstance(e, UnsavedChanges)]
    assert [(e.count, e.taken_back) for e in told] == [(0, True)]  # none left, none saved


@pytest.mark.parametrize("kind, rating", [("own", 9), ("nonsense", 3)])
def test_a_bad_grade_is_refused_on_a_full_disk_as_on_a_healthy_one(keeping, kind, rating):
    """With a change already kept, Keeping.now returns LATER before ReviewRepo.grade checks its
    arguments: the grade is kept unchecked (or fails with a KeyError from the preview)."""
    from awstui.state import StoreError

    keeping.save_answer("s3-q1", "my answer")
    fail_writes(keeping)
    keeping.tick_question("s3-q1")  # something kept already
    with pytest.raises(StoreError):
        keeping.reviews.grade(kind, "s3-q1", rating)


def test_an_undo_refused_by_a_full_disk_can_be_tried_again(keeping, clock):
    """u on a saved grade while the disk is full (now that grades are kept, a session goes on
    there): the undo fails, and its entry is gone from the stack: u never takes that grade back."""
    from awstui.state import StoreError

    keeping.save_answer("s3-q1", "my answer")
    keeping.reviews.grade("own", "s3-q1", 3)  # saved
    disk = fail_writes(keeping)
    with pytest.raises(StoreError):
        keeping.reviews.undo_last()
    disk.failing = False
    assert keeping.reviews.undo_last() is not None


def test_a_bad_duration_is_refused_on_a_full_disk_too(keeping):
    from awstui.state import StoreError

    keeping.save_answer("s3-q1", "my answer")
    fail_writes(keeping)
    keeping.tick_question("s3-q1")  # something kept already
    with pytest.raises(StoreError, match="duration_ms must be an integer"):
        keeping.reviews.grade("own", "s3-q1", 3, duration_ms="slow")
    assert keeping.unsaved().count == 1  # only the tick
