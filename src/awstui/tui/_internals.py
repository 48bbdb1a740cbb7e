"""Every use of a private Textual name, one function per trick, each with its measured reason.

Textual 8.2 is pinned (pyproject), but a minor release may rename what is private. Each trick
reads the private name with ``getattr`` and, when it is gone, takes the public path: the app
gets slower where the trick saved time, it never crashes. ``TRICKS`` lists them (with the
private names each one reads) and tests/ui/test_internals.py checks every one degrades.

Besides these, a widget overrides a private event handler of its Textual base,
``_on_resize`` (``PRIVATE_OVERRIDES``): should Textual rename its handler, ours runs beside it
(Textual dispatches ``_on_x`` and ``on_x``) and nothing breaks; the time it saved is lost.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode
from textual.widget import Widget

if TYPE_CHECKING:  # imported where used: the app starts without DataTable's module
    from textual.css.stylesheet import Stylesheet
    from textual.geometry import Size
    from textual.screen import Screen
    from textual.widgets import DataTable


def drop_startup_repaint(screen: Screen[Any]) -> bool:
    """Drop the full repaint Textual schedules for a screen styled before it was mounted.

    Textual marks such a screen for a full repaint and clears the mark only on its update timer,
    after the first frame has already painted everything: one wasted full-screen repaint
    (~25 ms here, bench/startup.py). Public path: keep it (True when it was dropped)."""
    if getattr(screen, "_repaint_required", False) and not getattr(screen, "_dirty_widgets", True):
        screen._repaint_required = False
        return True
    return False


def bindings_of(node: DOMNode) -> Mapping[str, list[Binding]]:
    """The node's bindings by key, as Textual resolves them (keymap included), for the help screen.

    Textual keeps them in ``DOMNode._bindings``. Public path: rebuild them from the
    ``BINDINGS`` of the node's classes (without a user keymap's changes)."""
    bindings = getattr(node, "_bindings", None)
    found = getattr(bindings, "key_to_bindings", None)
    if isinstance(found, Mapping):
        return found
    keys: dict[str, list[Binding]] = {}
    for base in reversed(type(node).__mro__):
        if issubclass(base, DOMNode):
            keys.update(BindingsMap(base.__dict__.get("BINDINGS", [])).key_to_bindings)
    return keys


def restyle_table_keeping_rows(table: DataTable[Any]) -> bool:
    """Restyle a DataTable without dropping its rendered rows and cells (same theme).

    DataTable drops every rendered row and cell on any restyle, i.e. whenever it gains or loses
    focus: each switch to the Questions view re-rendered the whole table (most of the switch,
    bench/view_switch.py). Its caches are keyed by the table's pseudo-classes and base style, so
    they stay valid; only the per-cell style lookup (``_get_styles_to_render_cell``, cheap) is
    cleared. Public path: DataTable's own restyle, which drops them (False)."""
    cell_styles = getattr(table, "_get_styles_to_render_cell", None)
    cache_clear: Callable[[], None] | None = getattr(cell_styles, "cache_clear", None)
    if cache_clear is None:
        from textual.widgets import DataTable

        DataTable.notify_style_update(table)
        return False
    Widget.notify_style_update(table)
    cache_clear()
    table.refresh()
    return True


def set_scroll_range(widget: Widget, size: Size) -> None:
    """Set a widget's virtual size (its scroll range) without a layout pass.

    The note view's own region does not change when a note is switched, only how far it
    scrolls; setting ``virtual_size`` asks for a layout pass of the screen, and a layout pass
    cost ~17 ms of CPU and 2 frames here where the switch's budget is one frame (~10 ms,
    bench/note_switch.py; widgets/note_view.py). ``_scroll_update`` is what Textual's own
    resize path calls for the scrollbars and scroll limits. Public path: set ``virtual_size``
    (with its layout)."""
    scroll_update = getattr(widget, "_scroll_update", None)
    if scroll_update is None:
        widget.virtual_size = size
        return
    widget.set_reactive(Widget.virtual_size, size)
    scroll_update(size)


def parsed_css(stylesheet: Stylesheet) -> tuple[dict[str, str], list[tuple[Any, Any]]] | None:
    """The CSS a stylesheet has parsed so far, each entry under Textual's own key (the CSS text,
    where it was read from, its flags), and the variables it was parsed with, to be kept for the
    next start (tui/css_cache.py).

    Textual parses the CSS of every widget class again on each start and keeps the rules only
    in the process, in ``Stylesheet._parse_cache`` (~9 ms of the start here, ~5 ms more than a
    bare app, bench/startup.py). A theme's colours are put in as the CSS is parsed, so the rules
    hold only for those ``Stylesheet._variables``. Public path: None (nothing is kept)."""
    cache = getattr(stylesheet, "_parse_cache", None)
    variables = getattr(stylesheet, "_variables", None)
    keys, get = getattr(cache, "keys", None), getattr(cache, "get", None)
    if keys is None or get is None or not isinstance(variables, dict):
        return None
    return dict(variables), [(key, get(key)) for key in list(keys())]


def reuse_parsed_css(stylesheet: Stylesheet, variables: dict[str, str], entries: list[tuple[Any, Any]]) -> bool:
    """Give a stylesheet the CSS ``parsed_css`` kept, when it has the same variables: Textual
    then parses only CSS that changed or is new (~1.5 ms to read them back, against ~9 ms to
    parse). Textual drops them itself on any change of variables (``Stylesheet.set_variables``,
    a new theme), so they never serve another theme. Public path: False (Textual parses)."""
    cache = getattr(stylesheet, "_parse_cache", None)
    put = getattr(cache, "set", None)
    if put is None or getattr(stylesheet, "_variables", None) != variables:
        return False
    for key, rules in entries:
        put(key, rules)
    return True


DRIVER_MODULES = ("textual.drivers.linux_driver", "textual.drivers.linux_inline_driver")


def install_paste_parser() -> bool:
    """Make the Linux drivers build their terminal parser as ``paste.paste_safe_parser`` of it.

    Textual's parser sends the text after an ESC inside a bracketed paste as key presses ahead
    of the paste (tui/paste.py). The drivers build it from their module's ``XTermParser`` (from
    the private ``textual._xterm_parser``); the subclass overrides its ``feed``. Public path:
    when either is gone, Textual's parser stays (False); pastes are then still neutralised by
    the widgets, but may arrive out of order."""
    import importlib

    from .paste import paste_safe_parser

    done = False
    for name in DRIVER_MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        base = getattr(module, "XTermParser", None)
        if base is None or not callable(getattr(base, "feed", None)):
            continue
        if not getattr(base, "awstui_paste_safe", False):
            setattr(module, "XTermParser", paste_safe_parser(base))  # noqa: B010 (a module's name, replaced on purpose)
        done = True
    return done


# each trick, with the private Textual names it reads
TRICKS: dict[Callable[..., object], tuple[str, ...]] = {
    drop_startup_repaint: ("Screen._repaint_required", "Screen._dirty_widgets"),
    bindings_of: ("DOMNode._bindings",),
    restyle_table_keeping_rows: ("DataTable._get_styles_to_render_cell",),
    set_scroll_range: ("Widget._scroll_update",),
    install_paste_parser: ("XTermParser.feed",),
    parsed_css: ("Stylesheet._parse_cache", "Stylesheet._variables"),
    reuse_parsed_css: ("Stylesheet._parse_cache", "Stylesheet._variables"),
}
# private Textual handlers overridden by awstui widgets: "module.Class._method"
PRIVATE_OVERRIDES = ("awstui.tui.views.questions.QuestionTable._on_resize",)
