"""How data/state-v1.sql was made: run with the release before schema v2 on the path (PYTHONPATH=<its src>),
then `iterdump` the file and append `PRAGMA user_version = 1;`. Kept as a record, not run by the tests."""

import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from awstui.content import load_library
from awstui.exam import ManualClock, full_exam_config
from awstui.exam.session import ExamSession
from awstui.paths import bundled_content_dir
from awstui.state import SCHEMA_VERSION, open_store

assert SCHEMA_VERSION == 1
t = [datetime(2026, 10, 1, 9, 0, tzinfo=UTC)]


def now():
    t[0] += timedelta(seconds=7)
    return t[0]


lib = load_library([bundled_content_dir()])
bank = lib.exam
store = open_store(Path(sys.argv[1]), now=now, backup=False)
store.tick_question(lib.questions[0].id)
store.save_answer(lib.questions[0].id, "Use a VPC endpoint.")
store.mark_reviewed(lib.services[0].id)
store.save_annotation(lib.services[0].id, "retries with backoff")
store.set_setting("view", "progress")
for seed, every in ((1, 1), (2, 3)):
    session = ExamSession.start(bank, full_exam_config(seed=seed), clock=ManualClock())
    aid = store.create_attempt(
        session.mode if hasattr(session, "mode") else "full",
        {"seed": seed},
        [q.id for q in session.questions],
        {},
        7800,
    )
    for i in range(0, len(session), every):
        session.choose(0, at=i)
        q = session.questions[i]
        store.record_exam_answer(aid, q.id, session.answers.get(q.id, []), float(i))
    fin = session.submit()
    store.finish_attempt(aid, fin.status, fin.result.to_dict(), fin.time_used_s)
running = store.create_attempt("full", {"seed": 3}, [bank[0].id, bank[1].id], {}, 7800)
store.record_exam_answer(running, bank[0].id, [1], 12.0)
store.close()
