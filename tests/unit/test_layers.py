"""The layer rules: the pure layers never import textual, and import-linter's contracts (in
pyproject.toml: cli > tui > exam | state > content > paths, no textual or rich in the pure
layers, no cycles) are kept."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# the command line imports textual only when it starts the app (cli.app imports tui on a run)
NO_TEXTUAL_AT_IMPORT = [
    "awstui.content",
    "awstui.state",
    "awstui.exam",
    "awstui.paths",
    "awstui.config",
    "awstui.cli",
    "awstui.cli.app",
    "awstui.cli.bank",
    "awstui.cli.check",
    "awstui.cli.state",
    "awstui.cli.anki",
    "awstui.cli.anki_notes",
    "awstui.cli.completion",
    "awstui.cli.config",
]


@pytest.mark.parametrize("package", NO_TEXTUAL_AT_IMPORT)
def test_pure_package_does_not_import_textual(package):
    code = (
        "import importlib, sys\n"
        f"importlib.import_module({package!r})\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"{package} imports {out.stdout.strip()}"


def test_import_linter_contracts_are_kept():
    """`lint-imports` on this tree (its src/ first on the path, no cache written into the tree)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))}
    code = "from importlinter.cli import lint_imports_command; lint_imports_command()"
    out = subprocess.run(
        [sys.executable, "-c", code, "--no-cache", "--no-logo", str(ROOT / "pyproject.toml")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=300,
    )
    assert "Contracts:" in out.stdout, out.stdout + out.stderr  # it ran and read the contracts
    if out.returncode != 0:
        pytest.fail(f"import-linter: a contract is broken\n{out.stdout}{out.stderr}", pytrace=False)
