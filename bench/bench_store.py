"""Store writes and reads: median and p95 in milliseconds, at 1x and 100x a learner's state.

    python bench/bench_store.py [--reps 500] [--dir DIR]

1x is a learner who has done everything once with the bundled content (19 open questions
ticked and answered, 25 services reviewed and annotated, 10 finished 65-question exams); 100x
is a hundred times that. Every timing is also given as a ratio to a reference measured in the
same run on the same disk: a bare ``sqlite3`` upsert + commit with the same pragmas (WAL,
``synchronous=FULL``). These machines are noisy: read the ratios. Not a test; never fails.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

QUESTIONS, SERVICES, EXAMS, EXAM_SIZE = 19, 25, 10, 65


def _ts(i: int) -> str:
    return f"2026-01-01T00:{(i // 60) % 60:02d}:{i % 60:02d}.{i % 1000000:06d}Z"


def _state(scale: int) -> dict:
    """An export with ``scale`` times a full learner's state (bulk-loaded through import_state)."""
    questions = {
        f"q{i}": {"answered": True, "answered_at": _ts(i), "answer": "An answer. " * 20, "answer_updated_at": _ts(i)}
        for i in range(QUESTIONS * scale)
    }
    services = {
        f"svc{i}": {
            "reviewed": True,
            "reviewed_at": _ts(i),
            "review_count": 1,
            "annotation": "Note. " * 10,
            "annotation_updated_at": _ts(i),
        }
        for i in range(SERVICES * scale)
    }
    attempts = []
    for n in range(EXAMS * scale):
        qids = [f"e{n}-{j}" for j in range(EXAM_SIZE)]
        attempts.append(
            {
                "uid": f"bench-{n}",
                "mode": "full",
                "config": {"seed": n},
                "question_ids": qids,
                "option_orders": {q: [2, 0, 3, 1] for q in qids},
                "answers": {
                    q: {"selected": [j % 4], "flagged": j % 7 == 0, "updated_at": _ts(j)} for j, q in enumerate(qids)
                },
                "position": 64,
                "time_used_s": 5000.0,
                "time_allowed_s": 7800.0,
                "status": "submitted",
                "result": {"percent": 70.0, "correct": 45, "total": 65},
                "started_at": _ts(n),
                "finished_at": _ts(n + 1),
                "updated_at": _ts(n + 1),
            }
        )
    return {
        "format": "awstui-state",
        "version": 1,
        "questions": questions,
        "services": services,
        "settings": {"theme": {"value": "nord", "updated_at": _ts(0)}},
        "attempts": attempts,
    }


def _time(fn, reps: int) -> list[float]:
    out = []
    for i in range(reps):
        start = time.perf_counter()
        fn(i)
        out.append((time.perf_counter() - start) * 1000)
    return out


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) >= 20 else max(values)


def _reference(folder: Path, reps: int) -> list[float]:
    conn = sqlite3.connect(folder / "reference.db", isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER, at TEXT)")

    def upsert(i: int) -> None:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(
            "INSERT INTO t VALUES (?, ?, ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v", (f"k{i % 50}", i, _ts(i))
        )
        conn.execute("COMMIT")

    times = _time(upsert, reps)
    conn.close()
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reps", type=int, default=500)
    parser.add_argument("--dir", type=Path, default=None, help="where to put the databases (default: temp)")
    args = parser.parse_args(argv)

    from awstui.state import Store, open_store

    folder = Path(tempfile.mkdtemp(prefix="awstui-bench-", dir=args.dir))
    rng = random.Random(1)
    reference = _reference(folder, args.reps)
    ref_median = statistics.median(reference)
    rows = [("reference: bare sqlite3 upsert+commit", "-", reference)]

    for scale in (1, 100):
        data_dir = folder / f"x{scale}"
        store = open_store(data_dir)
        started = time.perf_counter()
        store.import_state(_state(scale))
        load_s = time.perf_counter() - started
        store.close()
        n_questions = QUESTIONS * scale

        opened = _time(lambda i: open_store(data_dir, backup=False).close(), 20)
        store = open_store(data_dir, backup=False)
        other = Store(store.path)
        aid = store.create_attempt(
            "full", {}, [f"x{j}" for j in range(EXAM_SIZE)], {f"x{j}": [0, 1, 2, 3] for j in range(EXAM_SIZE)}, 7800
        )
        tag = f"{scale}x"
        rows += [  # reads first, while the state is still exactly its size
            ("question_states() (read all)", tag, _time(lambda i: store.question_states(), 100)),
            ("attempts() (read all, with answers)", tag, _time(lambda i: store.attempts(), 10)),
            ("attempts(include_answers=False)", tag, _time(lambda i: store.attempts(include_answers=False), 10)),
            ("open_store (with integrity_check)", tag, opened),
            ("poll_external (nothing new)", tag, _time(lambda i: store.poll_external(), args.reps)),
            (
                "poll_external (after another commit)",
                tag,
                _time(lambda i: (other.set_setting("k", i), store.poll_external()), 100),
            ),
            (
                "tick a question (toggle_question)",
                tag,
                _time(lambda i: store.toggle_question(f"q{rng.randrange(n_questions)}"), args.reps),
            ),
            ("tick_question, new question", tag, _time(lambda i: store.tick_question(f"new{i}"), args.reps)),
            (
                "save_answer (500 chars)",
                tag,
                _time(lambda i: store.save_answer(f"q{rng.randrange(n_questions)}", f"{i} " + "y" * 500), args.reps),
            ),
            (
                "record_exam_answer",
                tag,
                _time(lambda i: store.record_exam_answer(aid, f"x{i % EXAM_SIZE}", [i % 4], float(i)), args.reps),
            ),
        ]
        other.close()
        store.close()
        size_kib = (data_dir / "state.db").stat().st_size / 1024
        print(
            f"{tag}: {n_questions} questions, {SERVICES * scale} services, {EXAMS * scale} exams; "
            f"bulk import {load_s:.2f} s; state.db {size_kib:,.0f} KiB",
            file=sys.stderr,
        )

    print(f"\nstore benchmark ({args.reps} repetitions, {folder})")
    print(f"{'operation':<40} {'size':>5} {'median ms':>10} {'p95 ms':>9} {'x ref':>7}")
    for name, tag, times in rows:
        median = statistics.median(times)
        print(f"{name:<40} {tag:>5} {median:>10.3f} {_p95(times):>9.3f} {median / ref_median:>7.2f}")
    import shutil

    shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
