"""The pure layers never import textual (the rule that keeps the house simple)."""

import subprocess
import sys

import pytest


@pytest.mark.parametrize("package", ["awstui.content", "awstui.state", "awstui.exam", "awstui.paths", "awstui.cli"])
def test_pure_package_does_not_import_textual(package):
    code = (
        "import importlib, sys\n"
        f"importlib.import_module({package!r})\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"{package} imports {out.stdout.strip()}"
