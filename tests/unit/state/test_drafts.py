"""Drafts (hardening item 1): what an editor holds is kept as typed, survives a reopen (a
crash), goes only when dropped, is silent (no events) and is never exported."""

from __future__ import annotations

import json

import pytest

from awstui.state import Store, StoreError, draft_key


def test_a_kept_draft_survives_a_reopen_until_it_is_dropped(tmp_path):
    path = tmp_path / "state.db"
    with Store(path) as store:
        store.keep_draft("answer:s3-q1", "half an answer", "the saved one")
    with Store(path) as store:
        draft = store.draft("answer:s3-q1")
        assert draft is not None and (draft.text, draft.base) == ("half an answer", "the saved one")
        store.keep_draft("answer:s3-q1", "half an answer, more", "the saved one")
        assert store.draft("answer:s3-q1").text == "half an answer, more"  # replaced, one row
        assert store.draft_keys() == ["answer:s3-q1"]
        store.drop_draft("answer:s3-q1")
        store.drop_draft("answer:s3-q1")  # dropping none is fine
    with Store(path) as store:
        assert store.draft("answer:s3-q1") is None and store.draft_keys() == []


def test_a_new_item_has_no_base_and_keys_name_what_is_edited(tmp_path):
    with Store(tmp_path / "state.db") as store:
        key = draft_key("new-question", "lambda")
        assert key == "new-question:lambda"
        store.keep_draft(key, "Why?", None)
        assert store.draft(key).base is None
    with pytest.raises(ValueError):
        draft_key("bogus", "x")
    with pytest.raises(StoreError):
        draft_key("answer", "")


def test_drafts_send_no_events_and_are_never_exported(tmp_path):
    with Store(tmp_path / "state.db") as store:
        events = []
        store.subscribe(events.append)
        store.keep_draft("annotation:lambda", "SECRET-DRAFT", "")
        assert events == []
        assert "SECRET-DRAFT" not in json.dumps(store.export_state())


def test_a_draft_text_must_be_text(tmp_path):
    with Store(tmp_path / "state.db") as store, pytest.raises(StoreError):
        store.keep_draft("answer:x", None, "")  # type: ignore[arg-type]
