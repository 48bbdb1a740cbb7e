"""Spaced repetition: what a year of reviews costs, and the one-time seeding from past exams.

    .venv/bin/python bench/reviews.py [--quick] [--reps N]

1. Seeding: 730 finished full exams (65 questions each, one a day) in a database upgraded to
   schema v5, replayed into FSRS once (``exam.reviews.seed_from_history``): reading the results,
   the replay and the batch write, against reading the results alone (the same run).
2. A year of reviews (365 days x 60, through the real scheduler) at 1x and 100x content: the
   due count for today (``review_queue.due_today``), the review queue, readiness
   (``exam.readiness.readiness``) over the whole bank, medians and p95 over many repetitions,
   against opening the store (what every start pays anyway).
3. Start-up: process start -> first settled frame (the real entry point, headless), with a
   year of reviews vs the same data dir without them, interleaved; then the same opening on
   the Progress view (its plan counts the reviews due, its calendar the year's grades).

Readiness is kept in the derived cache (basis: the reviews, the bank, the day): "cached" is
what a view pays until the next grade (with a kept ``area_index`` of the bank; "from the bank":
the bank's ids are checksummed on each call); "computed" after a change.

Targets: the due count and cached readiness each <= 0.5x a store open at 100x content; start-up with
a year of reviews <= 1.05x without, on Progress <= 1.2x (bench/startup.py's own target, vs a bare app, is unchanged
by this). Never fails on speed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from _benchutil import Noise, median, met, p95, print_table
from gen_content import bundled_library, multiply

QUERY_TARGET = 0.5
START_TARGET = 1.05
PROGRESS_TARGET = 1.2  # the Progress view's first draw with the learning loop's figures vs without

CHILD = r"""
import json, sys, time
data_dir, out_path = sys.argv[1], sys.argv[2]


def settled(app, tries):
    s = app.screen
    if tries < 100 and (s._layout_required or s._repaint_required or s._dirty_widgets or s._callbacks):
        app.call_after_refresh(settled, app, tries + 1)
        return
    with open(out_path, "w") as f:
        json.dump({"t": time.monotonic()}, f)
    app.exit(0)


from awstui.cli import main
from awstui.tui.app import AwsTuiApp

original_run, original_ready = AwsTuiApp.run, AwsTuiApp.on_ready
AwsTuiApp.run = lambda self, *a, **k: original_run(self, headless=True, size=(120, 36))


def on_ready(self):
    original_ready(self)
    self.call_after_refresh(settled, self, 0)


AwsTuiApp.on_ready = on_ready
sys.exit(main(["--data-dir", data_dir]))
"""


def _ts(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def history_store(path: Path, n: int, bank) -> None:
    """``n`` finished full exams of 65 questions, one a day, as a v4 database left them (plus the
    v5 upgrade's ``seed_pending`` mark)."""
    from awstui.exam import score_answers
    from awstui.state import Store

    rng = random.Random(5)
    start = datetime.now(UTC) - timedelta(days=n)
    rows = []
    for i in range(n):
        drawn = rng.sample(bank, 65)
        answers = {
            q.id: sorted(q.correct_indices) if rng.random() < 0.7 else [rng.randrange(len(q.options))] for q in drawn
        }
        result = score_answers(drawn, answers, (), 5000.0).to_dict()
        at = _ts(start + timedelta(days=i))
        qids = json.dumps([q.id for q in drawn])
        rows.append((f"{i:032d}", "full", "{}", qids, "{}", "submitted", json.dumps(result), at, at, at))
    with Store(path) as store:
        store._conn.executemany(
            "INSERT INTO attempt (uid, mode, config, question_ids, option_orders, status, result, started_at, "
            "finished_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        store._conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('seed_pending', '1')")


def bench_seed(root: Path, reps: int) -> list[list[object]]:
    from awstui.exam.reviews import history_answers, seed_from_history
    from awstui.state import Store

    bank = list(bundled_library().exam)
    template = root / "history.db"
    history_store(template, 730, bank)
    seed_ms, read_ms, added = [], [], 0
    for r in range(reps):
        path = root / f"seed-{r}.db"
        shutil.copy(template, path)
        with Store(path) as store:
            t0 = time.perf_counter()
            history_answers(store.attempt_results())
            read_ms.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            added = seed_from_history(store)
            seed_ms.append((time.perf_counter() - t0) * 1000)
        path.unlink()
    ratio = median(seed_ms) / median(read_ms)
    return [
        [f"seed 730 exams ({added} answers)", f"{median(seed_ms):.0f}", f"{p95(seed_ms):.0f}", f"{ratio:.1f}x"],
        ["  reference: read the results", f"{median(read_ms):.0f}", f"{p95(read_ms):.0f}", "1.0x"],
    ]


def year_of_reviews(path: Path, bank, days: int = 365, per_day: int = 60) -> None:
    """A learner reviewing ``per_day`` questions a day for ``days`` days, through FSRS: mostly
    what is due, else new questions; right 75 % of the time."""
    from awstui.exam.reviews import rating_for
    from awstui.state import Store

    rng = random.Random(11)
    start = datetime.now(UTC) - timedelta(days=days)
    answers = []
    seen: list[str] = []
    for day in range(days):
        for k in range(per_day):
            qid = rng.choice(seen) if seen and rng.random() < 0.7 else rng.choice(bank).id
            seen.append(qid)
            at = start + timedelta(days=day, minutes=k)
            answers.append((qid, rating_for(rng.random() < 0.75), at, "review"))
    with Store(path) as store:
        store._conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('seed_pending', '1')")
        store.reviews.seed(answers)


def _timed(fn, reps: int, before=None) -> list[float]:
    out = []
    for _ in range(reps):
        if before is not None:
            before()
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def bench_queries(root: Path, factor: int, reps: int) -> list[list[object]]:
    from awstui.exam.readiness import area_index, readiness
    from awstui.exam.review_queue import due_today, review_queue
    from awstui.state import Store

    bank = list(multiply(bundled_library(), factor).exam)
    path = root / f"year-{factor}.db"
    year_of_reviews(path, bank)
    opens = _timed(lambda: Store(path).close(), max(5, reps // 10))
    with Store(path) as store:
        cards = store._conn.execute("SELECT COUNT(*) FROM review_card").fetchone()[0]
        rows = []
        index = area_index(bank)

        def forget() -> None:
            store._conn.execute("DELETE FROM derived")

        for name, fn, before in (
            ("due count today", lambda: due_today(store), None),
            ("review queue", lambda: review_queue(store), None),
            ("readiness (cached)", lambda: readiness(store, index), None),
            ("readiness (cached, from the bank)", lambda: readiness(store, bank), None),
            ("readiness (computed, bank indexed)", lambda: readiness(store, index), forget),
            ("readiness (computed, from the bank)", lambda: readiness(store, bank), forget),
        ):
            ms = _timed(fn, reps, before)
            ratio = median(ms) / median(opens)
            ok = met(ratio <= QUERY_TARGET) if name in ("due count today", "readiness (cached)") else ""
            rows.append([f"{factor}x: {name}", f"{median(ms):.2f}", f"{p95(ms):.2f}", f"{ratio:.2f}x", ok])
    label = f"{factor}x: reference: store open ({len(bank)} questions, {cards} cards)"
    rows.append([label, f"{median(opens):.2f}", f"{p95(opens):.2f}", "1.00x", ""])
    return rows


def start_ms(data_dir: Path, root: Path) -> float:
    out = root / "start.json"
    out.unlink(missing_ok=True)
    env = dict(os.environ)
    env.pop("AWSTUI_DATA_DIR", None)
    t0 = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", CHILD, str(data_dir), str(out)], env=env, capture_output=True)
    if proc.returncode != 0 or not out.exists():
        raise SystemExit(f"start failed ({proc.returncode}):\n{proc.stderr.decode()[-2000:]}")
    return (json.loads(out.read_text())["t"] - t0) * 1000


def bench_start(root: Path, reps: int) -> list[list[object]]:
    bank = list(bundled_library().exam)
    with_dir, without_dir = root / "with", root / "without"
    with_dir.mkdir()
    year_of_reviews(with_dir / "state.db", bank)
    shutil.copytree(with_dir, without_dir)
    conn = sqlite3.connect(without_dir / "state.db")
    conn.executescript("DELETE FROM review_log; DELETE FROM review_card; VACUUM;")
    conn.close()
    start_ms(with_dir, root)  # warm the content cache
    rows = _start_rows("start", with_dir, without_dir, root, reps, START_TARGET)
    for d in (with_dir, without_dir):  # the same data, the app opening on Progress: its plan counts the due
        conn = sqlite3.connect(d / "state.db")
        conn.execute("INSERT OR REPLACE INTO setting (key, value, updated_at) VALUES ('last_view', '\"progress\"', ?)",
                     (_ts(datetime.now(UTC)),))  # fmt: skip
        conn.commit()
        conn.close()
    return rows + _start_rows("start on Progress", with_dir, without_dir, root, reps, PROGRESS_TARGET)


def _start_rows(
    what: str, with_dir: Path, without_dir: Path, root: Path, reps: int, target: float
) -> list[list[object]]:
    times: dict[str, list[float]] = {"with": [], "without": []}
    pair = [("with", with_dir), ("without", without_dir)]
    for rep in range(reps):
        for tag, d in pair if rep % 2 else pair[::-1]:  # (alternating which goes first)
            times[tag].append(start_ms(d, root))
    ratio = median(times["with"]) / median(times["without"])
    return [
        [f"{what}, a year of reviews", f"{median(times['with']):.0f}", f"{p95(times['with']):.0f}", f"{ratio:.2f}x",
         met(ratio <= target)],
        ["  reference: no reviews", f"{median(times['without']):.0f}", f"{p95(times['without']):.0f}", "1.00x", ""],
    ]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--reps", type=int, default=None)
    args = parser.parse_args()
    reps = args.reps or (20 if args.quick else 100)
    noise = Noise()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        seed_rows = bench_seed(root, 2 if args.quick else 5)
        print_table("Seeding from 730 past full exams (once, in a worker thread after the first frame)",
                    ["what", "median ms", "p95 ms", "ratio"], seed_rows)  # fmt: skip
        rows = bench_queries(root, 1, reps) + bench_queries(root, 100, reps)
        print_table(f"A year of reviews (365 x 60), target <= {QUERY_TARGET}x a store open",
                    ["what", "median ms", "p95 ms", "ratio", "target"], rows)  # fmt: skip
        start = bench_start(root, 3 if args.quick else 11)
        print_table(f"Start-up to the first frame, target <= {START_TARGET}x (on Progress <= {PROGRESS_TARGET}x)", ["what", "median ms", "p95 ms",
                    "ratio", "target"], start)  # fmt: skip
    print(noise.report())


if __name__ == "__main__":
    main()
