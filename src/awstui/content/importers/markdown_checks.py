"""Checking a block of the Markdown bank: is it a usable question, and if not, why not."""

from __future__ import annotations

import re
import unicodedata

from ..models import OPTION_KEYS
from .images import has_image, is_placeholder, show_images
from .markdown_blocks import Block, Finding, ParsedQuestion
from .markdown_lines import clean_text, stated_counts, strip_count_markers

MAX_OPTIONS = len(OPTION_KEYS)


def _build_stem(b: Block) -> str:
    body: list[str] = []
    for line, code in b.body:
        if not code and not line.strip():
            if body and body[-1] != "":
                body.append("")
            continue
        body.append(line if code else show_images(line))
    text = "\n".join(body).strip("\n")
    stem = f"{b.title}\n\n{text}" if b.title and text.strip() else (b.title or text)
    return clean_text(stem).strip()


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _looks_like_question(b: Block) -> bool:
    text = b.title + " " + " ".join(line for line, _ in b.body)
    return "?" in text or bool(stated_counts(text))


_QUESTION_WORD = re.compile(
    r"\b(?:which|what|how|why|when|where|who|whom|whose|select|choose|pick|identify|determine|recommend|should)\b",
    re.IGNORECASE,
)


def not_a_question(stem: str) -> str:
    """Why ``stem`` is no question ("" when it is one): no "?" and no question word or imperative
    (which, what, how, ..., select, choose), its "(Choose N)" marker left aside, and it does not
    end as a sentence to complete ("A given public AMI can:", "You advise them to..."). A study
    checklist ("### AWS Lambda" over "- [x] Read the FAQ") has options, but no question."""
    bare = strip_count_markers(stem)
    if "?" in bare or _QUESTION_WORD.search(bare) or bare.rstrip().endswith((":", "...", "\u2026", "_")):
        return ""
    first = " ".join(bare.split("\n", 1)[0].split())
    shown = first if len(first) <= 60 else first[:57] + "..."
    return f'not a question: "{shown}" has no "?" and no question word (which, what, how, select, choose, ...)'


def _options_problem(b: Block, stem: str, options: list[str]) -> str:
    """Why the options cannot be used ("" when they can)."""
    for o, text in zip(b.options, options, strict=False):
        if not text:
            return f"the option at line {o.line} is empty"
        if has_image(text) and is_placeholder(text):
            return f"the option at line {o.line} is only an image"
    if (has_image(stem) or any(map(has_image, options))) and all(map(is_placeholder, options)):
        shown = ", ".join(options[:3]) + (", ..." if len(options) > 3 else "")
        return f"the options are only labels ({shown}): their text is not in the file (an image?)"
    if len(options) < 2:
        return "only one option"
    if len(options) > MAX_OPTIONS:
        return f"{len(options)} options: at most {MAX_OPTIONS} are supported"
    seen: dict[str, int] = {}
    for o, text in zip(b.options, options, strict=False):
        key = _norm(text)
        if key in seen:
            return f"the options at lines {seen[key]} and {o.line} are the same"
        seen[key] = o.line
    return ""


def evaluate(b: Block, level: int | None) -> ParsedQuestion | Finding | None:
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
    problem = _options_problem(b, stem, options) or not_a_question(stem)
    if problem:
        return Finding(b.line, problem)
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
    explanation = show_images(clean_text("\n".join(b.explanation))).strip()
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
