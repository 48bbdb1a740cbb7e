"""The awstui App: one store, one library, four views in tabs.

Startup builds only the view on show (usually Study); the others are imported, composed and
subscribed to the store the first time they are shown or needed (``ensure_view``). Building
all four up front tripled the time to the first frame (bench/startup.py), and a view nobody
opened has nothing to keep up to date. Screens other than the views are imported on first use
for the same reason.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, cast

from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.reactive import Reactive
from textual.screen import Screen
from textual.signal import Signal
from textual.widget import Widget

from ..content.models import Library
from ..state.events import ExternalChange, ReviewChanged, UnsavedChanges
from ._internals import drop_startup_repaint, install_paste_parser
from .commands import QuestionCommands, ServiceCommands, ViewCommands
from .css_cache import CssCache
from .lifecycle import before_suspend, install_signals, quit_app
from .stops import StopLog
from .views.base import ViewSwitcher
from .views.registry import VIEW_NAMES, VIEWS, spec
from .widgets.keys_footer import KeysFooter
from .widgets.save_notice import SaveNotice, notice_text
from .widgets.view_tabs import ViewTabs, exam_tab_label

if TYPE_CHECKING:
    from textual.driver import Driver
    from textual.geometry import Size
    from textual.timer import Timer

    from ..state import Store
    from .reach import AwstuiApp
    from .views.base import View
    from .views.exam import ExamView
    from .views.progress import ProgressView
    from .views.questions import QuestionsView
    from .views.study import StudyView

MIN_WIDTH, MIN_HEIGHT = 60, 16
NARROW_BELOW, WIDE_FROM = 100, 160  # columns: -narrow below 100, -medium to 159, -wide from 160
TALL_FROM = 30  # rows: -short below 30, -tall from 30
EXTERNAL_POLL_SECONDS = 1.0
FIRST_COUNT_AFTER = 0.5  # seconds after the first frame: the Exam tab's count of reviews due
COUNT_EVERY = 60.0  # seconds: the count again, as cards come due with time (and the day turns)
SAVE_RETRY_SECONDS = 5.0  # how often changes kept in memory (a full disk) are tried again


class MainScreen(Screen):
    """The app's screen: Textual's, except that moving the focus does not repaint all of it.

    ``Screen.focused`` is a reactive that repaints the whole screen on every change (~15-25 ms
    of CPU here: a full frame on every view switch, bench/view_switch.py), though what a focus
    change alters is the look of the widgets that gain or lose it, which restyle and repaint
    themselves through their ``:focus`` rules."""

    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
    BLANK = True  # covered by the tabs, the views and the footer (views/base.py)
    _resumed = False

    def on_screen_resume(self, event: Any) -> None:
        """The first resume, as the app starts: every node was styled as it mounted, a moment ago,
        and Textual would style the whole screen again (~5 ms, bench/startup.py). Later resumes,
        after a dialog closes, restyle as Textual does."""
        if self._resumed:
            return
        self._resumed = True
        event.refresh_styles = False


class AwsTuiApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "awstui"
    # classes Textual sets on the screen by terminal size; app.tcss lays the views out by them
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (NARROW_BELOW, "-medium"), (WIDE_FROM, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (TALL_FROM, "-tall")]
    COMMANDS = App.COMMANDS | {ServiceCommands, QuestionCommands, ViewCommands}
    BINDINGS = [
        *(view.binding() for view in VIEWS),
        Binding("slash", "search", "Search", tooltip="Search notes and questions", id="app.search"),
        Binding("question_mark", "help", "Help", tooltip="Every key of this view", id="app.help"),
        Binding("q", "quit", "Quit", tooltip="Quit (progress is always saved)", id="app.quit"),
        Binding(
            "ctrl+z", "suspend_process", "Suspend", show=False, tooltip="To the shell; fg returns", id="app.suspend"
        ),
    ]

    def __init__(
        self,
        library: Library,
        store: Store,
        *,
        clock: Callable[[], float] = time.monotonic,
        notices: Iterable[str] = (),
        poll_external: bool = True,
        on_started: Callable[[], None] | None = None,
        css_cache: CssCache | None = None,
    ) -> None:
        super().__init__()
        self._on_started = on_started  # called once, after the first frame has settled
        self.library = library
        self.store = store
        store.keep_unsaved_changes()  # a full disk or a read-only file: kept in memory, never a crash
        self.clock = clock
        self.notices = list(notices)
        self._poll_external = poll_external
        self.state_changed: Signal[Any] = Signal(self, "state-changed")
        self._unsubscribe: Callable[[], None] | None = None
        self._too_small = False
        self.stops = StopLog(clock)  # when the process was continued after a stop (lifecycle.py)
        self._undo_signals: Callable[[], None] | None = None
        self._save_retry: Timer | None = None
        self._exam_clock: str | None = None  # the running exam's clock, in the Exam tab
        self._reviews_due = 0  # cards due today, in the Exam tab (counted after the first frame)
        theme = store.get_setting("theme")
        if isinstance(theme, str) and theme in self.available_themes:
            self.theme = theme
        self._css_cache = css_cache or CssCache(None)  # the CSS an earlier start parsed (css_cache.py)
        last = store.get_setting("last_view", "study")
        self.initial_view = last if last in VIEW_NAMES else "study"

    def get_driver_class(self) -> type[Driver]:
        install_paste_parser()  # pasted text kept whole and in order (tui/paste.py)
        return super().get_driver_class()

    # ------------------------------------------------------------------ layout

    def get_default_screen(self) -> Screen:
        # The breakpoint classes from the start: Textual sets them on the first Resize, after the
        # first frame was laid out and painted without them, and then restyles and repaints the
        # whole screen (~10 ms, bench/startup.py). The Resize finds them set and changes nothing.
        # The CSS kept: before anything is styled, after a theme's variables are in (Load's refresh_css).
        self._css_cache.load_into(self.stylesheet)
        return MainScreen(id="_default", classes=" ".join(self.breakpoint_classes(self.size)))

    def breakpoint_classes(self, size: Size) -> list[str]:
        """The classes Textual's breakpoints give the screen at ``size`` (one per direction)."""
        found = []
        for length, points in ((size.width, self.HORIZONTAL_BREAKPOINTS), (size.height, self.VERTICAL_BREAKPOINTS)):
            name = next((name for least, name in sorted(points or [], reverse=True) if length >= least), None)
            if name is not None:
                found.append(name)
        return found

    def compose(self) -> ComposeResult:
        yield ViewTabs(((view.name, view.title) for view in VIEWS), self.initial_view, id="tabs")
        with ViewSwitcher(initial=self.initial_view, id="views"):  # holds the views built so far
            yield self._new_view(self.initial_view)
        yield SaveNotice(id="save-notice")
        yield KeysFooter()

    @staticmethod
    def _new_view(name: str) -> View:
        view = spec(name).load()()
        view.id = name
        return view

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.state_changed.subscribe(self, self._count_on_change)
        self._unsubscribe = self.store.subscribe(self._bridge)
        if not self.is_headless:  # a real terminal (or browser): SIGTERM/SIGHUP save and restore it
            self._undo_signals = install_signals(self, self.stops)
        if self._poll_external:
            self.set_interval(EXTERNAL_POLL_SECONDS, self._poll)
        self._save_retry = self.set_interval(SAVE_RETRY_SECONDS, self.retry_saves, pause=True)
        self._show_unsaved(self.store.unsaved())
        if self.library.problems or self.notices:
            from .screens.problems import ProblemsScreen

            self.push_screen(ProblemsScreen(self.library.problems, self.notices))
        if self.initial_view != "exam" and self.store.in_progress_attempt() is not None:
            self.call_after_refresh(self.ensure_view, "exam")  # the exam view offers to resume it
        self._focus_view(now=True)

    def on_ready(self) -> None:
        drop_startup_repaint(self.screen)  # one full-screen repaint for nothing (see _internals)
        self.call_after_refresh(self._started)
        # the count needs the exam engine's import (~15 ms and 2 MB, bench/startup.py): not before
        # the settled first frame, as the Study view's neighbours wait (views/study.py)
        self.set_timer(FIRST_COUNT_AFTER, self.count_reviews_due)
        self.set_interval(COUNT_EVERY, self.count_reviews_due)

    def _started(self) -> None:
        self._css_cache.save_from(self.stylesheet)
        callback, self._on_started = self._on_started, None
        if callback is not None:
            callback()

    def on_unmount(self) -> None:
        self._css_cache.save_from(self.stylesheet)  # the CSS of the views opened since: for the next start
        for undo in (self._undo_signals, self._unsubscribe):
            if undo is not None:
                undo()
        self._undo_signals = self._unsubscribe = None

    def _bridge(self, event: Any) -> None:
        """Store notifications become the app's signal (the store knows nothing of Textual)."""
        if isinstance(event, UnsavedChanges):
            self._show_unsaved(event)  # not a change of the state: the views have nothing to redraw
            return
        self.state_changed.publish(event)

    # ------------------------------------------------------------------ changes that cannot be saved

    def _show_unsaved(self, status: UnsavedChanges) -> None:
        """The notice stays while changes are kept in memory; the retry runs only then."""
        notice = self.query_one_optional(SaveNotice)
        if notice is None:
            return
        was = notice.status.count
        notice.show(status, SAVE_RETRY_SECONDS)
        if self._save_retry is not None:
            (self._save_retry.resume if status.count else self._save_retry.pause)()
        if status.count and not was:  # a toast too: the line may be under a dialog
            message = notice_text(status, SAVE_RETRY_SECONDS).plain
            self.notify(message, title="Not saved", severity="error", timeout=10, markup=False)
        elif was and not status.count and not status.taken_back:
            self.notify("The changes kept in memory are saved now.", title="Saved", markup=False)

    def retry_saves(self) -> bool:
        """Try the changes kept in memory again (every SAVE_RETRY_SECONDS while there are any)."""
        return self.store.save_unsaved()

    def unsaved_changes(self) -> str | None:
        """What quitting now would lose: None when everything is saved (after one more try), else
        a sentence for the learner. (The hook for every way out of the app.)"""
        if self.store.save_unsaved():
            return None
        status = self.store.unsaved()
        n = status.count
        return (
            f"{n} change{'s' if n != 1 else ''} could not be saved: {status.reason or 'the store cannot write'}. "
            "Quitting now loses them. Free some space and wait for the notice to go, or quit anyway."
        )

    def _poll(self) -> None:
        self.store.poll_external()

    def _remember_theme(self, theme: Any) -> None:
        self.store.set_setting("theme", theme.name)

    # ------------------------------------------------------------------ views

    @property
    def current_view(self) -> str:
        return self.query_one("#views", ViewSwitcher).current or "study"

    def view(self, name: str) -> View | None:
        """The view ``name`` if it has been built (shown or needed once), else None."""
        spec(name)  # KeyError for a name that is not a view
        found = next((v for v in self.query_one("#views", ViewSwitcher).children if v.id == name), None)
        return cast("View | None", found)

    async def ensure_view(self, name: str) -> View:
        """The view ``name``, built (composed and mounted, hidden) first if it never was."""
        if self.view(name) is None:
            view = self._new_view(name)
            view.display = False  # shown by the switcher when it becomes the current view
            await self.query_one("#views", ViewSwitcher).mount(view)
            return view
        return cast("View", self.view(name))

    async def action_show_view(self, name: str) -> None:
        if name not in VIEW_NAMES:
            return
        view = await self.ensure_view(name)
        if name == self.current_view:
            return
        view.before_show()
        self.query_one("#views", ViewSwitcher).current = name
        self.query_one(ViewTabs).active = name
        self.refresh_bindings()  # the key of the view on show is greyed out
        if self.store.get_setting("last_view") != name:
            self.store.set_setting("last_view", name)
        self._focus_view(now=True)  # now: keys typed right after the switch go to the new view

    def _focus_view(self, now: bool = False) -> None:
        if self.screen is self.screen_stack[0]:
            view = self.view(self.current_view)
            if view is None:
                return
            if now:
                # Widget.focus() applies the focus a message later: at startup that is after the
                # first frame (one more layout and frame), on a switch keys typed at once would
                # still reach the view left behind
                self.screen.set_focus(view.focus_widget(), scroll_visible=False)
            else:
                view.focus_default()

    async def show_service(self, service_id: str, line: int | None = None, highlight: str = "") -> None:
        """Open a service's note in the Study view (from search, the palette, a question)."""
        await self.action_show_view("study")
        cast("StudyView", self.view("study")).open_service(service_id, line, highlight)

    def set_exam_clock(self, remaining: str | None) -> None:
        """Show the running exam's clock in its tab, so it stays visible from every view."""
        self._exam_clock = remaining
        for tabs in self.query(ViewTabs):  # (none left while the app closes)
            tabs.set_label("exam", exam_tab_label(spec("exam").title, remaining, self._reviews_due))

    def _count_on_change(self, event: Any) -> None:
        if isinstance(event, ReviewChanged | ExternalChange):  # (an exam's reviews: ReviewChanged too)
            self.count_reviews_due()  # in the frame of the grade that changed it

    def count_reviews_due(self) -> None:
        """The number of reviews due today, in the Exam tab (kept up to date on store changes)."""
        from ..exam.review_queue import due_today

        self._reviews_due = due_today(self.store)
        self.set_exam_clock(self._exam_clock)

    async def show_question(self, question_id: str) -> None:
        await self.action_show_view("questions")
        cast("QuestionsView", self.view("questions")).select_question(question_id)

    # ------------------------------------------------------------------ app keys

    def action_search(self) -> None:
        from .screens.search import SearchScreen

        self.push_screen(SearchScreen())

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        self.push_screen(HelpScreen(self.view(self.current_view)))

    async def action_quit(self) -> None:
        """``q``, ``ctrl+q``, the palette's Quit, the too-small screen's ``q``: all one way out."""
        quit_app(self)

    def action_suspend_process(self) -> None:
        before_suspend(self)  # saved first: a stopped process may never be continued
        super().action_suspend_process()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "show_view" and parameters and parameters[0] == self.current_view:
            return None  # greyed out: already there
        return True

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Start a full mock exam", "65 questions, 130 minutes", self._start_full_exam)
        yield SystemCommand("Review due questions", "Spaced repetition: exam questions, your answers", self._review)
        yield SystemCommand("Search notes and questions", "Find a bullet or a question", self.action_search)
        yield SystemCommand(
            "Hide or show services not in your notes", "The Study tree's u key (remembered)", self._toggle_unnoted
        )
        yield SystemCommand("Set the exam date", "Progress plans each day to it (its e key)", self._set_exam_date)

    async def _toggle_unnoted(self) -> None:
        await self.action_show_view("study")
        cast("StudyView", self.view("study")).action_toggle_unnoted()

    async def _set_exam_date(self) -> None:
        await self.action_show_view("progress")
        cast("ProgressView", self.view("progress")).action_exam_date()

    async def start_exam(self, config: Any) -> None:
        """Start an exam of ``config`` (an ``ExamConfig``) in the Exam view (a drill from Study)."""
        await self.action_show_view("exam")
        cast("ExamView", self.view("exam")).start(config)

    async def _review(self) -> None:
        await self.action_show_view("exam")
        cast("ExamView", self.view("exam")).open_review()

    async def _start_full_exam(self) -> None:
        await self.action_show_view("exam")
        cast("ExamView", self.view("exam")).start_full_exam()

    # ------------------------------------------------------------------ tiny terminals

    def on_resize(self, event: Any) -> None:
        small = event.size.width < MIN_WIDTH or event.size.height < MIN_HEIGHT
        if small == self._too_small:
            return
        from .screens.too_small import TooSmall  # (imported on first use: most starts never need it)

        self._too_small = small
        if small:
            self.push_screen(TooSmall(MIN_WIDTH, MIN_HEIGHT))
        elif isinstance(self.screen, TooSmall):
            self.pop_screen()


if TYPE_CHECKING:

    def _reach_is_this_app(app: AwsTuiApp) -> AwstuiApp:
        return app  # mypy checks here that the app has every member ``reach`` promises
