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
  HTML comments. An image (``![alt](url)``, ``<img src>``) in the stem, an option or the
  explanation is kept as a text line ``[image: alt] url`` (:mod:`.images`); one elsewhere is
  left out and counted. Anything else between two questions is ignored, unless options follow it: then
  the question is ambiguous and is skipped.
- After the options, an ``Explanation:`` paragraph is attached as the explanation, and
  ``https://`` links in it or in a ``Reference:`` paragraph become the references.
- CRLF and CR line endings and a UTF-8 BOM are accepted; line numbers are those an editor shows.

A question is skipped (with its heading's line and the reason) when it has no option marked
right, a single option, more than ten, an empty, image-only or repeated option, options that
are only labels ("Option A." ... with the text in a picture), every option
marked right, a "(Choose N)" count that disagrees with the marks, or text between its options.

Nothing here raises for any input text: :func:`parse_markdown_bank` always returns a result.
"""

from __future__ import annotations

from collections import Counter

from .images import without_images
from .markdown_blocks import Block, Finding, Option, ParsedQuestion, ParseResult
from .markdown_checks import MAX_OPTIONS, evaluate
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
    clean_title,
    is_navigation,
)

__all__ = ["MAX_OPTIONS", "Finding", "ParseResult", "ParsedQuestion", "parse_markdown_bank"]


class _Parser:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.block: Block | None = None
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
            self.block = Block(n, len(h.group(1)), clean_title(h.group(2) or ""))
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
                self._image(n, line)
            return
        self._text(n, line)

    def _image(self, n: int, line: str) -> None:
        """An image line goes with the stem, the option above it or the explanation (shown as a
        link later); anywhere else it is left out, and counted."""
        b = self.block
        assert b is not None
        if b.phase == "stem":
            b.body.append((line, False))
        elif b.phase == "options" and b.attach:
            b.options[-1].more.append((line, False))
        elif b.section == "explanation":
            b.explanation.append(line)
        else:
            b.images.append(n)

    def _option(self, n: int, checked: bool, text: str) -> None:
        b = self.block
        if b is None:
            b = self.block = Block(n, 0, "")
        if b.phase == "after" and b.ambiguous is None:
            where = b.after_line or b.section_line
            b.ambiguous = Finding(b.line, f"text at line {where} between its options makes the question ambiguous")
        b.phase = "options"
        b.section = ""
        b.options.append(Option(n, checked, text))
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
            for url in URL.findall(without_images(line)):
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
            outcome = evaluate(b, level)
            if isinstance(outcome, ParsedQuestion):
                self.result.questions.append(outcome)
            elif isinstance(outcome, Finding):
                self.result.skipped.append(outcome)
        self.result.skipped.sort(key=lambda f: f.line)
        return self.result


def parse_markdown_bank(text: str) -> ParseResult:
    """Read every question of a Markdown bank. Never raises: problems are in ``.skipped``."""
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    parser = _Parser()
    for n, line in enumerate(lines, start=1):
        parser.feed(n, line)
    return parser.close(len(lines))
