"""The store's errors: every failure the store reports is a ``StoreError`` with a readable message."""

from __future__ import annotations


class StoreError(Exception):
    """The store refused or could not do something; ``str(err)`` is a one-line message for the learner."""


class SchemaTooNew(StoreError):
    """The database was written by a newer awstui. It is refused and left exactly as it is."""

    def __init__(self, path: object, found: int, known: int):
        self.path = path
        self.found = found
        self.known = known
        super().__init__(
            f"{path} was written by a newer awstui (schema version {found}; this awstui knows up to "
            f"{known}). Upgrade awstui, or use --data-dir to keep progress elsewhere. "
            "The file was left as it is."
        )


class CorruptDatabase(StoreError):
    """The file is not a readable awstui database (garbage, truncated, another app's, damaged)."""

    def __init__(self, path: object, reason: str):
        self.path = path
        self.reason = " ".join(str(reason).split())  # one line, whatever SQLite said
        super().__init__(f"{path} is not a readable awstui database: {self.reason}")


class WriteFailed(StoreError):
    """A change could not be saved. ``reason`` is set when the surroundings are to blame (a full
    disk, a read-only file or folder, an I/O error): the change was fine and may be tried again."""

    def __init__(self, message: str, reason: str | None = None):
        self.reason = reason
        super().__init__(message)

    @property
    def environmental(self) -> bool:
        return self.reason is not None


class NeedsUpgrade(StoreError):
    """Opened read-only, the database has an older schema: it must be upgraded first, which
    takes write access."""

    def __init__(self, path: object, found: int, known: int):
        self.path = path
        self.found = found
        self.known = known
        super().__init__(
            f"{path} is at schema version {found} and must be upgraded to {known} before it can be "
            "read; that needs write access (start awstui once where its data dir can be written)"
        )
