"""``awstui config path``, and the user config as the app gets it (read, names checked).

The file itself is read by :mod:`awstui.config` (pure); here its theme and binding ids are
checked against what the app has, which needs Textual and the TUI's classes.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..config import Config


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``config`` (with ``config path``) to the subcommands."""
    p = sub.add_parser(
        "config",
        help="about the user config file (theme, key bindings)",
        description="The user config file: TOML, read when the app starts. --config FILE reads another one.",
    )
    inner = p.add_subparsers(dest="config_command", metavar="ACTION", required=True)
    path = inner.add_parser("path", help="print where the config file is (or would be)")
    path.set_defaults(handler=run_config_path)


def config_path(args: argparse.Namespace) -> Path:
    from ..config import default_config_path

    given = getattr(args, "config", None)
    return Path(given).expanduser() if given else default_config_path()


def run_config_path(args: argparse.Namespace) -> int:
    """Print the path (stdout, alone: ``$EDITOR "$(awstui config path)"``); say if it is not there yet."""
    path = config_path(args)
    print(path)
    if not path.exists():
        print(f"awstui: {path} does not exist yet; awstui runs with the defaults until you create it", file=sys.stderr)
    return 0


def binding_ids() -> set[str]:
    """Every binding id the app's classes declare: the App's and those of every screen and
    widget in awstui.tui (with the Textual classes they inherit from). Imports all of awstui.tui:
    only paid when the config has a [keys] table."""
    import importlib
    import pkgutil

    from textual.binding import Binding
    from textual.dom import DOMNode

    from .. import tui

    modules = [importlib.import_module(m.name) for m in pkgutil.walk_packages(tui.__path__, f"{tui.__name__}.")]
    ids: set[str] = set()
    for module in modules:
        for obj in vars(module).values():
            if isinstance(obj, type) and issubclass(obj, DOMNode):
                for cls in obj.__mro__:
                    ids.update(b.id for b in cls.__dict__.get("BINDINGS", ()) if isinstance(b, Binding) and b.id)
    return ids


def app_config(args: argparse.Namespace) -> Config:
    """The user config for the app: read, with the theme and binding ids checked against the app's.
    Textual is imported only to check a theme or keys the config names (not before the content
    is on its way: cli/app.py)."""
    from ..config import check_names, load_config

    given = getattr(args, "config", None)
    config = load_config(Path(given) if given else None)
    themes: Collection[str] = ()
    if config.theme is not None:
        from textual.theme import BUILTIN_THEMES

        themes = BUILTIN_THEMES
    return check_names(config, themes, binding_ids() if config.keys else set())
