"""Questions: every open question (bundled and the learner's own), ticked off and answered."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, ProgressBar, Static

from ...content.text import for_display
from ...records import record
from ...state.events import AttemptChanged, ReviewChanged, SettingChanged
from ...state.repos.drafts import draft_key
from .._internals import restyle_table_keeping_rows
from ..drafts import drop_draft
from ..keys import VIM_CURSOR
from ..screens.modals import AskScreen, ConfirmScreen, EditorScreen, PickScreen
from .base import View, service_name

FILTERS = ("open", "answered", "all")


@record
class Row:
    """One row of the Questions list: a bundled or own open question and the learner's answer."""

    id: str
    service_ids: tuple[str, ...]
    text: str
    answered: bool
    answer: str
    mine: bool = False
    vanished: bool = False


def collect_rows(library, store) -> list[Row]:
    """Bundled questions, the learner's own, and answers whose question left the content."""
    states = store.question_states()
    rows: list[Row] = []
    known: set[str] = set()
    for q in library.questions:
        st = states.get(q.id)
        rows.append(Row(q.id, q.services, q.text, bool(st and st.answered), st.answer if st else ""))
        known.add(q.id)
    for lq in store.learner_questions():
        st = states.get(lq.id)
        rows.append(Row(lq.id, (lq.service,), lq.text, bool(st and st.answered), st.answer if st else "", mine=True))
        known.add(lq.id)
    for qid, st in sorted(states.items()):
        if qid not in known and (st.answer or st.answered):
            rows.append(
                Row(qid, (), f"(question {qid!r} is no longer in the content)", st.answered, st.answer, vanished=True)
            )
    return rows


CELL_PADDING = 2  # DataTable pads each cell one column either side
STATE_WIDTH = 2


def column_widths(width: int) -> tuple[int, int, int]:
    """The service, question and answer columns' widths in a table ``width`` columns wide (its
    scrollbar left out): the four columns fit, so the answer column shows from 60 columns up,
    and each grows with the width."""
    free = max(30, width - 4 * CELL_PADDING - STATE_WIDTH)
    service = min(28, max(10, free * 18 // 100))
    answer = max(12, (free - service) * 40 // 100)
    return service, free - service - answer, answer


class QuestionTable(DataTable):
    HELP_NAME = "question list"
    BINDINGS = [
        *VIM_CURSOR,
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._drawn_theme: tuple | None = None  # the theme the cached rows and cells were drawn in
        self._last_size = None  # the size of the last Resize let through

    def notify_style_update(self) -> None:
        # a restyle (a focus change) keeps the rendered rows; only a new theme drops them (_internals)
        theme = (self.app.theme, self.app.ansi_color)
        if theme != self._drawn_theme:
            self._drawn_theme = theme
            super().notify_style_update()
            return
        restyle_table_keeping_rows(self)

    def _on_resize(self, event: Any) -> None:
        # DataTable also renews every cache key on each Resize, and one arrives each time the
        # view is shown again, at the size the table already had: keep the keys then.
        if event.size == self._last_size:
            event.prevent_default()
        self._last_size = event.size


class QuestionsView(Vertical, View):
    DEFAULT_CSS = """
    QuestionsView { height: 1fr; padding: 0 1; }
    #questions-head { height: 1; margin-top: 1; }
    #questions-count { width: auto; padding-right: 2; }
    #questions-bar { width: 1fr; }
    #questions-filter { height: 1; }
    #questions-table { height: 1fr; }
    #questions-detail { height: auto; max-height: 10; border-top: hkey $foreground 20%; padding: 0 1; }
    """
    BINDINGS = [
        Binding("space", "tick", "Tick", tooltip="Mark answered / open", id="questions.tick"),
        Binding(
            "enter", "edit_answer", "Answer", tooltip="Write your answer (saved when you leave)", id="questions.answer"
        ),
        Binding("a", "add", "Add", tooltip="Add a question of your own", id="questions.add"),
        Binding("d", "delete", "Delete", tooltip="Delete one of your own questions", id="questions.delete"),
        Binding("f", "cycle_filter", "Filter", tooltip="Show open / answered / all", id="questions.filter"),
        Binding("s", "service_filter", "Service", tooltip="Only one service's questions", id="questions.service"),
        Binding(
            "g", "goto_service", "Go to note", tooltip="Open the question's service note", id="questions.goto_note"
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.filter = "all"
        self.service_filter: str | None = None
        self.rows: list[Row] = []
        self._widths: tuple[int, int, int] = (0, 0, 0)  # the columns' widths (service, question, answer)

    def compose(self) -> ComposeResult:
        with Horizontal(id="questions-head"):
            yield Static(id="questions-count")
            yield ProgressBar(show_eta=False, id="questions-bar")
        yield Static(id="questions-filter")
        table = QuestionTable(id="questions-table", cursor_type="row", zebra_stripes=True)
        yield table
        yield Static(id="questions-detail")

    def on_mount(self) -> None:
        self._set_columns(column_widths(self.app.size.width - 4))  # the view spans the terminal (on_resize)
        self.reload()
        self.awstui.state_changed.subscribe(self, self._on_state_changed)

    def _set_columns(self, widths: tuple[int, int, int]) -> None:
        table = self.query_one(DataTable)
        table.clear(columns=True)
        service, question, answer = widths
        table.add_column("", key="state", width=STATE_WIDTH)
        table.add_column("service", key="service", width=service)
        table.add_column("question", key="text", width=question)
        table.add_column("answer", key="answer", width=answer)
        self._widths = widths

    def on_resize(self, event: Any) -> None:
        """The columns share the width: drawn again only when the width changes."""
        widths = column_widths(event.size.width - 4)  # the view's padding and the table's scrollbar
        if widths != self._widths:
            current = self.current_row()
            self._set_columns(widths)
            self.redraw()  # the rows read last (a drag of the window edge is many resizes: no store reads)
            if current is not None:
                self.select_question(current.id, switch_filter=False)

    def _on_state_changed(self, event: Any) -> None:
        # exam attempts, settings and spaced-review grades change nothing in this list
        if isinstance(event, (AttemptChanged, SettingChanged, ReviewChanged)):
            return
        self.reload()

    def focus_widget(self) -> Any:
        return self.query_one(DataTable)

    # ------------------------------------------------------------------ data

    def visible_questions(self) -> list[Row]:
        out = []
        for r in self.rows:
            if self.filter == "open" and r.answered:
                continue
            if self.filter == "answered" and not r.answered:
                continue
            if self.service_filter and self.service_filter not in r.service_ids:
                continue
            out.append(r)
        return out

    def reload(self) -> None:
        """The rows read from the store again, and drawn."""
        self.rows = collect_rows(self.awstui.library, self.awstui.store)
        self.redraw()

    def redraw(self) -> None:
        """The table, count and filter line drawn from the rows last read."""
        library = self.awstui.library
        table = self.query_one(DataTable)
        current = self.current_row()
        keep = current.id if current else None
        table.clear()
        for r in self.visible_questions():
            names = ", ".join(service_name(library, s) for s in r.service_ids) or "?"
            state = Text("☑", style="green") if r.answered else Text("☐", style="yellow")
            text = Text(for_display(r.text), style="italic dim" if r.vanished else "")
            if r.mine:
                text.append("  (yours)", style="dim")
            answer = Text(for_display(r.answer.strip().splitlines()[0] if r.answer.strip() else ""), style="dim")
            table.add_row(state, Text(for_display(names)), text, answer, key=r.id)
        if keep is not None:
            self.select_question(keep, switch_filter=False)
        self.show_detail()
        total = len(self.rows)
        done = sum(1 for r in self.rows if r.answered)
        self.query_one("#questions-count", Static).update(Text(f"{done} of {total} answered", style="bold"))
        bar = self.query_one(ProgressBar)
        bar.update(total=max(total, 1), progress=done)
        label = Text()  # parts styled one by one: a Text's own style runs under all it holds
        label.append(f"showing: {self.filter} (f)", style="dim")
        if self.service_filter:
            label.append(
                f"   service: {for_display(service_name(library, self.service_filter))} (s to change)", style="dim"
            )
        self.query_one("#questions-filter", Static).update(label)

    def current_row(self) -> Row | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        try:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        except Exception:  # cursor outside the rows
            return None
        return next((r for r in self.rows if r.id == key), None)

    def select_question(self, qid: str, switch_filter: bool = True) -> bool:
        table = self.query_one(DataTable)
        try:
            index = table.get_row_index(qid)
        except Exception:
            if not switch_filter:
                return False
            self.filter, self.service_filter = "all", None
            self.reload()
            try:
                index = table.get_row_index(qid)
            except Exception:
                return False
        table.move_cursor(row=index, animate=False)
        return True

    # ------------------------------------------------------------------ actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        row = self.current_row() if self.is_mounted else None
        if action in ("tick", "edit_answer") and row is None:
            return None
        if action == "delete" and (row is None or not row.mine):
            return None
        if action == "goto_service" and (row is None or not row.service_ids):
            return None
        return True

    def action_tick(self) -> None:
        row = self.current_row()
        if row:
            self.awstui.store.toggle_question(row.id)

    def action_edit_answer(self) -> None:
        row = self.current_row()
        if row is None:
            return

        key = draft_key("answer", row.id)

        def save(text: str | None) -> None:
            if text is not None and text != self.awstui.store.question_state(row.id).answer:
                self.awstui.store.save_answer(row.id, text)
            drop_draft(self.app, key)

        stored = lambda: self.awstui.store.question_state(row.id).answer  # noqa: E731 (another window may save it)
        editor = EditorScreen("Your answer", row.answer, subtitle=row.text, stored=stored, draft_key=key)
        self.app.push_screen(editor, save)

    def action_add(self) -> None:
        library = self.awstui.library
        items = [(s.id, s.name) for s in library.services]
        preset = self.service_filter

        def with_service(service_id: str | None) -> None:
            if not service_id:
                return
            name = service_name(library, service_id)

            key = draft_key("new-question", service_id)

            def with_text(text: str | None) -> None:
                if text:
                    qid = self.awstui.store.add_question(service_id, text)
                    self.call_after_refresh(self.select_question, qid)
                drop_draft(self.app, key)  # saved, or escape: discarded on purpose

            self.app.push_screen(AskScreen(f"New question about {name}", "Your question:", draft_key=key), with_text)

        if preset:
            with_service(preset)
        else:
            self.app.push_screen(PickScreen("Which service is it about?", items), with_service)

    def action_delete(self) -> None:
        row = self.current_row()
        if row is None or not row.mine:
            return

        def done(yes: bool | None) -> None:
            if yes:
                self.awstui.store.delete_question(row.id)
                drop_draft(self.app, draft_key("answer", row.id))  # an answer to nothing now

        self.app.push_screen(ConfirmScreen("Delete your question?", row.text, yes="Delete", no="Keep"), done)

    def action_cycle_filter(self) -> None:
        self.filter = FILTERS[(FILTERS.index(self.filter) + 1) % len(FILTERS)]
        self.reload()

    def action_service_filter(self) -> None:
        items = [("", "All services")] + [(s.id, s.name) for s in self.awstui.library.services]

        def done(service_id: str | None) -> None:
            if service_id is None:
                return
            self.service_filter = service_id or None
            self.reload()

        self.app.push_screen(PickScreen("Show the questions of", items), done)

    async def action_goto_service(self) -> None:
        row = self.current_row()
        if row and row.service_ids:
            await self.awstui.show_service(row.service_ids[0])

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit_answer()

    def on_data_table_row_highlighted(self, _event: Any) -> None:
        if self.awstui.current_view == "questions":  # the footer of a hidden view need not change
            self.refresh_bindings()
        self.show_detail()

    def show_detail(self) -> None:
        """The highlighted question in full, with the learner's answer."""
        row = self.current_row()
        detail = self.query_one("#questions-detail", Static)
        if row is None:
            detail.update(Text("No question here: f changes the filter, a adds one.", style="dim"))
            return
        text = Text(for_display(row.text), style="bold")
        text.append("\n")
        if row.answer.strip():
            text.append(for_display(row.answer.strip()))
        else:
            text.append("No answer written yet: enter opens the editor.", style="dim")
        detail.update(text)
