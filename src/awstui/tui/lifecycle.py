"""How the app ends, and what it does when the process is stopped and continued.

Every way out goes through ``quit_app``: ``q``, ``ctrl+q``, the palette's Quit and the
too-small screen's ``q`` (the app's ``action_quit``), and SIGTERM / SIGHUP. It keeps every open
editor's text as a draft, and during an exam it asks first ("Quit during the exam?"); a signal
cannot ask: it saves and exits. Exiting through ``App.exit`` (never the signal's default
action) lets Textual restore the terminal: the alternate screen, the mouse, the cursor.

A stopped process (SIGSTOP, ``ctrl+z``) is not the learner's time: the clock runs only while
awstui is open. ``StopLog`` notes when the process is continued (SIGCONT, from the signal
handler itself, so before any exam tick can see the jump); the running exam takes the time
between its last tick and then off the clock (``ExamRun``).
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Callable
from typing import Any, Protocol, cast

from textual.app import App

from .drafts import flush_drafts
from .stops import StopLog

QUIT_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


QUIT_EXAM_ID = "quit-exam"  # the id of the "Quit during the exam?" question: asked once at a time


class _RunsExam(Protocol):
    def exam_running(self) -> bool: ...

    def pause_and_save(self) -> None: ...

    def save_now(self) -> None: ...


class _HasViews(Protocol):
    def view(self, name: str) -> Any: ...


def _exam(app: App[Any]) -> _RunsExam | None:
    """The exam view if an exam runs in it (it only runs in a built exam view)."""
    exam = cast("_HasViews", app).view("exam")
    return cast("_RunsExam", exam) if exam is not None and exam.exam_running() else None


def save_all(app: App[Any]) -> None:
    """Everything not saved yet, saved: the open editors' drafts, the running exam's clock."""
    flush_drafts(app)
    exam = _exam(app)
    if exam is not None:
        exam.pause_and_save()


def quit_app(app: App[Any], *, ask: bool = True, code: int = 0) -> None:
    """THE way out: save, and exit with ``code``. During an exam, ``ask`` first (declining
    changes nothing; the editors' drafts are kept either way)."""
    flush_drafts(app)
    if ask and _exam(app) is not None:
        if app.screen.id == QUIT_EXAM_ID:
            return
        from .screens.modals import ConfirmScreen

        confirm = ConfirmScreen(
            "Quit during the exam?",
            "Your answers and the time used are saved; the clock stops until you resume.",
            yes="Quit",
            no="Stay",
        )
        confirm.id = QUIT_EXAM_ID
        app.push_screen(confirm, lambda yes: _close(app, code, ask) if yes else None)
        return
    _close(app, code, ask)


class _KeepsUnsaved(Protocol):
    def unsaved_changes(self) -> str | None: ...


def _close(app: App[Any], code: int, ask: bool = False) -> None:
    """Save, then exit; with ``ask``, changes the store could not write yet (a full disk: kept in
    memory, ``AwsTuiApp.unsaved_changes``) are said first and the learner chooses. A signal
    cannot ask: what is lost is printed after the app (``cli/app.py``). Asking saves without
    pausing the exam (as ``ctrl+z`` does): "Stay" goes back to an exam still running and held."""
    if ask and hasattr(app, "unsaved_changes"):
        before_suspend(app)
        unsaved = cast("_KeepsUnsaved", app).unsaved_changes()
        if unsaved is not None:
            from .screens.modals import ConfirmScreen

            confirm = ConfirmScreen("Quit without saving?", unsaved, yes="Quit anyway", no="Stay")
            app.push_screen(confirm, lambda yes: _exit(app, code) if yes else None)
            return
    _exit(app, code)


def _exit(app: App[Any], code: int) -> None:
    save_all(app)
    app.exit(code)


def before_suspend(app: App[Any]) -> None:
    """``ctrl+z``: save what there is before the process stops (it may never be continued)."""
    flush_drafts(app)
    exam = _exam(app)
    if exam is not None:
        exam.save_now()


def install_signals(app: App[Any], stops: StopLog) -> Callable[[], None]:
    """SIGTERM and SIGHUP quit as ``quit_app(ask=False)`` does; SIGCONT is noted in ``stops``.
    Returns the undo.

    Textual's driver handles SIGTSTP (``ctrl+z``: it gives the terminal back, then stops) and
    SIGCONT (it takes the terminal again). It takes it again on every SIGCONT, also after a plain
    SIGSTOP that never gave it back: a second input thread then reads the keys beside the first,
    and keys went missing here (the "y" of "Quit during the exam?", tests/process). So its SIGCONT
    handler runs only after its SIGTSTP one did; after a plain stop the screen is repainted."""
    loop = asyncio.get_running_loop()
    installed: list[int] = []
    for sig in QUIT_SIGNALS:
        with contextlib.suppress(ValueError, RuntimeError, OSError):  # not the main thread, say
            loop.add_signal_handler(sig, lambda: app.call_later(quit_app, app, ask=False))
            installed.append(sig)
    previous: dict[int, Any] = {}
    if not hasattr(signal, "SIGCONT"):
        return lambda: _undo(loop, installed, previous)
    prev_stop, prev_cont = signal.getsignal(signal.SIGTSTP), signal.getsignal(signal.SIGCONT)
    suspended = False

    def on_stop(signum: int, frame: Any) -> None:
        nonlocal suspended
        suspended = True  # before the driver's handler, which stops the process inside it
        if callable(prev_stop):
            prev_stop(signum, frame)

    def on_continue(signum: int, frame: Any) -> None:
        nonlocal suspended
        stops.continued()
        if suspended or not callable(prev_stop):
            suspended = False
            if callable(prev_cont):
                prev_cont(signum, frame)
        else:
            loop.call_soon_threadsafe(app.refresh)  # safe from a signal handler

    # Back from ctrl+z the driver has re-entered the alternate screen, blank: draw all of it
    # (Textual only publishes the resume; what did not change stayed blank until a key).
    app.app_resume_signal.subscribe(app, lambda _app: app.refresh(layout=True))
    with contextlib.suppress(ValueError, OSError):
        if callable(prev_stop):
            previous[signal.SIGTSTP] = prev_stop
            signal.signal(signal.SIGTSTP, on_stop)
        previous[signal.SIGCONT] = prev_cont
        signal.signal(signal.SIGCONT, on_continue)
    return lambda: _undo(loop, installed, previous)


def _undo(loop: asyncio.AbstractEventLoop, installed: list[int], previous: dict[int, Any]) -> None:
    for sig in installed:
        with contextlib.suppress(ValueError, RuntimeError, OSError):
            loop.remove_signal_handler(sig)
    for sig, handler in previous.items():
        with contextlib.suppress(ValueError, OSError, TypeError):
            signal.signal(sig, handler)
