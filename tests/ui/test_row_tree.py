"""RowTree (the service tree's base) draws what Textual's Tree draws for the same rows, with
show_root=False and guide_depth=2, in every state: cursor, hover, focus, folded, themes."""

from __future__ import annotations

import pytest
from rich.text import Text
from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Tree

from awstui.tui.widgets.row_tree import RowTree
from awstui.tui.widgets.rows import Row

CATEGORIES = {
    "Compute": ["Amazon EC2", "AWS Lambda  ?2", "Amazon ECS with a name too long to fit"],
    "Storage": ["Amazon S3  ✓"],
    "Database": ["Amazon DynamoDB  ?1  ✓", "Amazon RDS"],
}


def label(name: str, dim: bool = False) -> Text:
    text = Text(name.split("  ")[0], style="dim" if dim else "")
    for badge in name.split("  ")[1:]:
        text.append(f"  {badge}", style="yellow" if badge.startswith("?") else "green")
    return text


def rows() -> list[Row]:
    top = []
    for cat, names in CATEGORIES.items():
        row = Row(f"cat:{cat}", Text(cat, style="bold"), [], expanded=True)
        row.children = [Row(n, label(n, dim=i == 1), parent=row) for i, n in enumerate(names)]
        top.append(row)
    top.append(Row("cat:legend", Text("dimmed: not in your notes yet (u hides)", style="dim italic")))
    return top


class Both(App[None]):
    CSS = "Tree, RowTree { width: 30; height: 14; } Horizontal { height: 14; }"

    def compose(self) -> ComposeResult:
        tree: Tree[str] = Tree(Text("root"))
        tree.show_root = False
        tree.guide_depth = 2
        for cat, names in CATEGORIES.items():
            node = tree.root.add(Text(cat, style="bold"), data=f"cat:{cat}", expand=True)
            for i, n in enumerate(names):
                node.add_leaf(label(n, dim=i == 1), data=n)
        tree.root.add_leaf(Text("dimmed: not in your notes yet (u hides)", style="dim italic"), data="cat:legend")
        ours = RowTree()
        ours.set_rows(rows())
        with Horizontal():
            yield tree
            yield ours
        yield Button("elsewhere")

    def on_mount(self) -> None:
        self.said: dict[str, list[tuple[str, str]]] = {"tree": [], "ours": []}

    def on_tree_node_highlighted(self, event) -> None:
        self.said["tree"].append(("highlighted", event.node.data))

    def on_tree_node_selected(self, event) -> None:
        self.said["tree"].append(("selected", event.node.data))

    def on_row_tree_highlighted(self, event) -> None:
        self.said["ours"].append(("highlighted", event.data))

    def on_row_tree_selected(self, event) -> None:
        self.said["ours"].append(("selected", event.data))


def drawn(widget) -> list[list[tuple]]:
    return [
        [(s.text, s.style.clear_meta_and_links() if s.style else None) for s in widget.render_line(y)]
        for y in range(widget.size.height)
    ]


async def same(pilot, tree, ours, focus: str) -> None:
    """Each drawn with the focus on it (``focus="self"``) or elsewhere: the same lines."""
    pictures = []
    for widget in (tree, ours):
        (widget if focus == "self" else pilot.app.query_one(Button)).focus()
        await pilot.pause()
        pictures.append(drawn(widget))
    assert pictures[0] == pictures[1]


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light", "ansi-dark", "nord"])
async def test_the_row_tree_draws_what_textual_tree_draws(theme):
    app = Both()
    async with app.run_test(size=(80, 20)) as pilot:
        app.theme = theme
        await pilot.pause()
        tree, ours = app.query_one(Tree), app.query_one(RowTree)
        await same(pilot, tree, ours, "self")  # no cursor yet
        # (line, hover line): the cursor on a service, on a category (its guides), hovers on both
        for line, hover in ((2, -1), (4, -1), (0, 2), (2, 0), (5, 5)):
            tree.move_cursor(tree.get_node_at_line(line))
            ours.move_cursor(ours._lines[line])
            tree.hover_line = hover
            ours._set_hover(hover)
            for focus in ("self", "elsewhere"):
                await same(pilot, tree, ours, focus)
        tree.get_node_at_line(0).collapse()  # a folded category, and its icon
        ours.set_expanded(ours.rows[0], False)
        tree.hover_line = -1
        ours._set_hover(-1)
        await pilot.pause()
        await same(pilot, tree, ours, "self")
        assert ours.cursor_data == tree.cursor_node.data


KEYS = [
    "down",
    "down",
    "shift+down",
    "shift+down",
    "shift+up",
    "shift+right",
    "shift+left",
    "space",
    "space",
    "end",
    "up",
    "shift+up",
    "home",
]
KEYS += [
    "pagedown",
    "pageup",
    "enter",
    "down",
    "enter",
    "shift+space",
    "shift+space",
    "down",
    "shift+space",
    "shift+right",
    "shift+down",
]


async def test_the_row_tree_keys_do_what_textual_tree_keys_do():
    app = Both()
    async with app.run_test(size=(80, 20)) as pilot:
        await pilot.pause()
        tree, ours = app.query_one(Tree), app.query_one(RowTree)
        for key in KEYS:
            pictures = []
            for widget in (tree, ours):
                widget.focus()
                await pilot.press(key)
                await pilot.pause()
                pictures.append(drawn(widget))
            assert ours.cursor_data == tree.cursor_node.data, key
            assert pictures[0] == pictures[1], key
        # the same messages, but for Tree's highlight of its root as it is mounted (no data) and
        # its highlight again of the row already highlighted when a fold redraws the lines
        assert app.said["ours"] == without_repeats(app.said["tree"]) and len(app.said["ours"]) > 10


def without_repeats(said: list[tuple[str, str]]) -> list[tuple[str, str]]:
    kept, last = [], None
    for kind, data in said:
        if kind == "highlighted" and data in (None, last):
            continue
        kept.append((kind, data))
        last = data if kind == "highlighted" else last
    return kept


async def test_the_row_tree_mouse_does_what_textual_tree_mouse_does():
    app = Both()
    async with app.run_test(size=(80, 20)) as pilot:
        await pilot.pause()
        tree, ours = app.query_one(Tree), app.query_one(RowTree)
        # an icon (folds, the cursor stays), a label (selects and folds), a service, the guides, below the rows
        for offset in ((0, 0), (1, 0), (5, 0), (6, 1), (0, 2), (3, 3), (4, 12)):
            pictures = []
            for widget in (tree, ours):
                await pilot.click(widget, offset=offset)
                await pilot.pause()
                await pilot.hover(widget, offset=(offset[0], offset[1] + 1))
                await pilot.pause()
                pictures.append(drawn(widget))
            assert ours.cursor_data == (tree.cursor_node.data if tree.cursor_node else None), offset
            assert pictures[0] == pictures[1], offset
        assert app.said["ours"] == without_repeats(app.said["tree"]) and ("selected", "cat:Compute") in app.said["ours"]


async def test_the_styles_are_tree_s_in_every_theme():
    """tree_looks chooses Tree's CSS rules for the theme and the focus, without component classes."""
    from awstui.tui.widgets.tree_looks import GUIDES, HIDDEN_GUIDES, read_looks

    app = Both()
    async with app.run_test(size=(80, 20)) as pilot:
        tree, ours = app.query_one(Tree), app.query_one(RowTree)
        themes = sorted(app.available_themes)
        assert len(themes) > 15
        for theme in themes:
            app.theme = theme
            for focused in (True, False):
                for widget in (tree, ours):
                    (widget if focused else app.query_one(Button)).focus()
                    await pilot.pause()
                    if widget is tree:
                        plain = tree.get_component_rich_style("tree--guides", partial=True)
                        guides = []
                        for name in ("tree--guides", "tree--guides-hover", "tree--guides-selected"):
                            style = (
                                plain
                                if name == "tree--guides"
                                else plain + tree.get_component_rich_style(name, partial=True)
                            )
                            hidden = tree.get_component_styles(name).color.a == 0
                            guides.append((style, HIDDEN_GUIDES if hidden else GUIDES["default"]))
                        theirs = (
                            tree.rich_style,
                            tree.get_component_rich_style("tree--cursor"),
                            tree.get_component_rich_style("tree--highlight-line"),
                            tuple(guides),
                        )
                    else:
                        assert tuple(read_looks(ours, ours.rich_style)) == theirs, (theme, focused)


class OneTree(App[None]):
    CSS = "RowTree { width: 1fr; height: 1fr; }"

    def compose(self) -> ComposeResult:
        tree = RowTree()
        tree.set_rows(rows())
        yield tree


async def test_the_lines_kept_are_those_of_the_width_on_screen():
    app = OneTree()
    async with app.run_test(size=(40, 14)) as pilot:
        tree = app.query_one(RowTree)
        for width in (40, 50, 60, 45):
            await pilot.resize_terminal(width, 14)
            await pilot.pause()
            assert tree._strips and {key[4] for key in tree._strips} == {width}
        assert drawn(tree)[1][0][0].startswith("├")  # still drawn right after the resizes
