"""Hand-edited review cards and logs in an export: every bad entry is refused with one line that
names what and where, and nothing changes."""

from __future__ import annotations

import copy

import pytest

from awstui.state import Store, StoreError


@pytest.fixture
def other(tmp_path, clock):
    s = Store(tmp_path / "other" / "state.db", now=clock)
    yield s
    s.close()


@pytest.fixture
def export(other):
    other.reviews.grade("exam", "e1", 3)
    other.reviews.grade("own", "o1", 1)
    return other.export_state()


def _log(**change):
    def edit(doc):
        doc["review_logs"][0].update(change)

    return edit


def _card(**change):
    def edit(doc):
        doc["review_cards"][0]["card"].update(change)

    return edit


def _dup_card(doc):
    doc["review_cards"].append(copy.deepcopy(doc["review_cards"][0]))


def _dup_log(doc):
    doc["review_logs"].append({**doc["review_logs"][0], "qid": "e2"})


@pytest.mark.parametrize(
    "edit, message",
    [
        (_log(rating=3.0), "review_logs[0].rating: expected 1, 2, 3 or 4, got 3.0"),
        (_log(reviewed_at="2099-01-01T00:00:00Z"), "review_logs[0].reviewed_at: in the future"),
        (_card(last_review="2099-01-01T00:00:00+00:00"), "review_cards[0].card.last_review: in the future"),
        (_card(due="9999-12-31T00:00:00+00:00"), "review_cards[0].card.due: more than 36500 days after"),
        (_card(due="2000-01-01T00:00:00+00:00"), "review_cards[0].card.due: before its last review"),
        (_card(difficulty=11.0), "review_cards[0].card.difficulty: expected a number from 1 to 10"),
        (_card(difficulty=0.5), "review_cards[0].card.difficulty: expected a number from 1 to 10"),
        (_dup_card, "review_cards[2].qid: the same kind and qid as review_cards[0]"),
        (_dup_log, "review_logs[2].uid: the same uid as review_logs[0]"),
        (_log(qid="e1\x1b[2J"), "review_logs[0].qid: a control character in the id"),
        (_log(uid="\x1b]0;x\x07"), "review_logs[0].uid: a control character in the id"),
        (_log(source="x\x07"), "review_logs[0].source: a control character in the id"),
    ],
)
def test_a_bad_review_entry_is_refused_naming_where_and_nothing_changes(store, export, edit, message):
    store.reviews.grade("exam", "mine", 3)
    before = store.export_state()
    doc = copy.deepcopy(export)
    edit(doc)
    with pytest.raises(StoreError) as err:
        store.import_state(doc)
    assert message in str(err.value)
    assert "\n" not in str(err.value) and "\x1b" not in str(err.value) and "\x07" not in str(err.value)
    after = store.export_state()
    assert {k: v for k, v in after.items() if k != "exported_at"} == {
        k: v for k, v in before.items() if k != "exported_at"
    }


def test_the_untouched_export_still_imports(store, export):
    assert store.import_state(copy.deepcopy(export)).added == {"review_cards": 2, "review_logs": 2}


@pytest.mark.parametrize(
    "key, value, message",
    [
        ("review.reviews_per_day", -1, "settings.review.reviews_per_day.value: must be a whole number from 0-9999"),
        ("review.reviews_per_day", True, "settings.review.reviews_per_day.value: must be a whole number"),
        ("review.desired_retention", 0.5, "settings.review.desired_retention.value: must be a number from 0.7-0.97"),
    ],
)
def test_a_review_setting_out_of_its_range_is_refused(store, export, key, value, message):
    """The daily limits and the retention take the values the config file and the limits dialog
    allow (review_settings.py), from an export too."""
    doc = copy.deepcopy(export)
    doc.setdefault("settings", {})[key] = {"value": value, "updated_at": "2026-11-01T09:00:00Z"}
    with pytest.raises(StoreError) as err:
        store.import_state(doc)
    assert message in str(err.value)
    assert store.get_setting(key) is None


def test_a_stored_limit_out_of_range_counts_as_the_default_or_the_highest(store):
    """One written before this check (or by hand): the store reads it as the default, or as the
    highest when it is a whole number above it."""
    from awstui.review_settings import NEW_PER_DAY, REVIEWS_PER_DAY

    store.set_setting(NEW_PER_DAY, -4)
    store.set_setting(REVIEWS_PER_DAY, 10**18)  # above the highest: the highest ("no limit")
    assert store.reviews.limits() == {NEW_PER_DAY: 20, REVIEWS_PER_DAY: 9999}
    store.set_setting("review.desired_retention", 2)
    assert store.reviews.desired_retention() == 0.9


def _old_export(tmp_path, clock, name: str = "old") -> dict:
    """An export from before spaced review: finished exams, no review sections."""
    old = Store(tmp_path / name / "state.db", now=clock)
    try:
        for qids in (["q1", "q2"], ["q2", "q3"]):
            aid = old.create_attempt("full", {}, qids, {}, 60)
            outcomes = [{"qid": q, "kind": "correct" if q != "q2" else "wrong"} for q in qids]
            old.finish_attempt(aid, "submitted", {"outcomes": outcomes}, 30)
        doc = old.export_state()
    finally:
        old.close()
    doc.pop("review_cards"), doc.pop("review_logs")
    return doc


def test_an_old_export_into_a_store_with_no_reviews_seeds_the_schedule(store, tmp_path, clock):
    """A new machine: the exams of an export from before spaced review are seeded as the
    upgrade to it seeds past answers (once, from every attempt)."""
    from awstui.exam.reviews import seed_from_history

    report = store.import_state(_old_export(tmp_path, clock))
    assert report.added["attempts"] == 2 and store.reviews.seed_pending()
    assert "will seed the review schedule" in report.summary()
    assert seed_from_history(store) == 4 and not store.reviews.seed_pending()
    assert store.reviews.card("exam", "q2").reps == 2 and store.reviews.card("exam", "q1").reps == 1


def _card_row(store, qid):
    return store._conn.execute("SELECT card, due, last_review FROM review_card WHERE qid = ?", (qid,)).fetchone()


def _graded_one_by_one(store, tmp_path, clock, qid):
    """The card ``qid`` would have had from its logs in ``store`` graded one by one, in time order."""
    from datetime import datetime

    rows = store._conn.execute(
        "SELECT rating, reviewed_at FROM review_log WHERE qid = ? ORDER BY reviewed_at, id", (qid,)
    ).fetchall()
    with Store(tmp_path / f"twin-{qid}" / "state.db", now=clock) as twin:
        for rating, at in rows:
            twin.reviews.grade("exam", qid, rating, at=datetime.fromisoformat(at))
        return _card_row(twin, qid)


def test_an_old_export_into_a_store_with_reviews_merges_its_answers_into_the_schedule(store, tmp_path, clock):
    """Another machine's exams, finished after this store's own grade of q2: its answers go in as
    reviews, q2's card steps on through them in time order, q1 and q3 get cards, the rest stays."""
    from awstui.exam.reviews import seed_from_history

    store.reviews.grade("exam", "q2", 3)
    store.reviews.grade("exam", "mine", 3)
    mine = _card_row(store, "mine")
    report = store.import_state(_old_export(tmp_path, clock))
    assert "will seed the review schedule" in report.summary() and store.reviews.seed_pending()
    _token, ids = store.reviews.seed_scope()
    assert ids == {a.id for a in store.attempt_results()} and len(ids) == 2
    assert seed_from_history(store) == 4 and not store.reviews.seed_pending() and seed_from_history(store) == 0
    q2 = store.reviews.card("exam", "q2")
    assert (q2.reps, q2.correct) == (3, 1)  # its own Good, then the two wrong answers imported
    assert _card_row(store, "q2") == _graded_one_by_one(store, tmp_path, clock, "q2")
    assert store.reviews.card("exam", "q1").reps == 1 and store.reviews.card("exam", "q3").reps == 1
    assert _card_row(store, "mine") == mine


def test_answers_older_than_a_cards_last_review_are_reviews_that_leave_its_state(store, tmp_path, clock):
    """The other machine's exams came before this store's grade of q2: the card's state follows
    its newest review (as a merge of exports does), and its counters count every review."""
    from awstui.exam.reviews import seed_from_history

    export = _old_export(tmp_path, clock)
    store.reviews.grade("exam", "q2", 3)
    q2 = _card_row(store, "q2")
    store.import_state(export)
    assert seed_from_history(store) == 4
    assert _card_row(store, "q2") == q2
    card = store.reviews.card("exam", "q2")
    assert (card.reps, card.correct) == (3, 1)
    first = store._conn.execute("SELECT first_rating FROM review_card WHERE qid = 'q2'").fetchone()[0]
    assert first == 1  # the first review is now the oldest: an imported wrong answer (Again)


def test_attempts_imported_while_a_seed_was_read_are_seeded_by_the_next(store, tmp_path, clock):
    from awstui.exam.reviews import history_answers, seed_from_history

    store.reviews.grade("exam", "mine", 3)
    store.import_state(_old_export(tmp_path, clock))
    token, ids = store.reviews.seed_scope()
    answers = history_answers([a for a in store.attempt_results() if a.id in ids])
    store.import_state(_old_export(tmp_path, clock, "old2"))  # two more attempts, meanwhile
    assert store.reviews.seed(answers, token=token) == 0 and store.reviews.seed_pending()
    assert len(store.reviews.seed_scope()[1]) == 4
    assert seed_from_history(store) == 8 and not store.reviews.seed_pending()
    assert store.reviews.card("exam", "q2").reps == 4


def test_the_same_old_export_twice_seeds_its_answers_once(store, tmp_path, clock):
    from awstui.exam.reviews import seed_from_history

    store.reviews.grade("exam", "mine", 3)
    export = _old_export(tmp_path, clock)
    store.import_state(copy.deepcopy(export))
    assert seed_from_history(store) == 4
    report = store.import_state(copy.deepcopy(export))
    assert report.kept["attempts"] == 2 and not store.reviews.seed_pending() and report.notes == []
    assert store.reviews.card("exam", "q2").reps == 2


def test_a_damaged_list_of_attempts_to_seed_seeds_none_and_clears(store, tmp_path, clock):
    from awstui.exam.reviews import seed_from_history

    store.reviews.grade("exam", "mine", 3)
    store.import_state(_old_export(tmp_path, clock))
    store._conn.execute("UPDATE meta SET value = '{not json' WHERE key = 'seed_attempts'")
    assert store.reviews.seed_scope()[1] == frozenset()
    assert seed_from_history(store) == 0 and not store.reviews.seed_pending()


def test_a_new_export_seeds_nothing(store, export):
    report = store.import_state(copy.deepcopy(export))
    assert not store.reviews.seed_pending() and report.notes == []


def test_answers_of_one_moment_all_step_the_card_as_the_upgrade_replays_them(store, tmp_path, clock):
    """Two attempts finished at the same moment (the replay's own answers, not the store's card):
    both step the new card, as before the seeding of imported attempts."""
    from datetime import timedelta

    from awstui.exam.reviews import seed_from_history

    clock.step = timedelta(0)
    store.import_state(_old_export(tmp_path, clock))  # q2 twice, at one moment
    assert seed_from_history(store) == 4
    assert store.reviews.card("exam", "q2").reps == 2
    r_before = store._conn.execute("SELECT r_before FROM review_log WHERE qid = 'q2' ORDER BY id").fetchall()
    assert r_before[0][0] is None and r_before[1][0] is not None


def test_attempts_listed_while_every_answer_was_replaying_wait_for_the_next_seed(store, tmp_path, clock):
    """A seed of every attempt read its answers; a live grade and an import listed more attempts
    meanwhile: that seed writes nothing (they would be lost), the next takes them all."""
    from awstui.exam.reviews import history_answers, seed_from_history

    store._conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('seed_pending', '1')")
    token, _ids = store.reviews.seed_scope()
    answers = history_answers(store.attempt_results())
    store.reviews.grade("exam", "mine", 3)
    store.import_state(_old_export(tmp_path, clock))
    assert store.reviews.seed(answers, token=token) == 0 and store.reviews.seed_pending()
    assert seed_from_history(store) == 4 and not store.reviews.seed_pending()
    assert store.reviews.card("exam", "q2").reps == 2


def test_an_attempt_in_progress_here_and_finished_there_keeps_what_was_graded_here(store, tmp_path, clock):
    """A practice attempt came in from an old export in progress; its revealed answer was graded
    here. Finished there and imported again, it is updated, and its answers are not seeded twice."""
    from awstui.exam.reviews import seed_from_history

    other = Store(tmp_path / "b" / "state.db", now=clock)
    try:
        there = other.create_attempt("practice", {}, ["q1", "q2"], {}, None)
        first = other.export_state()
        store.reviews.grade("exam", "mine", 3)
        first.pop("review_cards"), first.pop("review_logs")
        store.import_state(first)
        here = store._conn.execute("SELECT id FROM attempt").fetchone()[0]
        assert store.record_exam_answer(here, "q1", [0], 5.0, review=3)
        other.finish_attempt(
            there, "submitted", {"outcomes": [{"qid": "q1", "kind": "correct"}, {"qid": "q2", "kind": "wrong"}]}, 30
        )
        finished = other.export_state()
    finally:
        other.close()
    finished.pop("review_cards"), finished.pop("review_logs")
    report = store.import_state(finished)
    assert report.updated["attempts"] == 1 and not store.reviews.seed_pending()
    assert "keep the reviews graded here" in report.summary()
    assert seed_from_history(store) == 0 and store.reviews.card("exam", "q1").reps == 1
