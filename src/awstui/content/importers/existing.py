"""What the other exam-bank files already hold: the questions an import must not repeat, and the
bundled bank's spread of domains per service (for inferring an imported question's domain)."""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from ..loader import read_text, tomllib
from ..models import ContentError
from .markdown_bank import Finding
from .near import NearIndex, question_key
from .tagging import domain_profile

_TABLE_LINE = re.compile(r"^[ \t]*\[\[[ \t]*question[ \t]*\]\]", re.MULTILINE)


class Notes(Protocol):
    notes: list[Finding]


@dataclass
class Known:
    """The questions of the other exam-bank files."""

    exact: dict[str, tuple[str, str]] = field(default_factory=dict)  # question_key -> (file, id)
    near: NearIndex = field(default_factory=NearIndex)
    profile: dict[str, Counter[int]] = field(default_factory=dict)  # the bundled bank's, per service


def _entries(path: Path, report: Notes) -> list[tuple[dict, int]] | None:
    """The ``[[question]]`` tables of an exam-bank file, each with the line of its header."""
    try:
        text = read_text(path)
        data = tomllib.loads(text)
    except ContentError as exc:
        report.notes.append(Finding(0, f"could not check {path} for duplicates: {exc.problems[0].message}"))
        return None
    except (tomllib.TOMLDecodeError, ValueError, RecursionError) as exc:
        report.notes.append(Finding(0, f"could not check {path} for duplicates: invalid TOML ({exc})"))
        return None
    entries = data.get("question", [])
    if not isinstance(entries, list):
        return []
    lines = [text.count("\n", 0, m.start()) + 1 for m in _TABLE_LINE.finditer(text)]
    if len(lines) != len(entries):  # a "[[question]]" inside a string: no line numbers then
        lines = [0] * len(entries)
    return [(e, n) for e, n in zip(entries, lines, strict=True) if isinstance(e, dict)]


def _exam_files(root: Path) -> list[Path]:
    exam_dir = Path(root) / "exam"
    try:
        return sorted(p for p in exam_dir.glob("*.toml") if p.is_file()) if exam_dir.is_dir() else []
    except OSError:
        return []


def known_questions(bundled: Path, dirs: Iterable[Path], target: Path, report: Notes) -> Known:
    """Every question of the exam-bank files of ``bundled`` and ``dirs`` but ``target``."""
    known = Known()
    seen: set[str] = set()
    target_real = os.path.realpath(target)
    pairs: list[tuple[list[str], object]] = []
    for root in (bundled, *dirs):
        for path in _exam_files(root):
            real = os.path.realpath(path)
            if real == target_real or real in seen:
                continue
            seen.add(real)
            for entry, line in _entries(path, report) or []:
                stem, options, qid = entry.get("stem"), entry.get("options"), entry.get("id")
                if not (
                    isinstance(stem, str) and isinstance(options, list) and all(isinstance(o, str) for o in options)
                ):
                    continue
                label = qid if isinstance(qid, str) else "?"
                known.exact.setdefault(question_key(stem, options), (str(path), label))
                known.near.add(NearIndex.key(stem, options), label, line, str(path))
                services = entry.get("services")
                if root == bundled and isinstance(services, list):
                    pairs.append(([s for s in services if isinstance(s, str)], entry.get("domain")))
    known.profile = domain_profile(pairs)
    return known
