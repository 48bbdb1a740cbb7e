"""Export and import: readable versioned JSON; merging where the newer change wins per item;
bad input refused with a message that says where, and nothing changed."""

from __future__ import annotations

import copy
import json
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from awstui.state import ExternalChange, Store, StoreError

from .conftest import FakeClock


@pytest.fixture
def other(tmp_path, clock):
    """A second machine's store, on the same clock (so "newer" is well defined)."""
    s = Store(tmp_path / "other" / "state.db", now=clock)
    yield s
    s.close()


def _fill(store: Store) -> int:
    store.tick_question("s3-q1")
    store.save_answer("s3-q1", "**bold** answer")
    store.save_answer("lambda-q2", "draft")
    store.mark_reviewed("s3")
    store.save_annotation("s3", "versioning + MFA delete")
    store.set_setting("theme", "nord")
    store.set_setting("last_service", {"id": "s3"})
    qid = store.add_question("sqs", "Visibility timeout vs delay?")
    aid = store.create_attempt("full", {"seed": 1}, ["e1", "e2"], {"e1": [1, 0, 2, 3]}, 7800)
    store.record_exam_answer(aid, "e1", [2], 30)
    store.set_flag(aid, "e2", True, 31)
    store.finish_attempt(aid, "submitted", {"percent": 50.0, "correct": 1, "total": 2}, 40, reviews=[("e1", 1)])
    store.reviews.grade("own", "s3-q1", 3)
    open_id = store.create_attempt("practice", {}, ["e3"], {}, None)
    store.record_exam_answer(open_id, "e3", [0], 5)
    return qid


def _snapshot(store: Store) -> tuple:
    attempts = [
        (
            a.uid,
            a.mode,
            a.config,
            a.question_ids,
            a.option_orders,
            a.answers,
            a.flags,
            a.position,
            a.time_used_s,
            a.time_allowed_s,
            a.status,
            a.result,
            a.started_at,
            a.finished_at,
        )
        for a in store.attempts()
    ]
    reviews = store._conn.execute(
        "SELECT c.kind, c.qid, c.card, c.due, c.reps, c.correct, c.expected, c.first_rating, l.uid, l.rating, "
        "l.reviewed_at FROM review_card c JOIN review_log l USING (kind, qid) ORDER BY l.uid"
    ).fetchall()
    return (
        store.question_states(), store.service_states(), store.settings(), store.learner_questions(), attempts,
        reviews,
    )  # fmt: skip


def test_export_is_versioned_readable_json(store):
    _fill(store)
    data = store.export_state()
    assert data["format"] == "awstui-state" and data["version"] == 1
    assert data["exported_at"].endswith("Z")
    text = json.dumps(data)  # JSON-serialisable as it is
    assert json.loads(text) == data
    assert data["questions"]["s3-q1"]["answered"] is True
    assert data["questions"]["s3-q1"]["answer"] == "**bold** answer"
    assert data["services"]["s3"]["annotation"] == "versioning + MFA delete"
    assert data["settings"]["theme"]["value"] == "nord"
    assert [a["status"] for a in data["attempts"]] == ["submitted", "in_progress"]
    assert data["attempts"][0]["answers"]["e1"]["selected"] == [2]
    assert data["attempts"][0]["answers"]["e2"]["flagged"] is True


def test_round_trip_into_an_empty_store_is_exact(store, other, events):
    _fill(store)
    report = other.import_state(json.loads(json.dumps(store.export_state())))
    assert _snapshot(other) == _snapshot(store)
    assert report.added == {
        "questions": 2, "services": 1, "settings": 2, "learner_questions": 1, "attempts": 2,
        "review_cards": 2, "review_logs": 2,
    }  # fmt: skip
    assert report.updated == {} and report.kept == {}
    assert "questions: 2 added" in report.summary()
    assert report.as_dict()["added"]["attempts"] == 2


def test_importing_the_same_export_twice_changes_nothing(store, other):
    _fill(store)
    data = store.export_state()
    other.import_state(data)
    seen = []
    other.subscribe(seen.append)
    report = other.import_state(data)
    assert report.changed == 0 and report.added == {} and report.updated == {}
    assert seen == []  # nothing changed: no event


def test_import_sends_one_external_change(store, other):
    _fill(store)
    seen = []
    other.subscribe(seen.append)
    other.import_state(store.export_state())
    assert seen == [ExternalChange(source="import")]


def test_newer_change_wins_per_item(store, other, clock):
    # both machines start from the same state
    store.save_answer("q", "v1")
    store.save_annotation("s", "note v1")
    store.set_setting("theme", "nord")
    other.import_state(store.export_state())
    # then: here the answer changes later, there the annotation and the tick change later
    other.save_annotation("s", "note v2 (other)")
    store.save_answer("q", "v2 (here)")
    other.tick_question("q")
    store.set_setting("theme", "dracula")
    other.set_setting("theme", "gruvbox")  # later: wins
    store.import_state(other.export_state())
    assert store.question_state("q").answer == "v2 (here)"  # ours was newer
    assert store.question_state("q").answered is True  # theirs was newer
    assert store.service_state("s").annotation == "note v2 (other)"
    assert store.get_setting("theme") == "gruvbox"
    # and the other way round converges to the same
    other.import_state(store.export_state())
    assert other.question_states() == store.question_states()
    assert other.service_states() == store.service_states()
    assert other.settings() == store.settings()


def test_an_older_untick_does_not_undo_a_newer_tick(store, other):
    store.tick_question("q")
    other.import_state(store.export_state())
    other.tick_question("q", False)  # older ...
    store.tick_question("q", False)
    store.tick_question("q", True)  # ... than this
    store.import_state(other.export_state())
    assert store.question_state("q").answered is True


def test_review_counts_take_the_larger(store, other):
    for _ in range(3):
        store.toggle_reviewed("s")
        store.toggle_reviewed("s")
    store.mark_reviewed("s")
    other.mark_reviewed("s")
    other.import_state(store.export_state())
    assert other.service_state("s").review_count == 4


def test_a_deleted_own_question_stays_deleted(store, other):
    qid = store.add_question("s3", "mine")
    store.save_answer(qid, "answer")
    old_export = store.export_state()
    store.delete_question(qid)
    report = store.import_state(old_export)  # an older copy must not bring it back
    assert store.learner_questions() == []
    assert qid not in store.question_states()
    assert report.kept.get("learner_questions") == 1
    # and the deletion travels
    other.import_state(old_export)
    assert [q.id for q in other.learner_questions()] == [qid]
    other.import_state(store.export_state())
    assert other.learner_questions() == [] and qid not in other.question_states()


def test_a_finished_attempt_is_never_reopened_by_an_import(store, other):
    aid = store.create_attempt("full", {}, ["e1"], {}, 60)
    in_progress = store.export_state()
    store.record_exam_answer(aid, "e1", [1], 5)
    store.finish_attempt(aid, "submitted", {"percent": 100.0}, 10)
    store.import_state(in_progress)
    a = store.attempt(aid)
    assert a.status == "submitted" and a.answers == {"e1": [1]}
    # the finished one replaces an in-progress copy elsewhere
    other.import_state(in_progress)
    other.import_state(store.export_state())
    [theirs] = other.attempts()
    assert theirs.status == "submitted" and theirs.answers == {"e1": [1]} and theirs.result == {"percent": 100.0}


def test_attempts_from_two_machines_are_both_kept(store, other):
    store.create_attempt("full", {"machine": "a"}, ["e1"], {}, 60)
    other.create_attempt("full", {"machine": "b"}, ["e1"], {}, 60)  # same local id 1 there
    store.import_state(other.export_state())
    assert sorted(a.config["machine"] for a in store.attempts()) == ["a", "b"]
    assert len({a.id for a in store.attempts()}) == 2


def test_newer_in_progress_attempt_wins(store, other):
    aid = store.create_attempt("full", {}, ["e1", "e2"], {}, 60)
    other.import_state(store.export_state())
    [theirs] = other.attempts()
    other.record_exam_answer(theirs.id, "e2", [3], 20)
    store.import_state(other.export_state())
    assert store.attempt(aid).answers == {"e2": [3]}


def test_lenient_about_missing_timestamps_and_sections(store):
    report = store.import_state(
        {
            "format": "awstui-state",
            "version": 1,
            "exported_at": "2026-11-01T00:00:00+00:00",
            "questions": {"q": {"answered": True, "answer": "x"}},
        }
    )
    state = store.question_state("q")
    assert state.answered and state.answer == "x"
    assert state.answered_at == "2026-11-01T00:00:00.000000Z"
    assert report.added == {"questions": 1}


VALID = {
    "format": "awstui-state",
    "version": 1,
    "questions": {},
    "services": {},
    "learner_questions": {},
    "settings": {},
    "attempts": [],
}


def _with(path: str, value):
    data = copy.deepcopy(VALID)
    data.update(
        {
            "questions": {"q": {"answered": True, "answered_at": "2026-11-01T00:00:00Z"}},
            "attempts": [
                {
                    "uid": "u1",
                    "mode": "full",
                    "config": {},
                    "question_ids": ["e1"],
                    "option_orders": {"e1": [0, 1]},
                    "answers": {},
                    "status": "in_progress",
                    "started_at": "2026-11-01T00:00:00Z",
                }
            ],
        }
    )
    target = data
    keys = path.split("/")
    for key in keys[:-1]:
        target = target[int(key)] if isinstance(target, list) else target[key]
    target[keys[-1]] = value
    return data


@pytest.mark.parametrize(
    "data, message",
    [
        ([], "JSON object at the top"),
        ({"format": "other"}, "format"),
        ({"format": "awstui-state"}, "version"),
        ({"format": "awstui-state", "version": "1"}, "version"),
        ({"format": "awstui-state", "version": 2}, "newer awstui"),
        ({**VALID, "questions": []}, "questions: expected an object"),
        (_with("questions/q/answered", "yes"), "questions.q.answered: expected true or false"),
        (_with("questions/q/answered_at", "yesterday"), "questions.q.answered_at: expected an ISO 8601"),
        (_with("questions/q/answer", 3), "questions.q.answer: expected a string"),
        ({**VALID, "services": {"": {}}}, "services.: expected a non-empty id"),
        ({**VALID, "services": {"s": {"review_count": -1}}}, "review_count"),
        ({**VALID, "settings": {"k": {"updated_at": "2026-11-01T00:00:00Z"}}}, "settings.k.value: missing"),
        ({**VALID, "settings": {"k": {"value": 1}}}, "settings.k.updated_at: a timestamp is required"),
        ({**VALID, "learner_questions": {"m": {"service": "s3", "text": "t"}}}, "created_at"),
        (
            {**VALID, "learner_questions": {"m": {"service": "s3", "text": " ", "created_at": "2026-11-01T00:00:00Z"}}},
            "needs some text",
        ),
        (_with("attempts/0/status", "paused"), "attempts[0].status"),
        (_with("attempts/0/option_orders", {"e1": [0, 0]}), "attempts[0].option_orders.e1"),
        (_with("attempts/0/option_orders", {"zz": [0]}), "not one of the attempt's questions"),
        (
            _with("attempts/0/answers", {"e1": {"selected": [5], "updated_at": "2026-11-01T00:00:00Z"}}),
            "attempts[0].answers.e1.selected",
        ),
        (_with("attempts/0/time_used_s", float("nan")), "time_used_s"),
        (_with("attempts/0/question_ids", ["e1", "e1"]), "twice"),
        (_with("attempts/0/status", "submitted"), "needs its result"),
        (_with("attempts/0/uid", None), "attempts[0].uid"),
    ],
)
def test_bad_input_is_refused_with_where_and_nothing_changes(store, data, message):
    store.tick_question("before")
    before = _snapshot(store)
    with pytest.raises(StoreError) as err:
        store.import_state(data)
    assert message in str(err.value)
    assert str(err.value).startswith("not a usable awstui state export")
    assert "\n" not in str(err.value)
    assert _snapshot(store) == before


def test_a_half_valid_file_changes_nothing(store):
    data = copy.deepcopy(VALID)
    data["questions"] = {"good": {"answered": True, "answered_at": "2026-11-01T00:00:00Z"}}
    data["settings"] = {"bad": {"value": 1}}  # no updated_at
    with pytest.raises(StoreError):
        store.import_state(data)
    assert store.question_states() == {}


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 5) | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3),
    max_leaves=12,
)
sections = st.fixed_dictionaries(
    {"format": st.just("awstui-state"), "version": st.just(1)},
    optional={
        "questions": st.dictionaries(st.text(max_size=5), json_values, max_size=3),
        "services": st.dictionaries(st.text(max_size=5), json_values, max_size=3),
        "learner_questions": st.dictionaries(st.text(max_size=5), json_values, max_size=3),
        "settings": st.dictionaries(st.text(max_size=5), json_values, max_size=3),
        "attempts": st.lists(json_values, max_size=3),
        "exported_at": json_values,
    },
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=json_values | sections)
def test_any_json_is_imported_or_refused_never_a_crash(store, data):
    try:
        store.import_state(data)
    except StoreError as err:
        assert "\n" not in str(err)


def test_clock_independence_of_merge_direction(tmp_path):
    """Whichever side imports, the newer change wins (not 'the importer wins')."""
    clock = FakeClock(step=timedelta(minutes=1))
    a = Store(tmp_path / "a.db", now=clock)
    b = Store(tmp_path / "b.db", now=clock)
    a.save_answer("q", "old")
    b.save_answer("q", "new")
    b_into_a = a.import_state(b.export_state())
    a_into_b = b.import_state(a.export_state())
    assert a.question_state("q").answer == b.question_state("q").answer == "new"
    assert b_into_a.updated == {"questions": 1} and a_into_b.kept == {"questions": 1}
    a.close()
    b.close()


def _leaf_paths(value, prefix=()):
    if isinstance(value, dict) and value:
        for k, v in value.items():
            yield from _leaf_paths(v, (*prefix, k))
    elif isinstance(value, list) and value:
        for i, v in enumerate(value):
            yield from _leaf_paths(v, (*prefix, i))
    yield prefix


def _real_export(tmp_path_factory) -> dict:
    with Store(tmp_path_factory.mktemp("src") / "state.db", now=FakeClock()) as s:  # the importer's time
        _fill(s)
        return s.export_state()


@pytest.fixture(scope="module")
def real_export(tmp_path_factory):
    return _real_export(tmp_path_factory)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), replacement=json_values)
def test_a_real_export_with_any_one_field_replaced(store, real_export, data, replacement):
    """Deep inside a valid export, any value may be wrong: imported or refused, never a crash,
    and a refusal changes nothing."""
    doc = copy.deepcopy(real_export)
    path = data.draw(st.sampled_from([p for p in _leaf_paths(doc) if p]))
    target = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = replacement
    before = _snapshot(store)
    try:
        store.import_state(doc)
    except StoreError as err:
        assert "\n" not in str(err)
        assert _snapshot(store) == before
    assert store._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_key_with_a_newline_is_named_on_one_line(store, real_export):
    doc = copy.deepcopy(real_export)
    doc["questions"] = {"bad\nid": None}
    with pytest.raises(StoreError) as err:
        store.import_state(doc)
    assert "\n" not in str(err.value) and "bad\\x0aid" in str(err.value)


def test_review_logs_merge_as_a_union_and_a_card_follows_its_newest_review(store, other, clock):
    store.reviews.grade("exam", "e1", 1)  # here: missed
    clock.advance(days=1)
    other.reviews.grade("exam", "e1", 3)  # the other machine, later: right
    other.reviews.grade("own", "o1", 4)
    theirs = other.reviews.card("exam", "e1")
    report = store.import_state(other.export_state())
    assert report.added == {"review_logs": 2, "review_cards": 1} and report.updated == {"review_cards": 1}
    mine = store.reviews.card("exam", "e1")
    assert mine.due == theirs.due and mine.last_review == theirs.last_review  # the newest review's state
    assert (mine.reps, mine.correct) == (2, 1)  # counted again over both machines' logs
    assert store.reviews.exam_stats()["e1"].first_correct is False  # the first review was the miss
    back = other.import_state(store.export_state())  # and the other way round: the same union
    assert back.added == {"review_logs": 1} and other.reviews.card("exam", "e1").due == theirs.due
    assert other.reviews.card("exam", "e1").reps == 2


def test_an_export_without_review_sections_still_reads(store, other):
    data = other.export_state()
    del data["review_cards"], data["review_logs"]
    assert store.import_state(data).changed == 0
