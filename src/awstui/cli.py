"""Command line: argparse subcommands. Each handler takes the parsed args and returns an exit code."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import get_version


class _VersionAction(argparse.Action):
    """``--version``, read from the package metadata only when asked (importing
    importlib.metadata costs ~50 ms, which every launch of the app would pay)."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, help=None):
        super().__init__(option_strings=option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser, namespace, values, option_string=None):
        print(f"awstui {get_version()}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="awstui",
        description="A keyboard-driven terminal study dashboard for AWS Developer – Associate.",
    )
    parser.add_argument("--version", action=_VersionAction, help="show the version and exit")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="where progress is kept (default: $AWSTUI_DATA_DIR, else the user data dir)",
    )
    parser.add_argument(
        "--content",
        metavar="DIR",
        action="append",
        default=[],
        type=Path,
        help="an extra content directory (repeatable); overrides bundled items with the same id",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("check", help="validate content and print what it holds")
    p.add_argument("dirs", nargs="*", type=Path, metavar="DIR", help="content dirs (default: all)")
    p.set_defaults(handler=_cmd_check)

    from . import bank_cli, state_cli

    state_cli.register(sub)
    bank_cli.register(sub)
    return parser


def _cmd_check(args: argparse.Namespace) -> int:
    from .content.report import run_check

    return run_check(args)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        from .tui.run import run_tui

        return run_tui(args)
    try:
        return handler(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
