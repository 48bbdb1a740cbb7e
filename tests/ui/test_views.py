"""The views as a kind: one registry, the View base, and no accidental overrides of Textual names."""

from __future__ import annotations

from textual.dom import DOMNode
from textual.message_pump import MessagePump

from awstui.tui._internals import bindings_of
from awstui.tui.views.base import View
from awstui.tui.views.registry import VIEWS, spec

from .conftest import SIZE


def test_questions_view_keeps_textuals_visible():
    from awstui.tui.views.questions import QuestionsView

    assert QuestionsView.visible is DOMNode.visible
    assert isinstance(QuestionsView().visible, bool)


def test_exam_view_keeps_textuals_is_running():
    from awstui.tui.views.exam import ExamView

    assert ExamView.is_running is MessagePump.is_running
    assert ExamView().is_running is False  # not started: a property of the message pump, not a method


def test_every_view_in_the_registry_loads_as_a_view():
    assert [v.name for v in VIEWS] == ["study", "questions", "exam", "progress"]
    assert [v.key for v in VIEWS] == ["1", "2", "3", "4"]
    for entry in VIEWS:
        assert issubclass(entry.load(), View), entry
        assert spec(entry.name) is entry


async def test_tabs_keys_and_palette_come_from_the_registry(make_app, monkeypatch):
    from awstui.tui.commands import ViewCommands
    from awstui.tui.views import registry

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        tabs = app.query_one("#tabs")
        assert [str(tabs.label(v.name)) for v in VIEWS] == [v.title for v in VIEWS]
        bound = {b.id: (b.key, b.action) for b in bindings_of(app).get("3", [])}
        assert bound == {"view.exam": ("3", "show_view('exam')")}
        provider = ViewCommands(app.screen)
        titles = [title for title, _help, _cb in provider.items()]
        assert titles == [f"View: {v.title}" for v in VIEWS]
        # the palette reads the registry at use: one more entry, one more command
        extra = registry.ViewSpec("extra", "Extra", "5", "awstui.tui.views.study:StudyView", "tip")
        monkeypatch.setattr("awstui.tui.commands.VIEWS", (*VIEWS, extra))
        assert [t for t, _h, _c in provider.items()][-1] == "View: Extra"


async def test_a_hidden_view_is_not_visible_to_textual(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        questions = await app.ensure_view("questions")
        await pilot.pause()
        assert questions.display is False and questions.visible is True  # display hides, visibility is CSS
        table = questions.query_one("#questions-table")
        assert table not in app.screen.focus_chain  # a hidden view's table takes no focus


async def test_the_renamed_helpers_do_what_the_old_names_did(make_app):
    from awstui.exam import custom_config

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        questions = await app.ensure_view("questions")
        questions.filter = "answered"
        assert questions.visible_questions() == [r for r in questions.rows if r.answered]
        exam = await app.ensure_view("exam")
        assert exam.exam_running() is False
        exam._start(custom_config(2, 10, seed=1))
        await pilot.pause()
        assert exam.exam_running() is True and exam.is_running is True


def tui_binding_owners():
    """Every class of awstui.tui with BINDINGS of its own, imported from every module."""
    import importlib
    import inspect
    import pkgutil

    import awstui.tui

    owners = []
    for info in pkgutil.walk_packages(awstui.tui.__path__, "awstui.tui."):
        module = importlib.import_module(info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and "BINDINGS" in cls.__dict__:
                owners.append(cls)
    return owners


def test_every_binding_has_an_id_for_the_keymap():
    from textual.binding import Binding

    owners = tui_binding_owners()
    assert len(owners) > 15
    ids: dict[str, str] = {}
    for cls in owners:
        for binding in cls.BINDINGS:
            assert isinstance(binding, Binding) and binding.id, (cls, binding)
            # one id, one action: App.set_keymap rebinds every binding of an id
            assert ids.setdefault(binding.id, binding.action) == binding.action, (cls, binding)
    assert {"view.study", "view.exam", "app.quit", "exam.flag", "exam.resume", "exam.back"} <= set(ids)


async def test_a_keymap_rebinds_a_view_key(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.set_keymap({"view.progress": "f4"})
        await pilot.press("f4")
        await pilot.pause()
        assert app.current_view == "progress"
