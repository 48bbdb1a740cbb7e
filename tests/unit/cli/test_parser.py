"""The shape of the command line: every subcommand module registers the same way, and building
the parser (all that ``--version`` needs) imports none of what the handlers use."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import subprocess
import sys

import awstui.cli
from awstui.cli import build_parser

# `awstui --help` lists them in this order; app is the composition root, not a subcommand module
SUBCOMMANDS = {
    "check": ["check"],
    "state": ["stats", "export-state", "import-state", "restore"],
    "bank": ["import-bank"],
    "anki": ["export-anki"],
}
HELPERS = {"app", "anki_notes"}  # the composition root and modules that subcommands use


def _subparsers(parser: argparse.ArgumentParser) -> argparse._SubParsersAction:
    return next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))


def test_every_subcommand_module_registers_its_commands_with_a_handler():
    modules = sorted(m.name for m in pkgutil.iter_modules(awstui.cli.__path__) if m.name not in HELPERS)
    assert modules == sorted(SUBCOMMANDS), "a new cli module: add it to build_parser and to SUBCOMMANDS"
    for name, commands in SUBCOMMANDS.items():
        module = importlib.import_module(f"awstui.cli.{name}")
        parser = argparse.ArgumentParser()
        sub = parser.add_subparsers()
        module.register(sub)
        assert list(sub.choices) == commands, name
        for command in commands:
            assert callable(sub.choices[command].get_default("handler")), command


def test_build_parser_registers_every_module_in_order():
    sub = _subparsers(build_parser())
    assert list(sub.choices) == [c for commands in SUBCOMMANDS.values() for c in commands]


def test_the_parser_and_version_load_no_textual_rich_or_sqlite():
    code = (
        "import sys\n"
        "from awstui.cli import main\n"
        "try:\n"
        "    main(['--version'])\n"
        "except SystemExit as exit_:\n"
        "    assert exit_.code == 0, exit_.code\n"
        "heavy = ('textual', 'rich', 'sqlite3', 'awstui.tui', 'awstui.state', 'awstui.exam')\n"
        "print(sorted(m for m in sys.modules if m in heavy or m.startswith(tuple(h + '.' for h in heavy))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.splitlines()[0].startswith("awstui ")
    assert out.stdout.splitlines()[-1] == "[]"
