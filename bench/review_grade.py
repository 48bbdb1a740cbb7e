"""Review mode: a grade -> the next item on screen (the last frame it causes).

    .venv/bin/python bench/review_grade.py [--quick] [--runs N] [--due N] [--own N]

In-process, ``App.run_test`` (headless, 120x36) on a temp data dir with the bundled content and a
learner's queue: ``--due`` exam questions (default 300) graded Again a day ago (all due now) and
``--own`` open questions answered in writing (default 100: the bundled ones and the learner's own;
new cards, their answers one to four lines), the daily limits raised
so none of them is held back. Review mode is opened (``ExamView.open_review``), then each run
times, to the last frame rendered (``_benchutil.FrameWatch``):
  * exam, grade: the right option then enter pressed (Pilot): the grade is saved (a commit with
    fsync), the queue rebuilt, the feedback and the explanation shown;
  * exam, next: enter on the feedback: the next question on screen;
  * own card, grade: ``3`` (Good) pressed on a card's back (shown untimed): the grade saved, the
    queue rebuilt and the next card on screen — the issue's "grade -> next item";
and, without a frame, the queue rebuild (``review_queue``) and the four intervals
(``store.reviews.preview``) alone. Reference, same app, same run: a one-line ``Static.update(..., layout=False)``
above the review (its own frame). Target: one frame per grade. Not a test; never fails on speed.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from _benchutil import FrameWatch, Noise, median, p95, print_table

SIZE = (120, 36)


def make_queue(folder: Path, library, due: int, own: int) -> None:
    from awstui.state import open_store

    yesterday = datetime.now(UTC) - timedelta(days=1)
    with open_store(folder, now=lambda: yesterday, backup=False) as store:
        for q in [q for q in library.exam if not q.is_multi][:due]:
            store.reviews.grade("exam", q.id, 1)
    with open_store(folder, backup=False) as store:
        ids = [q.id for q in library.questions[:own]]
        services = [s.id for s in library.services]
        for n in range(own - len(ids)):  # the bundled open questions are few: the learner's own too
            ids.append(store.add_question(services[n % len(services)], f"My own question {n}: why does it work?"))
        for n, qid in enumerate(ids):
            store.save_answer(qid, f"My answer {n}: a paragraph or two of notes, some longer.\n" * (1 + n % 4))
        store.set_setting("review.new_per_day", 9999)
        store.set_setting("review.reviews_per_day", 9999)


async def run(runs: int, due: int, own: int) -> tuple[dict, dict]:
    from rich.text import Text
    from textual.widgets import Static

    from awstui.content import load_library
    from awstui.content.models import OPTION_KEYS
    from awstui.exam.review_queue import review_queue
    from awstui.paths import content_dirs
    from awstui.state import open_store
    from awstui.tui.app import AwsTuiApp

    folder = Path(tempfile.mkdtemp(prefix="awstui-bench-review-"))
    library = load_library(content_dirs(folder))
    make_queue(folder, library, due, own)
    store = open_store(folder, backup=False)
    times: dict[str, list] = {k: [] for k in ("exam_grade", "exam_next", "own_grade", "floor", "queue", "preview")}
    info: dict = {}
    try:
        app = AwsTuiApp(library, store, poll_external=False)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            watch = FrameWatch(app.screen)
            exam = await app.ensure_view("exam")
            await app.action_show_view("exam")
            exam.open_review()
            review = exam.query_one("#exam-review-mode")
            floor = Static(id="bench-floor")
            await review.mount(floor, before=0)
            await watch.settle()
            info["queue"] = len(review.queue.items)
            bank = {q.id: q for q in library.exam}
            for i in range(runs):
                q = bank[review.item.qid]
                key = OPTION_KEYS[min(q.correct_indices)]
                times["exam_grade"].append(await watch.time(lambda key=key: pilot.press(key, "enter")))
                assert review.revealed and review.graded is not None
                times["exam_next"].append(await watch.time(lambda: pilot.press("enter")))
                times["floor"].append(await watch.time(lambda i=i: floor.update(Text(f"reference {i}"), layout=False)))
                known = review._known
                start = time.perf_counter()
                review_queue(store, known=known)
                times["queue"].append((time.perf_counter() - start) * 1000)
                start = time.perf_counter()
                store.reviews.preview(review.item.kind, review.item.qid)
                times["preview"].append((time.perf_counter() - start) * 1000)
            if review.item.kind == "exam":  # the rest of the due questions, untimed
                for qid in [c.qid for c in store.reviews.due(datetime.now(UTC))]:
                    store.reviews.grade("exam", qid, 3)
                review.next_item()
                await watch.settle()
            for _ in range(runs):
                assert review.item is not None and review.item.kind == "own"
                await pilot.press("space")
                await watch.settle()
                before = review.item.qid
                times["own_grade"].append(await watch.time(lambda: pilot.press("3")))
                assert review.item is not None and review.item.qid != before
            info["screen"] = watch.visible()
    finally:
        store.close()
        shutil.rmtree(folder, ignore_errors=True)
    return times, info


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="5 runs instead of 20")
    parser.add_argument("--runs", type=int, default=None)
    parser.add_argument("--due", type=int, default=300, help="exam questions due (default 300)")
    parser.add_argument("--own", type=int, default=100, help="own new cards (default 100)")
    args = parser.parse_args(argv)
    runs = args.runs or (5 if args.quick else 20)
    noise = Noise()
    times, info = asyncio.run(run(runs, max(args.due, runs + 1), max(args.own, runs + 1)))

    ref = median([w for w, _, _ in times["floor"]])
    rows = []
    for key, label in (
        ("own_grade", "own card: 3 (Good) on its back -> next card"),
        ("exam_grade", "exam question: option + enter -> graded, feedback"),
        ("exam_next", "exam question: enter on the feedback -> next question"),
        ("floor", "reference: one-line Static repaint (no layout) -> frame"),
    ):
        w, c, f = ([x[n] for x in times[key]] for n in range(3))
        rows.append(
            [
                label,
                len(w),
                f"{median(w):.1f}",
                f"{p95(w):.1f}",
                f"{median(c):.1f}",
                f"{max(f)}",
                f"{median(w) / ref:.2f}",
            ]
        )
    for key, label in (("queue", "  review_queue rebuild alone"), ("preview", "  store.reviews.preview alone")):
        t = times[key]
        rows.append([label, len(t), f"{median(t):.2f}", f"{p95(t):.2f}", "", "", f"{median(t) / ref:.2f}"])
    print(
        f"review grade -> next item benchmark: {runs} runs each; queue of {info['queue']} items at the start; "
        f"headless {SIZE[0]}x{SIZE[1]}"
    )
    print_table(
        "to the last frame, wall ms (cpu = process CPU ms in that window; frames = the most any run took; "
        "x ref = ratio of medians to the one-line Static, same run)",
        ["what", "n", "median ms", "p95 ms", "cpu ms", "frames", "x ref"],
        rows,
    )
    one = all(x[2] == 1 for k in ("own_grade", "exam_next") for x in times[k])
    print(f"target: one frame per grade -> next item: {'met' if one else 'NOT met'}")
    print(noise.report())
    return 0


if __name__ == "__main__":
    sys.exit(main())
