"""Command line: argparse subcommands. Each handler takes the parsed args and returns an exit code.

Every subcommand module (``check``, ``state``, ``bank``) has ``register(sub)``, which adds its
subcommands to the parser's subparsers, each with a ``handler``. They are imported only when the
parser is built, and import what their handlers need only when a handler runs, so ``--version``
and the start of the app stay cheap. With no subcommand, ``main`` runs the app through
``app.run_tui``, the composition root (data dir, library, store, then the App).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .. import get_version


class _VersionAction(argparse.Action):
    """``--version``, read from the package metadata only when asked (importing
    importlib.metadata costs ~50 ms, which every launch of the app would pay)."""

    def __init__(
        self,
        option_strings: Sequence[str],
        dest: str = argparse.SUPPRESS,
        default: Any = argparse.SUPPRESS,
        help: str | None = None,
    ) -> None:
        super().__init__(option_strings=option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        print(f"awstui {get_version()}")
        parser.exit()


CONTENT_AFTER = "_content_after"  # --content given after the subcommand, added to those given before


def _global_options(parser: argparse.ArgumentParser | argparse._ArgumentGroup, *, after: bool) -> None:
    """The options every subcommand takes, before it (``awstui --data-dir D stats``) or after it
    (``awstui stats --data-dir D``). After it they default to SUPPRESS, so an option left out
    there keeps the value given before the subcommand instead of resetting it."""
    unset: dict[str, Any] = {"default": argparse.SUPPRESS} if after else {}
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="where progress is kept (default: $AWSTUI_DATA_DIR, else the user data dir)",
        **unset,
    )
    parser.add_argument(
        "--content",
        metavar="DIR",
        action="append",
        type=Path,
        help="an extra content directory (repeatable); overrides bundled items with the same id",
        **({"dest": CONTENT_AFTER, **unset} if after else {"default": []}),
    )
    parser.add_argument(
        "--config",
        metavar="FILE",
        help="the config file to read (default: config.toml in the user config dir; `awstui config path`)",
        **unset,
    )


def _subparser_actions(parser: argparse.ArgumentParser) -> list[argparse._SubParsersAction[argparse.ArgumentParser]]:
    return [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]


def _share_global_options(parser: argparse.ArgumentParser) -> None:
    """Give every subcommand (and theirs, at any depth) the global options."""
    for action in _subparser_actions(parser):
        for child in action.choices.values():
            _global_options(child.add_argument_group("global options"), after=True)
            _share_global_options(child)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="awstui",
        description="A keyboard-driven terminal study dashboard for AWS Developer – Associate.",
    )
    parser.add_argument("--version", action=_VersionAction, help="show the version and exit")
    _global_options(parser, after=False)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    from . import anki, bank, check, completion, config, serve, state

    for module in (check, state, bank, serve, anki, completion, config):  # the order of `awstui --help`
        module.register(sub)
    _share_global_options(parser)
    return parser


def _app_args(argv: Sequence[str] | None) -> argparse.Namespace | None:
    """The app's own command line (global options only, no subcommand, no help) parsed without
    building every subcommand's parser (~9 ms of each start); None for anything else."""
    parser = argparse.ArgumentParser(prog="awstui", add_help=False, exit_on_error=False)
    _global_options(parser, after=False)
    try:
        args, rest = parser.parse_known_args(argv)
    except (argparse.ArgumentError, SystemExit):
        return None
    if rest:
        return None
    args.command = None
    return args


def parse_args(argv: Sequence[str] | None = None, parser: argparse.ArgumentParser | None = None) -> argparse.Namespace:
    """Parse the command line; ``--content`` dirs given before and after the subcommand are joined."""
    args = (None if parser else _app_args(argv)) or (parser or build_parser()).parse_args(argv)
    args.content = [*args.content, *vars(args).pop(CONTENT_AFTER, [])]
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        from .app import run_tui

        return run_tui(args)
    try:
        code: int = handler(args)
        return code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
