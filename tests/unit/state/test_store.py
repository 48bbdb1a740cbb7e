"""Every store method for questions, services, settings and the learner's own questions, with
the event each change sends (and the silence when nothing changed)."""

from __future__ import annotations

import dataclasses
import threading

import pytest

from awstui.state import (
    Change,
    LearnerQuestion,
    LearnerQuestionsChanged,
    QuestionChanged,
    QuestionState,
    ServiceChanged,
    ServiceState,
    SettingChanged,
    Store,
    StoreError,
)

from .conftest import reopen

T0 = "2026-11-27T10:15:00.000000Z"


# ---------------------------------------------------------------------- open questions


def test_a_fresh_store_knows_nothing(store):
    assert store.question_states() == {}
    assert store.service_states() == {}
    assert store.learner_questions() == []
    assert store.attempts() == []
    assert store.in_progress_attempt() is None
    assert store.question_state("s3-q1") == QuestionState()
    assert store.service_state("s3") == ServiceState()


def test_tick_question_records_when_and_sends_one_event(store, events, clock):
    clock.t = clock.t.replace(hour=12)
    store.tick_question("s3-q1")
    state = store.question_states()["s3-q1"]
    assert state.answered is True
    assert state.answered_at == "2026-11-27T12:15:00.000000Z"
    assert state.answer == "" and state.answer_updated_at is None
    assert events == [QuestionChanged("s3-q1")]


def test_tick_question_twice_is_silent_and_keeps_the_first_time(store, events):
    store.tick_question("s3-q1")
    first = store.question_state("s3-q1").answered_at
    store.tick_question("s3-q1", True)
    assert store.question_state("s3-q1").answered_at == first
    assert events == [QuestionChanged("s3-q1")]


def test_untick_clears_when_and_untick_of_unknown_is_silent(store, events):
    store.tick_question("never-ticked", answered=False)
    assert events == []
    assert "never-ticked" not in store.question_states()
    store.tick_question("s3-q1")
    store.tick_question("s3-q1", answered=False)
    state = store.question_state("s3-q1")
    assert (state.answered, state.answered_at) == (False, None)
    assert events == [QuestionChanged("s3-q1")] * 2


def test_toggle_question_returns_the_new_state(store, events):
    assert store.toggle_question("q") is True
    assert store.question_state("q").answered is True
    assert store.toggle_question("q") is False
    assert store.question_state("q").answered is False
    assert store.toggle_question("q") is True
    assert events == [QuestionChanged("q")] * 3


def test_save_answer_keeps_markdown_exactly(store, events):
    text = "# Heading\n\n- `code` and [a link](https://example.com)\n\n```json\n{}\n```\n\u00e9\u2013\U0001f600"
    store.save_answer("q", text)
    state = store.question_state("q")
    assert state.answer == text
    assert state.answer_updated_at == T0
    assert state.answered is False  # writing an answer is not ticking
    assert events == [QuestionChanged("q")]


def test_save_answer_unchanged_is_silent_and_keeps_the_time(store, events):
    store.save_answer("q", "same")
    at = store.question_state("q").answer_updated_at
    store.save_answer("q", "same")
    assert store.question_state("q").answer_updated_at == at
    assert events == [QuestionChanged("q")]
    store.save_answer("other", "")  # an empty answer where there was none: no change either
    assert events == [QuestionChanged("q")]
    assert "other" not in store.question_states()


def test_save_answer_then_clear(store, events):
    store.save_answer("q", "draft")
    store.save_answer("q", "")
    assert store.question_state("q").answer == ""
    assert len(events) == 2


def test_tick_and_answer_are_independent(store):
    store.save_answer("q", "my answer")
    store.tick_question("q")
    store.tick_question("q", False)
    assert store.question_state("q").answer == "my answer"


def test_answers_for_questions_not_in_the_content_are_kept(store, data_dir, clock):
    store.save_answer("removed-from-content", "still mine")
    store.tick_question("removed-from-content")
    store = reopen(store, clock)
    try:
        state = store.question_states()["removed-from-content"]
        assert state.answer == "still mine" and state.answered
    finally:
        store.close()


@pytest.mark.parametrize("bad", ["", "   ", None, 3, "x" * 501])
def test_bad_question_ids_are_refused(store, bad):
    with pytest.raises(StoreError):
        store.tick_question(bad)
    with pytest.raises(StoreError):
        store.save_answer(bad, "t")


def test_answer_must_be_text(store):
    with pytest.raises(StoreError, match="string"):
        store.save_answer("q", b"bytes")


# ---------------------------------------------------------------------- the learner's own questions


def test_add_question(store, events):
    qid = store.add_question("dynamodb", "When do I pick an LSI over a GSI?")
    assert qid.startswith("mine-") and len(qid) > len("mine-")
    assert store.learner_questions() == [LearnerQuestion(qid, "dynamodb", "When do I pick an LSI over a GSI?", T0)]
    assert events == [LearnerQuestionsChanged(qid)]


def test_added_questions_are_ticked_and_answered_like_any_other(store):
    qid = store.add_question("s3", "What is S3 Object Lock?")
    store.tick_question(qid)
    store.save_answer(qid, "WORM")
    assert store.question_state(qid) == QuestionState(
        True, store.question_state(qid).answered_at, "WORM", store.question_state(qid).answer_updated_at
    )


def test_added_question_ids_are_unique(store):
    ids = {store.add_question("s3", f"question {i}") for i in range(200)}
    assert len(ids) == 200
    assert [q.text for q in store.learner_questions()] == [f"question {i}" for i in range(200)]


@pytest.mark.parametrize("text", ["", "   \n"])
def test_add_question_needs_text(store, text):
    with pytest.raises(StoreError, match="text"):
        store.add_question("s3", text)


def test_update_question(store, events):
    qid = store.add_question("s3", "old")
    store.update_question(qid, "new")
    store.update_question(qid, "new")  # unchanged: silent
    [q] = store.learner_questions()
    assert q.text == "new" and q.updated_at is not None
    assert events == [LearnerQuestionsChanged(qid)] * 2


def test_delete_question_removes_it_with_its_answer(store, events):
    qid = store.add_question("s3", "mine")
    store.tick_question(qid)
    store.save_answer(qid, "answer")
    events.clear()
    store.delete_question(qid)
    assert store.learner_questions() == []
    assert qid not in store.question_states()
    assert events == [LearnerQuestionsChanged(qid), QuestionChanged(qid)]


def test_only_the_learners_own_questions_can_be_deleted(store, events):
    store.tick_question("s3-q1")
    with pytest.raises(StoreError, match="not a question of your own"):
        store.delete_question("s3-q1")
    assert store.question_state("s3-q1").answered  # untouched
    qid = store.add_question("s3", "mine")
    store.delete_question(qid)
    with pytest.raises(StoreError):
        store.delete_question(qid)  # already deleted
    with pytest.raises(StoreError):
        store.update_question(qid, "back?")


# ---------------------------------------------------------------------- services


def test_mark_reviewed_counts_reviews(store, events):
    store.mark_reviewed("s3")
    state = store.service_state("s3")
    assert (state.reviewed, state.reviewed_at, state.review_count) == (True, T0, 1)
    store.mark_reviewed("s3")  # already reviewed: no change, no event
    assert store.service_state("s3").review_count == 1
    store.mark_reviewed("s3", False)
    state = store.service_state("s3")
    assert (state.reviewed, state.reviewed_at, state.review_count) == (False, None, 1)
    store.mark_reviewed("s3")
    assert store.service_state("s3").review_count == 2
    assert events == [ServiceChanged("s3")] * 3


def test_unmark_of_unknown_service_is_silent(store, events):
    store.mark_reviewed("never", False)
    assert events == [] and store.service_states() == {}


def test_toggle_reviewed(store, events):
    assert store.toggle_reviewed("lambda") is True
    assert store.toggle_reviewed("lambda") is False
    assert store.toggle_reviewed("lambda") is True
    assert store.service_state("lambda").review_count == 2
    assert events == [ServiceChanged("lambda")] * 3


def test_save_annotation(store, events):
    store.save_annotation("sqs", "FIFO: 300 msg/s, 3000 with batching")
    store.save_annotation("sqs", "FIFO: 300 msg/s, 3000 with batching")
    state = store.service_states()["sqs"]
    assert state.annotation == "FIFO: 300 msg/s, 3000 with batching"
    assert state.annotation_updated_at == T0
    assert state.reviewed is False
    assert events == [ServiceChanged("sqs")]


# ---------------------------------------------------------------------- settings


@pytest.mark.parametrize(
    "value", ["textual-dark", 3, 2.5, True, None, ["a", "b"], {"nested": {"list": [1, 2]}, "unicode": "\u00e9"}]
)
def test_settings_round_trip(store, events, value, clock):
    store.set_setting("k", value)
    assert store.get_setting("k") == value
    assert events == [SettingChanged("k")]
    store = reopen(store, clock)
    try:
        assert store.get_setting("k") == value
    finally:
        store.close()


def test_setting_default_and_no_event_when_unchanged(store, events):
    assert store.get_setting("theme") is None
    assert store.get_setting("theme", "textual-dark") == "textual-dark"
    store.set_setting("theme", "nord")
    store.set_setting("theme", "nord")
    store.set_setting("theme", "gruvbox")
    assert store.get_setting("theme", "x") == "gruvbox"
    assert store.settings() == {"theme": "gruvbox"}
    assert events == [SettingChanged("theme")] * 2


@pytest.mark.parametrize("value", [object(), {1, 2}, float("nan"), b"bytes"])
def test_unserialisable_settings_are_refused(store, events, value):
    with pytest.raises(StoreError, match="JSON"):
        store.set_setting("k", value)
    assert events == [] and store.get_setting("k") is None


# ---------------------------------------------------------------------- events and plumbing


def test_unsubscribe_stops_events(store):
    seen = []
    unsubscribe = store.subscribe(seen.append)
    store.tick_question("a")
    unsubscribe()
    unsubscribe()  # twice is fine
    store.tick_question("b")
    assert seen == [QuestionChanged("a")]


def test_every_event_is_a_frozen_change(store):
    seen = []
    store.subscribe(seen.append)
    store.tick_question("q")
    store.mark_reviewed("s")
    store.set_setting("k", 1)
    store.add_question("s", "t")
    assert len(seen) == 4 and all(isinstance(e, Change) for e in seen)
    with pytest.raises(dataclasses.FrozenInstanceError):
        seen[0].qid = "other"  # frozen
    assert QuestionChanged("q") == QuestionChanged("q") and hash(QuestionChanged("q"))


def test_a_failing_subscriber_does_not_undo_the_change_or_starve_others(store):
    seen = []

    def broken(event):
        raise RuntimeError("bug in a view")

    store.subscribe(broken)
    store.subscribe(seen.append)
    with pytest.raises(RuntimeError, match="bug in a view"):
        store.tick_question("q")
    assert seen == [QuestionChanged("q")]
    assert store.question_state("q").answered  # committed before anyone was told


def test_a_subscriber_can_read_the_store_from_its_callback(store):
    seen = []
    store.subscribe(lambda e: seen.append(store.question_state(e.qid).answered))
    store.tick_question("q")
    assert seen == [True]


def test_changes_are_committed_at_once(store):
    store.tick_question("q")
    other = Store(store.path)  # a second connection sees it without any save or close
    try:
        assert other.question_state("q").answered
    finally:
        other.close()


def test_everything_survives_reopening(store, clock):
    store.tick_question("q")
    store.save_answer("q", "a")
    store.mark_reviewed("s")
    store.save_annotation("s", "note")
    store.set_setting("theme", "nord")
    qid = store.add_question("s", "own")
    before = (store.question_states(), store.service_states(), store.settings(), store.learner_questions())
    store = reopen(store, clock)
    try:
        after = (store.question_states(), store.service_states(), store.settings(), store.learner_questions())
        assert after == before and after[3][0].id == qid
    finally:
        store.close()


def test_a_closed_store_says_so(store):
    store.close()
    store.close()  # idempotent
    assert store.closed
    with pytest.raises(StoreError, match="closed"):
        store.tick_question("q")
    with pytest.raises(StoreError, match="closed"):
        store.question_states()


def test_context_manager_closes(data_dir):
    with Store(data_dir / "state.db") as s:
        s.tick_question("q")
    assert s.closed


def test_usable_from_several_threads(store):
    errors = []

    def work(n):
        try:
            for i in range(50):
                store.tick_question(f"t{n}-{i}")
                store.question_states()
        except Exception as err:  # pragma: no cover - reported below
            errors.append(err)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(store.question_states()) == 200


def test_timestamps_are_iso_utc_from_the_injected_clock(store, clock):
    from datetime import datetime

    store.tick_question("q")
    at = store.question_state("q").answered_at
    assert at == T0 and at.endswith("Z")
    assert datetime.fromisoformat(at).utcoffset().total_seconds() == 0


def test_naive_clock_is_taken_as_utc(data_dir):
    from datetime import datetime

    with Store(data_dir / "state.db", now=lambda: datetime(2026, 1, 2, 3, 4, 5)) as s:
        s.tick_question("q")
        assert s.question_state("q").answered_at == "2026-01-02T03:04:05.000000Z"
