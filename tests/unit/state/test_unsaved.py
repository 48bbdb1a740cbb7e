"""Changes that cannot be saved (a full disk, a read-only file): with ``keep_unsaved_changes``
the store keeps them in memory, in order, shows them in its reads, and saves them when it can."""

from __future__ import annotations

import pytest

from awstui.state import AttemptStatus, QuestionChanged, Store, StoreError, open_store
from awstui.state.errors import WriteFailed
from awstui.state.events import UnsavedChanges
from tests.faults import READONLY, fail_writes, fill, immutable, tiny_disk


@pytest.fixture
def keeping(store):
    store.keep_unsaved_changes()
    return store


def test_without_keeping_a_failed_write_raises_and_says_why(store):
    fail_writes(store)
    with pytest.raises(WriteFailed) as caught:
        store.tick_question("s3-q1")
    assert caught.value.environmental and "the disk is full" in str(caught.value)
    assert store.unsaved().count == 0


def test_a_tick_on_a_full_disk_is_kept_shown_and_saved_later(keeping):
    seen: list = []
    keeping.subscribe(seen.append)
    disk = fail_writes(keeping)
    keeping.tick_question("s3-q1")
    assert keeping.question_state("s3-q1").answered
    assert keeping.question_states()["s3-q1"].answered
    assert QuestionChanged("s3-q1") in seen
    status = keeping.unsaved()
    assert status.count == 1 and "the disk is full" in (status.reason or "")
    assert seen[-1] == status
    assert keeping.save_unsaved() is False  # still full
    disk.failing = False
    assert keeping.save_unsaved() is True
    assert keeping.unsaved() == UnsavedChanges(0, None)
    assert seen[-1] == UnsavedChanges(0, None)
    again = Store(keeping.path)
    try:
        assert again.question_state("s3-q1").answered
    finally:
        again.close()


def test_repeated_changes_to_one_item_are_kept_once_latest_wins(keeping):
    disk = fail_writes(keeping)
    assert keeping.toggle_question("s3-q1") is True
    assert keeping.toggle_question("s3-q1") is False
    assert keeping.toggle_question("s3-q1") is True
    keeping.save_answer("s3-q1", "first")
    keeping.save_answer("s3-q1", "second")
    keeping.set_setting("theme", "nord")
    assert keeping.unsaved().count == 3
    assert keeping.question_state("s3-q1").answer == "second"
    assert keeping.get_setting("theme") == "nord" and keeping.settings()["theme"] == "nord"
    disk.failing = False
    keeping.mark_reviewed("s3")  # the next write saves what was kept first, then itself
    assert keeping.unsaved().count == 0
    again = Store(keeping.path)
    try:
        assert again.question_state("s3-q1").answered and again.question_state("s3-q1").answer == "second"
        assert again.get_setting("theme") == "nord" and again.service_state("s3").reviewed
    finally:
        again.close()


def test_a_change_made_while_others_are_kept_waits_its_turn(keeping):
    disk = fail_writes(keeping)
    keeping.tick_question("s3-q1")
    disk.failing = False
    disk.refused = 0
    real_flush = keeping._keeping.pending.flush
    keeping._keeping.pending.flush = lambda: False  # the older change still cannot be saved
    keeping.tick_question("s3-q1", False)
    assert disk.refused == 0 and keeping.unsaved().count == 1  # kept after it, not written past it
    keeping._keeping.pending.flush = real_flush
    assert keeping.save_unsaved()
    assert not keeping.question_state("s3-q1").answered


def test_a_read_only_file_is_kept_too(keeping):
    fail_writes(keeping, READONLY)
    keeping.mark_reviewed("s3")
    keeping.save_annotation("s3", "buckets")
    assert keeping.service_state("s3").reviewed and keeping.service_state("s3").annotation == "buckets"
    assert "read-only" in (keeping.unsaved().reason or "")


def test_own_questions_are_kept_with_their_id(keeping):
    disk = fail_writes(keeping)
    qid = keeping.add_question("s3", "What is S3 Object Lock?")
    keeping.save_answer(qid, "WORM")
    assert [q.id for q in keeping.learner_questions()] == [qid]
    keeping.update_question(qid, "What is S3 Object Lock for?")
    assert [q.text for q in keeping.learner_questions()] == ["What is S3 Object Lock for?"]
    other = keeping.add_question("s3", "to go")
    keeping.update_question(other, "changed")
    keeping.delete_question(other)
    assert [q.id for q in keeping.learner_questions()] == [qid]
    disk.failing = False
    assert keeping.save_unsaved()
    again = Store(keeping.path)
    try:
        assert [(q.id, q.text) for q in again.learner_questions()] == [(qid, "What is S3 Object Lock for?")]
        assert again.question_state(qid).answer == "WORM"
    finally:
        again.close()


def test_exam_answers_flags_progress_and_finish_are_kept_and_land(keeping):
    aid = keeping.create_attempt("full", {}, ["e1", "e2"], {"e1": [0, 1, 2, 3], "e2": [0, 1, 2, 3]}, 600)
    assert keeping.acquire_attempt(aid) is None
    disk = fail_writes(keeping)
    assert keeping.record_exam_answer(aid, "e1", [2], 10.0)
    assert keeping.set_flag(aid, "e2", True, 12.0)
    assert keeping.save_progress(aid, 15.0, 1)
    assert keeping.renew_attempt_lease(aid)  # the lease is a courtesy: this window keeps it
    kept = keeping.attempt(aid)
    assert kept.answers == {"e1": [2]} and kept.flags == {"e2"} and kept.position == 1 and kept.time_used_s == 15
    assert keeping.finish_attempt(aid, "submitted", {"percent": 50.0}, 20.0, summary={"percent": 50.0})
    finished = keeping.attempt(aid)
    assert finished.status == AttemptStatus.SUBMITTED and finished.result == {"percent": 50.0}
    assert keeping.in_progress_attempt() is None
    with pytest.raises(StoreError, match="the disk is full"):
        keeping.create_attempt("full", {}, ["e1"], {}, 600)  # a new attempt needs its id from the file
    disk.failing = False
    assert keeping.save_unsaved()
    again = Store(keeping.path)
    try:
        saved = again.attempt(aid)
        assert saved.status == AttemptStatus.SUBMITTED and saved.answers == {"e1": [2]} and saved.flags == {"e2"}
        assert saved.result == {"percent": 50.0} and saved.time_used_s == 20
    finally:
        again.close()


def test_a_real_full_disk(tmp_path):
    with tiny_disk(tmp_path / "disk", 8192) as disk:
        store = open_store(disk / "data")
        store.keep_unsaved_changes()
        store.tick_question("warm-up")
        filler = fill(disk)
        for n in range(20):  # enough to need new pages in the WAL
            store.save_answer(f"q{n}", "x" * 2000)
        assert store.unsaved().count > 0 and "the disk is full" in (store.unsaved().reason or "")
        assert store.question_state("q19").answer == "x" * 2000
        filler.unlink()
        assert store.save_unsaved()
        store.close()
        again = Store(disk / "data" / "state.db")
        try:
            assert again.question_state("q19").answer == "x" * 2000
        finally:
            again.close()


def test_a_real_immutable_file(data_dir):
    open_store(data_dir).close()
    with immutable(data_dir / "state.db"):
        try:
            store = Store(data_dir / "state.db")
        except StoreError as err:
            pytest.skip(f"this SQLite does not open an immutable file: {err}")
        store.keep_unsaved_changes()
        try:
            store.tick_question("s3-q1")
            assert store.question_state("s3-q1").answered and store.unsaved().count == 1
        finally:
            store.close()


def test_the_reviews_of_a_finish_kept_on_a_full_disk_land_with_it(keeping):
    aid = keeping.create_attempt("full", {}, ["e1", "e2"], {"e1": [0, 1, 2, 3], "e2": [0, 1, 2, 3]}, 600)
    assert keeping.acquire_attempt(aid) is None
    disk = fail_writes(keeping)
    assert keeping.record_exam_answer(aid, "e1", [2], 10.0, review=1)  # a practice answer revealed
    assert keeping.finish_attempt(aid, "submitted", {"percent": 50.0}, 20.0, reviews=[("e2", 3)])
    disk.failing = False
    assert keeping.save_unsaved()
    again = Store(keeping.path)
    try:
        assert again.attempt(aid).status == AttemptStatus.SUBMITTED
        assert again.reviews.card("exam", "e1") is not None and again.reviews.card("exam", "e2") is not None
    finally:
        again.close()


def test_review_limits_kept_on_a_full_disk_are_the_limits_in_force(keeping):
    """The limits dialog showed, and the review queue used, the saved limits while the new ones
    waited in memory (``reviews.limits`` read the table, not the kept settings)."""
    from awstui.state.repos.reviews import NEW_PER_DAY, REVIEWS_PER_DAY

    disk = fail_writes(keeping)
    keeping.set_setting(NEW_PER_DAY, 7)
    assert keeping.unsaved().count == 1
    assert keeping.reviews.limits() == {NEW_PER_DAY: 7, REVIEWS_PER_DAY: 200}
    disk.failing = False
    assert keeping.save_unsaved() is True
    assert keeping.reviews.limits()[NEW_PER_DAY] == 7


def test_a_desired_retention_kept_on_a_full_disk_is_the_one_in_force(keeping):
    """As the limits: the config's retention written at start on a full disk still schedules,
    and the scheduler built inside an exam finish's transaction reads it without a nested one."""
    from awstui.state.repos.reviews import RETENTION

    aid = keeping.create_attempt("full", {}, ["e1"], {"e1": [0, 1, 2, 3]}, 600)
    assert keeping.acquire_attempt(aid) is None
    disk = fail_writes(keeping)
    keeping.set_setting(RETENTION, 0.8)
    assert keeping.reviews.desired_retention() == 0.8
    disk.failing = False
    assert keeping.finish_attempt(aid, "submitted", {"percent": 100.0}, 20.0, reviews=[("e1", 3)])
    assert keeping.reviews.srs.scheduler.desired_retention == 0.8
    assert keeping.reviews.card("exam", "e1") is not None


def test_a_review_grade_on_a_full_disk_is_kept_and_saved_at_its_own_time(keeping, clock):
    """Review mode on a full disk: the grade is kept (not refused), the item leaves the queue,
    the day's limits count it, and it is saved later with the moment it was made."""
    from datetime import timedelta

    keeping.save_answer("s3-q1", "my answer")  # an own card, new
    keeping.reviews.grade("exam", "e1", 1)  # an exam card, due again 10 minutes later
    clock.advance(hours=1)
    start = keeping.now() - timedelta(hours=2)
    assert keeping.reviews.own_new() == ["s3-q1"]
    assert [c.qid for c in keeping.reviews.due(keeping.now())] == ["e1"]
    disk = fail_writes(keeping)
    own = keeping.reviews.grade("own", "s3-q1", 3)
    exam = keeping.reviews.grade("exam", "e1", 3)
    made = own.reviewed_at
    assert own.log_id < 0 and exam.due > exam.reviewed_at > made and keeping.unsaved().count == 2
    assert keeping.reviews.own_new() == [] and keeping.reviews.due(keeping.now()) == []
    assert keeping.reviews.due_count(keeping.now()) == 0
    assert keeping.reviews.done_since(start) == (2, 1)  # the own card was new; e1's earlier grade was one too
    clock.advance(minutes=5)
    disk.failing = False
    assert keeping.save_unsaved() is True
    saved = keeping.reviews.card("own", "s3-q1")
    assert saved is not None and saved.last_review == made and keeping.reviews.card("exam", "e1").reps == 2
    assert keeping.reviews.done_since(start) == (2, 1)


def test_a_review_grade_kept_in_memory_can_be_taken_back(keeping):
    keeping.save_answer("s3-q1", "my answer")
    fail_writes(keeping)
    graded = keeping.reviews.grade("own", "s3-q1", 2)
    assert keeping.unsaved().count == 1 and keeping.reviews.own_new() == []
    undone = keeping.reviews.undo_last()
    assert undone is not None and (undone.qid, undone.rating) == ("s3-q1", 2) and undone.log_id == graded.log_id
    assert keeping.unsaved().count == 0 and keeping.reviews.own_new() == ["s3-q1"]
    assert keeping.reviews.undo_last() is None
