"""The app's start seeds the scheduler from past exam answers once, in a worker thread."""

from __future__ import annotations

from awstui.cli.app import seed_reviews_later
from awstui.state import open_store


def test_the_seed_runs_in_a_worker_thread_only_when_pending(data_dir):
    with open_store(data_dir) as store:
        assert seed_reviews_later(store) is None  # a fresh store: nothing to seed
        aid = store.create_attempt("full", {}, ["q1"], {}, 60)
        store.finish_attempt(aid, "submitted", {"outcomes": [{"qid": "q1", "kind": "correct"}]}, 30)
        store._conn.execute("INSERT INTO meta (key, value) VALUES ('seed_pending', '1')")  # as the v5 upgrade
        events, told = [], []
        store.subscribe(events.append)
        thread = seed_reviews_later(store, told.append)
        assert thread is not None and thread.daemon
        thread.join(timeout=30)
        assert not store.reviews.seed_pending() and store.reviews.card("exam", "q1").reps == 1
        assert told == [1] and events == []  # no subscriber is called from the worker thread


def test_nothing_to_seed_imports_no_exam_engine(data_dir):
    """The seed is checked before the settled first frame: with nothing to seed, the exam
    engine (its import is ~15 ms) waits for its first real use."""
    import subprocess
    import sys

    code = (
        "import sys; from awstui.cli.app import seed_reviews_later; from awstui.state import open_store\n"
        f"store = open_store({str(data_dir)!r}); assert seed_reviews_later(store) is None; store.close()\n"
        "print(sorted(m for m in sys.modules if m.startswith('awstui.exam')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
