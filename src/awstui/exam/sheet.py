"""The answer sheet of an attempt: its questions in order, their option orders, answers, flags
and the position, with the lookups and the navigation over them (no clock, no status)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from awstui.content.models import OPTION_KEYS, ExamQuestion

from .changes import AnswerChange, FlagChange
from .config import ExamError
from .record import fit_answers, fit_orders


class AnswerSheet:
    """Questions, option orders, answers (original indices), flags and the position.

    Answering and flagging return the change for the store; the subclass (``ExamSession``)
    says whether changes are accepted (``accepting``) and stamps them (``time_used``).

    Saved orders and answers that no longer fit are refitted (see ``record.fit_orders`` and
    ``fit_answers``) and their ids listed in ``changed_ids``."""

    def __init__(
        self,
        questions: Sequence[ExamQuestion],
        option_orders: Mapping[str, Sequence[int]],
        seed: int | None,
        answers: Mapping[str, Iterable[int]] | None = None,
        flags: Iterable[str] = (),
        position: int = 0,
    ) -> None:
        self.questions: tuple[ExamQuestion, ...] = tuple(questions)
        self._index_of = {q.id: i for i, q in enumerate(self.questions)}
        if len(self._index_of) != len(self.questions):
            raise ExamError("a session cannot hold the same question twice")
        self._orders, changed = fit_orders(self.questions, option_orders, seed)
        by_id = {q.id: q for q in self.questions}
        self._answers: dict[str, frozenset[int]] = fit_answers(answers or {}, by_id, changed)
        self._flags: set[str] = {qid for qid in flags if qid in self._index_of}
        self.changed_ids: tuple[str, ...] = tuple(changed)
        self._position = max(0, min(int(position), len(self.questions) - 1)) if self.questions else 0

    def __len__(self) -> int:
        return len(self.questions)

    @property
    def position(self) -> int:
        return self._position

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

    # ---------------------------------------------------------------- navigation

    def _moved(self) -> None:
        """Called when the position changes (the session marks it for the next save)."""

    def goto(self, index: int) -> int:
        """Move to ``index`` (clamped to the questions); returns the new position."""
        if self.questions:
            new = max(0, min(int(index), len(self.questions) - 1))
            if new != self._position:
                self._moved()
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

    def accepting(self, now: float | None = None) -> bool:
        """Whether answers and flags may change (always, for a bare sheet)."""
        return True

    def time_used(self, now: float | None = None) -> float:
        """The time stamped on each change (none, for a bare sheet)."""
        return 0.0

    # ---------------------------------------------------------------- answering

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
