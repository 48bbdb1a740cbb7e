"""Subcommands that read or write the learner's state: stats, export-state, import-state, restore.

Every handler takes the parsed args (``data_dir``, ``content`` from the global options) and
returns an exit code. No traceback reaches the user: a failure is one line on stderr and
exit code 1.
"""

from __future__ import annotations

import argparse
import errno
import functools
import json
import os
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from awstui.state import Store

PROG = "awstui"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the state subcommands (stats, export-state, import-state, restore) to ``sub``."""
    p = sub.add_parser("stats", help="print a summary of your progress")
    p.add_argument("--json", action="store_true", help="print it as JSON")
    p.set_defaults(handler=cmd_stats)

    p = sub.add_parser("export-state", help="write all your progress to FILE as JSON ('-' for stdout)")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser("import-state", help="merge progress from FILE (made by export-state); the newer change wins")
    p.add_argument("file", metavar="FILE", help="the JSON file ('-' for stdin)")
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser("restore", help="list backups, or restore one (the current state is moved aside)")
    p.add_argument("backup", nargs="?", metavar="BACKUP", help="a number from the list, a backup name or a path")
    p.set_defaults(handler=cmd_restore)


def _fail(message: str, code: int = 1) -> int:
    print(f"{PROG}: error: {message}", file=sys.stderr)
    return code


def _notices(store: Store) -> None:
    for notice in store.notices:
        print(f"{PROG}: {notice}", file=sys.stderr)


def _guarded(fn: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Turn every failure into one line on stderr and exit code 1."""

    @functools.wraps(fn)
    def run(args: argparse.Namespace) -> int:
        from awstui.state import StoreError

        try:
            return fn(args)
        except (KeyboardInterrupt, BrokenPipeError):
            raise
        except StoreError as err:
            return _fail(str(err))
        except OSError as err:
            where = f"{err.filename}: " if getattr(err, "filename", None) else ""
            return _fail(f"{where}{err.strerror or err}")
        except Exception as err:
            name = type(err).__name__
            if name == "ContentError":
                problems = getattr(err, "problems", [])
                more = f" (and {len(problems) - 1} more; `awstui check` lists them)" if len(problems) > 1 else ""
                first = str(problems[0]) if problems else str(err)
                return _fail(f"the content has problems: {first}{more}")
            return _fail(f"unexpected {name}: {err}")

    return run


def _data_dir(args: argparse.Namespace) -> Path:
    """The data dir; one that exists but is not a folder is refused (an OSError naming it), where
    reading it as an empty state would report no progress at all."""
    from awstui.paths import resolve_data_dir

    data_dir = resolve_data_dir(getattr(args, "data_dir", None))
    if os.path.lexists(data_dir) and not data_dir.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "is not a folder (the data dir must be one)", str(data_dir))
    return data_dir


MAX_EXPORT_BYTES = 64 * 1024 * 1024  # ~50 years of daily full exams; /dev/zero is refused long before memory runs out


def _read_export(name: str, path: Path | None) -> str:
    """The text of an export file (or of stdin when ``path`` is None), refused unless it is a
    regular file (a FIFO would hang the read, /dev/zero never end) of at most MAX_EXPORT_BYTES."""
    limit = f"over the {MAX_EXPORT_BYTES:,} byte limit of an export: not read"
    if path is None:
        text = sys.stdin.read(MAX_EXPORT_BYTES + 1)
        if len(text) > MAX_EXPORT_BYTES:
            raise ValueError(f"{name}: {limit}")
        return text
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # a FIFO must not block the open
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise ValueError(f"{path} is a folder, not an export file")
        if not stat.S_ISREG(st.st_mode):
            raise ValueError(f"{path} is not a regular file (a device, pipe or socket): not read")
        if st.st_size > MAX_EXPORT_BYTES:
            raise ValueError(f"{path} is {st.st_size:,} bytes, {limit}")
        data = fh.read(MAX_EXPORT_BYTES + 1)
    if len(data) > MAX_EXPORT_BYTES:
        raise ValueError(f"{path}: {limit}")
    return data.decode("utf-8")


def _state_file(data_dir: Path) -> Path:
    from awstui.paths import STATE_FILE

    return data_dir / STATE_FILE


def _has_state(data_dir: Path) -> bool:
    """There is a state file with something in it (an empty one reads as no progress yet)."""
    from awstui.state.files import is_empty

    path = _state_file(data_dir)
    return path.exists() and not is_empty(path)


# ---------------------------------------------------------------------- stats


@_guarded
def cmd_stats(args: argparse.Namespace) -> int:
    from awstui.exam.reviews import seed_from_history
    from awstui.exam.stats import compute_stats, learning_stats
    from awstui.state import open_store

    from .app import load_content

    data_dir = _data_dir(args)
    library = load_content(data_dir, list(getattr(args, "content", []) or []))  # the parse cache, as the app
    if _has_state(data_dir):
        store = open_store(data_dir, read_only=True)  # a read-only data dir can still be read
        if store.reviews.seed_pending():  # once, after the upgrade to schema v5: that one writes
            _notices(store)  # (the upgrade's, said once: the store reopened below has none)
            store.close()
            _seed(data_dir, seed_from_history)
            store = open_store(data_dir, read_only=True)
        try:
            _notices(store)
            stats = compute_stats(store, library) | learning_stats(store, library)
        finally:
            store.close()
    else:  # nothing done yet: report zeros without creating anything
        stats = compute_stats(_EmptyState(), library) | learning_stats(None, library)
    stats["data_dir"] = str(data_dir)
    if args.json:
        print(json.dumps(stats, indent=2))
    else:
        _print_stats(stats)
    return 0


def _seed(data_dir: Path, seed: Callable[[Any], object]) -> None:
    """Past exam answers seed the scheduler (the app does it too, after its first frame); on a
    data dir that cannot be written the figures come without them, and that is said."""
    from awstui.state import StoreError, open_store

    try:
        with open_store(data_dir, backup=False) as store:
            seed(store)
    except StoreError as err:
        print(f"awstui: past exam answers are not in the review figures yet ({err})", file=sys.stderr)


class _EmptyState:
    """Stands in for a store when there is no state file yet."""

    def learner_questions(self) -> list[Any]:
        return []

    def question_states(self) -> dict[str, Any]:
        return {}

    def service_states(self) -> dict[str, Any]:
        return {}

    def attempt_summaries(self, **filters: Any) -> list[Any]:
        return []

    def save_summaries(self, summaries: dict[int, dict[str, Any]]) -> bool:
        return False

    def attempt_counts(self) -> dict[str, Any]:
        return {"finished_max_id": None}

    def cached(self, key: str) -> Any:
        return None

    def keep_cached(self, key: str, value: Any) -> bool:
        return False

    def in_progress_attempt(self) -> None:
        return None


def _fraction(done: int, total: int) -> str:
    percent = f" ({100 * done / total:.0f}%)" if total else ""
    return f"{done} / {total}{percent}"


def _print_stats(s: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(title="awstui progress", show_header=False, title_justify="left", box=None, pad_edge=False)
    table.add_column(style="bold")
    table.add_column()
    rows = [
        ("Services reviewed", _fraction(s["services_reviewed"], s["services_total"])),
        ("Open questions answered", _fraction(s["questions_answered"], s["questions_total"])),
        ("Written answers", str(s["answers_written"])),
        ("Your own questions", str(s["learner_questions"])),
        ("Exam attempts", str(s["attempts"])),
        ("Best score", "-" if s["best_score"] is None else f"{s['best_score']:.1f}%"),
        ("Last score", "-" if s["last_score"] is None else f"{s['last_score']:.1f}%"),
    ]
    if s["in_progress_attempt"] is not None:
        rows.append(("Exam in progress", f"attempt {s['in_progress_attempt']} (resume it in the app)"))
    rows += _learning_rows(s)
    kept = s["orphaned_questions"] + s["orphaned_services"]
    if kept:
        rows.append(("Kept for removed content", f"{kept} item(s)"))
    for label, value in rows:
        table.add_row(Text(label), Text(value))  # never markup: paths and ids are plain text
    console = Console(highlight=False)
    console.print(table)
    console.print(Text(f"Data dir: {s['data_dir']}"), soft_wrap=True)  # a path is never cut short


def _learning_rows(s: dict[str, Any]) -> list[tuple[str, str]]:
    def chance(area: dict | None) -> str:
        if area is None:
            return "not enough data yet"
        return f"{100 * area['chance']:.0f}% ({100 * area['low']:.0f}–{100 * area['high']:.0f}%)"

    r = s["readiness"]
    est = r["scaled_estimate"]
    scaled = (
        "not enough data yet" if est is None else f"{est['value']} ({est['low']}–{est['high']}), {est['pass']} to pass"
    )
    rows = [("Reviews due today", str(s["reviews_due_today"])), ("Estimated score", scaled)]
    rows += [(f"  Domain {k}", chance(v)) for k, v in r["domains"].items()]
    rows += [(f"  Task {k}", chance(v)) for k, v in r["tasks"].items()]
    return rows


# ---------------------------------------------------------------------- export / import


@_guarded
def cmd_export(args: argparse.Namespace) -> int:
    from awstui.state import open_store
    from awstui.state.clock import format_ts, utc_now
    from awstui.state.exchange import empty_export

    data_dir = _data_dir(args)
    if _has_state(data_dir):
        store = open_store(data_dir, read_only=True)
        try:
            _notices(store)
            data = store.export_state()
        finally:
            store.close()
    else:
        data = empty_export(format_ts(utc_now()))
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if args.file == "-":
        sys.stdout.write(text)
        return 0
    target = Path(args.file).expanduser()
    if target.is_dir():
        return _fail(f"{target} is a folder; give a file name")
    if target.exists() and not args.force:
        return _fail(f"{target} exists; use --force to replace it")
    if not target.parent.is_dir():
        return _fail(f"cannot write {target}: the folder {target.parent} does not exist")
    tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}")  # then renamed: never half a file
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # it is private data
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except OSError as err:  # named by the file the learner asked for, not the temporary one
        from awstui.state.failures import os_reason

        return _fail(f"cannot write {target}: {os_reason(err, target.parent)}")
    finally:
        tmp.unlink(missing_ok=True)
    counts = (
        f"{len(data['questions'])} question states, {len(data['services'])} service states, "
        f"{sum(1 for q in data['learner_questions'].values() if not q['deleted_at'])} own questions, "
        f"{len(data['settings'])} settings, {len(data['attempts'])} exam attempts, "
        f"{len(data['review_cards'])} review cards ({len(data['review_logs'])} reviews)"
    )
    from awstui.content.text import escaped

    print(f"exported {counts} to {escaped(str(target))}", file=sys.stderr)
    return 0


@_guarded
def cmd_import(args: argparse.Namespace) -> int:
    from awstui.state import backup_now, open_store

    name = "<stdin>" if args.file == "-" else args.file
    try:
        text = _read_export(name, None if args.file == "-" else Path(args.file).expanduser())
    except UnicodeDecodeError:
        return _fail(f"{name}: not UTF-8 text (is it an export made by `awstui export-state`?)")
    except ValueError as err:  # not a regular file, or too big
        return _fail(str(err))
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        return _fail(f"{name}:{err.lineno}:{err.colno}: not valid JSON: {err.msg}")
    except RecursionError:
        return _fail(f"{name}: nested too deeply to be an awstui export")
    except ValueError:  # Python's cap on digits in one number (int_max_str_digits)
        return _fail(f"{name}: holds a number thousands of digits long, which no awstui export has")
    from awstui.state.exchange import parse_export

    parse_export(data)  # refuse bad input before touching (or creating) anything
    store = open_store(_data_dir(args))
    try:
        _notices(store)
        if not store.created:
            saved = backup_now(store, label="pre-import")
            print(f"backed up the current state to {saved}", file=sys.stderr)
        report = store.import_state(data)
        seeded = _seed_now(store)
    finally:
        store.close()
    from awstui.content.text import escaped

    print(f"imported {escaped(name)}: {report.summary()}")
    if seeded:
        print(f"seeded the review schedule with {seeded} past answers")
    return 0


def _seed_now(store: Store) -> int:
    """Past exam answers waiting to seed the review schedule (an import of an export from
    before it) go in now, not at the app's next start."""
    if not store.reviews.seed_pending():
        return 0
    from awstui.exam.reviews import seed_from_history

    return seed_from_history(store)


# ---------------------------------------------------------------------- restore


@_guarded
def cmd_restore(args: argparse.Namespace) -> int:
    from awstui.state import list_backups, restore_backup

    data_dir = _data_dir(args)
    if not args.backup:
        backups = list_backups(data_dir)
        if not backups:
            print(f"no backups in {data_dir / 'backups'} yet (one is taken each day awstui starts)")
            return 0
        print(f"backups in {data_dir / 'backups'} (newest first):")
        for number, b in enumerate(backups, 1):
            label = f"  [{b.label}]" if b.label else ""
            taken = b.taken_at.strftime("%Y-%m-%d %H:%M:%S UTC")
            print(f"  {number:>2}. {b.name}  {taken}  {b.size / 1024:.0f} KiB{label}")
        print(f"restore one with: {PROG} restore NUMBER (quit awstui first; the current state is moved aside)")
        return 0
    used, moved = restore_backup(data_dir, args.backup)
    if moved is not None:
        print(f"moved the current state to {moved}")
    print(f"restored {used} to {_state_file(data_dir)}")
    return 0
