"""The TOML parser: imported only when something is parsed, tomli when installed."""

from __future__ import annotations

import subprocess
import sys

import pytest

from awstui.content.models import ContentError
from awstui.content.toml_source import parse_toml


def test_importing_the_config_and_the_cache_loads_no_toml_parser():
    code = (
        "import sys, awstui.config, awstui.content.cache, awstui.content.toml_source\n"
        "print(sorted(m for m in ('tomli', 'tomllib') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_parser_is_tomli_when_installed_and_reports_positions():
    pytest.importorskip("tomli")
    from awstui.content import toml_source

    assert toml_source.tomllib.__name__ == "tomli"
    assert parse_toml('a = "x"\nb = [1, 2]', "f.toml") == {"a": "x", "b": [1, 2]}
    with pytest.raises(ContentError) as err:
        parse_toml("a = 1\n[x]\ny = 1\n[x]\n", "f.toml")
    problem = err.value.problems[0]
    assert (problem.path, problem.line) == ("f.toml", 4)
