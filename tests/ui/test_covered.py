"""Widgets that paint blank rows (``BLANK = True``: the screen, the view switcher, the Study view)
are covered by their children: no cell on screen is ever theirs, in any view, at any size, in a
light, a dark and an ANSI theme, with the Study view's filter open or a dialog over the screen.
If one were not, a part of the screen would be left unpainted by its own rules (views/base.py)."""

from __future__ import annotations

import pytest
from textual.widget import Widget

from awstui.tui.views.base import ViewSwitcher

from ..snapshots.scenario import build_app

SIZES = [(60, 20), (80, 24), (120, 36), (200, 60)]


def blank_cells(screen) -> dict[str, int]:
    """How many cells each blank widget on ``screen`` shows (none, if its children cover it)."""
    blank: dict[Widget, int] = {w: 0 for w in [screen, *screen.walk_children(Widget)] if w.BLANK and w.display}
    width, height = screen.size
    for y in range(height):
        for x in range(width):
            top, _region = screen.get_widget_at(x, y)
            if top in blank:
                blank[top] += 1
    return {f"{type(w).__name__}#{w.id}": n for w, n in blank.items()}


@pytest.fixture
def app(tmp_path):
    made = build_app(tmp_path / "data")
    yield made
    made.store.close()


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
async def test_no_cell_is_left_to_a_blank_widget_in_any_view(app, size):
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        seen = {}
        for key, view in (("1", "study"), ("2", "questions"), ("3", "exam"), ("4", "progress")):
            await pilot.press(key)
            await pilot.pause()
            assert app.current_view == view
            seen[view] = blank_cells(app.screen)
        assert any(w.startswith("StudyView") for w in seen["study"]) and len(seen["study"]) == 3  # (the test holds)
        assert isinstance(app.query_one("#views"), ViewSwitcher)
        assert all(n == 0 for cells in seen.values() for n in cells.values()), seen


@pytest.mark.parametrize("theme", ["textual-light", "nord", "ansi-dark"])
async def test_blank_widgets_stay_covered_with_the_filter_open_and_under_a_dialog(app, theme):
    async with app.run_test(size=(120, 36)) as pilot:
        app.theme = theme
        await pilot.pause()
        await pilot.press("slash")
        await pilot.press("l", "a", "m")
        await pilot.pause()
        assert app.query_one("#tree-filter").display
        assert set(blank_cells(app.screen).values()) == {0}
        await pilot.press("enter")  # to the tree, the filter kept
        await pilot.press("question_mark")  # the help dialog, over the screen
        await pilot.pause()
        assert app.screen is not app.screen_stack[0]
        assert set(blank_cells(app.screen_stack[0]).values()) == {0}
