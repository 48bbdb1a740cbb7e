"""What review mode writes besides the exam question itself (which ``question.py`` draws): the
status line, the learner's own card, the interval each grade would give, the grade given.

All learner and content text goes through ``for_display`` into ``Text`` (never markup)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta

from rich.text import Text

from ....content.text import for_display
from ....exam.review_queue import GRADE_NAMES, GRADES, ReviewQueue, format_interval

GRADE_STYLES = {1: "bold red", 2: "bold yellow", 3: "bold green", 4: "bold cyan"}


def review_status(queue: ReviewQueue, kind: str, new: bool, left: int) -> Text:
    """``Review · Exam question · 12 left · 3 new left today``: what this item is, and what remains."""
    status = Text()  # the gap ends the part before it (text.results_header)
    status.append("Review  ", style="bold")
    status.append("Exam question   " if kind == "exam" else "Your card   ", style="bold")
    if new:
        status.append("new   ", style="bold yellow")
    status.append(f"{left} left in this session · {queue.new_left} new and {queue.reviews_left} reviews left today")
    return status


def own_front(question: str, service: str) -> Text:
    """The open question of one of the learner's cards, and its service."""
    text = Text(for_display(question), style="bold")
    if service:
        text.append(f"\n\n{for_display(service)}", style="dim")
    return text


def own_back(answer: str) -> Text:
    """The learner's written answer, as they wrote it (Markdown shown as plain text)."""
    text = Text()  # parts styled one by one: a Text's own style runs under all it holds
    text.append("Your answer\n", style="bold")
    text.append(for_display(answer.strip()) or "(empty)")
    return text


def intervals_line(preview: Mapping[int, timedelta], *, keys: bool, given: int | None = None) -> Text:
    """``Again 10m · Hard 1d · Good 3d · Easy 8d`` (Anki's line above its buttons), each with its
    key when the learner grades (``keys``), the grade ``given`` highlighted."""
    line = Text()  # parts styled one by one: a Text's own style runs under all it holds
    line.append("Next review  ", style="dim")
    for n, grade in enumerate(GRADES):
        if n:
            line.append(" · ", style="dim")
        style = GRADE_STYLES[grade] if given in (None, grade) else "dim"
        if keys:
            line.append(f"{grade} ", style="bold reverse")
            line.append(" ")
        line.append(f"{GRADE_NAMES[grade]} ", style=style)
        line.append(format_interval(preview[grade]), style="" if given in (None, grade) else "dim")
    return line


def graded_line(grade: int, preview: Mapping[int, timedelta], correct: bool, guessed: bool) -> Text:
    """After an exam answer: the grade it gave and when the question comes back, and the guess key."""
    line = Text()  # parts styled one by one: a Text's own style runs under all it holds
    line.append("Graded ", style="bold")
    line.append(GRADE_NAMES[grade], style=GRADE_STYLES[grade])
    line.append(f": back in {format_interval(preview[grade])}   ")
    if correct:
        line.append("g ", style="bold reverse")
        line.append(" that was a right guess: Hard instead" if not guessed else " not a guess: Good again", style="dim")
        line.append("   ")
    line.append("enter ", style="bold reverse")
    line.append(" next", style="dim")
    return line


def empty_text(message: str, due_today: int) -> Text:
    """The queue is empty: why, and how to leave."""
    text = Text()  # parts styled one by one: a Text's own style runs under all it holds
    text.append("Review\n\n", style="bold")
    text.append(message[:1].upper() + message[1:] + ".")
    if due_today:
        text.append(f"\n{due_today} more due later today.", style="dim")
    text.append("\n\nl sets the daily limits · escape goes back to the Exam home", style="dim")
    return text
