"""awstui.tui._internals: every private Textual name the app reads is there, and each trick
degrades to Textual's public path when its private name is gone (a Textual upgrade)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from pathlib import Path
from types import SimpleNamespace

import textual
from textual._xterm_parser import XTermParser
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.css.stylesheet import Stylesheet
from textual.dom import DOMNode
from textual.geometry import Size
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import DataTable

import awstui.tui
from awstui.tui import _internals
from awstui.tui._internals import (
    PRIVATE_OVERRIDES,
    TRICKS,
    bindings_of,
    drop_startup_repaint,
    restyle_table_keeping_rows,
    set_scroll_range,
)

TUI = Path(awstui.tui.__file__).parent
TEXTUAL_CLASSES = {
    "Screen": Screen,
    "DOMNode": DOMNode,
    "DataTable": DataTable,
    "Widget": Widget,
    "XTermParser": XTermParser,
    "Stylesheet": Stylesheet,
}


def test_the_tricks_are_listed_with_the_private_names_they_read():
    public = {
        name for name, f in inspect.getmembers(_internals, inspect.isfunction) if f.__module__ == _internals.__name__
    }
    assert {f.__name__ for f in TRICKS} == public
    for trick, names in TRICKS.items():
        assert trick.__doc__ and "Public path" in " ".join(trick.__doc__.split()), trick
        source = inspect.getsource(trick)
        for qualified in names:
            cls_name, attr = qualified.split(".")
            assert f'"{attr}"' in source, (trick, attr)  # read through getattr, so a rename degrades
            sources = [
                inspect.getsource(b) for b in TEXTUAL_CLASSES[cls_name].__mro__ if b.__module__.startswith("textual")
            ]
            assert any(attr in text for text in sources), f"{qualified} is gone from Textual {textual.__version__}"


def _own_private_names() -> set[str]:
    names: set[str] = set()
    for path in TUI.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        names |= set(re.findall(r"def (_\w+)", text))
        names |= set(re.findall(r"self\.(_\w+)\s*(?::[^=\n]*)?=[^=]", text))
        names |= set(re.findall(r"self\.(_\w+)\s*,", text))  # tuple assignments
        names |= set(re.findall(r"^\s*(_\w+)\s*[:=]", text, re.M))
    return names


def test_no_private_textual_name_is_read_outside_internals():
    own = _own_private_names()
    found = []
    for path in TUI.rglob("*.py"):
        if path.name == "_internals.py":
            continue
        for name in re.findall(r"(?<=[\w)\]])\.(_[a-z]\w*)", path.read_text(encoding="utf-8")):
            if name not in own:
                found.append((path.name, name))
    assert found == []


def test_private_textual_handlers_overridden_are_listed():
    overrides = set()
    for info in pkgutil.walk_packages(awstui.tui.__path__, "awstui.tui."):
        module = importlib.import_module(info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != module.__name__ or not issubclass(cls, DOMNode):
                continue
            for attr, value in cls.__dict__.items():
                if inspect.isfunction(value) and attr.startswith("_") and not attr.startswith("__"):
                    textual_bases = [b for b in cls.__mro__[1:] if b.__module__.startswith("textual")]
                    if any(attr in b.__dict__ for b in textual_bases):
                        overrides.add(f"{module.__name__}.{cls.__name__}.{attr}")
    assert overrides == set(PRIVATE_OVERRIDES)


def test_drop_startup_repaint_degrades():
    assert drop_startup_repaint(SimpleNamespace()) is False  # type: ignore[arg-type]
    screen = SimpleNamespace(_repaint_required=True, _dirty_widgets=set())
    assert drop_startup_repaint(screen) is True and screen._repaint_required is False  # type: ignore[arg-type]
    busy = SimpleNamespace(_repaint_required=True, _dirty_widgets={1})
    assert drop_startup_repaint(busy) is False and busy._repaint_required is True  # type: ignore[arg-type]


class Keys(DOMNode):
    BINDINGS = [Binding("x", "do", "Do", id="t.do")]


class MoreKeys(Keys):
    BINDINGS = [Binding("y", "more", "More", id="t.more")]


def test_bindings_of_degrades_to_the_classes_bindings():
    node = MoreKeys()
    live = {key: [b.action for b in bs] for key, bs in bindings_of(node).items()}
    del node._bindings
    rebuilt = {key: [b.action for b in bs] for key, bs in bindings_of(node).items()}
    assert live == rebuilt == {"x": ["do"], "y": ["more"]}


class Holder(App[None]):
    def compose(self) -> ComposeResult:
        table: DataTable[str] = DataTable()
        yield table
        yield Widget(id="plain")


async def test_the_table_restyle_trick_degrades(monkeypatch):
    public = []
    monkeypatch.setattr(DataTable, "notify_style_update", lambda self: public.append("table"))
    app = Holder()
    async with app.run_test() as pilot:
        await pilot.pause()
        table = app.query_one(DataTable)
        public.clear()  # Textual's own restyles while mounting
        assert restyle_table_keeping_rows(table) is True and public == []
        monkeypatch.setattr(DataTable, "_get_styles_to_render_cell", None)
        assert restyle_table_keeping_rows(table) is False
        assert public == ["table"]


async def test_set_scroll_range_degrades_to_virtual_size(monkeypatch):
    app = Holder()
    async with app.run_test() as pilot:
        await pilot.pause()
        plain = app.query_one("#plain")
        set_scroll_range(plain, Size(10, 50))
        assert plain.virtual_size == Size(10, 50)
        monkeypatch.setattr(Widget, "_scroll_update", None)
        set_scroll_range(plain, Size(10, 70))
        assert plain.virtual_size == Size(10, 70)
