"""The repositories as the store uses them: each change that cannot be saved for a reason of
the surroundings is kept in memory (``pending.Keeping``) and each read sees what is kept, so a
tick made on a full disk still shows ticked and lands in the file when the disk has room.

Each class is its repository with its writes guarded and its reads overlaid; with keeping off
(the default: the command line) they behave exactly as the repository does.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from functools import partial
from typing import Any

from .errors import WriteFailed
from .events import AttemptChanged, LearnerQuestionsChanged, QuestionChanged, ReviewChanged, SettingChanged
from .models import Attempt, AttemptStatus, LearnerQuestion
from .pending import MISSING, Keeping, Later
from .repos.attempts import Also, AttemptRepo
from .repos.grades import check_grade
from .repos.learner import LEARNER_PREFIX, LearnerRepo
from .repos.leases import LeaseHolder, LeaseRepo
from .repos.marks import MarkRepo
from .repos.reviews import Graded, ReviewCard, ReviewRepo
from .repos.settings import SettingsRepo

Stamp = Callable[[], str]


class KeptMarks(MarkRepo):
    def __init__(self, *args: Any, keeping: Keeping, ts: Stamp):
        super().__init__(*args)
        self._k, self._ts = keeping, ts

    def _overlay(self, key: str, state: Any) -> Any:
        spec, changes = self._spec, {}
        mark = self._k.value((spec.noun, key, "mark"))
        if mark is not MISSING:
            changes[spec.mark], changes[spec.mark_at] = mark[0], (mark[1] if mark[0] else None)
        note = self._k.value((spec.noun, key, "note"))
        if note is not MISSING:
            changes[spec.note], changes[spec.note_at] = note
        return replace(state, **changes) if changes else state

    def states(self) -> dict[str, Any]:
        found = super().states()
        for key in {k[1] for k, _ in self._k.of(self._spec.noun)}:
            found[key] = self._overlay(key, found.get(key, self._spec.state()))
        return found

    def state(self, key: str) -> Any:
        return self._overlay(key, super().state(key))

    def _keep_mark(self, key: str, marked: bool) -> None:
        self._k.keep(
            (self._spec.noun, key, "mark"),
            (marked, self._ts()),
            lambda: MarkRepo.mark(self, key, marked),
            self._changed(key),
        )

    def mark(self, key: str, marked: bool) -> None:
        if isinstance(self._k.now(lambda: super(KeptMarks, self).mark(key, marked)), Later):
            self._keep_mark(key, bool(marked))

    def toggle(self, key: str) -> bool:
        new = self._k.now(lambda: super(KeptMarks, self).toggle(key))
        if not isinstance(new, Later):
            return new
        marked = not getattr(self.state(key), self._spec.mark)
        self._keep_mark(key, marked)
        return marked

    def save_note(self, key: str, text: str) -> None:
        if isinstance(self._k.now(lambda: super(KeptMarks, self).save_note(key, text)), Later):
            self._k.keep(
                (self._spec.noun, key, "note"),
                (text, self._ts()),
                lambda: MarkRepo.save_note(self, key, text),
                self._changed(key),
            )


class KeptSettings(SettingsRepo):
    def __init__(self, *args: Any, keeping: Keeping):
        super().__init__(*args)
        self._k = keeping

    def get(self, key: str, default: Any = None) -> Any:
        value = self._k.value(("setting", key))
        return super().get(key, default) if value is MISSING else value

    def set(self, key: str, value: Any) -> None:
        if isinstance(self._k.now(lambda: super(KeptSettings, self).set(key, value)), Later):
            self._k.keep(("setting", key), value, lambda: SettingsRepo.set(self, key, value), SettingChanged(key))

    def all(self) -> dict[str, Any]:
        found = super().all()
        found.update({k[1]: v for k, v in self._k.of("setting")})
        return found


class KeptLearner(LearnerRepo):
    def __init__(self, *args: Any, keeping: Keeping, ts: Stamp):
        super().__init__(*args)
        self._k, self._ts = keeping, ts

    def add(self, service_id: str, text: str, qid: str | None = None) -> str:
        added = self._k.now(lambda: super(KeptLearner, self).add(service_id, text, qid))
        if not isinstance(added, Later):
            return added
        new = LEARNER_PREFIX + os.urandom(5).hex()
        kept = LearnerQuestion(new, service_id, text, self._ts())
        self._k.keep(
            ("learner", new, "add"),
            kept,
            lambda: LearnerRepo.add(self, service_id, text, new),
            LearnerQuestionsChanged(new),
        )
        return new

    def update(self, qid: str, text: str) -> None:
        if isinstance(self._k.now(lambda: super(KeptLearner, self).update(qid, text)), Later):
            self._k.keep(
                ("learner", qid, "text"),
                (text, self._ts()),
                lambda: LearnerRepo.update(self, qid, text),
                LearnerQuestionsChanged(qid),
            )

    def delete(self, qid: str) -> None:
        if isinstance(self._k.now(lambda: super(KeptLearner, self).delete(qid)), Later):
            events = (LearnerQuestionsChanged(qid), QuestionChanged(qid))
            self._k.keep(("learner", qid, "text"), None, lambda: LearnerRepo.delete(self, qid), *events)

    def all(self) -> list[LearnerQuestion]:
        found = {q.id: q for q in super().all()}
        for key, value in self._k.of("learner"):
            qid, what = key[1], key[2]
            if what == "add":
                found.setdefault(qid, value)
            elif value is None:
                found.pop(qid, None)
            elif qid in found:
                found[qid] = replace(found[qid], text=value[0], updated_at=value[1])
        return list(found.values())


class KeptAttempts(AttemptRepo):
    """Answers, flags, progress and the end of an exam are kept; a new attempt cannot be (it
    needs the file's id): starting one on a full disk raises ``WriteFailed``."""

    def __init__(self, *args: Any, keeping: Keeping, ts: Stamp):
        super().__init__(*args)
        self._k, self._ts = keeping, ts

    def _kept(self, key: tuple[Any, ...], value: Any, replay: Callable[[], object], attempt_id: int) -> bool:
        self._k.keep(key, value, replay, AttemptChanged(attempt_id))
        return True

    def create(self, *args: Any, **kwargs: Any) -> int:
        made = self._k.now(lambda: super(KeptAttempts, self).create(*args, **kwargs))
        if isinstance(made, Later):
            reason = self._k.pending.reason
            raise WriteFailed(f"cannot save a new exam attempt: {reason}", reason)
        return made

    def write_answer(
        self, attempt_id: int, qid: str, time_used_s: float, column: str, value: object, also: Also = None
    ) -> bool:
        """(``also``, the answer's review, is kept and replayed with it: it runs in the same
        transaction when the answer lands.)"""
        write = super().write_answer
        saved = self._k.now(lambda: write(attempt_id, qid, time_used_s, column, value, also))
        if not isinstance(saved, Later):
            return saved
        replay = lambda: AttemptRepo.write_answer(self, attempt_id, qid, time_used_s, column, value, also)  # noqa: E731
        return self._kept(("attempt", attempt_id, qid, column), (value, time_used_s), replay, attempt_id)

    def save_progress(self, attempt_id: int, time_used_s: float, position: int | None = None) -> bool:
        saved = self._k.now(lambda: super(KeptAttempts, self).save_progress(attempt_id, time_used_s, position))
        if not isinstance(saved, Later):
            return saved
        replay = lambda: AttemptRepo.save_progress(self, attempt_id, time_used_s, position)  # noqa: E731
        return self._kept(("attempt", attempt_id, "progress"), (time_used_s, position), replay, attempt_id)

    def finish(
        self,
        attempt_id: int,
        status: str,
        result: dict,
        time_used_s: float,
        summary: dict | None = None,
        also: Also = None,
    ) -> bool:
        finish = super().finish
        saved = self._k.now(lambda: finish(attempt_id, status, result, time_used_s, summary, also))
        if not isinstance(saved, Later):
            return saved
        replay = lambda: AttemptRepo.finish(self, attempt_id, status, result, time_used_s, summary, also)  # noqa: E731
        end = (AttemptStatus(status), result, time_used_s, self._ts())
        return self._kept(("attempt", attempt_id, "end"), end, replay, attempt_id)

    def abandon(self, attempt_id: int) -> bool:
        saved = self._k.now(lambda: super(KeptAttempts, self).abandon(attempt_id))
        if not isinstance(saved, Later):
            return saved
        end = (AttemptStatus.ABANDONED, None, 0.0, self._ts())
        return self._kept(
            ("attempt", attempt_id, "end"), end, lambda: AttemptRepo.abandon(self, attempt_id), attempt_id
        )

    def _overlay(self, a: Attempt) -> Attempt:
        kept = list(self._k.of("attempt", a.id))
        if not kept:
            return a
        answers, flags, used, position = dict(a.answers), set(a.flags), a.time_used_s, a.position
        status, result, finished_at = a.status, a.result, a.finished_at
        for key, value in kept:
            what = key[2:]
            if what == ("progress",):
                used, position = max(used, value[0]), position if value[1] is None else value[1]
            elif what == ("end",):
                status, result, finished_at = value[0], value[1] if value[1] is not None else result, value[3]
                used = max(used, value[2])
            else:
                (qid, column), (chosen, seconds) = what, value
                used = max(used, seconds)
                if column == "selected":
                    answers.pop(qid, None)
                    if chosen:
                        answers[qid] = list(chosen)
                elif chosen:
                    flags.add(qid)
                else:
                    flags.discard(qid)
        return replace(
            a, answers=answers, flags=flags, time_used_s=used, position=position, status=status, result=result,
            finished_at=finished_at,
        )  # fmt: skip

    def one(self, attempt_id: int) -> Attempt:
        return self._overlay(super().one(attempt_id))

    def all(self, include_answers: bool = True) -> list[Attempt]:
        return [self._overlay(a) for a in super().all(include_answers)]

    def in_progress(self) -> Attempt | None:
        found = super().in_progress()  # (read through ``one``: with what is kept)
        return found if found is not None and found.status == AttemptStatus.IN_PROGRESS else None


class KeptLeases(LeaseRepo):
    """A lease is a courtesy between windows: on a full disk this window keeps going as holder."""

    def __init__(self, *args: Any, keeping: Keeping):
        super().__init__(*args)
        self._k = keeping

    def acquire(self, attempt_id: int, *, force: bool = False) -> LeaseHolder | None:
        got = self._k.now(lambda: super(KeptLeases, self).acquire(attempt_id, force=force))
        return None if isinstance(got, Later) else got

    def renew(self, attempt_id: int) -> bool:
        renewed = self._k.now(lambda: super(KeptLeases, self).renew(attempt_id))
        return True if isinstance(renewed, Later) else renewed

    def release(self, attempt_id: int) -> None:
        self._k.now(lambda: super(KeptLeases, self).release(attempt_id))


class KeptReviews(ReviewRepo):
    """Review-mode grades a full disk cannot take: kept in order, each saved later as made (at
    its own time). Until then the queue leaves the item out (it is back once the grade is saved
    and comes due), the day's limits count the grade, and ``u`` can take it back."""

    def __init__(self, *args: Any, keeping: Keeping):
        super().__init__(*args)
        self._k = keeping
        self._kept_n = 0
        self._replaying: int | None = None  # the kept grade being saved: its own event sees it saved

    def grade(
        self, kind: str, qid: str, rating: int, *, duration_ms: int | None = None, at: datetime | None = None
    ) -> Graded:
        kind, rating = check_grade(kind, qid, rating, duration_ms)  # (here too: a kept grade is not checked)
        when = at or self._db.now()
        got = self._k.now(partial(ReviewRepo.grade, self, kind, qid, rating, duration_ms=duration_ms, at=when))
        if not isinstance(got, Later):
            return got
        first = super().card(kind, qid) is None and (kind, qid) not in self._held()
        due = when + self.preview(kind, qid, when)[rating]
        self._kept_n = n = self._kept_n + 1
        save = partial(self._save_kept, n, kind, qid, rating, duration_ms, when)
        self._k.keep(("review", n), (kind, qid, rating, when, due, first), save, ReviewChanged(kind, qid))
        self._undo.append((-n, None))  # (a negative id: a grade still in memory)
        return Graded(-n, kind, qid, rating, when, due)

    def _save_kept(self, n: int, kind: str, qid: str, rating: int, duration_ms: int | None, when: datetime) -> None:
        self._replaying = n
        try:
            ReviewRepo.grade(self, kind, qid, rating, duration_ms=duration_ms, at=when)
        finally:
            self._replaying = None
        saved = self._undo.pop()  # the saved grade takes the kept one's place for u (grades newer stay above)
        try:
            self._undo[self._undo.index((-n, None))] = saved
        except ValueError:
            self._undo.append(saved)

    def _undo_one(self, log_id: int, before: tuple | None) -> Graded | None:
        if log_id >= 0:
            return super()._undo_one(log_id, before)
        value = self._k.forget(("review", -log_id))
        if value is MISSING:
            return None
        kind, qid, rating, when, due, _first = value
        return Graded(log_id, kind, qid, rating, when, due)

    def _kept(self) -> list[tuple]:
        """The grades kept in memory (not the one being saved): (kind, qid, rating, at, due, first)."""
        return [v for key, v in self._k.of("review") if key[1] != self._replaying]

    def _held(self) -> set[tuple[str, str]]:
        return {(v[0], v[1]) for v in self._kept()}

    def due(self, before: datetime, *, limit: int | None = None, kind: str | None = None) -> list[ReviewCard]:
        held = self._held()
        if not held:
            return super().due(before, limit=limit, kind=kind)
        cards = super().due(before, limit=None if limit is None else limit + len(held), kind=kind)
        cards = [c for c in cards if (c.kind, c.qid) not in held]
        return cards if limit is None else cards[:limit]

    def due_count(self, before: datetime) -> int:
        held = [super(KeptReviews, self).card(*item) for item in self._held()]
        return super().due_count(before) - sum(1 for c in held if c is not None and c.due < before)

    def next_due(self, after: datetime | None = None) -> datetime | None:
        """As saved, and the due times the kept grades give (a held card's saved due time has
        passed: it was due). ``after`` None counts a held card's old due time too."""
        found = [d for d in (super().next_due(after), *(v[4] for v in self._kept())) if d is not None]
        found = [d for d in found if after is None or d >= after]
        return min(found, default=None)

    def own_new(self) -> list[str]:
        held = self._held()
        return [q for q in super().own_new() if ("own", q) not in held]

    def done_since(self, since: datetime) -> tuple[int, int]:
        new, reviews = super().done_since(since)
        for _kind, _qid, _rating, when, _due, first in self._kept():
            if when >= since:
                new, reviews = new + int(first), reviews + int(not first)
        return new, reviews
