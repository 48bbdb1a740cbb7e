"""Pasted text (issue 10, item 17): kept whole and in order, controls made visible, line breaks
as spaces in one-line fields."""

from __future__ import annotations

import importlib

import pytest
from textual import events
from textual._xterm_parser import XTermParser
from textual.widgets import Input, TextArea

from awstui.tui._internals import DRIVER_MODULES, install_paste_parser
from awstui.tui.paste import paste_safe_parser, pasted
from awstui.tui.screens.modals import AskScreen, EditorScreen

from .conftest import SIZE

HOSTILE = "\x1b[200~first \x1b[31m second\x1b[201~"


def tokens(parser, chunks):
    return [t for chunk in chunks for t in parser.feed(chunk)]


@pytest.mark.parametrize("split", ["whole", "one character at a time", "markers split"])
def test_a_paste_with_an_esc_is_one_paste_event_in_order(split):
    chunks = {
        "whole": [HOSTILE],
        "one character at a time": list(HOSTILE),
        "markers split": ["\x1b[20", "0~first \x1b", "[31m second\x1b[201", "~"],
    }[split]
    found = tokens(paste_safe_parser(XTermParser)(), chunks)
    assert [type(t) for t in found] == [events.Paste]
    assert found[0].text == "first \\x1b[31m second"


def test_textual_alone_reorders_such_a_paste():  # the defect, so the test above means something
    found = tokens(XTermParser(), [HOSTILE])
    assert not (len(found) == 1 and isinstance(found[0], events.Paste))


def test_keys_around_a_paste_and_the_escape_key_still_arrive():
    found = tokens(paste_safe_parser(XTermParser)(), ["a", "\x1b[200~x\ry\x1b[201~", "\x1b[A", "b"])
    assert [getattr(t, "key", None) or t.text for t in found] == ["a", "x\ny", "up", "b"]


def test_the_policy_keeps_tabs_and_newlines_in_an_editor_and_spaces_in_a_line():
    assert pasted("a\r\nb\rc\td\x07") == "a\nb\nc\td\\x07"
    assert pasted("a\r\nb\rc\td", one_line=True) == "a b c d"


def test_install_makes_the_linux_drivers_build_the_safe_parser(monkeypatch):
    for name in DRIVER_MODULES:
        module = importlib.import_module(name)
        monkeypatch.setattr(module, "XTermParser", module.XTermParser)
    assert install_paste_parser()
    parser = importlib.import_module(DRIVER_MODULES[0]).XTermParser()
    assert [t.text for t in parser.feed(HOSTILE)] == ["first \\x1b[31m second"]
    assert install_paste_parser()  # twice: not wrapped twice
    assert importlib.import_module(DRIVER_MODULES[0]).XTermParser.__mro__[1] is XTermParser


def test_install_degrades_when_the_drivers_parser_is_gone(monkeypatch):
    for name in DRIVER_MODULES:
        monkeypatch.delattr(importlib.import_module(name), "XTermParser")
    assert install_paste_parser() is False


async def test_a_pasted_cr_in_a_one_line_field_becomes_a_space(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(AskScreen("New question", "Your question:"))
        await pilot.pause()
        box = app.screen.query_one(Input)
        box.focus()
        app.post_message(events.Paste("What about\rretries\nand backoff?"))
        await pilot.pause()
        assert box.value == "What about retries and backoff?"


async def test_a_paste_into_the_editor_is_stored_as_pasted(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(EditorScreen("Answer", ""))
        await pilot.pause()
        area = app.screen.query_one(TextArea)
        app.post_message(events.Paste(pasted("first \ue01b[31m second\rthird")))
        await pilot.pause()
        assert area.text == "first \\x1b[31m second\nthird"


async def test_a_pasted_cr_in_the_search_box_and_the_tree_filter_becomes_a_space(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash")  # the tree's filter
        await pilot.pause()
        box = app.screen.query_one("#tree-filter", Input)
        app.post_message(events.Paste("lamb\rda"))
        await pilot.pause()
        assert box.value == "lamb da"
        await pilot.press("escape")
        await pilot.pause()
        app.action_search()
        await pilot.pause()
        search = app.screen.query_one("#search-input", Input)
        app.post_message(events.Paste("dead\rletter\nqueue"))
        await pilot.pause()
        assert search.value == "dead letter queue"
