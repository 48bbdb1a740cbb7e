"""Exam idle: the CPU the app uses while a full exam sits on screen and the learner only reads.

    .venv/bin/python bench/exam_idle.py [--quick] [--seconds S] [--profile]

Two fresh interpreters run side by side, each headless at 120x36 on its own temp data dir:
  * awstui, built as ``awstui.cli.app.run_tui`` builds it (external-change polling on, as in real
    use); at its first settled frame a hook shows the Exam view and starts a full 65-question exam
    (``ExamView.start_full_exam``), waits 2 s for that to settle, then sits idle for S seconds
    (the clock ticks, the tab label and Digits update every second, progress is saved every 5 s);
  * reference: a bare Textual app with one ``Static``, idle for the same S seconds.
Each child reports its own CPU (``time.process_time``: user + system, all threads) over the idle
window, and the frames it rendered. Figure: CPU seconds / wall seconds, as % of one core.
Headless skips only the terminal write (escape codes), so a real terminal costs a little more.
Target: < 2 % of one core. ``--profile`` prints where the awstui child spent its idle CPU.
Never fails on speed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from _benchutil import Noise, met, print_table

TARGET_PCT = 2.0
SIZE = (120, 36)
WARMUP_S = 2.0

CHILD = r"""
import json, sys, time
kind, data_dir, out_path, seconds, profile = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4]), sys.argv[5] == "1"
WARMUP_S = %r

if kind == "app":
    from awstui.content import load_library
    from awstui.paths import content_dirs, resolve_data_dir
    from awstui.state import open_store
    from awstui.tui.app import AwsTuiApp as Base

    data = resolve_data_dir(data_dir)
    library = load_library(content_dirs(data, None))
    store = open_store(data)
    args, kwargs = (library, store), {"notices": getattr(store, "notices", ())}
else:
    from textual.app import App as Base
    from textual.widgets import Static

    store = None
    args, kwargs = (), {}

counts = {"frames": 0, "saves": 0, "polls": 0}


class Bench(Base):
    if kind == "app":  # CSS_PATH is relative to the class's file; this class has none
        import inspect
        _BASE_PATH = inspect.getfile(Base)
    else:
        def compose(self):
            yield Static("Hello from a bare Textual app")

    def on_ready(self) -> None:
        self.call_after_refresh(self._bench_start)

    async def _bench_start(self) -> None:
        if kind == "app":
            await self.action_show_view("exam")
            self.view("exam").start_full_exam()
            for name in ("save_progress", "poll_external"):
                method = getattr(self.store, name)

                def counted(*a, _m=method, _n=name, **k):
                    counts["saves" if _n == "save_progress" else "polls"] += 1
                    return _m(*a, **k)

                setattr(self.store, name, counted)
        screen = self.screen
        refresh = screen._compositor_refresh

        def counted_refresh():
            refresh()
            counts["frames"] += 1

        screen._compositor_refresh = counted_refresh
        self.set_timer(WARMUP_S, self._bench_idle)

    def _bench_idle(self) -> None:
        self._t0, self._c0 = time.monotonic(), time.process_time()
        for key in counts:
            counts[key] = 0
        if profile:
            import cProfile
            self._prof = cProfile.Profile()
            self._prof.enable()
        self.set_timer(seconds, self._bench_done)

    def _bench_done(self) -> None:
        cpu, wall = time.process_time() - self._c0, time.monotonic() - self._t0
        info = {"cpu_s": cpu, "wall_s": wall, **counts}
        if kind == "app":
            exam = self.view("exam")
            info["view"] = self.current_view
            info["panel"] = exam.panel
            info["questions"] = len(exam.session) if exam.session else 0
            info["running"] = exam.exam_running()
        if profile:
            import io, pstats
            self._prof.disable()
            buf = io.StringIO()
            pstats.Stats(self._prof, stream=buf).sort_stats("tottime").print_stats(15)
            stats = pstats.Stats(self._prof, stream=buf)
            stats.sort_stats("cumulative").print_stats(40)
            info["profile"] = buf.getvalue()
        with open(out_path, "w") as f:
            json.dump(info, f)
        self.exit(0)


try:
    Bench(*args, **kwargs).run(headless=True, size=(%d, %d))
finally:
    if store is not None:
        store.close()
""" % (WARMUP_S, *SIZE)  # noqa: UP031 (the child's code is full of braces)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="10 seconds instead of 60")
    parser.add_argument("--seconds", type=float, default=None)
    parser.add_argument("--profile", action="store_true", help="cProfile the awstui child's idle window")
    args = parser.parse_args(argv)
    seconds = args.seconds or (10.0 if args.quick else 60.0)

    root = Path(tempfile.mkdtemp(prefix="awstui-bench-idle-"))
    noise = Noise()
    env = dict(os.environ, COLUMNS=str(SIZE[0]), LINES=str(SIZE[1]))
    env.pop("AWSTUI_DATA_DIR", None)
    procs = {}
    try:
        for kind in ("app", "bare"):
            procs[kind] = subprocess.Popen(
                [
                    sys.executable,
                    "-c",
                    CHILD,
                    kind,
                    str(root / kind),
                    str(root / f"{kind}.json"),
                    str(seconds),
                    "1" if (args.profile and kind == "app") else "0",
                ],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        results = {}
        for kind, proc in procs.items():
            out, err = proc.communicate(timeout=seconds + 120)
            path = root / f"{kind}.json"
            if proc.returncode != 0 or not path.exists():
                raise SystemExit(f"{kind} child failed ({proc.returncode}):\n{out}\n{err}")
            results[kind] = json.loads(path.read_text())
    finally:
        for proc in procs.values():
            if proc.poll() is None:
                proc.kill()
        shutil.rmtree(root, ignore_errors=True)

    app, bare = results["app"], results["bare"]
    print(
        f"exam idle benchmark: {seconds:.0f} s idle in each child (after {WARMUP_S:.0f} s to settle), run side by "
        f"side, headless {SIZE[0]}x{SIZE[1]}"
    )
    print(
        f"check: awstui view={app['view']!r} panel={app['panel']!r} exam running={app['running']} "
        f"with {app['questions']} questions"
    )
    bare_pct = 100 * bare["cpu_s"] / bare["wall_s"]
    rows = []
    for label, r, ref in (("reference: bare one-Static app", bare, True), ("awstui, full exam on screen", app, False)):
        pct = 100 * r["cpu_s"] / r["wall_s"]
        rows.append(
            [
                label,
                f"{r['wall_s']:.1f}",
                f"{r['cpu_s']:.3f}",
                f"{pct:.2f}" if pct >= 0.1 else f"{pct:.3f}",
                f"{r['frames'] / r['wall_s']:.1f}",
                "" if ref else f"{r['saves']}",
                "" if ref else f"{r['polls']}",
                f"{pct / bare_pct:.1f}" if bare_pct > 0 else "-",
                "" if ref else f"< {TARGET_PCT:.0f} %",
                "" if ref else met(pct < TARGET_PCT),
            ]
        )
    print_table(
        "CPU while idle (x ref = ratio of the % to the bare app's, same run)",
        ["what", "wall s", "cpu s", "% of a core", "frames/s", "saves", "polls", "x ref", "target", ""],
        rows,
    )
    if args.profile:
        print("\nprofile of the awstui child's idle window:\n" + app["profile"])
    print(noise.report())
    return 0


if __name__ == "__main__":
    sys.exit(main())
