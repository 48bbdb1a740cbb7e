"""Services and domains for imported questions, found from their text.

Services: a question is tagged with every service of the library whose name or alias appears in
its stem or options as whole words, case-insensitive ("Amazon SQS", "SQS", an alias such as
"Simple Queue Service"): a term is a sequence of words (runs of letters and digits), so any
punctuation or spacing between them matches. The terms of a service are its name, its name
without a leading "AWS"/"Amazon" and without a trailing "(...)" part, and each alias of 3 characters or more (the
learner's two-letter aliases, "CD", "PS", "EB", are note-taking shorthand: "CD" would tag every
"CI/CD"). "Whole words" means no letter or digit right before or after: "IAM" is not found in
"DIAMOND", "S3" is found in "S3-compatible".

Domains: the bundled bank says, per service, how its questions spread over the four domains.
For a question tagged with services S, the bundled questions that tag any service of S are
pooled; when at least :data:`MIN_EVIDENCE` of them exist and at least :data:`MIN_CONFIDENCE`
of them are in one domain, the question gets that domain, with that share as its confidence.
Otherwise it stays "unclassified" (untagged questions always do).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from ...records import record
from ..models import DOMAINS, UNCLASSIFIED, ContentError, Service
from ..services import parse_service_text
from ..toml_source import read_text

MIN_ALIAS_CHARS = 3
MIN_CONFIDENCE = 0.6  # the share of the pooled bundled questions in the winning domain
MIN_EVIDENCE = 3  # bundled questions on the tagged services needed before a domain is inferred
_VENDOR = re.compile(r"^(?:aws|amazon)\s+", re.IGNORECASE)
_TRAILING_PAREN = re.compile(r"\s*\([^()]*\)\s*$")


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def service_terms(service: Service) -> set[str]:
    """The texts that name ``service`` in a question (folded: casefold, single spaces)."""
    base = _TRAILING_PAREN.sub("", service.name).strip()
    terms = {service.name, base, _VENDOR.sub("", base)}
    terms.update(a for a in service.aliases if len(a.strip()) >= MIN_ALIAS_CHARS)
    return {t for t in (_fold(x) for x in terms) if len(t) >= 2}


_WORD = re.compile(r"[^\W_]+")


def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(text.lower() if text.isascii() else unicodedata.normalize("NFKC", text).casefold()))


class ServiceTagger:
    """Finds the services a text names: its words (runs of letters and digits, casefolded) are
    looked up as word sequences, so "IAM" is never found inside "DIAMOND"."""

    def __init__(self, services: Iterable[Service]) -> None:
        self._by_words: dict[tuple[str, ...], set[str]] = {}
        for s in services:
            for term in service_terms(s):
                words = _words(term)
                if words:
                    self._by_words.setdefault(words, set()).add(s.id)
        self._first = frozenset(w[0] for w in self._by_words)
        self._lengths = sorted({len(w) for w in self._by_words})

    def tag(self, texts: Iterable[str]) -> tuple[str, ...]:
        """The ids of the services named in ``texts``, sorted."""
        found: set[str] = set()
        for text in texts:
            words = _words(text)
            if self._first.isdisjoint(words):
                continue
            for i, w in enumerate(words):
                if w in self._first:
                    for n in self._lengths:
                        found.update(self._by_words.get(words[i : i + n], ()))
        return tuple(sorted(found))


def load_services(dirs: Iterable[Path]) -> list[Service]:
    """The services of the content dirs (a later dir's service replaces an earlier one with its
    id); a service file that does not load is left out (``awstui check`` reports it)."""
    by_id: dict[str, Service] = {}
    for root in dirs:
        folder = Path(root) / "services"
        try:
            files = sorted(p for p in folder.glob("*.md") if p.is_file()) if folder.is_dir() else []
        except OSError:
            continue
        for path in files:
            try:
                s = parse_service_text(read_text(path), str(path))
            except (ContentError, OSError, ValueError, RecursionError):
                continue
            by_id[s.id] = s
    return list(by_id.values())


# --------------------------------------------------------------------------- domains


@record
class DomainGuess:
    """The domain inferred for a question: ``domain`` (1..4, or "unclassified" when no domain
    reaches :data:`MIN_CONFIDENCE`), the winning domain's share of the ``evidence`` pooled
    bundled questions on its services (``confidence``, 0..1) and that domain (``best``)."""

    domain: int | str
    confidence: float
    evidence: int
    best: int | None = None


DomainProfile = Mapping[str, Counter[int]]


def domain_profile(questions: Iterable[tuple[Sequence[str], object]]) -> dict[str, Counter[int]]:
    """Per service, how many questions of each domain tag it, from ``(services, domain)`` pairs
    (the bundled bank's); unclassified and unknown domains are left out."""
    profile: dict[str, Counter[int]] = {}
    for services, domain in questions:
        if isinstance(domain, bool) or not isinstance(domain, int) or domain not in DOMAINS:
            continue
        for s in set(services):
            profile.setdefault(s, Counter())[domain] += 1
    return profile


def infer_domain(services: Sequence[str], profile: DomainProfile) -> DomainGuess:
    """The domain of a question tagged with ``services``, from the bundled bank's ``profile``."""
    pooled: Counter[int] = Counter()
    for s in set(services):
        pooled.update(profile.get(s, Counter()))
    evidence = sum(pooled.values())
    if not evidence:
        return DomainGuess(UNCLASSIFIED, 0.0, 0)
    best, top = min(pooled.items(), key=lambda kv: (-kv[1], kv[0]))
    confidence = top / evidence
    if evidence >= MIN_EVIDENCE and confidence >= MIN_CONFIDENCE:
        return DomainGuess(best, confidence, evidence, best)
    return DomainGuess(UNCLASSIFIED, confidence, evidence, best)


def domain_comment(guess: DomainGuess, services: Sequence[str]) -> str:
    """The TOML comment written after an inferred ``domain = N``."""
    return (
        f"inferred from services {', '.join(services)}: {round(guess.confidence * 100)}% of "
        f"{guess.evidence} bundled question{'s' if guess.evidence != 1 else ''} on them are domain {guess.best}"
    )
