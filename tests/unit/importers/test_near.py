"""Near-duplicates (importers/near.py, and import_bank skipping them)."""

from __future__ import annotations

from awstui.content import parse_exam_text
from awstui.content.importers import import_bank
from awstui.content.importers.near import NearIndex, normalise

from .conftest import line_of

LONG = (
    "A developer is building an application that reads messages from a queue and writes them to a "
    "table. Which solution meets these requirements with the LEAST operational overhead?"
)
OPTIONS = ("Use `AWS Lambda` with an event source mapping.", "Use an EC2 instance.", "Use cron.")


def test_normalise_drops_backticks_punctuation_case_and_spacing():
    assert normalise("Use `aws  lambda`,\nNOW!") == normalise("use AWS Lambda now") == "use aws lambda now"


def index_with(stem: str = LONG, options=OPTIONS) -> NearIndex:
    index = NearIndex()
    index.add(NearIndex.key(stem, options), "q-1", 7)
    return index


def test_backticks_case_punctuation_and_choose_markers_are_near_duplicates():
    index = index_with()
    hit = index.find(
        NearIndex.key(LONG.upper().replace(".", "") + " (Choose one.)", [o.replace("`", "") for o in OPTIONS])
    )
    assert hit is not None and hit.describe() == "near-duplicate of q-1 (line 7)"


def test_a_typo_or_two_is_a_near_duplicate():
    typo = LONG.replace("developer", "develper").replace("reads", "raeds")
    assert index_with().find(NearIndex.key(typo, OPTIONS)) is not None


def test_other_questions_are_not():
    index = index_with()
    assert index.find(NearIndex.key(LONG.replace("queue", "stream").replace("table", "bucket"), OPTIONS)) is None
    assert index.find(NearIndex.key(LONG, (*OPTIONS[:2], "Use AWS Batch."))) is None  # another option set
    assert index.find(NearIndex.key(LONG.replace("a queue", "5 queues"), OPTIONS)) is None  # numbers differ
    short = index_with("Which A?", ("1", "2"))
    assert short.find(NearIndex.key("Which B?", ("1", "2"))) is None  # too short for any edit
    assert short.find(NearIndex.key("which a", ("1", "2"))) is not None


def test_questions_of_another_file_name_the_file():
    index = NearIndex()
    index.add(NearIndex.key(LONG, OPTIONS), "d1-004", 40, "/x/domain1.toml")
    hit = index.find(NearIndex.key(LONG.replace("`", ""), OPTIONS))
    assert hit is not None and hit.describe() == "near-duplicate of d1-004 (line 40 of /x/domain1.toml)"


def test_import_skips_near_duplicates_in_the_file_and_in_other_banks(tmp_path):
    q = f"### {LONG}\n" + "".join(f"- [{'x' if i == 0 else ' '}] {o}\n" for i, o in enumerate(OPTIONS))
    fork = q.replace("developer", "develper").replace("`", "")
    data = tmp_path / "data"
    first = tmp_path / "first.md"
    first.write_text(q + "\n" + fork, encoding="utf-8")
    report = import_bank(first, data)
    (kept,) = parse_exam_text(report.target.read_text(encoding="utf-8"), str(report.target))
    assert "`AWS Lambda`" in kept.options[0]  # backticks stay in the stored text
    assert [(f.line, f.message) for f in report.skipped] == [
        (line_of(q + "\n" + fork, "develper"), f"near-duplicate of {kept.id} (line 1)")
    ]
    second = tmp_path / "second.md"
    second.write_text(fork, encoding="utf-8")
    other = import_bank(second, data)
    assert other.imported == 0
    (skip,) = other.skipped
    at = line_of(report.target.read_text(encoding="utf-8"), "[[question]]")  # its line in the bank file
    assert skip.message == f"near-duplicate of {kept.id} (line {at} of {report.target})"


def test_question_keys_agree_with_the_single_keys():
    from awstui.content.importers.near import question_key, question_keys

    for stem, options in [(LONG + " (Choose two.)", OPTIONS), ("Ünïcode `x`?", ("Ａ", "b"))]:
        assert question_keys(stem, options) == (question_key(stem, options), NearIndex.key(stem, options))
