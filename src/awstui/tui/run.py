"""Start the TUI: resolve the data dir, load content, open the store, run the app."""

from __future__ import annotations

import argparse
import sys


def run_tui(args: argparse.Namespace) -> int:
    from ..content import load_library
    from ..paths import content_dirs, resolve_data_dir
    from ..state import StoreError, open_store

    data_dir = resolve_data_dir(args.data_dir)
    library = load_library(content_dirs(data_dir, args.content))
    try:
        store = open_store(data_dir)
    except StoreError as exc:
        print(f"awstui: {exc}", file=sys.stderr)
        return 1
    from .app import AwsTuiApp

    try:
        app = AwsTuiApp(library, store, notices=getattr(store, "notices", ()))
        result = app.run()
    finally:
        store.close()
    return result or 0
