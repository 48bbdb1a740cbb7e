"""One attempt at an exam: answers, flags, navigation and submission; composes the timer and the record."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any, cast

from awstui.content.models import ExamQuestion

from .changes import AnswerChange, Finished, SavePoint
from .clock import MonotonicClock, default_clock
from .config import ExamConfig, ExamError
from .draw import draw_for, option_orders
from .record import ExamRecord, attempt_fields, finite, restore_kwargs
from .reviews import rating_for, reviews_of
from .scoring import Result, score_answers
from .sheet import AnswerSheet
from .status import FINISHED_STATUSES, ExamStatus
from .timer import ExamTimer
from .views import Feedback, QuestionView, build_feedback, build_view


class ExamSession(AnswerSheet):
    """One attempt. Build with ``ExamSession.start`` (a new attempt) or ``from_attempt_fields``
    / ``from_record`` / ``from_attempt`` (a saved one); see the package docstring."""

    def __init__(
        self,
        config: ExamConfig,
        questions: Sequence[ExamQuestion],
        option_orders: Mapping[str, Sequence[int]],
        *,
        clock: MonotonicClock = default_clock,
        time_allowed_s: float | str | None = "config",
        answers: Mapping[str, Iterable[int]] | None = None,
        flags: Iterable[str] = (),
        position: int = 0,
        time_used_s: float = 0.0,
        status: str = ExamStatus.IN_PROGRESS,
        result: Result | None = None,
        running: bool = False,
        now: float | None = None,
        missing_ids: Sequence[str] = (),
        record_ids: Sequence[str] | None = None,
        carried: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(questions, option_orders, config.seed, answers, flags, position)
        self.config = config
        if time_allowed_s == "config":
            time_allowed_s = config.time_allowed_s
        allowed = None if time_allowed_s is None else finite(time_allowed_s, 0.0)
        self.time_allowed_s: float | None = allowed if allowed is None or allowed > 0 else None
        self.missing_ids: tuple[str, ...] = tuple(missing_ids)

        # the record's own list (with questions missing from the bank), carried through verbatim
        own_ids = [q.id for q in self.questions]
        self._record_ids: list[str] = list(record_ids) if record_ids is not None else own_ids
        self._record_pos = {qid: i for i, qid in reversed(list(enumerate(self._record_ids)))}
        self._carried = carried or {"option_orders": {}, "answers": {}, "flags": set()}

        self._status = ExamStatus(status) if status in FINISHED_STATUSES else ExamStatus.IN_PROGRESS
        self._timer = ExamTimer(
            clock, self.time_allowed_s, finite(time_used_s), running=running and not self.finished, now=now
        )
        self._result = result
        if self.finished and self._result is None:
            self._result = score_answers(self.questions, self.answers, self._flags, self._timer.time_used())

    # ---------------------------------------------------------------- building

    @classmethod
    def start(
        cls,
        bank: Iterable[ExamQuestion],
        config: ExamConfig,
        *,
        history: Iterable[tuple[str, bool]] = (),
        clock: MonotonicClock = default_clock,
        now: float | None = None,
        running: bool = True,
    ) -> ExamSession:
        """Draw a new attempt for ``config`` (weak mode reads ``history``) and start its clock.

        The session's config records the seed used and the number of questions really drawn.
        Raises ``ExamError`` when nothing matches the filters.
        """
        config = config.with_seed()
        drawn = draw_for(bank, config, history)
        if not drawn:
            raise ExamError("no exam questions match this exam's domains and services")
        config = replace(config, count=len(drawn))  # with_seed() set config.seed: the cast below holds
        return cls(config, drawn, option_orders(drawn, cast(int, config.seed)), clock=clock, running=running, now=now)

    @classmethod
    def from_attempt_fields(
        cls,
        questions_by_id: Mapping[str, ExamQuestion] | Iterable[ExamQuestion],
        *,
        clock: MonotonicClock = default_clock,
        now: float | None = None,
        running: bool = False,
        **fields: Any,
    ) -> ExamSession:
        """Rebuild a saved attempt exactly (paused unless ``running``; call ``resume()``) from the
        record's fields (``mode``, ``config``, ``question_ids``, ``option_orders``, ``answers``,
        ``flags``, ``position``, ``time_used_s``, ``time_allowed_s``, ``status``, ``result``; see
        ``record.restore_kwargs``).

        Question ids no longer in the bank are skipped and listed in ``missing_ids`` (their
        saved data is carried through ``to_record`` untouched); a question whose options no
        longer fit its saved order gets a fresh order and is listed in ``changed_ids``. A status
        other than "submitted"/"expired" means in progress. Never raises for stale data.
        """
        return cls(clock=clock, running=running, now=now, **restore_kwargs(questions_by_id, **fields))

    @classmethod
    def from_record(
        cls,
        record: ExamRecord,
        questions_by_id,
        *,
        clock: MonotonicClock = default_clock,
        now: float | None = None,
        running: bool = False,
    ) -> ExamSession:
        return cls.from_attempt_fields(questions_by_id, clock=clock, now=now, running=running, **record.fields())

    @classmethod
    def from_attempt(
        cls,
        attempt: Any,
        questions_by_id,
        *,
        clock: MonotonicClock = default_clock,
        now: float | None = None,
        running: bool = False,
    ) -> ExamSession:
        """From the store's ``Attempt`` (any object with the record's field names)."""
        fields = attempt_fields(attempt)
        return cls.from_attempt_fields(questions_by_id, clock=clock, now=now, running=running, **fields)

    def to_record(self, now: float | None = None) -> ExamRecord:
        """The whole session as the store keeps it (time used as of ``now``)."""
        orders = {qid: list(order) for qid, order in self._orders.items()}
        orders.update({k: list(v) for k, v in self._carried["option_orders"].items()})
        answers = self.answers
        answers.update({k: list(v) for k, v in self._carried["answers"].items()})
        return ExamRecord(
            mode=self.config.mode,
            config=self.config.to_dict(),
            question_ids=list(self._record_ids),
            option_orders={k: orders[k] for k in self._record_ids if k in orders},
            answers=answers,
            flags=set(self._flags) | set(self._carried["flags"]),
            position=self.progress(now).position,
            time_used_s=self.time_used(now),
            time_allowed_s=self.time_allowed_s,
            status=self._status,
            result=self._result.to_dict() if self._result is not None else None,
        )

    # ---------------------------------------------------------------- questions

    @property
    def mode(self) -> str:
        return self.config.mode

    @property
    def seed(self) -> int | None:
        return self.config.seed

    @property
    def status(self) -> ExamStatus:
        """``ExamStatus.IN_PROGRESS``, ``SUBMITTED`` or ``EXPIRED``."""
        return self._status

    @property
    def finished(self) -> bool:
        return self._status in FINISHED_STATUSES

    @property
    def result(self) -> Result | None:
        """The result, once finished."""
        return self._result

    def _moved(self) -> None:
        self._timer.touch()

    def view(self, at: int | str | None = None) -> QuestionView:
        """What the UI shows for one question (the current one by default)."""
        i = self._index(at)
        q = self.questions[i]
        return build_view(
            q,
            i,
            len(self.questions),
            self._orders[q.id],
            self._answers.get(q.id, frozenset()),
            flagged=q.id in self._flags,
            feedback=self.check(q.id) if self.can_check(q.id) else None,
        )

    @property
    def current(self) -> QuestionView:
        return self.view()

    def views(self) -> list[QuestionView]:
        return [self.view(i) for i in range(len(self.questions))]

    # ---------------------------------------------------------------- answering (see AnswerSheet)

    def accepting(self, now: float | None = None) -> bool:
        """Whether answers and flags may change: in progress and time not run out."""
        return not self.finished and not self.time_up(now)

    def choose(
        self, option: int | str, *, at: int | str | None = None, now: float | None = None
    ) -> AnswerChange | None:
        """As ``AnswerSheet.choose``; ``None`` too for a practice answer already revealed (locked).
        The change that reveals a practice answer carries its review grade."""
        return None if self.locked(at) else self._revealing(super().choose(option, at=at, now=now), at)

    def answer(
        self, selected: Iterable[int | str], *, at: int | str | None = None, now: float | None = None
    ) -> AnswerChange | None:
        return None if self.locked(at) else self._revealing(super().answer(selected, at=at, now=now), at)

    def _revealing(self, change: AnswerChange | None, at: int | str | None) -> AnswerChange | None:
        if change is None or not self.locked(at):
            return change
        q = self.questions[self._index(at)]
        right = frozenset(change.selected) == q.correct_indices
        return replace(change, review=rating_for(right, guessed=q.id in self._flags))

    def clear(self, *, at: int | str | None = None, now: float | None = None) -> AnswerChange | None:
        return None if self.locked(at) else super().clear(at=at, now=now)

    def locked(self, at: int | str | None = None) -> bool:
        """In practice mode an answer is locked once its feedback was revealed: one option of a
        single-answer question, as many as asked of a multiple-response one. Changing it after
        seeing the right answer would count the right answer as known."""
        if not self.config.feedback or self.finished or not self.questions:
            return False
        q = self.questions[self._index(at)]
        chosen = self._answers.get(q.id, frozenset())
        return bool(chosen) and (not q.is_multi or len(chosen) == q.choose)

    def can_check(self, qid: str | None = None) -> bool:
        """Feedback is allowed for an answered question in practice mode, and for every
        question once the attempt is finished (review)."""
        if not self.questions:
            return False
        i = self._index(qid)
        if self.finished:
            return True
        return self.config.feedback and self.questions[i].id in self._answers

    def check(self, qid: str | None = None) -> Feedback:
        """Is the answer right, and which options are (practice mode after an answer, or after
        the end). Raises ``ExamError`` when not allowed (see ``can_check``)."""
        if not self.can_check(qid):
            raise ExamError("feedback is given in practice mode, after an answer, or after the exam")
        i = self._index(qid)
        q = self.questions[i]
        return build_feedback(q, self._orders[q.id], self._answers.get(q.id, frozenset()))

    # ---------------------------------------------------------------- time (see ExamTimer)

    @property
    def timed(self) -> bool:
        return self._timer.timed

    @property
    def running(self) -> bool:
        return self._timer.running

    def time_used(self, now: float | None = None) -> float:
        """Seconds used: the time saved so far plus, while running, ``now - resumed_at``.
        Never negative, never above the time allowed."""
        return self._timer.time_used(now)

    def remaining(self, now: float | None = None) -> float | None:
        """Seconds left (never negative), or ``None`` when untimed."""
        return self._timer.remaining(now)

    def time_up(self, now: float | None = None) -> bool:
        return self._timer.time_up(now)

    def pause(self, now: float | None = None) -> float:
        """Stop the clock (the exam screen is hidden or the app closes); returns time used."""
        return self._timer.pause(now)

    def resume(self, now: float | None = None) -> None:
        """Start the clock again (the exam screen is shown). No effect once finished."""
        if not self.finished:
            self._timer.resume(now)

    def not_charged(self, since: float, until: float | None = None) -> None:
        """The process was stopped from ``since`` to ``until``: not time used (``ExamTimer``)."""
        if not self.finished:
            self._timer.not_charged(since, until)

    def tick(self, now: float | None = None) -> Finished | None:
        """Call on every timer tick: when the time has run out, the attempt ends as "expired"
        with the answers so far, and the ``Finished`` event is returned, once; else ``None``."""
        if self.finished or not self.time_up(now):
            return None
        return self._finish(ExamStatus.EXPIRED, now)

    def submit(self, now: float | None = None) -> Finished | None:
        """The learner ends the attempt ("submitted"; "expired" if the time had already run
        out). ``None`` if it has already ended."""
        if self.finished:
            return None
        return self._finish(ExamStatus.EXPIRED if self.time_up(now) else ExamStatus.SUBMITTED, now)

    def _finish(self, status: ExamStatus, now: float | None) -> Finished:
        # practice answers already revealed were reviewed then (``_revealing``)
        revealed = [q.id for q in self.questions if self.locked(q.id)]
        used = self._timer.stop(now)
        self._status = status
        self._result = score_answers(self.questions, self.answers, self._flags, used)
        return Finished(status, self._result, used, reviews_of(self._result, skip=revealed))

    def warning_level(self, now: float | None = None) -> str | None:
        """None, "10min", "5min" or "1min": the tightest threshold the time left is within."""
        return None if self.finished else self._timer.warning_level(now)

    def crossed_thresholds(self, now: float | None = None) -> list[int]:
        """The warning thresholds (10, 5, 1 minutes) crossed since the last call, largest first;
        each is returned once per session. Thresholds already behind when the session was built
        (a short exam, or a reload) are not announced."""
        return [] if self.finished else self._timer.crossed_thresholds(now)

    # ---------------------------------------------------------------- saving

    def progress(self, now: float | None = None) -> SavePoint:
        """For ``store.save_progress``: time used and the position in the record's list."""
        if not self.questions:
            return SavePoint(self.time_used(now), 0)
        qid = self.questions[self._position].id
        return SavePoint(self.time_used(now), self._record_pos.get(qid, self._position))

    def needs_save(self, now: float | None = None) -> bool:
        """True when in progress, something may have changed (clock running, or a move or pause
        since the last save) and at least ``SAVE_INTERVAL_S`` (5 s) passed since ``mark_saved``."""
        return not self.finished and self._timer.needs_save(now)

    def mark_saved(self, now: float | None = None) -> None:
        self._timer.mark_saved(now)

    def __repr__(self) -> str:
        return (
            f"<ExamSession {self.config.mode} {len(self.questions)} questions, {self._status}, "
            f"position {self._position}, used {self.time_used():.1f}s>"
        )
