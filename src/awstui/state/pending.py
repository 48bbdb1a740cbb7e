"""Changes the store could not save yet, kept in memory until it can.

When a write fails because of the surroundings (a full disk, a read-only file or folder, an
I/O error: ``WriteFailed.environmental``), a store that keeps unsaved changes
(``Store.keep_unsaved_changes``) puts the change here instead of failing: one entry per item
(a question's tick, a setting, an exam answer ...), in the order they were made, a later change
to the same item replacing the earlier one. Reads see the kept values, so what is shown is what
the learner did. ``flush`` tries them again in order and stops at the first that still cannot
be saved. Pure Python: no timers here (the app retries on its own clock).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from .errors import StoreError, WriteFailed
from .events import Change, UnsavedChanges

T = TypeVar("T")
Key = tuple[Any, ...]  # (kind, item id, what): ("question", "s3-q1", "mark")


class Later:
    """What ``Keeping.now`` returns for a change that must be kept: it was not saved."""


LATER = Later()
MISSING: Any = object()


@dataclass
class _Kept:
    """One kept change: the value reads show, and how to save it."""

    value: Any
    replay: Callable[[], object]


class PendingWrites:
    """The kept changes, oldest first, one per key."""

    def __init__(self) -> None:
        self._kept: dict[Key, _Kept] = {}
        self.reason: str | None = None  # why the last try failed ("the disk is full (...)")
        self.dropped: list[str] = []  # kept changes the store refused on replay (not the disk's fault)

    def __len__(self) -> int:
        return len(self._kept)

    def keep(self, key: Key, value: Any, replay: Callable[[], object]) -> None:
        self._kept.pop(key, None)  # the latest change to an item is the one to save, in its turn
        self._kept[key] = _Kept(value, replay)

    def get(self, key: Key, default: Any = MISSING) -> Any:
        kept = self._kept.get(key)
        return default if kept is None else kept.value

    def drop(self, key: Key) -> Any:
        """Forget a kept change (taken back before it was saved): its value, or MISSING."""
        kept = self._kept.pop(key, None)
        return MISSING if kept is None else kept.value

    def of(self, kind: str, *ids: Any) -> Iterator[tuple[Key, Any]]:
        """The kept (key, value) pairs whose key starts with ``(kind, *ids)``, oldest first."""
        head = (kind, *ids)
        for key, kept in list(self._kept.items()):
            if key[: len(head)] == head:
                yield key, kept.value

    def flush(self) -> bool:
        """Save the kept changes, oldest first; True when none is left."""
        while self._kept:
            key, kept = next(iter(self._kept.items()))
            try:
                kept.replay()
            except WriteFailed as err:
                if err.environmental:
                    self.reason = err.reason
                    return False
                self.dropped.append(str(err))
            except StoreError as err:
                self.dropped.append(str(err))
            if self._kept.get(key) is kept:
                del self._kept[key]
        self.reason = None
        return True


class Keeping:
    """The store's policy for writes that fail for reasons of the surroundings: off (they
    raise, as on the command line) until ``enabled``, then kept in ``pending``."""

    def __init__(self, emit: Callable[..., None]):
        self.enabled = False
        self.pending = PendingWrites()
        self._emit = emit

    def now(self, direct: Callable[[], T]) -> T | Later:
        """Run ``direct`` (a write), unless it must be kept: then ``LATER``. Older kept changes
        are saved first (so changes land in the order they were made)."""
        if not self.enabled:
            return direct()
        if len(self.pending) and not self.flush():
            return LATER
        try:
            return direct()
        except WriteFailed as err:
            if not err.environmental:
                raise
            self.pending.reason = err.reason
            return LATER

    def keep(self, key: Key, value: Any, replay: Callable[[], object], *events: Change) -> None:
        """Keep a change that ``now`` could not save, and tell subscribers as if it were saved."""
        self.pending.keep(key, value, replay)
        self._emit(*events, self.status())

    def forget(self, key: Key, *events: Change) -> Any:
        """Take back a kept change before it was saved (its value, or MISSING)."""
        value = self.pending.drop(key)
        if value is not MISSING:
            self._emit(*events, replace(self.status(), taken_back=True))
        return value

    def status(self) -> UnsavedChanges:
        return UnsavedChanges(len(self.pending), self.pending.reason)

    def flush(self) -> bool:
        """Try the kept changes again; subscribers hear when the number kept changes."""
        before = len(self.pending)
        if not before:
            return True
        done = self.pending.flush()
        if len(self.pending) != before:
            self._emit(self.status())
        return done

    def value(self, key: Key, default: Any = MISSING) -> Any:
        return self.pending.get(key, default) if self.enabled else default

    def of(self, kind: str, *ids: Any) -> Iterator[tuple[Key, Any]]:
        return self.pending.of(kind, *ids) if self.enabled else iter(())
