"""Startup: wall time from process start to the first settled frame of the Study view, and peak memory.

    .venv/bin/python bench/startup.py [--quick] [--reps N]

Each run is a fresh interpreter (``sys.executable -c ...``) on a fresh temp data dir. The child
runs the real entry point, ``awstui.cli.main(["--data-dir", DIR])`` (argument parsing, GC
handling, content load, ``open_store``, ``AwsTuiApp``), with three hooks: ``App.run`` is made
headless at 120x36, the phases are marked, and the app exits at the first *settled* frame: on
Textual's ``Ready`` event (sent after the first frame is composed) it waits with
``call_after_refresh`` until the screen has nothing left to lay out or repaint (the Study view's
own after-refresh work, selecting the tree node and focusing it, is done),
then writes ``time.monotonic()``, its own ``ru_maxrss`` and its CPU time so far (user + system,
from interpreter start: the "cpu ms" column, less sensitive than wall time to other jobs on a
shared machine) and exits. The parent takes
``time.monotonic()`` just before spawning, so the figure includes interpreter start, imports,
content load, store open (a fresh ``state.db``), compose, layout and the render of the frame.

Two awstui rows: with the content parse cache warm (``awstui.content.cache``, and the parsed
CSS, ``awstui.tui.css_cache``, in a cache dir shared by the runs: what every launch after the
first sees) and with no cache (``AWSTUI_CACHE_DIR=""``: a first launch). With no cache, on Linux, the
parse runs in a child forked beside the store's open and Textual's import
(``awstui.content.beside``); its CPU time is counted in the "cpu ms" column (the child is waited
for: ``RUSAGE_CHILDREN``) and its peak RSS is printed on its own line. awstui's modules are
byte-compiled first, as pip does for an install (Textual's are).

Reference, same harness, interleaved: a bare Textual app with one ``Static``. Headless means no
terminal writes (the frame is rendered, not encoded to escape codes); the same for both.
Targets: median startup <= 1.5x the bare app; peak RSS <= bare + 15 MB. Never fails on speed.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _benchutil import Noise, median, met, p95, print_table

# issue 9: settled first frame <= 1.25x a bare app with the content cache warm, <= 1.4x with none;
# peak RSS <= bare + 12 MB
RATIO_TARGETS = {"warm": 1.25, "cold": 1.4}
MEMORY_TARGET_MB = 12.0
SIZE = (120, 36)

CHILD = r"""
import json, resource, sys, time
kind, data_dir, out_path = sys.argv[1], sys.argv[2], sys.argv[3]
marks = {"main": time.monotonic()}
W, H = __SIZE__


def settled(app, tries: int) -> None:
    s = app.screen
    if tries < 100 and (s._layout_required or s._repaint_required or s._dirty_widgets or s._callbacks):
        app.call_after_refresh(settled, app, tries + 1)
        return
    t = time.monotonic()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)  # a content parse forked beside (content/beside.py)
    info = {"t": t, "marks": marks, "rss_kb": usage.ru_maxrss, "tries": tries, "screen": type(s).__name__,
            "cpu_s": usage.ru_utime + usage.ru_stime + kids.ru_utime + kids.ru_stime,
            "child_rss_kb": kids.ru_maxrss}
    if kind.startswith("app"):
        study = app.view("study")
        info["view"] = app.current_view
        info["service"] = study.service_id
        info["focused"] = type(app.focused).__name__ if app.focused else None
        try:  # the note's first lines as the frame shows them (a sanity check)
            info["note_lines"] = len([y for y in range(s.size.height)
                                      if s.get_widget_at(60, y)[0].id == "note"])
        except Exception:
            info["note_lines"] = "?"
    with open(out_path, "w") as f:
        json.dump(info, f)
    app.exit(0)


if kind.startswith("app"):
    # The real entry point, as the `awstui` script runs it (awstui.__main__ -> cli.main -> cli.app.run_tui),
    # with three hooks: headless at WxH, marks between the phases, exit at the settled frame. The app's
    # module (and Textual with it) is imported where run_tui imports it, after the content and the store
    # (a content parse may run beside that import, content/beside.py): the hooks go in as it is imported.
    import importlib.util
    import awstui.cli.app as run
    from awstui.cli import main

    def hook(obj, name, before=None, after=None):
        original = getattr(obj, name)

        def wrapped(*a, **k):
            if before:
                marks[before] = time.monotonic()
            try:
                return original(*a, **k)
            finally:
                if after:
                    marks[after] = time.monotonic()
        setattr(obj, name, wrapped)

    def patch(AwsTuiApp):
        original_run = AwsTuiApp.run

        def headless_run(self, *a, **k):
            marks["init"] = time.monotonic()
            return original_run(self, headless=True, size=(W, H))

        AwsTuiApp.run = headless_run
        original_ready = AwsTuiApp.on_ready

        def on_ready(self):
            original_ready(self)
            marks["ready"] = time.monotonic()
            self.call_after_refresh(settled, self, 0)

        AwsTuiApp.on_ready = on_ready

    class WatchTui:  # patches AwsTuiApp as its module is imported, and marks the import
        def find_spec(self, name, path=None, target=None):
            if name != "awstui.tui.app":
                return None
            sys.meta_path.remove(self)
            spec = importlib.util.find_spec(name)
            real_exec = spec.loader.exec_module

            def exec_module(module):
                marks["tui_from"] = time.monotonic()
                real_exec(module)
                patch(module.AwsTuiApp)
                marks["tui"] = time.monotonic()

            spec.loader.exec_module = exec_module
            return spec

    sys.meta_path.insert(0, WatchTui())
    hook(run, "content_beside", before="imports", after="content")
    hook(run, "open_for_app", after="store")
    code = main(["--data-dir", data_dir])
    sys.exit(code)
else:
    from textual.app import App
    from textual.widgets import Static

    marks["imports"] = marks["content"] = marks["store"] = marks["tui"] = time.monotonic()

    class Bare(App):
        def compose(self):
            yield Static("Hello from a bare Textual app")

        def on_ready(self) -> None:
            marks["ready"] = time.monotonic()
            self.call_after_refresh(settled, self, 0)

    app = Bare()
    marks["init"] = time.monotonic()
    app.run(headless=True, size=(W, H))
""".replace("__SIZE__", f"{SIZE[0]}, {SIZE[1]}")


def run_child(kind: str, root: Path, n: int) -> dict:
    data_dir = root / f"{kind}-{n}"
    out = root / f"{kind}-{n}.json"
    env = dict(os.environ, COLUMNS=str(SIZE[0]), LINES=str(SIZE[1]))
    env.pop("AWSTUI_DATA_DIR", None)
    # "app": the content cache warm (every launch after the first); "app-cold": no cache at all
    env["AWSTUI_CACHE_DIR"] = "" if kind == "app-cold" else str(root / "cache")
    start = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, kind, str(data_dir), str(out)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    ended = time.monotonic()
    if proc.returncode != 0 or not out.exists():
        raise SystemExit(f"{kind} child failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    info = json.loads(out.read_text())
    info["startup_ms"] = (info["t"] - start) * 1000
    m, prev = info["marks"], start
    info["phases"] = {}
    for name in ("main", "imports", "content", "store", "tui", "init", "ready"):
        info["phases"][name] = (m[name] - prev) * 1000
        prev = m[name]
    info["phases"]["settled"] = (info["t"] - prev) * 1000
    info["exit_ms"] = (ended - start) * 1000
    return info


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="5 repetitions instead of 15")
    parser.add_argument("--reps", type=int, default=None)
    args = parser.parse_args(argv)
    reps = args.reps or (5 if args.quick else 15)

    # awstui's own modules as an install has them: pip byte-compiles a wheel's files, and Textual's
    # already are. Without this a source checkout run with PYTHONDONTWRITEBYTECODE=1 compiles every
    # module of awstui on every start (~130 ms here) while the bare app compiles nothing.
    import awstui

    compileall.compile_dir(str(Path(awstui.__file__).parent), quiet=1)

    root = Path(tempfile.mkdtemp(prefix="awstui-bench-startup-"))
    noise = Noise()
    try:
        run_child("bare", root, -1)  # warm-ups: fill the page cache, write the content cache
        first = run_child("app", root, -1)
        run_child("app-cold", root, -1)
        results: dict[str, list[dict]] = {"bare": [], "app": [], "app-cold": []}
        for n in range(reps):
            kinds = ("bare", "app", "app-cold")
            order = kinds[n % 3 :] + kinds[: n % 3]  # interleaved, rotating who goes first
            for kind in order:
                results[kind].append(run_child(kind, root, n))
    finally:
        shutil.rmtree(root, ignore_errors=True)

    print(
        f"startup benchmark: {reps} interleaved runs of each, fresh interpreter and fresh data dir "
        f"per run, headless {SIZE[0]}x{SIZE[1]}"
    )
    print(
        f"check: first frame of the app: view={first['view']!r} screen={first['screen']} "
        f"service={first['service']!r} focus={first['focused']} ({first['note_lines']} screen rows show the note)"
    )
    bare, app, cold = results["bare"], results["app"], results["app-cold"]
    bare_ms = [r["startup_ms"] for r in bare]
    bare_mb = [r["rss_kb"] / 1024 for r in bare]
    bare_cpu = median([r["cpu_s"] * 1000 for r in bare])
    rows = [
        [
            "reference: bare one-Static app",
            f"{median(bare_ms):.0f}",
            f"{p95(bare_ms):.0f}",
            f"{min(bare_ms):.0f}",
            f"{median([r['exit_ms'] for r in bare]):.0f}",
            f"{median(bare_mb):.1f}",
            "1.00",
            f"{bare_cpu:.0f}",
            "1.00",
            "",
            "",
        ],
    ]
    for runs, label, target in (
        (app, "awstui, Study view (content cache warm)", RATIO_TARGETS["warm"]),
        (cold, "awstui, Study view (no content cache)", RATIO_TARGETS["cold"]),
    ):
        ms = [r["startup_ms"] for r in runs]
        ratio = median(ms) / median(bare_ms)
        cpu = median([r["cpu_s"] * 1000 for r in runs])
        rows.append(
            [
                label,
                f"{median(ms):.0f}",
                f"{p95(ms):.0f}",
                f"{min(ms):.0f}",
                f"{median([r['exit_ms'] for r in runs]):.0f}",
                f"{median([r['rss_kb'] / 1024 for r in runs]):.1f}",
                f"{ratio:.2f}",
                f"{cpu:.0f}",
                f"{cpu / bare_cpu:.2f}",
                f"<= {target:.2f}x",
                met(ratio <= target),
            ]
        )
    forked = [r["child_rss_kb"] / 1024 for r in cold if r.get("child_rss_kb")]
    if forked:
        print(
            f"no cache: the content parse ran in a forked child in {len(forked)} of {len(cold)} runs "
            f"(its peak RSS, mostly pages shared with the parent: median {median(forked):.1f} MiB)"
        )
    for runs, label in ((app, "awstui - bare (peak RSS, warm)"), (cold, "awstui - bare (peak RSS, no cache)")):
        extra_mb = median([r["rss_kb"] / 1024 for r in runs]) - median(bare_mb)
        rows.append(
            [
                label,
                "",
                "",
                "",
                "",
                f"{extra_mb:+.1f}",
                "",
                "",
                "",
                f"<= +{MEMORY_TARGET_MB:.0f} MB",
                met(extra_mb <= MEMORY_TARGET_MB),
            ]
        )
    print_table(
        "time to first settled frame (ms) and peak memory (MiB, ru_maxrss of the child)",
        [
            "what",
            "median ms",
            "p95 ms",
            "min ms",
            "to exit ms",
            "peak MiB",
            "x ref",
            "cpu ms",
            "cpu x ref",
            "target",
            "",
        ],
        rows,
    )
    phases = [
        ("main", "interpreter start"),
        ("imports", "imports (bare: Textual; awstui: its CLI)"),
        ("content", "load_content (content)"),
        ("store", "open_store (fresh state.db)"),
        ("tui", "import of the app (Textual)"),
        ("init", "library taken, App() constructor"),
        ("ready", "run() -> first frame (Ready)"),
        ("settled", "first frame -> settled"),
    ]
    rows = []
    for key, label in phases:
        b = median([r["phases"][key] for r in bare])
        a = median([r["phases"][key] for r in app])
        c = median([r["phases"][key] for r in cold])
        rows.append([label, f"{b:.0f}", f"{a:.0f}", f"{a - b:+.0f}", f"{c:.0f}"])
    print_table(
        "where the time goes (medians, ms; phases do not sum exactly to the median total)",
        ["phase", "bare", "awstui", "difference", "awstui, no cache"],
        rows,
    )
    print(noise.report())
    return 0


if __name__ == "__main__":
    sys.exit(main())
