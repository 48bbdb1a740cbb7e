"""The bundled exam bank: enough questions, weighted like DVA-C02, every service covered."""

from __future__ import annotations

from collections import Counter

import pytest

from awstui.content import DOMAINS, load_library
from awstui.content.models import stated_choose_count
from awstui.paths import bundled_content_dir


@pytest.fixture(scope="module")
def bank():
    lib = load_library([bundled_content_dir()])
    assert lib.problems == ()
    return lib


def test_two_full_exams_without_repeats(bank):
    assert len(bank.exam) >= 130
    assert len({q.id for q in bank.exam}) == len(bank.exam)
    assert len({q.stem for q in bank.exam}) == len(bank.exam)


def test_domains_weighted_like_the_exam(bank):
    counts = Counter(q.domain for q in bank.exam)
    assert set(counts) == {1, 2, 3, 4}
    for domain, (_, weight) in DOMAINS.items():
        share = counts[domain] / len(bank.exam)
        assert abs(share - weight) <= 0.04, (domain, share)


def test_every_service_covered_twice(bank):
    counts = Counter(s for q in bank.exam for s in q.services)
    thin = {s.id: counts[s.id] for s in bank.services if counts[s.id] < 2}
    assert thin == {}


def test_question_shapes(bank):
    multi = [q for q in bank.exam if q.is_multi]
    assert len(multi) / len(bank.exam) >= 0.20
    for q in bank.exam:
        if q.is_multi:
            assert len(q.options) >= 5, q.id
            assert stated_choose_count(q.stem) == len(q.answer), q.id
        else:
            assert len(q.options) == 4, q.id
            assert stated_choose_count(q.stem) is None, q.id


def test_every_question_explained_and_referenced(bank):
    for q in bank.exam:
        assert len(q.explanation) >= 80, q.id
        assert all(r.startswith("https://") for r in q.references), q.id
        assert any(r.startswith(("https://docs.aws.amazon.com/", "https://aws.amazon.com/")) for r in q.references), (
            q.id
        )
        assert q.services, q.id
