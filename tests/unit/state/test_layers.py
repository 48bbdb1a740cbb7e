"""awstui.state is a pure layer: no textual, no awstui.content at import, nothing done at import."""

from __future__ import annotations

import subprocess
import sys


def test_state_never_imports_textual_or_the_content_loader():
    code = (
        "import sys, awstui.state\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual' or m.startswith('awstui.content')"
        " or m in ('rich', 'platformdirs')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_state_cli_imports_nothing_heavy_until_a_command_runs():
    code = (
        "import sys, awstui.cli.state\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich', 'sqlite3')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
