"""The awstui App: one store, one library, four views in tabs."""

from __future__ import annotations

import time
from typing import Any, Callable, Iterable

from rich.text import Text
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.signal import Signal
from textual.widgets import Footer, TabbedContent, TabPane

from ..content.models import Library
from .commands import QuestionCommands, ServiceCommands, ViewCommands
from .screens.exam import ExamView
from .screens.help import HelpScreen
from .screens.problems import ProblemsScreen
from .screens.progress import ProgressView
from .screens.questions import QuestionsView
from .screens.search import SearchScreen
from .screens.study import StudyView
from .widgets.too_small import TooSmall

VIEWS = ("study", "questions", "exam", "progress")
VIEW_TITLES = {"study": "Study", "questions": "Questions", "exam": "Exam", "progress": "Progress"}
MIN_WIDTH, MIN_HEIGHT = 60, 16
EXTERNAL_POLL_SECONDS = 1.0


class AwsTuiApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "awstui"
    COMMANDS = App.COMMANDS | {ServiceCommands, QuestionCommands, ViewCommands}
    BINDINGS = [
        Binding("1", "show_view('study')", "Study", tooltip="Notes by service"),
        Binding("2", "show_view('questions')", "Questions", tooltip="Your open questions"),
        Binding("3", "show_view('exam')", "Exam", tooltip="Timed mock exams"),
        Binding("4", "show_view('progress')", "Progress", tooltip="What you have done"),
        Binding("slash", "search", "Search", tooltip="Search notes and questions"),
        Binding("question_mark", "help", "Help", tooltip="Every key of this view"),
        Binding("q", "quit_app", "Quit", tooltip="Quit (progress is always saved)"),
    ]

    def __init__(
        self,
        library: Library,
        store: Any,
        *,
        clock: Callable[[], float] = time.monotonic,
        notices: Iterable[str] = (),
        poll_external: bool = True,
    ) -> None:
        super().__init__()
        self.library = library
        self.store = store
        self.clock = clock
        self.notices = list(notices)
        self._poll_external = poll_external
        self.state_changed: Signal[Any] = Signal(self, "state-changed")
        self._unsubscribe: Callable[[], None] | None = None
        self._too_small = False
        last = store.get_setting("last_view", "study")
        self.initial_view = last if last in VIEWS else "study"

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        with TabbedContent(initial=self.initial_view, id="views"):
            with TabPane(VIEW_TITLES["study"], id="study"):
                yield StudyView()
            with TabPane(VIEW_TITLES["questions"], id="questions"):
                yield QuestionsView()
            with TabPane(VIEW_TITLES["exam"], id="exam"):
                yield ExamView()
            with TabPane(VIEW_TITLES["progress"], id="progress"):
                yield ProgressView()
        yield Footer()

    def on_mount(self) -> None:
        theme = self.store.get_setting("theme")
        if isinstance(theme, str) and theme in self.available_themes:
            self.theme = theme
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self._unsubscribe = self.store.subscribe(self._bridge)
        if self._poll_external:
            self.set_interval(EXTERNAL_POLL_SECONDS, self._poll)
        if self.library.problems or self.notices:
            self.push_screen(ProblemsScreen(self.library.problems, self.notices))
        self.call_after_refresh(self._focus_view)

    def on_unmount(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None

    def _bridge(self, event: Any) -> None:
        """Store notifications become the app's signal (the store knows nothing of Textual)."""
        self.state_changed.publish(event)

    def _poll(self) -> None:
        self.store.poll_external()

    def _remember_theme(self, theme: Any) -> None:
        self.store.set_setting("theme", theme.name)

    # ------------------------------------------------------------------ views

    @property
    def current_view(self) -> str:
        return self.query_one("#views", TabbedContent).active or "study"

    def view(self, name: str):
        return self.query_one(f"#{name}", TabPane).children[0]

    def action_show_view(self, name: str) -> None:
        if name not in VIEWS:
            return
        self.query_one("#views", TabbedContent).active = name

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        name = event.pane.id or "study"
        if self.store.get_setting("last_view") != name:
            self.store.set_setting("last_view", name)
        self.call_after_refresh(self._focus_view)

    def _focus_view(self) -> None:
        if isinstance(self.screen, Screen) and self.screen is self.screen_stack[0]:
            self.view(self.current_view).focus_default()

    def show_service(self, service_id: str, line: int | None = None) -> None:
        """Open a service's note in the Study view (from search, the palette, a question)."""
        self.action_show_view("study")
        self.view("study").open_service(service_id, line)

    def set_exam_clock(self, remaining: str | None) -> None:
        """Show the running exam's clock in its tab, so it stays visible from every view."""
        tab = self.query_one("#views", TabbedContent).get_tab("exam")
        tab.label = Text(f"Exam {remaining}") if remaining else Text(VIEW_TITLES["exam"])

    def show_question(self, question_id: str) -> None:
        self.action_show_view("questions")
        self.view("questions").select_question(question_id)

    # ------------------------------------------------------------------ app keys

    def action_search(self) -> None:
        self.push_screen(SearchScreen())

    def action_help(self) -> None:
        self.push_screen(HelpScreen(self.view(self.current_view)))

    async def action_quit_app(self) -> None:
        exam = self.view("exam")
        if exam.is_running():
            await exam.confirm_quit()
            return
        self.exit(0)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "show_view" and parameters and parameters[0] == self.current_view:
            return None  # greyed out: already there
        return True

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Start a full mock exam", "65 questions, 130 minutes", self._start_full_exam)
        yield SystemCommand("Search notes and questions", "Find a bullet or a question", self.action_search)

    def _start_full_exam(self) -> None:
        self.action_show_view("exam")
        self.view("exam").start_full_exam()

    # ------------------------------------------------------------------ tiny terminals

    def on_resize(self, event: Any) -> None:
        small = event.size.width < MIN_WIDTH or event.size.height < MIN_HEIGHT
        if small and not self._too_small:
            self._too_small = True
            self.push_screen(TooSmall(MIN_WIDTH, MIN_HEIGHT))
        elif not small and self._too_small:
            self._too_small = False
            if isinstance(self.screen, TooSmall):
                self.pop_screen()
