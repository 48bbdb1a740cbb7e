"""The question-by-question review of an exam's results: the list, and the highlighted question in full."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...content.models import OPTION_KEYS, domain_name
from ...content.text import for_display
from ..exam_text import INLINE_CODE, exam_text, explanation_sections
from ..keys import VIM_CURSOR


def clip(text: str, width: int) -> str:
    """The first line of ``text``, cut to ``width`` characters with an ellipsis (list rows stay one
    line); inline `code` loses its backticks."""
    first = for_display(INLINE_CODE.sub(r"\1", text.strip().splitlines()[0])) if text.strip() else ""
    return first if len(first) <= width else first[: width - 1].rstrip() + "…"


MARKS = {"correct": ("✓", "green"), "partial": ("½", "yellow"), "wrong": ("✗", "red"), "unanswered": ("–", "red")}


def question_detail(question: Any, outcome: Any, order: list[int] | None, library: Any) -> Text:
    """A finished question: the stem, every option with the learner's pick and the right ones,
    the explanation and the docs links."""
    text = exam_text(question.stem)
    text.append("\n\n")
    order = (
        order if order and sorted(order) == list(range(len(question.options))) else list(range(len(question.options)))
    )
    selected = set(outcome.selected) if outcome else set()
    right = question.correct_indices
    for display, original in enumerate(order):
        key = OPTION_KEYS[display]
        mine = original in selected
        ok = original in right
        mark = "✓" if ok else ("✗" if mine else " ")
        style = "bold green" if ok else ("bold red" if mine else "dim")
        text.append(f" {mark} {key}) ", style=style)
        text.append_text(exam_text(question.options[original], style))
        if mine:
            text.append("   ← your answer", style="italic")
        text.append("\n")
    if outcome is not None and not outcome.answered:
        text.append("\nNot answered (counts as wrong).\n", style="red")
    text.append("\n")
    text.append_text(explanation_sections(question.explanation, question.references))
    text.append("\n")
    names = [library.service(s).name for s in question.services if library.service(s)]
    text.append(f"\n{domain_name(question.domain)}", style="dim")
    if names:
        text.append(f" · {for_display(', '.join(names))} (g opens the note)", style="dim")
    return text


LABEL_PREFIX = 6  # "NNN ✓ " before the stem
DEFAULT_CLIP = 36  # the stem's width before the list has a size


class ReviewList(OptionList):
    """One line a question: its number, mark and stem, the stem cut to the list's width."""

    HELP_NAME = "results review"
    BINDINGS = [
        *VIM_CURSOR,
    ]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._entries: list[tuple[str, int, str, str, str | None]] = []  # qid, number, mark, style, stem
        self._clip = DEFAULT_CLIP

    def clip_width(self) -> int:
        width = self.scrollable_content_region.width - LABEL_PREFIX
        return max(8, width) if self.size.width else DEFAULT_CLIP

    def label(self, index: int) -> Text:
        qid, n, mark, style, stem = self._entries[index]
        text = Text(f"{n:>3} ")
        text.append(mark, style=style)
        text.append(" ")
        if stem is None:
            text.append(f"(question {qid} no longer in the bank)", style="dim italic")
        else:
            text.append(clip(stem, self._clip))
        return text

    def set_entries(self, entries: list[tuple[str, int, str, str, str | None]]) -> None:
        """(qid, number, mark, style, stem or None when gone from the bank) a question, in order."""
        self.clear_options()
        self._clip = self.clip_width()
        self._entries = list(entries)
        self.add_options(Option(self.label(i), id=entry[0]) for i, entry in enumerate(entries))

    def on_resize(self) -> None:
        width = self.clip_width()
        if width != self._clip and self._entries:
            self._clip = width
            for i in range(len(self._entries)):
                self.replace_option_prompt_at_index(i, self.label(i))


class ResultsReview(Horizontal):
    """Every question of a finished attempt; the highlighted one's detail beside the list."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.attempt: Any = None
        self.result: Any = None
        self.library: Any = None
        self.qids: list[str] = []

    def compose(self) -> ComposeResult:
        yield ReviewList(id="review-questions")
        with VerticalScroll(id="review-detail", can_focus=False):
            yield Static(id="review-detail-text")

    def show(self, attempt: Any, result: Any, library: Any) -> None:
        self.attempt, self.result, self.library = attempt, result, library
        outcomes = {o.qid: o for o in result.outcomes}
        qlist = self.query_one(ReviewList)
        by_id = {q.id: q for q in library.exam}
        entries = []
        for n, qid in enumerate(attempt.question_ids, start=1):
            q = by_id.get(qid)
            o = outcomes.get(qid)
            mark, style = MARKS.get(o.kind if o else "unanswered", ("?", "dim"))
            entries.append((qid, n, mark, style, q.stem if q else None))
        qlist.set_entries(entries)
        self.qids = list(attempt.question_ids)
        if self.qids:
            qlist.highlighted = 0
            self._detail(self.qids[0])

    def focus_list(self) -> None:
        self.query_one(ReviewList).focus()  # (ExamView.focus_widget names the same list)

    def current_qid(self) -> str | None:
        qlist = self.query_one(ReviewList)
        if qlist.highlighted is None or not self.qids:
            return None
        return self.qids[qlist.highlighted]

    def current_service(self) -> str | None:
        qid = self.current_qid()
        q = next((q for q in self.library.exam if q.id == qid), None) if self.library else None
        if q is None:
            return None
        return next((s for s in q.services if self.library.service(s)), None)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            self._detail(event.option.id)

    def _detail(self, qid: str) -> None:
        q = next((q for q in self.library.exam if q.id == qid), None)
        target = self.query_one("#review-detail-text", Static)
        if q is None:
            target.update(Text("This question is no longer in the bank.", style="dim"))
            return
        outcome = self.result.outcome(qid)
        order = (self.attempt.option_orders or {}).get(qid)
        target.update(question_detail(q, outcome, order, self.library))
        self.query_one("#review-detail").scroll_home(animate=False)
