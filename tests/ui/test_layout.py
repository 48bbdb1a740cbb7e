"""The layout follows the terminal's size: a concrete fact per size and view, in words.

The snapshots (tests/snapshots) show the same sizes as pictures; these fail with a message
that says what went wrong. Sizes: 60x20 (the smallest workable), 80x24, 120x36, 200x60, and
80x40 (narrow but tall)."""

from __future__ import annotations

import pytest

from awstui.exam import full_exam_config
from awstui.tui.widgets.results_review import ReviewList

from ..snapshots.scenario import build_app
from .helpers import screen_text


@pytest.fixture
def scenario_app(tmp_path):
    apps = []

    def build():
        app = build_app(tmp_path / f"data{len(apps)}")
        apps.append(app)
        return app

    yield build
    for app in apps:
        app.store.close()


async def run_exam(pilot):
    await pilot.press("3")
    await pilot.pause()
    (await pilot.app.ensure_view("exam"))._start(full_exam_config(seed=7))
    await pilot.pause()
    return pilot.app.view("exam")


def region(app, selector):
    return app.screen.query_one(selector).region


def body_bottom(app) -> int:
    """The first row below the views (the footer's)."""
    return region(app, "#views").bottom


@pytest.mark.parametrize("size", [(60, 20), (80, 24)], ids=["60x20", "80x24"])
async def test_a_small_screen_shows_the_stem_wide_and_the_first_option_without_the_grid(scenario_app, size):
    app = scenario_app()
    async with app.run_test(size=size) as pilot:
        await run_exam(pilot)
        stem, options = region(app, "#exam-stem"), region(app, "#exam-options")
        assert stem.width >= 40, f"the stem is {stem.width} columns wide at {size}"
        assert options.y + 1 < body_bottom(app), (
            f"the first option starts at row {options.y}, below the view's last row {body_bottom(app) - 1}"
        )
        assert not app.screen.query_one("#exam-grid").display, "the question grid takes the width on a small screen"
        assert not app.screen.query_one("#exam-clock").display
        assert "Exam 2:10:00" in screen_text(app).splitlines()[0], "the tab keeps the clock in sight"


async def test_g_shows_the_hidden_grid_in_place_of_the_question_and_a_jump_brings_the_question_back(scenario_app):
    app = scenario_app()
    async with app.run_test(size=(60, 20)) as pilot:
        exam = await run_exam(pilot)
        await pilot.press("g")
        await pilot.pause()
        grid = app.screen.query_one("#exam-grid")
        assert grid.display and grid.has_focus
        assert not app.screen.query_one("#exam-question").display
        assert grid.region.width >= 50 and grid.region.height >= 8, grid.region
        await pilot.press("right", "right", "enter")
        await pilot.pause()
        assert exam.session.position == 2
        assert app.screen.query_one("#exam-question").display and not grid.display


async def test_leaving_the_shown_grid_for_another_view_brings_the_question_back(scenario_app):
    app = scenario_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await run_exam(pilot)
        await pilot.press("g")
        await pilot.pause()
        assert app.screen.query_one("#exam-grid").has_focus
        await app.action_show_view("study")  # a click on its tab (1-6 answer the question here)
        await pilot.pause()
        await app.action_show_view("exam")
        await pilot.pause()
        assert app.screen.query_one("#exam-question").display, "the question stays hidden behind a grid without focus"
        assert not app.screen.query_one("#exam-grid").display


async def test_a_narrow_tall_screen_puts_the_grid_below_the_question(scenario_app):
    app = scenario_app()
    async with app.run_test(size=(80, 40)) as pilot:
        await run_exam(pilot)
        question, grid = region(app, "#exam-question"), region(app, "#exam-grid")
        assert grid.height > 0 and grid.y >= question.bottom, (question, grid)
        assert grid.width >= 70, f"the grid below is {grid.width} columns wide"


@pytest.mark.parametrize("size", [(120, 36), (200, 60)], ids=["120x36", "200x60"])
async def test_a_roomy_screen_keeps_the_grid_and_the_clock_beside_the_question(scenario_app, size):
    app = scenario_app()
    async with app.run_test(size=size) as pilot:
        await run_exam(pilot)
        question, grid = region(app, "#exam-question"), region(app, "#exam-grid")
        assert grid.x >= question.right and grid.height > 10, (question, grid)
        assert app.screen.query_one("#exam-clock").display
        if size[0] >= 160:
            assert grid.width >= 48, f"the grid is {grid.width} columns wide at {size}"
            assert question.width >= 140, f"the question is {question.width} columns wide at {size}"


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 36), (200, 60)], ids=["60", "80", "120", "200"])
async def test_every_questions_column_fits_the_width_the_answer_column_included(scenario_app, size):
    app = scenario_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("2")
        await pilot.pause()
        table = app.screen.query_one("#questions-table")
        assert table.virtual_size.width <= table.scrollable_content_region.width, (
            f"the columns need {table.virtual_size.width} columns, the table has "
            f"{table.scrollable_content_region.width} at {size}: some are off-screen"
        )
        header = next(line for line in screen_text(app).splitlines() if "question" in line and "service" in line)
        assert "answer" in header, f"no answer column at {size}: {header!r}"
        answer = table.columns["answer"].width
        assert answer >= (12 if size[0] < 100 else 30 if size[0] < 160 else 55), f"answer column {answer} at {size}"


@pytest.mark.parametrize("size", [(60, 20), (200, 60)], ids=["60x20", "200x60"])
async def test_the_study_note_gets_most_of_the_width(scenario_app, size):
    app = scenario_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        tree, note = region(app, "#tree-pane"), region(app, "#note")
        assert note.width >= size[0] * 0.6, f"the note is {note.width} of {size[0]} columns"
        assert tree.width >= 22 and note.right == size[0], (tree, note)
        if size[0] >= 160:
            assert tree.width >= 40, f"the tree stays {tree.width} columns wide at {size[0]}: names are cut"


async def test_the_results_review_list_is_in_view_on_the_smallest_screen(scenario_app):
    app = scenario_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        review = app.screen.query_one(ReviewList)
        assert review.region.height >= 5 and review.region.bottom <= body_bottom(app), review.region
        assert not app.screen.query_one("#exam-score-note").display, "the scaled-score note gives way"
        assert "PASS" in screen_text(app)


async def test_the_results_review_list_grows_with_the_width_and_its_lines_fill_it(scenario_app):
    app = scenario_app()
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        review = app.screen.query_one(ReviewList)
        assert review.region.width >= 70, review.region
        assert app.screen.query_one("#exam-score-note").display
        first = str(review.get_option_at_index(0).prompt)
        assert len(first) >= review.scrollable_content_region.width - 4, f"{first!r} leaves the list's width empty"


async def test_a_wide_exam_home_puts_the_past_attempts_beside_the_menu(scenario_app):
    app = scenario_app()
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        menu, history = region(app, "#exam-menu"), region(app, "#exam-history-box")
        assert history.x >= menu.right and history.y == menu.y, (menu, history)
    app = scenario_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        menu, history = region(app, "#exam-menu"), region(app, "#exam-history-box")
        assert history.y >= menu.bottom, (menu, history)


async def test_a_wide_progress_view_sets_its_sections_side_by_side(scenario_app):
    app = scenario_app()
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        sections = list(app.view("progress").children)
        assert len({w.region.x for w in sections}) >= 2, [w.region for w in sections]


async def test_the_smallest_exam_home_shows_the_newest_past_attempt_and_wraps_the_menu_under_itself(scenario_app):
    app = scenario_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        table = region(app, "#exam-history")
        assert table.y + 2 <= body_bottom(app), f"the past attempts start at row {table.y}, below the fold"
        lines = screen_text(app).splitlines()
        weak = next(i for i, line in enumerate(lines) if "Weak spots" in line)
        assert lines[weak + 1].startswith(" " * 15), f"the menu's text wraps to the left edge: {lines[weak + 1]!r}"


async def test_a_resize_lays_the_views_out_again(scenario_app):
    app = scenario_app()
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        table = app.screen.query_one("#questions-table")
        wide = table.columns["answer"].width
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        assert table.columns["answer"].width < wide
        assert table.virtual_size.width <= table.scrollable_content_region.width
        await run_exam(pilot)
        assert not app.screen.query_one("#exam-grid").display
        await pilot.resize_terminal(120, 36)
        await pilot.pause()
        assert app.screen.query_one("#exam-grid").display and app.screen.has_class("-medium", "-tall")
