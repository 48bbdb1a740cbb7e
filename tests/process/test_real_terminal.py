"""The real app in a real pseudo-terminal (hardening items 1, 9, 15): what is typed in an editor
survives a SIGKILL and a SIGTERM, a SIGTERM / SIGHUP restores the terminal and saves, ctrl+z
stops the process for real and it comes back on SIGCONT.

Each test runs ``python -m awstui --data-dir D`` (this worktree's ``src`` first on the path)
in a pty of 120×36, types keys into it, and reads the state back from ``D/state.db`` with
sqlite3. Waits poll for a condition with a generous deadline; nothing asserts a speed."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import signal
import sqlite3
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
DEADLINE_S = 20.0
ALT_SCREEN_OFF = b"\x1b[?1049l"
MOUSE_OFF = b"\x1b[?1000l"
ANSI = re.compile(rb"\x1b\[[0-9;?<>=$]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>78]")

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and ptys")


def _controlling_tty() -> None:  # in the child, between fork and exec: the pty is its terminal
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class Terminal:
    """The app on the slave side of a pty; everything it writes is collected from the master."""

    def __init__(self, data_dir: Path) -> None:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 36, 120, 0, 0))
        env = {**os.environ, "PYTHONPATH": str(SRC), "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "36"}
        env.pop("TEXTUAL", None)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "awstui", "--data-dir", str(data_dir)],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
            preexec_fn=_controlling_tty,
            close_fds=True,
        )
        os.close(slave)
        self.master = master
        self.output = bytearray()
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return
            if not chunk:
                return
            with self._lock:
                self.output += chunk

    def text(self) -> str:
        """What was written so far, escape sequences taken out."""
        with self._lock:
            raw = bytes(self.output)
        return ANSI.sub(b"", raw).decode("utf-8", "replace")

    def raw(self) -> bytes:
        with self._lock:
            return bytes(self.output)

    def wait_for(self, what: str) -> None:
        wait_until(lambda: what in self.text(), f"{what!r} on screen", self)

    def type(self, keys: str | bytes) -> None:
        os.write(self.master, keys.encode() if isinstance(keys, str) else keys)

    def exit_code(self) -> int:
        try:
            return self.proc.wait(DEADLINE_S)
        except subprocess.TimeoutExpired:
            self.close()
            pytest.fail(f"the app did not exit; screen:\n{self.text()[-2000:]}")

    def hang_up(self) -> None:
        """The terminal window closes: the master side goes (the kernel sends SIGHUP)."""
        os.close(self.master)
        self.master = -1

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(DEADLINE_S)
        if self.master >= 0:
            os.close(self.master)
            self.master = -1
        self._reader.join(5)


def wait_until(condition, what: str, term: Terminal | None = None) -> None:
    deadline = time.monotonic() + DEADLINE_S
    while not condition():
        if time.monotonic() > deadline:
            tail = term.text()[-2000:] if term is not None else ""
            pytest.fail(f"waited {DEADLINE_S:.0f} s for {what}; screen so far:\n{tail}")
        time.sleep(0.05)


def rows(data_dir: Path, sql: str) -> list[tuple]:
    path = data_dir / "state.db"
    if not path.exists():
        return []
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
    try:
        return conn.execute(sql).fetchall()
    except sqlite3.OperationalError:
        return []  # not created yet
    finally:
        conn.close()


def drafts(data_dir: Path) -> dict[str, str]:
    return dict(rows(data_dir, "SELECT key, text FROM draft"))


@pytest.fixture
def data_dir(tmp_path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def start(data_dir):
    terms: list[Terminal] = []

    def run() -> Terminal:
        term = Terminal(data_dir)
        terms.append(term)
        term.wait_for("Questions")  # the first frame, with the view tabs
        return term

    yield run
    for term in terms:
        term.close()


def open_answer_editor(term: Terminal) -> None:
    term.type("2")
    term.wait_for("answered")  # the Questions view ("0 of 19 answered")
    term.type("\r")
    term.wait_for("escape or ctrl+s")


def answer_restored(start, data_dir: Path, typed: str) -> None:
    """Restart: the answer editor opens on the draft, says so, and escape saves it."""
    term = start()
    open_answer_editor(term)
    term.wait_for("Your draft from")
    term.type("\x1b")
    wait_until(lambda: typed in [a for (a,) in rows(data_dir, "SELECT answer FROM question_state")], "the saved answer")
    wait_until(lambda: drafts(data_dir) == {}, "the draft dropped once saved")  # (its own commit, just after)
    term.type("q")
    assert term.exit_code() == 0


def test_what_is_typed_in_the_editor_survives_a_sigkill(start, data_dir):
    term = start()
    open_answer_editor(term)
    term.type("killed-mid-sentence")
    # kept while the editor is still open, at most DRAFT_DELAY_S behind the typing
    wait_until(lambda: "killed-mid-sentence" in drafts(data_dir).values(), "the draft in state.db", term)
    term.proc.send_signal(signal.SIGKILL)
    assert term.exit_code() == -signal.SIGKILL
    answer_restored(start, data_dir, "killed-mid-sentence")


def test_sigterm_saves_the_editor_text_and_restores_the_terminal(start, data_dir):
    term = start()
    open_answer_editor(term)
    term.type("terminated-text")
    term.wait_for("terminated-text")  # the app has read the keys
    before = len(term.raw())
    term.proc.send_signal(signal.SIGTERM)  # at once: the throttle has not written it yet, the quit path does
    assert term.exit_code() == 0
    wait_until(lambda: ALT_SCREEN_OFF in term.raw()[before:], "the alternate screen switched off", term)
    after = term.raw()[before:]
    assert MOUSE_OFF in after  # mouse reporting off again
    assert list(drafts(data_dir).values()) == ["terminated-text"]
    answer_restored(start, data_dir, "terminated-text")


def test_closing_the_terminal_saves_the_editor_text(start, data_dir):
    """The kernel sends SIGHUP: saved like SIGTERM (the restart is checked above)."""
    term = start()
    open_answer_editor(term)
    term.type("window-closed")
    term.wait_for("window-closed")
    term.hang_up()
    assert term.exit_code() == 0
    assert list(drafts(data_dir).values()) == ["window-closed"]


def _state(pid: int) -> str:
    with open(f"/proc/{pid}/stat") as f:
        return f.read().rsplit(")", 1)[1].split()[0]


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process state from /proc")
def test_ctrl_z_suspends_for_real_and_sigcont_brings_the_app_back(start, data_dir):
    term = start()
    before = len(term.raw())
    term.type("\x1a")  # ctrl+z
    wait_until(lambda: _state(term.proc.pid) == "T", "the process stopped", term)
    # the terminal was given back to the shell (the reader thread may still be copying it out)
    wait_until(lambda: ALT_SCREEN_OFF in term.raw()[before:], "the alternate screen switched off", term)
    os.kill(term.proc.pid, signal.SIGCONT)  # what the shell's fg sends
    wait_until(lambda: _state(term.proc.pid) != "T", "the process running again", term)
    term.type("2")
    term.wait_for("answered")  # it answers keys again
    term.type("q")
    assert term.exit_code() == 0


def test_time_while_stopped_is_not_charged_to_the_exam(start, data_dir):
    """SIGSTOP for STOP_S during a full exam, SIGCONT: the exam charged at most the time the
    process ran (the bound has a margin of a second; without the fix the stop is charged whole)."""
    stop_s = 3.0
    term = start()
    term.type("3")
    term.wait_for("Weak spots")  # the Exam home
    started = time.monotonic()
    term.type("f")  # a full exam starts at once
    wait_until(lambda: rows(data_dir, "SELECT id FROM attempt"), "the attempt in state.db", term)
    time.sleep(0.5)
    term.proc.send_signal(signal.SIGSTOP)
    time.sleep(stop_s)
    term.proc.send_signal(signal.SIGCONT)
    time.sleep(0.5)
    term.type("q")
    term.wait_for("Quit during the exam?")
    term.type("y")
    assert term.exit_code() == 0
    wall = time.monotonic() - started
    ((used, status),) = rows(data_dir, "SELECT time_used_s, status FROM attempt")
    assert status == "in_progress"
    assert 0 < used < wall - stop_s + 1.0, (used, wall)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process state from /proc")
def test_after_ctrl_z_and_fg_the_whole_screen_is_drawn_again(start, data_dir):
    """Coming back, the driver re-enters the alternate screen (blank): the app repaints all of
    it, not only what changes next (before, the screen stayed blank until a key was pressed)."""
    term = start()
    term.wait_for("Your annotation")
    term.type("\x1a")  # ctrl+z
    wait_until(lambda: _state(term.proc.pid) == "T", "the process stopped", term)
    back = len(term.raw())
    os.kill(term.proc.pid, signal.SIGCONT)  # what the shell's fg sends
    after = lambda: ANSI.sub(b"", term.raw()[back:]).decode("utf-8", "replace")  # noqa: E731
    wait_until(lambda: "Your annotation" in after() and "Amazon EC2" in after(), "the screen drawn again", term)
    term.type("q")
    assert term.exit_code() == 0
