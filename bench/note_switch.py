"""Note switch: the time to show another service's note until its frame is rendered, against the alternatives.

    .venv/bin/python bench/note_switch.py [--quick] [--reps N] [--alt-reps N]

In-process, ``App.run_test`` (headless, 120x36) on a temp data dir with the bundled content.
A switch is what the tree cursor does, ``StudyView._show(service_id)`` (store reads, the note's
Statics, the open questions list, the annotation). It is timed from the call to the *last* frame
Textual renders because of it (a frame = ``Screen._compositor_refresh``: layout, then every dirty
line rendered; headless skips only the terminal write), found by waiting, untimed, until the
screen is quiet again. So the figure is what the learner waits for: every layout pass, every
re-render, Textual's message hops and its 60 fps update timer. "cpu ms" is the process CPU in
the same window (less sensitive to the other jobs on the machine); "frames" how many frames it
took. Switches alternate between the note with the most rendered lines and a one-line note.

Same run, same screen, same notes, for comparison:
  * reference (floor): a one-line ``Static.update`` (#note-title) -> frame: any change costs this;
  * the body alone: ``Static.update(notes_renderable(service))`` (awstui's choice);
  * ``Static(rich.markdown.Markdown(source))``;
  * Textual's ``Markdown`` widget (mounted in place of the body): ``await md.update(source)``;
  * ``StudyView._show`` alone, synchronous, before any frame (and its store reads);
  * any store write (``set_setting``) to its last frame: every view reloads on the app's signal
    (``_show`` itself writes ``last_service`` once the learner rests 0.5 s on a note).
Target: awstui switch to the long note, median <= 16 ms. Never fails on speed.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import sys
import tempfile
import time
from pathlib import Path

from _benchutil import FRAME_MS, FrameWatch, Noise, median, met, p95, print_table

SIZE = (120, 36)
QUIET_S, QUIET_CPU_S = 0.025, 0.002  # settled: no new frame for QUIET_S, and under QUIET_CPU_S of CPU used


def markdown_source(service) -> str:
    """The note's Markdown body, as written in the service file (front matter dropped)."""
    text = Path(service.path).read_text(encoding="utf-8")
    if text.startswith("+++"):
        text = text.split("+++", 2)[2]
    return text.strip() + "\n"


async def run(reps: int, alt_reps: int) -> tuple[list, dict]:
    from rich.markdown import Markdown as RichMarkdown
    from rich.text import Text
    from textual.widgets import Markdown, Static

    from awstui.content import load_library
    from awstui.paths import content_dirs
    from awstui.state import open_store
    from awstui.tui.app import AwsTuiApp
    from awstui.tui.render import notes_renderable

    folder = Path(tempfile.mkdtemp(prefix="awstui-bench-note-"))
    library = load_library(content_dirs(folder))
    store = open_store(folder)
    info: dict = {}
    rows: list = []
    try:
        app = AwsTuiApp(library, store, poll_external=False)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            study = app.view("study")
            screen = app.screen
            body = app.query_one("#note-body", Static)
            title = app.query_one("#note-title", Static)
            note = body.parent
            width = body.content_region.width
            console = app.console
            opts = console.options.update_width(width)

            def lines_of(service) -> int:
                return len(console.render_lines(notes_renderable(service), opts, pad=False))

            by_lines = sorted(library.services, key=lambda s: (lines_of(s), s.id))
            long, short = by_lines[-1], by_lines[0]
            info.update(long=long, short=short, long_lines=lines_of(long), short_lines=lines_of(short),
                        long_bullets=sum(1 for _ in long.bullets()), width=width,
                        viewport=note.scrollable_content_region.height)
            sources = {long.id: markdown_source(long), short.id: markdown_source(short)}

            watch = FrameWatch(screen, QUIET_S, QUIET_CPU_S)
            settle = watch.settle

            async def measure(name: str, switch, reps: int, check: bool = True) -> dict[str, list]:
                times: dict[str, list[tuple[float, float]]] = {long.id: [], short.id: []}
                counts.setdefault(name, [])
                for i in range(reps * 2):
                    target = long if i % 2 == 0 else short
                    wall, cpu, n = await watch.time(lambda target=target: switch(target))
                    counts[name].append(n)
                    times[target.id].append((wall, cpu))
                    if check and i < 2:  # the frame really shows the note (checked outside the timing)
                        first = next(b for _, b in target.bullets()).text[:30]
                        assert first in watch.visible(), f"{name}: {first!r} not on screen\n{watch.visible()}"
                return times

            # 1. awstui: the whole switch, as the tree cursor does it
            results = {}
            counts: dict[str, list[int]] = {}
            results["show"] = await measure("show", lambda s: study._show(s.id), reps)
            loads = []
            for _ in range(reps):
                start = time.perf_counter()
                study._load_states()
                loads.append((time.perf_counter() - start) * 1000)
            shows: dict[str, list[float]] = {long.id: [], short.id: []}
            for i in range(reps * 2):  # the synchronous part alone: what happens before any frame
                target = long if i % 2 == 0 else short
                start = time.perf_counter()
                study._show(target.id)
                shows[target.id].append((time.perf_counter() - start) * 1000)
            await settle()
            info["shows"] = shows

            # 2. the body only, awstui's renderable
            results["body"] = await measure("body", lambda s: body.update(notes_renderable(s)), alt_reps)

            # 3. floor: a one-line Static
            results["floor"] = await measure("floor", lambda s: title.update(Text(s.name, style="bold")), alt_reps,
                                            check=False)

            # 3b. any store write: the app's signal makes every view reload (what _show's
            # "remember the last service" write costs, 0.5 s after the learner stops on a note)
            results["store"] = await measure("store", lambda s: store.set_setting("bench", f"{s.id} {time.time()}"),
                                             alt_reps, check=False)

            # 4. a Static holding rich.markdown.Markdown
            results["rich_md"] = await measure("rich_md", lambda s: body.update(RichMarkdown(sources[s.id])), alt_reps)

            # 5. Textual's Markdown widget in place of the body
            md = Markdown(id="bench-markdown")
            await note.mount(md, after=body)
            body.display = False
            await pilot.pause()

            async def md_update(s) -> None:
                await md.update(sources[s.id])

            results["md_widget"] = await measure("md_widget", md_update, alt_reps)
            await md.remove()
            body.display = True
            await pilot.pause()
    finally:
        store.close()
        shutil.rmtree(folder, ignore_errors=True)

    def wall(key: str, sid: str) -> list[float]:
        return [w for w, _ in results[key][sid]]

    def cpu(key: str, sid: str) -> list[float]:
        return [c for _, c in results[key][sid]]

    floor = median(wall("floor", long.id) + wall("floor", short.id))
    labels = [
        ("show", "awstui: StudyView._show -> frame"),
        ("body", "awstui body only: Static(notes_renderable) -> frame"),
        ("rich_md", "alternative: Static(rich.markdown.Markdown) -> frame"),
        ("md_widget", "alternative: Textual Markdown widget update -> frame"),
        ("floor", "reference: one-line Static update -> frame"),
        ("store", "(any store write, e.g. set_setting -> frame)"),
    ]
    for key, label in labels:
        for svc in (long, short):
            w, c = wall(key, svc.id), cpu(key, svc.id)
            target = met(median(w) <= FRAME_MS) if key in ("show", "body") and svc is long else ""
            rows.append([label, svc.id, len(w), f"{median(w):.1f}", f"{p95(w):.1f}", f"{median(c):.1f}",
                         f"{median(counts[key]):.0f}", f"{median(w) / floor:.2f}",
                         f"<= {FRAME_MS:.0f} ms" if target else "", target])
    shows = info.pop("shows")
    rows.append(["awstui: StudyView._show alone (sync, no frame)", long.id, len(shows[long.id]),
                 f"{median(shows[long.id]):.1f}", f"{p95(shows[long.id]):.1f}", "", "", f"{median(shows[long.id]) / floor:.2f}",
                 "", ""])
    rows.append(["  of which StudyView._load_states (3 store reads)", "-", len(loads), f"{median(loads):.2f}",
                 f"{p95(loads):.2f}", "", "", f"{median(loads) / floor:.2f}", "", ""])
    return rows, info


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="40 (15) switches each way instead of 200 (50)")
    parser.add_argument("--reps", type=int, default=None, help="awstui switches to each note (default 200)")
    parser.add_argument("--alt-reps", type=int, default=None,
                        help="switches to each note for the alternatives and the floor (default 50)")
    args = parser.parse_args(argv)
    reps = args.reps or (40 if args.quick else 200)
    noise = Noise()
    alt_reps = args.alt_reps or (15 if args.quick else 50)
    rows, info = asyncio.run(run(reps, alt_reps))
    print(f"note switch benchmark: awstui {reps} switches to each note, alternatives {alt_reps}, alternating, "
          f"in-process headless {SIZE[0]}x{SIZE[1]}")
    print(f"long note: {info['long'].id} ({info['long_bullets']} items, {info['long_lines']} lines at width "
          f"{info['width']}; {info['viewport']} rows visible); short note: {info['short'].id} "
          f"({info['short_lines']} line)")
    print_table("switch -> last frame rendered, wall ms (cpu = process CPU ms in that window; x floor = ratio of "
                "medians to the one-line Static update, same run)",
                ["what", "to note", "n", "median ms", "p95 ms", "cpu ms", "frames", "x floor", "target", ""], rows)
    print(noise.report())
    return 0


if __name__ == "__main__":
    sys.exit(main())
