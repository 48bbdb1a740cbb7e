"""import_bank: the file it writes, ids, duplicates, overwriting, and unreadable input."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from awstui.content import load_library, parse_exam_text
from awstui.content.importers import bank as bank_mod
from awstui.content.importers import import_bank, slugify
from awstui.content.models import UNCLASSIFIED
from awstui.paths import content_dirs

from .conftest import line_of

SIMPLE = "### Which service stores objects?\n- [ ] EBS\n- [x] S3\n- [ ] EFS\n"


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def target_of(data_dir: Path, name: str) -> Path:
    return data_dir / "content" / "exam" / f"imported-{name}.toml"


def loaded(path: Path):
    return parse_exam_text(path.read_text(encoding="utf-8"), str(path))


# --------------------------------------------------------------------------- the happy path


def test_imports_the_fixture_bank(bank_md, data_dir):
    report = import_bank(bank_md, data_dir)
    text = bank_md.read_text(encoding="utf-8")
    target = target_of(data_dir, "bank")
    assert report.target == target and report.error == "" and report.exit_code == 0
    assert report.imported == 5 and not report.replaced
    qs = loaded(target)
    assert [q.id for q in qs] == report.ids
    assert all(re.fullmatch(r"imp-bank-[0-9a-f]{10}", q.id) for q in qs)
    assert all(q.domain == UNCLASSIFIED for q in qs if not q.services)  # a tagged one may get a domain
    # "Amazon EBS", "Amazon S3" and "Amazon EFS" in its options: tagged by the services' names
    assert qs[0].services == ("ebs", "efs", "s3")
    assert qs[0].stem == "Which AWS service stores objects?" and qs[0].answer == ("b",)
    assert qs[1].answer == ("a", "c") and qs[1].is_multi
    assert qs[3].references == ("https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingEncryption.html",)
    assert qs[3].explanation.startswith("HTTPS protects")
    skipped = {f.line: f.message for f in report.skipped}
    assert skipped[line_of(text, "### Which AWS service stores objects?", 2)] == (
        f"duplicate of the question at line {line_of(text, '### Which AWS service stores objects?')}"
    )
    assert len(report.skipped) == 6
    assert report.notes == []  # the image of question 3 is kept in its stem, as a link
    assert report.without_explanation == 4  # only question 4 has one: said once, in the summary
    assert report.summary()[-1] == "explanations: 4 of 5 came without one (the source gave none)"
    assert qs[2].stem.endswith("\n\n[image: Question 3] images/question3.png")
    assert target.read_text(encoding="utf-8").startswith("# awstui import-bank:")


def test_the_library_loads_imported_questions(bank_md, data_dir):
    import_bank(bank_md, data_dir)
    lib = load_library(content_dirs(data_dir))
    imported = [q for q in lib.exam if q.id.startswith("imp-bank-")]
    assert len(imported) == 5
    assert not [p for p in lib.problems if "imported-bank" in p.path]


def test_domain_and_name(bank_md, data_dir):
    report = import_bank(bank_md, data_dir, domain=3, name="My Bank: DVA!")
    target = target_of(data_dir, "my-bank-dva")
    assert report.target == target
    qs = loaded(target)
    assert {q.domain for q in qs} == {3}
    assert all(q.id.startswith("imp-my-bank-dva-") for q in qs)


def test_slugify():
    assert slugify("README") == "readme"
    assert slugify("AWS Dévéloper  Associate (DVA-C02)") == "aws-developer-associate-dva-c02"
    assert slugify("!!!") == ""
    assert len(slugify("x" * 100)) == 40


def test_unnamed_slug_falls_back_to_bank(tmp_path, data_dir):
    src = write(tmp_path / "日本.md", SIMPLE)
    assert import_bank(src, data_dir).target == target_of(data_dir, "bank")


def test_multi_answer_without_a_count_gets_one(tmp_path, data_dir):
    src = write(tmp_path / "m.md", "### Which are serverless?\n- [x] Lambda\n- [ ] EC2\n- [x] Fargate\n")
    report = import_bank(src, data_dir)
    (q,) = loaded(report.target)
    assert q.stem == "Which are serverless? (Choose two.)" and q.answer == ("a", "c")
    assert [f.message for f in report.notes] == ['the stem did not say how many to choose: added "(Choose two.)"']


# --------------------------------------------------------------------------- re-import and ids


def test_reimport_replaces_and_keeps_ids(bank_md, data_dir):
    first = import_bank(bank_md, data_dir)
    again = import_bank(bank_md, data_dir)
    assert again.ids == first.ids and again.replaced and again.imported == first.imported
    assert len(loaded(first.target)) == first.imported
    assert sorted(os.listdir(first.target.parent)) == ["imported-bank.toml"]


def test_ids_follow_the_stem_not_the_position(tmp_path, data_dir):
    a = "### Which A?\n- [x] 1\n- [ ] 2\n"
    b = "### Which B?\n- [x] 1\n- [ ] 2\n"
    src = write(tmp_path / "bank.md", a + b)
    ids = dict(zip(("a", "b"), import_bank(src, data_dir).ids, strict=False))
    write(src, "### New one?\n- [x] x\n- [ ] y\n" + b + a.replace("- [ ] 2", "- [ ] 2, fixed"))
    again = import_bank(src, data_dir).ids
    assert again[1] == ids["b"] and again[2] == ids["a"]  # an option fixed: same stem, same id


def test_same_stem_other_options_is_another_question(tmp_path, data_dir):
    src = write(tmp_path / "bank.md", "### Which one?\n- [x] a\n- [ ] b\n### Which one?\n- [x] c\n- [ ] d\n")
    report = import_bank(src, data_dir)
    assert report.imported == 2 and len(set(report.ids)) == 2


def test_duplicates_of_other_bank_files_are_skipped(tmp_path, data_dir):
    mine = write(
        data_dir / "content" / "exam" / "mine.toml",
        '[[question]]\nid = "m1"\ndomain = 1\nservices = []\nstem = "WHICH  service stores objects? (Choose one)"\n'
        'options = ["S3", "EFS", "EBS"]\nanswer = ["a"]\n',
    )
    extra = write(
        tmp_path / "extra" / "exam" / "x.toml",
        '[[question]]\nid = "x1"\ndomain = 1\nservices = []\nstem = "Which is a queue?"\n'
        'options = ["SQS", "SNS"]\nanswer = ["a"]\n',
    )
    src = write(
        tmp_path / "two.md", SIMPLE + "### Which is a queue?\n- [x] SQS\n- [ ] SNS\n### New?\n- [x] a\n- [ ] b\n"
    )
    report = import_bank(src, data_dir, content_dirs=[tmp_path / "extra"])
    assert report.imported == 1 and loaded(report.target)[0].stem == "New?"
    assert [(f.line, f.message) for f in report.skipped] == [
        (1, f"already in {mine} (id m1)"),  # case, spacing and the count's wording aside
        (5, f"already in {extra} (id x1)"),
    ]


def test_importing_under_another_name_duplicates_nothing(tmp_path, data_dir):
    src = write(tmp_path / "one.md", SIMPLE)
    first = import_bank(src, data_dir)
    second = import_bank(src, data_dir, name="again")
    assert second.exit_code == 1 and second.imported == 0
    assert [f.message for f in second.skipped] == [f"already in {first.target} (id {first.ids[0]})"]
    assert not target_of(data_dir, "again").exists()


def test_a_broken_other_bank_file_is_a_note_not_a_failure(tmp_path, data_dir):
    write(data_dir / "content" / "exam" / "broken.toml", "this is = = not toml")
    report = import_bank(write(tmp_path / "b.md", SIMPLE), data_dir)
    assert report.imported == 1
    assert len(report.notes) == 1 and "could not check" in report.notes[0].message


# --------------------------------------------------------------------------- never overwrite silently


def test_a_file_the_learner_wrote_is_not_replaced(tmp_path, data_dir):
    target = write(target_of(data_dir, "b"), "# my own questions\n")
    report = import_bank(write(tmp_path / "b.md", SIMPLE), data_dir)
    assert report.exit_code == 1 and report.imported == 0 and report.ids == [] and not report.replaced
    assert "was not written by import-bank: not replaced" in report.error
    assert target.read_text(encoding="utf-8") == "# my own questions\n"
    forced = import_bank(tmp_path / "b.md", data_dir, force=True)
    assert forced.exit_code == 0 and forced.replaced and len(loaded(target)) == 1


def test_an_import_of_another_file_is_not_replaced(tmp_path, data_dir):
    import_bank(write(tmp_path / "a" / "README.md", SIMPLE), data_dir)
    other = write(tmp_path / "b" / "README.md", "### Other?\n- [x] a\n- [ ] b\n")
    report = import_bank(other, data_dir)
    assert report.exit_code == 1 and "holds questions imported from" in report.error
    assert loaded(target_of(data_dir, "readme"))[0].stem == "Which service stores objects?"
    assert import_bank(other, data_dir, name="readme-b").exit_code == 0


def test_nothing_importable_leaves_an_earlier_import_alone(tmp_path, data_dir):
    src = write(tmp_path / "b.md", SIMPLE)
    import_bank(src, data_dir)
    before = target_of(data_dir, "b").read_bytes()
    write(src, "### Which?\n- [ ] a\n- [ ] b\n")
    report = import_bank(src, data_dir)
    assert report.exit_code == 1 and report.imported == 0 and report.skipped
    assert target_of(data_dir, "b").read_bytes() == before


def test_dry_run_writes_nothing(bank_md, data_dir):
    report = import_bank(bank_md, data_dir, dry_run=True)
    assert report.imported == 5 and report.exit_code == 0
    assert not data_dir.exists()


# --------------------------------------------------------------------------- failures are one line


def test_unreadable_sources(tmp_path, data_dir, monkeypatch):
    missing = import_bank(tmp_path / "nope.md", data_dir)
    assert missing.exit_code == 1 and missing.error == "cannot read the file: No such file or directory"
    folder = import_bank(tmp_path, data_dir)
    assert folder.exit_code == 1 and folder.error == "is a folder, not a Markdown file"
    latin1 = import_bank(write(tmp_path / "l.md", b"### ok?\n- [x] a\n- [ ] caf\xe9\n"), data_dir)
    assert latin1.exit_code == 1 and latin1.error_line == 3 and latin1.error.startswith("not UTF-8 text (byte 0xe9)")
    empty = import_bank(write(tmp_path / "e.md", ""), data_dir)
    assert empty.exit_code == 1 and empty.error.startswith("no questions found")
    monkeypatch.setattr(bank_mod, "MAX_SOURCE_BYTES", 10)
    big = import_bank(write(tmp_path / "big.md", SIMPLE), data_dir)
    assert big.exit_code == 1 and "over the 10 byte limit" in big.error
    assert not data_dir.exists()  # nothing was created for a failed import


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs mkfifo")
def test_a_fifo_is_not_read(tmp_path, data_dir):
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    report = import_bank(fifo, data_dir)
    assert report.exit_code == 1 and report.error == "is not a regular file"


def test_unwritable_data_dir(tmp_path):
    blocker = write(tmp_path / "data-is-a-file", "x")
    report = import_bank(write(tmp_path / "b.md", SIMPLE), blocker)
    assert report.exit_code == 1 and report.imported == 0
    assert report.error.startswith("cannot write ")


def test_the_rest_is_skipped_when_the_bank_file_would_be_too_big(tmp_path, data_dir, monkeypatch):
    text = "".join(f"### Question number {i}?\n- [x] a\n- [ ] b\n" for i in range(40))
    monkeypatch.setattr(bank_mod, "MAX_FILE_BYTES", 2000)
    report = import_bank(write(tmp_path / "b.md", text), data_dir)
    assert 0 < report.imported < 40
    assert len(report.skipped) == 40 - report.imported
    assert "would be over 2,000 bytes" in report.skipped[0].message
    assert report.target.stat().st_size <= 2000


# --------------------------------------------------------------------------- any input


def _check_any(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        src = write(tmp_path / "any.md", data)
        report = import_bank(src, tmp_path / "data")
        assert report.exit_code in (0, 1)
        assert (report.exit_code == 0) == (report.imported > 0)
        if report.imported:
            qs = loaded(report.target)
            assert [q.id for q in qs] == report.ids
        else:
            assert not (tmp_path / "data").exists()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary())
def test_any_bytes_give_a_report(data):
    _check_any(data)


_PIECES = st.sampled_from(
    [
        "### ",
        "## ",
        "- [ ] ",
        "- [x] ",
        "* [X] ",
        "\n",
        "\r\n",
        "\n\n",
        "```\n",
        "(Choose TWO)",
        "(Select 3)",
        "Question 3",
        "?",
        "**[⬆ Back to Top](#table-of-contents)**\n",
        "![x](y.png)\n",
        "Explanation: ",
        "https://docs.aws.amazon.com/z",
        '"""',
        "'''",
        "\\",
        "[bold]",
        "\x00",
        "\ufeff",
        "  ",
    ]
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_PIECES, st.text(max_size=6)), max_size=80).map("".join))
def test_any_markdown_like_text_gives_a_report_and_a_loadable_file(text):
    _check_any(text.encode("utf-8", "surrogatepass"))


def test_no_explanation_line_when_every_question_has_one(tmp_path, data_dir):
    text = "### Which one?\n- [x] a\n- [ ] b\n\nExplanation: because.\n"
    report = import_bank(write(tmp_path / "e.md", text), data_dir)
    assert report.without_explanation == 0 and not any(s.startswith("explanations") for s in report.summary())
