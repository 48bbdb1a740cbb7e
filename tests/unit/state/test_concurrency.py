"""Two processes, 500 changes each, at the same moment, on the same (not yet existing) file:
all 1,000 are there, and no "database is locked" reached either caller."""

from __future__ import annotations

import json
import subprocess
import sys
import time

from awstui.state import Store

CHANGES = 500

WRITER = r"""
import json, os, sys, time
from pathlib import Path
from awstui.state import Store

path, name, go = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
out = {"errors": [], "own": [], "slowest_ms": 0.0}
store = None
try:
    store = Store(path)
    Path(str(go) + "-ready-" + name).touch()
    while not go.exists():
        time.sleep(0.0005)
    out["start"] = time.time()
    for i in range(%(changes)d):
        started = time.perf_counter()
        try:
            kind = i %% 10
            if kind in (0, 1):
                store.tick_question(f"{name}-q{i}")
            elif kind == 2:
                store.save_answer(f"{name}-q{i}", f"answer {i} from {name}")
            elif kind == 3:
                store.set_setting(f"{name}-k{i}", {"i": i})
            elif kind == 4:   # the SAME row from both processes, a different field each
                if name == "a":
                    store.mark_reviewed(f"shared-{i}")
                else:
                    store.save_annotation(f"shared-{i}", f"note from {name}")
            elif kind == 5:
                out["own"].append(store.add_question("s3", f"{name} {i}"))
            elif kind == 6:
                store.toggle_question("shared-toggle")
            elif kind == 7:
                store.save_answer("shared-answer", f"{name} {i}")
            elif kind == 8:
                store.record_exam_answer(int(sys.argv[4]), f"e{i %% 65}", [i %% 4], float(i))
            else:
                store.toggle_reviewed(f"{name}-svc{i}")
        except Exception as err:
            out["errors"].append(f"{i}: {type(err).__name__}: {err}")
        out["slowest_ms"] = max(out["slowest_ms"], (time.perf_counter() - started) * 1000)
    out["end"] = time.time()
except Exception as err:
    out["errors"].append(f"open: {type(err).__name__}: {err}")
finally:
    if store is not None:
        store.close()
print(json.dumps(out))
""" % {"changes": CHANGES}  # noqa: UP031 - a child script: its braces are f-strings


def test_two_processes_500_changes_each_lose_nothing(tmp_path):
    path = tmp_path / "data" / "state.db"
    go = tmp_path / "go"
    # an exam attempt both answer into
    path.parent.mkdir(parents=True)
    with Store(path) as s:
        assert s.create_attempt("full", {}, [f"e{j}" for j in range(65)], {}, None) == 1
    procs = []
    for name in ("a", "b"):
        procs.append(
            subprocess.Popen(
                [sys.executable, "-c", WRITER, str(path), name, str(go), "1"],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        )
    deadline = time.monotonic() + 60
    while not all((tmp_path / f"go-ready-{n}").exists() for n in "ab"):  # both open, both waiting
        assert time.monotonic() < deadline and all(p.poll() is None for p in procs)
        time.sleep(0.005)
    go.touch()
    results = {}
    for name, proc in zip(("a", "b"), procs, strict=False):
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        results[name] = json.loads(out)

    for r in results.values():
        assert r["errors"] == [], r["errors"][:5]  # in particular no "database is locked"
        assert len(r["own"]) == CHANGES // 10
    a, b = results["a"], results["b"]
    overlap = min(a["end"], b["end"]) - max(a["start"], b["start"])
    assert overlap > 0.5 * min(a["end"] - a["start"], b["end"] - b["start"]), "the writers did not overlap"

    with Store(path) as s:
        qs, ss, settings = s.question_states(), s.service_states(), s.settings()
        own = {q.id for q in s.learner_questions()}
        attempt = s.attempt(1)
        assert s._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    found = 0
    for name in ("a", "b"):
        for i in range(CHANGES):
            kind = i % 10
            if kind in (0, 1):
                assert qs[f"{name}-q{i}"].answered
            elif kind == 2:
                assert qs[f"{name}-q{i}"].answer == f"answer {i} from {name}"
            elif kind == 3:
                assert settings[f"{name}-k{i}"] == {"i": i}
            elif kind == 4:
                if name == "a":
                    assert ss[f"shared-{i}"].reviewed
                else:
                    assert ss[f"shared-{i}"].annotation == "note from b"
            elif kind == 9:
                assert ss[f"{name}-svc{i}"].review_count == 1
            found += 1
        assert set(results[name]["own"]) <= own
    # the shared items: every toggle counted (100 toggles, an even number: back to not answered)
    assert qs["shared-toggle"].answered is False
    assert qs["shared-answer"].answer in {f"a {CHANGES - 3}", f"b {CHANGES - 3}"}
    assert len(own) == 2 * CHANGES // 10
    assert sorted(attempt.answers) == sorted({f"e{i % 65}" for i in range(CHANGES) if i % 10 == 8})
    assert found == 2 * CHANGES
    print(
        f"\n2 x {CHANGES} changes in {max(a['end'], b['end']) - min(a['start'], b['start']):.2f} s "
        f"(overlap {overlap:.2f} s); slowest single change: a {a['slowest_ms']:.0f} ms, b {b['slowest_ms']:.0f} ms"
    )


CREATOR = r"""
import sys, time
from pathlib import Path
from awstui.state import Store
go = Path(sys.argv[2])
while not go.exists():
    time.sleep(0.0005)
with Store(Path(sys.argv[1])) as s:
    s.tick_question(sys.argv[3])
"""


def test_several_processes_creating_the_file_at_once(tmp_path):
    path, go = tmp_path / "state.db", tmp_path / "go"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", CREATOR, str(path), str(go), f"q{n}"], stderr=subprocess.PIPE, text=True
        )
        for n in range(4)
    ]
    time.sleep(0.5)
    go.touch()
    for p in procs:
        _, err = p.communicate(timeout=60)
        assert p.returncode == 0, err
    with Store(path) as s:
        assert sorted(s.question_states()) == ["q0", "q1", "q2", "q3"]
