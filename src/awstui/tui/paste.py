"""Pasted text, kept in order and made safe: one policy for every input and editor.

Textual's terminal parser (8.2, ``XTermParser``) breaks on an ESC inside a bracketed
paste: it reads the rest of the paste as an escape sequence and sends it as key presses, before
the paste event with the text in front of the ESC (``first ESC[31m second`` was stored as
``^[31m secondfirst``). ``PasteSafeParser`` hands each ESC inside a paste to that parser as a
private-use character, so the whole paste stays one paste event, in order; ``pasted`` then
applies the text policy (``content/text.py``): every control character but tab and newline is
kept visible as its ``\\xNN`` escape, CR and CRLF become newlines. One-line fields
(``OneLineInput``) turn newlines and tabs into spaces; Textual's ``Input`` kept only the text
before the first line break.

Putting the parser in place reads private Textual names: ``_internals.install_paste_parser``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual import events
from textual.widgets import Input

from ..content.text import visible_controls

PASTE_START = "\x1b[200~"
PASTE_END = "\x1b[201~"
ESC_STAND_IN = "\ue01b"  # what an ESC inside a paste travels as through Textual's parser


def pasted(text: str, *, one_line: bool = False) -> str:
    """Pasted ``text`` as awstui keeps it: line breaks as newlines (spaces in a one-line field),
    every other control character shown as its ``\\xNN`` escape (tabs kept in an editor)."""
    text = text.replace(ESC_STAND_IN, "\x1b").replace("\r\n", "\n").replace("\r", "\n")
    if one_line:
        text = text.replace("\n", " ").replace("\t", " ")
    return "\t".join(visible_controls(part) for part in text.split("\t"))


def guard_paste(data: str, in_paste: bool, carry: str) -> tuple[str, bool, str]:
    """Replace each ESC inside a bracketed paste by ``ESC_STAND_IN``; markers may be split
    across reads. Returns (what to feed the parser, whether a paste is still open, the carry:
    outside a paste the last few characters already passed on, to see a start marker split
    across reads; inside one the start of what may be its end marker, held back)."""
    out = []
    text = carry + data if in_paste else data
    tail = "" if in_paste else carry
    while text:
        if not in_paste:
            seen = tail + text
            start = seen.find(PASTE_START)
            if start < 0:
                out.append(text)
                return "".join(out), False, seen[-(len(PASTE_START) - 1) :]
            cut = start + len(PASTE_START) - len(tail)
            out.append(text[:cut])
            text, in_paste, tail = text[cut:], True, ""
            continue
        end = text.find(PASTE_END)
        if end < 0:
            cut = next((i for i in range(max(0, len(text) - len(PASTE_END) + 1), len(text))
                        if PASTE_END.startswith(text[i:])), len(text))  # fmt: skip
            out.append(text[:cut].replace("\x1b", ESC_STAND_IN))
            return "".join(out), True, text[cut:]
        out.append(text[:end].replace("\x1b", ESC_STAND_IN) + PASTE_END)
        text, in_paste, tail = text[end + len(PASTE_END) :], False, ""
    return "".join(out), in_paste, "" if in_paste else tail


def paste_safe_parser(base: type) -> type:
    """A subclass of Textual's terminal parser ``base`` that keeps pastes whole and in order."""

    class PasteSafeParser(base):
        awstui_paste_safe = True  # installed once (see _internals.install_paste_parser)

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._in_paste, self._held = False, ""

        def feed(self, data: str) -> Iterable[Any]:
            if data:
                data, self._in_paste, self._held = guard_paste(data, self._in_paste, self._held)
                if not data:
                    return
            for token in super().feed(data):
                yield events.Paste(pasted(token.text)) if isinstance(token, events.Paste) else token

    return PasteSafeParser


class OneLineInput(Input):
    """An ``Input`` whose pasted line breaks become spaces (and controls visible escapes)."""

    def on_paste(self, event: events.Paste) -> None:
        event.prevent_default()  # runs before Input's own handler, which keeps only the first line
        event.stop()
        if not event.text:
            return
        text = pasted(event.text, one_line=True)
        if self.selection.is_empty:
            self.insert_text_at_cursor(text)
        else:
            self.replace(text, *self.selection)
