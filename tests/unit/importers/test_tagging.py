"""Services and domains found for imported questions (importers/tagging.py and import_bank)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from awstui.content import parse_exam_text
from awstui.content.importers import bank as bank_mod
from awstui.content.importers import import_bank
from awstui.content.importers.tagging import (
    MIN_CONFIDENCE,
    ServiceTagger,
    domain_profile,
    infer_domain,
    load_services,
    service_terms,
)
from awstui.content.models import UNCLASSIFIED, Service


def svc(sid: str, name: str, *aliases: str) -> Service:
    return Service(sid, name, "cat", ("https://docs.aws.amazon.com/x",), aliases=aliases)


SERVICES = [
    svc("sqs", "Amazon SQS", "Simple Queue Service"),
    svc("iam", "AWS IAM"),
    svc("lambda", "AWS Lambda"),
    svc("codedeploy", "AWS CodeDeploy", "CD", "Code Deploy"),
    svc("parameter-store", "Parameter Store (AWS Systems Manager)", "PS"),
    svc("s3", "Amazon S3"),
]


def test_terms_are_the_name_without_vendor_and_parenthesis_and_long_aliases():
    assert service_terms(SERVICES[0]) == {"amazon sqs", "sqs", "simple queue service"}
    assert service_terms(SERVICES[3]) == {"aws codedeploy", "codedeploy", "code deploy"}  # "CD" is too short
    assert service_terms(SERVICES[4]) == {"parameter store (aws systems manager)", "parameter store"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A worker reads from an Amazon SQS queue.", ("sqs",)),
        ("Send it to SQS, then process it.", ("sqs",)),
        ("Use the simple  queue\nservice.", ("sqs",)),
        ("Grant the role an iam policy.", ("iam",)),
        ("The DIAMOND and MIAMI offices", ()),  # "IAM" inside words is no hit
        ("A CI/CD pipeline", ()),  # the two-letter alias "CD" is not used
        ("Deploy with Code Deploy to a Lambda function", ("codedeploy", "lambda")),
        ("Store it in Parameter Store.", ("parameter-store",)),
        ("An S3-compatible store (Amazon S3)", ("s3",)),
        ("The S3X format", ()),
        ("Use sqs_queue_url", ("sqs",)),  # an underscore is not a letter or digit: a word break
    ],
)
def test_tagger_matches_whole_words_case_insensitively(text, expected):
    assert ServiceTagger(SERVICES).tag([text]) == expected


def test_tagger_reads_every_text_and_an_empty_library_tags_nothing():
    assert ServiceTagger(SERVICES).tag(["Which service?", "AWS Lambda", "Amazon SQS"]) == ("lambda", "sqs")
    assert ServiceTagger([]).tag(["Amazon SQS"]) == ()


def test_load_services_later_dirs_win_and_broken_files_are_left_out(tmp_path):
    one, two = tmp_path / "one" / "services", tmp_path / "two" / "services"
    one.mkdir(parents=True)
    two.mkdir(parents=True)
    front = '+++\nid = "sqs"\nname = "{}"\ncategory = "c"\ndocs = ["https://docs.aws.amazon.com/x"]\n+++\n- n\n'
    (one / "sqs.md").write_text(front.format("Amazon SQS"), encoding="utf-8")
    (two / "sqs.md").write_text(front.format("Queue Thing"), encoding="utf-8")
    (two / "bad.md").write_text("+++\nid = \n+++\n", encoding="utf-8")
    services = load_services([tmp_path / "one", tmp_path / "two", tmp_path / "missing"])
    assert [(s.id, s.name) for s in services] == [("sqs", "Queue Thing")]


# --------------------------------------------------------------------------- domains


PROFILE = domain_profile(
    [(("sqs",), 1)] * 8 + [(("sqs",), 4)] * 2 + [(("iam",), 2)] * 3 + [(("iam",), 3)] * 3 + [(("s3",), UNCLASSIFIED)]
)


def test_profile_counts_domains_per_service_leaving_unclassified_out():
    assert PROFILE["sqs"] == Counter({1: 8, 4: 2})
    assert PROFILE["iam"] == Counter({2: 3, 3: 3}) and set(PROFILE) == {"sqs", "iam"}


def test_a_clear_majority_gives_the_domain_with_its_confidence():
    guess = infer_domain(("sqs",), PROFILE)
    assert (guess.domain, guess.confidence, guess.evidence) == (1, 0.8, 10)


def test_below_the_confidence_the_question_stays_unclassified():
    guess = infer_domain(("iam",), PROFILE)
    assert guess.domain == UNCLASSIFIED and guess.confidence == 0.5 < MIN_CONFIDENCE and guess.best == 2
    pooled = infer_domain(("iam", "sqs"), PROFILE)  # 8 of 16 in domain 1
    assert pooled.domain == UNCLASSIFIED and pooled.confidence == 0.5


def test_no_evidence_or_too_little_stays_unclassified():
    assert infer_domain((), PROFILE).domain == UNCLASSIFIED
    assert infer_domain(("s3",), PROFILE).evidence == 0
    thin = domain_profile([(("kms",), 2)] * 2)
    assert infer_domain(("kms",), thin).domain == UNCLASSIFIED  # 100 % of 2 is not enough


# --------------------------------------------------------------------------- import_bank


def write_service(root: Path, sid: str, name: str, aliases: str = "") -> None:
    folder = root / "services"
    folder.mkdir(parents=True, exist_ok=True)
    extra = f"aliases = [{aliases}]\n" if aliases else ""
    (folder / f"{sid}.md").write_text(
        f'+++\nid = "{sid}"\nname = "{name}"\ncategory = "c"\n{extra}docs = ["https://docs.aws.amazon.com/x"]\n+++\n- n\n',
        encoding="utf-8",
    )


@pytest.fixture
def bundled(tmp_path, monkeypatch) -> Path:
    """A small bundled content dir: SQS questions mostly domain 1, IAM split 2/3."""
    root = tmp_path / "bundled"
    write_service(root, "sqs", "Amazon SQS", '"Simple Queue Service"')
    write_service(root, "iam", "AWS IAM")
    exam = root / "exam"
    exam.mkdir(parents=True)
    tables = []
    for i, (svc_id, domain) in enumerate([("sqs", 1)] * 4 + [("sqs", 4)] + [("iam", 2), ("iam", 3)]):
        tables.append(
            f'[[question]]\nid = "b-{i}"\ndomain = {domain}\nservices = ["{svc_id}"]\n'
            f'stem = "Bundled {i} {svc_id}?"\noptions = ["x{i}", "y{i}"]\nanswer = ["a"]\n'
        )
    (exam / "bank.toml").write_text("\n".join(tables), encoding="utf-8")
    monkeypatch.setattr(bank_mod, "bundled_content_dir", lambda: root)
    return root


BANK = """\
### A worker polls the Simple Queue Service. What should it do?
- [x] Long polling
- [ ] Short polling

### A role needs an IAM policy. Which one?
- [x] Least privilege
- [ ] Admin

### Which color is the sky?
- [x] Blue
- [ ] Green
"""


def test_import_tags_services_and_counts_them(bundled, tmp_path):
    src = tmp_path / "b.md"
    src.write_text(BANK, encoding="utf-8")
    report = import_bank(src, tmp_path / "data", domain=UNCLASSIFIED)
    qs = parse_exam_text(report.target.read_text(encoding="utf-8"), str(report.target))
    assert [q.services for q in qs] == [("sqs",), ("iam",), ()]
    assert report.tagged == 2


def test_import_tags_with_the_learners_services_too(bundled, tmp_path):
    write_service(tmp_path / "data" / "content", "sky", "Sky Service", '"sky"')
    src = tmp_path / "b.md"
    src.write_text(BANK, encoding="utf-8")
    report = import_bank(src, tmp_path / "data", domain=UNCLASSIFIED)
    qs = parse_exam_text(report.target.read_text(encoding="utf-8"), str(report.target))
    assert qs[2].services == ("sky",) and report.tagged == 3


def test_import_infers_domains_where_the_bundled_bank_is_clear(bundled, tmp_path):
    src = tmp_path / "b.md"
    src.write_text(BANK, encoding="utf-8")
    report = import_bank(src, tmp_path / "data")
    text = report.target.read_text(encoding="utf-8")
    qs = parse_exam_text(text, str(report.target))
    assert [q.domain for q in qs] == [1, UNCLASSIFIED, UNCLASSIFIED]  # sqs: 4 of 5 bundled in domain 1
    assert "domain = 1  # inferred from services sqs: 80% of 5 bundled questions on them are domain 1\n" in text
    assert text.count("# inferred") == 1  # iam: 1 of 2 in domain 2, too few and below 60 %
    guess = report.guesses[qs[0].id]
    assert (guess.domain, guess.confidence, guess.evidence) == (1, 0.8, 5)
    assert report.guesses[qs[1].id].domain == UNCLASSIFIED and qs[2].id not in report.guesses
    assert report.summary()[1] == (
        "domain: inferred for 1 of 3 from their services (1: 1; confidence 80-80%, median 80%); "
        "2 stay unclassified (no service, or no domain with 60% of the bundled questions on theirs)"
    )


def test_a_given_domain_is_not_inferred(bundled, tmp_path):
    src = tmp_path / "b.md"
    src.write_text(BANK, encoding="utf-8")
    for given in (3, UNCLASSIFIED):
        report = import_bank(src, tmp_path / "data", domain=given)
        text = report.target.read_text(encoding="utf-8")
        assert {q.domain for q in parse_exam_text(text, str(report.target))} == {given}
        assert "# inferred" not in text and not report.guesses
        assert report.summary()[1] == f"domain: {given} for all 3 (given with --domain)"
