"""What the store hands out: small frozen records, rebuilt from the database on every read."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from ..records import record


class AttemptStatus(StrEnum):
    """What the store keeps of an attempt's course (the exam engine has its own ``ExamStatus``,
    with the same values): ``in_progress`` until ``submitted``, ``expired`` or ``abandoned``."""

    IN_PROGRESS = "in_progress"
    SUBMITTED = "submitted"
    EXPIRED = "expired"
    ABANDONED = "abandoned"


ATTEMPT_STATUSES = tuple(AttemptStatus)
FINISHED_STATUSES = (AttemptStatus.SUBMITTED, AttemptStatus.EXPIRED)


@record
class QuestionState:
    """The learner's state of an open question: answered (ticked) and their answer."""

    answered: bool = False
    answered_at: str | None = None
    answer: str = ""
    answer_updated_at: str | None = None


@record
class ServiceState:
    """The learner's state of a service: reviewed (how often) and their annotation."""

    reviewed: bool = False
    reviewed_at: str | None = None
    review_count: int = 0
    annotation: str = ""
    annotation_updated_at: str | None = None


@record
class LearnerQuestion:
    """An open question the learner added themselves, on one service."""

    id: str
    service: str
    text: str
    created_at: str
    updated_at: str | None = None


@record
class AttemptResult:
    """An attempt as a history list needs it (``Store.attempt_results``, ``Store.attempt_summaries``):
    no questions, answers or option orders. ``result`` as saved, less any keys the reader asked
    to leave out; ``summary`` as the exam layer handed it over (None where it has not yet)."""

    id: int
    mode: str
    status: AttemptStatus
    started_at: str
    finished_at: str | None
    result: dict | None
    summary: dict | None = None


@record
class Attempt:
    """One exam attempt, exactly as saved: enough to resume an in-progress one."""

    id: int
    mode: str
    config: dict
    question_ids: list[str]
    option_orders: dict[str, list[int]]
    answers: dict[str, list[int]]  # qid -> selected ORIGINAL option indices (never empty)
    flags: set[str]
    position: int
    time_used_s: float
    time_allowed_s: float | None
    status: AttemptStatus
    result: dict | None
    started_at: str
    finished_at: str | None
    uid: str = ""  # stable across machines (export / import)
    updated_at: str = ""

    @property
    def in_progress(self) -> bool:
        return self.status == AttemptStatus.IN_PROGRESS

    @property
    def finished(self) -> bool:
        return self.status in FINISHED_STATUSES

    @property
    def time_left_s(self) -> float | None:
        if self.time_allowed_s is None:
            return None
        return max(0.0, self.time_allowed_s - self.time_used_s)


@dataclass
class MergeReport:
    """What ``import_state`` did, per kind of item: added, updated (incoming was newer), kept
    (ours was newer or the same)."""

    added: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    kept: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # what else the import did or could not do

    def count(self, bucket: str, kind: str) -> None:
        table = getattr(self, bucket)
        table[kind] = table.get(kind, 0) + 1

    @property
    def changed(self) -> int:
        return sum(self.added.values()) + sum(self.updated.values())

    def summary(self) -> str:
        kinds = sorted(set(self.added) | set(self.updated) | set(self.kept))
        if not kinds:
            return "nothing to import"
        parts = []
        for kind in kinds:
            parts.append(
                f"{kind}: {self.added.get(kind, 0)} added, {self.updated.get(kind, 0)} updated, "
                f"{self.kept.get(kind, 0)} kept"
            )
        return "; ".join([*parts, *self.notes])

    def as_dict(self) -> dict:
        return {"added": dict(self.added), "updated": dict(self.updated), "kept": dict(self.kept)}
