"""The shape of the command line: every subcommand module registers the same way, and building
the parser (all that ``--version`` needs) imports none of what the handlers use."""

from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import awstui.cli
from awstui.cli import build_parser, main, parse_args

# `awstui --help` lists them in this order; app is the composition root, not a subcommand module
SUBCOMMANDS = {
    "check": ["check"],
    "state": ["stats", "export-state", "import-state", "restore"],
    "bank": ["import-bank"],
    "serve": ["serve"],
    "anki": ["export-anki"],
    "completion": ["completion"],
    "config": ["config"],
}
HELPERS = {"app", "anki_notes"}  # the composition root and modules that subcommands use


def _subparser_actions(parser: argparse.ArgumentParser) -> list[argparse._SubParsersAction]:
    return [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]


def _subparsers(parser: argparse.ArgumentParser) -> argparse._SubParsersAction:
    return _subparser_actions(parser)[0]


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
            parsers = [sub.choices[command]]  # a command with actions of its own: each has the handler
            parsers += [p for a in _subparser_actions(parsers[0]) for p in a.choices.values()]
            assert any(callable(p.get_default("handler")) for p in parsers), command
            assert all(callable(p.get_default("handler")) for p in parsers[len(parsers) > 1 :]), command


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


# ---------------------------------------------------------------------- global options, before or after

MINIMAL = {  # each subcommand with its required arguments
    "check": ["check"],
    "stats": ["stats"],
    "export-state": ["export-state", "out.json"],
    "import-state": ["import-state", "in.json"],
    "restore": ["restore"],
    "import-bank": ["import-bank", "bank.md"],
    "serve": ["serve"],
    "export-anki": ["export-anki", "deck.apkg"],
    "completion": ["completion", "bash"],
    "config": ["config", "path"],
}
GLOBALS = {  # option: (value, dest, parsed)
    "--data-dir": ("D", "data_dir", "D"),
    "--content": ("X", "content", [Path("X")]),
    "--config": ("C.toml", "config", "C.toml"),
}
DEFAULTS = {"data_dir": None, "content": [], "config": None}


def test_minimal_covers_every_subcommand():
    assert sorted(MINIMAL) == sorted(_subparsers(build_parser()).choices)


@pytest.mark.parametrize("option", sorted(GLOBALS))
@pytest.mark.parametrize("command", sorted(MINIMAL))
def test_a_global_option_works_before_or_after_the_subcommand(command, option):
    value, dest, parsed = GLOBALS[option]
    before = parse_args([option, value, *MINIMAL[command]])
    after = parse_args([*MINIMAL[command], option, value])
    assert getattr(before, dest) == parsed
    assert getattr(after, dest) == parsed
    assert vars(before) == vars(after)
    left_out = parse_args(MINIMAL[command])
    assert {d: getattr(left_out, d) for d in DEFAULTS} == DEFAULTS


def test_content_dirs_before_and_after_the_subcommand_add_up():
    args = parse_args(["--content", "A", "stats", "--content", "B", "--json"])
    assert args.content == [Path("A"), Path("B")]
    assert args.json is True


def test_a_data_dir_after_the_subcommand_wins_over_one_before():
    assert parse_args(["--data-dir", "A", "stats", "--data-dir", "B"]).data_dir == "B"


def test_stats_reads_the_data_dir_given_after_the_subcommand(capsys, tmp_path):
    for argv in (
        ["stats", "--json", "--data-dir", str(tmp_path / "d")],
        ["--data-dir", str(tmp_path / "d"), "stats", "--json"],
    ):
        assert main(argv) == 0
        assert json.loads(capsys.readouterr().out)["data_dir"] == str(tmp_path / "d")


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--data-dir", "d"],
        ["--data-dir=d", "--content", "a", "--content", "b", "--config", "c.toml"],
        ["--dat", "d"],
    ],
)
def test_the_app_command_line_is_parsed_without_the_subcommands(argv, monkeypatch):
    """Starting the app (global options only) does not build every subcommand's parser, and reads
    the same options as the full parser would."""
    from awstui import cli

    full = cli.build_parser().parse_args(argv)
    full.content = [*full.content, *vars(full).pop(cli.CONTENT_AFTER, [])]
    monkeypatch.setattr(cli, "build_parser", lambda: pytest.fail("built the whole parser"))
    assert vars(cli.parse_args(argv)) == vars(full)


@pytest.mark.parametrize("argv", [["stats"], ["--data-dir", "d", "stats"], ["-h"], ["--version"], ["--data-dir"]])
def test_anything_else_goes_to_the_whole_parser(argv):
    from awstui import cli

    assert cli._app_args(argv) is None
