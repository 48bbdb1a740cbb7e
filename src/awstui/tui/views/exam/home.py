"""The Exam home: the menu (full, custom, practice, weak spots), the exam in progress, past attempts.

Whether an exam is in progress is read when the home is drawn (on mount, on a store change, on
the way back from the results), never in ``check_action``: the footer asks on every bindings
refresh, and each ask was a query (six per refresh).
"""

from __future__ import annotations

import socket
from collections.abc import Callable

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import DataTable, Static

from ....exam import ExamConfig, full_exam_config
from ....exam.history import MODE_NAMES
from ....exam.status import FINISHED_STATUSES
from ....state import Attempt, LeaseHolder
from ...reach import reach
from ...screens.exam_setup import ExamSetupScreen
from ...screens.modals import ConfirmScreen
from ...screens.review_limits import edit_limits
from ..exam_history import finished_summaries, text_lines
from .text import clock_text, duration_text

HISTORY_ROWS = 10  # attempts on one page of the Exam home's list ([ older, ] newer): its cost stays flat
TITLE = "Past attempts (enter opens the review)"
MENU = (
    ("f", "Full exam", "65 questions, 130 minutes, weighted by domain like the real exam"),
    ("c", "Custom", "your number of questions and minutes, optional domain and service filters"),
    ("t", "Practice", "untimed, the explanation after each answer"),
    ("w", "Weak spots", "your weakest services and domains, missed questions first"),
    ("v", "Review", "due again, spaced: exam questions, your answers (l limits)"),
)
COLUMNS = ("started", "mode", "questions", "score", "scaled", "result", "time used")


def menu_table() -> Table:
    """The menu's lines: key, name, then what it is, wrapped under itself on a narrow screen."""
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True, min_width=10)
    table.add_column(ratio=1)
    for key, title, what in MENU:
        table.add_row(Text(f"  {key}  ", style="bold reverse"), Text(title, style="bold"), Text(what))
    return table


def take_over_screen(pending: Attempt, holder: LeaseHolder) -> ConfirmScreen:
    """Ask before taking an exam over from the other awstui window that has it open."""
    return ConfirmScreen(
        "This exam is open in another awstui window",
        f"{pending_text(pending, sep=': ')}. It is open in another awstui window (process {holder.pid}"
        f"{'' if holder.host == socket.gethostname() else ' on ' + holder.host}). Take it over here? "
        "That window then stops saving and closes the exam.",
        yes="Take over",
        no="Leave it",
    )


def pending_text(pending: Attempt, sep: str = ", ") -> str:
    """The exam in progress in a few words: mode (then ``sep``), answered, time left."""
    if pending.time_allowed_s is None:
        time = "practice" if pending.mode == "practice" else "untimed"
    else:
        time = f"{clock_text(max(0.0, pending.time_allowed_s - pending.time_used_s))} left"
    return (
        f"{MODE_NAMES.get(pending.mode, pending.mode)}{sep}{len(pending.answers)} of "
        f"{len(pending.question_ids)} answered, {time}"
    )


class ExamHome(VerticalScroll, can_focus=True):
    HELP_NAME = "exam"
    BINDINGS = [
        Binding("f", "start_full", "Full exam", tooltip="65 questions in 130 minutes, like DVA-C02", id="exam.full"),
        Binding(
            "c",
            "setup('custom')",
            "Custom",
            tooltip="Choose questions, minutes, domains, services",
            id="exam.custom",
        ),
        Binding(
            "t", "setup('practice')", "Practice", tooltip="Untimed, explanation after each answer", id="exam.practice"
        ),
        Binding(
            "w",
            "setup('weak')",
            "Weak spots",
            tooltip="Questions from your weakest services and domains",
            id="exam.weak",
        ),
        # not in the footer (the menu lists it): one more key there pushed "q Quit" off at 120 columns
        Binding(
            "v", "review", "Review", show=False, tooltip="The questions and cards due for review", id="exam.review_mode"
        ),
        Binding("l", "limits", "Limits", show=False, tooltip="Review mode's daily limits", id="exam.review_limits"),
        Binding("r", "resume", "Resume", tooltip="Resume the exam in progress", id="exam.resume"),
        Binding("[", "page(1)", "Older", show=False, tooltip="Older past attempts", id="exam.older"),
        Binding("]", "page(-1)", "Newer", show=False, tooltip="Newer past attempts", id="exam.newer"),
        Binding("x", "discard", "Discard", tooltip="Discard the exam in progress", id="exam.discard"),
    ]

    def __init__(
        self,
        *,
        on_start: Callable[[ExamConfig], None],
        on_resume: Callable[[], None],
        on_open: Callable[[Attempt], None],
        on_review: Callable[[], None] = lambda: None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self._on_start, self._on_resume, self._on_open = on_start, on_resume, on_open
        self._on_review = on_review
        self.pending: Attempt | None = None  # the exam in progress when the home was last drawn
        self.page = 0  # the page of past attempts shown, 0 the newest
        self._pages = 1

    def compose(self) -> ComposeResult:
        yield Static(id="exam-menu")
        with Vertical(id="exam-history-box"):  # beside the menu on a wide screen (app.tcss)
            yield Static(Text(TITLE, style="bold"), id="exam-history-title")
            yield DataTable(id="exam-history", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.refresh_home()

    def focus_widget(self) -> Widget:
        """The history table if it has rows, else the home itself (its keys need the focus inside)."""
        table = self.query_one("#exam-history", DataTable)
        return table if table.row_count else self

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("resume", "discard"):
            return self.pending is not None
        if action == "page":
            return 0 <= self.page + int(str(parameters[0])) < self._pages
        return True

    def refresh_home(self, running: bool = False) -> None:
        """Draw the menu and the history again; ``running``: an exam runs in this app (not pending here)."""
        app = reach(self)
        self.pending = None if running else app.store.in_progress_attempt()
        menu = Text()  # the gap ends the part before it (text.results_header)
        menu.append("Mock exams  ", style="bold")
        bank = f"{len(app.library.exam)} questions in the bank"  # on the title line: a short screen shows the history
        menu.append(f"DVA-C02: 65 questions, 130 minutes, pass at 720 of 1000 · {bank}\n\n", style="dim")
        if self.pending is not None:
            menu.append("An exam is in progress: ", style="bold yellow")
            elsewhere = app.store.attempt_holder(self.pending.id) is not None
            menu.append(f"{pending_text(self.pending)}.  ")
            if elsewhere:
                menu.append("Open in another awstui window.  ", style="bold")
            menu.append(f"{'r take over' if elsewhere else 'r resume'} · x discard\n\n")
        menu.rstrip()
        self.query_one("#exam-menu", Static).update(Group(menu, Text(), menu_table()))
        self._fill_history()
        self.refresh_bindings()

    def _fill_history(self) -> None:
        """One page of the finished attempts, newest first: only its rows are read and drawn."""
        store = reach(self).store
        counts = store.attempt_counts()
        total = sum(int(counts.get(str(s), 0)) for s in FINISHED_STATUSES)
        self._pages = max(1, -(-total // HISTORY_ROWS))
        self.page = min(self.page, self._pages - 1)
        first = self.page * HISTORY_ROWS
        finished = finished_summaries(store, first + HISTORY_ROWS)[::-1][first:]  # newest first
        rows: list[tuple[Text | str, ...]] = [
            (
                Text((a.started_at or "")[:16].replace("T", " ")),
                Text(a.mode_name),
                Text(str(a.result.total)),
                Text(f"{a.result.percent:.0f} %"),
                Text(str(a.result.scaled)),
                Text("pass", style="green") if a.result.passed else Text("fail", style="red"),
                Text(duration_text(a.result.time_used_s)),
            )
            for a in finished
        ]
        # one cell a row, laid out as seven columns would be: DataTable renders each cell apart,
        # and seven cells a row made each listed attempt cost seven times what it needs
        head, *lines = text_lines(COLUMNS, rows, fill_styled=False)
        table = self.query_one("#exam-history", DataTable)
        table.clear(columns=True)
        table.add_column(head, key="attempt")
        for a, line in zip(finished, lines, strict=True):
            table.add_row(line, key=str(a.id))
        title = Text(TITLE, style="bold")
        if self._pages > 1:
            title = Text.assemble(
                (f"Past attempts {first + 1}–{first + len(finished)} of {total}", "bold"),
                ("  enter opens the review · [ older · ] newer", "dim"),
            )
        self.query_one("#exam-history-title", Static).update(title)
        self.query_one("#exam-history-title").display = bool(finished)
        table.display = bool(finished)

    def action_page(self, step: int) -> None:
        """``[`` older, ``]`` newer: another page of past attempts."""
        page = min(max(self.page + step, 0), self._pages - 1)
        if page != self.page:
            self.page = page
            self._fill_history()
            self.refresh_bindings()

    def action_start_full(self) -> None:
        self._on_start(full_exam_config())

    def action_setup(self, mode: str) -> None:
        def go(config: ExamConfig | None) -> None:
            if config is not None:
                self._on_start(config)

        self.app.push_screen(ExamSetupScreen(mode, reach(self).library), go)

    def action_resume(self) -> None:
        self._on_resume()

    def action_review(self) -> None:
        self._on_review()

    def action_limits(self) -> None:
        edit_limits(self)

    def action_discard(self) -> None:
        store = reach(self).store
        attempt = store.in_progress_attempt()
        if attempt is None:
            return
        if store.attempt_holder(attempt.id) is not None:
            self.notify(
                "This exam is open in another awstui window: resume it here (r) to take it over first.",
                severity="warning",
                markup=False,
            )
            return

        def done(yes: bool | None) -> None:
            if yes and store.acquire_attempt(attempt.id) is None:
                store.abandon_attempt(attempt.id)
            self.refresh_home()

        self.app.push_screen(
            ConfirmScreen(
                "Discard the exam in progress?",
                "It stays in the store as abandoned and does not count.",
                yes="Discard",
                no="Keep",
            ),
            done,
        )

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id != "exam-history":
            return
        event.stop()
        if event.row_key.value is not None:
            self._on_open(reach(self).store.attempt(int(event.row_key.value)))
