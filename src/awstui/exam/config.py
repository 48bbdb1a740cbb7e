"""What kind of exam to sit: ``ExamConfig`` and the ready-made configurations."""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from awstui.content.models import DOMAINS, UNCLASSIFIED

from ..records import record

MODES = ("full", "custom", "practice", "weak")

FULL_EXAM_QUESTIONS = 65
FULL_EXAM_MINUTES = 130
ALL_DOMAINS: tuple[int, ...] = tuple(sorted(DOMAINS))
MIN_MINUTES = 1  # a timed exam's allowed time, in minutes (None = untimed)
MAX_MINUTES = 600  # ten hours: more is a typo (1e308 was silently untimed)


class ExamError(ValueError):
    """A request the engine cannot honour (bad config, nothing to draw, feedback not allowed…)."""


def normalize_domain(value: Any) -> int | str:
    """``1``/``"1"`` -> ``1``; ``"unclassified"`` (any case) -> ``"unclassified"``; else ExamError."""
    if isinstance(value, bool):
        raise ExamError(f"not a domain: {value!r}")
    if isinstance(value, int) and value in DOMAINS:
        return value
    if isinstance(value, str):
        text = value.strip().lower()
        if text == UNCLASSIFIED:
            return UNCLASSIFIED
        if text.isdigit() and int(text) in DOMAINS:
            return int(text)
    raise ExamError(f"not a domain: {value!r} (expected 1, 2, 3, 4 or {UNCLASSIFIED!r})")


def domain_sort_key(domain: int | str) -> tuple[int, int]:
    """Domains in exam order: 1, 2, 3, 4, then "unclassified"."""
    return (0, domain) if isinstance(domain, int) else (1, 0)


def normalize_domains(domains: Iterable[Any] | None) -> tuple[int | str, ...] | None:
    if domains is None:
        return None
    if isinstance(domains, (str, int)):
        domains = [domains]
    return tuple(sorted({normalize_domain(d) for d in domains}, key=domain_sort_key))


NO_SERVICES = "(none)"  # in a services filter: the questions that tag no service (most imported ones)


def normalize_services(services: Iterable[str] | None) -> tuple[str, ...] | None:
    if services is None:
        return None
    if isinstance(services, str):
        services = [services]
    return tuple(sorted({str(s).strip() for s in services if str(s).strip()}))


def new_seed() -> int:
    """A fresh random seed (recorded in the config, so the attempt can be redrawn exactly)."""
    return random.SystemRandom().randrange(1, 2**53)


@record
class ExamConfig:
    """One exam's settings.

    ``mode``: "full" (the real exam's shape), "custom", "practice" (untimed, instant feedback)
    or "weak" (drawn from the learner's weak spots). ``count``: questions wanted; a started
    session's config holds the real count drawn. ``minutes``: time allowed, ``None`` = untimed.
    ``domains``: ``None`` = every domain, including "unclassified" questions of imported banks;
    otherwise the domains to draw from (1–4 and/or "unclassified"). ``services``: ``None`` = all;
    otherwise a question qualifies when any of its services is listed. ``seed``: ``None`` =
    choose one at start (the session's config then records it). ``imported``: whether questions
    of imported banks (ids "imp-...", written by ``awstui import-bank``) may be drawn; in a Full
    exam only those with a domain (given or inferred) are, each counting toward its domain.
    """

    mode: str = "custom"
    count: int = FULL_EXAM_QUESTIONS
    minutes: float | None = None
    domains: tuple[int | str, ...] | None = None
    services: tuple[str, ...] | None = None
    seed: int | None = None
    imported: bool = True
    tasks: tuple[str, ...] | None = None  # None = all; else questions tagged with any of these

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ExamError(f"unknown exam mode {self.mode!r} (expected one of {', '.join(MODES)})")
        count: object = self.count  # checked at run time: stored or hand-made configs may hold anything
        if isinstance(count, bool) or not isinstance(count, int) or count < 1:
            raise ExamError(f"count must be a whole number of at least 1, not {self.count!r}")
        minutes = self.minutes
        raw_minutes: object = minutes  # likewise checked at run time
        if raw_minutes is not None:
            if isinstance(raw_minutes, bool) or not isinstance(raw_minutes, (int, float)) or not raw_minutes > 0:
                raise ExamError(f"minutes must be a positive number or None, not {minutes!r}")
            if raw_minutes != raw_minutes or raw_minutes == float("inf"):
                raise ExamError(f"minutes must be finite, not {minutes!r}")
            if not MIN_MINUTES <= raw_minutes <= MAX_MINUTES:
                raise ExamError(
                    f"minutes must be from {MIN_MINUTES} to {MAX_MINUTES} (or None: untimed), not {minutes!r}"
                )
        if self.mode == "practice" and minutes is not None:
            raise ExamError("practice mode is untimed: minutes must be None")
        domains = normalize_domains(self.domains)
        if self.mode == "full" and domains is None:
            domains = ALL_DOMAINS  # the real exam's four domains: imported questions are left out
        if domains is not None and not domains:
            raise ExamError("the domains filter is empty: nothing could be drawn")
        services = normalize_services(self.services)
        if services is not None and not services:
            raise ExamError("the services filter is empty: nothing could be drawn")
        if self.seed is not None and (isinstance(self.seed, bool) or not isinstance(self.seed, int)):
            raise ExamError(f"seed must be a whole number or None, not {self.seed!r}")
        if not isinstance(self.imported, bool):
            raise ExamError(f"imported must be True or False, not {self.imported!r}")
        tasks = normalize_services(self.tasks)  # the same shape: a sorted tuple of stripped ids
        if tasks is not None and not tasks:
            raise ExamError("the task statements filter is empty: nothing could be drawn")
        object.__setattr__(self, "tasks", tasks)
        object.__setattr__(self, "minutes", float(minutes) if minutes is not None else None)
        object.__setattr__(self, "domains", domains)
        object.__setattr__(self, "services", services)

    @property
    def timed(self) -> bool:
        return self.minutes is not None

    @property
    def time_allowed_s(self) -> float | None:
        return self.minutes * 60.0 if self.minutes is not None else None

    @property
    def feedback(self) -> bool:
        """Whether answers may be checked one by one during the attempt (practice mode)."""
        return self.mode == "practice"

    def with_seed(self, seed: int | None = None) -> ExamConfig:
        """This config with ``seed`` (or a fresh one when both are ``None``)."""
        if seed is None:
            seed = self.seed if self.seed is not None else new_seed()
        return replace(self, seed=seed)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (for ``store.create_attempt(config=...)``)."""
        return {
            "mode": self.mode,
            "count": self.count,
            "minutes": self.minutes,
            "domains": list(self.domains) if self.domains is not None else None,
            "services": list(self.services) if self.services is not None else None,
            "seed": self.seed,
            "imported": self.imported,
            **({"tasks": list(self.tasks)} if self.tasks is not None else {}),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, mode: str | None = None) -> ExamConfig:
        """Rebuild from ``to_dict()``; unknown keys are ignored, ``mode`` overrides the dict's."""
        return cls(
            mode=mode or data.get("mode", "custom"),
            count=int(data.get("count", FULL_EXAM_QUESTIONS)),
            minutes=data.get("minutes"),
            domains=data.get("domains"),
            services=data.get("services"),
            seed=data.get("seed"),
            imported=data.get("imported", True),  # attempts stored before it drew imported questions too
            tasks=data.get("tasks"),
        )


def full_exam_config(seed: int | None = None, *, imported: bool = True) -> ExamConfig:
    """The real exam's shape: 65 questions in 130 minutes, the four DVA-C02 domains by weight.

    ``imported``: draw from the imported banks' questions that have a domain too (they count
    toward it); ``False`` = the bundled (and hand-written) bank only. See ``full_exam_pool``."""
    return ExamConfig("full", FULL_EXAM_QUESTIONS, FULL_EXAM_MINUTES, ALL_DOMAINS, None, seed, imported)


def custom_config(
    count: int, minutes: float | None, *, domains=None, services=None, seed: int | None = None
) -> ExamConfig:
    """A custom exam: any count, timed or not, optionally filtered by domains and services."""
    return ExamConfig("custom", count, minutes, domains, services, seed)


def practice_config(count: int, *, domains=None, services=None, seed: int | None = None, tasks=None) -> ExamConfig:
    """Untimed practice with instant feedback (``session.check(qid)``); ``tasks``: only questions
    tagged with one of these task statements (a drill of a task statement)."""
    return ExamConfig("practice", count, None, domains, services, seed, tasks=tasks)


def weak_config(
    count: int, minutes: float | None = None, *, domains=None, services=None, seed: int | None = None
) -> ExamConfig:
    """Questions from the learner's weak spots (see ``weak_spot_draw``)."""
    return ExamConfig("weak", count, minutes, domains, services, seed)
