"""Study view: tree, note, review, annotate, next/prev, filter, docs links."""

from __future__ import annotations

from awstui.tui.screens.modals import EditorScreen
from awstui.tui.widgets.note_view import NoteView, ServiceQuestions
from awstui.tui.widgets.service_tree import ServiceTree

from .conftest import SIZE
from .helpers import all_static_text, screen_text


def note_text(app) -> str:
    return all_static_text(app.query_one(NoteView))


async def test_opens_on_study_with_first_service(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.current_view == "study"
        study = app.view("study")
        assert study.service_id == app.library.services[0].id
        assert app.query_one(ServiceTree).has_focus


async def test_tree_cursor_switches_note_with_vim_keys(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        first = app.view("study").service_id
        await pilot.press("j")
        await pilot.pause()
        second = app.view("study").service_id
        assert second != first
        await pilot.press("k")
        await pilot.pause()
        assert app.view("study").service_id == first
        await pilot.press("down")
        await pilot.pause()
        assert app.view("study").service_id == second


async def test_h_folds_and_l_unfolds_a_category(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        tree = app.query_one(ServiceTree)
        await pilot.press("h")  # on a service: go to its category
        await pilot.pause()
        assert tree.cursor_node.data.startswith("cat:")
        await pilot.press("h")
        await pilot.pause()
        assert not tree.cursor_node.is_expanded
        await pilot.press("l")
        await pilot.pause()
        assert tree.cursor_node.is_expanded


async def test_r_marks_reviewed_and_badge_updates(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        sid = app.view("study").service_id
        await pilot.press("r")
        await pilot.pause()
        assert app.store.service_states()[sid].reviewed
        tree = app.query_one(ServiceTree)
        assert "✓" in str(tree._service_nodes[sid].label)
        await pilot.press("r")
        await pilot.pause()
        assert not app.store.service_states()[sid].reviewed


async def test_n_and_p_walk_services_in_tree_order(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        order = [s.id for s in app.library.services]
        await pilot.press("n")
        await pilot.pause()
        assert app.view("study").service_id == order[1]
        await pilot.press("p", "p")
        await pilot.pause()
        assert app.view("study").service_id == order[-1]


async def test_space_ticks_a_question_in_the_note(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.show_service("vpc")
        await pilot.pause()
        qlist = app.query_one(ServiceQuestions)
        qlist.focus()
        await pilot.press("space")
        await pilot.pause()
        assert app.store.question_states()["vpc-1"].answered
        assert "?1" not in str(app.query_one(ServiceTree)._service_nodes["vpc"].label)


async def test_e_annotation_saved_on_escape(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        sid = app.view("study").service_id
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        await pilot.press(*"my note")
        await pilot.press("escape")
        await pilot.pause()
        assert app.store.service_states()[sid].annotation == "my note"
        assert "my note" in note_text(app)


async def test_slash_filters_the_tree_and_escape_clears(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        tree = app.query_one(ServiceTree)
        await pilot.press("slash", *"dyna")
        await pilot.pause()
        assert tree.service_ids() == ["dynamodb"]
        await pilot.pause()
        assert app.view("study").service_id == "dynamodb"
        await pilot.press("escape")
        await pilot.pause()
        assert len(tree.service_ids()) == len(app.library.services)
        assert tree.has_focus


async def test_filter_matches_aliases(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash", "E", "B")
        await pilot.pause()
        assert "elastic-beanstalk" in app.query_one(ServiceTree).service_ids()


async def test_o_opens_only_https(make_app, monkeypatch):
    app = make_app()
    opened = []
    async with app.run_test(size=SIZE) as pilot:
        monkeypatch.setattr(app, "open_url", lambda url, **kw: opened.append(url))
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        assert opened == [app.library.services[0].docs[0]]


async def test_o_refuses_non_https(make_app, monkeypatch):
    """The loader already refuses such links; the view refuses them again (defence in depth)."""
    from dataclasses import replace

    from awstui.content import Library, load_library
    from awstui.paths import bundled_content_dir

    lib = load_library([bundled_content_dir()])
    bad = replace(lib.services[0], docs=("file:///etc/passwd",))
    app = make_app(library=Library(lib.categories, (bad, *lib.services[1:]), lib.questions, lib.exam))
    opened = []
    async with app.run_test(size=SIZE) as pilot:
        monkeypatch.setattr(app, "open_url", lambda url, **kw: opened.append(url))
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        assert opened == []
        assert any("only https" in str(n.message) for n in app._notifications)


async def test_note_shows_nested_bullets(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.show_service("step-functions")
        await pilot.pause()
        text = note_text(app)
        assert "  ◦ Pass state - Which passes input through to output." in text
        assert "• States:" in text
        assert "Pass state" in screen_text(app)


async def test_filter_with_no_match_says_so_and_keeps_the_note(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        before = app.view("study").service_id
        await pilot.press("slash", *"zzzz")
        await pilot.pause()
        tree = app.query_one(ServiceTree)
        assert tree.service_ids() == []
        assert "no service matches 'zzzz'" in screen_text(app)
        assert app.view("study").service_id == before
