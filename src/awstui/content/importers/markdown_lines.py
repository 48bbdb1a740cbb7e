"""The Markdown bank importer's line patterns, and the small text rules built on them:
headings, options, fences, sections, image and navigation lines, "choose N" counts."""

from __future__ import annotations

import re

from ..models import CHOOSE_RE, stated_choose_count
from ..text import CONTROL_RANGES, strip_controls

FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$")
_CLOSING_HASHES = re.compile(r"(?:^|[ \t]+)#+$")
OPTION = re.compile(r"^(?P<indent>[ \t]*)(?:[-*+]|\d{1,3}[.)])[ \t]+\[(?P<mark>[ xX])\](?!\()(?P<text>.*)$")
RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_IMG = r"(?:\[?!\[[^\]\n]*\]\([^)\n]*\)\]?(?:\([^)\n]*\))?|<img\b[^>\n]*>)"
IMAGE_LINE = re.compile(rf"^[ \t]*(?:{_IMG}[ \t]*)+$", re.IGNORECASE)
_LINK_ONLY = re.compile(r"^[ \t>*_]*\[(?P<label>[^\]\n]*)\]\((?P<target>[^)\n]*)\)[ \t*_]*$")
COMMENT_LINE = re.compile(r"^[ \t]*<!--.*-->[ \t]*$")
COMMENT_START = re.compile(r"^[ \t]*<!--")
_SECTION_TAIL = r"[ \t]*[*_]{0,3}[ \t]*[:：][ \t]*[*_]{0,3}[ \t]*(?P<rest>.*)$"
EXPLANATION = re.compile(
    r"^[ \t>]*[*_]{0,3}[ \t]*(?:explanations?|explained|reason(?:ing)?|rationale)" + _SECTION_TAIL,
    re.IGNORECASE,
)
REFERENCES = re.compile(
    r"^[ \t>]*[*_]{0,3}[ \t]*(?:references?|links?|sources?|see also|documentation|docs)" + _SECTION_TAIL,
    re.IGNORECASE,
)
URL = re.compile(rf"https://[^\s<>()\[\]\"'`{CONTROL_RANGES}]+")  # a control character (content.text) ends a URL
_LABEL_ONLY = re.compile(
    r"^(?:\*\*|__)?(?:question|q)[ \t]*(?:#|no\.?|number)?[ \t]*\d+[ \t]*[:.)\-–—]?(?:\*\*|__)?$",
    re.IGNORECASE,
)
_LABEL_PREFIX = re.compile(
    r"^(?:(?:question|q)[ \t]*(?:#|no\.?|number)?[ \t]*\d+[ \t]*[:.)\-–—]|\d{1,4}[.)])[ \t]+",
    re.IGNORECASE,
)

_COUNT_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
_COUNT = r"(?P<n>one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\b"
# "(Choose TWO)", "(Select two.)", "(Choose 3 answers)", "[Select 2]"
_COUNT_BRACKETED = re.compile(
    r"[(\[][ \t]*(?:choose|select|pick|mark|check)[ \t]+(?:any[ \t]+|exactly[ \t]+)?"
    + _COUNT
    + r"[^()\[\]\n]{0,30}[)\]]",
    re.IGNORECASE,
)
# "... requirements? Select 2 answers." (a sentence of its own, with the noun)
_COUNT_SENTENCE = re.compile(
    r"(?:^|[.?!:][ \t]*)(?:choose|select|pick)[ \t]+(?:any[ \t]+|exactly[ \t]+)?"
    + _COUNT
    + r"[ \t]+(?:correct[ \t]+)?(?:answers?|options?|responses?|choices?)\b",
    re.IGNORECASE | re.MULTILINE,
)


def _count_value(word: str) -> int:
    return _COUNT_WORDS[word.lower()] if word.lower() in _COUNT_WORDS else int(word)


def stated_counts(stem: str) -> set[int]:
    """Every "how many to choose" the stem states, in any of the usual wordings."""
    found = {_count_value(m.group("n")) for m in _COUNT_BRACKETED.finditer(stem)}
    found |= {_count_value(m.group("n")) for m in _COUNT_SENTENCE.finditer(stem)}
    loader_view = stated_choose_count(stem)  # what the loader will check: never disagree with it
    if loader_view is not None:
        found.add(loader_view)
    return found


def strip_count_markers(stem: str) -> str:
    """The stem without its "(Choose N)" markers (for comparing questions)."""
    for pattern in (CHOOSE_RE, _COUNT_BRACKETED, _COUNT_SENTENCE):
        stem = pattern.sub(" ", stem)
    return stem


def clean_text(text: str) -> str:
    """Text without control characters (other than newline and tab) and stray BOMs."""
    return strip_controls(text)


def is_navigation(line: str) -> bool:
    m = _LINK_ONLY.match(line)
    if not m:
        return False
    label = m.group("label").lower()
    return m.group("target").strip().startswith("#") or "back to top" in label or label.strip() == "top"


def clean_title(title: str) -> str:
    title = _CLOSING_HASHES.sub("", title).strip()
    if _LABEL_ONLY.match(title):
        return ""
    return _LABEL_PREFIX.sub("", title, count=1).strip()
