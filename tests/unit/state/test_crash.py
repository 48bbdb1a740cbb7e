"""Crash safety: a writer SIGKILLed at random moments, at least 200 times. Every acknowledged
change is there afterwards, and the file opens (without recovery) and passes integrity_check.

The loop itself is ``bench/crash_loop.py`` (which runs 1,000+ kills and prints the figures);
this test runs it with 200 and checks its figures.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

CRASH_LOOP = Path(__file__).resolve().parents[3] / "bench" / "crash_loop.py"

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the crash loop forks writers (POSIX)")


@pytest.mark.slow
def test_200_kills_lose_nothing_acknowledged(tmp_path):
    seed = int.from_bytes(os.urandom(4), "big")
    out = subprocess.run(
        [sys.executable, str(CRASH_LOOP), "--kills", "200", "--json", "--seed", str(seed), "--dir", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode in (0, 1), out.stderr
    figures = json.loads(out.stdout)
    context = f"seed {seed}: {figures['problems'][:5]} {figures['lost_examples'][:5]}"
    assert figures["kills"] == 200
    assert figures["lost"] == 0, context
    assert figures["unopenable"] == 0, context
    assert figures["writer_errors"] == 0, context
    assert figures["bad_backups"] == 0, context
    assert figures["acknowledged"] > 0  # not vacuous (how many is a speed figure: ~1,600 idle, far fewer under load)
    assert figures["exited_before_kill"] == 0  # every writer was killed mid-flight


def test_the_crash_checker_notices_a_lost_change(tmp_path):
    """The loop's verifier is not a rubber stamp: an acknowledged change that is missing is counted."""
    sys.path.insert(0, str(CRASH_LOOP.parent))
    try:
        import crash_loop
    finally:
        sys.path.remove(str(CRASH_LOOP.parent))
    from awstui.state import Store

    with Store(tmp_path / "state.db") as store:
        store.tick_question("k0-q0")
        store.save_answer("k0-q2", "answer 2 " + "x" * 10)
        acks = [
            "q k0-q0",
            "a k0-q2 2 10",
            "q k0-q8",
            "s k0-s3 3",
            "r k0-svc4",
            "l mine-x 5",
            "c 1",
            "e 1 k0-e0 2",
            "f 1",
        ]
        assert crash_loop._missing(store, acks) == acks[2:]
