"""SVG snapshots of each view at four terminal sizes with fixed data and a frozen clock.

The sizes: 60x20 (the smallest the app accepts with room to work), 80x24 (the classic
terminal), 120x36 (the size the screenshots use) and 200x60 (a wide, tall window). The layout
adapts to each (app.tcss, "Layout by terminal size"); tests/ui/test_layout.py states the facts
these pictures should show in words.

Update only after looking at the report: ./run-tests tests/snapshots --snapshot-update"""

from __future__ import annotations

import pytest

from .scenario import SIZES, build_app

by_size = pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])


@pytest.fixture
def app(tmp_path):
    application = build_app(tmp_path / "data")
    yield application
    application.store.close()


@by_size
def test_study_view(snap_compare, app, size):
    assert snap_compare(app, terminal_size=size)


@by_size
def test_questions_view(snap_compare, app, size):
    assert snap_compare(app, terminal_size=size, press=["2"])


@by_size
def test_progress_view(snap_compare, app, size):
    assert snap_compare(app, terminal_size=size, press=["4"])


@by_size
def test_exam_home(snap_compare, app, size):
    assert snap_compare(app, terminal_size=size, press=["3"])


@by_size
def test_exam_question(snap_compare, app, size):
    from awstui.exam import full_exam_config

    async def run_before(pilot):
        await pilot.press("3")
        await pilot.pause()
        (await pilot.app.ensure_view("exam"))._start(full_exam_config(seed=7))
        await pilot.pause()
        await pilot.press("b", "n", "n", "f")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@by_size
def test_exam_results(snap_compare, app, size):
    async def run_before(pilot):
        await pilot.press("3")
        await pilot.pause()
        await pilot.press("enter")  # the newest attempt in the history table
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)
