"""The bundled exam bank (issue 11, bank v2): the whole DVA-C02 scope, weighted like the exam,
tagged by task statement, without answer cues or repeats. These figures are the bank's
contract: the bank cannot drift below them."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from awstui.content import DOMAINS, load_library
from awstui.content.figures import (
    CARRYING_SERVICES,
    IN_SCOPE_SERVICES,
    RETIRED_SERVICES,
    bank_figures,
    similar_pairs,
)
from awstui.content.models import TASKS, stated_choose_count, task_domain
from awstui.paths import bundled_content_dir


@pytest.fixture(scope="module")
def bank():
    lib = load_library([bundled_content_dir()])
    assert lib.problems == ()
    return lib


@pytest.fixture(scope="module")
def figures(bank):
    return bank_figures(bank.exam, repeats=False)


def test_at_least_400_questions_each_its_own(bank):
    assert len(bank.exam) >= 400
    assert len({q.id for q in bank.exam}) == len(bank.exam)
    assert len({q.stem for q in bank.exam}) == len(bank.exam)


def test_domains_weighted_like_the_exam_within_two_points(figures):
    assert set(figures.by_domain) == {1, 2, 3, 4}
    for domain, (_, weight) in DOMAINS.items():
        share = figures.by_domain[domain] / figures.total
        assert abs(share - weight) <= 0.02, (domain, round(share, 3), weight)


def test_multiple_response_share_and_some_choose_three(figures):
    assert 0.20 <= figures.multi_share <= 0.35, figures.multi_share
    assert figures.choose_three >= 5


def test_every_question_tagged_with_its_domains_task_statements(bank, figures):
    assert figures.untagged == 0
    for q in bank.exam:
        assert any(task_domain(t) == q.domain for t in q.tasks), q.id


def test_every_task_statement_has_15_questions(figures):
    assert set(figures.by_task) == set(TASKS)
    thin = {t: n for t, n in figures.by_task.items() if n < 15}
    assert thin == {}


def test_every_in_scope_service_has_3_questions_and_the_carrying_ones_12(figures):
    counts = figures.by_service
    assert {s: counts.get(s, 0) for s in IN_SCOPE_SERVICES if counts.get(s, 0) < 3} == {}
    assert {s: counts.get(s, 0) for s in CARRYING_SERVICES if counts.get(s, 0) < 12} == {}


def test_every_tagged_service_is_in_the_tree_and_in_scope(bank):
    tree = {s.id for s in bank.services}
    tagged = {s for q in bank.exam for s in q.services}
    assert tagged - tree == set()
    assert tagged - IN_SCOPE_SERVICES == set()


def test_no_question_is_about_a_retired_service(bank):
    for q in bank.exam:
        assert not set(q.services) & RETIRED_SERVICES, q.id
    words = re.compile(r"\b(CodeStar|Cloud9|OpsWorks|Data Pipeline|CodeGuru|Copilot|CodeCommit)\b")
    about = [q.id for q in bank.exam if words.search(q.stem) or any(words.search(o) for o in q.options)]
    assert about == []


def test_no_length_cue(figures):
    assert figures.single_longest_share <= 0.30, figures.single_longest_share
    assert figures.single_shortest_share <= 0.30, figures.single_shortest_share
    assert figures.multi_longest_share <= 0.15, figures.multi_longest_share


def test_right_answers_spread_over_the_positions(figures):
    for key in "abcd":
        assert 0.15 <= figures.positions.get(key, 0) / figures.single <= 0.35, figures.positions


def test_no_all_or_none_of_the_above(bank):
    pattern = re.compile(r"\b(all|none) of the (above|options)\b", re.I)
    assert [q.id for q in bank.exam if any(pattern.search(o) for o in q.options)] == []


def test_no_two_questions_test_the_same_scenario_with_the_same_answer(bank):
    assert similar_pairs(bank.exam) == []


def test_question_shapes(bank):
    for q in bank.exam:
        if q.is_multi:
            assert len(q.options) == len(q.answer) + 3, q.id
            assert stated_choose_count(q.stem) == len(q.answer), q.id
        else:
            assert len(q.options) == 4, q.id
            assert stated_choose_count(q.stem) is None, q.id


def test_every_question_explained_and_referenced(bank):
    for q in bank.exam:
        assert len(q.explanation) >= 150, q.id
        assert q.references and all(r.startswith("https://") for r in q.references), q.id
        assert any(r.startswith("https://docs.aws.amazon.com/") for r in q.references), q.id
        assert q.services, q.id


def test_services_of_the_tree_without_notes_are_still_reachable(bank):
    counts = Counter(s for q in bank.exam for s in q.services)
    assert all(counts[s.id] >= 1 for s in bank.services if s.id in IN_SCOPE_SERVICES)
