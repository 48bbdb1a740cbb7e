"""One attempt at an exam: answers, flags, navigation, the clock, submission and the saved record."""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from awstui.content.models import OPTION_KEYS, ExamQuestion

from .clock import Clock, default_clock
from .config import ExamConfig, ExamError
from .draw import draw, option_order, option_orders, weak_spot_draw
from .scoring import Result, judge, score_answers

IN_PROGRESS = "in_progress"
SUBMITTED = "submitted"
EXPIRED = "expired"
FINISHED_STATUSES = (SUBMITTED, EXPIRED)

SAVE_INTERVAL_S = 5.0
WARNING_MINUTES = (10, 5, 1)


# ------------------------------------------------------------------------------ values


@dataclass(frozen=True)
class OptionView:
    key: str  # "a".. in display order
    text: str
    display_index: int
    original_index: int
    selected: bool


@dataclass(frozen=True)
class Feedback:
    """Whether an answer is right and what the right options are (practice mode, or review)."""

    qid: str
    correct: bool
    kind: str  # "correct" | "partial" | "wrong" | "unanswered"
    right_display: tuple[int, ...]
    right_keys: tuple[str, ...]
    right_original: tuple[int, ...]
    selected_display: tuple[int, ...]
    explanation: str
    references: tuple[str, ...]


@dataclass(frozen=True)
class QuestionView:
    """Everything the UI needs to show one question of the session."""

    index: int  # 0-based position in the session
    number: int  # 1-based, for "Question 3 of 65"
    total: int
    qid: str
    stem: str
    options: tuple[OptionView, ...]  # display order, keys a, b, c, …
    choose: int  # how many options the answer has ("Choose N")
    is_multi: bool
    selected: tuple[int, ...]  # display indices, ascending
    selected_keys: tuple[str, ...]
    flagged: bool
    domain: int | str
    services: tuple[str, ...]
    feedback: Feedback | None = None  # only when the session allows it (see ExamSession.can_check)

    @property
    def answered(self) -> bool:
        return bool(self.selected)

    @property
    def complete(self) -> bool:
        """As many options selected as the question asks for."""
        return len(self.selected) == self.choose

    @property
    def status(self) -> str:
        """ "flagged" (whether answered or not), "answered" or "unanswered"."""
        if self.flagged:
            return "flagged"
        return "answered" if self.selected else "unanswered"

    @property
    def keys(self) -> str:
        """The option keys this question accepts, e.g. "abcd"."""
        return "".join(o.key for o in self.options)


@dataclass(frozen=True)
class AnswerChange:
    """An accepted answer: ``store.record_exam_answer(id, qid, selected, time_used_s)``.

    ``selected`` holds original option indices (empty = cleared)."""

    qid: str
    selected: list[int]
    time_used_s: float


@dataclass(frozen=True)
class FlagChange:
    """An accepted flag change: ``store.set_flag(id, qid, flagged, time_used_s)``."""

    qid: str
    flagged: bool
    time_used_s: float


@dataclass(frozen=True)
class Progress:
    """For ``store.save_progress(id, time_used_s, position)``; ``position`` indexes the record's
    ``question_ids`` (which still list questions missing from the bank)."""

    time_used_s: float
    position: int


@dataclass(frozen=True)
class Finished:
    """The attempt ended, exactly once: ``store.finish_attempt(id, status, result.to_dict(),
    time_used_s)``. ``status`` is "submitted" (the learner) or "expired" (the clock)."""

    status: str
    result: Result
    time_used_s: float


@dataclass(frozen=True)
class ExamRecord:
    """A session as the store keeps it (``Attempt``'s fields, JSON-ready)."""

    mode: str
    config: dict[str, Any]
    question_ids: list[str]
    option_orders: dict[str, list[int]]
    answers: dict[str, list[int]]  # original option indices
    flags: set[str]
    position: int
    time_used_s: float
    time_allowed_s: float | None
    status: str
    result: dict[str, Any] | None = None

    def create_kwargs(self) -> dict[str, Any]:
        """The arguments of ``store.create_attempt(**record.create_kwargs())``."""
        return {
            "mode": self.mode,
            "config": self.config,
            "question_ids": list(self.question_ids),
            "option_orders": {k: list(v) for k, v in self.option_orders.items()},
            "time_allowed_s": self.time_allowed_s,
        }

    def fields(self) -> dict[str, Any]:
        """Every field, as keywords for ``ExamSession.from_attempt_fields``."""
        return {
            "mode": self.mode,
            "config": self.config,
            "question_ids": self.question_ids,
            "option_orders": self.option_orders,
            "answers": self.answers,
            "flags": self.flags,
            "position": self.position,
            "time_used_s": self.time_used_s,
            "time_allowed_s": self.time_allowed_s,
            "status": self.status,
            "result": self.result,
        }


# ----------------------------------------------------------------------------- helpers


def _is_permutation(order: Any, n: int) -> bool:
    try:
        return sorted(int(i) for i in order) == list(range(n))
    except (TypeError, ValueError):
        return False


def _finite(value: Any, default: float = 0.0) -> float:
    try:
        f = float(value)
    except (TypeError, ValueError):
        return default
    return f if math.isfinite(f) else default


def _by_id(questions: Mapping[str, ExamQuestion] | Iterable[ExamQuestion]) -> Mapping[str, ExamQuestion]:
    if isinstance(questions, Mapping):
        return questions
    return {q.id: q for q in questions}


# ----------------------------------------------------------------------------- session


class ExamSession:
    """One attempt. Build with ``ExamSession.start`` (a new attempt) or ``from_attempt_fields``
    / ``from_record`` / ``from_attempt`` (a saved one); see the package docstring."""

    def __init__(
        self,
        config: ExamConfig,
        questions: Sequence[ExamQuestion],
        option_orders: Mapping[str, Sequence[int]],
        *,
        clock: Clock = default_clock,
        time_allowed_s: float | str | None = "config",
        answers: Mapping[str, Iterable[int]] | None = None,
        flags: Iterable[str] = (),
        position: int = 0,
        time_used_s: float = 0.0,
        status: str = IN_PROGRESS,
        result: Result | None = None,
        running: bool = False,
        now: float | None = None,
        missing_ids: Sequence[str] = (),
        record_ids: Sequence[str] | None = None,
        carried: dict[str, Any] | None = None,
    ) -> None:
        self._clock = clock
        self.config = config
        self.questions: tuple[ExamQuestion, ...] = tuple(questions)
        self._index_of = {q.id: i for i, q in enumerate(self.questions)}
        if len(self._index_of) != len(self.questions):
            raise ExamError("a session cannot hold the same question twice")
        if time_allowed_s == "config":
            time_allowed_s = config.time_allowed_s
        allowed = None if time_allowed_s is None else _finite(time_allowed_s, 0.0)
        self.time_allowed_s: float | None = allowed if allowed is None or allowed > 0 else None
        self.missing_ids: tuple[str, ...] = tuple(missing_ids)
        changed: list[str] = []

        self._orders: dict[str, tuple[int, ...]] = {}
        for q in self.questions:
            order = option_orders.get(q.id)
            if order is None or not _is_permutation(order, len(q.options)):
                changed.append(q.id)
                order = option_order(q, config.seed) if config.seed is not None else range(len(q.options))
            self._orders[q.id] = tuple(int(i) for i in order)

        self._answers: dict[str, frozenset[int]] = {}
        for qid, selected in (answers or {}).items():
            q = self.question_by_id(qid)
            if q is None:
                continue
            try:
                chosen = frozenset(int(i) for i in selected)
            except (TypeError, ValueError):
                chosen = frozenset({-1})
            if not chosen:
                continue
            if not all(0 <= i < len(q.options) for i in chosen) or (len(chosen) > 1 and not q.is_multi):
                if qid not in changed:
                    changed.append(qid)
                continue
            self._answers[qid] = chosen
        self._flags: set[str] = {qid for qid in flags if qid in self._index_of}
        self.changed_ids: tuple[str, ...] = tuple(changed)

        # the record's own list (with questions missing from the bank), carried through verbatim
        own_ids = [q.id for q in self.questions]
        self._record_ids: list[str] = list(record_ids) if record_ids is not None else own_ids
        self._record_pos = {qid: i for i, qid in reversed(list(enumerate(self._record_ids)))}
        self._carried = carried or {"option_orders": {}, "answers": {}, "flags": set()}

        self._position = max(0, min(int(position), len(self.questions) - 1)) if self.questions else 0
        used = max(0.0, _finite(time_used_s))
        if self.time_allowed_s is not None:
            used = min(used, self.time_allowed_s)
        self._used = used
        self._resumed_at: float | None = None
        self._status = status if status in FINISHED_STATUSES else IN_PROGRESS
        self._result = result
        if self.finished and self._result is None:
            self._result = score_answers(self.questions, self.answers, self._flags, self._used)
        start = self._now(now)
        self._last_saved = start
        self._dirty = False
        if running and not self.finished:
            self._resumed_at = start
        remaining = self.remaining(start)
        self._announced: set[int] = (
            {m for m in WARNING_MINUTES if remaining <= m * 60} if remaining is not None else set()
        )

    # ---------------------------------------------------------------- building

    @classmethod
    def start(
        cls,
        bank: Iterable[ExamQuestion],
        config: ExamConfig,
        *,
        history: Iterable[tuple[str, bool]] = (),
        clock: Clock = default_clock,
        now: float | None = None,
        running: bool = True,
    ) -> ExamSession:
        """Draw a new attempt for ``config`` (weak mode reads ``history``) and start its clock.

        The session's config records the seed used and the number of questions really drawn.
        Raises ``ExamError`` when nothing matches the filters.
        """
        config = config.with_seed()
        bank = list(bank)
        if config.mode == "weak":
            drawn = weak_spot_draw(bank, history, config.count, config.seed, config.domains, config.services)
        else:
            drawn = draw(bank, config.count, config.seed, config.domains, config.services)
        if not drawn:
            raise ExamError("no exam questions match this exam's domains and services")
        config = replace(config, count=len(drawn))
        return cls(config, drawn, option_orders(drawn, config.seed), clock=clock, running=running, now=now)

    @classmethod
    def from_attempt_fields(
        cls,
        questions_by_id: Mapping[str, ExamQuestion] | Iterable[ExamQuestion],
        *,
        mode: str,
        config: Mapping[str, Any] | ExamConfig,
        question_ids: Sequence[str],
        option_orders: Mapping[str, Sequence[int]],
        answers: Mapping[str, Iterable[int]] | None = None,
        flags: Iterable[str] = (),
        position: int = 0,
        time_used_s: float = 0.0,
        time_allowed_s: float | None = None,
        status: str = IN_PROGRESS,
        result: Mapping[str, Any] | Result | None = None,
        clock: Clock = default_clock,
        now: float | None = None,
        running: bool = False,
    ) -> ExamSession:
        """Rebuild a saved attempt exactly (paused unless ``running``; call ``resume()``).

        Question ids no longer in the bank are skipped and listed in ``missing_ids`` (their
        saved data is carried through ``to_record`` untouched); a question whose options no
        longer fit its saved order gets a fresh order and is listed in ``changed_ids``. A status
        other than "submitted"/"expired" means in progress. Never raises for stale data.
        """
        by_id = _by_id(questions_by_id)
        record_ids = [str(q) for q in question_ids]
        kept: list[ExamQuestion] = []
        missing: list[str] = []
        seen: set[str] = set()
        kept_record_pos: list[int] = []
        for i, qid in enumerate(record_ids):
            if qid in seen:
                continue
            seen.add(qid)
            q = by_id.get(qid)
            if q is None or q.id != qid:
                missing.append(qid)
            else:
                kept.append(q)
                kept_record_pos.append(i)
        answers = dict(answers or {})
        flags = set(flags or ())
        carried = {
            "option_orders": {k: list(v) for k, v in option_orders.items() if k in missing},
            "answers": {k: list(v) for k, v in answers.items() if k in missing},
            "flags": {k for k in flags if k in missing},
        }
        pos = int(_finite(position, 0.0))
        kept_pos = min(bisect.bisect_left(kept_record_pos, pos), max(0, len(kept) - 1))
        cfg = config if isinstance(config, ExamConfig) else cls._config_from(config, mode, len(kept), time_allowed_s)
        res: Result | None
        if isinstance(result, Result) or result is None:
            res = result
        else:
            try:
                res = Result.from_dict(dict(result))
            except (KeyError, TypeError, ValueError, IndexError):
                res = None
        return cls(
            cfg,
            kept,
            dict(option_orders),
            clock=clock,
            time_allowed_s=time_allowed_s,
            answers=answers,
            flags=flags,
            position=kept_pos,
            time_used_s=time_used_s,
            status=status,
            result=res,
            running=running,
            now=now,
            missing_ids=missing,
            record_ids=record_ids,
            carried=carried,
        )

    @staticmethod
    def _config_from(data: Mapping[str, Any], mode: str, count: int, time_allowed_s) -> ExamConfig:
        try:
            return ExamConfig.from_dict(dict(data), mode=mode)
        except (ExamError, TypeError, ValueError):
            minutes = _finite(time_allowed_s) / 60 if time_allowed_s else None
            safe_mode = mode if mode in ("full", "custom", "weak") else "custom"
            if mode == "practice" and minutes is None:
                safe_mode = "practice"
            seed = data.get("seed") if isinstance(data, Mapping) else None
            seed = seed if isinstance(seed, int) and not isinstance(seed, bool) else None
            return ExamConfig(safe_mode, max(1, count), minutes or None, None, None, seed)

    @classmethod
    def from_record(
        cls,
        record: ExamRecord,
        questions_by_id,
        *,
        clock: Clock = default_clock,
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
        clock: Clock = default_clock,
        now: float | None = None,
        running: bool = False,
    ) -> ExamSession:
        """From the store's ``Attempt`` (any object with the record's field names)."""
        names = (
            "mode",
            "config",
            "question_ids",
            "option_orders",
            "answers",
            "flags",
            "position",
            "time_used_s",
            "time_allowed_s",
            "status",
            "result",
        )
        fields = {n: getattr(attempt, n) for n in names if hasattr(attempt, n)}
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

    def __len__(self) -> int:
        return len(self.questions)

    @property
    def mode(self) -> str:
        return self.config.mode

    @property
    def seed(self) -> int | None:
        return self.config.seed

    @property
    def position(self) -> int:
        return self._position

    @property
    def status(self) -> str:
        """ "in_progress", "submitted" or "expired"."""
        return self._status

    @property
    def finished(self) -> bool:
        return self._status in FINISHED_STATUSES

    @property
    def result(self) -> Result | None:
        """The result, once finished."""
        return self._result

    @property
    def answers(self) -> dict[str, list[int]]:
        """Answered questions: qid -> original option indices, ascending."""
        return {qid: sorted(sel) for qid, sel in self._answers.items()}

    @property
    def flags(self) -> set[str]:
        return set(self._flags)

    def question_by_id(self, qid: str) -> ExamQuestion | None:
        i = self._index_of.get(qid)
        return self.questions[i] if i is not None else None

    def question(self, at: int | None = None) -> ExamQuestion:
        return self.questions[self._index(at)]

    def option_order(self, qid: str) -> tuple[int, ...]:
        """``order[display_index] = original_index`` for this attempt."""
        return self._orders[qid]

    def _index(self, at: int | str | None) -> int:
        if not self.questions:
            raise ExamError("this session has no questions")
        if at is None:
            return self._position
        if isinstance(at, str):
            if at not in self._index_of:
                raise ExamError(f"question {at!r} is not in this session")
            return self._index_of[at]
        if not 0 <= at < len(self.questions):
            raise ExamError(f"no question at position {at}")
        return at

    def _display_index(self, q: ExamQuestion, option: int | str) -> int:
        if isinstance(option, str):
            key = option.strip().lower()
            if len(key) != 1 or key not in OPTION_KEYS[: len(q.options)]:
                raise ExamError(f"{option!r} is not an option of this question")
            return OPTION_KEYS.index(key)
        if isinstance(option, bool) or not 0 <= option < len(q.options):
            raise ExamError(f"{option!r} is not an option of this question")
        return int(option)

    def selected_display(self, at: int | str | None = None) -> tuple[int, ...]:
        q = self.questions[self._index(at)]
        chosen = self._answers.get(q.id, frozenset())
        return tuple(d for d, orig in enumerate(self._orders[q.id]) if orig in chosen)

    def is_answered(self, at: int | str | None = None) -> bool:
        return self.questions[self._index(at)].id in self._answers

    def is_flagged(self, at: int | str | None = None) -> bool:
        return self.questions[self._index(at)].id in self._flags

    def status_of(self, at: int | str | None = None) -> str:
        """ "flagged", "answered" or "unanswered" (flagged wins, as on the exam's review screen)."""
        qid = self.questions[self._index(at)].id
        if qid in self._flags:
            return "flagged"
        return "answered" if qid in self._answers else "unanswered"

    def statuses(self) -> list[str]:
        return [self.status_of(i) for i in range(len(self.questions))]

    @property
    def answered_count(self) -> int:
        return len(self._answers)

    @property
    def unanswered_count(self) -> int:
        return len(self.questions) - len(self._answers)

    @property
    def flagged_count(self) -> int:
        return len(self._flags)

    def view(self, at: int | str | None = None) -> QuestionView:
        """What the UI shows for one question (the current one by default)."""
        i = self._index(at)
        q = self.questions[i]
        order = self._orders[q.id]
        chosen = self._answers.get(q.id, frozenset())
        options = tuple(
            OptionView(OPTION_KEYS[d], q.options[orig], d, orig, orig in chosen) for d, orig in enumerate(order)
        )
        selected = tuple(o.display_index for o in options if o.selected)
        return QuestionView(
            index=i,
            number=i + 1,
            total=len(self.questions),
            qid=q.id,
            stem=q.stem,
            options=options,
            choose=q.choose,
            is_multi=q.is_multi,
            selected=selected,
            selected_keys=tuple(OPTION_KEYS[d] for d in selected),
            flagged=q.id in self._flags,
            domain=q.domain,
            services=tuple(q.services),
            feedback=self.check(q.id) if self.can_check(q.id) else None,
        )

    @property
    def current(self) -> QuestionView:
        return self.view()

    def views(self) -> list[QuestionView]:
        return [self.view(i) for i in range(len(self.questions))]

    # ---------------------------------------------------------------- navigation

    def goto(self, index: int) -> int:
        """Move to ``index`` (clamped to the questions); returns the new position."""
        if self.questions:
            new = max(0, min(int(index), len(self.questions) - 1))
            if new != self._position:
                self._dirty = True
            self._position = new
        return self._position

    def next(self) -> int:
        return self.goto(self._position + 1)

    def prev(self) -> int:
        return self.goto(self._position - 1)

    def find(self, status: str, *, start: int | None = None, forward: bool = True, wrap: bool = True) -> int | None:
        """The next position after ``start`` (default: the current one) whose ``status_of`` is
        ``status``, or for "unanswered"/"answered"/"flagged" whether or not flagged; ``None``
        if there is none."""
        n = len(self.questions)
        if not n:
            return None
        here = self._position if start is None else start
        step = 1 if forward else -1
        for k in range(1, n + 1 if wrap else n):
            i = here + step * k
            if wrap:
                i %= n
            elif not 0 <= i < n:
                break
            qid = self.questions[i].id
            match = {
                "flagged": qid in self._flags,
                "answered": qid in self._answers,
                "unanswered": qid not in self._answers,
            }.get(status, False)
            if match:
                return i
        return None

    # ---------------------------------------------------------------- answering

    def accepting(self, now: float | None = None) -> bool:
        """Whether answers and flags may change: in progress and time not run out."""
        return not self.finished and not self.time_up(now)

    def choose(
        self, option: int | str, *, at: int | str | None = None, now: float | None = None
    ) -> AnswerChange | None:
        """The learner picks ``option`` (display index or key "a".."j"): a single-answer question
        now has exactly it, a multiple-response one toggles it. ``None`` when not accepting."""
        i = self._index(at)
        q = self.questions[i]
        d = self._display_index(q, option)
        if not self.accepting(now):
            return None
        current = set(self.selected_display(i))
        if q.is_multi:
            current ^= {d}
        else:
            current = {d}
        return self._set(i, current, now)

    def answer(
        self, selected: Iterable[int | str], *, at: int | str | None = None, now: float | None = None
    ) -> AnswerChange | None:
        """Set the selection to exactly ``selected`` (display indices or keys). Any number of
        options is accepted for multiple response (scored wrong unless it is the right set); a
        single-answer question takes at most one. ``None`` when not accepting."""
        i = self._index(at)
        q = self.questions[i]
        chosen = {self._display_index(q, s) for s in selected}
        if len(chosen) > 1 and not q.is_multi:
            raise ExamError("this question takes one answer")
        if not self.accepting(now):
            return None
        return self._set(i, chosen, now)

    def clear(self, *, at: int | str | None = None, now: float | None = None) -> AnswerChange | None:
        """Unanswer a question. ``None`` when not accepting."""
        i = self._index(at)
        if not self.accepting(now):
            return None
        return self._set(i, set(), now)

    def _set(self, i: int, display: set[int], now: float | None) -> AnswerChange:
        q = self.questions[i]
        order = self._orders[q.id]
        original = frozenset(order[d] for d in display)
        if original:
            self._answers[q.id] = original
        else:
            self._answers.pop(q.id, None)
        return AnswerChange(q.id, sorted(original), self.time_used(now))

    def flag(self, *, at: int | str | None = None, now: float | None = None) -> FlagChange | None:
        return self._flag(at, True, now)

    def unflag(self, *, at: int | str | None = None, now: float | None = None) -> FlagChange | None:
        return self._flag(at, False, now)

    def toggle_flag(self, *, at: int | str | None = None, now: float | None = None) -> FlagChange | None:
        i = self._index(at)
        return self._flag(i, self.questions[i].id not in self._flags, now)

    def _flag(self, at: int | str | None, flagged: bool, now: float | None) -> FlagChange | None:
        i = self._index(at)
        if not self.accepting(now):
            return None
        qid = self.questions[i].id
        if flagged:
            self._flags.add(qid)
        else:
            self._flags.discard(qid)
        return FlagChange(qid, flagged, self.time_used(now))

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
        order = self._orders[q.id]
        right = q.correct_indices
        chosen = self._answers.get(q.id, frozenset())
        kind = judge(q, chosen)
        right_display = tuple(d for d, orig in enumerate(order) if orig in right)
        return Feedback(
            qid=q.id,
            correct=kind == "correct",
            kind=kind,
            right_display=right_display,
            right_keys=tuple(OPTION_KEYS[d] for d in right_display),
            right_original=tuple(sorted(right)),
            selected_display=tuple(d for d, orig in enumerate(order) if orig in chosen),
            explanation=q.explanation,
            references=tuple(q.references),
        )

    # ---------------------------------------------------------------- time

    def _now(self, now: float | None) -> float:
        return float(self._clock()) if now is None else float(now)

    @property
    def timed(self) -> bool:
        return self.time_allowed_s is not None

    @property
    def running(self) -> bool:
        return self._resumed_at is not None

    def time_used(self, now: float | None = None) -> float:
        """Seconds used: the time saved so far plus, while running, ``now - resumed_at``.
        Never negative, never above the time allowed."""
        used = self._used
        if self._resumed_at is not None:
            used += max(0.0, self._now(now) - self._resumed_at)
        if self.time_allowed_s is not None:
            used = min(used, self.time_allowed_s)
        return max(0.0, used)

    def remaining(self, now: float | None = None) -> float | None:
        """Seconds left (never negative), or ``None`` when untimed."""
        if self.time_allowed_s is None:
            return None
        return max(0.0, self.time_allowed_s - self.time_used(now))

    def time_up(self, now: float | None = None) -> bool:
        remaining = self.remaining(now)
        return remaining is not None and remaining <= 0.0

    def pause(self, now: float | None = None) -> float:
        """Stop the clock (the exam screen is hidden or the app closes); returns time used."""
        if self._resumed_at is not None:
            self._used = self.time_used(now)
            self._resumed_at = None
            self._dirty = True
        return self._used

    def resume(self, now: float | None = None) -> None:
        """Start the clock again (the exam screen is shown). No effect once finished."""
        if self._resumed_at is None and not self.finished:
            self._resumed_at = self._now(now)

    def tick(self, now: float | None = None) -> Finished | None:
        """Call on every timer tick: when the time has run out, the attempt ends as "expired"
        with the answers so far, and the ``Finished`` event is returned, once; else ``None``."""
        if self.finished or not self.time_up(now):
            return None
        return self._finish(EXPIRED, now)

    def submit(self, now: float | None = None) -> Finished | None:
        """The learner ends the attempt ("submitted"; "expired" if the time had already run
        out). ``None`` if it has already ended."""
        if self.finished:
            return None
        return self._finish(EXPIRED if self.time_up(now) else SUBMITTED, now)

    def _finish(self, status: str, now: float | None) -> Finished:
        used = self.time_used(now)
        self._used = used
        self._resumed_at = None
        self._status = status
        self._result = score_answers(self.questions, self.answers, self._flags, used)
        return Finished(status, self._result, used)

    def warning_level(self, now: float | None = None) -> str | None:
        """None, "10min", "5min" or "1min": the tightest threshold the time left is within."""
        remaining = self.remaining(now)
        if remaining is None or self.finished:
            return None
        for minutes in sorted(WARNING_MINUTES):
            if remaining <= minutes * 60:
                return f"{minutes}min"
        return None

    def crossed_thresholds(self, now: float | None = None) -> list[int]:
        """The warning thresholds (10, 5, 1 minutes) crossed since the last call, largest first;
        each is returned once per session. Thresholds already behind when the session was built
        (a short exam, or a reload) are not announced."""
        remaining = self.remaining(now)
        if remaining is None or self.finished:
            return []
        crossed = [m for m in WARNING_MINUTES if m not in self._announced and remaining <= m * 60]
        self._announced.update(crossed)
        return crossed

    # ---------------------------------------------------------------- saving

    def progress(self, now: float | None = None) -> Progress:
        """For ``store.save_progress``: time used and the position in the record's list."""
        if not self.questions:
            return Progress(self.time_used(now), 0)
        qid = self.questions[self._position].id
        return Progress(self.time_used(now), self._record_pos.get(qid, self._position))

    def needs_save(self, now: float | None = None) -> bool:
        """True when in progress, something may have changed (clock running, or a move or pause
        since the last save) and at least ``SAVE_INTERVAL_S`` (5 s) passed since ``mark_saved``."""
        if self.finished or not (self.running or self._dirty):
            return False
        return self._now(now) - self._last_saved >= SAVE_INTERVAL_S

    def mark_saved(self, now: float | None = None) -> None:
        self._last_saved = self._now(now)
        self._dirty = False

    def __repr__(self) -> str:
        return (
            f"<ExamSession {self.config.mode} {len(self.questions)} questions, {self._status}, "
            f"position {self._position}, used {self.time_used():.1f}s>"
        )
