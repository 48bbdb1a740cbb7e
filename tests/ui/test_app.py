"""App-wide: views and their keys, help, palette, search, theme, problems, round trip, live."""

from __future__ import annotations

from textual.command import CommandPalette

from awstui.tui.screens.help import HelpScreen
from awstui.tui.screens.problems import ProblemsScreen
from awstui.tui.screens.search import SearchScreen
from awstui.tui.widgets.note_view import NoteView

from .conftest import SIZE
from .helpers import all_static_text, screen_text


async def test_number_keys_switch_views_and_tabs_show(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for key, view in (("2", "questions"), ("3", "exam"), ("4", "progress"), ("1", "study")):
            await pilot.press(key)
            await pilot.pause()
            assert app.current_view == view
        top = screen_text(app).splitlines()[0]
        for title in ("Study", "Questions", "Exam", "Progress"):
            assert title in top


async def test_last_view_and_service_are_restored(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.show_service("kms")
        await pilot.pause(0.7)
        await pilot.press("2")
        await pilot.pause()
    app2 = make_app()
    async with app2.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app2.current_view == "questions"
        await pilot.press("1")  # Study is built when first shown, on the remembered service
        await pilot.pause()
        assert app2.view("study").service_id == "kms"


async def test_help_lists_the_keys_of_the_view(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = all_static_text(app.screen, width=110)
        for label in ("Reviewed", "Annotate", "Filter", "Next", "Search", "Quit"):
            assert label in text, label
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_footer_greys_out_the_current_view_key(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        active = app.screen.active_bindings
        assert active["1"].enabled is False and active["2"].enabled is True


async def test_palette_jumps_to_a_service(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"Service: Cognito")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert app.view("study").service_id == "cognito"


async def test_search_finds_bullets_and_opens_the_note(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("2")  # from another view
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"GenerateDataKeyWithout")
        await pilot.pause()
        assert [h.entry.kind for h in app.screen.hits] == ["note", "exam"]  # the note's bullet first
        await pilot.press("enter")
        await pilot.pause()
        assert app.current_view == "study"
        note = app.query_one(NoteView)
        assert note.service.id == "kms" and note.focus_line is not None


async def test_search_opens_a_question(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("2", "slash")
        await pilot.pause()
        await pilot.press(*"SAML")
        await pilot.pause()
        assert app.screen.hits[0].entry.question_id == "cog-1"  # exam questions come after
        await pilot.press("enter")
        await pilot.pause()
        assert app.current_view == "questions"
        assert app.view("questions").current_row().id == "cog-1"


async def test_theme_is_remembered(make_app):
    """And drawn: the app starts styled in it (its first resume does not restyle the screen, so
    the remembered theme must be in force when the nodes are first styled, or restyle them)."""

    def colours(app) -> tuple:
        note, tree = app.query_one("#note"), app.query_one("#tree")
        return note.styles.background, tree.styles.background, tuple(seg.style for seg in tree.render_line(1))

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        default = colours(app)
        app.theme = "nord"
        await pilot.pause()
        nord = colours(app)
    assert nord != default
    app2 = make_app()
    assert app2.theme == "nord"  # before the first styling: not styled twice at start (~18 ms)
    async with app2.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app2.theme == "nord" and colours(app2) == nord


async def test_content_problems_show_in_a_dismissible_panel(make_app, tmp_path):
    bad = tmp_path / "mine"
    (bad / "services").mkdir(parents=True)
    (bad / "services" / "x.md").write_text("no front matter")
    app = make_app(extra_content=[bad])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        assert "missing front matter" in all_static_text(app.screen, width=200)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ProblemsScreen)
        assert len(app.library.services) == 55  # the rest still loads


async def test_round_trip_everything_is_there_after_reopening(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.show_service("vpc")
        await pilot.pause()
        await pilot.press("r", "e", *"note!", "escape")
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        view = app.view("questions")
        qid = view.current_row().id
        await pilot.press("space", "enter", *"answer!", "escape")
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
    assert app.return_value == 0
    app2 = make_app()
    async with app2.run_test(size=SIZE) as pilot:
        await pilot.pause()
        st = app2.store
        assert st.service_states()["vpc"].reviewed and st.service_states()["vpc"].annotation == "note!"
        assert st.question_states()[qid].answered and st.question_states()[qid].answer == "answer!"
        assert app2.current_view == "questions"


async def test_another_instance_changes_show_up(make_app, data_dir):
    from awstui.state import open_store

    app = make_app(poll_external=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        other = open_store(data_dir)
        try:
            other.mark_reviewed(app.view("study").service_id)
        finally:
            other.close()
        await pilot.pause(1.6)  # the app polls every second
        sid = app.view("study").service_id
        assert "✓" in str(app.query_one("#tree").service_row(sid).label)


async def test_a_damaged_state_file_is_moved_aside_and_the_learner_told(make_app, data_dir):
    data_dir.mkdir(parents=True)
    (data_dir / "state.db").write_bytes(b"this is not a database" * 100)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        text = all_static_text(app.screen, width=300)
        assert "state.db.corrupt-" in text
    moved = [p for p in data_dir.iterdir() if p.name.startswith("state.db.corrupt-")]
    assert len(moved) == 1 and moved[0].read_bytes() == b"this is not a database" * 100


def test_a_newer_schema_is_refused_with_a_message(data_dir, capsys):
    import sqlite3

    from awstui.cli import main
    from awstui.state import open_store

    open_store(data_dir).close()
    conn = sqlite3.connect(data_dir / "state.db")
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    assert main(["--data-dir", str(data_dir)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("awstui: ") and "newer awstui" in err and "Traceback" not in err


async def test_a_config_file_rebinds_keys_by_binding_id(make_app, tmp_path):
    """issue 13: [keys] in the user config, checked against the app's binding ids, reaches the
    app's keymap: the rebound key works and the old one no longer does."""
    from awstui.cli.config import binding_ids
    from awstui.config import check_names, load_config

    path = tmp_path / "config.toml"
    path.write_text('[keys]\n"view.progress" = "f4"\n"exam.flag" = "F"\n')
    config = check_names(load_config(path), themes=set(), binding_ids=binding_ids())
    assert not config.problems and config.keys == {"view.progress": "f4", "exam.flag": "F"}
    app = make_app()
    app.set_keymap(config.keys)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        assert app.current_view == "study"  # "4" is not Progress's key any more
        await pilot.press("f4")
        await pilot.pause()
        assert app.current_view == "progress"
