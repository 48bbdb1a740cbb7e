"""The exam bank's figures: coverage (domains, task statements, services), shapes, answer cues
and repeats. `awstui check` prints them; the bundled bank's tests hold them."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import field
from itertools import combinations

from ..records import record
from .models import OPTION_KEYS, TASKS, ExamQuestion

# Two questions whose stems and right answers are both alike (the product of their TF-IDF
# cosines, see `similar_pairs`) at or above this test the same scenario with the same answer.
# Measured on the 136-question bank of v1: the 7 repeats a review found score 0.125-0.50; the
# highest pair that is not a repeat, 0.28 (d1-001/d4-022: one right answer shared of two).
REPEAT_THRESHOLD = 0.12

# The exam guide's in-scope services (appendix) as service ids of the content; retired services
# and those closed to new customers are left out (they are never the subject of a question).
IN_SCOPE_SERVICES = frozenset(
    re.findall(
        r"[a-z0-9-]+",
        """
        athena kinesis firehose opensearch appsync eventbridge sns sqs step-functions ec2 elastic-beanstalk
        lambda sam ecr ecs eks aurora dynamodb elasticache memorydb rds amplify cloudshell codeartifact codebuild
        codedeploy codepipeline xray appconfig cdk aws-cli cloudformation cloudtrail cloudwatch systems-manager
        parameter-store api-gateway cloudfront elb route53 vpc acm private-ca cognito iam kms secrets-manager sts waf
        ebs efs s3
        """,
    )
)
# The services that carry the exam: each the subject of many questions.
CARRYING_SERVICES = frozenset(
    re.findall(
        r"[a-z0-9-]+",
        """
        lambda dynamodb api-gateway s3 iam cognito kms cloudformation sam codedeploy codepipeline codebuild cloudwatch
        xray sqs sns eventbridge step-functions ecs elastic-beanstalk secrets-manager parameter-store elasticache
        kinesis
        """,
    )
)
RETIRED_SERVICES = frozenset({"cloud9", "codestar", "copilot", "codeguru", "data-pipeline", "opsworks", "codecommit"})

_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    re.findall(
        r"\w+",
        "the and for with that this are from its which what when their they must should can will does not has have "
        "each uses use using developer company application team needs requirements meet meets solution",
    )
)


def right_option_longest(q: ExamQuestion) -> bool:
    """Whether every right option is strictly longer than every wrong one (the length cue)."""
    right = q.correct_indices
    wrong = [len(o) for i, o in enumerate(q.options) if i not in right]
    return bool(wrong) and min(len(q.options[i]) for i in right) > max(wrong)


def right_option_shortest(q: ExamQuestion) -> bool:
    """Whether every right option is strictly shorter than every wrong one (the reverse cue)."""
    right = q.correct_indices
    wrong = [len(o) for i, o in enumerate(q.options) if i not in right]
    return bool(wrong) and max(len(q.options[i]) for i in right) < min(wrong)


@record
class BankFigures:
    """What ``awstui check`` says of the exam bank: its size, its spread and its answer cues."""

    total: int
    multi: int
    choose_three: int
    by_domain: dict[int | str, int]
    by_task: dict[str, int]  # every task statement of TASKS, in order, 0 where none
    untagged: int  # questions without tasks
    by_service: dict[str, int]  # most tagged first
    single_longest: int  # single answer: the right option strictly the longest
    multi_longest: int  # multiple response: all right options longer than every distractor
    single_shortest: int  # single answer: the right option strictly the shortest (a cue too)
    positions: dict[str, int]  # single answer: how often the right option is a, b, c, ...
    repeats: tuple[tuple[str, str, float], ...] = field(default=())

    @property
    def single(self) -> int:
        return self.total - self.multi

    @property
    def multi_share(self) -> float:
        return _share(self.multi, self.total)

    @property
    def single_longest_share(self) -> float:
        return _share(self.single_longest, self.single)

    @property
    def single_shortest_share(self) -> float:
        return _share(self.single_shortest, self.single)

    @property
    def multi_longest_share(self) -> float:
        return _share(self.multi_longest, self.multi)


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def bank_figures(questions: Sequence[ExamQuestion], *, repeats: bool = True) -> BankFigures:
    single = [q for q in questions if not q.is_multi]
    multi = [q for q in questions if q.is_multi]
    tasks = Counter(t for q in questions for t in q.tasks)
    return BankFigures(
        total=len(questions),
        multi=len(multi),
        choose_three=sum(1 for q in multi if q.choose == 3),
        by_domain=dict(sorted(Counter(q.domain for q in questions).items(), key=lambda kv: str(kv[0]))),
        by_task={t: tasks.get(t, 0) for t in TASKS},
        untagged=sum(1 for q in questions if not q.tasks),
        by_service=dict(Counter(s for q in questions for s in q.services).most_common()),
        single_longest=sum(map(right_option_longest, single)),
        multi_longest=sum(map(right_option_longest, multi)),
        single_shortest=sum(map(right_option_shortest, single)),
        positions={k: n for k, n in sorted(Counter(q.answer[0] for q in single).items()) if k in OPTION_KEYS},
        repeats=tuple(similar_pairs(questions)) if repeats else (),
    )


def _words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if len(w) > 2 and w not in _STOP]


def _vectors(texts: dict[str, list[str]], df: Counter[str], n: int) -> dict[str, dict[str, float]]:
    out = {}
    for key, words in texts.items():
        v = {w: c * math.log(n / df[w]) for w, c in Counter(words).items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        out[key] = {w: x / norm for w, x in v.items()}
    return out


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(b) < len(a):
        a, b = b, a
    return sum(x * b.get(w, 0.0) for w, x in a.items())


def similar_pairs(
    questions: Iterable[ExamQuestion], threshold: float = REPEAT_THRESHOLD
) -> list[tuple[str, str, float]]:
    """Pairs of questions alike in both stem and right answer: ``(id, id, score)``, highest first.

    The score is cos(stems) × cos(right answers), each a cosine of TF-IDF word vectors over the
    bank (stems and right answers are the documents; short and common words left out), so a pair
    scores high only when the scenario and the answer are both the same."""
    qs = list(questions)
    stems = {q.id: _words(q.stem) for q in qs}
    answers = {q.id: _words(" ".join(q.options[i] for i in sorted(q.correct_indices))) for q in qs}
    df: Counter[str] = Counter()
    for words in (*stems.values(), *answers.values()):
        df.update(set(words))
    n = 2 * len(qs) or 1
    vs, va = _vectors(stems, df, n), _vectors(answers, df, n)
    out = []
    for a, b in combinations(qs, 2):
        s = _cosine(vs[a.id], vs[b.id])
        if s < threshold:  # the answers' cosine is at most 1: the product cannot reach it
            continue
        score = s * _cosine(va[a.id], va[b.id])
        if score >= threshold:
            out.append((a.id, b.id, round(score, 3)))
    return sorted(out, key=lambda t: -t[2])
