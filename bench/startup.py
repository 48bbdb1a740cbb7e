"""Startup: wall time from process start to the first settled frame of the Study view, and peak memory.

    .venv/bin/python bench/startup.py [--quick] [--reps N]

Each run is a fresh interpreter (``sys.executable -c ...``) on a fresh temp data dir. The child
builds the app the way ``awstui.tui.run.run_tui`` does (resolve the data dir, load the content,
``open_store``, ``AwsTuiApp``) and runs it headless at 120x36. A tiny subclass exits it at the
first *settled* frame: on Textual's ``Ready`` event (sent after the first frame is composed)
it waits with ``call_after_refresh`` until the screen has nothing left to lay out or repaint
(the Study view's own after-refresh work, selecting the tree node and focusing it, is done),
then writes ``time.monotonic()`` and its own ``ru_maxrss`` and exits. The parent takes
``time.monotonic()`` just before spawning, so the figure includes interpreter start, imports,
content load, store open (a fresh ``state.db``), compose, layout and the render of the frame.

Reference, same harness, interleaved: a bare Textual app with one ``Static``. Headless means no
terminal writes (the frame is rendered, not encoded to escape codes); the same for both.
Targets: median startup <= 1.5x the bare app; peak RSS <= bare + 15 MB. Never fails on speed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _benchutil import Noise, median, met, p95, print_table

RATIO_TARGET = 1.5
MEMORY_TARGET_MB = 15.0
SIZE = (120, 36)

CHILD = r'''
import json, resource, sys, time
kind, data_dir, out_path = sys.argv[1], sys.argv[2], sys.argv[3]
marks = {"main": time.monotonic()}

if kind == "app":
    from awstui.content import load_library
    from awstui.paths import content_dirs, resolve_data_dir
    from awstui.state import open_store
    from awstui.tui.app import AwsTuiApp as Base  # run.py imports it after open_store: same total

    marks["imports"] = time.monotonic()
    data = resolve_data_dir(data_dir)
    library = load_library(content_dirs(data, None))
    marks["content"] = time.monotonic()
    store = open_store(data)
    marks["store"] = time.monotonic()

    args, kwargs = (library, store), {"notices": getattr(store, "notices", ())}
else:
    from textual.app import App as Base
    from textual.widgets import Static

    store = None
    args, kwargs = (), {}
    marks["imports"] = marks["content"] = marks["store"] = time.monotonic()


class Bench(Base):
    if kind == "app":  # CSS_PATH is relative to the class's file; this class has none
        import inspect
        _BASE_PATH = inspect.getfile(Base)
    else:
        def compose(self):
            yield Static("Hello from a bare Textual app")

    def on_ready(self) -> None:
        marks["ready"] = time.monotonic()
        self.call_after_refresh(self._bench_settled, 0)

    def _bench_settled(self, tries: int) -> None:
        s = self.screen
        if tries < 100 and (s._layout_required or s._repaint_required or s._dirty_widgets or s._callbacks):
            self.call_after_refresh(self._bench_settled, tries + 1)
            return
        t = time.monotonic()
        info = {"t": t, "marks": marks, "rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "tries": tries,
                "screen": type(s).__name__}
        if kind == "app":
            study = self.view("study")
            info["view"] = self.current_view
            info["service"] = study.service_id
            info["focused"] = type(self.focused).__name__ if self.focused else None
            try:  # how many lines of the note body the frame rendered (a sanity check)
                info["note_lines"] = len(self.query_one("#note-body")._styles_cache._cache)
            except Exception:
                info["note_lines"] = "?"
        with open(out_path, "w") as f:
            json.dump(info, f)
        self.exit(0)


try:
    app = Bench(*args, **kwargs)
    marks["init"] = time.monotonic()
    app.run(headless=True, size=(%d, %d))
finally:
    if store is not None:
        store.close()
''' % SIZE  # noqa: UP031 (the child's code is full of braces)


def run_child(kind: str, root: Path, n: int) -> dict:
    data_dir = root / f"{kind}-{n}"
    out = root / f"{kind}-{n}.json"
    env = dict(os.environ, COLUMNS=str(SIZE[0]), LINES=str(SIZE[1]))
    env.pop("AWSTUI_DATA_DIR", None)
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", CHILD, kind, str(data_dir), str(out)], env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    ended = time.monotonic()
    if proc.returncode != 0 or not out.exists():
        raise SystemExit(f"{kind} child failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    info = json.loads(out.read_text())
    info["startup_ms"] = (info["t"] - start) * 1000
    m, prev = info["marks"], start
    info["phases"] = {}
    for name in ("main", "imports", "content", "store", "init", "ready"):
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

    root = Path(tempfile.mkdtemp(prefix="awstui-bench-startup-"))
    noise = Noise()
    try:
        run_child("bare", root, -1)  # warm-ups: byte-compile, fill the page cache
        first = run_child("app", root, -1)
        results: dict[str, list[dict]] = {"bare": [], "app": []}
        for n in range(reps):
            order = ("bare", "app") if n % 2 == 0 else ("app", "bare")  # interleaved, ABBA
            for kind in order:
                results[kind].append(run_child(kind, root, n))
    finally:
        shutil.rmtree(root, ignore_errors=True)

    print(f"startup benchmark: {reps} interleaved runs of each, fresh interpreter and fresh data dir "
          f"per run, headless {SIZE[0]}x{SIZE[1]}")
    print(f"check: first frame of the app: view={first['view']!r} screen={first['screen']} "
          f"service={first['service']!r} focus={first['focused']} ({first['note_lines']} note lines rendered)")
    bare, app = results["bare"], results["app"]
    bare_ms = [r["startup_ms"] for r in bare]
    app_ms = [r["startup_ms"] for r in app]
    bare_mb = [r["rss_kb"] / 1024 for r in bare]
    app_mb = [r["rss_kb"] / 1024 for r in app]
    ratio = median(app_ms) / median(bare_ms)
    extra_mb = median(app_mb) - median(bare_mb)
    rows = [
        ["reference: bare one-Static app", f"{median(bare_ms):.0f}", f"{p95(bare_ms):.0f}", f"{min(bare_ms):.0f}",
         f"{median([r['exit_ms'] for r in bare]):.0f}", f"{median(bare_mb):.1f}", "1.00", "", ""],
        ["awstui, Study view", f"{median(app_ms):.0f}", f"{p95(app_ms):.0f}", f"{min(app_ms):.0f}",
         f"{median([r['exit_ms'] for r in app]):.0f}", f"{median(app_mb):.1f}", f"{ratio:.2f}",
         f"<= {RATIO_TARGET:.1f}x", met(ratio <= RATIO_TARGET)],
        ["awstui - bare (peak RSS)", "", "", "", "", f"{extra_mb:+.1f}", "", f"<= +{MEMORY_TARGET_MB:.0f} MB",
         met(extra_mb <= MEMORY_TARGET_MB)],
    ]
    print_table("time to first settled frame (ms) and peak memory (MiB, ru_maxrss of the child)",
                ["what", "median ms", "p95 ms", "min ms", "to exit ms", "peak MiB", "x ref", "target", ""], rows)
    phases = [("main", "interpreter start"), ("imports", "imports"), ("content", "load_library (content)"),
              ("store", "open_store (fresh state.db)"), ("init", "App() constructor"),
              ("ready", "run() -> first frame (Ready)"), ("settled", "first frame -> settled")]
    rows = []
    for key, label in phases:
        b = median([r["phases"][key] for r in bare])
        a = median([r["phases"][key] for r in app])
        rows.append([label, f"{b:.0f}", f"{a:.0f}", f"{a - b:+.0f}"])
    print_table("where the time goes (medians, ms; phases do not sum exactly to the median total)",
                ["phase", "bare", "awstui", "difference"], rows)
    print(noise.report())
    return 0


if __name__ == "__main__":
    sys.exit(main())
