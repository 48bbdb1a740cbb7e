"""The exam-bank TOML writer: any text comes back exactly, and the loader reads what it writes."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from awstui.content import parse_exam_text
from awstui.content.importers.toml_writer import (
    dumps_exam,
    dumps_question,
    toml_string,
    write_exam_file,
)
from awstui.content.models import OPTION_KEYS, TASKS, UNCLASSIFIED, ExamQuestion, task_domain
from awstui.content.text import strip_controls
from awstui.content.toml_source import Locator as _Locator

# any text a TOML file can hold: every code point but lone surrogates
ANY_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)))

NASTY = [
    "",
    '"',
    '"""',
    'ends with a quote"',
    "'''",
    "it'''s",
    "\\",
    "ends with a backslash\\",
    "\\n is not a newline",
    "line one\nline two\r\nline three\rfour",
    "tab\there",
    "\x00\x01\x08\x0b\x0c\x1b[31mred\x1b[0m\x7f",
    "\x85\u2028\u2029\ufeff",
    "[bold]not markup[/bold] [link=https://x]y[/link]",
    "# not a comment",
    'key = "value"\n[[question]]\nid = "injected"',
    "émoji 👩‍💻 and 日本語",
    "\\u0041 stays six characters",
]


@pytest.mark.parametrize("text", NASTY)
def test_nasty_strings_round_trip(text):
    assert tomllib.loads(f"v = {toml_string(text)}")["v"] == text


def test_strings_are_one_line_basic_strings():
    for text in NASTY:
        lit = toml_string(text)
        assert lit.startswith('"') and lit.endswith('"')
        assert "\n" not in lit and "\r" not in lit and '"""' not in lit and "'''" not in lit


def test_lone_surrogate_is_refused():
    with pytest.raises(ValueError, match="surrogate"):
        toml_string("a\ud800b")


@settings(max_examples=500, deadline=None)
@given(ANY_TEXT)
def test_any_text_round_trips_through_toml(text):
    assert tomllib.loads(f"v = {toml_string(text)}")["v"] == text


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    stem=ANY_TEXT,
    options=st.lists(ANY_TEXT, min_size=2, max_size=10),
    explanation=ANY_TEXT,
    header=st.lists(ANY_TEXT, max_size=3),
)
def test_any_text_in_a_question_round_trips(stem, options, explanation, header):
    q = ExamQuestion("imp-x-1", UNCLASSIFIED, (), stem, tuple(options), ("a",), explanation, ())
    data = tomllib.loads(dumps_exam([q], header))
    assert list(data) == ["question"]  # the header stays a comment, whatever it holds
    (entry,) = data["question"]
    assert entry["stem"] == stem and entry["options"] == options
    assert entry.get("explanation", "") == explanation
    assert entry["services"] == [] and entry["domain"] == UNCLASSIFIED


# text the loader keeps as is: it strips stems and options, and refuses empty ones
# what the loader accepts in a text field: no control characters but tab and newline
LOADER_TEXT = ANY_TEXT.map(lambda s: strip_controls(s).strip()).filter(bool)


@st.composite
def questions(draw):
    n = draw(st.integers(2, len(OPTION_KEYS)))
    options = draw(st.lists(LOADER_TEXT, min_size=n, max_size=n))
    keys = draw(st.lists(st.sampled_from(OPTION_KEYS[:n]), min_size=1, max_size=n, unique=True))
    stem = draw(LOADER_TEXT.filter(lambda s: "choose" not in s.lower()))
    domain = draw(st.sampled_from([1, 2, 3, 4, UNCLASSIFIED]))
    refs = draw(st.lists(st.text("abc/.-", max_size=10).map(lambda s: "https://docs.aws.amazon.com/" + s), max_size=2))
    own = [t for t in TASKS if isinstance(domain, int) and task_domain(t) == domain]
    tasks = draw(st.lists(st.sampled_from(own), unique=True, max_size=2)) if own else []
    return ExamQuestion(
        f"imp-t-{draw(st.integers(0, 10**6))}",
        domain,
        (),
        stem,
        tuple(options),
        tuple(sorted(keys)),
        draw(ANY_TEXT.map(lambda s: strip_controls(s).strip())),
        tuple(refs),
        tasks=tuple(tasks),
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(questions(), max_size=4, unique_by=lambda q: q.id))
def test_what_is_written_parses_back_with_the_loader(qs):
    text = dumps_exam(qs, ["awstui import-bank: test", "source: /x\n[[question]]"])
    back = parse_exam_text(text, "t.toml")
    assert back == qs
    # the loader's line locator finds every table where it is
    loc = _Locator(text)
    lines = text.split("\n")
    for i in range(len(qs)):
        assert lines[loc.at("question", i)[0] - 1] == "[[question]]"


def test_apostrophe_runs_do_not_confuse_the_loaders_locator():
    qs = [ExamQuestion(f"q{i}", 1, (), f"it'''s {i}", ("a'''", "b"), ("a",)) for i in range(3)]
    text = dumps_exam(qs)
    assert parse_exam_text(text, "t.toml") == qs
    items = parse_exam_text(text, "t.toml")
    assert [q.line for q in items] == [i + 1 for i, line in enumerate(text.split("\n")) if line == "[[question]]"]


def test_layout_is_the_documented_one():
    q = ExamQuestion(
        "imp-x-1", 2, ("lambda",), "Stem?", ("A", "B"), ("b",), "Why.", ("https://docs.aws.amazon.com/lambda/",)
    )
    assert dumps_question(q) == (
        "[[question]]\n"
        'id = "imp-x-1"\n'
        "domain = 2\n"
        'services = [\n  "lambda",\n]\n'
        'stem = "Stem?"\n'
        'options = [\n  "A",\n  "B",\n]\n'
        'answer = ["b"]\n'
        'explanation = "Why."\n'
        'references = [\n  "https://docs.aws.amazon.com/lambda/",\n]\n'
    )
    bare = ExamQuestion("imp-x-2", UNCLASSIFIED, (), "S", ("A", "B"), ("a",))
    text = dumps_question(bare)
    assert 'domain = "unclassified"' in text and "services = []" in text
    assert "explanation" not in text and "references" not in text


def test_bad_domain_is_refused():
    with pytest.raises(ValueError):
        dumps_question(ExamQuestion("q", True, (), "S", ("A", "B"), ("a",)))


def test_atomic_write_leaves_no_temporary_file(tmp_path: Path):
    q = ExamQuestion("q1", 1, (), "S", ("A", "B"), ("a",))
    target = tmp_path / "bank.toml"
    target.write_text("old", encoding="utf-8")
    write_exam_file(target, [q], ["header"])
    assert parse_exam_text(target.read_text(encoding="utf-8"), str(target)) == [q]
    assert sorted(os.listdir(tmp_path)) == ["bank.toml"]


def test_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch):
    target = tmp_path / "bank.toml"
    target.write_text("old", encoding="utf-8")

    def boom(*_a, **_k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        write_exam_file(target, [ExamQuestion("q1", 1, (), "S", ("A", "B"), ("a",))])
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(os.listdir(tmp_path)) == ["bank.toml"]


def test_a_header_comment_holds_no_bidi_override():
    """The source line names the imported file: an RLO in its name would reverse the rest of the
    line in a bidi terminal (``cat``), as it would in the app (content.text counts it a control)."""
    text = dumps_exam([], ["source: /tmp/b\u202eank.md \u2066x\u2069 \u200f kept"])
    assert not any(c in text for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    assert "source: /tmp/b?ank.md ?x? \u200f kept" in text
