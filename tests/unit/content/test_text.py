"""The one text-safety policy (content/text.py): no control character survives a drawing path."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from awstui.content.text import (
    escape_name,
    escaped,
    first_control,
    for_display,
    for_editing,
    has_control,
    is_control,
    one_cell,
    openable_url,
    strip_controls,
    visible_controls,
)

BIDI = [chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]]
CONTROLS = [chr(c) for c in [*range(0x20), 0x7F, *range(0x80, 0xA0)]] + BIDI


def test_every_c0_c1_del_and_bidi_override_is_a_control_and_nothing_printable_is():
    assert all(is_control(c) for c in CONTROLS)
    assert not any(is_control(c) for c in "a é€ \u00a0\u200d\u200e\u200f שלום مرحبا")  # (marks and RTL text stay)


def test_a_bidi_override_never_reaches_the_terminal_and_is_named():
    """An RLO makes a bidi-aware terminal show what follows it reversed: 'Correct: B' could read as another."""
    hostile = "Amazon S3\u202e3S nozamA\u2066x\u2069"
    for shown in (for_display(hostile), for_editing(hostile), one_cell(hostile), strip_controls(hostile)):
        assert not any(c in shown for c in BIDI) and not has_control(shown)
    assert for_display(hostile) == "Amazon S3\ufffd3S nozamA\ufffdx\ufffd"
    assert len(one_cell(hostile)) == len(hostile) and strip_controls(hostile) == "Amazon S33S nozamAx"
    assert visible_controls(hostile) == "Amazon S3\\u202e3S nozamA\\u2066x\\u2069"
    assert escaped(hostile) == visible_controls(hostile)
    assert first_control("name\u202e") == (4, "\\u202e") and first_control("ok\u200f") is None


def test_the_export_parser_refuses_the_same_controls_in_an_id():
    from awstui.content.text import CONTROL_RANGES
    from awstui.state.exchange import checks

    assert checks._CONTROL.pattern == f"[{CONTROL_RANGES}]"  # (a copy: importing the state loads no content)


@given(st.text())
def test_for_display_leaves_only_newlines(text):
    shown = for_display(text)
    assert not has_control(shown.replace("\n", ""))
    assert shown.count("\n") == text.count("\n")


@given(st.text())
def test_for_editing_keeps_tabs_newlines_and_length(text):
    shown = for_editing(text)
    assert not has_control(shown, allow_layout=True)
    assert len(shown) == len(text) and shown.count("\t") == text.count("\t")


@given(st.text())
def test_one_cell_keeps_offsets_and_drops_every_control(text):
    shown = one_cell(text)
    assert len(shown) == len(text) and not has_control(shown)


@given(st.text())
def test_escaped_is_one_line_without_controls(text):
    shown = escaped(text)
    assert "\n" not in shown and not has_control(shown)


@given(st.text())
def test_strip_controls_keeps_tab_and_newline_only(text):
    kept = strip_controls(text)
    assert not has_control(kept, allow_layout=True) and "\ufeff" not in kept
    assert kept.count("\n") == text.count("\n") and kept.count("\t") == text.count("\t")


def test_the_screen_clearing_and_hyperlink_sequences_are_neutralised():
    hostile = "name\x1b[2J\x1b]8;;file:///etc/passwd\x07link\x1b]8;;\x07\x9b31m"
    for shown in (for_display(hostile), one_cell(hostile), escaped(hostile), strip_controls(hostile)):
        assert "\x1b" not in shown and "\x07" not in shown and "\x9b" not in shown
    assert escaped("a\x1bb") == "a\\x1bb"
    assert for_display("a\tb\x1b") == "a   b\ufffd"


def test_first_control_names_the_first_one_and_where():
    assert first_control("ab\x1bc\x00") == (2, "\\x1b")
    assert first_control("tab\there") == (3, "\\x09")
    assert first_control("tab\there\nline", allow_layout=True) is None
    assert first_control("x\x85", allow_layout=True) == (1, "\\x85")
    assert first_control("plain — ünïcode ✓") is None


@given(st.text(), st.booleans())
def test_first_control_finds_a_control_exactly_when_there_is_one(text, allow_layout):
    """(Printable ASCII takes a short cut past the search: the answer is the same.)"""
    found = first_control(text, allow_layout=allow_layout)
    assert (found is not None) == has_control(text, allow_layout=allow_layout)
    if found is not None:
        offset, name = found
        assert is_control(text[offset]) and name == escape_name(text[offset])
        assert not has_control(text[:offset], allow_layout=allow_layout)
    assert first_control("x" * 50 + "\x7f") == (50, "\\x7f")


def test_visible_controls_keeps_every_character_and_newlines():
    assert visible_controls("a\x1b[2Jb\x00\tc\nd\x9b") == "a\\x1b[2Jb\\x00\\x09c\nd\\x9b"
    assert not has_control(visible_controls("".join(map(chr, range(0xA0)))), allow_layout=True)


def test_only_well_formed_https_links_are_openable():
    assert openable_url("https://docs.aws.amazon.com/lambda/latest/dg/welcome.html")
    assert openable_url("https://docs.aws.amazon.com:443/x?y=1#z")
    for bad in [
        "http://docs.aws.amazon.com/",
        "file:///etc/passwd",
        "https://docs.aws.amazon.com/\x1b]8;;file:///etc/passwd\x07",
        "https://docs.aws.amazon.com/\x00",
        "https://docs.aws.amazon.com/a b",
        "https://user:pw@evil.example/",
        "https://",
        "https://localhost/",
        "https://docs.aws.amazon.com:0/",
        "https://docs.aws.amazon.com:99999/",
        "https://dоcs.aws.amazon.com/",  # a Cyrillic o
        "https://docs.aws.amazon.com/" + "a" * 2048,
        " https://docs.aws.amazon.com/",
    ]:
        assert not openable_url(bad), bad
