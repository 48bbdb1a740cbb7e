"""What goes into the Anki deck: one card per exam question and per answered open question.

Plain Python over the library and what the store gave (no genanki, no store): ``export-anki``
turns the cards into genanki notes. Every field is HTML (Anki renders fields as HTML), so every
piece of text is stripped of control characters and HTML-escaped here, and only ``https:``
links become links.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..content.models import DOMAINS, OPTION_KEYS, ExamQuestion, Library
from ..content.text import strip_controls
from ..records import record

TAG_ROOT = "awstui"
_SPACE = re.compile(r"\s+")


@record
class Card:
    """One note to be: its kind (``exam`` or ``open``), awstui's id, its fields in model order, tags."""

    kind: str
    qid: str
    fields: tuple[str, ...]
    tags: tuple[str, ...]

    @property
    def note_id(self) -> int:
        return stable_id(self.kind, self.qid)


@record
class Filters:
    """Which questions go into the deck. Empty sets mean all."""

    missed: frozenset[str] | None = None  # exam question ids answered wrong; None: not asked
    domains: frozenset[int | str] = frozenset()
    services: frozenset[str] = frozenset()

    @property
    def open_questions(self) -> bool:
        """Open questions have no domain and can't be missed: --missed or --domain leave them out."""
        return self.missed is None and not self.domains


def stable_id(*parts: str) -> int:
    """A positive id below 2**53 (Anki's JavaScript reads ids as numbers) from awstui's ids."""
    digest = hashlib.sha256("\x1f".join((TAG_ROOT, *parts)).encode()).digest()
    return (1 << 40) + int.from_bytes(digest[:8], "big") % ((1 << 53) - (1 << 40))


def text_html(text: str) -> str:
    """Learner or content text as an HTML field: controls dropped, escaped, lines kept."""
    return html.escape(strip_controls(text).strip()).replace("\n", "<br>")


def link_html(url: str) -> str:
    """An ``https:`` URL as a link; anything else as plain text."""
    shown = html.escape(strip_controls(url).strip())
    if url.startswith("https://") and not _SPACE.search(url):
        return f'<a href="{shown}">{shown}</a>'
    return shown


def tag(*parts: object) -> str:
    """An Anki tag (hierarchical with ``::``; never a space)."""
    return "::".join(_SPACE.sub("_", strip_controls(str(p)).strip()) for p in (TAG_ROOT, *parts))


def domain_tag(domain: int | str) -> str:
    if isinstance(domain, int) and domain in DOMAINS:
        return tag("domain", f"{domain}_{DOMAINS[domain][0]}")
    return tag("domain", "unclassified")


def _options_html(options: Sequence[str]) -> str:
    items = "".join(f"<li>{OPTION_KEYS[i].upper()}. {text_html(o)}</li>" for i, o in enumerate(options))
    return f'<ul class="options">{items}</ul>'


def _links(q: ExamQuestion, library: Library) -> tuple[str, ...]:
    """The question's references; when it has none, the docs of its services."""
    if q.references:
        return q.references
    return tuple(url for sid in q.services if (s := library.service(sid)) for url in s.docs)


def exam_card(q: ExamQuestion, library: Library) -> Card:
    """Fields: Stem, Options, Answer, Explanation, Links, Id."""
    right = [f"{k.upper()}. {text_html(q.options[OPTION_KEYS.index(k)])}" for k in q.answer]
    fields = (
        text_html(q.stem),
        _options_html(q.options),
        "<br>".join(right),
        text_html(q.explanation),
        "<br>".join(link_html(u) for u in _links(q, library)),
        html.escape(q.id),
    )
    tags = (
        tag("exam"),
        domain_tag(q.domain),
        *(tag("task", t) for t in q.tasks),
        *(tag("service", s) for s in q.services),
    )
    return Card("exam", q.id, fields, tags)


def open_card(qid: str, text: str, services: Sequence[str], answer: str, library: Library, mine: bool) -> Card:
    """Fields: Question, Service, Answer, Id."""
    names = ", ".join((s.name if (s := library.service(sid)) else sid) for sid in services)
    back = text_html(answer) if answer.strip() else "<i>(ticked as answered; no written answer)</i>"
    tags = (tag("open"), *((tag("mine"),) if mine else ()), *(tag("service", s) for s in services))
    return Card("open", qid, (text_html(text), text_html(names), back, html.escape(qid)), tags)


def missed_questions(history: Iterable[tuple[str, bool]]) -> frozenset[str]:
    """The exam questions answered wrong at least once (``exam.history.answer_history`` pairs)."""
    return frozenset(qid for qid, correct in history if not correct)


def _wanted(services: Iterable[str], filters: Filters) -> bool:
    return not filters.services or bool(filters.services.intersection(services))


def build_cards(
    library: Library,
    states: Mapping[str, Any],
    learner: Iterable[Any],
    filters: Filters,
) -> list[Card]:
    """Every card of the deck: the exam questions that pass the filters, then the open questions
    the learner answered (ticked or wrote an answer to): the bundled ones, then their own."""
    cards = [
        exam_card(q, library)
        for q in library.exam
        if (filters.missed is None or q.id in filters.missed)
        and (not filters.domains or q.domain in filters.domains)
        and _wanted(q.services, filters)
    ]
    if not filters.open_questions:
        return cards
    known: list[tuple[str, str, tuple[str, ...], bool]] = [(q.id, q.text, q.services, False) for q in library.questions]
    known += [(q.id, q.text, (q.service,), True) for q in learner]
    for qid, text, services, mine in known:
        state = states.get(qid)
        answer = getattr(state, "answer", "") or ""
        if state is not None and (getattr(state, "answered", False) or answer.strip()) and _wanted(services, filters):
            cards.append(open_card(qid, text, services, answer, library, mine))
    return cards
