"""Study: the service tree beside the note viewer."""

from __future__ import annotations

from typing import Any, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.timer import Timer

from ...content.exam_coverage import ServiceExam, by_service
from ...content.text import escaped, openable_url
from ...state.events import AttemptChanged, ExternalChange, ReviewChanged, SettingChanged
from ...state.models import FINISHED_STATUSES
from ...state.repos.drafts import draft_key
from ..drafts import drop_draft
from ..widgets.note_view import NoteView
from ..widgets.service_tree import ServiceTree
from .base import View, service_name

SAVE_LAST_SERVICE_AFTER = 0.5  # seconds of rest before remembering the service on show
HIDE_UNNOTED = "hide_unnoted"  # setting: the tree hides the services not in the learner's notes
DRILL_QUESTIONS = 10  # a drill's default length (fewer if the service has fewer questions)
PREBUILD_AFTER = 0.05  # seconds of rest on a note before building its neighbours' rows
FIRST_PREBUILD_AFTER = 0.5  # the note shown at start: its neighbours wait until the first frame is up


def safe_url(url: str) -> bool:
    """Only a well-formed https: link without control characters is opened (content.text)."""
    return openable_url(url)


class StudyView(Horizontal, View):
    BINDINGS = [
        Binding("r", "toggle_reviewed", "Reviewed", tooltip="Mark this service reviewed (toggle)", id="study.reviewed"),
        Binding("n", "next_service", "Next", tooltip="Next service in tree order", id="study.next"),
        Binding("p", "previous_service", "Prev", tooltip="Previous service in tree order", id="study.prev"),
        Binding("o", "open_docs", "Docs", tooltip="Open the service's first docs link in the browser", id="study.docs"),
        Binding("e", "annotate", "Annotate", tooltip="Write your own annotation for this service", id="study.annotate"),
        Binding(
            "u",
            "toggle_unnoted",
            "Unnoted",
            tooltip="Hide or show the services not in your notes yet",
            id="study.unnoted",
        ),
        Binding("d", "drill", "Drill", tooltip="A short practice on this service's exam questions", id="study.drill"),
        Binding("tab", "switch_pane", "Tree/Note", show=False, id="study.tree_note"),
    ]
    BLANK = True  # covered by the tree pane and the note (views/base.py)

    def __init__(self) -> None:
        super().__init__()
        self.service_id: str | None = None
        self._save_timer: Timer | None = None
        self._prebuild_timer: Timer | None = None
        self._exam_key: object = ()  # the finished attempts the exam lines were counted from
        self._exam: dict[str, ServiceExam] = {}

    def compose(self) -> ComposeResult:
        library = self.awstui.library
        tree = ServiceTree(library, id="tree")
        # its nodes are added before it is mounted: each one added to a mounted tree asks it for
        # a layout (~1 ms of the start for the tree's ~65 nodes, bench/startup.py)
        qs, ss, learner = self._load_states()
        tree.hide_unnoted = bool(self.awstui.store.get_setting(HIDE_UNNOTED, False))
        tree.rebuild(qs, ss, self._learner_ids(learner))
        with Vertical(id="tree-pane"):  # the filter box is mounted above the tree on the first `/`
            yield tree
        yield NoteView(library, id="note")

    # ------------------------------------------------------------------ state

    def _load_states(self) -> tuple[dict, dict, dict[str, list]]:
        store = self.awstui.store
        learner: dict[str, list] = {}
        for lq in store.learner_questions():
            learner.setdefault(lq.service, []).append(lq)
        return store.question_states(), store.service_states(), learner

    def _learner_ids(self, learner: dict[str, list]) -> dict[str, list[str]]:
        return {sid: [lq.id for lq in items] for sid, items in learner.items()}

    def _filter_box(self) -> Any:
        """The tree's filter Input, or None before the first `/` (not built at startup)."""
        found = self.query("#tree-filter")
        return found.first() if found else None

    def _refresh_exam_lines(self) -> None:
        """Count each service's exam questions and the learner's answers to them, again only when
        a finished attempt was added or removed (no finished attempt: nothing is read)."""
        store = self.awstui.store
        counts = store.attempt_counts()
        key = (counts.get("finished_max_id"), *(counts.get(str(s), 0) for s in FINISHED_STATUSES))
        if key == self._exam_key:
            return
        self._exam_key = key
        history: list[tuple[str, bool]] = []
        if key[0] is not None:  # the exam engine is imported only once there is a finished exam
            from ...exam.history import AttemptLike, answer_history

            history = answer_history(cast("list[AttemptLike]", store.attempt_results()))
        self._exam = by_service(self.awstui.library.exam, history)
        lines = {s.id: self._exam.get(s.id, ServiceExam(0)).describe() for s in self.awstui.library.services}
        self.query_one(NoteView).set_exam_lines(lines)

    def on_mount(self) -> None:
        self._refresh_exam_lines()
        tree = self.query_one(ServiceTree)
        last = self.awstui.store.get_setting("last_service")
        first = self.awstui.library.services[0].id if self.awstui.library.services else None
        start = last if isinstance(last, str) and self.awstui.library.service(last) else first
        if start:
            self._show(start)
            # the neighbours' rows are for a later key, not for the first frame: building them
            # 50 ms in landed between Ready and the settled first frame (2-10 ms, bench/startup.py)
            if self._prebuild_timer is not None:
                self._prebuild_timer.stop()
            self._prebuild_timer = self.set_timer(FIRST_PREBUILD_AFTER, self._prebuild_neighbours)
            self.call_after_refresh(tree.select_service, start)
        self.awstui.state_changed.subscribe(self, self._on_state_changed)

    def _on_state_changed(self, event: Any) -> None:
        if isinstance(event, (AttemptChanged, ExternalChange)):
            self._refresh_exam_lines()
            if isinstance(event, AttemptChanged):
                return
        if isinstance(event, (SettingChanged, ReviewChanged)):
            return  # the one setting shown here (HIDE_UNNOTED) is applied where it is toggled; no card is shown
        qs, ss, learner = self._load_states()
        self.query_one(ServiceTree).refresh_labels(qs, ss, self._learner_ids(learner))
        note = self.query_one(NoteView)
        if self.service_id:
            note.update_state(qs, ss.get(self.service_id), learner.get(self.service_id, []))

    def _show(self, service_id: str, line: int | None = None, highlight: str = "") -> None:
        service = self.awstui.library.service(service_id)
        if service is None:
            return
        drillable = bool(self._exam.get(self.service_id or "", ServiceExam(0)).total)
        self.service_id = service_id
        if drillable != bool(self._exam.get(service_id, ServiceExam(0)).total):
            self.refresh_bindings()  # `d` applies or not (footer); only then: a refresh costs a footer pass
        qs, ss, learner = self._load_states()
        self.query_one(NoteView).show(service, qs, ss.get(service_id), learner.get(service_id, []), line, highlight)
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_LAST_SERVICE_AFTER, self._remember_service)
        if self._prebuild_timer is not None:
            self._prebuild_timer.stop()
        self._prebuild_timer = self.set_timer(PREBUILD_AFTER, self._prebuild_neighbours)

    def _prebuild_neighbours(self) -> None:
        """While the learner reads, build the rows of the next and previous services in tree order
        (where j/k, n/p lead): a first visit to them is then a cache hit, ~8 ms less CPU for the
        longest note (bench/note_switch.py). One note per timer tick, so a key is never kept waiting."""
        ids = self.query_one(ServiceTree).service_ids()
        if self.service_id not in ids:
            return
        i = ids.index(self.service_id)
        qs, ss, learner = self._load_states()
        for target in (ids[(i + 1) % len(ids)], ids[i - 1]):
            service = self.awstui.library.service(target)
            if service is None:
                continue
            if self.query_one(NoteView).prebuild(service, qs, ss.get(target), learner.get(target, [])):
                self._prebuild_timer = self.set_timer(PREBUILD_AFTER, self._prebuild_neighbours)
                return  # the other one on the next tick

    def _remember_service(self) -> None:
        if self.service_id and self.awstui.store.get_setting("last_service") != self.service_id:
            self.awstui.store.set_setting("last_service", self.service_id)

    def on_unmount(self) -> None:
        self._remember_service()

    # ------------------------------------------------------------------ tree events

    def on_service_tree_highlighted(self, event: ServiceTree.Highlighted) -> None:
        data = event.data
        if data and not data.startswith("cat:") and data != self.service_id:
            self._show(data)

    def on_service_tree_selected(self, event: ServiceTree.Selected) -> None:
        data = event.data
        if data and not data.startswith("cat:"):
            self.query_one(NoteView).focus()

    def on_note_view_tick_requested(self, event: NoteView.TickRequested) -> None:
        self.awstui.store.toggle_question(event.question_id)

    async def on_service_tree_filter_requested(self, _event: ServiceTree.FilterRequested) -> None:
        box = self._filter_box()
        if box is None:
            from ..paste import OneLineInput  # on first use: not part of the start

            box = OneLineInput(placeholder="filter services (esc clears)", id="tree-filter")
            await self.query_one("#tree-pane").mount(box, before=0)
        box.display = True
        self.screen.set_focus(box)  # now, not after the next message: nothing typed goes astray
        typed = self.query_one(ServiceTree).take_typed_ahead()
        if typed:
            box.insert_text_at_cursor(typed)

    def on_input_changed(self, event: Any) -> None:
        if event.input.id != "tree-filter":
            return
        tree = self.query_one(ServiceTree)
        tree.filter_text = event.value
        qs, ss, learner = self._load_states()
        tree.rebuild(qs, ss, self._learner_ids(learner))
        ids = tree.service_ids()
        if ids and self.service_id not in ids:
            self._show(ids[0])
        if self.service_id in ids:
            self.call_after_refresh(tree.select_service, self.service_id)

    def on_input_submitted(self, event: Any) -> None:
        if event.input.id == "tree-filter":
            self.query_one(ServiceTree).focus()

    def on_key(self, event) -> None:
        if event.key != "escape":
            return
        box = self._filter_box()
        if box is not None and box.display:
            event.stop()
            box.value = ""
            box.display = False
            tree = self.query_one(ServiceTree)
            tree.focus()
            if self.service_id:
                self.call_after_refresh(tree.select_service, self.service_id)

    # ------------------------------------------------------------------ public

    def focus_widget(self) -> Any:
        return self.query_one(ServiceTree)

    def open_service(self, service_id: str, line: int | None = None, highlight: str = "") -> None:
        tree = self.query_one(ServiceTree)
        box = self._filter_box()
        if service_id not in tree.service_ids() and box is not None:
            box.value = ""
            box.display = False
        if tree.hide_unnoted and service_id not in tree.service_ids():  # a hidden one: shown, as it is open
            tree.revealed = service_id
            qs, ss, learner = self._load_states()
            tree.rebuild(qs, ss, self._learner_ids(learner))
        self._show(service_id, line, highlight)
        self.call_after_refresh(tree.select_service, service_id)
        if line is not None:
            self.query_one(NoteView).focus()

    # ------------------------------------------------------------------ actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("toggle_reviewed", "open_docs", "annotate") and self.service_id is None:
            return None
        if action == "drill" and not self._exam.get(self.service_id or "", ServiceExam(0)).total:
            return None  # greyed out: no exam question tags this service
        return True

    def action_toggle_unnoted(self) -> None:
        """`u`: hide (or show again) the services not in the learner's notes; remembered."""
        tree = self.query_one(ServiceTree)
        tree.hide_unnoted, tree.revealed = not tree.hide_unnoted, None
        self.awstui.store.set_setting(HIDE_UNNOTED, tree.hide_unnoted)
        qs, ss, learner = self._load_states()
        tree.rebuild(qs, ss, self._learner_ids(learner))
        ids = tree.service_ids()
        if ids and self.service_id not in ids:
            self._show(ids[0])
        if self.service_id in ids:
            self.call_after_refresh(tree.select_service, self.service_id)
        state = "hidden" if tree.hide_unnoted else "shown"
        self.notify(f"Services not in your notes: {state} (u)", timeout=2, markup=False)

    def action_drill(self) -> None:
        """`d`: the Practice dialog with only this service ticked; Enter starts the drill."""
        service = self.awstui.library.service(self.service_id or "")
        total = self._exam.get(self.service_id or "", ServiceExam(0)).total
        if service is None or not total:
            return
        from ...exam import ExamConfig
        from ..screens.exam_setup import ExamSetupScreen

        async def go(config: ExamConfig | None) -> None:
            if config is not None:
                await self.awstui.start_exam(config)

        screen = ExamSetupScreen(
            "practice", self.awstui.library, services=(service.id,), count=min(DRILL_QUESTIONS, total)
        )
        self.app.push_screen(screen, go)

    def action_toggle_reviewed(self) -> None:
        if self.service_id:
            now = self.awstui.store.toggle_reviewed(self.service_id)
            name = service_name(self.awstui.library, self.service_id)
            self.notify(f"{escaped(name)}: {'reviewed' if now else 'not reviewed'}", timeout=2, markup=False)

    def _step(self, delta: int) -> None:
        ids = self.query_one(ServiceTree).service_ids()
        if not ids:
            return
        i = ids.index(self.service_id) if self.service_id in ids else -delta
        target = ids[(i + delta) % len(ids)]
        self._show(target)
        self.query_one(ServiceTree).select_service(target)

    def action_next_service(self) -> None:
        self._step(1)

    def action_previous_service(self) -> None:
        self._step(-1)

    def action_open_docs(self) -> None:
        service = self.awstui.library.service(self.service_id or "")
        if service is None or not service.docs:
            return
        url = service.docs[0]
        if not safe_url(url):
            shown = escaped(url)
            self.notify(f"Refused to open {shown}: only https: links are opened", severity="warning", markup=False)
            return
        self.app.open_url(url)
        self.notify(f"Opening {url}", timeout=3, markup=False)

    def action_annotate(self) -> None:
        service = self.awstui.library.service(self.service_id or "")
        if service is None:
            return
        state = self.awstui.store.service_states().get(service.id)
        current = state.annotation if state else ""

        key = draft_key("annotation", service.id)

        def save(text: str | None) -> None:
            if text is not None and text != self.awstui.store.service_state(service.id).annotation:
                self.awstui.store.save_annotation(service.id, text)
            drop_draft(self.app, key)

        from ..screens.modals import EditorScreen

        stored = lambda: self.awstui.store.service_state(service.id).annotation  # noqa: E731 (another window may save it)
        self.app.push_screen(EditorScreen(f"Annotation: {service.name}", current, stored=stored, draft_key=key), save)

    def action_switch_pane(self) -> None:
        tree = self.query_one(ServiceTree)
        if tree.has_focus:
            self.query_one(NoteView).focus()
        else:
            tree.focus()
