"""CI (.ci/run) and pre-commit (.pre-commit-config.yaml) run the same checks, with the same tools."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXPECTED = {
    ".venv/bin/ruff check",
    ".venv/bin/ruff format --check",
    ".venv/bin/mypy",
    ".venv/bin/lint-imports --no-logo",
    "./run-tests",
}


def _same(command: str) -> str:
    """A command without what differs only in how it is given its files or how much it prints."""
    words = [w for w in command.split() if w not in ("--force-exclude", "-q", ".")]
    return " ".join(words)


def ci_commands() -> set[str]:
    text = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    return {_same(m) for m in re.findall(r'^check "[^"]+" (.+)$', text, flags=re.MULTILINE)}


def pre_commit_commands() -> set[str]:
    text = (ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    return {_same(m) for m in re.findall(r"^\s+entry: (.+)$", text, flags=re.MULTILINE)}


def test_ci_runs_the_guardrails_and_the_tests():
    assert ci_commands() == EXPECTED


def test_pre_commit_runs_what_ci_runs():
    assert pre_commit_commands() == ci_commands()


def test_every_hook_uses_the_local_venv_tools():
    text = (ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert re.findall(r"^\s+- repo: (.+)$", text, flags=re.MULTILINE) == ["local"]  # nothing to download
    assert set(re.findall(r"^\s+language: (.+)$", text, flags=re.MULTILINE)) == {"system"}
