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


def test_a_store_closed_while_the_seed_replays_leaves_it_pending(data_dir, monkeypatch):
    """The app's exit closes the store after waiting at most 30 s for the seed. A close in the
    middle of the replay (which runs outside the store's lock) waits for no transaction and
    breaks none: the seed's write finds the store closed, the worker ends quietly, and the
    next start seeds again."""
    import threading

    from awstui.exam import reviews

    with open_store(data_dir) as store:
        aid = store.create_attempt("full", {}, ["q1"], {}, 60)
        store.finish_attempt(aid, "submitted", {"outcomes": [{"qid": "q1", "kind": "correct"}]}, 30)
        store._conn.execute("INSERT INTO meta (key, value) VALUES ('seed_pending', '1')")
    replaying, closed = threading.Event(), threading.Event()
    real = reviews.history_answers

    def slow(results):
        replaying.set()
        closed.wait(10)  # the store is closed meanwhile
        return real(results)

    monkeypatch.setattr(reviews, "history_answers", slow)
    failures: list[BaseException] = []
    monkeypatch.setattr(threading, "excepthook", lambda args: failures.append(args.exc_value))
    store = open_store(data_dir)
    told: list[int] = []
    thread = seed_reviews_later(store, told.append)
    assert thread is not None and replaying.wait(10)
    store.close()
    closed.set()
    thread.join(timeout=30)
    assert not thread.is_alive() and failures == [] and told == []
    with open_store(data_dir) as again:
        assert again.reviews.seed_pending()


def test_a_start_that_stops_before_the_window_gives_up_the_content_on_its_way(tmp_path, monkeypatch, capsys):
    """A store that cannot be opened stops the start: the content parse begun beside it (a
    forked child) is given up, not left running with its pipe open."""
    import argparse

    from awstui.cli import app as cli_app
    from awstui.state import StoreError

    calls: list[str] = []

    class Spy:
        def take(self):
            calls.append("take")

        def close(self):
            calls.append("close")

    monkeypatch.setattr(cli_app, "content_beside", lambda *a: Spy())

    def refuse(data_dir):
        raise StoreError("the store cannot be opened")

    monkeypatch.setattr(cli_app, "open_for_app", refuse)
    args = argparse.Namespace(data_dir=str(tmp_path / "data"), content=[], config=None)
    assert cli_app.run_tui(args) == 1
    assert calls == ["close"] and "the store cannot be opened" in capsys.readouterr().err
