"""Search: per-keystroke time of the `/` search at 1x and 100x the bundled content.

    .venv/bin/python bench/search.py [--quick] [--rounds N] [--frame-rounds N]

The queries are typed one character at a time (every prefix is a keystroke): "dynamodb stream",
"cognito", "kms key", "zzz". 100x content comes from ``gen_content.multiply`` (2,500 services,
12,900 note items, 1,900 questions). For every keystroke, at each size:

  * reference: a naive scan that lowercases every text on every keystroke (no prepared index);
  * ``SearchIndex.search(query, LIMIT)``: the pure search (it narrows from the previous keystroke's
    matches when the query extends it, as typing does);
  * ``SearchScreen.run_query(query)`` in a headless app (120x36) holding that library: the search
    plus the results list (``SearchResults``, up to LIMIT hits) and the count line, synchronous;
  * keystroke -> frame: ``Input.value = query`` (the screen's watcher runs the query, as typing
    does), timed to the last frame rendered (see ``_benchutil.FrameWatch``): wall time and the
    process CPU time of that window.

The target (median <= 16 ms per keystroke at 100x) is on the keystroke's CPU time, not its wall
time: Textual paints on a 60 fps update timer (``Screen._update_timer``). After idle its pending
tick fires as soon as something is dirty, so a keystroke drawn in ONE frame shows after its CPU
time; every further frame waits, idle, for the next tick (up to 16.7 ms). Wall time thus depends
on how many frames a keystroke takes (the "frames" column) more than on the work: the OptionList
version took 2-3 frames (Input.Changed arrived a message after the typed letter was painted) and
~77 ms wall for ~80 ms CPU at 100x. Also the index build and opening `/`: the index is built by
the first `/` of an app and kept (``screens.search.index_for``), so a second `/` skips it. Ratios
are to the naive scan at the same size. Never fails on speed.
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
from gen_content import bundled_library, describe, multiply

QUERIES = ("dynamodb stream", "cognito", "kms key", "zzz")
SIZE = (120, 36)
SCALES = (1, 100)
OPENS = 6  # `/` opened this many times per app: the first builds the index, the others re-use it


def keystrokes() -> list[tuple[str, str]]:
    """(query, prefix typed so far) for every keystroke of every query."""
    return [(q, q[:n]) for q in QUERIES for n in range(1, len(q) + 1)]


def naive_search(entries, query: str, limit: int = 200):
    words = query.lower().split()
    if not words:
        return [], 0
    hits, total = [], 0
    for e in entries:
        text = e.text.lower()
        if all(w in text for w in words):
            total += 1
            if len(hits) < limit:
                hits.append(e)
    return hits, total


def timed(fn, arg) -> float:
    start = time.perf_counter()
    fn(arg)
    return (time.perf_counter() - start) * 1000


async def in_app(library, rounds: int, frame_rounds: int) -> dict:
    """run_query and keystroke -> frame in a headless app holding ``library``."""
    from textual.widgets import Input

    from awstui.state import open_store
    from awstui.tui.app import AwsTuiApp
    from awstui.tui.screens.search import SearchResults, SearchScreen

    folder = Path(tempfile.mkdtemp(prefix="awstui-bench-search-"))
    store = open_store(folder)
    out: dict = {"run_query": {}, "frame": {}, "cpu": {}, "frames": [], "open": []}
    try:
        app = AwsTuiApp(library, store, poll_external=False)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            opened: list[float] = []

            class TimedSearch(SearchScreen):  # records its frames from the very first one
                def _compositor_refresh(self) -> None:
                    super()._compositor_refresh()
                    opened.append(time.perf_counter())

            watch = FrameWatch(app.screen)
            for n in range(OPENS):  # opening `/`: (first time: index build) + compose + layout, to the settled frame
                await watch.settle()
                opened.clear()
                start = time.perf_counter()
                await app.push_screen(TimedSearch())
                search = app.screen
                await FrameWatch(search).settle()
                out["open"].append((opened[-1] - start) * 1000)
                if n < OPENS - 1:
                    search.dismiss(None)
                    await pilot.pause()
            box = search.query_one(Input)
            results = search.query_one(SearchResults)
            for _ in range(rounds):
                for query, prefix in keystrokes():
                    out["run_query"].setdefault(query, []).append(timed(search.run_query, prefix))
            search.run_query("")
            watch = FrameWatch(search)
            for _ in range(frame_rounds):
                box.value = ""
                for query, prefix in keystrokes():
                    if prefix == query[:1]:
                        box.value = ""
                    wall, cpu, n = await watch.time(lambda prefix=prefix: setattr(box, "value", prefix))
                    out["frame"].setdefault(query, []).append(wall)
                    out["cpu"].setdefault(query, []).append(cpu)
                    out["frames"].append(n)
            out["shown"] = len(results.hits)
            box.value = "cognito"
            await watch.settle()
            out["check"] = (len(results.hits), "cognito" in watch.visible().lower())
    finally:
        store.close()
        shutil.rmtree(folder, ignore_errors=True)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds (5 pure, 1 with frames)")
    parser.add_argument("--rounds", type=int, default=None, help="rounds of typing, pure and run_query (20)")
    parser.add_argument("--frame-rounds", type=int, default=None, help="rounds of typing to the frame (3)")
    args = parser.parse_args(argv)
    rounds = args.rounds or (5 if args.quick else 20)
    frame_rounds = args.frame_rounds or (1 if args.quick else 3)

    from awstui.content.search import SearchIndex
    from awstui.tui.screens.search import LIMIT

    noise = Noise()
    base = bundled_library()
    rows, per_query, notes = [], [], []
    for scale in SCALES:
        library = multiply(base, scale)
        builds = [timed(SearchIndex.build, library) for _ in range(5 if scale > 1 else 20)]
        index = SearchIndex.build(library)
        entries = index.entries
        pure: dict[str, dict[str, list[float]]] = {"naive": {}, "index": {}}
        for _ in range(rounds):
            for query, prefix in keystrokes():
                pure["naive"].setdefault(query, []).append(
                    timed(lambda q, entries=entries: naive_search(entries, q), prefix)
                )
                pure["index"].setdefault(query, []).append(timed(lambda q, index=index: index.search(q, LIMIT), prefix))
        app = asyncio.run(in_app(library, rounds, frame_rounds))
        hits = {q: index.search(q)[1] for q in QUERIES}
        notes.append(
            f"{scale}x: {describe(library)}; {len(entries):,} searchable entries; matches for "
            + ", ".join(f"{q!r} {n:,}" for q, n in hits.items())
            + f"; check: {app['check'][0]} results listed for 'cognito', on screen: {app['check'][1]}"
        )

        def flat(d: dict[str, list[float]]) -> list[float]:
            return [t for ts in d.values() for t in ts]

        ref = median(flat(pure["naive"]))
        tag = f"{scale}x"
        target = scale == max(SCALES)
        for label, times, cpu, frames in (
            ("reference: naive lowercase-every-text scan", flat(pure["naive"]), None, None),
            (f"SearchIndex.search (limit {LIMIT})", flat(pure["index"]), None, None),
            ("SearchScreen.run_query (search + results list)", flat(app["run_query"]), None, None),
            ("keystroke -> last frame (Input.value)", flat(app["frame"]), flat(app["cpu"]), app["frames"]),
        ):
            m = median(times)
            judged = median(cpu) if cpu else m  # keystroke -> frame: judged on CPU (wall waits for the timer)
            ok = met(judged <= FRAME_MS) if target and not label.startswith("reference") else ""
            goal = (f"cpu <= {FRAME_MS:.0f} ms" if cpu else f"<= {FRAME_MS:.0f} ms") if ok else ""
            rows.append(
                [
                    label,
                    tag,
                    len(times),
                    f"{m:.2f}",
                    f"{p95(times):.2f}",
                    f"{median(cpu):.1f}" if cpu else "",
                    f"{median(frames):.0f}" if frames else "",
                    f"{m / ref:.2f}",
                    goal,
                    ok,
                ]
            )
        rows.append(
            [
                "index build (first `/` of an app only)",
                tag,
                len(builds),
                f"{median(builds):.2f}",
                f"{p95(builds):.2f}",
                "",
                "",
                f"{median(builds) / ref:.2f}",
                "",
                "",
            ]
        )
        first, again = app["open"][0], app["open"][1:]
        rows.append(
            [
                "open `/` -> settled frame, first (builds index)",
                tag,
                1,
                f"{first:.1f}",
                f"{first:.1f}",
                "",
                "",
                f"{first / ref:.2f}",
                "",
                "",
            ]
        )
        rows.append(
            [
                "open `/` -> settled frame, again (index kept)",
                tag,
                len(again),
                f"{median(again):.1f}",
                f"{max(again):.1f}",
                "",
                "",
                f"{median(again) / ref:.2f}",
                "",
                "",
            ]
        )
        if scale == max(SCALES):
            for q in QUERIES:
                per_query.append(
                    [
                        repr(q),
                        tag,
                        f"{median(pure['naive'][q]):.2f}",
                        f"{median(pure['index'][q]):.2f}",
                        f"{median(app['run_query'][q]):.2f}",
                        f"{median(app['frame'][q]):.1f}",
                        f"{median(app['cpu'][q]):.1f}",
                    ]
                )

    print(
        f"search benchmark: {len(keystrokes())} keystrokes per round ({', '.join(map(repr, QUERIES))} typed "
        f"letter by letter); {rounds} rounds pure and run_query, {frame_rounds} to the frame; headless "
        f"{SIZE[0]}x{SIZE[1]}"
    )
    for n in notes:
        print(n)
    print_table(
        "per keystroke, ms (x ref = ratio of medians to the naive scan at the same size; cpu = process "
        "CPU ms to the last frame, the keystroke's target; wall time adds, for every frame after the first, "
        "an idle wait for Textual's 60 fps update timer: up to 16.7 ms each)",
        ["what", "size", "n", "median ms", "p95 ms", "cpu ms", "frames", "x ref", "target", ""],
        rows,
    )
    print_table(
        "per query at 100x, median ms per keystroke",
        ["query", "size", "naive", "search", "run_query", "to frame", "cpu"],
        per_query,
    )
    print(noise.report())
    return 0


if __name__ == "__main__":
    sys.exit(main())
