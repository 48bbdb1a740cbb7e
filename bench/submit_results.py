"""Submit -> results: from the learner confirming the submit of a full exam to the results on screen.

    .venv/bin/python bench/submit_results.py [--quick] [--runs N]

In-process, ``App.run_test`` (headless, 120x36) on a temp data dir with the bundled content. Each
run starts a full 65-question exam (``ExamView.start_full_exam``), answers every other question
(33 of 65, straight into the session and the store, untimed), then times, to the last frame
rendered (see ``_benchutil.FrameWatch``):
  * submit: ``session.submit()`` + ``ExamView._finish`` (the store's ``finish_attempt``, reading the
    attempt back, the score table, the 65-line results review, the panel switch), as the Confirm
    dialog's callback does, with the frames that follow;
  * the same through the dialog: ``s`` opens the Confirm dialog (untimed), then ``y`` is pressed
    (Pilot) and timed from the key to the last frame (the dialog's pop repaints the view behind).
Also the synchronous part alone and ``store.finish_attempt`` alone (a commit with fsync).
Reference, same app, same run: showing the Study view's longest note (``StudyView._show``) to its
last frame, and a one-line ``Static.update`` to its frame. Not a test; never fails on speed.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import sys
import tempfile
import time
from pathlib import Path

from _benchutil import FrameWatch, Noise, median, p95, print_table

SIZE = (120, 36)


async def run(runs: int) -> tuple[dict, dict]:
    from rich.text import Text
    from textual.widgets import Static

    from awstui.content import load_library
    from awstui.paths import content_dirs
    from awstui.state import Store, open_store
    from awstui.tui.app import AwsTuiApp
    from awstui.tui.render import body_rows
    from awstui.tui.screens.modals import ConfirmScreen
    from awstui.tui.widgets.note_view import NoteView

    folder = Path(tempfile.mkdtemp(prefix="awstui-bench-submit-"))
    library = load_library(content_dirs(folder))
    store = open_store(folder)
    times: dict[str, list] = {k: [] for k in ("submit", "dialog", "sync", "finish_attempt", "note", "floor", "start")}
    others: list = []
    info: dict = {}
    try:
        app = AwsTuiApp(library, store, poll_external=False)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            screen = app.screen
            watch = FrameWatch(screen)
            exam = await app.ensure_view("exam")
            study = app.view("study")

            finish_attempt = app.store.finish_attempt

            def timed_finish_attempt(*a, **k):
                start = time.perf_counter()
                try:
                    return finish_attempt(*a, **k)
                finally:
                    times["finish_attempt"].append((time.perf_counter() - start) * 1000)

            app.store.finish_attempt = timed_finish_attempt  # an instance attribute: the store is untouched

            # reference: the Study view's longest note, and a one-line Static
            console = app.console
            note = app.query_one(NoteView)
            width, styles = note.scrollable_content_region.width, note._note_styles()
            by_lines = sorted(library.services, key=lambda s: len(body_rows(console, width, styles, s).strips))
            long, short = by_lines[-1], by_lines[0]
            title = Static(id="bench-floor")  # a one-line Static above the tree (mounted untimed)
            await app.query_one("#tree-pane").mount(title, before=0)
            await watch.settle()
            for i in range(runs * 2):
                target = long if i % 2 == 0 else short
                wall, cpu, n = await watch.time(lambda target=target: study._show(target.id))
                if target is long:
                    times["note"].append((wall, cpu, n))
                wall, cpu, n = await watch.time(
                    lambda text=f"{target.name} {i}": title.update(Text(text, style="bold"))
                )
                times["floor"].append((wall, cpu, n))

            await app.action_show_view("exam")
            await watch.settle()

            # The answers are written through a second connection: the app's store does not notify the
            # views of them (every notified change reloads every view: ~2 s of UI work for 33 answers).
            writer = Store(app.store.path)
            others.append(writer)

            async def start_and_answer():
                if exam.panel == "exam-results":
                    exam.action_back()
                    await watch.settle()
                times["start"].append(await watch.time(exam.start_full_exam))
                s = exam.session
                for i in range(0, len(s), 2):
                    s.goto(i)
                    change = s.choose(0)
                    if change is not None:
                        writer.record_exam_answer(exam.attempt_id, change.qid, change.selected, change.time_used_s)
                        s.mark_saved()
                s.goto(0)
                exam.render_question()
                await watch.settle()
                return s

            for n in range(runs):
                # 1. the Confirm dialog's callback, as ExamView.action_submit's `done` runs it
                s = await start_and_answer()
                info["questions"], info["answered"] = len(s), s.answered_count

                def submit(s=s) -> None:
                    start = time.perf_counter()
                    finished = s.submit()
                    exam._finish(finished)
                    times["sync"].append((time.perf_counter() - start) * 1000)

                times["submit"].append(await watch.time(submit))
                if n == 0:
                    text = watch.visible()
                    assert exam.panel == "exam-results" and "Score" in text, text
                    info["score_line"] = next(line.strip() for line in text.splitlines() if "Score" in line)

                # 2. through the dialog: press y
                s = await start_and_answer()
                exam.action_submit()
                await watch.settle()
                assert isinstance(app.screen, ConfirmScreen), app.screen
                times["dialog"].append(await watch.time(lambda: pilot.press("y")))
                assert exam.panel == "exam-results"
            info["attempts"] = len(app.store.attempts(include_answers=False))
    finally:
        for other in others:
            other.close()
        store.close()
        shutil.rmtree(folder, ignore_errors=True)
    info["long"] = long.id
    return times, info


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="5 runs instead of 20")
    parser.add_argument("--runs", type=int, default=None)
    args = parser.parse_args(argv)
    runs = args.runs or (5 if args.quick else 20)
    noise = Noise()
    times, info = asyncio.run(run(runs))

    ref = median([w for w, _, _ in times["note"]])
    rows = []
    for key, label in (
        ("submit", "submit: session.submit + ExamView._finish -> frame"),
        ("dialog", "submit through the dialog: press y -> frame"),
        ("start", "(start a full exam: ExamView.start_full_exam -> frame)"),
        ("note", f"reference: Study note ({info['long']}) -> frame"),
        ("floor", "reference: one-line Static update -> frame"),
    ):
        w = [x[0] for x in times[key]]
        c = [x[1] for x in times[key]]
        f = [x[2] for x in times[key]]
        rows.append(
            [
                label,
                len(w),
                f"{median(w):.1f}",
                f"{p95(w):.1f}",
                f"{median(c):.1f}",
                f"{median(f):.0f}",
                f"{median(w) / ref:.2f}",
            ]
        )
    for key, label in (
        ("sync", "  submit, synchronous part alone (no frame)"),
        ("finish_attempt", "  of which store.finish_attempt (commit, fsync)"),
    ):
        t = times[key]
        rows.append([label, len(t), f"{median(t):.1f}", f"{p95(t):.1f}", "", "", f"{median(t) / ref:.2f}"])
    print(
        f"submit -> results benchmark: {runs} runs each way, full exam of {info['questions']} questions with "
        f"{info['answered']} answered; headless {SIZE[0]}x{SIZE[1]}; {info['attempts']} finished attempts in the "
        f"store at the end"
    )
    print(f"check: results on screen: {info['score_line']!r}")
    print_table(
        "to the last frame, wall ms (cpu = process CPU ms in that window; x ref = ratio of medians to "
        "the Study note, same run)",
        ["what", "n", "median ms", "p95 ms", "cpu ms", "frames", "x ref"],
        rows,
    )
    print(noise.report())
    return 0


if __name__ == "__main__":
    sys.exit(main())
