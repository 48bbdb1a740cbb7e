"""Defence in depth (issue 10 item 7): content and learner text full of terminal control
characters is drawn on every view, dialog and the palette, and no C0/C1 control from it reaches
what the driver would write.

The library is built here, past the loader (which refuses control characters), and the store
is written through its API, past the importer: what is checked is the drawing side alone.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import UTC, datetime, timedelta

from rich.text import Text
from textual.widgets import Static

from awstui.content import load_library
from awstui.content.models import Library, Problem
from awstui.exam import custom_config, practice_config
from awstui.paths import content_dirs
from awstui.state import open_store
from awstui.tui.screens.modals import AskScreen, ConfirmScreen, EditorScreen, PickScreen

from .conftest import SIZE
from .helpers import screen_text

# ESC[2J (clear screen), an OSC 8 file:// hyperlink ended by BEL, CSI as a C1 byte, NUL, BEL,
# TAB, CR, DEL, a C1 NEL and a bidi override (not a control: it must not crash anything).
HOSTILE = "\x1b[2J\x1b]8;;file:///etc/passwd\x07link\x1b]8;;\x07 \x9b31m \x00 \x07 \t \r \x7f \x85 \u202eevil"
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # every C0/C1 control but tab and newline
# What content could make the terminal do, found in the raw bytes the driver would write (the
# driver's own escapes are SGR colours and cursor moves, never any of these).
PAYLOADS = ("\x1b[2J", "\x1b]8;;file", "\x9b", "\x00", "\x07", "\r", "\x7f", "\x85")


def hostile_library(data_dir) -> Library:
    lib = load_library(content_dirs(data_dir))
    service = next(s for s in lib.services if lib.questions_for(s.id) and len(lib.exam_for(s.id)) >= 3)
    sid = service.id
    categories = tuple(
        dataclasses.replace(c, name=f"Cat {HOSTILE}") if c.id == service.category else c for c in lib.categories
    )
    services = tuple(
        dataclasses.replace(s, name=f"Svc {HOSTILE}", aliases=(HOSTILE,)) if s.id == sid else s for s in lib.services
    )
    questions = tuple(dataclasses.replace(q, text=f"Open {HOSTILE}") if sid in q.services else q for q in lib.questions)
    exam = tuple(
        dataclasses.replace(
            q,
            stem=f"Stem {HOSTILE}",
            options=tuple(f"Opt{i} {HOSTILE}" for i in range(len(q.options))),
            explanation=f"Because {HOSTILE}",
            references=(f"https://docs.aws.amazon.com/{HOSTILE}",),
        )
        if sid in q.services
        else q
        for q in lib.exam
    )
    problems = (Problem(path=f"p{HOSTILE}", line=1, column=1, message=f"m{HOSTILE}", key=HOSTILE),)
    return Library(categories=categories, services=services, questions=questions, exam=exam, problems=problems)


def leaks(app) -> list[str]:
    """Every drawn segment of the screen holding a control character, and every content
    payload in the raw terminal output of a full repaint."""
    compositor = app.screen._compositor
    found = [
        repr(seg.text)
        for strip in compositor.render_strips()
        for seg in strip
        if not seg.control and CONTROL.search(seg.text)
    ]
    raw = compositor.render_full_update().render_segments(app.console)
    found += [repr(p) for p in PAYLOADS if p in raw]
    return found


class Checker:
    def __init__(self, app, pilot):
        self.app, self.pilot, self.seen = app, pilot, []

    async def check(self, where: str) -> None:
        await self.pilot.pause()
        await self.pilot.pause()
        self.seen.append((where, type(self.app.screen).__name__))
        found = leaks(self.app)
        assert not found, (where, found)


async def test_the_check_fails_on_a_raw_escape(make_app):
    """Negative control: a Static drawing the hostile text as it is is caught."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not leaks(app)
        await app.screen.mount(Static(Text(HOSTILE)))
        await pilot.pause()
        found = leaks(app)
        assert "'\\x1b[2J'" in found and "'\\x9b'" in found, found


async def test_no_control_character_reaches_the_terminal(make_app, data_dir):
    library = hostile_library(data_dir)
    sid = next(s.id for s in library.services if s.name.startswith("Svc"))
    app = make_app(library=library)
    own = app.store.add_question(sid, f"Own {HOSTILE}")
    app.store.save_answer(own, f"Answer {HOSTILE}")
    app.store.save_annotation(sid, f"Note {HOSTILE}")
    q_open = next(q.id for q in library.questions if sid in q.services)
    app.store.save_answer(q_open, f"Answer {HOSTILE}")
    hostile_q = next(q.id for q in library.exam if q.stem.startswith("Stem"))
    yesterday = datetime.now(UTC) - timedelta(days=1)
    with open_store(data_dir, now=lambda: yesterday, backup=False) as past:
        past.reviews.grade("exam", hostile_q, 1)  # due now, in review mode
    async with app.run_test(size=SIZE, notifications=True, tooltips=True) as pilot:
        c = Checker(app, pilot)
        await c.check("problems")
        await pilot.press("escape")
        await app.show_service(sid)
        await c.check("study")
        await pilot.press("r")
        await c.check("study, reviewed toast")
        assert "reviewed" in screen_text(app)  # the toast is drawn (and checked); the footer says "Reviewed"
        await pilot.press("e")
        await c.check("annotation editor")
        assert isinstance(app.screen, EditorScreen)
        await pilot.press("escape")
        await pilot.press("question_mark")
        await c.check("help")
        await pilot.press("escape")
        await pilot.press("slash", *"evil")
        await c.check("search")
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await c.check("palette")
        await pilot.press(*"Svc")
        await c.check("palette search")
        await pilot.press("escape")
        await pilot.pause()
        app.action_search()
        await pilot.pause()
        await pilot.press(*"Opt0")  # only the hostile exam questions' options hold it
        await c.check("search, exam questions")
        await pilot.press("enter")
        await c.check("exam question, read-only")
        assert type(app.screen).__name__ == "ExamQuestionScreen"
        await pilot.press("escape")
        await app.show_service(sid)
        await pilot.press("d")
        await c.check("drill setup")
        assert type(app.screen).__name__ == "ExamSetupScreen"
        await pilot.press("escape")
        await pilot.press("u")
        await c.check("study, unnoted hidden")
        await pilot.press("u")
        await pilot.pause()

        await pilot.press("2")
        await c.check("questions")
        app.view("questions").select_question(own)
        await c.check("questions, own")
        await pilot.press("enter")
        await c.check("answer editor")
        assert isinstance(app.screen, EditorScreen)
        await pilot.press("escape")
        await pilot.press("d")
        await c.check("confirm delete")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.press("s")
        await c.check("service pick")
        assert isinstance(app.screen, PickScreen)
        await pilot.press(*"Svc")
        await c.check("service pick, filtered")
        await pilot.press("escape")
        await pilot.press("a", *"Svc")
        await pilot.pause()
        await pilot.press("enter")
        await c.check("ask a new question")
        assert isinstance(app.screen, AskScreen)
        await pilot.press("escape")

        await pilot.press("3")
        await c.check("exam home")
        await pilot.press("c")
        await c.check("custom exam setup")
        await pilot.press("escape")
        exam = app.view("exam")
        exam._start(practice_config(1, services=[sid]))
        await c.check("practice")
        await pilot.press("a")
        await c.check("practice, revealed")
        await pilot.press("s")
        await c.check("practice submit")
        await pilot.press("y")
        await c.check("practice results")
        await pilot.press("b")
        exam._start(custom_config(3, 10, services=[sid], seed=1))
        await c.check("exam")
        await pilot.press("a", "f")
        await c.check("exam, answered")
        await pilot.press("r")
        await c.check("exam review")
        await pilot.press("escape")
        await pilot.press("g")
        await c.check("exam grid")
        await pilot.press("escape")
        await pilot.press("s")
        await c.check("exam submit")
        await pilot.press("y")
        await c.check("exam results")
        await pilot.press("b")
        await c.check("exam home with history")
        await pilot.press("v")
        await c.check("review, a hostile exam question")
        assert exam.query_one("#exam-review-mode").item.qid == hostile_q
        await pilot.press("a", "enter")
        await c.check("review, feedback")
        await pilot.press("enter")
        while exam.query_one("#exam-review-mode").item.kind == "exam":  # the exams above: due again later
            await pilot.press("a", "enter", "enter")
        await c.check("review, own card")
        await pilot.press("space")
        await c.check("review, own card's back")
        await pilot.press("l")
        await c.check("review limits")
        await pilot.press("escape", "question_mark")
        await c.check("review help")
        await pilot.press("escape", "escape")

        await pilot.press("4")
        await c.check("progress")
    assert len(c.seen) >= 32


async def test_the_editor_shows_controls_replaced_and_keeps_untouched_text(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        results = []
        app.push_screen(EditorScreen("t", "a\x1b[2Jb\tc\nd"), results.append)
        await pilot.pause()
        from textual.widgets import TextArea

        assert app.screen.query_one(TextArea).text == "a\ufffd[2Jb\tc\nd"
        await pilot.press("escape")
        await pilot.pause()
        assert results == ["a\x1b[2Jb\tc\nd"]  # not edited: stored as it was
        app.push_screen(EditorScreen("t", "a\x1b"), results.append)
        await pilot.pause()
        await pilot.press("x", "escape")
        await pilot.pause()
        assert results[-1] == "a\ufffdx"  # edited: saved as shown
