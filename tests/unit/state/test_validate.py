"""The store's checks (state/validate.py) and file helpers (state/fileops.py), on their own."""

from __future__ import annotations

import os
import stat

import pytest

from awstui.state.errors import StoreError
from awstui.state.fileops import create_private_file, make_private
from awstui.state.validate import (
    MAX_ID_LEN,
    check_id,
    check_option_order,
    check_question_text,
    check_seconds,
    check_selected,
    describe,
    dumps,
    loads,
)


def test_check_id_takes_a_plain_id_and_refuses_blank_or_long_ones():
    assert check_id("s3-q1") == "s3-q1"
    for bad in ("", "  ", None, 3):
        with pytest.raises(StoreError, match="non-empty string"):
            check_id(bad, "question id")
    with pytest.raises(StoreError, match="too long"):
        check_id("x" * (MAX_ID_LEN + 1))


def test_check_seconds_refuses_negative_infinite_and_bool():
    assert check_seconds(3, "t") == 3.0
    assert check_seconds(None, "t", optional=True) is None
    for bad in (-1, float("inf"), float("nan"), True, "3", None):
        with pytest.raises(StoreError, match="seconds"):
            check_seconds(bad, "t")


def test_option_orders_and_selections():
    assert check_option_order([2, 0, 1], "o") == [2, 0, 1]
    with pytest.raises(StoreError, match="permutation"):
        check_option_order([0, 2], "o")
    assert check_selected((3, 1), 4, "s") == [1, 3]
    with pytest.raises(StoreError, match="twice"):
        check_selected([1, 1], 4, "s")
    with pytest.raises(StoreError, match=r"0\.\.3"):
        check_selected([4], 4, "s")


def test_question_text_needs_something_in_it():
    assert check_question_text(" why? ") == " why? "
    with pytest.raises(StoreError, match="needs some text"):
        check_question_text(" \n")


def test_json_in_and_out():
    assert loads(dumps({"é": [1]}, "v"), "v") == {"é": [1]}
    assert loads(None, "v") is None
    with pytest.raises(StoreError, match="not JSON-serialisable"):
        dumps(float("nan"), "v")
    with pytest.raises(StoreError, match="not valid JSON"):
        loads("{", "result")
    assert describe(ValueError("one\ntwo")) == "one"


def test_private_files(tmp_path):
    path = tmp_path / "f.db"
    create_private_file(path)
    create_private_file(path)  # already there: fine
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    os.chmod(path, 0o644)
    make_private(path)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
