"""Drawing questions: stratified by DVA-C02 domain weight, weak spots, option shuffles.

Every function here is pure and reproducible: the same bank, arguments and seed give the same
result. The bank is read in id order, so the order of files in the bank does not matter.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import TypeVar

from awstui.content.models import DOMAINS, UNCLASSIFIED, ExamQuestion

from ..records import record
from .config import NO_SERVICES, ExamConfig, ExamError, domain_sort_key, normalize_domains, normalize_services

K = TypeVar("K", bound=Hashable)


IMPORTED_PREFIX = "imp-"  # the ids awstui import-bank writes: imp-<name>-<hash>


def is_imported(question: ExamQuestion) -> bool:
    """Whether ``question`` comes from an imported bank (``awstui import-bank``)."""
    return question.id.startswith(IMPORTED_PREFIX)


def filter_bank(bank: Iterable[ExamQuestion], domains=None, services=None, imported: bool = True) -> list[ExamQuestion]:
    """The questions that pass the filters, in id order, without duplicate ids.

    ``domains=None`` lets every domain through, "unclassified" included; otherwise only the
    listed domains (name "unclassified" to include imported questions). ``services=None`` lets
    every question through; otherwise a question passes when any of its services is listed
    (``NO_SERVICES`` lists the questions that tag none). ``imported=False`` leaves out the
    questions of imported banks.
    """
    allowed_domains, allowed_services = normalize_domains(domains), normalize_services(services)
    domain_set = set(allowed_domains) if allowed_domains is not None else None
    service_set = set(allowed_services) if allowed_services is not None else None
    seen: dict[str, ExamQuestion] = {}
    for q in bank:
        if q.id in seen or (not imported and is_imported(q)):
            continue
        if domain_set is not None and q.domain not in domain_set:
            continue
        if service_set is not None and not service_set.intersection(q.services or (NO_SERVICES,)):
            continue
        seen[q.id] = q
    return [seen[k] for k in sorted(seen)]


def apportion(total: int, weights: Mapping[K, float], caps: Mapping[K, int], order: Sequence[K]) -> dict[K, int]:
    """Split ``total`` over ``order``'s keys by ``weights`` (largest-remainder rounding).

    No key gets more than its cap; what a capped key cannot take is shared out again among the
    keys with room, by the same rule. Ties of remainders go to the key earlier in ``order``.
    The result sums to ``min(total, sum(caps))``.
    """
    alloc = {k: 0 for k in order}
    remaining = min(total, sum(max(0, caps.get(k, 0)) for k in order))
    while remaining > 0:
        open_keys = [k for k in order if alloc[k] < caps.get(k, 0)]
        w = {k: max(0.0, float(weights.get(k, 0.0))) for k in open_keys}
        weight_sum = sum(w.values())
        if weight_sum <= 0:
            w = {k: 1.0 for k in open_keys}
            weight_sum = float(len(open_keys))
        quotas = {k: remaining * w[k] / weight_sum for k in open_keys}
        share = {k: math.floor(quotas[k]) for k in open_keys}
        leftover = remaining - sum(share.values())
        rank = {k: i for i, k in enumerate(order)}
        by_remainder = sorted(open_keys, key=lambda k: (-(quotas[k] - share[k]), rank[k]))
        for k in by_remainder[:leftover]:
            share[k] += 1
        for k in open_keys:
            take = min(share[k], caps[k] - alloc[k])
            alloc[k] += take
            remaining -= take
    return alloc


def stratum_weights(caps: Mapping[int | str, int]) -> dict[int | str, float]:
    """The weight of each stratum of a draw, from how many questions each holds (``caps``).

    The DVA-C02 domains among ``caps``' keys share by their exam weights (32/26/24/18,
    renormalised over the domains the filter allows); "unclassified" questions form an extra
    stratum weighted by their share of the pool (10 imported of 40 get a quarter of the draw).
    """
    size = sum(caps.values())
    unclassified = caps.get(UNCLASSIFIED, 0)
    classified = [d for d in caps if d != UNCLASSIFIED and d in DOMAINS]
    total = sum(DOMAINS[d][1] for d in classified)
    share = 1.0 - (unclassified / size if size else 0.0)
    weights: dict[int | str, float] = {d: share * DOMAINS[d][1] / total for d in classified}
    if UNCLASSIFIED in caps:
        weights[UNCLASSIFIED] = unclassified / size if size else 0.0
    return weights


def domain_quotas(pool: Sequence[ExamQuestion], count: int, domains=None) -> dict[int | str, int]:
    """How many questions of each domain a draw of ``count`` takes from ``pool``.

    The weights are the exam's (see ``stratum_weights``) over the domains the filter allows
    (``domains``; ``None`` = the four domains, plus "unclassified" when the pool has any). A
    domain with too few questions takes all it has and the rest is filled from the others.
    """
    allowed = normalize_domains(domains)
    keys: list[int | str] = list(allowed) if allowed is not None else list(DOMAINS)
    if allowed is None and any(q.domain == UNCLASSIFIED for q in pool):
        keys.append(UNCLASSIFIED)
    keys.sort(key=domain_sort_key)
    caps = {k: 0 for k in keys}
    for q in pool:
        if q.domain in caps:
            caps[q.domain] += 1
    weights = stratum_weights(caps)
    return apportion(count, weights, caps, keys)


def draw(
    bank: Iterable[ExamQuestion], count: int, seed: int, domains=None, services=None, imported: bool = True
) -> list[ExamQuestion]:
    """Draw ``count`` different questions, stratified by domain weight, in exam order.

    Filters as in ``filter_bank``; quotas as in ``domain_quotas``; inside a domain the questions
    are a uniform sample. Asking for more than the filters allow returns them all. The result
    is shuffled so domains interleave. Reproducible: ``random.Random(seed)`` does every choice.
    """
    pool = filter_bank(bank, domains, services, imported)
    rng = random.Random(seed)
    quotas = domain_quotas(pool, max(0, count), domains)
    by_domain: dict[int | str, list[ExamQuestion]] = defaultdict(list)
    for q in pool:
        by_domain[q.domain].append(q)
    chosen: list[ExamQuestion] = []
    for domain in sorted(quotas, key=domain_sort_key):
        chosen.extend(rng.sample(by_domain[domain], quotas[domain]))
    rng.shuffle(chosen)
    return chosen


@record
class FilterEffect:
    """What a Custom/Practice filter keeps and leaves out (``filter_effect``), for its dialog."""

    kept: int
    other_domains: int = 0  # left out by the domains filter
    untagged: int = 0  # no services at all (most imported questions), left out by a services filter
    other_services: int = 0  # tagged, but with none of the listed services
    imported: int = 0  # left out because imported=False

    def describe(self) -> str:
        """One line: "120 questions; left out: 30 of other domains, 12 without services ..."."""
        parts = [
            f"{n:,} {what}"
            for n, what in (
                (self.other_domains, "of other domains"),
                (self.untagged, "without services (a services filter leaves them out)"),
                (self.other_services, "of other services"),
                (self.imported, "imported"),
            )
            if n
        ]
        head = f"{self.kept:,} question{'s' if self.kept != 1 else ''}"
        return head + ("; left out: " + ", ".join(parts) if parts else "")


def filter_effect(bank: Iterable[ExamQuestion], domains=None, services=None, imported: bool = True) -> FilterEffect:
    """How many questions ``filter_bank(bank, domains, services, imported)`` keeps, and why the
    others are left out (the first reason that applies, in the order of ``FilterEffect``)."""
    allowed_domains, allowed_services = normalize_domains(domains), normalize_services(services)
    counts = {"kept": 0, "other_domains": 0, "untagged": 0, "other_services": 0, "imported": 0}
    for q in filter_bank(bank):
        if not imported and is_imported(q):
            reason = "imported"
        elif allowed_domains is not None and q.domain not in allowed_domains:
            reason = "other_domains"
        elif allowed_services is not None and not set(allowed_services).intersection(q.services or (NO_SERVICES,)):
            reason = "other_services" if q.services else "untagged"  # NO_SERVICES listed keeps the untagged
        else:
            reason = "kept"
        counts[reason] += 1
    return FilterEffect(**counts)


@record
class FullExamPool:
    """Which questions a Full exam draws from (``full_exam_pool``), for the exam menu to say.

    ``per_domain``: domain (1-4) -> (bundled, imported) questions it may draw; ``unclassified``:
    questions without a domain, never drawn in a Full exam; ``imported_left_out``: imported
    questions with a domain that ``imported=False`` leaves out. "Bundled" is every question that
    is not imported: the bank awstui ships, and any the learner wrote by hand.
    """

    per_domain: dict[int, tuple[int, int]]
    unclassified: int = 0
    imported_left_out: int = 0

    @property
    def bundled(self) -> int:
        return sum(b for b, _ in self.per_domain.values())

    @property
    def imported(self) -> int:
        return sum(i for _, i in self.per_domain.values())

    def describe(self) -> str:
        """One line: "A Full exam draws from 136 bundled + 210 imported questions (domain 1: 44 + 80, ...)"."""
        if self.imported:
            head = f"A Full exam draws from {self.bundled:,} bundled + {self.imported:,} imported questions"
            spread = ", ".join(f"{d}: {b:,} + {i:,}" for d, (b, i) in self.per_domain.items())
        else:
            head = f"A Full exam draws from {self.bundled:,} bundled questions"
            spread = ", ".join(f"{d}: {b:,}" for d, (b, _) in self.per_domain.items())
        weights = "/".join(str(round(DOMAINS[d][1] * 100)) for d in DOMAINS)
        parts = [f"{head} (domain {spread}), weighted {weights} % by domain"]
        if self.imported_left_out:
            parts.append(f"{self.imported_left_out:,} imported questions left out")
        if self.unclassified:
            parts.append(f"{self.unclassified:,} without a domain are not drawn (import-bank --domain N gives one)")
        return "; ".join(parts) + "."


def full_exam_pool(bank: Iterable[ExamQuestion], imported: bool = True) -> FullExamPool:
    """Which questions of ``bank`` a Full exam (``full_exam_config(imported=...)``) draws from."""
    counts = {d: [0, 0] for d in sorted(DOMAINS)}
    unclassified = left_out = 0
    for q in filter_bank(bank):
        if q.domain not in counts:
            unclassified += 1
        elif is_imported(q) and not imported:
            left_out += 1
        else:
            counts[int(q.domain)][is_imported(q)] += 1
    return FullExamPool({d: (b, i) for d, (b, i) in counts.items()}, unclassified, left_out)


def option_order(question: ExamQuestion, seed: int) -> list[int]:
    """The display order of ``question``'s options for an attempt: ``order[display] = original``.

    Seeded by the attempt's seed and the question id, so a question's order does not depend on
    which other questions were drawn.
    """
    order = list(range(len(question.options)))
    random.Random(f"awstui-options:{seed}:{question.id}").shuffle(order)
    return order


def option_orders(questions: Iterable[ExamQuestion], seed: int) -> dict[str, list[int]]:
    """``{qid: option_order(q, seed)}`` for every question (the store's ``option_orders``)."""
    return {q.id: option_order(q, seed) for q in questions}


# ---------------------------------------------------------------------------- weak spots


@record
class AreaAccuracy:
    """How the learner did in one service or domain: answers counted and how many were right."""

    correct: int
    total: int

    @property
    def smoothed(self) -> float:
        """(correct + 1) / (total + 2): an area never seen counts as 0.5, one miss in one try 0.33."""
        return (self.correct + 1) / (self.total + 2)


def accuracy_by_area(
    bank: Iterable[ExamQuestion], history: Iterable[tuple[str, bool]]
) -> tuple[dict[str, AreaAccuracy], dict[int | str, AreaAccuracy]]:
    """Per-service and per-domain accuracy of ``history`` (outcomes of questions not in the bank
    are ignored). Returns ``(by_service, by_domain)``."""
    by_id = {q.id: q for q in bank}
    services: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    domains: dict[int | str, list[int]] = defaultdict(lambda: [0, 0])
    for qid, correct in history:
        q = by_id.get(qid)
        if q is None:
            continue
        for s in set(q.services):
            services[s][0] += bool(correct)
            services[s][1] += 1
        domains[q.domain][0] += bool(correct)
        domains[q.domain][1] += 1
    return ({k: AreaAccuracy(*v) for k, v in services.items()}, {k: AreaAccuracy(*v) for k, v in domains.items()})


def weak_spot_draw(
    bank: Iterable[ExamQuestion],
    history: Iterable[tuple[str, bool]],
    count: int,
    seed: int,
    domains=None,
    services=None,
    imported: bool = True,
) -> list[ExamQuestion]:
    """Draw ``count`` questions aimed at the learner's weak spots.

    ``history`` is the learner's past outcomes, oldest first, as ``(qid, correct)`` pairs. Each
    service and domain gets a smoothed accuracy (``AreaAccuracy.smoothed``); a question's area
    score is the lowest of its services' and its domain's. Questions are taken in tiers:

    1. questions whose latest outcome was wrong,
    2. then questions never seen,
    3. then the rest;

    inside a tier, weakest area first (then most often wrong, then at random). The result is
    shuffled into exam order. Filters as in ``filter_bank``; reproducible from ``seed``.
    """
    bank = list(bank)
    history = [(str(qid), bool(ok)) for qid, ok in history]
    pool = filter_bank(bank, domains, services, imported)
    by_service, by_domain = accuracy_by_area(bank, history)
    unknown = AreaAccuracy(0, 0)
    latest: dict[str, bool] = {}
    wrong_count: dict[str, int] = defaultdict(int)
    for qid, ok in history:
        latest[qid] = ok
        if not ok:
            wrong_count[qid] += 1
    rng = random.Random(seed)

    def key(q: ExamQuestion) -> tuple[int, float, int, float]:
        tier = 1 if q.id not in latest else 0 if latest[q.id] is False else 2
        area = min(
            [by_service.get(s, unknown).smoothed for s in q.services] + [by_domain.get(q.domain, unknown).smoothed]
        )
        return (tier, round(area, 9), -wrong_count[q.id], rng.random())

    ranked = sorted(pool, key=key)
    chosen = ranked[: max(0, count)]
    rng.shuffle(chosen)
    return chosen


def draw_for(
    bank: Iterable[ExamQuestion], config: ExamConfig, history: Iterable[tuple[str, bool]] = ()
) -> list[ExamQuestion]:
    """The questions of a new attempt for ``config`` (which must have its seed): ``weak_spot_draw``
    over ``history`` in weak mode, else ``draw``; only questions with one of ``config.tasks``
    when it names task statements."""
    seed = config.seed
    if seed is None:
        raise ExamError("draw_for needs a seeded config (config.with_seed())")
    bank = list(bank)
    if config.tasks is not None:
        wanted = set(config.tasks)
        bank = [q for q in bank if wanted.intersection(q.tasks)]
    if config.mode == "weak":
        return weak_spot_draw(bank, history, config.count, seed, config.domains, config.services, config.imported)
    return draw(bank, config.count, seed, config.domains, config.services, config.imported)
