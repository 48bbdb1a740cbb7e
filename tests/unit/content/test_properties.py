"""Untrusted text in, content or ContentError out: never anything else."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from awstui.content import ContentError, parse_exam_text, parse_questions_text, parse_service_text

toml_ish = st.one_of(
    st.text(max_size=400),
    st.lists(
        st.sampled_from(
            [
                "[[question]]",
                'id = "x"',
                'services = ["vpc"]',
                'text = "t"',
                "+++",
                "domain = 1",
                'options = ["a", "b"]',
                'answer = ["a"]',
                'stem = "s (Choose two.)"',
                "- bullet",
                "  - nested",
                'name = "n"',
                'category = "c"',
                'docs = ["https://x"]',
                "[q]",
                '"""',
                "answer = [1]",
                "domain = true",
                "options = []",
                "[[category]]",
                "x = {a = 1}",
            ]
        ),
        max_size=25,
    ).map("\n".join),
)


@settings(max_examples=300, deadline=None)
@given(toml_ish)
def test_questions_parser_never_raises_anything_else(text):
    try:
        parse_questions_text(text, "q.toml")
    except ContentError as exc:
        assert exc.problems and all(p.path == "q.toml" and p.line >= 1 for p in exc.problems)


@settings(max_examples=300, deadline=None)
@given(toml_ish)
def test_exam_parser_never_raises_anything_else(text):
    try:
        parse_exam_text(text, "e.toml")
    except ContentError as exc:
        assert exc.problems


@settings(max_examples=300, deadline=None)
@given(st.one_of(toml_ish, toml_ish.map(lambda t: "+++\n" + t), toml_ish.map(lambda t: f"+++\n{t}\n+++\n- x")))
def test_service_parser_never_raises_anything_else(text):
    try:
        s = parse_service_text(text, "s.md")
    except ContentError as exc:
        assert exc.problems
    else:
        assert s.id and s.docs
