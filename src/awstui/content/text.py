"""The one text-safety policy: what a control character is, and what each use does with one.

Content files, imported banks and imported state are text that awstui did not write. A control
character in it (C0, DEL or C1: an ``ESC[2J`` clears the screen, an OSC 8 sequence makes a live
link) must never reach the terminal as it is, and nor must a bidirectional embedding, override or
isolate (U+202A-U+202E, U+2066-U+2069: in a terminal that lays out bidi text, as VTE's do, an
RLO shows what follows it reversed, and a name or an option can be made to read as another).
Each place that draws or prints such text calls one of these, and they all agree on which
characters are controls:

- ``for_display``: drawn in a widget (tabs expanded, every other control shown as U+FFFD);
- ``for_editing``: put in an editor (as ``for_display``, but tabs kept for the editor to lay out);
- ``one_cell``: drawn where offsets must hold (search hits: each control becomes one space);
- ``escaped``: printed in a one-line message (controls and format characters as ``\\xNN``);
- ``strip_controls``: what an importer keeps (controls other than tab and newline, and stray
  byte-order marks, dropped);
- ``first_control``: what the loader refuses in a content field (see content/fields.py);
- ``visible_controls``: what the loader keeps of a note line (each control as ``\\xNN``);
- ``openable_url``: whether a link may be handed to the browser at all.
"""

from __future__ import annotations

import re
import unicodedata

BIDI_RANGES = "\u202a-\u202e\u2066-\u2069"  # bidi embeddings, overrides and isolates
CONTROL_RANGES = f"\x00-\x1f\x7f-\x9f{BIDI_RANGES}"  # C0, DEL, C1 and those
_CONTROL = re.compile(f"[{CONTROL_RANGES}]")
_CONTROL_BUT_LAYOUT = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI_RANGES}]")  # all but tab and newline
_CONTROL_NOT_NEWLINE = re.compile(f"[\x00-\x09\x0b-\x1f\x7f-\x9f{BIDI_RANGES}]")
_CONTROL_BUT_LAYOUT_OR_BOM = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI_RANGES}\ufeff]")
_ONE_CELL = {c: " " for c in [*range(0x20), 0x7F, *range(0x80, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A)]}
REPLACEMENT = "\ufffd"
TAB_SIZE = 4


def escape_name(ch: str) -> str:
    """``\\xNN`` for a character up to U+00FF, else ``\\uNNNN``."""
    return f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"


def is_control(ch: str) -> bool:
    """A C0 or C1 control character, DEL (tab and newline included), or a bidi embedding,
    override or isolate."""
    return _CONTROL.fullmatch(ch) is not None


def has_control(text: str, *, allow_layout: bool = False) -> bool:
    """Whether ``text`` holds a control character (``allow_layout``: tab and newline are fine)."""
    pattern = _CONTROL_BUT_LAYOUT if allow_layout else _CONTROL
    return pattern.search(text) is not None


def first_control(text: str, *, allow_layout: bool = False) -> tuple[int, str] | None:
    """The offset and ``\\xNN`` (``\\uNNNN``) name of the first control character of ``text``, or None."""
    if text.isascii() and text.isprintable():  # none (most content fields): ~2.5x faster than the search
        return None
    m = (_CONTROL_BUT_LAYOUT if allow_layout else _CONTROL).search(text)
    return (m.start(), escape_name(m.group())) if m else None


def visible_controls(text: str) -> str:
    """Every control character but newline shown as its ``\\xNN`` (``\\uNNNN``) escape: nothing
    is lost, and nothing reaches the terminal as a control."""
    return _CONTROL_NOT_NEWLINE.sub(lambda m: escape_name(m.group()), text)


def for_display(text: str) -> str:
    """``text`` safe to draw as it is: tabs expanded, every other control but newline replaced."""
    return _CONTROL_BUT_LAYOUT.sub(REPLACEMENT, text.expandtabs(TAB_SIZE))


def for_editing(text: str) -> str:
    """``text`` safe to put in an editor: tabs and newlines kept, every other control replaced."""
    return _CONTROL_BUT_LAYOUT.sub(REPLACEMENT, text)


def one_cell(text: str) -> str:
    """Every control character (tab and newline too) as one space: offsets into ``text`` hold."""
    return text.translate(_ONE_CELL)


def strip_controls(text: str) -> str:
    """Text without control characters other than tab and newline, and without stray BOMs."""
    return _CONTROL_BUT_LAYOUT_OR_BOM.sub("", text)


def escaped(text: str) -> str:
    """``text`` safe for one terminal line: control, format and surrogate characters shown as
    ``\\xNN`` / ``\\uNNNN`` escapes (the zero-width joiner of emoji sequences is kept)."""
    out = []
    for ch in text:
        if unicodedata.category(ch) in ("Cc", "Cf", "Cs") and ch != "\u200d":
            out.append(escape_name(ch))
        else:
            out.append(ch)
    return "".join(out)


_HOST = re.compile(
    r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"
)
_URL_CHARS = re.compile(r"^[\x21-\x7e]+$")  # printable ASCII, no space: anything else is escaped or refused
MAX_URL = 2048


def openable_url(url: str) -> bool:
    """Whether ``url`` is a well-formed ``https:`` link that may be handed to the browser: printable
    ASCII only (no control character, space or lookalike), an ``https://`` scheme, a DNS host name
    (no user info, no IP literal tricks), an optional port, at most MAX_URL characters."""
    from urllib.parse import urlsplit

    if len(url) > MAX_URL or not _URL_CHARS.match(url) or not url.startswith("https://"):
        return False
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return False
    host = parts.hostname or ""
    return parts.scheme == "https" and "@" not in parts.netloc and bool(_HOST.match(host)) and port != 0
