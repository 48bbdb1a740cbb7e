"""SVG snapshots of each view at 120x36 with fixed data and a frozen clock.

Update only after looking at the report: ./run-tests tests/snapshots --snapshot-update"""

from __future__ import annotations

import pytest

from .scenario import SIZE, build_app


@pytest.fixture
def app(tmp_path):
    application = build_app(tmp_path / "data")
    yield application
    application.store.close()


def test_study_view(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE)


def test_questions_view(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, press=["2"])


def test_progress_view(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, press=["4"])


def test_exam_home(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, press=["3"])


def test_exam_question(snap_compare, app):
    from awstui.exam import full_exam_config

    async def run_before(pilot):
        await pilot.press("3")
        await pilot.pause()
        (await pilot.app.ensure_view("exam"))._start(full_exam_config(seed=7))
        await pilot.pause()
        await pilot.press("b", "n", "n", "f")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_exam_results(snap_compare, app):
    async def run_before(pilot):
        await pilot.press("3")
        await pilot.pause()
        await pilot.press("enter")  # the newest attempt in the history table
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
