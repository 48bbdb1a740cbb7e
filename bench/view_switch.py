"""View switch: `2`/`3`/`4`/`1` -> the view's last frame, the first time (the view is built then)
and afterwards (it is only shown).

    .venv/bin/python bench/view_switch.py [--quick] [--runs N]

Startup builds only the view on show (bench/startup.py); the others are imported, composed,
filled from the store and subscribed to it the first time they are shown. This measures what
that moves to the first switch, in-process and headless (120x36), on the bundled content with a
fresh data dir per run: ``App.action_show_view(name)`` timed to the last frame it causes
(``_benchutil.FrameWatch``; process CPU and wall), for each view the first time and then again.
Reference, same run: switching back to Study (built at startup). No target is set by the issue;
a first switch under ~100 ms of CPU reads as instant. Never fails on speed.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import sys
import tempfile
from pathlib import Path

from _benchutil import FrameWatch, Noise, median, p95, print_table

SIZE = (120, 36)
ORDER = ("questions", "exam", "progress")


async def one_run() -> dict[str, tuple[float, float, int]]:
    from awstui.content import load_library
    from awstui.paths import content_dirs
    from awstui.state import open_store
    from awstui.tui.app import AwsTuiApp

    folder = Path(tempfile.mkdtemp(prefix="awstui-bench-views-"))
    store = open_store(folder)
    out: dict[str, tuple[float, float, int]] = {}
    try:
        app = AwsTuiApp(load_library(content_dirs(folder)), store, poll_external=False)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            watch = FrameWatch(app.screen)
            for name in ORDER:
                assert app.view(name) is None, f"{name} was built at startup"
                out[f"{name} (first: built)"] = await watch.time(lambda n=name: app.action_show_view(n))
                out["study (built at start)"] = await watch.time(lambda: app.action_show_view("study"))
            for name in ORDER:
                out[f"{name} (again)"] = await watch.time(lambda n=name: app.action_show_view(n))
                await watch.time(lambda: app.action_show_view("study"))
    finally:
        store.close()
        shutil.rmtree(folder, ignore_errors=True)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="3 runs instead of 10")
    parser.add_argument("--runs", type=int, default=None)
    args = parser.parse_args(argv)
    runs = args.runs or (3 if args.quick else 10)
    noise = Noise()
    results: dict[str, list[tuple[float, float, int]]] = {}
    for _ in range(runs):
        for key, value in asyncio.run(one_run()).items():
            results.setdefault(key, []).append(value)
    print(f"view switch benchmark: {runs} runs, each a fresh app and data dir, in-process headless {SIZE[0]}x{SIZE[1]}")
    rows = []
    for key, values in results.items():
        cpu = [c for _, c, _ in values]
        wall = [w for w, _, _ in values]
        rows.append(
            [
                key,
                len(values),
                f"{median(cpu):.1f}",
                f"{p95(cpu):.1f}",
                f"{median(wall):.1f}",
                f"{median([n for _, _, n in values]):.0f}",
            ]
        )
    print_table(
        "show_view -> last frame (ms)", ["switch to", "n", "cpu median", "cpu p95", "wall median", "frames"], rows
    )
    print(noise.report())
    return 0


if __name__ == "__main__":
    sys.exit(main())
