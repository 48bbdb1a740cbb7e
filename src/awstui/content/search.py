"""Search over note bullets and open questions: every word of the query, case-insensitive."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from .models import Library


@dataclass(frozen=True)
class Entry:
    kind: str  # "note" or "question"
    service_id: str
    text: str
    line: int = 0  # the bullet's line in its service file (notes)
    question_id: str = ""


@dataclass(frozen=True)
class Hit:
    entry: Entry
    spans: tuple[tuple[int, int], ...]  # (start, end) of each matched word in entry.text


class SearchIndex:
    """Built once per library (plus the learner's own questions); queried per keystroke."""

    def __init__(self, entries: Iterable[Entry]):
        self.entries = list(entries)
        self._folded = [e.text.casefold() for e in self.entries]

    @classmethod
    def build(cls, library: Library, extra_questions: Iterable[tuple[str, str, str]] = ()) -> "SearchIndex":
        """``extra_questions``: (question id, service id, text) of the learner's own questions."""
        entries = [Entry("note", s.id, b.text, b.line) for s in library.services for _, b in s.bullets()]
        for q in library.questions:
            entries.append(Entry("question", q.services[0], q.text, question_id=q.id))
        for qid, sid, text in extra_questions:
            entries.append(Entry("question", sid, text, question_id=qid))
        return cls(entries)

    def search(self, query: str, limit: int = 200) -> tuple[list[Hit], int]:
        """(hits up to ``limit``, total number of matching entries)."""
        words = [w for w in query.casefold().split() if w]
        if not words:
            return [], 0
        hits: list[Hit] = []
        total = 0
        first = max(words, key=len)  # the rarest-looking word filters first
        for i, folded in enumerate(self._folded):
            if first not in folded:
                continue
            if not all(w in folded for w in words):
                continue
            total += 1
            if len(hits) < limit:
                hits.append(Hit(self.entries[i], _spans(folded, words)))
        return hits, total


def _spans(folded: str, words: list[str]) -> tuple[tuple[int, int], ...]:
    spans = []
    for w in words:
        start = folded.find(w)
        while start != -1:
            spans.append((start, start + len(w)))
            start = folded.find(w, start + len(w))
    return tuple(sorted(spans))
