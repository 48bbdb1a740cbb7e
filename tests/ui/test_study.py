"""Study view: tree, note, review, annotate, next/prev, filter, docs links."""

from __future__ import annotations

import pytest

from awstui.tui.screens.modals import EditorScreen
from awstui.tui.widgets.note_view import NoteView
from awstui.tui.widgets.service_tree import ServiceTree

from .conftest import SIZE
from .helpers import screen_text


def note_text(app) -> str:
    return app.query_one(NoteView).plain_text


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
        assert tree.cursor_data.startswith("cat:")
        await pilot.press("h")
        await pilot.pause()
        assert not tree.is_expanded(tree.cursor_data)
        await pilot.press("l")
        await pilot.pause()
        assert tree.is_expanded(tree.cursor_data)


async def test_r_marks_reviewed_and_badge_updates(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        sid = app.view("study").service_id
        await pilot.press("r")
        await pilot.pause()
        assert app.store.service_states()[sid].reviewed
        tree = app.query_one(ServiceTree)
        assert "✓" in str(tree.service_row(sid).label)
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
        await app.show_service("vpc")
        await pilot.pause()
        app.query_one(NoteView).focus()
        await pilot.press("space")
        await pilot.pause()
        assert app.store.question_states()["vpc-1"].answered
        assert "?1" not in str(app.query_one(ServiceTree).service_row("vpc").label)


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
    for url in ("file:///etc/passwd", "https://docs.aws.amazon.com/\x1b]8;;file:///etc/passwd\x07x"):
        bad = replace(lib.services[0], docs=(url,))
        app = make_app(library=Library(lib.categories, (bad, *lib.services[1:]), lib.questions, lib.exam))
        opened: list[str] = []
        async with app.run_test(size=SIZE) as pilot:
            monkeypatch.setattr(app, "open_url", lambda url, opened=opened, **kw: opened.append(url))
            await pilot.pause()
            await pilot.press("o")
            await pilot.pause()
            assert opened == []
            messages = [str(n.message) for n in app._notifications]
            assert any("only https" in m for m in messages)
            assert not any("\x1b" in m for m in messages)  # the refusal shows the link escaped


async def test_note_shows_nested_bullets(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.show_service("step-functions")
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


# ---------------------------------------------------------------- the note view (one line-API widget)


def row_text(note: NoteView, row: int) -> str:
    return note.plain_text.splitlines()[row]


async def test_question_cursor_moves_and_space_ticks_that_question(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.show_service("step-functions")
        await pilot.pause()
        note = app.query_one(NoteView)
        note.focus()
        await pilot.pause()
        assert note.question_ids == ["sf-1", "sf-2", "sf-3"]
        assert note.cursor_question == "sf-1"
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert note.cursor_question == "sf-3"
        await pilot.press("left_square_bracket")
        assert note.cursor_question == "sf-2"
        await pilot.press("j", "k", "down")  # scrolling keys leave the cursor where it is
        assert note.cursor_question == "sf-2"
        await pilot.press("space")
        await pilot.pause()
        states = app.store.question_states()
        assert states["sf-2"].answered
        assert not getattr(states.get("sf-1"), "answered", False)
        assert not getattr(states.get("sf-3"), "answered", False)
        assert note.cursor_question == "sf-2"  # the tick rebuilt the rows; the cursor stays
        assert "▸ ☑ How are the other services invoked" in screen_text(app)
        await pilot.press("space")
        await pilot.pause()
        assert not app.store.question_states()["sf-2"].answered


async def test_question_keys_are_greyed_out_without_questions(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.show_service("dynamodb")
        await pilot.pause()
        note = app.query_one(NoteView)
        assert note.question_ids == []
        assert note.check_action("tick", ()) is None and note.check_action("question", (1,)) is None
        await app.show_service("step-functions")
        await pilot.pause()
        assert note.check_action("tick", ()) is True


async def test_click_selects_a_question(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.show_service("step-functions")
        await pilot.pause()
        note = app.query_one(NoteView)
        note.focus()
        await pilot.press("end")
        await pilot.pause()
        _, start, _ = note._questions[2]
        y = start - note.scroll_offset.y
        assert 0 <= y < note.scrollable_content_region.height
        left = note.scrollable_content_region.x - note.region.x
        assert await pilot.click(NoteView, offset=(left + 6, y))
        await pilot.pause()
        assert note.cursor_question == "sf-3"
        assert not getattr(app.store.question_states().get("sf-3"), "answered", False)  # a click only selects


async def test_note_text_is_never_markup(make_app):
    nasty = '[bold]x [/ [@click=app.quit]q [link="file:///etc/passwd"]p[/link]'
    app = make_app()
    app.store.save_annotation("vpc", nasty + "\n\x1b[2J terminal escape")
    app.store.add_question("vpc", nasty)
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        await app.show_service("vpc")
        await pilot.pause()
        note = app.query_one(NoteView)
        assert note.plain_text.count(nasty) == 2  # the annotation and the learner's question
        assert "\x1b" not in note.plain_text and "\ufffd[2J terminal escape" in note.plain_text
        note.scroll_end(animate=False)
        await pilot.pause()
        assert nasty in screen_text(app)
        assert app.is_running


async def test_resize_rewraps_the_note(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.show_service("dynamodb")
        await pilot.pause()
        note = app.query_one(NoteView)
        wide_rows = len(note.plain_text.splitlines())
        await pilot.resize_terminal(80, 36)
        await pilot.pause()
        width = note.scrollable_content_region.width
        rows = note.plain_text.splitlines()
        assert len(rows) > wide_rows
        assert max(len(r) for r in rows) <= width
        at = next(i for i, r in enumerate(rows) if r.startswith("• Indexes are kinda like a copy"))
        assert rows[at + 1].startswith("  ") and rows[at + 1][2] != " "  # the hanging indent
        assert "• Two read consistency" in screen_text(app)


@pytest.fixture
def built(monkeypatch) -> list[str]:
    """The services whose note body rows get built (appended as they are)."""
    from awstui.tui.widgets import note_view

    seen: list[str] = []
    real = note_view.body_rows

    def counting(console, width, styles, service, *args):
        seen.append(service.id)
        return real(console, width, styles, service, *args)

    monkeypatch.setattr(note_view, "body_rows", counting)
    return seen


async def test_a_switch_reuses_the_built_rows(make_app, built):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        study = app.view("study")
        built.clear()
        for sid in ("dynamodb", "opsworks", "dynamodb", "opsworks", "dynamodb"):
            study._show(sid)
            await pilot.pause()
        assert built.count("dynamodb") == 1 and built.count("opsworks") == 1  # (neighbours may be prebuilt)
        assert "DynamoDB automatically partitions" in screen_text(app)


async def test_the_notes_next_to_the_one_on_show_are_built_ahead(make_app, built):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        study = app.view("study")
        order = [s.id for s in app.library.services]
        i = order.index("dynamodb")
        study._show("dynamodb")
        await pilot.pause(0.3)  # the learner reads: the neighbours are built meanwhile
        assert {order[i + 1], order[i - 1]} <= set(built)
        built.clear()
        await pilot.press("n")  # the next service in tree order
        await pilot.pause()
        assert order[i + 1] not in built  # shown from the cache
        assert study.service_id == order[i + 1]


@pytest.mark.textual_internals
async def test_a_switch_between_shown_notes_needs_no_layout(make_app, monkeypatch):
    from textual.screen import Screen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        study = app.view("study")
        for sid in ("dynamodb", "opsworks"):
            study._show(sid)
            await pilot.pause()
        layouts = []
        real = Screen._refresh_layout

        def counted(self, *args, **kwargs):
            layouts.append(self)
            return real(self, *args, **kwargs)

        monkeypatch.setattr(Screen, "_refresh_layout", counted)
        frames = []
        paint = app.screen._compositor_refresh
        monkeypatch.setattr(app.screen, "_compositor_refresh", lambda: (frames.append(1), paint()))
        for sid in ("dynamodb", "opsworks", "dynamodb"):
            study._show(sid)
            await pilot.pause()
        assert layouts == []
        assert frames  # the switches were painted (without a layout pass)
        assert "DynamoDB automatically partitions" in screen_text(app)


async def test_search_line_scrolls_the_bullet_into_view_and_selects_it(make_app):
    app = make_app()
    async with app.run_test(size=(120, 24)) as pilot:
        await pilot.pause()
        service = app.library.service("dynamodb")
        target = next(b for _, b in service.bullets() if b.text.startswith("StreamViewType"))
        await app.show_service("dynamodb", target.line, "images")
        await pilot.pause()
        note = app.query_one(NoteView)
        assert note.focus_line == target.line and note.has_focus
        row = note.row_of_line(target.line)
        top, height = note.scroll_offset.y, note.scrollable_content_region.height
        assert top > 0 and top <= row < top + height
        assert "StreamViewType: KEYS_ONLY" in screen_text(app)
        strip = note._lines[row]
        assert any(seg.style and seg.style.bgcolor and seg.style.bgcolor.name == "grey30" for seg in strip)
        assert any(seg.style and seg.style.reverse and seg.text.lower() == "images" for seg in strip)


async def test_note_text_can_be_selected_with_the_mouse(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.show_service("dynamodb")
        await pilot.pause()
        note = app.query_one(NoteView)
        rows = note.plain_text.splitlines()
        y = next(i for i, r in enumerate(rows) if r.startswith("• DynamoDB automatically partitions"))
        x0 = note.scrollable_content_region.x - note.region.x
        await pilot.mouse_down(NoteView, offset=(x0 + 2, y))
        await pilot.hover(NoteView, offset=(x0 + 10, y))
        await pilot.mouse_up(NoteView, offset=(x0 + 10, y))
        await pilot.pause()
        assert app.screen.get_selected_text().strip() == "DynamoDB"
