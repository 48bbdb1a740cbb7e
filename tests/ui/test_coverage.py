"""The tree covers the exam: services not in the learner's notes, each service's exam questions
and a drill of them, the Practice dialog's left-out line (issue 11)."""

from __future__ import annotations

import dataclasses

from awstui.content import load_library
from awstui.content.models import ExamQuestion
from awstui.paths import content_dirs
from awstui.tui.screens.exam_setup import ExamSetupScreen
from awstui.tui.screens.modals import EditorScreen
from awstui.tui.widgets.note_view import NoteView
from awstui.tui.widgets.service_tree import LEGEND, ServiceTree

from .conftest import SIZE


def unnoted_ids(app) -> list[str]:
    return [s.id for s in app.library.services if not s.notes]


async def test_services_not_in_the_notes_are_dimmed_and_say_so(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        tree = app.query_one(ServiceTree)
        missing = unnoted_ids(app)
        assert missing  # the bank tags services the learner's notes do not cover
        noted = next(s.id for s in app.library.services if s.notes)
        assert tree.service_row(missing[0]).label.style == "dim"
        assert tree.service_row(noted).label.style == ""
        legend = [n for n in tree.rows if n.data == LEGEND]
        assert legend and "not in your notes yet" in str(legend[0].label)
        await app.show_service(missing[0])
        await pilot.pause()
        assert "Not in your notes yet: press e to annotate it." in app.query_one(NoteView).plain_text


async def test_u_hides_them_and_the_setting_is_remembered(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        total = len(app.library.services)
        missing = unnoted_ids(app)
        await pilot.press("u")
        await pilot.pause()
        tree = app.query_one(ServiceTree)
        assert len(tree.service_ids()) == total - len(missing)
        assert not set(missing) & set(tree.service_ids())
        assert app.store.get_setting("hide_unnoted") is True
        legend = next(n for n in tree.rows if n.data == LEGEND)
        assert f"{len(missing)} not in your notes hidden (u shows)" in str(legend.label)
    app = make_app()  # reopened: still hidden; u shows them again
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        tree = app.query_one(ServiceTree)
        assert len(tree.service_ids()) == total - len(missing)
        await pilot.press("u")
        await pilot.pause()
        assert len(tree.service_ids()) == total
        assert app.store.get_setting("hide_unnoted") is False


async def test_an_unnoted_service_can_be_annotated(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        sid = unnoted_ids(app)[0]
        await app.show_service(sid)
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        app.screen.query_one("TextArea").text = "my own words [b]not markup[/b]"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.store.service_states()[sid].annotation == "my own words [b]not markup[/b]"
        assert "my own words [b]not markup[/b]" in app.query_one(NoteView).plain_text
        assert app.query_one(ServiceTree).service_row(sid).label.style == ""  # the learner's now


async def test_note_shows_exam_questions_and_accuracy(make_app, clock):
    from awstui.exam import ExamSession, custom_config

    app = make_app()
    sid = "lambda"
    total = len(app.library.exam_for(sid))
    s = ExamSession.start(app.library.exam, custom_config(3, 10, services=[sid], seed=5), clock=clock)
    aid = app.store.create_attempt(**s.to_record().create_kwargs())
    first = s.view(0)
    s.answer([o.key for o in first.options if o.original_index in s.question(0).correct_indices], at=0)
    fin = s.submit()
    app.store.finish_attempt(aid, fin.status, fin.result.to_dict(), fin.time_used_s)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.show_service(sid)
        await pilot.pause()
        # unanswered questions are left out of the history: 1 answered, right
        assert f"{total} exam questions · 1 answered · 100% right   d drills them" in app.query_one(NoteView).plain_text
        other = next(x.id for x in app.library.services if x.id != sid and app.library.exam_for(x.id))
        await app.show_service(other)
        await pilot.pause()
        assert "none answered yet" in app.query_one(NoteView).plain_text


async def test_d_drills_the_service_through_the_practice_dialog(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.show_service("sqs")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ExamSetupScreen) and app.screen.mode == "practice"
        ticked = app.screen.query_one("#setup-services").selected
        assert ticked == ["sqs"]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.current_view == "exam"
        session = app.view("exam").session
        assert session is not None and len(session) == 10
        assert session.config.mode == "practice" and session.config.services == ("sqs",)
        assert all("sqs" in session.question(i).services for i in range(len(session)))


def with_untagged(data_dir) -> object:
    library = load_library(content_dirs(data_dir, None))
    extra = tuple(
        ExamQuestion(
            id=f"imp-x-{n}",
            domain="unclassified",
            services=(),
            stem=f"Imported question {n}?",
            options=("a", "b", "c", "d"),
            answer=("a",),
        )
        for n in range(12)
    )
    return dataclasses.replace(library, exam=library.exam + extra)


async def test_setup_dialog_says_what_a_filter_leaves_out(make_app, data_dir):
    app = make_app(library=with_untagged(data_dir))
    n = len(app.library.exam)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("3")  # the Exam view is built on its first show: its keys after that
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExamSetupScreen)
        line = screen.query_one("#setup-left-out")
        assert str(line.content) == f"{n} questions match"
        services = screen.query_one("#setup-services")
        services.deselect("(none)")
        await pilot.pause()
        assert str(line.content) == (
            f"{n - 12} questions match; left out: 12 without services (tick 'Without services' to keep them)"
        )
        services.deselect_all()
        services.select("(none)")  # the untagged ones on their own
        await pilot.pause()
        assert str(line.content).startswith("12 questions match; left out: ")
        await pilot.press("ctrl+s")
        await pilot.pause()
        session = app.view("exam").session
        assert session is not None and all(not session.question(i).services for i in range(len(session)))


async def test_palette_command_hides_unnoted_services(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("4")  # from another view: the command goes to Study
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Hide or show services not in your notes" in titles
        await app._toggle_unnoted()
        await pilot.pause()
        assert app.current_view == "study"
        assert app.store.get_setting("hide_unnoted") is True
        assert len(app.query_one(ServiceTree).service_ids()) == len(app.library.services) - len(unnoted_ids(app))


async def test_progress_shows_coverage_of_the_in_scope_services(make_app):
    from awstui.content.figures import IN_SCOPE_SERVICES

    from .helpers import all_static_text

    app = make_app()
    scope = [s for s in app.library.services if s.id in IN_SCOPE_SERVICES]
    noted = [s for s in scope if s.notes]
    app.store.mark_reviewed(scope[0].id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("4")
        await pilot.pause()
        text = all_static_text(app.view("progress"), width=140)
        assert f"{len(noted)} with notes · 1 reviewed · {len(scope)} in scope" in text
        assert f" {len(noted)}/{len(scope)}" in text and f" 1/{len(scope)}" in text
        unnoted = next(s for s in scope if not s.notes)
        app.store.save_annotation(unnoted.id, "mine")  # an annotation covers it too
        await pilot.pause()
        text = all_static_text(app.view("progress"), width=140)
        assert f"{len(noted) + 1} with notes · 1 reviewed" in text


async def test_the_exam_line_follows_an_exam_finished_while_the_app_runs(make_app, clock):
    from awstui.exam import ExamSession, custom_config

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.show_service("sqs")
        await pilot.pause()
        assert "none answered yet" in app.query_one(NoteView).plain_text
        s = ExamSession.start(app.library.exam, custom_config(2, None, services=["sqs"], seed=3), clock=clock)
        aid = app.store.create_attempt(**s.to_record().create_kwargs())
        for i in range(2):
            s.answer([s.view(i).options[0].key], at=i)
        fin = s.submit()
        app.store.finish_attempt(aid, fin.status, fin.result.to_dict(), fin.time_used_s)
        await pilot.pause()
        right = sum(o.correct for o in fin.result.outcomes)
        assert f"· 2 answered · {right / 2:.0%} right" in app.query_one(NoteView).plain_text


def test_the_study_view_does_not_import_the_exam_engine():
    import subprocess
    import sys

    code = "import sys, awstui.tui.app, awstui.tui.views.study; print('awstui.exam' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"  # ~22 ms and ~0.8 MB at startup (bench/startup.py)


async def test_drill_is_greyed_out_on_a_service_without_exam_questions(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        study = app.view("study")
        none = next((s.id for s in app.library.services if not app.library.exam_for(s.id)), None)
        assert none is not None  # retired services (CodeStar, OpsWorks, ...) are never asked about
        await app.show_service(none)
        await pilot.pause()
        assert study.check_action("drill", ()) is None
        assert "No exam questions on this service" in app.query_one(NoteView).plain_text
        await pilot.press("d")
        await pilot.pause()
        assert not isinstance(app.screen, ExamSetupScreen)
        await app.show_service("lambda")
        await pilot.pause()
        assert study.check_action("drill", ()) is True


async def test_a_hidden_service_opened_from_elsewhere_is_shown_with_the_cursor_on_it(make_app):
    """With `u` hiding the services not in the notes, opening one of them (search, a question's
    `g`, the palette) shows it in the tree, cursor on it, and n/p go on from there; `u` twice
    hides it again."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        tree = app.query_one(ServiceTree)
        hidden = unnoted_ids(app)[0]
        assert hidden not in tree.service_ids()
        await app.show_service(hidden)
        await pilot.pause()
        await pilot.pause()
        assert hidden in tree.service_ids() and tree.cursor_data == hidden
        legend = next(n for n in tree.rows if n.data == LEGEND)
        assert f"{len(unnoted_ids(app)) - 1} not in your notes hidden" in str(legend.label)
        await pilot.press("n")
        await pilot.pause()
        ids = tree.service_ids()
        assert app.view("study").service_id == ids[(ids.index(hidden) + 1) % len(ids)]
        await pilot.press("u", "u")
        await pilot.pause()
        assert hidden not in tree.service_ids()
