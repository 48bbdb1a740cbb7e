"""What the running exam draws for one question: the status line, stem, options and feedback."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from ....content.models import domain_name, stated_choose_count
from ....exam import ExamSession, Feedback, QuestionView
from ....exam.history import MODE_NAMES
from ...exam_text import exam_text, explanation_sections


def status_text(s: ExamSession, v: QuestionView) -> Text:
    # each gap ends the part before it (see text.results_header)
    status = Text()  # parts styled one by one: a Text's own style runs under all it holds
    status.append(f"{MODE_NAMES.get(s.mode, s.mode)} · Question {v.number} of {v.total}   ", style="bold")
    status.append(
        f"{s.answered_count} answered · {s.unanswered_count} unanswered · {s.flagged_count} flagged", style="dim"
    )
    if v.flagged:
        status.append("   ")
        status.append("⚑ flagged", style="bold yellow")
    status.append(f"\n{domain_name(v.domain)}", style="dim")
    return status


def stem_text(v: QuestionView) -> Text:
    stem = exam_text(v.stem)
    if v.is_multi and stated_choose_count(v.stem) is None:
        stem.append(f"\n\n(Choose {v.choose}.)", style="bold")
    return stem


def shown_feedback(v: QuestionView) -> Feedback | None:
    """The feedback to show now: practice mode, once the question is answered (fully, if multi)."""
    return v.feedback if (v.feedback is not None and (v.complete or not v.is_multi) and v.answered) else None


def options_table(v: QuestionView, feedback: Feedback | None, cursor: int | None = None) -> Table:
    """The options, each with its keys; ``cursor``: the display index of the option under the
    cursor (review mode moves it with j/k), its keys shown reversed."""
    rows = Table.grid(padding=(0, 1))
    rows.add_column(width=5, no_wrap=True)
    rows.add_column(ratio=1)
    right = set(feedback.right_display) if feedback else set()
    for o in v.options:
        mark = ("[x]" if o.selected else "[ ]") if v.is_multi else ("(•)" if o.selected else "( )")
        # a sixth option's letter would be f, which flags in an exam: it is answered with 6
        key = f"{o.key}/{o.display_index + 1}" if o.display_index < 5 else "6" if o.display_index == 5 else "   "
        style = "bold" if o.selected else ""
        if feedback:
            style = "bold green" if o.display_index in right else ("red" if o.selected else "dim")
        key_style = "bold reverse cyan" if o.display_index == cursor else "bold cyan"
        rows.add_row(Text(key, style=key_style), Text.assemble((mark + " ", style), exam_text(o.text, style)))
        rows.add_row(Text(""), Text(""))
    return rows


def feedback_text(feedback: Feedback) -> Text:
    verdict = Text(
        "Right. " if feedback.correct else "Not quite. ", style="bold green" if feedback.correct else "bold red"
    )
    verdict.append(f"Answer: {', '.join(feedback.right_keys)}\n\n", style="bold")
    verdict.append_text(explanation_sections(feedback.explanation, feedback.references, "underline dim"))
    return verdict


def submit_message(s: ExamSession) -> str:
    message = "Submit your answers and see the results?"
    if s.unanswered_count:
        message += f"\n{s.unanswered_count} question(s) unanswered: they count as wrong."
    if s.flagged_count:
        message += f"\n{s.flagged_count} question(s) still flagged for review."
    return message
