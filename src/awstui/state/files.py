"""The state's files in the data dir: opening (with recovery), daily backups, restore.

::

    <data dir>/state.db                              the store (0600; the folder is 0700)
    <data dir>/state.db.corrupt-<stamp>              a damaged file, moved aside (never deleted)
    <data dir>/state.db.before-restore-<stamp>       the file a restore replaced
    <data dir>/backups/state-<stamp>[-<label>].db    consistent copies; the last 7 are kept
    <data dir>/state.lock                            serialises opening/restoring between instances
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path

from ..records import record
from .clock import WallClock, file_stamp, utc_now
from .errors import CorruptDatabase, NeedsUpgrade, StoreError
from .failures import os_reason
from .fileops import create_private_file, fsync_dir
from .store import Store

STATE_FILE = "state.db"
BACKUP_DIR = "backups"
LOCK_FILE = "state.lock"
KEEP_BACKUPS = 7
COMPANIONS = ("-wal", "-shm", "-journal")
_BACKUP_RE = re.compile(r"^state-(\d{8}T\d{6})(?:-([A-Za-z0-9-]+))?\.db$")


def _private_dir(path: Path) -> Path:
    """Create ``path`` private to the user (0700). A folder that already exists is left as the
    learner set it up (``--data-dir`` may name a folder of their own); the files in it are 0600."""
    if path.is_dir():
        return path
    if path.exists():
        raise StoreError(f"{path} exists and is not a folder")
    try:
        path.mkdir(parents=True, exist_ok=True)
        os.chmod(path, 0o700)  # mkdir's mode is filtered by the umask: say it exactly
    except OSError as err:
        if not path.is_dir():
            raise StoreError(f"cannot create {path}: {os_reason(err, path.parent)}") from None
    return path


@contextmanager
def _dir_lock(data_dir: Path) -> Iterator[None]:
    """Hold an advisory lock on ``state.lock`` (no-op where ``fcntl`` is missing)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    lock_path = data_dir / LOCK_FILE
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:  # read-only data dir: opening will say what is wrong
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def _free_name(path: Path, label: str, now: datetime) -> Path:
    base = path.with_name(f"{path.name}.{label}-{file_stamp(now)}")
    target, n = base, 1
    while any(Path(str(target) + suffix).exists() for suffix in ("", *COMPANIONS)):
        target = base.with_name(f"{base.name}-{n}")
        n += 1
    return target


def move_aside(path: Path, label: str, now: datetime | None = None) -> Path:
    """Rename ``path`` (and its -wal/-shm/-journal, first) to ``<name>.<label>-<stamp>``; returns
    the new path. The companions keep their suffix, so SQLite still finds them next to it."""
    target = _free_name(path, label, now or utc_now())
    try:
        for suffix in COMPANIONS:
            companion = Path(str(path) + suffix)
            if companion.exists():
                os.rename(companion, Path(str(target) + suffix))
        os.rename(path, target)
    except OSError as err:
        raise StoreError(f"could not move {path} aside to {target}: {err.strerror or err}") from None
    fsync_dir(path.parent)
    return target


def open_store(
    data_dir: Path | str, *, now: WallClock | None = None, backup: bool = True, read_only: bool = False
) -> Store:
    """Open the learner's store in ``data_dir`` (created 0700 when needed).

    A ``state.db`` that is not a readable awstui database is moved aside and a fresh store
    starts; ``store.notices`` says where it went. A database from a newer awstui raises
    ``SchemaTooNew`` and is left as it is. With ``backup``, a daily backup is taken. An open
    that fails leaves nothing new behind in ``data_dir`` (no empty file, no WAL or lock file).

    ``read_only`` (for commands that only read) creates, moves, migrates and backs up nothing,
    so a read-only data dir can be read; only a database that needs upgrading (or is not a
    readable one) is first opened for writing, to upgrade it (or move it aside), and if that
    fails the error says so.
    """
    if read_only:
        return _open_read_only(Path(data_dir), now)
    clock = now or utc_now
    folder = Path(data_dir)
    folder_existed = folder.is_dir()
    data_dir = _private_dir(folder)
    before = _present(data_dir)
    try:
        with _dir_lock(data_dir):
            return _open_locked(data_dir, clock, backup)
    except BaseException:
        _remove_new(data_dir, before, folder_existed)
        raise


def _open_read_only(data_dir: Path, now: WallClock | None) -> Store:
    path = data_dir / STATE_FILE
    try:
        return Store(path, now=now, read_only=True)
    except (NeedsUpgrade, CorruptDatabase) as err:  # upgraded, or moved aside, as the app would
        try:
            writable = open_store(data_dir, now=now, backup=False)
        except StoreError as why:
            raise StoreError(f"{err}; {why}") from None
        notices = writable.notices
        writable.close()
    store = Store(path, now=now, read_only=True)
    store.notices[:0] = notices
    return store


_OWN_NAMES = (STATE_FILE, *(STATE_FILE + s for s in COMPANIONS), LOCK_FILE)


def _present(data_dir: Path) -> set[str]:
    return {name for name in _OWN_NAMES if os.path.lexists(data_dir / name)}


def _remove_new(data_dir: Path, before: set[str], folder_existed: bool) -> None:
    """After a failed open: remove the files it made (an empty state.db, SQLite's -wal/-shm, the
    lock file), never one that was there before nor a WAL with something in it of an older file."""
    fresh_db = STATE_FILE not in before
    for name in _OWN_NAMES:
        target = data_dir / name
        if name in before or not target.exists():
            continue
        if name == STATE_FILE + "-wal" and not fresh_db and target.stat().st_size > 0:
            continue
        with suppress(OSError):
            target.unlink()
    if not folder_existed:
        with suppress(OSError):
            data_dir.rmdir()  # only if empty


def _open_locked(data_dir: Path, clock: WallClock, backup: bool) -> Store:
    path = data_dir / STATE_FILE
    notices: list[str] = []
    was_empty = is_empty(path)
    try:
        store = Store(path, now=clock)
    except CorruptDatabase as err:
        moved = move_aside(path, "corrupt", clock())
        backups = list_backups(data_dir)
        restore = (
            f" Your newest backup is {backups[0].path} ({backups[0].taken_at:%Y-%m-%d %H:%M} UTC): "
            f"`awstui restore {backups[0].name}` brings it back."
            if backups
            else ""
        )
        notices.append(
            f"{path.name} was not a readable awstui database ({err.reason}); moved to {moved}. "
            f"A fresh store was started.{restore}"
        )
        store = Store(path, now=clock)
    if was_empty and store.created and list_backups(data_dir):
        notices.append(
            f"{path.name} was empty, so a fresh store was started. Earlier backups are in "
            f"{data_dir / BACKUP_DIR}: `awstui restore` lists them."
        )
    store.notices[:0] = notices
    if backup and not store.created:
        try:
            daily_backup(store, clock())
        except StoreError as err:
            store.notices.append(f"the daily backup failed: {err}")
    return store


def is_empty(path: Path) -> bool:
    """``path`` holds nothing yet (an empty file, and no WAL with anything in it)."""
    try:
        if path.stat().st_size:
            return False
    except OSError:
        return False
    wal = Path(str(path) + "-wal")
    return not wal.exists() or wal.stat().st_size == 0


# ---------------------------------------------------------------------- backups


@record
class Backup:
    """One backup file in ``backups/``: when it was taken, its label and size."""

    path: Path
    taken_at: datetime
    label: str
    size: int

    @property
    def name(self) -> str:
        return self.path.name


def list_backups(data_dir: Path | str) -> list[Backup]:
    """The backups in ``<data_dir>/backups``, newest first."""
    folder = Path(data_dir) / BACKUP_DIR
    found = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for entry in entries:
        m = _BACKUP_RE.match(entry.name)
        if not m or not entry.is_file():
            continue
        try:  # (fromisoformat reads the stamp as strptime would, without importing _strptime at each start)
            taken = datetime.fromisoformat(m.group(1)).replace(tzinfo=UTC)
        except ValueError:  # a name that only looks like a stamp (month 13): not one of ours
            continue
        found.append(Backup(entry, taken, m.group(2) or "", entry.stat().st_size))
    found.sort(key=lambda b: (b.taken_at, b.name), reverse=True)
    return found


def backup_now(store: Store, now: datetime | None = None, label: str = "") -> Path:
    """Back the store up into ``backups/`` (then keep only the last ``KEEP_BACKUPS``)."""
    moment = now or utc_now()
    folder = _private_dir(store.path.parent / BACKUP_DIR)
    name = f"state-{file_stamp(moment)}{'-' + label if label else ''}.db"
    dest = folder / name
    n = 1
    while dest.exists():
        dest = folder / f"state-{file_stamp(moment)}-{label + '-' if label else ''}{n}.db"
        n += 1
    store.backup_to(dest)
    prune_backups(store.path.parent)
    return dest


def daily_backup(store: Store, now: datetime | None = None) -> Path | None:
    """Back up unless a backup was already taken today (UTC); returns the new file or None."""
    moment = now or utc_now()
    newest = list_backups(store.path.parent)
    if newest and newest[0].taken_at.date() >= moment.astimezone(UTC).date():
        return None
    return backup_now(store, moment)


def prune_backups(data_dir: Path | str, keep: int = KEEP_BACKUPS) -> list[Path]:
    """Remove all but the newest ``keep`` backups, and leftovers of interrupted ones."""
    removed = []
    for old in list_backups(data_dir)[keep:]:
        try:
            old.path.unlink()
            removed.append(old.path)
        except OSError:
            pass
    folder = Path(data_dir) / BACKUP_DIR
    try:
        for leftover in folder.glob(".state-*.db.tmp-*"):
            pid = leftover.name.rsplit("-", 1)[-1]
            if pid != str(os.getpid()):
                leftover.unlink(missing_ok=True)
    except OSError:
        pass
    return removed


def find_backup(data_dir: Path | str, which: str) -> Path:
    """A backup by its number in ``list_backups`` (1 = newest), its file name, or a path."""
    backups = list_backups(data_dir)
    if which.isdigit():
        index = int(which)
        if 1 <= index <= len(backups):
            return backups[index - 1].path
        raise StoreError(f"there is no backup number {which} (there are {len(backups)})")
    for b in backups:
        if b.name == which:
            return b.path
    candidate = Path(which).expanduser()
    if candidate.is_file():
        return candidate
    raise StoreError(f"no backup called {which!r}; `awstui restore` lists them")


def restore_backup(data_dir: Path | str, which: str, now: WallClock | None = None) -> tuple[Path, Path | None]:
    """Put a backup in place of ``state.db``. The current file is moved aside first (never
    overwritten). Returns (the backup used, where the current file went or None)."""
    clock = now or utc_now
    data_dir = Path(data_dir)
    source = find_backup(data_dir, which)
    path = data_dir / STATE_FILE
    _private_dir(data_dir)
    tmp = data_dir / f".{STATE_FILE}.restore-{os.getpid()}"
    try:
        _remove_with_companions(tmp)
        create_private_file(tmp)
        shutil.copyfile(source, tmp)
    except OSError as err:
        _remove_with_companions(tmp)
        raise StoreError(f"could not copy {source}: {os_reason(err, data_dir)}") from None
    try:
        check = Store(tmp, now=clock)  # validates (and brings an older schema up to date)
        check.close()
    except CorruptDatabase as err:
        _remove_with_companions(tmp)
        raise StoreError(f"{source} is not a readable awstui database ({err.reason}); nothing was changed") from None
    except StoreError:
        _remove_with_companions(tmp)
        raise
    with _dir_lock(data_dir):
        moved = None
        if path.exists() or any(Path(str(path) + s).exists() for s in COMPANIONS):
            moved = move_aside(path, "before-restore", clock()) if path.exists() else None
            for suffix in COMPANIONS:  # companions without their main file: move them too
                stray = Path(str(path) + suffix)
                if stray.exists():
                    os.rename(stray, _free_name(stray, "before-restore", clock()))
        try:
            os.replace(tmp, path)
        except OSError as err:
            raise StoreError(f"could not put the backup in place: {os_reason(err, data_dir)}") from None
        fsync_dir(data_dir)
    return source, moved


def _remove_with_companions(path: Path) -> None:
    for suffix in ("", *COMPANIONS):
        with suppress(OSError):
            Path(str(path) + suffix).unlink(missing_ok=True)
