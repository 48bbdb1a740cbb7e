"""Parse the Markdown question-bank format common in public GitHub repositories.

The format (one question)::

    ### A developer ... Which solutions meet these requirements? (Choose TWO)

    ![Exhibit](images/question48.jpg)

    - [ ] A wrong option
    - [x] A right option
    - [ ] Another wrong option
    - [X] Another right option

    **[⬆ Back to Top](#table-of-contents)**

What is understood:

- A question starts at a heading (``###`` usually, any level works). Its stem is the heading
  text plus every line after it up to the first option (multi-line stems, fenced code blocks).
  A heading that is only a label (``### Question 12``) is dropped and the body is the stem;
  a leading label (``### 12. Which ...``, ``### Q12: Which ...``) is removed.
- Options are task-list items: ``-``, ``*``, ``+`` or ``1.`` bullets with ``[ ]`` (wrong) or
  ``[x]``/``[X]`` (right). Indented lines right under an option continue it.
- Ignored everywhere: blank lines, ``---`` rules, navigation links (``[⬆ Back to Top](#...)``),
  HTML comments, image lines (an image in a stem is left out and counted: a terminal can't
  show it). Anything else between two questions is ignored, unless options follow it: then
  the question is ambiguous and is skipped.
- After the options, an ``Explanation:`` paragraph is attached as the explanation, and
  ``https://`` links in it or in a ``Reference:`` paragraph become the references.
- CRLF and CR line endings and a UTF-8 BOM are accepted; line numbers are those an editor shows.

A question is skipped (with its heading's line and the reason) when it has no option marked
right, a single option, more than ten, an empty, image-only or repeated option, every option
marked right, a "(Choose N)" count that disagrees with the marks, or text between its options.

Nothing here raises for any input text: :func:`parse_markdown_bank` always returns a result.
"""

from __future__ import annotations

import re
import textwrap
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from ..models import OPTION_KEYS
from .markdown_lines import (
    COMMENT_LINE,
    COMMENT_START,
    EXPLANATION,
    FENCE,
    HEADING,
    IMAGE_LINE,
    OPTION,
    REFERENCES,
    RULE,
    URL,
    clean_text,
    clean_title,
    is_navigation,
    stated_counts,
)

MAX_OPTIONS = len(OPTION_KEYS)


@dataclass(frozen=True)
class Finding:
    """Something the report says about a line of the source: a skip reason or a note."""

    line: int
    message: str


@dataclass(frozen=True)
class ParsedQuestion:
    """One question read from the Markdown, checked and ready to become an ExamQuestion."""

    line: int  # the line of its heading (1-based)
    stem: str
    options: tuple[str, ...]
    correct: tuple[int, ...]  # indices into options, ascending
    explanation: str = ""
    references: tuple[str, ...] = ()
    images: tuple[int, ...] = ()  # lines of images that were left out
    stated_count: int | None = None  # the "(Choose N)" of the stem, if any


@dataclass
class ParseResult:
    questions: list[ParsedQuestion] = field(default_factory=list)
    skipped: list[Finding] = field(default_factory=list)


# --------------------------------------------------------------------------- the parser


@dataclass
class _Option:
    line: int
    checked: bool
    first: str
    more: list[tuple[str, bool]] = field(default_factory=list)  # (line, inside a code block)

    def text(self) -> str:
        # text lines lose their indentation; code lines keep theirs, relative to each other
        code = iter(textwrap.dedent("\n".join(line for line, is_code in self.more if is_code)).split("\n"))
        more = [next(code) if is_code else line.strip() for line, is_code in self.more]
        body = "\n".join(more).strip("\n")
        return clean_text(f"{self.first}\n{body}" if body else self.first).strip()


@dataclass
class _Block:
    line: int
    level: int  # heading level; 0 for options found before any heading
    title: str
    body: list[tuple[str, bool]] = field(default_factory=list)  # (line, inside a code block)
    options: list[_Option] = field(default_factory=list)
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


class _Parser:
    def __init__(self) -> None:
        self.blocks: list[_Block] = []
        self.block: _Block | None = None
        self.fence: tuple[str, int, int] | None = None  # (char, length, line opened)
        self.fence_target = ""
        self.comment_from = 0
        self.result = ParseResult()

    # ---- feeding lines

    def feed(self, n: int, raw: str) -> None:
        line = raw.rstrip()
        if self.fence is not None:
            self._append(self.fence_target, line, code=True)
            char, length, _ = self.fence
            stripped = line.strip()
            if stripped and set(stripped) == {char} and len(stripped) >= length:
                self.fence = None
            return
        if self.comment_from:
            if "-->" in line:
                self.comment_from = 0
            return
        f = FENCE.match(line)
        if f and not (f.group("fence")[0] == "`" and "`" in f.group("info")):
            self.fence_target = self._text(n, line, code=True)
            self.fence = (f.group("fence")[0], len(f.group("fence")), n)
            return
        h = HEADING.match(line)
        if h:
            self._finish()
            self.block = _Block(n, len(h.group(1)), clean_title(h.group(2) or ""))
            return
        o = OPTION.match(line)
        if o:
            self._option(n, o.group("mark") in "xX", o.group("text").strip())
            return
        b = self.block
        if not line.strip():
            if b is not None:
                b.attach = False
                if b.phase == "stem":
                    b.body.append(("", False))
                elif b.section == "explanation":
                    b.explanation.append("")
            return
        if COMMENT_LINE.match(line):
            return
        if COMMENT_START.match(line):
            self.comment_from = n
            return
        if RULE.match(line) or is_navigation(line):
            if b is not None:
                b.attach = False
                b.section = ""
            return
        if IMAGE_LINE.match(line):
            if b is not None:
                b.images.append(n)
            return
        self._text(n, line)

    def _option(self, n: int, checked: bool, text: str) -> None:
        b = self.block
        if b is None:
            b = self.block = _Block(n, 0, "")
        if b.phase == "after" and b.ambiguous is None:
            where = b.after_line or b.section_line
            b.ambiguous = Finding(b.line, f"text at line {where} between its options makes the question ambiguous")
        b.phase = "options"
        b.section = ""
        b.options.append(_Option(n, checked, text))
        b.attach = True

    def _text(self, n: int, line: str, code: bool = False) -> str:
        """Route a line of text to where it belongs; returns where (for a code block's lines)."""
        b = self.block
        if b is None:
            return "ignore"
        if b.phase == "stem":
            b.body.append((line, code))
            return "stem"
        if not code:  # "Explanation:" / "Reference:" start a section, even indented under an option
            for pattern, section in ((EXPLANATION, "explanation"), (REFERENCES, "references")):
                m = pattern.match(line)
                if m:
                    b.phase, b.attach = "after", False
                    b.section, b.section_line = section, n
                    self._append(section, m.group("rest"), code=False)
                    return section
        if b.phase == "options" and b.attach and line[:1] in (" ", "\t"):
            b.options[-1].more.append((line, code))
            return "option"
        b.phase = "after"
        b.attach = False
        if b.section:
            self._append(b.section, line, code)
            return b.section
        if not b.after_line:
            b.after_line = n
        return "ignore"

    def _append(self, target: str, line: str, code: bool) -> None:
        b = self.block
        if b is None or target == "ignore":
            return
        if target == "stem":
            b.body.append((line, code))
        elif target == "option":
            b.options[-1].more.append((line, code))
        elif target in ("explanation", "references"):
            if target == "explanation":
                b.explanation.append(line)
            for url in URL.findall(line):
                url = url.rstrip(".,;:!?*_")
                if url != "https://" and url not in b.references:
                    b.references.append(url)

    def _finish(self) -> None:
        if self.block is not None:
            self.blocks.append(self.block)
        self.block = None

    # ---- the end

    def close(self, last_line: int) -> ParseResult:
        if self.fence is not None:
            opened = self.fence[2]
            if self.block is not None and self.fence_target != "ignore":
                self.block.broken = (
                    f"the code block at line {opened} is never closed, so the rest of the file was read as code"
                )
            else:
                self.result.skipped.append(
                    Finding(opened, f"code block never closed: lines {opened + 1}-{last_line} were not read")
                )
        if self.comment_from:
            self.result.skipped.append(
                Finding(
                    self.comment_from,
                    f"HTML comment never closed: lines {self.comment_from + 1}-{last_line} were not read",
                )
            )
        self._finish()
        levels = Counter(b.level for b in self.blocks if b.options and b.level)
        level = levels.most_common(1)[0][0] if levels else None
        for b in self.blocks:
            outcome = _evaluate(b, level)
            if isinstance(outcome, ParsedQuestion):
                self.result.questions.append(outcome)
            elif isinstance(outcome, Finding):
                self.result.skipped.append(outcome)
        self.result.skipped.sort(key=lambda f: f.line)
        return self.result


# --------------------------------------------------------------------------- checking a block


def _build_stem(b: _Block) -> str:
    body: list[str] = []
    for line, code in b.body:
        if not code and not line.strip():
            if body and body[-1] != "":
                body.append("")
            continue
        body.append(line)
    text = "\n".join(body).strip("\n")
    stem = f"{b.title}\n\n{text}" if b.title and text.strip() else (b.title or text)
    return clean_text(stem).strip()


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _looks_like_question(b: _Block) -> bool:
    text = b.title + " " + " ".join(line for line, _ in b.body)
    return "?" in text or bool(stated_counts(text))


def _evaluate(b: _Block, level: int | None) -> ParsedQuestion | Finding | None:
    if b.broken:
        return Finding(b.line, b.broken)
    if not b.options:
        if b.level and b.level == level and _looks_like_question(b):
            return Finding(b.line, "no options (- [ ] / - [x]) under this heading")
        return None
    if b.level == 0:
        return Finding(b.line, "options without a question heading (### ...) before them")
    if b.ambiguous is not None:
        return b.ambiguous
    stem = _build_stem(b)
    if not stem:
        return Finding(b.line, "the question has no text")
    options = [o.text() for o in b.options]
    for o, text in zip(b.options, options, strict=False):
        if not text:
            return Finding(b.line, f"the option at line {o.line} is empty")
        if IMAGE_LINE.match(text):
            return Finding(b.line, f"the option at line {o.line} is only an image")
    if len(options) < 2:
        return Finding(b.line, "only one option")
    if len(options) > MAX_OPTIONS:
        return Finding(b.line, f"{len(options)} options: at most {MAX_OPTIONS} are supported")
    seen: dict[str, int] = {}
    for o, text in zip(b.options, options, strict=False):
        key = _norm(text)
        if key in seen:
            return Finding(b.line, f"the options at lines {seen[key]} and {o.line} are the same")
        seen[key] = o.line
    correct = tuple(i for i, o in enumerate(b.options) if o.checked)
    if not correct:
        return Finding(b.line, "no option is marked right (- [x])")
    if len(correct) == len(options):
        return Finding(b.line, "every option is marked right")
    counts = stated_counts(stem)
    if len(counts) > 1:
        shown = ", ".join(str(c) for c in sorted(counts))
        return Finding(b.line, f"the stem states different numbers of answers to choose ({shown})")
    stated = next(iter(counts)) if counts else None
    if stated is not None and stated != len(correct):
        return Finding(
            b.line,
            f"the stem says choose {stated} but {len(correct)} option{'s are' if len(correct) != 1 else ' is'}"
            " marked right",
        )
    explanation = clean_text("\n".join(b.explanation)).strip()
    explanation = re.sub(r"\n{3,}", "\n\n", explanation)
    return ParsedQuestion(
        line=b.line,
        stem=stem,
        options=tuple(options),
        correct=correct,
        explanation=explanation,
        references=tuple(b.references),
        images=tuple(b.images),
        stated_count=stated,
    )


def parse_markdown_bank(text: str) -> ParseResult:
    """Read every question of a Markdown bank. Never raises: problems are in ``.skipped``."""
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    parser = _Parser()
    for n, line in enumerate(lines, start=1):
        parser.feed(n, line)
    return parser.close(len(lines))
