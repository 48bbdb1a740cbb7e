"""The engine is a pure layer: no textual, no state store, no work at import time."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys


def test_importing_the_engine_pulls_in_no_ui_and_no_store(tmp_path):
    code = (
        "import json, sys\n"
        "import awstui.exam\n"
        "mods = sorted(m for m in sys.modules if m.split('.')[0] == 'textual' or m == 'awstui.state'"
        " or m.startswith('awstui.state.') or m.startswith('awstui.tui'))\n"
        "print(json.dumps({'bad': mods, 'exam': 'awstui.exam.session' in sys.modules}))\n"
    )
    env = dict(os.environ, AWSTUI_DATA_DIR=str(tmp_path / "data"))
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env, cwd=tmp_path
    )
    report = json.loads(out.stdout)
    assert report == {"bad": [], "exam": True}
    assert list(tmp_path.iterdir()) == []  # nothing created on import (no data dir, no files)


def test_the_engine_source_names_neither_textual_nor_the_store():
    import awstui.exam

    package = os.path.dirname(awstui.exam.__file__)
    for name in os.listdir(package):
        if name.endswith(".py"):
            with open(os.path.join(package, name), encoding="utf-8") as f:
                text = f.read()
            bad = re.findall(r"^\s*(?:from|import)\s+(textual\b|awstui\.state\b|\.\.state\b)", text, re.M)
            assert bad == [], name
