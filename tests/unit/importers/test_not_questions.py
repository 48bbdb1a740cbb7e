"""Entries that are not questions (a study checklist, a heading without a question) are skipped."""

from __future__ import annotations

import pytest

from awstui.content.importers import import_bank, parse_markdown_bank
from awstui.content.importers.bank import by_reason
from awstui.content.importers.markdown_blocks import Finding
from awstui.content.importers.markdown_checks import not_a_question

CHECKLIST = """\
## Study checklist

### AWS Lambda (Choose two.)
- [x] Read the FAQ
- [ ] Do the workshop
- [x] Build a function

### Amazon SQS
- [x] Visibility timeout
- [ ] Dead-letter queues

### Which service runs code without servers?
- [x] AWS Lambda
- [ ] Amazon EC2
"""


def test_a_study_checklist_is_skipped_with_the_reason():
    r = parse_markdown_bank(CHECKLIST)
    assert [q.stem for q in r.questions] == ["Which service runs code without servers?"]
    assert [(f.line, f.message) for f in r.skipped] == [
        (3, 'not a question: "AWS Lambda" has no "?" and no question word (which, what, how, select, choose, ...)'),
        (8, 'not a question: "Amazon SQS" has no "?" and no question word (which, what, how, select, choose, ...)'),
    ]


@pytest.mark.parametrize(
    "stem",
    [
        "Which service stores objects",
        "A developer needs a queue. What should the developer use",
        "Select the services that are serverless. (Choose two.)",
        "Identify the right policy",
        "How can a developer do this",
        "Is this right?",
        "EC2 instances are launched from AMIs. A given public AMI can:",  # a sentence to complete
        "You advise them to...",
        "The service that stores objects is ___",
    ],
)
def test_question_like_stems_are_questions(stem):
    assert not_a_question(stem) == ""


@pytest.mark.parametrize("stem", ["AWS Lambda", "Amazon SQS (Choose two.)", "Notes on IAM\n\nsome body text"])
def test_headings_without_a_question_are_not(stem):
    assert not_a_question(stem).startswith('not a question: "')


def test_a_long_heading_is_shortened_in_the_reason():
    reason = not_a_question("x" * 100)
    assert '"' + "x" * 57 + '..."' in reason


def test_the_report_groups_them_as_one_reason(tmp_path):
    findings = [Finding(1, not_a_question("AWS Lambda")), Finding(5, not_a_question("Amazon SQS"))]
    findings += [
        Finding(9, "near-duplicate of imp-x-1a2b3c (line 3)"),
        Finding(12, "near-duplicate of d1-004 (line 7)"),
    ]
    assert [len(g) for g in by_reason(findings)] == [2, 2]
    src = tmp_path / "c.md"
    src.write_text(CHECKLIST, encoding="utf-8")
    report = import_bank(src, tmp_path / "data")
    assert report.imported == 1 and [f.line for f in report.skipped] == [3, 8]
