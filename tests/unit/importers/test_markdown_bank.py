"""Parsing Markdown question banks: what is a question, what is noise, and why one is skipped."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from awstui.content.importers.markdown_bank import (
    MAX_OPTIONS,
    ParseResult,
    parse_markdown_bank,
)
from awstui.content.importers.markdown_lines import stated_counts
from awstui.content.text import has_control

from .conftest import FIXTURES, line_of


def parse(text: str) -> ParseResult:
    return parse_markdown_bank(text)


def only_question(text: str):
    r = parse(text)
    assert r.skipped == [], r.skipped
    assert len(r.questions) == 1, r.questions
    return r.questions[0]


def only_skip(text: str) -> str:
    r = parse(text)
    assert r.questions == [], r.questions
    assert len(r.skipped) == 1, r.skipped
    return r.skipped[0].message


# --------------------------------------------------------------------------- the fixture


def test_fixture_bank_questions_and_skips():
    text = (FIXTURES / "bank.md").read_text(encoding="utf-8")
    r = parse(text)
    stems = [q.stem.split("\n")[0] for q in r.questions]
    assert stems == [
        "Which AWS service stores objects?",
        "Which services are serverless? (Choose TWO)",
        "A developer runs the following code in an AWS Lambda function:",
        "A company wants to encrypt data in transit to Amazon S3.",
        "Which AWS service stores objects?",  # the parser keeps duplicates; the import skips them
        "Which service sends push notifications to mobile devices?",
    ]
    first, multi, code, labelled, _, numbered = r.questions
    assert first.line == line_of(text, "### Which AWS service stores objects?")
    assert first.options == ("Amazon EBS", "Amazon S3", "Amazon EFS", "Amazon FSx")
    assert first.correct == (1,)
    assert multi.correct == (0, 2) and multi.stated_count == 2  # "[X]" counts as right
    assert numbered.options == ("Amazon SQS", "Amazon SNS", "Amazon MQ")  # "8. " label gone, "+" bullet
    assert [(f.line, f.message) for f in r.skipped] == [
        (line_of(text, "### Which of the following is a NoSQL"), "no option is marked right (- [x])"),
        (line_of(text, "### Which cache strategies"), "the stem says choose 2 but 1 option is marked right"),
        (
            line_of(text, "### Which deployment policies"),
            f"text at line {line_of(text, 'Some stray paragraph')} between its options makes the question ambiguous",
        ),
        (line_of(text, "### Which 12 things?"), "11 options: at most 10 are supported"),
        (
            line_of(text, "### Which options are shown as pictures?"),
            f"the option at line {line_of(text, '![Option A]')} is only an image",
        ),
    ]
    # the code block stays in the stem: its "# comment" is no heading, its "- [x]" no option
    assert (
        "```python\n# a comment, not a heading\nimport boto3\n- [x] this line is code, not an option\n```" in code.stem
    )
    assert code.stem.endswith(  # the image is kept as a text link
        "The function times out after 3 seconds. What should the developer do?\n\n[image: Question 3] images/question3.png"
    )
    assert code.correct == (1,) and len(code.options) == 4
    assert code.images == ()  # none left out
    # "### Question 4" is only a label: the stem is the body, on two lines
    assert labelled.stem == (
        "A company wants to encrypt data in transit to Amazon S3.\nWhich solution meets this requirement? (Select TWO)"
    )
    assert labelled.stated_count == 2
    assert labelled.options[2] == "Use client-side encryption.\n(before uploading the objects)"
    assert labelled.explanation.startswith("HTTPS protects data in transit;")
    assert labelled.references == ("https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingEncryption.html",)


def test_crlf_cr_and_bom_give_the_same_result_and_lines():
    text = (FIXTURES / "bank.md").read_text(encoding="utf-8")
    base = parse(text)
    for variant in (text.replace("\n", "\r\n"), "\ufeff" + text.replace("\n", "\r\n"), text.replace("\n", "\r")):
        assert parse(variant) == base


# --------------------------------------------------------------------------- what is understood


def test_uppercase_x_star_plus_and_numbered_bullets():
    q = only_question("### Pick?\n* [ ] a\n+ [X] b\n1. [ ] c\n- [ ]  d  \n")
    assert q.options == ("a", "b", "c", "d") and q.correct == (1,)


def test_heading_levels_and_closing_hashes():
    q = only_question("## Which one? ##\n- [x] a\n- [ ] b\n")
    assert q.stem == "Which one?"
    q = only_question("#### Q12: Which one?\n- [x] a\n- [ ] b\n")
    assert q.stem == "Which one?"
    q = only_question("### Question #7\n\nWhich one?\n\n- [x] a\n- [ ] b\n")
    assert q.stem == "Which one?"


def test_not_headings_and_not_options():
    q = only_question("### Which?\n#hashtag\n    # indented code\n- [x](#a-link)\n- [ ] a\n- [x] b\n")
    assert q.stem == "Which?\n\n#hashtag\n    # indented code\n- [x](#a-link)"
    assert q.options == ("a", "b")


def test_multi_line_stem_blank_lines_collapse_but_code_keeps_them():
    q = only_question("### First line\nsecond line\n\n\n\nthird?\n```\ncode\n\n\nmore\n```\n- [x] a\n- [ ] b\n")
    assert q.stem == "First line\n\nsecond line\n\nthird?\n```\ncode\n\n\nmore\n```"


def test_tilde_fence_and_longer_fence():
    q = only_question("### Q?\n~~~\n### not a heading\n~~~\n````\n```\n- [x] not an option\n````\n- [x] a\n- [ ] b\n")
    assert "### not a heading" in q.stem and "- [x] not an option" in q.stem


def test_noise_between_options_is_not_ambiguous():
    text = (
        "### Which?\n- [x] a\n\n---\n\n**[⬆ Back to Top](#table-of-contents)**\n<!-- note -->\n"
        "<!--\nmulti\n- [x] hidden\n-->\n![img](x.png)\n- [ ] b\n"
    )
    q = only_question(text)
    assert q.options == ("a", "b")


def test_text_between_questions_is_ignored():
    q = only_question("Intro text.\n\n## Section\n\nSome words.\n\n### Which?\n- [x] a\n- [ ] b\n\nTrailing words.\n")
    assert q.stem == "Which?"


def test_option_continuation_needs_indent_and_no_blank_line():
    q = only_question("### Which?\n- [x] first\n  continued\n\t  more\n- [ ] second\n")
    assert q.options == ("first\ncontinued\nmore", "second")


def test_indented_code_block_continues_an_option():
    q = only_question("### Which?\n- [x] run:\n  ```\n  aws s3 ls\n  ```\n- [ ] b\n")
    assert q.options[0] == "run:\n```\naws s3 ls\n```"


def test_explanation_and_reference_sections():
    text = (
        "### Which?\n- [x] a\n- [ ] b\n\nExplanation: first line\nsecond line\n\n"
        "**References:**\n- https://docs.aws.amazon.com/x.html\n- <https://aws.amazon.com/y/>.\n"
        "- http://insecure.example/\n"
    )
    q = only_question(text)
    assert q.explanation == "first line\nsecond line"
    assert q.references == ("https://docs.aws.amazon.com/x.html", "https://aws.amazon.com/y/")


def test_explanation_indented_under_an_option_is_not_the_option():
    q = only_question("### Which?\n- [ ] a\n- [x] b\n  **Explanation**: because\n")
    assert q.options == ("a", "b") and q.explanation == "because"


def test_options_after_an_explanation_make_it_ambiguous():
    msg = only_skip("### Which?\n- [x] a\n- [ ] b\nExplanation: x\n- [ ] c\n")
    assert msg == "text at line 4 between its options makes the question ambiguous"


def test_control_characters_are_removed_from_text():
    q = only_question("### Wh\x1b[31mich\x00?\n- [x] a\x07\n- [ ] b\x7f\n")
    assert q.stem == "Wh[31mich?" and q.options == ("a", "b")


# --------------------------------------------------------------------------- reasons to skip


def test_skip_reasons():
    cases = {
        "### Which?\n- [ ] a\n- [ ] b\n": "no option is marked right (- [x])",
        "### Which?\n- [x] a\n": "only one option",
        "### Which?\n- [x] a\n- [x] b\n": "every option is marked right",
        "### Which?\n- [x] a\n- [ ]\n": "the option at line 3 is empty",
        "### Which?\n- [x] a\n- [ ] A\n": "the options at lines 2 and 3 are the same",
        "### Which? (Choose TWO)\n- [x] a\n- [ ] b\n- [ ] c\n": "the stem says choose 2 but 1 option is marked right",
        "### Which? (Choose 3 answers)\n- [x] a\n- [x] b\n- [ ] c\n- [ ] d\n": "the stem says choose 3 but 2 options are marked right",
        "### Which? Select two answers.\n- [x] a\n- [ ] b\n- [ ] c\n": "the stem says choose 2 but 1 option is marked right",
        "### Which? (Choose two.) (Choose three.)\n- [x] a\n- [x] b\n- [ ] c\n- [ ] d\n": "the stem states different numbers of answers to choose (2, 3)",
        "### Question 9\n- [x] a\n- [ ] b\n": "the question has no text",
        "- [x] a\n- [ ] b\n": "options without a question heading (### ...) before them",
        "### Which?\n```\n- [x] a\n- [ ] b\n": "the code block at line 2 is never closed, so the rest of the file was read as code",
    }
    for text, reason in cases.items():
        assert only_skip(text) == reason, text
    many = "### Which?\n" + "".join(f"- [{'x' if i == 0 else ' '}] o{i}\n" for i in range(MAX_OPTIONS + 1))
    assert only_skip(many) == f"{MAX_OPTIONS + 1} options: at most {MAX_OPTIONS} are supported"
    ten = "### Which?\n" + "".join(f"- [{'x' if i == 0 else ' '}] o{i}\n" for i in range(MAX_OPTIONS))
    assert len(only_question(ten).options) == MAX_OPTIONS


def test_question_heading_without_options_is_reported_other_headings_are_not():
    r = parse("## Domain 1\n\n### Which one?\n- [x] a\n- [ ] b\n### Which two?\n\nA. foo\nB. bar\n### Summary\nText.\n")
    assert len(r.questions) == 1
    assert [(f.line, f.message) for f in r.skipped] == [(6, "no options (- [ ] / - [x]) under this heading")]


def test_unclosed_comment_and_fence_outside_questions_are_reported():
    r = parse("<!-- never closed\n### Which?\n- [x] a\n- [ ] b\n")
    assert r.questions == [] and [(f.line, f.message) for f in r.skipped] == [
        (1, "HTML comment never closed: lines 2-5 were not read")
    ]
    r = parse("intro\n```\n### Which?\n- [x] a\n- [ ] b\n")
    assert r.questions == [] and [(f.line, f.message) for f in r.skipped] == [
        (2, "code block never closed: lines 3-6 were not read")
    ]


def test_stated_counts_wordings():
    assert stated_counts("Which? (Choose TWO)") == {2}
    assert stated_counts("Which? (Choose two.)") == {2}
    assert stated_counts("Which? (Select 3)") == {3}
    assert stated_counts("Which? [Select THREE answers]") == {3}
    assert stated_counts("Which? Choose 2 answers.") == {2}
    assert stated_counts("A developer must choose two options to deploy. Which?") == set()
    assert stated_counts("Which region? (Choose one)") == {1}


# --------------------------------------------------------------------------- any input


def check_invariants(r: ParseResult, text: str) -> None:
    n_lines = len(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    for q in r.questions:
        assert q.stem and q.stem == q.stem.strip()
        assert 2 <= len(q.options) <= MAX_OPTIONS
        assert all(o and o == o.strip() for o in q.options)
        assert q.correct and len(q.correct) < len(q.options)
        assert list(q.correct) == sorted(set(q.correct)) and q.correct[-1] < len(q.options)
        if q.stated_count is not None:
            assert q.stated_count == len(q.correct)
        for text_ in (q.stem, q.explanation, *q.options):
            assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", text_)
        assert all(u.startswith("https://") for u in q.references)
        assert 1 <= q.line <= n_lines
    for f in r.skipped:
        assert 1 <= f.line <= n_lines and f.message


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_any_text_gives_a_result(text):
    check_invariants(parse(text), text)


_FRAGMENTS = st.sampled_from(
    [
        "### ",
        "## ",
        "# ",
        "- [ ] ",
        "- [x] ",
        "- [X] ",
        "* [ ] ",
        "  ",
        "\t",
        "```",
        "~~~",
        "---",
        "**[⬆ Back to Top](#table-of-contents)**",
        "![img](a.png)",
        "<!--",
        "-->",
        "(Choose TWO)",
        "(Select 3)",
        "Explanation: ",
        "https://docs.aws.amazon.com/x",
        "Question 1",
        "?",
        "\r\n",
        "\r",
        "\n",
        "\n\n",
        "\ufeff",
        "\x00",
        "[bold]",
        '"""',
        "'''",
        "\\",
    ]
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_FRAGMENTS, st.text(max_size=8)), max_size=60).map("".join))
def test_markdown_like_text_gives_a_result(text):
    check_invariants(parse(text), text)


def test_a_large_adversarial_input_is_linear_enough():
    text = ("```" + "`" * 50 + "\n") + ("``` \n" * 20000) + "### x?\n" + ("[" * 5000) + "\n" + ("- [x] a\n" * 5000)
    r = parse(text)
    assert r.skipped  # the long fence never closes


def test_a_control_character_ends_a_reference_url():
    q = only_question(
        "### Which?\n- [x] a\n- [ ] b\n\nExplanation: see https://docs.aws.amazon.com/s3/\x00evil and "
        "https://docs.aws.amazon.com/\x1b]8;;file:///etc/passwd\x07x\n"
    )
    assert q.references == ("https://docs.aws.amazon.com/s3/", "https://docs.aws.amazon.com/")
    assert not any(has_control(r) for r in q.references)


def test_a_bidi_override_ends_a_reference_url_and_the_question_is_kept():
    """An RLO is a control (content.text) like ESC: it ends the URL, it does not sink the question."""
    q = only_question(
        "### Which?\n- [x] a\n- [ ] b\n\nExplanation: see https://docs.aws.amazon.com/s3/\u202eevil\u202c x\n"
    )
    assert q.references == ("https://docs.aws.amazon.com/s3/",)
    assert q.explanation == "see https://docs.aws.amazon.com/s3/evil x"


def test_inline_code_keeps_its_backticks():
    q = only_question("### Which call returns `DescribeImages`?\n- [x] `ec2:DescribeImages`\n- [ ] `GetAMIs`\n")
    assert q.stem == "Which call returns `DescribeImages`?" and q.options == ("`ec2:DescribeImages`", "`GetAMIs`")
