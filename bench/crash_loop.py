"""Crash loop: kill a writer with SIGKILL at random moments; nothing acknowledged may be lost.

    python bench/crash_loop.py --kills 1000           # prints a table of the figures
    python bench/crash_loop.py --kills 200 --json     # what the test runs (tests/unit/state)

How it works. One helper process (the "zygote") imports ``awstui.state`` once; for every kill
it forks a fresh writer, so a kill costs a fork, not an interpreter start. The writer opens
the store with ``open_store`` (recovery checks, daily backup) and makes changes of every
kind: ticks, written answers, settings, reviews, questions of the learner's own, exam answers
and finished attempts, backups and WAL checkpoints now and then. After each commit returns it
appends one line to an ack file (one ``write()``: a line is either whole or absent). The
driver sleeps a random time, SIGKILLs the writer, then reopens the store itself and checks
that it opens without recovery, passes ``PRAGMA integrity_check``, and holds every
acknowledged change. Every ``--round`` kills a new data dir is started, and the first kill of
a round comes early, to land while the file is being created.

Figures: kills, acknowledged changes, lost acknowledged changes, unopenable files (the two
targets are 0 and 0), writer errors.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

EXAM_SIZE = 65


# ---------------------------------------------------------------------- the writer (in a forked child)


def _writer(data_dir: str, ack_path: str, tag: str, seed: int) -> None:
    from awstui.state import backup_now, open_store

    rng = random.Random(seed)
    ack = os.open(ack_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)

    def acked(line: str) -> None:
        os.write(ack, (line + "\n").encode())

    store = open_store(Path(data_dir))
    if store.notices:
        acked("NOTICE " + " | ".join(store.notices).replace("\n", " "))
    qids = [f"{tag}-e{j}" for j in range(EXAM_SIZE)]
    attempt = None
    answered = 0
    for i in range(100_000):
        roll = rng.random()
        if roll < 0.02:
            backup_now(store, label=tag)
            continue
        if roll < 0.03:
            store._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            continue
        kind = i % 8
        if kind in (0, 1):
            qid = f"{tag}-q{i}"
            store.tick_question(qid)
            acked(f"q {qid}")
        elif kind == 2:
            qid = f"{tag}-q{i}"
            size = rng.choice((10, 300, 5000))
            store.save_answer(qid, f"answer {i} " + "x" * size)
            acked(f"a {qid} {i} {size}")
        elif kind == 3:
            key = f"{tag}-s{i}"
            store.set_setting(key, {"i": i})
            acked(f"s {key} {i}")
        elif kind == 4:
            sid = f"{tag}-svc{i}"
            store.mark_reviewed(sid)
            acked(f"r {sid}")
        elif kind == 5:
            qid = store.add_question("s3", f"own question {i}")
            acked(f"l {qid} {i}")
        else:
            if attempt is None:
                orders = {q: rng.sample(range(4), 4) for q in qids}
                attempt = store.create_attempt("practice", {"tag": tag}, qids, orders, 7800.0)
                answered = 0
                acked(f"c {attempt}")
            pick = rng.randrange(4)
            store.record_exam_answer(attempt, qids[answered], [pick], float(i))
            acked(f"e {attempt} {qids[answered]} {pick}")
            answered += 1
            if answered == 20:
                assert store.finish_attempt(attempt, "submitted", {"percent": 50.0, "tag": tag}, float(i))
                acked(f"f {attempt}")
                attempt = None


def _zygote() -> int:
    """Read commands on stdin; fork writers; reap them. Imports ``awstui.state`` once."""
    import awstui.state  # noqa: F401  (imported once, shared by every fork)

    out = sys.stdout
    for line in sys.stdin:
        cmd = json.loads(line)
        if cmd["cmd"] == "spawn":
            out.flush()
            pid = os.fork()
            if pid == 0:  # the writer
                code = 0
                try:
                    os.setpgid(0, 0)
                    _writer(cmd["dir"], cmd["ack"], cmd["tag"], cmd["seed"])
                except BaseException as err:
                    try:
                        with open(cmd["ack"], "a") as fh:
                            fh.write(f"ERROR {type(err).__name__}: {err}\n".replace("\n", " ") + "\n")
                    finally:
                        code = 3
                os._exit(code)
            out.write(f"{pid}\n")
            out.flush()
        elif cmd["cmd"] == "reap":
            _, status = os.waitpid(cmd["pid"], 0)
            out.write(f"{status}\n")
            out.flush()
        else:
            return 0
    return 0


# ---------------------------------------------------------------------- the driver


def _read_acks(path: Path) -> tuple[list[str], list[str]]:
    try:
        text = path.read_text()
    except FileNotFoundError:
        return [], []
    lines = text.split("\n")[:-1]  # the part after the last newline was not acknowledged
    errors = [ln for ln in lines if ln.startswith(("ERROR", "NOTICE"))]
    return [ln for ln in lines if not ln.startswith(("ERROR", "NOTICE"))], errors


def _missing(store, acks: list[str]) -> list[str]:
    qs = store.question_states()
    ss = store.service_states()
    settings = store.settings()
    own = {q.id: q.text for q in store.learner_questions()}
    attempts = {a.id: a for a in store.attempts()}
    lost = []
    for ack in acks:
        kind, *rest = ack.split(" ")
        if kind == "q":
            ok = rest[0] in qs and qs[rest[0]].answered
        elif kind == "a":
            state = qs.get(rest[0])
            ok = state is not None and state.answer == f"answer {rest[1]} " + "x" * int(rest[2])
        elif kind == "s":
            ok = settings.get(rest[0]) == {"i": int(rest[1])}
        elif kind == "r":
            ok = rest[0] in ss and ss[rest[0]].reviewed
        elif kind == "l":
            ok = own.get(rest[0]) == f"own question {rest[1]}"
        elif kind == "c":
            ok = int(rest[0]) in attempts
        elif kind == "e":
            a = attempts.get(int(rest[0]))
            ok = a is not None and a.answers.get(rest[1]) == [int(rest[2])]
        elif kind == "f":
            a = attempts.get(int(rest[0]))
            ok = a is not None and a.status == "submitted" and a.result and a.result.get("percent") == 50.0
        else:
            ok = False
        if not ok:
            lost.append(ack)
    return lost


def run(kills: int, *, seed: int, max_delay: float, round_size: int, workdir: Path | None, log=None) -> dict:
    from awstui.state import Store, StoreError, list_backups, open_store

    rng = random.Random(seed)
    root = Path(workdir or tempfile.mkdtemp(prefix="awstui-crash-"))
    zygote = subprocess.Popen(
        [sys.executable, os.path.abspath(__file__), "--zygote"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        bufsize=1,
    )

    def ask(cmd: dict) -> str:
        zygote.stdin.write(json.dumps(cmd) + "\n")
        zygote.stdin.flush()
        return zygote.stdout.readline().strip()

    figures = {
        "kills": 0,
        "rounds": 0,
        "acknowledged": 0,
        "lost": 0,
        "unopenable": 0,
        "writer_errors": 0,
        "recovery_notices": 0,
        "bad_backups": 0,
        "exited_before_kill": 0,
        "killed_before_first_ack": 0,
        "lost_examples": [],
        "problems": [],
    }
    started = time.perf_counter()
    data_dir = None
    acks: list[str] = []
    try:
        for k in range(kills):
            if k % round_size == 0:
                figures["rounds"] += 1
                data_dir = root / f"round{figures['rounds']:04d}"
                acks = []
                delay = rng.uniform(0, 0.015)  # early: while the file is being created
            else:
                delay = rng.uniform(0, max_delay)
            ack_path = root / f"acks-{k}.txt"
            pid = int(
                ask(
                    {
                        "cmd": "spawn",
                        "dir": str(data_dir),
                        "ack": str(ack_path),
                        "tag": f"k{k}",
                        "seed": rng.randrange(2**31),
                    }
                )
            )
            time.sleep(delay)
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            status = int(ask({"cmd": "reap", "pid": pid}))
            if not (os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL):
                figures["exited_before_kill"] += 1
            figures["kills"] += 1
            new, errors = _read_acks(ack_path)
            ack_path.unlink(missing_ok=True)
            for e in errors:
                if e.startswith("ERROR"):
                    figures["writer_errors"] += 1
                else:
                    figures["recovery_notices"] += 1
                figures["problems"].append(f"kill {k}: {e}"[:300])
            acks.extend(new)
            figures["acknowledged"] += len(new)
            figures["killed_before_first_ack"] += not new  # during start-up, open or creation
            try:
                store = open_store(data_dir, backup=False)
            except StoreError as err:
                figures["unopenable"] += 1
                figures["problems"].append(f"kill {k}: cannot open: {err}"[:300])
                data_dir = root / f"round{figures['rounds']:04d}-after-{k}"
                continue
            try:
                if store.notices:  # recovery happened: the file was not openable as it was
                    figures["unopenable"] += 1
                    figures["problems"].append(f"kill {k}: {' | '.join(store.notices)}"[:300])
                check = store._conn.execute("PRAGMA integrity_check").fetchall()
                if check != [("ok",)]:
                    figures["unopenable"] += 1
                    figures["problems"].append(f"kill {k}: integrity_check: {check[:3]}")
                lost = _missing(store, acks)
            finally:
                store.close()
            if lost:
                figures["lost"] += len(lost)
                figures["lost_examples"].extend(f"kill {k}: {x}" for x in lost[:3])
                gone = set(lost)
                acks = [a for a in acks if a not in gone]  # count each loss once
            if log and (k + 1) % 100 == 0:
                log(
                    f"{k + 1} kills, {figures['acknowledged']} acknowledged, {figures['lost']} lost, "
                    f"{figures['unopenable']} unopenable, {time.perf_counter() - started:.1f} s"
                )
        # every backup left behind must itself be a readable awstui database
        for rdir in sorted(root.glob("round*")):
            for b in list_backups(rdir):
                try:
                    Store(b.path).close()
                except StoreError as err:
                    figures["bad_backups"] += 1
                    figures["problems"].append(f"backup {b.path}: {err}"[:300])
    finally:
        with contextlib.suppress(BrokenPipeError, ValueError, OSError):
            ask({"cmd": "quit"})
        zygote.wait(timeout=10)
    figures["seconds"] = round(time.perf_counter() - started, 2)
    figures["workdir"] = str(root)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--max-delay", type=float, default=0.06, help="longest wait before a kill (s)")
    parser.add_argument("--round", type=int, default=25, dest="round_size", help="kills per data dir")
    parser.add_argument("--dir", type=Path, default=None, help="work folder (default: a new temp dir)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--zygote", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.zygote:
        return _zygote()
    seed = args.seed if args.seed is not None else random.randrange(2**31)
    log = None if args.json else (lambda msg: print(msg, file=sys.stderr, flush=True))
    figures = run(
        args.kills, seed=seed, max_delay=args.max_delay, round_size=args.round_size, workdir=args.dir, log=log
    )
    figures["seed"] = seed
    if not args.keep and args.dir is None and figures["lost"] == 0 and figures["unopenable"] == 0:
        import shutil

        shutil.rmtree(figures["workdir"], ignore_errors=True)
    if args.json:
        print(json.dumps(figures))
    else:
        print(f"\ncrash loop (seed {seed}, {figures['seconds']} s, work dir {figures['workdir']})")
        for key in (
            "kills",
            "rounds",
            "acknowledged",
            "lost",
            "unopenable",
            "writer_errors",
            "recovery_notices",
            "bad_backups",
            "exited_before_kill",
            "killed_before_first_ack",
        ):
            print(f"  {key:<24} {figures[key]:>8}")
        for problem in figures["problems"][:10] + figures["lost_examples"][:10]:
            print("  !", problem)
    return 0 if figures["lost"] == 0 and figures["unopenable"] == 0 and figures["writer_errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
