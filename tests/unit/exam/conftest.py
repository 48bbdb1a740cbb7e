"""Fixtures of the exam engine's tests: isolated dirs, a fixture bank, a manual clock."""

from __future__ import annotations

import pytest

from awstui.content.models import OPTION_KEYS, ExamQuestion
from awstui.exam import ManualClock

SERVICES = ("lambda", "dynamodb", "s3", "kms", "cognito", "codedeploy", "sqs", "api-gateway")

# questions per domain in the fixture bank (enough for a 65-question exam with spare)
SIZES = {1: 40, 2: 34, 3: 30, 4: 26}


@pytest.fixture(autouse=True)
def _isolated_data_dirs(tmp_path, monkeypatch):
    """No exam test touches the real home: data dir and XDG dirs live in tmp_path."""
    monkeypatch.setenv("AWSTUI_DATA_DIR", str(tmp_path / "data"))
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(var, str(tmp_path / var.lower()))


def make_question(
    qid: str, domain=1, services=("lambda",), answer=("a",), n_options: int | None = None, stem: str | None = None
) -> ExamQuestion:
    """An exam question; a multiple-response one gets 5 options and a "(Choose N.)" stem."""
    answer = tuple(answer)
    multi = len(answer) > 1
    n = n_options or (5 if multi else 4)
    words = {2: "two", 3: "three"}
    if stem is None:
        stem = f"Question {qid}?" + (f" (Choose {words[len(answer)]}.)" if multi else "")
    return ExamQuestion(
        id=qid,
        domain=domain,
        services=tuple(services),
        stem=stem,
        options=tuple(f"{qid} option {OPTION_KEYS[i]}" for i in range(n)),
        answer=answer,
        explanation=f"Because of {qid}.",
        references=("https://docs.aws.amazon.com/",),
    )


def build_bank(sizes=None, unclassified: int = 0) -> list[ExamQuestion]:
    """A bank with ``sizes[d]`` questions per domain: every 4th is multiple response, the
    services rotate through SERVICES, the answers through the keys."""
    sizes = SIZES if sizes is None else sizes
    bank = []
    for domain, n in sizes.items():
        for i in range(n):
            multi = i % 4 == 3
            answer = (("a", "c") if i % 8 == 3 else ("b", "d", "e")) if multi else ("abcd"[i % 4],)
            services = (SERVICES[(i + domain) % len(SERVICES)],)
            if i % 5 == 0:
                services += (SERVICES[(i + domain + 3) % len(SERVICES)],)
            bank.append(make_question(f"d{domain}-{i:03d}", domain, services, answer))
    for i in range(unclassified):
        bank.append(make_question(f"imp-{i:03d}", "unclassified", ("s3",), ("abcd"[i % 4],)))
    return bank


@pytest.fixture
def bank() -> list[ExamQuestion]:
    return build_bank()


@pytest.fixture
def mixed_bank() -> list[ExamQuestion]:
    """The fixture bank plus 20 imported ("unclassified") questions."""
    return build_bank(unclassified=20)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(1000.0)


@pytest.fixture
def by_id(bank):
    return {q.id: q for q in bank}


@pytest.fixture
def make_q():
    """The question factory (``make_question``)."""
    return make_question


@pytest.fixture
def make_bank():
    """The bank factory (``build_bank``)."""
    return build_bank
