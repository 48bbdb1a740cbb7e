"""Startup work: only the view on show is built; the footer is one line drawn from the bindings;
the app reports its first settled frame once (run_tui uses it to turn GC back on)."""

from __future__ import annotations

import gc

import pytest

from awstui.cli.app import _after_start
from awstui.tui.widgets.keys_footer import KeysFooter

from .conftest import SIZE
from .helpers import screen_text


async def test_only_the_view_on_show_is_built_at_start(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.view("study") is not None
        assert [app.view(n) for n in ("questions", "exam", "progress")] == [None, None, None]
        await pilot.press("3")
        await pilot.pause()
        assert app.current_view == "exam" and app.view("exam") is not None
        assert app.view("questions") is None


async def test_the_remembered_view_is_the_one_built(make_app):
    make_app().store.set_setting("last_view", "progress")  # as a previous session left it
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.current_view == "progress"
        assert app.view("progress") is not None and app.view("study") is None
        await app.show_service("dynamodb")  # from anywhere: builds the Study view on the way
        await pilot.pause()
        assert app.current_view == "study" and app.view("study").service_id == "dynamodb"


async def test_ensure_view_builds_once(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        exam = await app.ensure_view("exam")
        assert exam is await app.ensure_view("exam")
        assert [c.id for c in app.query_one("#views").children].count("exam") == 1
        assert not exam.display  # built hidden: Study is still the only view on screen
        assert app.current_view == "study"  # built, not shown


async def test_a_pending_exam_builds_the_exam_view_to_offer_resume(make_app):
    from awstui.exam import full_exam_config
    from awstui.tui.screens.modals import ConfirmScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        (await app.ensure_view("exam"))._start(full_exam_config(seed=1))
        await pilot.pause()
        app.view("exam").pause_and_save()
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert again.view("exam") is not None
        assert isinstance(again.screen, ConfirmScreen)


async def test_on_started_is_called_once_after_the_first_frame(make_app):
    calls = []
    app = make_app(on_started=lambda: calls.append(screen_text(app)))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
    assert len(calls) == 1
    assert "Study" in calls[0]  # the frame was on screen when it ran


def test_after_start_turns_gc_back_on():
    gc.disable()
    try:
        _after_start()
        assert gc.isenabled()
    finally:
        gc.unfreeze()
        gc.enable()


async def test_footer_shows_the_keys_that_apply(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        footer = app.query_one(KeysFooter)
        items = {i.description: i for i in footer.items()}
        assert items["Study"].enabled is False and items["Questions"].enabled is True
        assert "Reviewed" in items  # the Study view's own keys, from the focused tree up
        bottom = screen_text(app).splitlines()[-1]
        assert "Reviewed" in bottom and "Questions" in bottom
        assert not footer.children  # one widget: no key widgets to mount on every change
        await pilot.press("2")
        await pilot.pause()
        items = {i.description: i for i in footer.items()}
        assert items["Study"].enabled is True and items["Questions"].enabled is False
        assert "Reviewed" not in items
        assert "Reviewed" not in screen_text(app).splitlines()[-1]


async def test_the_footer_repaints_only_when_its_keys_change(make_app, monkeypatch):
    """Every focus change publishes the screen's bindings; the footer's line is drawn again only
    when what it shows changed."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        footer = app.query_one(KeysFooter)
        repaints: list[bool] = []
        real = KeysFooter.refresh
        monkeypatch.setattr(KeysFooter, "refresh", lambda self, *a, **k: repaints.append(True) or real(self, *a, **k))
        app.screen.bindings_updated_signal.publish(app.screen)  # the same keys: nothing to draw
        await pilot.pause()
        assert repaints == []
        await pilot.press("2")  # other keys: drawn again
        await pilot.pause()
        assert repaints and "Questions" not in [i.description for i in footer.items() if i.enabled]


@pytest.mark.textual_internals
async def test_each_widget_is_styled_once_at_start(make_app, monkeypatch):
    """Textual styles the screen's nodes as they mount and then all of them again when the screen
    is first resumed; the first resume skips that (MainScreen.on_screen_resume). A later resume
    that asks for a restyle still gets one."""
    from collections import Counter

    from textual import events
    from textual.css.stylesheet import Stylesheet

    styled: Counter[str] = Counter()
    real = Stylesheet.apply

    def apply(self, node, *args, **kwargs):
        styled[type(node).__name__] += 1
        return real(self, node, *args, **kwargs)

    monkeypatch.setattr(Stylesheet, "apply", apply)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert styled["NoteView"] == 1 and styled["KeysFooter"] == 1 and styled["MainScreen"] == 1
        styled.clear()
        app.screen.post_message(events.ScreenResume())
        await pilot.pause()
        assert styled["NoteView"] == 1 and styled["MainScreen"] == 1


async def test_clicking_a_footer_key_presses_it(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        footer = app.query_one(KeysFooter)
        start = next(s for s, _e, item in footer._spans if item.description == "Questions")
        await pilot.click(KeysFooter, offset=(start + 1, 0))
        await pilot.pause()
        assert app.current_view == "questions"


async def test_hovering_a_footer_key_shows_its_tooltip(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        footer = app.query_one(KeysFooter)
        start = next(s for s, _e, item in footer._spans if item.description == "Exam")
        await pilot.hover(KeysFooter, offset=(start + 1, 0))
        await pilot.pause()
        assert footer.tooltip == "Timed mock exams"
        assert footer.item_at(10_000) is None


async def test_footer_fits_a_narrow_terminal_without_a_crash(make_app):
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        bottom = screen_text(app).splitlines()[-1]
        assert len(bottom) <= 60 and "Reviewed" in bottom


async def test_clicking_a_view_name_shows_that_view(make_app):
    from awstui.tui.widgets.view_tabs import ViewTabs

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        tabs = app.query_one(ViewTabs)
        start = next(s for s, _e, name in tabs._spans if name == "progress")
        await pilot.click(ViewTabs, offset=(start + 1, 0))
        await pilot.pause()
        assert app.current_view == "progress" and tabs.active == "progress"
        assert tabs.tab_at(10_000) is None
        top = screen_text(app).splitlines()[:2]
        assert "Progress" in top[0] and set(top[1]) == {"━"}


async def test_keys_typed_before_the_filter_box_exists_go_into_it(make_app):
    from textual import events

    from awstui.tui.widgets.service_tree import ServiceTree

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        study = app.view("study")
        tree = app.query_one(ServiceTree)
        tree.post_message(events.Key("slash", "/"))
        for ch in "dyn":  # reach the tree before the box is mounted and focused
            tree.post_message(events.Key(ch, ch))
        await pilot.pause()
        await pilot.pause()
        box = app.query_one("#tree-filter")
        assert box.value == "dyn" and box.has_focus
        assert tree.service_ids() == ["dynamodb"]
        assert study.service_id == "dynamodb"  # the filter's first match, not "next service" from `n`
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("n")  # the tree acts on keys again
        await pilot.pause()
        assert study.service_id != "dynamodb"


async def test_the_tree_still_redraws_after_a_real_resize(make_app):
    from awstui.tui.widgets.service_tree import ServiceTree

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        tree = app.query_one(ServiceTree)
        drawn = [row for top in tree.rows for row in [top, *(top.children or [])]]
        last = drawn[40].label.plain.split("  ")[0]  # below the 33 rows the tree shows at 120x36
        assert last not in screen_text(app)
        await pilot.resize_terminal(120, 50)
        await pilot.pause()
        await pilot.pause()
        assert tree.size.height > 40
        assert last in screen_text(app)  # the rows the taller tree gained are drawn
        await pilot.resize_terminal(100, 20)
        await pilot.pause()
        await pilot.pause()
        assert last not in screen_text(app) and "Amazon EC2" in screen_text(app)


@pytest.mark.textual_internals
async def test_a_view_switch_repaints_what_changed_not_the_whole_screen(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await pilot.pause()
        screen = app.screen
        painted = []
        real = screen._compositor_refresh

        def watched():
            painted.append(set(screen._dirty_widgets))
            real()

        screen._compositor_refresh = watched
        for key in "121":
            await pilot.press(key)
            await pilot.pause()
        assert painted and all(screen not in dirty for dirty in painted)
        assert app.current_view == "study" and app.focused is app.view("study").focus_widget()


async def test_the_tree_is_drawn_in_a_new_theme(make_app):
    from awstui.tui.widgets.service_tree import ServiceTree

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        tree = app.query_one(ServiceTree)

        def colours() -> set:
            return {seg.style.bgcolor for seg in tree.render_line(1) if seg.style}

        dark = colours()
        await pilot.press("2", "1")  # focus leaves and comes back: the drawn lines are kept
        await pilot.pause()
        assert colours() == dark
        app.theme = "textual-light"
        await pilot.pause()
        assert colours() != dark


async def test_the_first_notes_neighbours_are_built_after_the_first_frame(make_app, monkeypatch):
    """The rows of the services next to the one shown at start wait FIRST_PREBUILD_AFTER (not
    the 50 ms of a later note): they are for a later key, not for the first frame. (The delay
    asked of the timer is checked, not the wall clock: a loaded machine must not fail this.)"""
    import asyncio

    from awstui.tui.views import study

    built: list[str] = []
    delays: list[float] = []
    real = study.NoteView.prebuild
    real_set_timer = study.StudyView.set_timer

    def prebuild(self, service, *args):
        built.append(service.id)
        return real(self, service, *args)

    def set_timer(self, delay, callback=None, *args, **kwargs):
        if getattr(callback, "__name__", "") == "_prebuild_neighbours":
            delays.append(delay)
        return real_set_timer(self, delay, callback, *args, **kwargs)

    monkeypatch.setattr(study.NoteView, "prebuild", prebuild)
    monkeypatch.setattr(study.StudyView, "set_timer", set_timer)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # the 50 ms timer the first _show sets is replaced at once by the longer one (later 50 ms
        # timers are the prebuild's own chain, one neighbour per tick, once the long one fired)
        assert delays[:2] == [study.PREBUILD_AFTER, study.FIRST_PREBUILD_AFTER]
        for _ in range(100):  # until the timer has fired (at most ~5 s on a loaded machine)
            if built:
                break
            await asyncio.sleep(study.FIRST_PREBUILD_AFTER / 10)
        await pilot.pause()
        ids = app.view("study").query_one(study.ServiceTree).service_ids()
        i = ids.index(app.view("study").service_id)
        assert built[:1] == [ids[(i + 1) % len(ids)]]


async def test_the_screen_is_built_with_its_breakpoint_classes(make_app):
    """The first frame is laid out with the size classes app.tcss uses: the screen has them
    when it is built, not only from Textual's first Resize (a restyle of everything after it)."""
    from textual.geometry import Size

    app = make_app()
    for size, classes in (((60, 20), ["-narrow", "-short"]), ((120, 36), ["-medium", "-tall"])):
        assert app.breakpoint_classes(Size(*size)) == classes
    assert app.breakpoint_classes(Size(200, 60)) == ["-wide", "-tall"]
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.pause()
        assert set(app.get_default_screen().classes) == {"-narrow", "-tall"}
        assert set(app.screen.classes) >= {"-narrow", "-tall"}


def test_the_first_frame_imports_none_of_what_it_does_not_show(tmp_path):
    """Modules the settled first frame of the Study view does not need wait for their first use
    (bench/startup.py): the exam engine (the Exam tab's count comes on a timer, nothing to seed),
    the other views, the too-small screen, the package walker of the config's [keys]."""
    import subprocess
    import sys

    code = (
        "import asyncio, sys\n"
        "from pathlib import Path\n"
        "import awstui.tui.app as tui_app\n"
        "from awstui.cli.app import load_content, seed_reviews_later\n"
        "from awstui.state import open_store\n"
        "tui_app.FIRST_COUNT_AFTER = 3600  # (the count's timer: not within this test)\n"
        "async def main():\n"
        "    d = Path(sys.argv[1])\n"
        "    store = open_store(d)\n"
        "    app = tui_app.AwsTuiApp(load_content(d), store, poll_external=False,\n"
        "                            on_started=lambda: seed_reviews_later(store))\n"
        "    async with app.run_test(size=(120, 36)) as pilot:\n"
        "        await pilot.pause()\n"
        "        assert app.current_view == 'study'\n"
        "        lazy = ('awstui.exam', 'awstui.tui.views.exam', 'awstui.tui.views.questions',\n"
        "                'awstui.tui.views.progress', 'awstui.tui.screens.too_small', 'pkgutil')\n"
        "        print(sorted(m for m in sys.modules if m.startswith(lazy)))\n"
        "    store.close()\n"
        "asyncio.run(main())\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "data")], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip().splitlines()[-1] == "[]"
