"""Shared bits of the benchmarks: statistics, a table printer, and how noisy the machine was.

Not a benchmark itself (the leading underscore). The scripts import it as ``_benchutil``
(``python bench/x.py`` puts ``bench/`` first on ``sys.path``).
"""

from __future__ import annotations

import os
import statistics
import time
from pathlib import Path

FRAME_MS = 16.0  # about one frame at 60 fps: the "feels instant" budget of the targets


def median(values: list[float]) -> float:
    return statistics.median(values)


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) >= 20 else max(values)


def met(ok: bool) -> str:
    return "met" if ok else "NOT met"


def print_table(title: str, headers: list[str], rows: list[list[object]], aligns: str | None = None) -> None:
    """A plain fixed-width table: the first column left-aligned, the rest right-aligned."""
    cells = [[str(h) for h in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    aligns = aligns or ("<" + ">" * (len(headers) - 1))
    print(f"\n{title}")
    for n, row in enumerate(cells):
        print("  ".join(f"{c:{a}{w}}" for c, a, w in zip(row, aligns, widths, strict=False)).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))


def _cpu_jiffies() -> tuple[int, int] | None:
    """(busy, total) jiffies of the whole machine, from /proc/stat (Linux only)."""
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    except OSError:
        return None
    values = [int(v) for v in fields]
    idle = values[3] + (values[4] if len(values) > 4 else 0)  # idle + iowait
    return sum(values) - idle, sum(values)


class Noise:
    """How busy the machine was while a benchmark ran: load average and whole-machine CPU use,
    with this process's own CPU use taken out (what *others* did to our timings)."""

    def __init__(self) -> None:
        self.load0 = os.getloadavg()
        self.jiffies0 = _cpu_jiffies()
        self.own0 = _own_cpu()
        self.wall0 = time.monotonic()

    def report(self, children_cpu_s: float = 0.0) -> str:
        load1 = os.getloadavg()
        cores = os.cpu_count() or 1
        wall = time.monotonic() - self.wall0
        text = f"noise: {cores} cores; load average {self.load0[0]:.2f} -> {load1[0]:.2f}"
        j1 = _cpu_jiffies()
        if self.jiffies0 and j1 and j1[1] > self.jiffies0[1]:
            busy = (j1[0] - self.jiffies0[0]) / (j1[1] - self.jiffies0[1])  # fraction of all cores
            own = (_own_cpu() - self.own0 + children_cpu_s) / max(wall, 1e-9) / cores
            others = max(0.0, busy - own)
            text += (
                f"; machine {100 * busy:.0f} % busy over {wall:.0f} s, of which others "
                f"{100 * others:.0f} % of {cores} cores ({others * cores:.2f} cores)"
            )
        return text


def _own_cpu() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


class FrameWatch:
    """Counts the frames a Textual screen renders, to time "change -> last frame on screen".

    A frame is one ``Screen._compositor_refresh`` (layout done, dirty lines rendered; headless
    skips only the terminal write). The wrapper is an instance attribute on the screen, so the
    app's code is untouched. ``settle()`` waits (untimed) until ``quiet_s`` passes with no new
    frame, under ``quiet_cpu_s`` of CPU used and nothing left to lay out or paint.
    """

    def __init__(self, screen, quiet_s: float = 0.025, quiet_cpu_s: float = 0.002) -> None:
        self.screen = screen
        self.frames: list[tuple[float, float]] = []  # (perf_counter, process_time) after each frame
        self.quiet_s, self.quiet_cpu_s = quiet_s, quiet_cpu_s
        refresh = screen._compositor_refresh

        def counted_refresh() -> None:
            refresh()
            self.frames.append((time.perf_counter(), time.process_time()))

        screen._compositor_refresh = counted_refresh

    def dirty(self) -> bool:
        """Work pending on the screen on top (a screen underneath is only painted through it)."""
        s = self.screen.app.screen
        return bool(s._layout_required or s._repaint_required or s._dirty_widgets)

    async def settle(self, timeout_s: float = 5.0) -> None:
        import asyncio

        for _ in range(int(timeout_s / self.quiet_s)):
            seen, cpu = len(self.frames), time.process_time()
            await asyncio.sleep(self.quiet_s)
            if seen == len(self.frames) and not self.dirty() and time.process_time() - cpu < self.quiet_cpu_s:
                return

    async def time(self, change) -> tuple[float, float, int]:
        """Settle, then (wall ms, CPU ms, frames) from ``change()`` (awaited if it returns a
        coroutine) to the last frame rendered before the screen settles again."""
        import asyncio

        await self.settle()
        self.frames.clear()
        start, cpu = time.perf_counter(), time.process_time()
        result = change()
        if asyncio.iscoroutine(result) or isinstance(result, asyncio.Future):
            await result
        await self.settle()
        if not self.frames:
            raise RuntimeError("no frame was rendered after the change")
        end, cpu_end = self.frames[-1]
        return (end - start) * 1000, (cpu_end - cpu) * 1000, len(self.frames)

    def visible(self) -> str:
        """The screen as plain text (renders; call outside the timing)."""
        return "\n".join(strip.text for strip in self.screen._compositor.render_strips())
