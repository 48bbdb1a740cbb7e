"""A fixed study session for snapshots and screenshots: same data, same clock, every run."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from awstui.content import load_library
from awstui.exam import ExamSession, custom_config
from awstui.paths import bundled_content_dir
from awstui.state import open_store
from awstui.tui.app import AwsTuiApp

SIZE = (120, 36)  # the screenshots' size
SIZES = ((60, 20), (80, 24), SIZE, (200, 60))  # the snapshots' sizes (tests/snapshots)
START = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


class FrozenUtc:
    """The store's clock: starts at START and moves one minute per reading."""

    def __init__(self) -> None:
        self.t = START

    def __call__(self) -> datetime:
        self.t += timedelta(minutes=1)
        return self.t


class FrozenMonotonic:
    def __init__(self, t: float = 10_000.0) -> None:
        self.t = t

    def __call__(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


def build_app(data_dir: Path, *, with_history: bool = True, utc: FrozenUtc | None = None) -> AwsTuiApp:
    """An app on ``data_dir`` with some progress: reviews, answers, an annotation, two exams.
    ``utc``: the store's clock (a caller that moves it on, to a day with reviews due)."""
    library = load_library([bundled_content_dir()])
    store = open_store(data_dir, now=utc or FrozenUtc(), backup=False)
    for sid in ("ec2", "lambda", "dynamodb", "vpc", "kms", "sqs", "cloudformation"):
        store.mark_reviewed(sid)
    for qid in ("vpc-1", "kss-1", "ps-1", "sf-1", "cd-1"):
        store.tick_question(qid)
    store.save_answer("vpc-1", "Yes: a VPC only reaches the internet through an internet gateway you attach.")
    store.save_answer("kss-1", "Kinesis keeps an ordered, replayable stream; SQS deletes each message once handled.")
    store.save_annotation("dynamodb", "RCU: 4 KB strongly consistent read per second; eventual = two of them.")
    store.add_question("lambda", "When does SnapStart help cold starts?")
    clock = FrozenMonotonic()
    if with_history:
        for seed, share in ((11, 0.55), (12, 0.7), (13, 0.8)):
            s = ExamSession.start(library.exam, custom_config(20, 40, seed=seed), clock=clock)
            aid = store.create_attempt(**s.to_record().create_kwargs())
            for i in range(int(len(s) * share)):
                q = s.question(i)
                keys = [o.key for o in s.view(i).options if o.original_index in q.correct_indices]
                s.answer(keys, at=i)
            clock.advance(1500)
            fin = s.submit()
            store.finish_attempt(aid, fin.status, fin.result.to_dict(), fin.time_used_s)
    store.set_setting("last_service", "dynamodb")
    store.set_setting("exam.date", "2027-01-15")  # Progress plans the days to it
    return AwsTuiApp(library, store, clock=clock, poll_external=False)
