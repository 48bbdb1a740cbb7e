"""Near-duplicates: questions that differ from an earlier one only in backticks, punctuation,
whitespace, case or a typo or two (forks and older copies of the same bank).

Two questions are near-duplicates when their option sets are the same once normalised
(:func:`normalise`: NFKC, casefold, the "(Choose N)" markers, backticks, quotes and other
punctuation left out, whitespace collapsed) and their normalised stems are the same, or differ
by a few characters inserted or deleted (a changed character counts two: one out, one in), as
``difflib.SequenceMatcher`` counts them: one per :data:`CHARS_PER_EDIT` characters of the shorter
stem, at most :data:`MAX_EDITS`, and the numbers in them the same ("5 minutes" and "15 minutes"
are other questions; "Which A?" and "Which B?" too short to allow any). An absolute bound, not
a ratio: a long stem with one service swapped ("DynamoDB" for "Aurora") is another question.

Cost: the exact normalised key is one dict look-up. The edit measure runs only against earlier
stems with the same option set and a length within :data:`MAX_EDITS`, at most
:data:`MAX_CANDIDATES` of them (the closest in length, latest first), each first bounded by
``quick_ratio``: a bank of thousands of true/false questions stays fast, at the price of
missing a near-duplicate beyond those candidates.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from difflib import SequenceMatcher

from ...records import record
from .markdown_lines import strip_count_markers

NearKey = tuple[str, str]
MAX_EDITS = 6
CHARS_PER_EDIT = 15
_DIGITS = re.compile(r"\d+")
MAX_CANDIDATES = 24
_DROP = str.maketrans("", "", "`'\u2018\u2019\"\u201c\u201d")
# the same for ASCII text in one C pass: quotes and backticks out, other punctuation a space
_ASCII = str.maketrans(
    {c: ("" if c in "`'\"" else " ") for c in map(chr, range(128)) if not c.isalnum() and not c.isspace()}
)
_NON_WORD = re.compile(r"[^\w]+|_+")


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def stem_key(stem: str) -> str:
    return _norm(strip_count_markers(stem))


def question_key(stem: str, options: Iterable[str]) -> str:
    """What makes two questions the same: the stem and the set of options, loosely compared."""
    return stem_key(stem) + "\x1f" + "\x1e".join(sorted({_norm(o) for o in options}))


def question_keys(stem: str, options: Iterable[str]) -> tuple[str, NearKey]:
    """``question_key`` and ``NearIndex.key`` of a question, its "(Choose N)" markers taken out once."""
    bare, folded = strip_count_markers(stem), {_norm(o) for o in options}
    near = "\x1e".join(sorted({normalise(o) for o in folded})), normalise(bare)
    return _norm(bare) + "\x1f" + "\x1e".join(sorted(folded)), near


def normalise(text: str) -> str:
    """``text`` as near-duplicate detection compares it (see the module docstring)."""
    if text.isascii():
        return " ".join(text.lower().translate(_ASCII).split())
    text = unicodedata.normalize("NFKC", text).casefold().translate(_DROP)
    return " ".join(_NON_WORD.sub(" ", text).split())


@record
class Earlier:
    """A question seen before: its id, line, and file ("" = the file being imported)."""

    qid: str
    line: int
    file: str
    stem: str  # normalised

    def describe(self) -> str:
        where = f"line {self.line}" if self.line else "line ?"
        return (
            f"near-duplicate of {self.qid} ({where})"
            if not self.file
            else (f"near-duplicate of {self.qid} ({where} of {self.file})")
        )


class NearIndex:
    """The questions seen so far, for :meth:`find`."""

    def __init__(self) -> None:
        self._keys: dict[NearKey, Earlier] = {}
        self._groups: dict[str, dict[int, list[Earlier]]] = {}  # option set -> stem length -> entries

    @staticmethod
    def key(stem: str, options: Iterable[str]) -> NearKey:
        """What :meth:`add` and :meth:`find` compare: the normalised option set and stem."""
        return "\x1e".join(sorted({normalise(o) for o in options})), normalise(strip_count_markers(stem))

    def add(self, key: NearKey, qid: str, line: int, file: str = "") -> None:
        opts, norm = key
        entry = Earlier(qid, line, file, norm)
        if self._keys.setdefault(key, entry) is entry:
            self._groups.setdefault(opts, {}).setdefault(len(norm), []).append(entry)

    def find(self, key: NearKey) -> Earlier | None:
        """The earlier question this one nearly repeats, or None."""
        opts, norm = key
        hit = self._keys.get(key)
        if hit is not None:
            return hit
        by_length = self._groups.get(opts)
        if not by_length:
            return None
        checked = 0
        for delta in sorted(range(-MAX_EDITS, MAX_EDITS + 1), key=abs):
            for entry in reversed(by_length.get(len(norm) + delta, ())):
                if checked >= MAX_CANDIDATES:
                    return None
                checked += 1
                if _close(norm, entry.stem):
                    return entry
        return None


def allowed_edits(a: str, b: str) -> int:
    return min(MAX_EDITS, min(len(a), len(b)) // CHARS_PER_EDIT)


def _close(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by a few characters inserted or deleted (not in numbers)."""
    allowed, total = allowed_edits(a, b), len(a) + len(b)
    if abs(len(a) - len(b)) > allowed or _DIGITS.findall(a) != _DIGITS.findall(b):
        return False
    m = SequenceMatcher(None, a, b, autojunk=False)
    if total - 2 * round(m.quick_ratio() * total / 2) > allowed:
        return False
    return total - 2 * sum(block.size for block in m.get_matching_blocks()) <= allowed
