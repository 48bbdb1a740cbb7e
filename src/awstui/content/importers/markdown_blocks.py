"""What the Markdown bank parser produces (:class:`ParsedQuestion`, :class:`Finding`) and the
blocks it reads a question into before checking it (:mod:`.markdown_checks`)."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

from ...records import record
from .images import show_images
from .markdown_lines import clean_text


@record
class Finding:
    """Something the report says about a line of the source: a skip reason or a note."""

    line: int
    message: str


@record
class ParsedQuestion:
    """One question read from the Markdown, checked and ready to become an ExamQuestion."""

    line: int  # the line of its heading (1-based)
    stem: str
    options: tuple[str, ...]
    correct: tuple[int, ...]  # indices into options, ascending
    explanation: str = ""
    references: tuple[str, ...] = ()
    images: tuple[int, ...] = ()  # lines of images left out (not in the stem, an option or the explanation)
    stated_count: int | None = None  # the "(Choose N)" of the stem, if any


@dataclass
class ParseResult:
    """What one Markdown bank gave: the questions read and the blocks skipped (with why)."""

    questions: list[ParsedQuestion] = field(default_factory=list)
    skipped: list[Finding] = field(default_factory=list)


# --------------------------------------------------------------------------- the parser


@dataclass
class Option:
    """One option line of a Markdown question (``- [x]``/``- [ ]``) and its continuation lines."""

    line: int
    checked: bool
    first: str
    more: list[tuple[str, bool]] = field(default_factory=list)  # (line, inside a code block)

    def text(self) -> str:
        # text lines lose their indentation; code lines keep theirs, relative to each other
        code = iter(textwrap.dedent("\n".join(line for line, is_code in self.more if is_code)).split("\n"))
        more = [next(code) if is_code else show_images(line.strip()) for line, is_code in self.more]
        body = "\n".join(more).strip("\n")
        first = show_images(self.first)
        return clean_text(f"{first}\n{body}" if body else first).strip()


@dataclass
class Block:
    """One heading of a Markdown bank and what follows it, as the parser reads it."""

    line: int
    level: int  # heading level; 0 for options found before any heading
    title: str
    body: list[tuple[str, bool]] = field(default_factory=list)  # (line, inside a code block)
    options: list[Option] = field(default_factory=list)
    phase: str = "stem"  # stem -> options -> after (text after the options)
    attach: bool = False  # the line before was an option (or its continuation)
    after_line: int = 0  # first line of stray text after the options
    section: str = ""  # "explanation" or "references" while reading one after the options
    section_line: int = 0
    explanation: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    images: list[int] = field(default_factory=list)
    ambiguous: Finding | None = None
    broken: str = ""  # a reason the whole block is unusable (e.g. a code block never closed)
