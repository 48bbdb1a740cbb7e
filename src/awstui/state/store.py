"""The one place that reads and writes the learner's state (SQLite): a thin facade.

Every change is a named method that commits at once and then tells subscribers what changed
with a small event (``awstui.state.events``). Writes touch only the rows they change, inside
``BEGIN IMMEDIATE`` transactions, so two instances on the same file both work and lose
nothing; each notices the other's commits through ``PRAGMA data_version`` (``poll_external``).

The work is done by the parts (as Anki's ``Collection`` composes its managers): ``db`` (the
connection, migrations, retries, transactions, backups), ``validate`` (the checks), and the
repositories in ``repos/`` (marks with notes, the learner's questions, settings, attempts).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import Any

from . import marks
from .clock import WallClock
from .db import BUSY_TIMEOUT_S, Database
from .events import ExternalChange, Hub, Subscriber, UnsavedChanges
from .kept import KeptAttempts, KeptLearner, KeptLeases, KeptMarks, KeptReviews, KeptSettings
from .models import Attempt, AttemptResult, LearnerQuestion, MergeReport, QuestionState, ServiceState
from .pending import Keeping
from .repos.activity import ActivityRepo, local_days
from .repos.derived import DerivedRepo
from .repos.drafts import Draft, DraftRepo
from .repos.leases import LeaseHolder


class Store:
    """The learner's state in one SQLite file.

    ``Store(path)`` opens exactly ``path``; it raises ``CorruptDatabase`` for a file that is not
    a readable awstui database and ``SchemaTooNew`` for one from a newer awstui (both leave the
    file as it is). ``open_store(data_dir)`` is the front door that handles those cases.
    """

    def __init__(
        self,
        path: Path | str,
        *,
        now: WallClock | None = None,
        busy_timeout_s: float = BUSY_TIMEOUT_S,
        read_only: bool = False,
    ):
        self.path = Path(path)
        self._db = Database(self.path, now=now, busy_timeout_s=busy_timeout_s, read_only=read_only)
        self._hub = Hub(self._db.lock)
        self._emit = self._hub.emit
        self._keeping = k = Keeping(self._emit)
        ts = self._db.ts
        self._questions = KeptMarks(self._db, marks.QUESTIONS, self._emit, keeping=k, ts=ts)
        self._services = KeptMarks(self._db, marks.SERVICES, self._emit, keeping=k, ts=ts)
        self._learner = KeptLearner(self._db, self._emit, keeping=k, ts=ts)
        self._settings = KeptSettings(self._db, self._emit, keeping=k)
        self._leases = KeptLeases(self._db, keeping=k)
        self._attempts = KeptAttempts(self._db, self._emit, self._leases.holder, keeping=k, ts=ts)
        self._derived = DerivedRepo(self._db)
        self._activity = ActivityRepo(self._db, self._derived)
        self.reviews = KeptReviews(self._db, self._emit, self._settings.get, keeping=k)  # spaced repetition
        self._drafts = DraftRepo(self._db)
        self._data_version = self._db.data_version()

    # ------------------------------------------------------------------ what the open found

    @property
    def notices(self) -> list[str]:
        """What the learner should be told about this open (an upgrade, no WAL, ...)."""
        return self._db.notices

    @property
    def created(self) -> bool:
        """This open created the schema (a fresh store)."""
        return self._db.created

    @property
    def migrated_from(self) -> int | None:
        return self._db.migrated_from

    @property
    def journal_mode(self) -> str:
        return self._db.journal_mode

    @property
    def _conn(self) -> sqlite3.Connection | None:  # for tests and benches that look underneath
        return self._db.conn

    @property
    def closed(self) -> bool:
        return self._db.conn is None

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

    # ------------------------------------------------------------------ changes that cannot be saved yet

    def keep_unsaved_changes(self, keep: bool = True) -> None:
        """From now on, a change that cannot be saved because of the surroundings (a full disk, a
        read-only file or folder) is kept in memory instead of raising ``WriteFailed``: reads see
        it, subscribers hear of it (and ``UnsavedChanges``), ``save_unsaved`` tries it again. For
        the app; the command line keeps the default (the error)."""
        self._keeping.enabled = keep

    def unsaved(self) -> UnsavedChanges:
        """How many changes are kept in memory, unsaved, and why (``count`` 0: none)."""
        return self._keeping.status()

    def save_unsaved(self) -> bool:
        """Try to save the changes kept in memory, oldest first; True when none is left."""
        with self._db.lock:
            return self._keeping.flush()

    # ------------------------------------------------------------------ events

    def subscribe(self, callback: Subscriber) -> Callable[[], None]:
        """Call ``callback(event)`` after every committed change; returns the unsubscribe function."""
        return self._hub.subscribe(callback)

    def poll_external(self) -> bool:
        """Cheap check whether another connection committed since the last poll; if so, emit
        ``ExternalChange`` and return True."""
        with self._db.lock:
            version = self._db.data_version()
            if version is None or version == self._data_version:
                return False
            self._data_version = version
        self._emit(ExternalChange())
        return True

    # ------------------------------------------------------------------ open questions

    def question_states(self) -> dict[str, QuestionState]:
        return self._questions.states()

    def question_state(self, qid: str) -> QuestionState:
        return self._questions.state(qid)

    def tick_question(self, qid: str, answered: bool = True) -> None:
        """Mark an open question answered (or not). No change, no event."""
        self._questions.mark(qid, answered)

    def toggle_question(self, qid: str) -> bool:
        """Flip a question's answered mark (atomically); returns the new state."""
        return self._questions.toggle(qid)

    def save_answer(self, qid: str, text: str) -> None:
        """Save the learner's written answer (Markdown). Unchanged text: nothing saved, no event."""
        self._questions.save_note(qid, text)

    # ------------------------------------------------------------------ the learner's own questions

    def add_question(self, service_id: str, text: str) -> str:
        """Add a question of the learner's own under a service; returns its id (``mine-…``)."""
        return self._learner.add(service_id, text)

    def update_question(self, qid: str, text: str) -> None:
        """Change the text of a question of the learner's own. Unchanged: no event."""
        self._learner.update(qid, text)

    def delete_question(self, qid: str) -> None:
        """Delete a question of the learner's own, with its tick and written answer (the learner
        asked for it). Bundled questions cannot be deleted: ``StoreError``."""
        self._learner.delete(qid)

    def learner_questions(self) -> list[LearnerQuestion]:
        return self._learner.all()

    # ------------------------------------------------------------------ services

    def service_states(self) -> dict[str, ServiceState]:
        return self._services.states()

    def service_state(self, sid: str) -> ServiceState:
        return self._services.state(sid)

    def mark_reviewed(self, sid: str, reviewed: bool = True) -> None:
        """Mark a service reviewed (counting one more review) or not. No change, no event."""
        self._services.mark(sid, reviewed)

    def toggle_reviewed(self, sid: str) -> bool:
        return self._services.toggle(sid)

    def save_annotation(self, sid: str, text: str) -> None:
        """Save the learner's annotation of a service. Unchanged text: no event."""
        self._services.save_note(sid, text)

    # ------------------------------------------------------------------ drafts (unsaved editor text)

    def draft(self, key: str) -> Draft | None:
        """The draft kept for ``key`` (``repos.drafts.draft_key``), or None."""
        return self._drafts.get(key)

    def keep_draft(self, key: str, text: str, base: str | None) -> None:
        """Keep what an editor holds, as typed, with the saved text it opened on. No event."""
        self._drafts.keep(key, text, base)

    def drop_draft(self, key: str) -> None:
        """The text was saved or discarded on purpose: its draft goes. No event."""
        self._drafts.drop(key)

    def draft_keys(self) -> list[str]:
        return self._drafts.keys()

    # ------------------------------------------------------------------ settings

    def get_setting(self, key: str, default: Any = None) -> Any:
        return self._settings.get(key, default)

    def set_setting(self, key: str, value: Any) -> None:
        """Remember a JSON-serialisable value. Unchanged: no event."""
        self._settings.set(key, value)

    def settings(self) -> dict[str, Any]:
        return self._settings.all()

    # ------------------------------------------------------------------ exam attempts

    def create_attempt(
        self,
        mode: str,
        config: dict,
        question_ids: list[str],
        option_orders: dict[str, list[int]],
        time_allowed_s: float | None,
    ) -> int:
        """Save a new in-progress attempt: the drawn questions and their option order (display
        position -> ORIGINAL option index). Returns its id."""
        return self._attempts.create(mode, config, question_ids, option_orders, time_allowed_s)

    def record_exam_answer(
        self, attempt_id: int, qid: str, selected: list[int], time_used_s: float, *, review: int | None = None
    ) -> bool:
        """Save the options chosen for one question (ORIGINAL indices; ``[]`` clears). Returns
        False (and saves nothing) when the attempt is no longer in progress. ``review`` (a grade
        1..4, from ``AnswerChange.review``: a practice answer revealed) is saved with it."""
        grades = [] if review is None else [(qid, review)]
        also = self.reviews.grader(grades, attempt_id=attempt_id)
        saved = self._attempts.write_answer(attempt_id, qid, time_used_s, "selected", selected, also)
        if saved and grades:
            self.reviews.notify_graded(grades)
        return saved

    def set_flag(self, attempt_id: int, qid: str, flagged: bool, time_used_s: float) -> bool:
        """Flag a question for review (or not). False when the attempt is no longer in progress."""
        return self._attempts.write_answer(attempt_id, qid, time_used_s, "flagged", int(bool(flagged)))

    def save_progress(self, attempt_id: int, time_used_s: float, position: int | None = None) -> bool:
        """Save the clock (time used never goes back) and, if given, the current position.
        False when the attempt is no longer in progress. Nothing changed: no event."""
        return self._attempts.save_progress(attempt_id, time_used_s, position)

    def finish_attempt(
        self,
        attempt_id: int,
        status: str,
        result: dict,
        time_used_s: float,
        *,
        summary: dict | None = None,
        reviews: Iterable[tuple[str, int]] = (),
    ) -> bool:
        """Finish an in-progress attempt (``"submitted"`` or ``"expired"``) with its result and
        the summary the exam layer made of it (what history lists read; kept as given). An
        attempt is finished exactly once: if it is not in progress any more, nothing changes
        and this returns False. ``reviews`` (``Finished.reviews``: ``(qid, grade)`` the exam
        layer made of the answers) are graded in the same transaction, so exactly once too."""
        grades = list(reviews)
        done = self._attempts.finish(
            attempt_id, status, result, time_used_s, summary, self.reviews.grader(grades, attempt_id=attempt_id)
        )
        if done and grades:
            self.reviews.notify_graded(grades)
        return done

    def abandon_attempt(self, attempt_id: int) -> bool:
        """The learner discards an in-progress attempt: it is kept, with status ``"abandoned"``.
        False (nothing changes) if it was not in progress."""
        return self._attempts.abandon(attempt_id)

    def attempt(self, attempt_id: int) -> Attempt:
        return self._attempts.one(attempt_id)

    def acquire_attempt(self, attempt_id: int, *, force: bool = False) -> LeaseHolder | None:
        """Open an in-progress attempt here: take its lease. None when it is ours now; else the
        other instance that has it open (alive, lease renewed lately) and nothing changes, unless
        ``force`` (the learner chose to take it over). While another instance holds the lease,
        this store's answers, flags, progress and finish for that attempt are refused (False)."""
        return self._leases.acquire(attempt_id, force=force)

    def attempt_holder(self, attempt_id: int) -> LeaseHolder | None:
        """The other live instance that has the attempt open, or None."""
        return self._leases.holder_of(attempt_id)

    def renew_attempt_lease(self, attempt_id: int) -> bool:
        """Renew this store's lease (every ``LEASE_RENEW_S``); False when it was taken over."""
        return self._leases.renew(attempt_id)

    def release_attempt(self, attempt_id: int) -> None:
        """The attempt is closed here (quit, left): give its lease up."""
        self._leases.release(attempt_id)

    def attempts(self, include_answers: bool = True) -> list[Attempt]:
        """Every attempt, newest first. ``include_answers=False`` leaves ``answers`` and ``flags``
        empty: much faster for lists and totals when there are many attempts."""
        return self._attempts.all(include_answers)

    def attempt_results(self, result_omits: Iterable[str] = (), *, after_id: int | None = None) -> list[AttemptResult]:
        """Every attempt's id, mode, status, times and result, newest first: what a history list
        or a total needs, and no more. ``result_omits`` names top-level keys of each result to
        leave out, SQLite dropping them before Python decodes anything. This reads every whole
        result (the weak-spot draw needs them); lists and totals read ``attempt_summaries``.
        ``after_id``: only the attempts with a higher id (a cache brought up to date)."""
        return self._attempts.results(result_omits, after_id)

    def attempt_summaries(
        self, *, finished_only: bool = False, limit: int | None = None, after_id: int | None = None
    ) -> list[AttemptResult]:
        """Attempts' id, mode, status, times and ``summary``, newest first (only finished ones, at
        most ``limit``, only those with an id above ``after_id``): a history list reads these,
        never the per-question outcomes. Where there is no summary yet (an attempt finished
        before schema v2, or imported from an older export) ``result`` is the whole result."""
        return self._attempts.summaries(finished_only, limit, after_id)

    def attempt_scores(self, limit: int) -> list[int]:
        """The scaled scores of the newest ``limit`` finished attempts, newest first."""
        return self._attempts.scores(limit)

    def attempt_counts(self) -> dict[str, Any]:
        """How many attempts by status (``{"submitted": 3, ...}``) and ``finished_max_id``."""
        return self._attempts.counts()

    def cached(self, key: str) -> Any:
        """What an upper layer kept with ``keep_cached`` (None if nothing, or unreadable)."""
        return self._derived.get(key)

    def keep_cached(self, key: str, value: Any) -> bool:
        """Keep a JSON value derived from the state (a cache: no event, not exported; False
        when it could not be written)."""
        return self._derived.keep(key, value)

    def save_summaries(self, summaries: dict[int, dict]) -> bool:
        """Keep the summaries the exam layer computed for attempts that had none (once: one
        that has a summary keeps it). Best effort, as a cache: False when it could not write."""
        return self._attempts.save_summaries(summaries) is not None

    def now(self) -> datetime:
        """The moment by the store's wall clock (UTC): what its timestamps say it is now, so a
        view's "today" agrees with them (and tests and snapshots can fix it)."""
        return self._db.now()

    def activity_by_day(self, since: datetime, tz: tzinfo | None = None) -> dict[str, dict[date, int]]:
        """Study activity from ``since`` on, per kind ("exam" answers, "questions" ticked,
        "services" reviewed, spaced "reviews" graded) and local day (``tz``; None: the local
        zone), counted in SQL."""
        return {kind: local_days(rows, tz) for kind, rows in self._activity.buckets(since).items()}

    def in_progress_attempt(self) -> Attempt | None:
        """The newest attempt still in progress (to resume), or None."""
        return self._attempts.in_progress()

    # ------------------------------------------------------------------ export / import / backups

    def export_state(self) -> dict:
        """Everything, as a versioned JSON-ready dict (``{"format": "awstui-state", "version": 1, …}``)."""
        from . import exchange  # on use: the app's start never exports or imports

        exported_at = self._db.ts()
        return self._db.read(lambda c: exchange.export_rows(c, exported_at))

    def import_state(self, data: dict) -> MergeReport:
        """Merge an export into this store: per item, the newer change wins. Bad input raises
        ``StoreError`` naming what is wrong, and changes nothing."""
        from . import exchange

        parsed = exchange.parse_export(data, self._db.now())
        report = self._db.write(lambda c: exchange.merge_rows(c, parsed))
        if report.changed:
            self._emit(ExternalChange(source="import"))
        return report

    def backup_to(self, dest: Path | str) -> Path:
        """A consistent copy of the database (SQLite's backup API) at ``dest``, written to a
        temporary name first and renamed into place; readable only by the owner."""
        return self._db.backup_to(Path(dest))
