"""Exam: start, take, review and score timed mock exams (the engine lives in awstui.exam)."""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import ContentSwitcher, DataTable, Digits, Static

from ...content.models import domain_name, stated_choose_count
from ...exam import (
    SCALED_SCORE_NOTE,
    ExamConfig,
    ExamError,
    ExamSession,
    Finished,
    Result,
    full_exam_config,
)
from ...exam.history import MODE_NAMES, answer_history
from ...state.events import AttemptChanged
from ..widgets.question_grid import QuestionGrid
from .exam_history import finished_summaries
from .exam_review import ResultsReview, ReviewList, ReviewScreen
from .exam_setup import ExamSetupScreen
from .modals import ConfirmScreen

TICK_SECONDS = 0.25
HISTORY_ROWS = 20  # attempts listed on the Exam home: the table's cost stays flat with history


def clock_text(seconds: float | None) -> str:
    if seconds is None:
        return "untimed"
    s = max(0, int(seconds + 0.999))  # show 0:00:00 only when the time is really up
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"


def duration_text(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 3600}h {s % 3600 // 60:02d}m {s % 60:02d}s" if s >= 3600 else f"{s // 60}m {s % 60:02d}s"


def attempt_history(store: Any) -> list[tuple[str, bool]]:
    """(qid, correct) of every finished attempt, oldest first: the weak-spot draw's input."""
    return answer_history(store.attempt_results())


def results_header(result: Result, status: str) -> Group:
    verdict = Text("PASS" if result.passed else "FAIL", style="bold green" if result.passed else "bold red")
    head = Text.assemble(
        ("Score ", "bold"),
        (f"{result.correct}/{result.total} ({result.percent:.0f} %)", "bold"),
        "   scaled ",
        (f"{result.scaled}", "bold"),
        " of 1000 (estimate)   ",
        verdict,
        f"   time used {duration_text(result.time_used_s)}",
    )
    if status == "expired":
        head.append("   time ran out: submitted automatically", style="yellow")
    return Group(head, Text(SCALED_SCORE_NOTE, style="dim italic"))


def accuracy_table(title: str, rows: list[tuple[str, int, int]]) -> Table:
    table = Table(title, "right", "accuracy", box=None, padding=(0, 2), title_justify="left")
    for name, ok, total in rows:
        pct = 100 * ok / total if total else 0
        table.add_row(Text(name), f"{ok}/{total}", Text(f"{pct:.0f} %", style="green" if pct >= 72 else "red"))
    return table


def domain_table(result: Result) -> Table:
    return accuracy_table(
        "domain",
        [
            (domain_name(d), ok, total)
            for d, (ok, total) in sorted(result.per_domain.items(), key=lambda kv: str(kv[0]))
        ],
    )


def service_table(result: Result, library: Any) -> Table:
    """Weakest services first."""
    rows = []
    for sid, (ok, total) in sorted(result.per_service.items(), key=lambda kv: (kv[1][0] / max(kv[1][1], 1), kv[0])):
        svc = library.service(sid)
        rows.append((svc.name if svc else sid, ok, total))
    return accuracy_table("service (weakest first)", rows)


class ExamView(Vertical):
    """Three panels: home (start or resume, history), the running exam, and results."""

    DEFAULT_CSS = """
    ExamView { height: 1fr; padding: 0 1; }
    #exam-panels { height: 1fr; }
    #exam-home { padding: 1 1; }
    #exam-history { height: auto; max-height: 20; }
    #exam-history-title { padding-top: 1; }
    #exam-top { height: 3; }
    #exam-status { width: 1fr; }
    #exam-clock { width: auto; color: $success; }
    #exam-clock.-warn { color: $warning; }
    #exam-clock.-danger { color: $error; text-style: bold; }
    #exam-body { height: 1fr; }
    #exam-question { width: 1fr; padding: 1 1 0 0; }
    #exam-stem { padding-bottom: 1; }
    #exam-feedback { border: round $accent; padding: 0 1; margin-top: 1; }
    #exam-grid { width: 42; padding: 1 1; border-left: vkey $foreground 20%; height: 1fr; }
    #exam-grid:focus { background: $boost; }
    #exam-results { height: 1fr; }
    #exam-score { height: auto; padding: 1 1 0 1; }
    #exam-breakdown { height: auto; max-height: 9; padding: 0 1; }
    #exam-domains { width: 58; height: auto; }
    #exam-services { width: 1fr; height: auto; max-height: 9; }
    ResultsReview { height: 1fr; }
    #review-questions { width: 50; height: 1fr; }
    #review-detail { width: 1fr; padding: 0 1; }
    """

    BINDINGS = [
        # home
        Binding("f", "start_full", "Full exam", tooltip="65 questions in 130 minutes, like DVA-C02"),
        Binding("c", "setup('custom')", "Custom", tooltip="Choose questions, minutes, domains, services"),
        Binding("t", "setup('practice')", "Practice", tooltip="Untimed, explanation after each answer"),
        Binding("w", "setup('weak')", "Weak spots", tooltip="Questions from your weakest services and domains"),
        Binding("r", "resume", "Resume", tooltip="Resume the exam in progress"),
        Binding("x", "discard", "Discard", tooltip="Discard the exam in progress"),
        # running
        Binding("a", "choose(0)", "Answer", key_display="a–e/1–6", tooltip="Choose an option (toggles on 'Choose N')"),
        *[Binding(k, f"choose({i})", f"Answer option {k}", show=False) for i, k in enumerate("bcde", start=1)],
        *[Binding(str(i + 1), f"choose({i})", f"Answer option {'abcdef'[i]}", show=False) for i in range(6)],
        Binding("f", "flag", "Flag", tooltip="Flag this question for review"),
        Binding("x", "clear", "Clear", tooltip="Clear this question's answer"),
        Binding("n,right,l", "move(1)", "Next", tooltip="Next question"),
        Binding("p,left,h", "move(-1)", "Prev", tooltip="Previous question"),
        Binding("g", "grid", "Go to", tooltip="Jump to any question on the grid"),
        Binding("r", "review", "Review", tooltip="Unanswered and flagged questions"),
        Binding("s", "submit", "Submit", tooltip="End the exam and see the results"),
        Binding("escape", "leave", "Leave", tooltip="Go to the Study view; the clock keeps running"),
        Binding("pagedown,space", "scroll_question(1)", "Scroll down", show=False),
        Binding("pageup", "scroll_question(-1)", "Scroll up", show=False),
        # results
        Binding("g", "goto_note", "Go to note", tooltip="Open this question's service note"),
        Binding("escape,b", "back", "Back", tooltip="Back to the exam menu"),
    ]
    HOME_ACTIONS = {"start_full", "setup", "resume", "discard"}
    RUN_ACTIONS = {"choose", "flag", "clear", "move", "grid", "review", "submit", "leave", "scroll_question"}
    RESULT_ACTIONS = {"goto_note", "back"}

    def __init__(self) -> None:
        super().__init__()
        self.session: ExamSession | None = None
        self.attempt_id: int | None = None
        self.results_attempt: Any = None
        self._shown_second: int | None = None
        self._timer = None

    def compose(self) -> ComposeResult:
        with ContentSwitcher(initial="exam-home", id="exam-panels"):
            with VerticalScroll(id="exam-home", can_focus=False):
                yield Static(id="exam-menu")
                yield Static(Text("Past attempts (enter opens the review)", style="bold"), id="exam-history-title")
                yield DataTable(id="exam-history", cursor_type="row", zebra_stripes=True)
            with Vertical(id="exam-run"):
                with Horizontal(id="exam-top"):
                    yield Static(id="exam-status")
                    yield Digits("0:00:00", id="exam-clock")
                with Horizontal(id="exam-body"):
                    with VerticalScroll(id="exam-question", can_focus=False):
                        yield Static(id="exam-stem")
                        yield Static(id="exam-options")
                        yield Static(id="exam-feedback")
                    yield QuestionGrid(id="exam-grid")
            with Vertical(id="exam-results"):
                yield Static(id="exam-score")
                with Horizontal(id="exam-breakdown"):
                    yield Static(id="exam-domains")
                    with VerticalScroll(id="exam-services", can_focus=False):
                        yield Static(id="exam-services-table")
                yield ResultsReview(id="exam-review")

    def on_mount(self) -> None:
        table = self.query_one("#exam-history", DataTable)
        for label in ("started", "mode", "questions", "score", "scaled", "result", "time used"):
            table.add_column(label, key=label)
        self.refresh_home()
        self.app.state_changed.subscribe(self, self._on_state_changed)
        self._timer = self.set_interval(TICK_SECONDS, self._tick, pause=True)
        self.call_after_refresh(self._offer_resume)

    def _on_state_changed(self, event: Any) -> None:
        if self.panel == "exam-home" and (
            isinstance(event, AttemptChanged) or type(event).__name__ == "ExternalChange"
        ):
            self.refresh_home()

    # ------------------------------------------------------------------ state

    @property
    def panel(self) -> str:
        return self.query_one("#exam-panels", ContentSwitcher).current or "exam-home"

    def _show_panel(self, name: str) -> None:
        self.query_one("#exam-panels", ContentSwitcher).current = name
        self.refresh_bindings()
        self.call_after_refresh(self.focus_default)

    def is_running(self) -> bool:
        return self.session is not None and not self.session.finished

    def focus_widget(self) -> Widget:
        """What has the focus when this view is shown: the history table (if any), the running
        exam, or the results' question list."""
        panel = self.panel
        if panel == "exam-home":
            table = self.query_one("#exam-history", DataTable)
            return table if table.row_count else self
        if panel == "exam-run":
            return self
        return self.query_one(ResultsReview).query_one(ReviewList)

    def focus_default(self) -> None:
        self.focus_widget().focus()

    can_focus = True

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        panel = self.panel if self.is_mounted else "exam-home"
        if action in self.HOME_ACTIONS:
            if panel != "exam-home":
                return False
            pending = self.app.store.in_progress_attempt() is not None or self.is_running()
            if action in ("resume", "discard"):
                return bool(pending)
            return True
        if action in self.RUN_ACTIONS:
            if panel != "exam-run" or not self.is_running():
                return False
            if action == "choose":
                index = int(parameters[0]) if parameters else 0
                return True if index < len(self.session.current.options) else None
            return True
        if action in self.RESULT_ACTIONS:
            return panel == "exam-results"
        return True

    # ------------------------------------------------------------------ home

    def refresh_home(self) -> None:
        store = self.app.store
        pending = store.in_progress_attempt()
        menu = Text("Mock exams", style="bold")
        menu.append("  DVA-C02: 65 questions, 130 minutes, pass at 720 of 1000\n\n", style="dim")
        if pending is not None and not self.is_running():
            left = None if pending.time_allowed_s is None else max(0.0, pending.time_allowed_s - pending.time_used_s)
            menu.append("An exam is in progress: ", style="bold yellow")
            menu.append(
                f"{MODE_NAMES.get(pending.mode, pending.mode)}, {len(pending.answers)} of "
                f"{len(pending.question_ids)} answered, {clock_text(left)} left.  r resume · x discard\n\n"
            )
        for key, title, what in (
            ("f", "Full exam", "65 questions, 130 minutes, weighted by domain like the real exam"),
            ("c", "Custom", "your number of questions and minutes, optional domain and service filters"),
            ("t", "Practice", "untimed, the explanation after each answer"),
            ("w", "Weak spots", "drawn from your weakest services and domains, favouring questions you missed"),
        ):
            menu.append(f"  {key}  ", style="bold reverse")
            menu.append(f" {title:<11}", style="bold")
            menu.append(f"{what}\n")
        menu.append(f"\n{len(self.app.library.exam)} questions in the bank.", style="dim")
        self.query_one("#exam-menu", Static).update(menu)

        table = self.query_one("#exam-history", DataTable)
        table.clear()
        finished = finished_summaries(store, HISTORY_ROWS)
        for a in reversed(finished[-HISTORY_ROWS:]):  # newest first; Progress and `awstui stats` have the rest
            r = a.result
            table.add_row(
                Text((a.started_at or "")[:16].replace("T", " ")),
                Text(a.mode_name),
                Text(str(r.total)),
                Text(f"{r.percent:.0f} %"),
                Text(str(r.scaled)),
                Text("pass", style="green") if r.passed else Text("fail", style="red"),
                Text(duration_text(r.time_used_s)),
                key=str(a.id),
            )
        self.query_one("#exam-history-title").display = bool(finished)
        table.display = bool(finished)
        self.refresh_bindings()

    def _offer_resume(self) -> None:
        pending = self.app.store.in_progress_attempt()
        if pending is None or self.is_running():
            return
        left = None if pending.time_allowed_s is None else max(0.0, pending.time_allowed_s - pending.time_used_s)

        async def answer(yes: bool | None) -> None:
            if yes:
                await self.app.action_show_view("exam")
                self.action_resume()

        self.app.push_screen(
            ConfirmScreen(
                "Resume your exam?",
                f"{MODE_NAMES.get(pending.mode, pending.mode)}: {len(pending.answers)} of "
                f"{len(pending.question_ids)} answered, {clock_text(left)} left. The clock starts "
                f"again when you resume.",
                yes="Resume",
                no="Later",
            ),
            answer,
        )

    def start_full_exam(self) -> None:
        self.action_start_full()

    def action_start_full(self) -> None:
        self._start(full_exam_config())

    def action_setup(self, mode: str) -> None:
        def go(config: ExamConfig | None) -> None:
            if config is not None:
                self._start(config)

        self.app.push_screen(ExamSetupScreen(mode, self.app.library), go)

    def _start(self, config: ExamConfig) -> None:
        if self.is_running() or self.app.store.in_progress_attempt() is not None:
            self.notify(
                "An exam is already in progress: resume it (r) or discard it (x) first.",
                severity="warning",
                markup=False,
            )
            return
        history = attempt_history(self.app.store) if config.mode == "weak" else ()
        try:
            session = ExamSession.start(self.app.library.exam, config, history=history, clock=self.app.clock)
        except ExamError as exc:
            self.notify(f"Cannot start: {exc}", severity="error", markup=False)
            return
        self.attempt_id = self.app.store.create_attempt(**session.to_record().create_kwargs())
        session.mark_saved()
        self._run(session)

    def action_resume(self) -> None:
        if self.is_running():
            self._show_panel("exam-run")
            return
        attempt = self.app.store.in_progress_attempt()
        if attempt is None:
            return
        by_id = {q.id: q for q in self.app.library.exam}
        try:
            session = ExamSession.from_attempt(attempt, by_id, clock=self.app.clock)
        except ExamError as exc:
            self.notify(f"Cannot resume this attempt: {exc}", severity="error", markup=False)
            return
        if not len(session):
            self.notify("None of this attempt's questions are in the bank any more.", severity="error", markup=False)
            return
        if session.missing_ids:
            self.notify(
                f"{len(session.missing_ids)} question(s) of this attempt are no longer in the bank and were left out.",
                severity="warning",
                markup=False,
            )
        self.attempt_id = attempt.id
        session.resume()
        self._run(session)

    def action_discard(self) -> None:
        attempt = self.app.store.in_progress_attempt()
        if attempt is None:
            return

        def done(yes: bool | None) -> None:
            if yes:
                self.app.store.abandon_attempt(attempt.id)
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
        attempt = self.app.store.attempt(int(event.row_key.value))
        self.show_results(attempt)

    # ------------------------------------------------------------------ running

    def _run(self, session: ExamSession) -> None:
        self.session = session
        self._shown_second = None
        self.query_one(QuestionGrid).session = session
        self._show_panel("exam-run")
        self.render_question()
        self._timer.resume()
        self._tick()

    def render_question(self) -> None:
        s = self.session
        if s is None:
            return
        v = s.current
        status = Text(f"{MODE_NAMES.get(s.mode, s.mode)} · Question {v.number} of {v.total}", style="bold")
        status.append(
            f"   {s.answered_count} answered · {s.unanswered_count} unanswered · {s.flagged_count} flagged", style="dim"
        )
        if v.flagged:
            status.append("   ⚑ flagged", style="bold yellow")
        status.append(f"\n{domain_name(v.domain)}", style="dim")
        self.query_one("#exam-status", Static).update(status)

        stem = Text(v.stem)
        if v.is_multi and stated_choose_count(v.stem) is None:
            stem.append(f"\n\n(Choose {v.choose}.)", style="bold")
        self.query_one("#exam-stem", Static).update(stem)

        feedback = v.feedback if (v.feedback is not None and (v.complete or not v.is_multi) and v.answered) else None
        rows = Table.grid(padding=(0, 1))
        rows.add_column(width=5, no_wrap=True)
        rows.add_column(ratio=1)
        right = set(feedback.right_display) if feedback else set()
        for o in v.options:
            mark = ("[x]" if o.selected else "[ ]") if v.is_multi else ("(•)" if o.selected else "( )")
            key = f"{o.key}/{o.display_index + 1}" if o.display_index < 6 else "   "
            style = "bold" if o.selected else ""
            if feedback:
                style = "bold green" if o.display_index in right else ("red" if o.selected else "dim")
            rows.add_row(Text(key, style="bold cyan"), Text.assemble((mark + " ", style), (o.text, style)))
            rows.add_row(Text(""), Text(""))
        self.query_one("#exam-options", Static).update(rows)

        fb = self.query_one("#exam-feedback", Static)
        if feedback:
            verdict = Text(
                "Right. " if feedback.correct else "Not quite. ", style="bold green" if feedback.correct else "bold red"
            )
            verdict.append(f"Answer: {', '.join(feedback.right_keys)}\n\n", style="bold")
            verdict.append(feedback.explanation)
            for ref in feedback.references:
                verdict.append("\n")
                verdict.append(ref, style="underline dim")
            fb.update(verdict)
            fb.display = True
        else:
            fb.display = False
        self.query_one(QuestionGrid).refresh()
        self.refresh_bindings()

    def _tick(self) -> None:
        s = self.session
        if s is None or s.finished:
            self._timer.pause()
            return
        finished = s.tick()
        if finished is not None:
            self._finish(finished)
            return
        for minutes in s.crossed_thresholds():
            self.notify(
                f"{minutes} minute{'s' if minutes > 1 else ''} left",
                title="Exam",
                severity="warning" if minutes > 1 else "error",
                markup=False,
            )
        remaining = s.remaining()
        second = None if remaining is None else int(remaining + 0.999)
        if second != self._shown_second or self._shown_second is None:
            self._shown_second = second
            clock = self.query_one("#exam-clock", Digits)
            clock.update(clock_text(remaining) if remaining is not None else "--:--")
            level = s.warning_level()
            clock.set_class(level == "10min", "-warn")
            clock.set_class(level in ("5min", "1min"), "-danger")
            self.app.set_exam_clock(clock_text(remaining) if remaining is not None else "practice")
        if s.needs_save():
            self.save_progress()

    def save_progress(self) -> None:
        s = self.session
        if s is None or self.attempt_id is None or s.finished:
            return
        p = s.progress()
        self.app.store.save_progress(self.attempt_id, p.time_used_s, p.position)
        s.mark_saved()

    def pause_and_save(self) -> None:
        """The app is closing: stop the clock and keep the time used (never lose a tick)."""
        if self.is_running():
            self.session.pause()
            self.save_progress()

    def on_unmount(self) -> None:
        self.pause_and_save()

    def action_choose(self, index: int) -> None:
        s = self.session
        if s is None or index >= len(s.current.options):
            return
        change = s.choose(index)
        if change is not None:
            self.app.store.record_exam_answer(self.attempt_id, change.qid, change.selected, change.time_used_s)
            s.mark_saved()
        self.render_question()

    def action_clear(self) -> None:
        s = self.session
        change = s.clear() if s else None
        if change is not None:
            self.app.store.record_exam_answer(self.attempt_id, change.qid, change.selected, change.time_used_s)
            s.mark_saved()
        self.render_question()

    def action_flag(self) -> None:
        s = self.session
        change = s.toggle_flag() if s else None
        if change is not None:
            self.app.store.set_flag(self.attempt_id, change.qid, change.flagged, change.time_used_s)
            s.mark_saved()
        self.render_question()

    def action_move(self, delta: int) -> None:
        if self.session is None:
            return
        self.session.goto(self.session.position + delta)
        self.render_question()
        self.query_one("#exam-question").scroll_home(animate=False)

    def action_scroll_question(self, direction: int) -> None:
        box = self.query_one("#exam-question")
        (box.scroll_page_down if direction > 0 else box.scroll_page_up)(animate=False)

    def goto_question(self, index: int) -> None:
        if self.session is not None:
            self.session.goto(index)
            self.render_question()
            self.query_one("#exam-question").scroll_home(animate=False)

    def action_grid(self) -> None:
        grid = self.query_one(QuestionGrid)
        grid.cursor = self.session.position if self.session else 0
        grid.focus()

    def on_question_grid_jump(self, event: QuestionGrid.Jump) -> None:
        self.goto_question(event.index)
        self.focus()

    def action_review(self) -> None:
        if self.session is None:
            return

        def done(result: Any) -> None:
            if result == "submit":
                self.action_submit()
            elif isinstance(result, int):
                self.goto_question(result)

        self.app.push_screen(ReviewScreen(self.session), done)

    def action_submit(self) -> None:
        s = self.session
        if s is None or s.finished:
            return
        unanswered, flagged = s.unanswered_count, s.flagged_count
        message = "Submit your answers and see the results?"
        if unanswered:
            message += f"\n{unanswered} question(s) unanswered: they count as wrong."
        if flagged:
            message += f"\n{flagged} question(s) still flagged for review."

        def done(yes: bool | None) -> None:
            if yes and self.session is s and not s.finished:
                finished = s.submit()
                if finished is not None:
                    self._finish(finished)

        self.app.push_screen(ConfirmScreen("Submit the exam?", message, yes="Submit", no="Keep going"), done)

    def _finish(self, finished: Finished) -> None:
        self._timer.pause()
        self.app.store.finish_attempt(self.attempt_id, finished.status, finished.result.to_dict(), finished.time_used_s)
        attempt = self.app.store.attempt(self.attempt_id)
        self.app.set_exam_clock(None)
        if finished.status == "expired":
            self.notify(
                "Time is up: the exam was submitted with your answers so far.",
                title="Exam",
                severity="warning",
                markup=False,
            )
        self.session = None
        self.show_results(attempt)

    async def action_leave(self) -> None:
        await self.app.action_show_view("study")

    async def confirm_quit(self) -> None:
        def done(yes: bool | None) -> None:
            if yes:
                self.pause_and_save()
                self.app.exit(0)

        self.app.push_screen(
            ConfirmScreen(
                "Quit during the exam?",
                "Your answers and the time used are saved; the clock stops until you resume.",
                yes="Quit",
                no="Stay",
            ),
            done,
        )

    # ------------------------------------------------------------------ results

    def show_results(self, attempt: Any) -> None:
        if attempt is None or not attempt.result:
            return
        self.results_attempt = attempt
        result = Result.from_dict(attempt.result)
        self.query_one("#exam-score", Static).update(results_header(result, attempt.status))
        self.query_one("#exam-domains", Static).update(domain_table(result))
        self.query_one("#exam-services-table", Static).update(service_table(result, self.app.library))
        self.query_one(ResultsReview).show(attempt, result, self.app.library)
        self._show_panel("exam-results")

    async def action_goto_note(self) -> None:
        sid = self.query_one(ResultsReview).current_service()
        if sid:
            await self.app.show_service(sid)
        else:
            self.notify("This question is not tied to a service of the notes.", markup=False)

    def action_back(self) -> None:
        self.results_attempt = None
        self.refresh_home()
        self._show_panel("exam-home")
