"""The composition root: resolve the data dir, load content, open the store, run the app."""

from __future__ import annotations

import argparse
import contextlib
import gc
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..config import Config
    from ..content.beside import Beside
    from ..content.models import Library
    from ..state import Store


def load_content(data_dir: Path, extra: list[Path] | None = None) -> Library:
    """The library the app shows: bundled + the learner's + ``--content`` dirs, via the parse cache."""
    from ..content.cache import load_library_cached
    from ..paths import cache_dir, content_dirs

    return load_library_cached(content_dirs(data_dir, extra), cache_dir())


def content_beside(data_dir: Path, extra: list[Path] | None = None) -> Beside:
    """``load_content``, begun now: on a parse-cache miss the content is parsed in a forked child
    while the store opens and Textual is imported (content/beside.py); ``take()`` gives it."""
    from ..content.beside import load_library_beside
    from ..paths import cache_dir, content_dirs

    return load_library_beside(content_dirs(data_dir, extra), cache_dir())


def _after_start() -> None:
    """The first frame is on screen: collect again, but never re-scan what startup built."""
    gc.freeze()  # Textual, the stylesheet, the content: alive for the whole run
    gc.enable()


def seed_reviews_later(store: Store, done: Callable[[int], object] = lambda added: None) -> threading.Thread | None:
    """After the upgrade to schema v5, past exam answers seed the scheduler once: in a worker
    thread, after the first frame (one to a few seconds for two years of daily full exams;
    bench/reviews.py), the store usable meanwhile. The thread tells no subscriber itself:
    ``done(added)`` runs in it at the end (the app hands the news over to its own thread). None
    when there is nothing to seed (then the exam engine is not imported: this runs before the
    settled first frame, which does not need it, bench/startup.py)."""
    if not store.reviews.seed_pending():
        return None
    from ..exam.reviews import seed_from_history
    from ..state import StoreError

    def work() -> None:
        with contextlib.suppress(StoreError):  # (still pending: the next start tries again)
            done(seed_from_history(store, notify=False))

    thread = threading.Thread(target=work, name="awstui-seed-reviews", daemon=True)
    thread.start()
    return thread


def _seeded(app: Any) -> Callable[[int], object]:
    """Tell the app's views, on the app's thread, that the seeding added reviews."""
    from ..state import ReviewChanged

    def done(added: int) -> None:
        if added:
            with contextlib.suppress(RuntimeError):  # (the app has closed meanwhile)
                app.call_from_thread(app.state_changed.publish, ReviewChanged("exam", ""))

    return done


def run_tui(args: argparse.Namespace) -> int:
    # No cyclic GC while starting: imports, the stylesheet and the first compose allocate a few
    # hundred thousand objects that live as long as the app, and the collector kept walking them
    # (~90 ms of the start here, bench/startup.py). The app calls _after_start once its first
    # frame has settled: those objects are frozen out of every later collection, then GC resumes.
    gc.disable()
    try:
        return _run(args)
    finally:
        gc.enable()  # already on if the app started; not left off by an early exit


def user_config(args: argparse.Namespace) -> tuple[Config, list[str]]:
    """The user config and its problems as notices (also printed on stderr, where they stay
    after the app's screen is gone). Whatever goes wrong, the app opens: with the defaults."""
    from ..config import Config
    from .config import app_config

    try:
        config = app_config(args)
    except Exception as exc:  # the config must never keep the app from opening
        config = Config(path=None)
        notices = [f"the config file was not applied: {type(exc).__name__}: {exc}"]
    else:
        notices = [f"config: {p}" for p in config.problems]
    for notice in notices:
        print(f"awstui: {notice}", file=sys.stderr)
    return config, notices


def _run(args: argparse.Namespace) -> int:
    from ..paths import resolve_data_dir

    data_dir = resolve_data_dir(args.data_dir)
    library = content_beside(data_dir, args.content)  # first: a child may parse it meanwhile
    try:
        return _run_on(args, data_dir, library)
    finally:
        library.close()  # (a start that stopped before taking it: the child stopped and reaped)


def _run_on(args: argparse.Namespace, data_dir: Path, library: Beside) -> int:
    from ..state import StoreError  # (after the fork: the child need not carry the store's modules)

    config, config_notices = user_config(args)
    try:
        store = open_for_app(data_dir)
    except StoreError as exc:
        print(f"awstui: {exc}", file=sys.stderr)
        return 1
    from ..tui.app import AwsTuiApp

    store.keep_unsaved_changes()  # a full disk or a read-only file: kept in memory, never a traceback
    seeding: list[threading.Thread | None] = []
    try:
        if config.theme:  # the app opens with the remembered theme: the config's wins at start
            store.set_setting("theme", config.theme)
        if config.review:  # the same for the review mode's limits and retention
            from ..review_settings import REVIEW_SETTINGS

            for name, value in config.review.items():
                store.set_setting(REVIEW_SETTINGS[name].key, value)
        notices = [*getattr(store, "notices", ()), *config_notices]

        def started() -> None:
            _after_start()
            seeding.append(seed_reviews_later(store, _seeded(app)))

        from ..paths import cache_dir
        from ..tui.css_cache import CssCache

        css_cache = CssCache(cache_dir())  # Textual's parsed CSS, kept beside the content's cache
        app = AwsTuiApp(library.take(), store, notices=notices, on_started=started, css_cache=css_cache)
        if config.keys:
            app.set_keymap(config.keys)
        result = app.run()
        _say_unsaved(store)
    finally:
        for thread in seeding:
            if thread is not None:
                thread.join(timeout=30)  # (a seed is one transaction: never cut in the middle)
        store.close()
    if result is None and app.return_code:  # the app stopped on an error
        return app.return_code
    return result or 0


def open_for_app(data_dir: Path) -> Store:
    """The store the app runs on. Where the data dir cannot be written at all (a read-only mount,
    an immutable folder), the progress there is opened read-only rather than not at all: the
    app shows it, and keeps what the learner changes in memory, saying it cannot save. A full
    disk is not that: the error says so, and awstui starts once there is room."""
    from ..state import StoreError, open_store
    from ..state.errors import CorruptDatabase, SchemaTooNew
    from ..state.failures import disk_full

    try:
        return open_store(data_dir)
    except (CorruptDatabase, SchemaTooNew):
        raise
    except StoreError as exc:
        if not (data_dir / "state.db").is_file() or disk_full(data_dir):
            raise  # (a full disk: said as it is; read-only, the app could not save even once there is room)
        try:
            store = open_store(data_dir, read_only=True)
        except StoreError:
            raise exc from None
        store.notices.append(f"{exc}. It was opened read-only: your changes are shown but not saved.")
        return store


def _say_unsaved(store: Store) -> None:
    """After the app: one last try to save what was kept in memory; what is still unsaved is said."""
    if not store.save_unsaved():
        status = store.unsaved()
        print(f"awstui: {status.count} change(s) could not be saved: {status.reason}; they are lost", file=sys.stderr)
