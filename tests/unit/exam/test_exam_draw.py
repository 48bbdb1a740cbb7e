"""The draw: stratified by domain weight, reproducible, no repeats, filters, weak spots."""

from __future__ import annotations

from collections import Counter

import pytest

from awstui.content.models import DOMAINS, UNCLASSIFIED
from awstui.exam import (
    ExamConfig,
    ExamError,
    ExamSession,
    apportion,
    domain_quotas,
    draw,
    filter_bank,
    full_exam_config,
    full_exam_pool,
    is_imported,
    option_order,
    option_orders,
    weak_spot_draw,
)

from .conftest import make_question


def test_full_exam_quotas_are_largest_remainder_of_the_weights(bank):
    # 65 * (.32, .26, .24, .18) = 20.8, 16.9, 15.6, 11.7 -> floors 20/16/15/11, +1 to .9, .8, .7
    assert domain_quotas(bank, 65) == {1: 21, 2: 17, 3: 15, 4: 12}
    assert domain_quotas(bank, 10) == {1: 3, 2: 3, 3: 2, 4: 2}
    assert domain_quotas(bank, 1) == {1: 1, 2: 0, 3: 0, 4: 0}


def test_apportion_fills_a_short_key_from_the_others():
    weights = {"a": 0.5, "b": 0.3, "c": 0.2}
    assert apportion(10, weights, {"a": 100, "b": 100, "c": 100}, "abc") == {"a": 5, "b": 3, "c": 2}
    short = apportion(10, weights, {"a": 1, "b": 100, "c": 100}, "abc")
    assert short["a"] == 1 and sum(short.values()) == 10
    assert short["b"] > short["c"]  # the shortfall goes out by weight
    assert apportion(10, weights, {"a": 1, "b": 2, "c": 3}, "abc") == {"a": 1, "b": 2, "c": 3}


@pytest.mark.parametrize("seed", range(25))
def test_draw_matches_the_quotas_with_no_repeats(bank, seed):
    drawn = draw(bank, 65, seed)
    assert len(drawn) == 65
    assert len({q.id for q in drawn}) == 65
    assert Counter(q.domain for q in drawn) == {1: 21, 2: 17, 3: 15, 4: 12}


def test_domain_proportions_over_many_seeds_and_counts(bank):
    totals: Counter = Counter()
    n = 0
    for seed in range(300):
        count = 5 + seed % 60
        drawn = draw(bank, count, seed)
        assert len(drawn) == count
        totals.update(q.domain for q in drawn)
        n += count
    for domain, (_, weight) in DOMAINS.items():
        assert totals[domain] / n == pytest.approx(weight, abs=0.02), domain


def test_draw_is_reproducible_and_varies_with_the_seed(bank):
    first = [q.id for q in draw(bank, 30, 7)]
    assert first == [q.id for q in draw(bank, 30, 7)]
    assert first == [q.id for q in draw(list(reversed(bank)), 30, 7)]  # bank order does not matter
    assert first != [q.id for q in draw(bank, 30, 8)]
    distinct = {tuple(sorted(q.id for q in draw(bank, 30, s))) for s in range(20)}
    assert len(distinct) == 20


def test_a_short_domain_is_filled_from_the_others(make_bank):
    bank = make_bank({1: 40, 2: 3, 3: 30, 4: 26})
    for seed in range(10):
        drawn = draw(bank, 65, seed)
        counts = Counter(q.domain for q in drawn)
        assert len(drawn) == 65 and counts[2] == 3
        assert counts[1] > 21 and counts[3] > 15 and counts[4] >= 12


def test_more_than_available_returns_all_and_the_config_records_it(make_bank, clock):
    bank = make_bank({1: 5, 2: 4, 3: 3, 4: 2})
    assert sorted(q.id for q in draw(bank, 65, 1)) == sorted(q.id for q in bank)
    session = ExamSession.start(bank, full_exam_config(1), clock=clock)
    assert len(session) == 14 and session.config.count == 14
    assert session.to_record().config["count"] == 14


def test_domain_and_service_filters(bank):
    drawn = draw(bank, 25, 3, domains=[2, "3"])
    assert Counter(q.domain for q in drawn) == {2: 13, 3: 12}  # 26:24 renormalised
    assert Counter(q.domain for q in draw(bank, 20, 3, domains=[3, 2])) == {2: 10, 3: 10}  # 10.4/9.6
    only_kms = draw(bank, 500, 3, services=["kms"])
    expected = {q.id for q in bank if "kms" in q.services}
    assert {q.id for q in only_kms} == expected and expected
    both = draw(bank, 500, 3, domains=[4], services=["kms", "sqs"])
    assert both and all(q.domain == 4 and {"kms", "sqs"} & set(q.services) for q in both)
    assert draw(bank, 10, 3, services=["no-such-service"]) == []


def test_unclassified_only_when_the_filters_allow_it(mixed_bank, clock):
    # the full exam draws from the four domains only
    full = ExamSession.start(mixed_bank, full_exam_config(5), clock=clock)
    assert all(q.domain != UNCLASSIFIED for q in full.questions)
    # a named domain filter without "unclassified" leaves them out
    assert all(q.domain != UNCLASSIFIED for q in draw(mixed_bank, 100, 5, domains=[1, 2, 3, 4]))
    # no domain filter: an extra stratum with its share of the pool (20 of 150)
    drawn = draw(mixed_bank, 60, 5)
    assert Counter(q.domain for q in drawn)[UNCLASSIFIED] == 8
    assert domain_quotas(mixed_bank, 60)[UNCLASSIFIED] == 8
    # named explicitly
    only = draw(mixed_bank, 100, 5, domains=["unclassified"])
    assert len(only) == 20 and {q.domain for q in only} == {UNCLASSIFIED}
    custom = ExamSession.start(mixed_bank, ExamConfig("custom", 150, None, seed=5), clock=clock)
    assert len(custom) == 150


def test_option_orders_are_permutations_reproducible_per_question(bank):
    orders = option_orders(bank, 11)
    for q in bank:
        assert sorted(orders[q.id]) == list(range(len(q.options)))
        assert orders[q.id] == option_order(q, 11)
    assert orders != option_orders(bank, 12)
    shuffled = sum(orders[q.id] != list(range(len(q.options))) for q in bank)
    assert shuffled > len(bank) // 2


def test_start_records_a_seed_when_none_is_given(bank, clock):
    session = ExamSession.start(bank, ExamConfig("custom", 10, 20), clock=clock)
    assert isinstance(session.config.seed, int)
    again = ExamSession.start(bank, session.config, clock=clock)
    assert [q.id for q in again.questions] == [q.id for q in session.questions]
    assert all(again.option_order(q.id) == session.option_order(q.id) for q in session.questions)


def test_nothing_to_draw_is_an_error(bank, clock):
    with pytest.raises(ExamError):
        ExamSession.start(bank, ExamConfig("custom", 10, None, services=["opsworks"]), clock=clock)


@pytest.mark.parametrize(
    "bad",
    [
        dict(mode="exam"),
        dict(count=0),
        dict(count=True),
        dict(minutes=0),
        dict(minutes=-5),
        dict(minutes=1e308),  # was silently untimed
        dict(minutes=0.5),
        dict(minutes=601),
        dict(mode="practice", minutes=10),
        dict(domains=[5]),
        dict(domains=[]),
        dict(seed="x"),
    ],
)
def test_bad_configs_are_refused(bad):
    with pytest.raises(ExamError):
        ExamConfig(**bad)


def test_minutes_out_of_range_are_refused_naming_the_range():
    with pytest.raises(ExamError, match="from 1 to 600"):
        ExamConfig("custom", 10, 1e308)
    assert ExamConfig("custom", 10, 600).time_allowed_s == 36000 and ExamConfig("custom", 10, 1).timed


def test_config_round_trips_through_a_dict():
    config = ExamConfig("custom", 12, 25, domains=["unclassified", 2], services=["sqs"], seed=9)
    assert config.domains == (2, UNCLASSIFIED)
    assert ExamConfig.from_dict(config.to_dict()) == config
    assert full_exam_config(3) == ExamConfig("full", 65, 130, None, None, 3)
    assert full_exam_config(3).time_allowed_s == 130 * 60


# --------------------------------------------------------------------------- weak spots


def test_weak_spots_put_wrong_answers_first_from_the_weakest_areas(bank):
    kms = [q for q in bank if q.services == ("kms",)][:4]
    lambda_ = [q for q in bank if q.services == ("lambda",)][:6]
    history = [(q.id, False) for q in kms] + [(q.id, True) for q in lambda_]
    history += [(lambda_[0].id, False)]  # one wrong lambda answer among many right ones
    drawn = weak_spot_draw(bank, history, 5, seed=1)
    ids = {q.id for q in drawn}
    assert {q.id for q in kms} <= ids  # every wrong kms answer
    assert lambda_[0].id in ids  # then the wrong lambda one
    assert len(drawn) == 5


def test_weak_spots_then_unseen_then_the_rest(make_bank):
    bank = make_bank({1: 6, 2: 0, 3: 0, 4: 0})
    seen_right = [bank[0].id, bank[1].id]
    seen_wrong = [bank[2].id]
    history = [(q, True) for q in seen_right] + [(q, False) for q in seen_wrong]
    for seed in range(10):
        ids = [q.id for q in weak_spot_draw(bank, history, 4, seed)]
        assert bank[2].id in ids
        assert not set(seen_right) & set(ids)  # 1 wrong + 3 unseen fill the draw first
    # a question answered right after being wrong is no longer "wrong"
    healed = [*history, (bank[2].id, True)]
    assert bank[2].id not in {q.id for q in weak_spot_draw(bank, healed, 3, 0)}
    # asking for everything returns everything, no repeats
    assert sorted(q.id for q in weak_spot_draw(bank, history, 50, 0)) == sorted(q.id for q in bank)


def test_weak_spots_favour_weak_services_among_unseen(bank):
    # kms mostly wrong (but its one question is right now): among the unseen, kms leads
    kms = [q for q in bank if "kms" in q.services]
    others = [q for q in bank if q.domain == kms[0].domain and "kms" not in q.services][:4]
    history = [(kms[0].id, False), (kms[0].id, False), (kms[0].id, True)]
    history += [(q.id, True) for q in others]  # its domain as a whole is fine
    drawn = weak_spot_draw(bank, history, 8, seed=4)
    assert all("kms" in q.services for q in drawn)
    assert kms[0].id not in {q.id for q in drawn}


def test_weak_spots_are_reproducible_and_ignore_unknown_ids(bank, clock):
    history = [("not-in-bank", False), (bank[3].id, False), (bank[9].id, False)]
    a = [q.id for q in weak_spot_draw(bank, history, 12, 5)]
    assert a == [q.id for q in weak_spot_draw(bank, iter(history), 12, 5)]
    session = ExamSession.start(bank, ExamConfig("weak", 12, None, seed=5), history=history, clock=clock)
    assert [q.id for q in session.questions] == a
    assert {bank[3].id, bank[9].id} <= set(a)


# --------------------------------------------------------------------------- bundled + imported


def imported_bank():
    """Imported questions: 30 in domain 1 (given or inferred), 10 in domain 2, 25 unclassified."""
    return (
        [make_question(f"imp-x-{i:03d}", 1, ("sqs",)) for i in range(30)]
        + [make_question(f"imp-x-1{i:02d}", 2, ("kms",)) for i in range(10)]
        + [make_question(f"imp-y-{i:03d}", UNCLASSIFIED, ()) for i in range(25)]
    )


def test_a_full_exam_draws_imported_questions_with_a_domain_keeping_the_weights(bank, clock):
    both = bank + imported_bank()
    drawn = ExamSession.start(both, full_exam_config(5), clock=clock).questions
    assert Counter(q.domain for q in drawn) == {1: 21, 2: 17, 3: 15, 4: 12}  # the weights, not the sources
    assert any(is_imported(q) for q in drawn)
    assert all(q.domain != UNCLASSIFIED for q in drawn)
    across = [q for seed in range(40) for q in draw(both, 65, seed, domains=[1, 2, 3, 4])]
    assert {q.id for q in across if is_imported(q)} == {
        q.id for q in both if is_imported(q) and q.domain != UNCLASSIFIED
    }


def test_a_full_exam_over_the_bundled_bank_only(bank, clock):
    both = bank + imported_bank()
    config = full_exam_config(5, imported=False)
    assert not any(is_imported(q) for q in ExamSession.start(both, config, clock=clock).questions)
    assert ExamConfig.from_dict(config.to_dict()) == config
    assert ExamConfig.from_dict({"mode": "full", "count": 65, "minutes": 130}).imported is True  # stored before
    assert not filter_bank(imported_bank(), imported=False)
    with pytest.raises(ExamError):
        ExamConfig(imported="no")  # type: ignore[arg-type]


def test_full_exam_pool_counts_per_source_and_domain(bank):
    both = bank + imported_bank()
    pool = full_exam_pool(both)
    assert pool.per_domain == {1: (40, 30), 2: (34, 10), 3: (30, 0), 4: (26, 0)}
    assert (pool.bundled, pool.imported, pool.unclassified, pool.imported_left_out) == (130, 40, 25, 0)
    assert pool.describe() == (
        "A Full exam draws from 130 bundled + 40 imported questions (domain 1: 40 + 30, 2: 34 + 10, 3: 30 + 0, "
        "4: 26 + 0), weighted 32/26/24/18 % by domain; 25 without a domain are not drawn "
        "(import-bank --domain N gives one)."
    )
    alone = full_exam_pool(both, imported=False)
    assert alone.per_domain[1] == (40, 0) and alone.imported_left_out == 40
    assert alone.describe().startswith("A Full exam draws from 130 bundled questions (domain 1: 40, 2: 34")
    assert "; 40 imported questions left out;" in alone.describe()
    assert full_exam_pool(bank).describe().endswith("weighted 32/26/24/18 % by domain.")


def test_filter_effect_says_what_a_filter_leaves_out(bank):
    from awstui.exam import filter_effect

    both = bank + imported_bank()  # 25 imported unclassified without services
    every = filter_effect(both)
    assert every.kept == len(both) and every.describe() == f"{len(both)} questions"
    effect = filter_effect(both, services=["sqs"])
    assert effect.kept == len(filter_bank(both, services=["sqs"]))
    assert effect.untagged == 25 and effect.other_services == len(both) - 25 - effect.kept
    assert "25 without services (a services filter leaves them out)" in effect.describe()
    from awstui.exam.config import NO_SERVICES

    kept = filter_effect(both, services=["sqs", NO_SERVICES])  # the untagged ones ticked on their own
    assert kept.untagged == 0 and kept.kept == effect.kept + 25
    by_domain = filter_effect(both, domains=[1], imported=False)
    assert by_domain.imported == 65 and by_domain.kept == 40 and by_domain.other_domains == 90
    assert by_domain.describe() == "40 questions; left out: 90 of other domains, 65 imported"


def test_filter_bank_no_services_selects_the_untagged_ones():
    from awstui.content.models import ExamQuestion
    from awstui.exam.config import NO_SERVICES
    from awstui.exam.draw import filter_bank

    def q(qid, *services):
        return ExamQuestion(id=qid, domain=1, services=services, stem="?", options=("a", "b"), answer=("a",))

    bank = [q("a", "lambda"), q("b", "s3"), q("c")]
    assert [x.id for x in filter_bank(bank, services=[NO_SERVICES])] == ["c"]
    assert [x.id for x in filter_bank(bank, services=["lambda", NO_SERVICES])] == ["a", "c"]
    assert [x.id for x in filter_bank(bank, services=["s3"])] == ["b"]
