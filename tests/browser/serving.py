"""Run ``awstui serve`` and read the page's terminal: shared by tests/browser and
scripts/screenshots.py.

The browser is Debian's ``chromium`` (or ``$AWSTUI_CHROMIUM``), driven by Playwright pointed at
that executable: nothing downloads a browser, and nothing outside the server is fetched (the
page's web-font request is refused).

xterm.js draws on a canvas, so the text is read from its buffer. textual-serve's page keeps its
``Terminal`` in a closure; it stores it as ``this.terminal`` on its own object, so a setter on
``Object.prototype`` (installed before the page's scripts run) catches it as it is assigned.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

CHROMIUM_ENV = "AWSTUI_CHROMIUM"
VIEWPORT = {"width": 1280, "height": 800}

# before the page's scripts: keep the first xterm.js Terminal assigned to any `.terminal`
CATCH_TERMINAL = """
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  set(value) {
    Object.defineProperty(this, "terminal", {value, writable: true, configurable: true, enumerable: true});
    if (value && value.buffer && value.buffer.active && !window.__awstuiTerminal) {
      window.__awstuiTerminal = value;
    }
  },
});
"""

# the visible rows of that terminal as text, or null before it exists
READ_SCREEN = """() => {
  const term = window.__awstuiTerminal;
  if (!term) return null;
  const buffer = term.buffer.active, rows = [];
  for (let y = 0; y < term.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    rows.push(line ? line.translateToString(true) : "");
  }
  return rows.join("\\n");
}"""


def chromium_path() -> str | None:
    """The Chromium to drive: ``$AWSTUI_CHROMIUM``, else ``chromium`` on PATH (Debian's package)."""
    configured = os.environ.get(CHROMIUM_ENV)
    if configured:
        return configured if Path(configured).is_file() else None
    return shutil.which("chromium")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextlib.contextmanager
def served(data_dir: Path, log: Path, timeout: float = 20.0) -> Iterator[str]:
    """``awstui --data-dir DATA_DIR serve`` on a free localhost port; yields its URL, stops it after."""
    port = free_port()
    argv = [sys.executable, "-m", "awstui", "--data-dir", str(data_dir), "serve", "--port", str(port)]
    with log.open("wb") as out:
        proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"awstui serve exited with {proc.returncode}:\n{log.read_text(errors='replace')}")
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
            if time.monotonic() > deadline:
                raise RuntimeError(f"awstui serve did not listen within {timeout} s:\n{log.read_text()}")
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port}/"
    finally:
        proc.terminate()  # SIGTERM: textual-serve shuts down and tells each session's app to quit
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)


def open_app(browser: Any, url: str) -> Any:
    """A new page on ``url``, its requests kept to the server, the terminal caught and focused."""
    page = browser.new_page(viewport=VIEWPORT)
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(url) else route.abort())
    page.add_init_script(CATCH_TERMINAL)
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_function("() => window.__awstuiTerminal !== undefined", timeout=15_000)
    page.locator(".xterm-helper-textarea").focus()
    return page


def screen_text(page: Any) -> str:
    text = page.evaluate(READ_SCREEN)
    return text or ""


def wait_for_screen(page: Any, shown: Callable[[str], bool], what: str, timeout: float = 20.0) -> str:
    """Poll the terminal until ``shown(text)``; the text, or an AssertionError with the last screen."""
    deadline = time.monotonic() + timeout
    text = screen_text(page)
    while not shown(text):
        if time.monotonic() > deadline:
            raise AssertionError(f"the terminal did not show {what} within {timeout} s; it showed:\n{text}")
        time.sleep(0.1)
        text = screen_text(page)
    return text
