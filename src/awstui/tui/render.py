"""A service's note as screen rows: Textual ``Strip``s built from content and learner text.

Nothing here parses markup: every string becomes a ``rich.text.Text`` as it is (control
characters replaced, so no text can reach the terminal as an escape sequence), is wrapped with
``Text.wrap`` at the width given and rendered once to Strips. ``NoteView`` caches what these
functions return and only slices it when it paints, so no Rich layout runs on a repaint.

Rows are padded to the full width and carry the view's base style (colours of the theme), so
a row style ("on grey30" for the bullet a search opened, the question cursor) spans the line.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.console import Console
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

from ..content.models import Service
from ..content.text import for_display
from ..records import record

BULLET_GLYPHS = ("•", "◦", "▪", "‣")
SELECTED = Style.parse("on grey30")  # the bullet a search opened
HIGHLIGHT = "reverse"  # the searched words
CURSOR_MARK = "▸ "


def plain(text: str) -> str:
    """``text`` safe to show as it is: tabs expanded, control characters replaced."""
    return for_display(text)


@record
class NoteStyles:
    """The theme's styles the rows are built with (part of every cache key)."""

    base: Style = field(default_factory=Style)  # the view's colours, beneath everything
    title: Style = field(default_factory=lambda: Style(bold=True))
    cursor: Style = field(default_factory=lambda: Style(reverse=True))


@dataclass
class Rows:
    """Built rows of one part of the note, and where things are in them (row offsets)."""

    strips: list[Strip]
    bullets: list[tuple[int, int]] = field(default_factory=list)  # (source line, first row)
    questions: list[tuple[str, int, int]] = field(default_factory=list)  # (question id, first row, end row)
    cursor: dict[int, Strip] = field(default_factory=dict)  # row -> the row as shown under the question cursor


def _strip(console: Console, text: Text) -> Strip:
    if text.style:  # Text.render draws the spans only: the text's own style becomes the first span
        text = text.copy()
        text.stylize_before(text.style)
        text.style = ""
    return Strip(list(text.render(console)), text.cell_len)


def _finish(strip: Strip, width: int, styles: NoteStyles, row_style: Style | None = None) -> Strip:
    strip = strip.adjust_cell_length(width)
    if row_style is not None:
        strip = strip.apply_style(row_style)
    return strip.apply_style(styles.base)


def wrapped(
    console: Console,
    text: Text,
    width: int,
    styles: NoteStyles,
    first: Text | None = None,
    rest: Text | None = None,
    row_style: Style | None = None,
) -> list[Strip]:
    """``text`` wrapped to ``width`` cells; ``first`` prefixes its first row and ``rest`` (the same
    width) the others: a hanging indent."""
    indent = first.cell_len if first is not None else 0
    rows = []
    for n, line in enumerate(text.wrap(console, max(1, width - indent), overflow="fold")):
        prefix = first if n == 0 else rest
        if prefix is not None:
            line = Text.assemble(prefix, line)
        rows.append(_finish(_strip(console, line), width, styles, row_style))
    return rows


def blank(width: int, styles: NoteStyles) -> Strip:
    return Strip.blank(width, styles.base)


def question_line(text: str, answered: bool, vanished: bool = False) -> Text:
    line = Text()
    line.append("☑ " if answered else "☐ ", style="green" if answered else "yellow")
    line.append(plain(text), style="dim" if answered else "")
    if vanished:
        line.append("  (question no longer in the content)", style="italic dim")
    return line


def head_rows(
    console: Console,
    width: int,
    styles: NoteStyles,
    name: str,
    category: str,
    reviewed: tuple[bool, str, int],
    docs: tuple[str, ...],
    exam: str = "",
) -> Rows:
    """Title, category and reviewed state, ``exam`` (its exam questions and the learner's
    accuracy, one line), docs links. ``reviewed`` is (reviewed, date, count)."""
    strips = [blank(width, styles)]
    strips += wrapped(console, Text(plain(name), style=styles.title), width, styles)
    meta = Text(plain(category), style="dim")
    done, when, count = reviewed
    if done:
        meta.append(f"   ✓ reviewed {plain(when)}", style="green")
        if count > 1:
            meta.append(f" ({count}×)", style="green")
    else:
        meta.append("   not reviewed yet (r)", style="yellow")
    strips += wrapped(console, meta, width, styles)
    if exam:
        line = Text(plain(exam))
        if not exam.startswith("No "):
            line.append("   d drills them", style="dim")
        strips += wrapped(console, line, width, styles)
    for url in docs:
        strips += wrapped(
            console,
            Text(plain(url), style="underline"),
            width,
            styles,
            first=Text("docs: ", style="dim"),
            rest=Text("      "),
        )
    strips.append(blank(width, styles))
    return Rows(strips)


def body_rows(
    console: Console,
    width: int,
    styles: NoteStyles,
    service: Service,
    highlight: str = "",
    focus_line: int | None = None,
) -> Rows:
    """The notes: nested bullets with a hanging indent, headings, paragraphs; ``highlight`` marks
    the words of a search and the item from source line ``focus_line`` is shown selected."""
    rows = Rows([])
    max_depth = max(0, (width // 2 - 2) // 2)  # a narrow view keeps room for the text
    for depth, bullet in service.bullets():
        text = Text(plain(bullet.text))
        if highlight:
            text.highlight_words([highlight], style=HIGHLIGHT, case_sensitive=False)
        selected = SELECTED if bullet.line == focus_line else None
        rows.bullets.append((bullet.line, len(rows.strips)))
        if bullet.kind == "heading":
            text.stylize("bold underline")
            rows.strips += wrapped(console, text, width, styles, row_style=selected)
        elif bullet.kind == "para":
            rows.strips += wrapped(console, text, width, styles, row_style=selected)
        else:
            d = min(depth, max_depth)
            glyph = Text(" " * (2 * d) + BULLET_GLYPHS[depth % len(BULLET_GLYPHS)] + " ", style="dim")
            rows.strips += wrapped(
                console, text, width, styles, first=glyph, rest=Text(" " * glyph.cell_len), row_style=selected
            )
    if not rows.bullets:
        rows.strips += wrapped(
            console, Text("Not in your notes yet: press e to annotate it.", style="dim italic"), width, styles
        )
    rows.strips.append(blank(width, styles))
    return rows


def tail_rows(
    console: Console,
    width: int,
    styles: NoteStyles,
    questions: tuple[tuple[str, str, bool, bool], ...],
    annotation: str,
) -> Rows:
    """Open questions ``(id, text, answered, vanished)`` with their cursor rows, then the
    learner's annotation."""
    rows = Rows([])
    if questions:
        rows.strips.append(blank(width, styles))
        rows.strips += wrapped(console, Text("Open questions", style="bold"), width, styles)
        no_mark, mark = Text("  "), Text(CURSOR_MARK, style="bold")
        indent = Text("    ")
        for qid, text, answered, vanished in questions:
            line = question_line(text, answered, vanished)
            start = len(rows.strips)
            rows.strips += wrapped(console, line, width, styles, first=no_mark, rest=indent)
            under = wrapped(console, line, width, styles, first=mark, rest=indent, row_style=styles.cursor)
            rows.cursor.update({start + i: strip for i, strip in enumerate(under)})
            rows.questions.append((qid, start, len(rows.strips)))
    rows.strips.append(blank(width, styles))
    rows.strips += wrapped(console, Text("Your annotation (e)", style="bold"), width, styles)
    if annotation:
        rows.strips += wrapped(console, Text(plain(annotation)), width, styles)
    else:
        rows.strips += wrapped(console, Text("none yet: press e to write one", style="dim"), width, styles)
    rows.strips.append(blank(width, styles))
    return rows


def empty_rows(console: Console, width: int, styles: NoteStyles) -> Rows:
    strips = [blank(width, styles)]
    strips += wrapped(console, Text("No service", style=styles.title), width, styles)
    strips += wrapped(console, Text("Pick a service in the tree.", style="dim"), width, styles)
    return Rows(strips)
