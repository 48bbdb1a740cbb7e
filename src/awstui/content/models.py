"""The content models: frozen dataclasses, built only by the loader."""

from __future__ import annotations

import re
from dataclasses import field

from ..records import record

# DVA-C02 domains: number -> (name, weight of the scored exam)
DOMAINS: dict[int, tuple[str, float]] = {
    1: ("Development with AWS Services", 0.32),
    2: ("Security", 0.26),
    3: ("Deployment", 0.24),
    4: ("Troubleshooting and Optimization", 0.18),
}
UNCLASSIFIED = "unclassified"

# The 13 task statements of the DVA-C02 exam guide: id -> statement. A task "D.n" is in domain D.
TASKS: dict[str, str] = {
    "1.1": "Develop code for applications hosted on AWS",
    "1.2": "Develop code for AWS Lambda",
    "1.3": "Use data stores in application development",
    "2.1": "Implement authentication and/or authorization for applications and AWS services",
    "2.2": "Implement encryption by using AWS services",
    "2.3": "Manage sensitive data in application code",
    "3.1": "Prepare application artifacts to be deployed to AWS",
    "3.2": "Test applications in development environments",
    "3.3": "Automate deployment testing",
    "3.4": "Deploy code by using AWS CI/CD services",
    "4.1": "Assist in a root cause analysis",
    "4.2": "Instrument code for observability",
    "4.3": "Optimize applications by using AWS services and features",
}

OPTION_KEYS = "abcdefghij"

_CHOOSE_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "2": 2, "3": 3, "4": 4, "5": 5}
CHOOSE_RE = re.compile(
    r"\(\s*(?:choose|select)\s+(two|three|four|five|2|3|4|5)(?:\s+(?:answers?|options?))?\s*\.?\s*\)", re.IGNORECASE
)


def domain_name(domain: int | str) -> str:
    if isinstance(domain, int) and domain in DOMAINS:
        return f"{domain}. {DOMAINS[domain][0]}"
    return "Unclassified"


def task_domain(task: str) -> int:
    """The domain a task statement belongs to ("2.3" -> 2)."""
    return int(task.split(".", 1)[0])


def task_name(task: str) -> str:
    return f"{task} {TASKS[task]}" if task in TASKS else task


def stated_choose_count(stem: str) -> int | None:
    """The N of a "(Choose N.)" marker in a stem, or None when there is none."""
    m = CHOOSE_RE.search(stem)
    return _CHOOSE_WORDS[m.group(1).lower()] if m else None


@record
class Category:
    """A group of services in the Study tree (categories.toml)."""

    id: str
    name: str
    order: int = 1000
    path: str = field(default="", compare=False)
    line: int = field(default=0, compare=False)


@record
class Bullet:
    """One item of a note: a bullet (``kind="bullet"``), paragraph or heading, with children."""

    text: str
    line: int = 0
    children: tuple[Bullet, ...] = ()
    kind: str = "bullet"

    def walk(self, depth: int = 0):
        """Yield ``(depth, bullet)`` for this bullet and every descendant, in reading order."""
        yield depth, self
        for child in self.children:
            yield from child.walk(depth + 1)


@record
class Service:
    """An AWS service: its name, category, docs links and the learner's note bullets."""

    id: str
    name: str
    category: str
    docs: tuple[str, ...]
    notes: tuple[Bullet, ...] = ()
    aliases: tuple[str, ...] = ()
    path: str = field(default="", compare=False)
    line: int = field(default=0, compare=False)

    def bullets(self):
        """Every note item as ``(depth, bullet)`` in reading order."""
        for top in self.notes:
            yield from top.walk()


@record
class OpenQuestion:
    """One of the learner's open questions from the bundled content (questions.toml)."""

    id: str
    services: tuple[str, ...]
    text: str
    path: str = field(default="", compare=False)
    line: int = field(default=0, compare=False)


@record
class ExamQuestion:
    """One exam question of the bank: stem, options, the right keys, explanation and references."""

    id: str
    domain: int | str  # 1..4, or "unclassified"
    services: tuple[str, ...]
    stem: str
    options: tuple[str, ...]
    answer: tuple[str, ...]  # option keys, "a" = first option
    explanation: str = ""
    references: tuple[str, ...] = ()
    path: str = field(default="", compare=False)
    line: int = field(default=0, compare=False)
    tasks: tuple[str, ...] = ()  # exam-guide task statements (TASKS keys), in the file's order

    @property
    def is_multi(self) -> bool:
        return len(self.answer) > 1

    @property
    def correct_indices(self) -> frozenset[int]:
        return frozenset(OPTION_KEYS.index(k) for k in self.answer)

    @property
    def choose(self) -> int:
        return len(self.answer)


@record
class Problem:
    """A problem found in content: where it is and what is wrong."""

    path: str
    line: int
    column: int
    message: str
    key: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}"
        return f"{where}: {self.key}: {self.message}" if self.key else f"{where}: {self.message}"


class ContentError(Exception):
    """Content that cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@record
class Library:
    """Everything there is to study: the merged, validated content of all content dirs."""

    categories: tuple[Category, ...] = ()
    services: tuple[Service, ...] = ()  # in tree order: by category order, then name
    questions: tuple[OpenQuestion, ...] = ()
    exam: tuple[ExamQuestion, ...] = ()
    problems: tuple[Problem, ...] = ()
    _by_id: dict = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_id.update({s.id: s for s in self.services})

    def service(self, service_id: str) -> Service | None:
        return self._by_id.get(service_id)

    def services_in(self, category_id: str) -> list[Service]:
        return [s for s in self.services if s.category == category_id]

    def category(self, category_id: str) -> Category | None:
        return next((c for c in self.categories if c.id == category_id), None)

    def questions_for(self, service_id: str) -> list[OpenQuestion]:
        return [q for q in self.questions if service_id in q.services]

    def exam_for(self, service_id: str) -> list[ExamQuestion]:
        return [q for q in self.exam if service_id in q.services]

    def bullet_count(self) -> int:
        return sum(1 for s in self.services for _, b in s.bullets() if b.kind == "bullet")
