"""tui/css_cache.py: the CSS one start parsed is given to the next, which then parses none of it
and draws the same screen; another theme, another Textual, a damaged file or a disk that cannot
take it: parsed as before, nothing lost."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace

import pytest
from textual.app import App
from textual.css import stylesheet as textual_stylesheet
from textual.css.stylesheet import Stylesheet

from awstui.tui import app as app_module
from awstui.tui import css_cache as module
from awstui.tui._internals import parsed_css, reuse_parsed_css
from awstui.tui.app import AwsTuiApp
from awstui.tui.css_cache import FILE_NAME, CssCache

SIZE = (120, 36)
APP_DIR = Path(app_module.__file__).parent


@pytest.fixture
def parses(monkeypatch) -> list[str]:
    """Each CSS text Textual parses (Stylesheet._parse_rules calls ``parse`` on a miss)."""
    seen: list[str] = []
    real = textual_stylesheet.parse

    def counting(scope, css, *args, **kwargs):
        seen.append(css)
        return real(scope, css, *args, **kwargs)

    monkeypatch.setattr(textual_stylesheet, "parse", counting)
    return seen


async def _settled(pilot) -> None:
    """Until the screen has nothing left to lay out or paint (a view's figures may arrive a frame
    after it is shown, and move a scrollbar)."""
    screen = pilot.app.screen
    for _ in range(50):
        await pilot.pause()
        if not (screen._layout_required or screen._repaint_required or screen._dirty_widgets):
            await pilot.pause(0.02)
            if not (screen._layout_required or screen._repaint_required or screen._dirty_widgets):
                return


async def _run(make_app, cache, views=("study",)) -> list[str]:
    """Start an app on ``cache`` (on the Study view), show each view; the screen as drawn in each."""
    make_app().store.set_setting("last_view", "study")
    app = make_app(css_cache=cache)
    drawn = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for name in views:
            await app.action_show_view(name)
            await _settled(pilot)
            drawn.append(app.export_screenshot())
    return drawn


async def test_the_next_start_parses_no_css_and_draws_the_same(make_app, tmp_path, parses):
    cache = tmp_path / "cache"
    first = await _run(make_app, CssCache(cache), views=("study", "questions", "exam", "progress"))
    assert (cache / FILE_NAME).is_file() and parses  # written once the views had parsed theirs
    parses.clear()
    again = CssCache(cache)
    second = await _run(make_app, again, views=("study", "questions", "exam", "progress"))
    assert parses == []
    assert second == first  # the rules read back draw every view as the parsed ones did
    written = (cache / FILE_NAME).stat().st_mtime_ns
    await _run(make_app, CssCache(cache))
    assert (cache / FILE_NAME).stat().st_mtime_ns == written  # nothing new parsed: not written again


def _plain(rule) -> tuple:
    """A rule as values (a layout compares by identity: two parses give two equal instances)."""
    styles = {name: (type(value), repr(value)) for name, value in rule.styles.get_rules().items()}
    return rule.selector_set, styles, rule.errors, rule.is_default_rules, rule.tie_breaker, rule.pseudo_classes


async def test_the_rules_read_back_equal_a_parse(make_app, tmp_path):
    cache = tmp_path / "cache"
    await _run(make_app, CssCache(cache))
    fresh = Stylesheet(variables=make_app().get_css_variables())
    assert CssCache(cache).load_into(fresh)
    found = parsed_css(fresh)
    assert found is not None and found[1]
    for (css, read_from, is_default, tie_breaker, scope), rules in found[1]:
        parsed = Stylesheet(variables=fresh._variables)._parse_rules(css, read_from, is_default, tie_breaker, scope)
        assert [_plain(rule) for rule in rules] == [_plain(rule) for rule in parsed]


async def test_another_theme_parses_and_keeps_its_own(make_app, tmp_path, parses):
    cache = tmp_path / "cache"
    await _run(make_app, CssCache(cache))
    make_app().store.set_setting("theme", "nord")
    parses.clear()
    other = CssCache(cache)
    nord = await _run(make_app, other)
    assert parses  # the rules kept hold the other theme's colours: not used
    parses.clear()
    assert await _run(make_app, CssCache(cache)) == nord  # the file holds nord's now:
    own = {App.DEFAULT_CSS, (APP_DIR / AwsTuiApp.CSS_PATH).read_text(encoding="utf-8")}
    assert parses and set(parses) <= own  # (the app's own, at Load: Textual puts in a theme set at start there)


async def test_another_textual_is_a_miss(make_app, tmp_path, parses, monkeypatch):
    cache = tmp_path / "cache"
    await _run(make_app, CssCache(cache))
    monkeypatch.setattr(module, "textual_stamp", lambda: "textual 99")
    parses.clear()
    await _run(make_app, CssCache(cache))
    assert parses


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05K\x01."])
async def test_a_damaged_file_is_parsed_past_and_replaced(make_app, tmp_path, parses, damage):
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / FILE_NAME).write_bytes(damage)
    drawn = await _run(make_app, CssCache(cache))
    assert parses and drawn
    parses.clear()
    await _run(make_app, CssCache(cache))
    assert parses == []  # the damaged file was replaced by a good one


async def test_no_cache_dir_or_one_that_cannot_be_written(make_app, tmp_path, parses):
    assert await _run(make_app, CssCache(None))
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache dir would be")
    assert await _run(make_app, CssCache(blocked))  # the app starts and runs; nothing is kept
    assert blocked.read_text() == "a file where the cache dir would be"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_rules_that_cannot_be_pickled_are_not_kept(tmp_path):
    sheet = Stylesheet(variables={"a": "b"})
    sheet._parse_cache.set(("css",), [lambda: None])  # (no pickle for a lambda)
    cache = CssCache(tmp_path)
    assert cache.save_from(sheet) is False
    assert not (tmp_path / FILE_NAME).exists()
    assert os.listdir(tmp_path) == []  # no temporary file left behind


def test_the_tricks_degrade_without_the_private_names():
    assert parsed_css(SimpleNamespace()) is None  # type: ignore[arg-type]
    assert reuse_parsed_css(SimpleNamespace(), {}, [(("css",), [])]) is False  # type: ignore[arg-type]
    assert CssCache(None).load_into(SimpleNamespace()) is False  # type: ignore[arg-type]
    sheet = Stylesheet(variables={"a": "b"})
    assert reuse_parsed_css(sheet, {"a": "other"}, [(("css",), [])]) is False  # other variables: not used
    assert reuse_parsed_css(sheet, {"a": "b"}, [(("css",), [])]) is True
    sheet.set_variables({"a": "c"})  # a new theme: Textual drops them
    found = parsed_css(sheet)
    assert found is not None and found[1] == []


async def test_a_textual_without_its_sources_on_disk_starts_without_the_cache(make_app, tmp_path, monkeypatch):
    """A frozen app or a .pyc-only install: Textual's files cannot be stamped (a second reader's
    case: the app died at start). No cache then, and nothing written."""
    import textual

    monkeypatch.setattr(textual, "__file__", str(tmp_path / "frozen" / "textual" / "__init__.pyc"))
    cache = tmp_path / "cache"
    assert await _run(make_app, CssCache(cache))
    assert not (cache / FILE_NAME).exists()
