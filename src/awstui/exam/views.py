"""The value types the UI reads: one question as shown (``QuestionView``), its options and feedback."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from awstui.content.models import OPTION_KEYS, ExamQuestion

from ..records import record
from .scoring import judge


@record
class OptionView:
    """One option of a question as the UI shows it: its key and place on screen, and the original one."""

    key: str  # "a".. in display order
    text: str
    display_index: int
    original_index: int
    selected: bool


@record
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


@record
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


def build_feedback(q: ExamQuestion, order: Sequence[int], chosen: Collection[int]) -> Feedback:
    """Whether ``chosen`` (original indices) answers ``q`` rightly, with ``order`` the display order."""
    right = q.correct_indices
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


def build_view(
    q: ExamQuestion,
    index: int,
    total: int,
    order: Sequence[int],
    chosen: Collection[int],
    *,
    flagged: bool,
    feedback: Feedback | None,
) -> QuestionView:
    """What the UI shows for question ``q`` at ``index`` of ``total``."""
    options = tuple(
        OptionView(OPTION_KEYS[d], q.options[orig], d, orig, orig in chosen) for d, orig in enumerate(order)
    )
    selected = tuple(o.display_index for o in options if o.selected)
    return QuestionView(
        index=index,
        number=index + 1,
        total=total,
        qid=q.id,
        stem=q.stem,
        options=options,
        choose=q.choose,
        is_multi=q.is_multi,
        selected=selected,
        selected_keys=tuple(OPTION_KEYS[d] for d in selected),
        flagged=flagged,
        domain=q.domain,
        services=tuple(q.services),
        feedback=feedback,
    )
