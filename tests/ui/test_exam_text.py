"""Exam text: inline code as code, never markup; no empty explanation or Docs section (issue 11)."""

from __future__ import annotations

from types import SimpleNamespace

from awstui.content.models import ExamQuestion, Library
from awstui.tui.exam_text import CODE, NO_EXPLANATION, exam_text, explanation_sections
from awstui.tui.views.exam.question import feedback_text
from awstui.tui.widgets.results_review import question_detail


def test_inline_code_is_styled_without_backticks_and_markup_stays_text():
    text = exam_text("Set `MaxItems` to [b]5[/b] with `aws s3 ls`\x1b[2J and a lone ` tick")
    assert text.plain == "Set MaxItems to [b]5[/b] with aws s3 ls\ufffd[2J and a lone ` tick"
    coded = [text.plain[s.start : s.end] for s in text.spans if s.style == CODE]
    assert coded == ["MaxItems", "aws s3 ls"]


def test_no_explanation_is_said_once_and_empty_sections_are_hidden():
    none = explanation_sections("", ())
    assert none.plain == NO_EXPLANATION
    assert "Docs" not in none.plain and "Why" not in none.plain
    refs_only = explanation_sections("  ", ("https://docs.aws.amazon.com/x",))
    assert refs_only.plain == f"{NO_EXPLANATION}\n\nDocs\nhttps://docs.aws.amazon.com/x"
    full = explanation_sections("Because `x`.", ("https://a",))
    assert full.plain == "Why\nBecause x.\n\nDocs\nhttps://a"


def question(**kw) -> ExamQuestion:
    base = dict(id="imp-1", domain=1, services=(), stem="Which `API`?", options=("`a`", "b", "c", "d"), answer=("a",))
    return ExamQuestion(**{**base, **kw})


def test_results_detail_of_a_question_without_explanation():
    q = question()
    outcome = SimpleNamespace(selected=[1], answered=True)
    text = question_detail(q, outcome, None, Library())
    assert text.plain.count(NO_EXPLANATION) == 1
    assert "Docs" not in text.plain and "Why" not in text.plain and "No explanation given" not in text.plain
    assert text.plain.startswith("Which API?") and " ✓ a) a" in text.plain


def test_practice_feedback_of_a_question_without_explanation():
    fb = SimpleNamespace(correct=True, right_keys=("a",), explanation="", references=())
    text = feedback_text(fb)
    assert text.plain == f"Right. Answer: a\n\n{NO_EXPLANATION}"


def test_list_rows_drop_the_backticks_of_inline_code():
    from awstui.tui.widgets.results_review import clip

    assert clip("Call `GetItem` now\nmore", 40) == "Call GetItem now"


def test_a_sixth_option_is_labelled_6_not_f_which_flags(tmp_path):
    from rich.console import Console

    from awstui.cli.app import load_content
    from awstui.exam.views import build_view
    from awstui.tui.views.exam.question import options_table

    six = next(q for q in load_content(tmp_path).exam if len(q.options) == 6)
    view = build_view(six, 0, 1, list(range(6)), set(), flagged=False, feedback=None)
    console = Console(width=100, record=True)
    console.print(options_table(view, None))
    keys = [line.split()[0] for line in console.export_text().splitlines() if line[:1].strip()]  # (not wrapped lines)
    assert keys == ["a/1", "b/2", "c/3", "d/4", "e/5", "6"]
