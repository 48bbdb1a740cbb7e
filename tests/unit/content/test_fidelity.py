"""Every bullet and open question of the learner's notes is in the bundled content."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest

from awstui.content import load_library
from awstui.paths import bundled_content_dir

SEED = Path(__file__).resolve().parents[4] / "shared" / "seed" / "aws-developer-associate-notes.txt"
BULLET = re.compile(r"^\s*•\s*(.*\S)\s*$")


def seed_lines() -> list[str]:
    if not SEED.is_file():
        pytest.skip(f"learner's notes not found at {SEED}")
    return SEED.read_text(encoding="utf-8").splitlines()


def split_seed() -> tuple[list[str], list[str]]:
    lines = seed_lines()
    q_at = lines.index("Questions")
    notes = [m.group(1) for line in lines[:q_at] if (m := BULLET.match(line))]
    questions = [m.group(1) for line in lines[q_at:] if (m := BULLET.match(line))]
    return notes, questions


def close_enough(a: str, b: str) -> bool:
    """Equal but for plain typo fixes: a few characters at most."""
    if a == b:
        return True
    ops = difflib.SequenceMatcher(None, a, b).get_opcodes()
    changed = sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in ops if tag != "equal")
    return changed <= 4


@pytest.fixture(scope="module")
def library():
    return load_library([bundled_content_dir()])


def test_every_note_bullet_is_there(library):
    notes, _ = split_seed()
    ours = [b.text for s in library.services for _, b in s.bullets()]
    assert len(ours) == len(notes) == 129
    missing = [n for n in notes if not any(close_enough(n, o) for o in ours)]
    assert missing == []


def test_nesting_is_kept(library):
    sf = library.service("step-functions")
    tops = {b.text: b for b in sf.notes}
    assert len(tops["States:"].children) == 8
    assert len(tops["Task state:"].children) == 5


def test_counts_of_services_and_questions(library):
    _, questions = split_seed()
    assert len([s for s in library.services if s.notes]) == 25  # the seed's; the others have no notes yet
    assert len(questions) == len(library.questions) == 19
    texts = [q.text for q in library.questions]
    for q in questions:
        body = q.split(": ", 1)[1]
        assert any(close_enough(body, t) for t in texts), q


def test_questions_are_tied_to_their_services(library):
    by_id = {q.id: q.services for q in library.questions}
    assert by_id["kss-1"] == ("kinesis", "sqs")
    assert set(by_id["cd-1"]) == {"codedeploy", "codepipeline"}
    assert by_id["vpc-1"] == ("vpc",)
    assert all(sid for q in library.questions for sid in q.services)


def test_no_scrape_leftovers(library):
    text = " ".join(b.text for s in library.services for _, b in s.bullets())
    assert "results matching" not in text.lower()


def test_every_service_links_official_docs(library):
    for s in library.services:
        assert s.docs and all(
            u.startswith("https://docs.aws.amazon.com/") or u.startswith("https://aws.amazon.com/") for u in s.docs
        ), s.id
