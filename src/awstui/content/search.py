"""Search over note bullets, open questions and exam questions (their stems, options and
explanations; bundled and imported): every word of the query, case-insensitive."""

from __future__ import annotations

from collections.abc import Iterable

from ..records import record
from .models import ExamQuestion, Library


def fold(text: str) -> str:
    """``text.casefold()``, by the fast ASCII path where that gives the same: casefold has none,
    and took 0.5 s for the 72 MB of 46,900 exam questions (100x content) that lower() folds in 0.04 s."""
    return text.lower() if text.isascii() else text.casefold()


@record
class Entry:
    """One searchable text: a note's bullet, an open question or an exam question."""

    kind: str  # "note", "question" or "exam" (question_id is then the exam question's id)
    service_id: str
    text: str
    line: int = 0  # the bullet's line in its service file (notes)
    question_id: str = ""


@record
class Hit:
    """An entry that matches a query, with where each word matched."""

    entry: Entry
    spans: tuple[tuple[int, int], ...]  # (start, end) of each matched word in entry.text


class SearchIndex:
    """Built once per library (plus the learner's own questions); queried per keystroke.

    Typing narrows: when every word of the previous query is inside some word of the new one
    ("cog" -> "cogn", "kms" -> "kms k"), whatever matches the new query matched the previous
    one, so only the previous matches are scanned. Only the last query is remembered, so a
    query that does not extend it (backspace, a new word order) scans everything: the cost of
    a keystroke never depends on what was typed minutes ago.
    """

    def __init__(self, entries: Iterable[Entry]):
        self.entries = list(entries)
        self._folded = [fold(e.text) for e in self.entries]
        self._last: tuple[list[str], list[int]] = ([], [])  # previous query's words and matches

    @classmethod
    def build(cls, library: Library, extra_questions: Iterable[tuple[str, str, str]] = ()) -> SearchIndex:
        """``extra_questions``: (question id, service id, text) of the learner's own questions."""
        entries = [Entry("note", s.id, b.text, b.line) for s in library.services for _, b in s.bullets()]
        for q in library.questions:
            entries.append(Entry("question", q.services[0], q.text, question_id=q.id))
        entries += [exam_entry(q) for q in library.exam]
        return cls(entries).with_questions(extra_questions)

    def with_questions(self, extra_questions: Iterable[tuple[str, str, str]]) -> SearchIndex:
        """This index plus the learner's own questions, (question id, service id, text) each.

        The entries already folded are shared, not folded again: adding a learner question
        costs a list copy, not a rebuild of the whole library (50 ms at 100x content)."""
        extra = [Entry("question", sid, text, question_id=qid) for qid, sid, text in extra_questions]
        index = SearchIndex.__new__(SearchIndex)
        index.entries = self.entries + extra
        index._folded = self._folded + [fold(e.text) for e in extra]
        index._last = ([], [])
        return index

    def search(self, query: str, limit: int = 200) -> tuple[list[Hit], int]:
        """(hits up to ``limit``, total number of matching entries)."""
        words = [w for w in query.casefold().split() if w]
        if not words:
            return [], 0
        matches = self._matches(words)
        folded, entries = self._folded, self.entries
        hits = [Hit(entries[i], _spans(folded[i], words)) for i in matches[:limit]]
        return hits, len(matches)

    def _matches(self, words: list[str]) -> list[int]:
        """Indices of the entries holding every word, in index order."""
        last_words, last_matches = self._last
        narrows = bool(last_words) and all(any(old in new for new in words) for old in last_words)
        folded = self._folded
        # The longest (rarest-looking) word first, each word one plain pass over the survivors:
        # an all(...) per entry cost 3x more than the scan itself.
        ordered = sorted(words, key=len, reverse=True)
        if narrows:
            matches = [i for i in last_matches if ordered[0] in folded[i]]
        else:
            matches = [i for i, text in enumerate(folded) if ordered[0] in text]
        for word in ordered[1:]:
            matches = [i for i in matches if word in folded[i]]
        self._last = (words, matches)
        return matches


EXAM_PARTS = " | "  # between an exam question's parts; ASCII, so an ASCII question folds fast (fold)


def exam_entry(question: ExamQuestion) -> Entry:
    """An exam question as one entry: its stem, options and explanation. Newlines are kept (a
    result row shows each as one space): tidying the whitespace of 46,900 questions (100x
    content) cost 0.6 s of the index build (bench/search.py)."""
    parts = [question.stem, *question.options]
    if question.explanation:
        parts.append(question.explanation)
    text = EXAM_PARTS.join(parts)
    return Entry("exam", question.services[0] if question.services else "", text, question_id=question.id)


def _spans(folded: str, words: list[str]) -> tuple[tuple[int, int], ...]:
    spans = []
    for w in words:
        start = folded.find(w)
        while start != -1:
            spans.append((start, start + len(w)))
            start = folded.find(w, start + len(w))
    return tuple(sorted(spans))
