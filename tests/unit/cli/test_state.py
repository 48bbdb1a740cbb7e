"""awstui stats / export-state / import-state / restore: through the real command line parser.
Failures are one line on stderr with exit code 1; never a traceback."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from datetime import UTC, datetime

import pytest

from awstui.cli import main
from awstui.state import Store, backup_now, open_store


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


@pytest.fixture
def env_data(data_dir):
    """The data dir the environment points at (the conftest sets AWSTUI_DATA_DIR)."""
    assert os.environ["AWSTUI_DATA_DIR"] == str(data_dir)
    return data_dir


def _progress(data_dir):
    store = open_store(data_dir)
    store.mark_reviewed("s3")
    store.mark_reviewed("not-in-content")
    store.tick_question("gone")
    aid = store.create_attempt("full", {}, ["e1"], {}, 60)
    store.finish_attempt(aid, "submitted", {"percent": 75.0, "scaled": 760}, 30)
    store.close()


# ---------------------------------------------------------------------- stats


def test_stats_json_with_nothing_done_creates_nothing(capsys, env_data):
    code, out, err = run(capsys, "stats", "--json")
    assert code == 0, err
    s = json.loads(out)
    assert s["services_total"] > 0 and s["questions_total"] > 0  # from the bundled content
    assert s["services_reviewed"] == 0 and s["attempts"] == 0 and s["best_score"] is None
    assert s["data_dir"] == str(env_data)
    assert not env_data.exists()


def test_stats_json_counts_progress(capsys, env_data):
    _progress(env_data)
    code, out, _ = run(capsys, "stats", "--json")
    s = json.loads(out)
    assert code == 0
    assert s["services_reviewed"] == 1  # s3 is bundled; the other is kept but not counted
    assert s["attempts"] == 1 and s["best_score"] == 75.0 and s["last_score"] == 75.0
    assert s["orphaned_services"] == 1 and s["orphaned_questions"] == 1


def test_stats_for_the_terminal(capsys, env_data):
    _progress(env_data)
    code, out, _ = run(capsys, "stats")
    assert code == 0
    assert "Services reviewed" in out and "1 / " in out
    assert "Best score" in out and "75.0%" in out
    assert str(env_data) in out.replace("\n", "")


def test_the_data_dir_flag_wins(capsys, tmp_path, env_data):
    flagged = tmp_path / "flagged"
    _progress(flagged)
    code, out, _ = run(capsys, "--data-dir", str(flagged), "stats", "--json")
    assert code == 0 and json.loads(out)["data_dir"] == str(flagged)
    assert json.loads(out)["attempts"] == 1


def test_stats_with_extra_content(capsys, tmp_path, env_data):
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "questions.toml").write_text('[[question]]\nid = "extra-q"\nservices = ["s3"]\ntext = "Extra?"\n')
    _, base, _ = run(capsys, "stats", "--json")
    code, out, _ = run(capsys, "--content", str(extra), "stats", "--json")
    assert code == 0
    assert json.loads(out)["questions_total"] == json.loads(base)["questions_total"] + 1


def test_stats_refuses_a_newer_database_in_one_line(capsys, env_data):
    open_store(env_data).close()
    import sqlite3

    conn = sqlite3.connect(env_data / "state.db")
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    code, out, err = run(capsys, "stats")
    assert code == 1 and out == ""
    assert err.startswith("awstui: error: ") and "newer awstui" in err and err.count("\n") == 1


def test_stats_tells_about_a_recovered_file(capsys, env_data):
    env_data.mkdir(parents=True)
    (env_data / "state.db").write_bytes(b"junk" * 300)
    code, out, err = run(capsys, "stats", "--json")
    assert code == 0 and "moved to" in err
    assert json.loads(out)["services_reviewed"] == 0


# ---------------------------------------------------------------------- export / import


def test_export_then_import_on_another_machine(capsys, tmp_path, env_data):
    _progress(env_data)
    target = tmp_path / "progress.json"
    code, _, err = run(capsys, "export-state", str(target))
    assert code == 0 and "exported" in err
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    data = json.loads(target.read_text())
    assert data["format"] == "awstui-state" and data["services"]["s3"]["reviewed"] is True

    elsewhere = tmp_path / "elsewhere"
    code, out, err = run(capsys, "--data-dir", str(elsewhere), "import-state", str(target))
    assert code == 0, err
    assert "imported" in out and "services: 2 added" in out
    with Store(elsewhere / "state.db") as s:
        assert s.service_state("s3").reviewed and len(s.attempts()) == 1


def test_export_and_import_name_a_hostile_file_name_escaped(capsys, tmp_path, env_data):
    _progress(env_data)
    target = tmp_path / "st\x1b[2Jate\u202e.json"
    code, _, err = run(capsys, "export-state", str(target))
    assert code == 0 and "\x1b" not in err and "\u202e" not in err and "st\\x1b[2Jate\\u202e.json" in err
    code, out, err = run(capsys, "--data-dir", str(tmp_path / "elsewhere"), "import-state", str(target))
    assert code == 0 and "\x1b" not in out and "\u202e" not in out and "st\\x1b[2Jate\\u202e.json" in out


def test_export_says_how_many_review_cards_and_reviews_it_wrote(capsys, tmp_path, env_data):
    with open_store(env_data) as store:
        store.reviews.grade("exam", "e1", 1)
        store.reviews.grade("exam", "e1", 3)
        store.reviews.grade("own", "o1", 3)
    code, _, err = run(capsys, "export-state", str(tmp_path / "progress.json"))
    assert code == 0 and "2 review cards (3 reviews)" in err, err


def test_export_to_stdout_and_refusing_to_overwrite(capsys, tmp_path, env_data):
    _progress(env_data)
    code, out, _ = run(capsys, "export-state", "-")
    assert code == 0 and json.loads(out)["version"] == 1
    target = tmp_path / "x.json"
    target.write_text("precious")
    code, _, err = run(capsys, "export-state", str(target))
    assert code == 1 and "exists" in err and "--force" in err
    assert target.read_text() == "precious"
    code, _, _ = run(capsys, "export-state", "--force", str(target))
    assert code == 0 and json.loads(target.read_text())["format"] == "awstui-state"


def test_export_with_nothing_done_creates_nothing(capsys, tmp_path, env_data):
    code, out, _ = run(capsys, "export-state", "-")
    assert code == 0 and json.loads(out)["questions"] == {}
    assert not env_data.exists()


def test_import_backs_up_first(capsys, tmp_path, env_data):
    _progress(env_data)
    target = tmp_path / "p.json"
    run(capsys, "export-state", str(target))
    code, _, err = run(capsys, "import-state", str(target))
    assert code == 0 and "backed up" in err
    assert list((env_data / "backups").glob("state-*-pre-import.db"))


@pytest.mark.parametrize(
    "content, message",
    [
        ("{not json", "p.json:1:2: not valid JSON"),
        ('{"format": "awstui-state", "version": 7}', "newer awstui"),
        ('{"format": "awstui-state", "version": 1, "questions": {"q": {"answered": "yes"}}}', "questions.q.answered"),
        ("[1, 2]", "JSON object at the top"),
    ],
)
def test_import_refuses_bad_files_in_one_line_and_creates_nothing(capsys, tmp_path, env_data, content, message):
    bad = tmp_path / "p.json"
    bad.write_text(content)
    code, out, err = run(capsys, "import-state", str(bad))
    assert code == 1 and out == ""
    assert message in err and err.count("\n") == 1
    assert not env_data.exists()


def test_import_of_a_missing_or_binary_file(capsys, tmp_path, env_data):
    code, _, err = run(capsys, "import-state", str(tmp_path / "missing.json"))
    assert code == 1 and "missing.json" in err and err.count("\n") == 1
    binary = tmp_path / "b.json"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    code, _, err = run(capsys, "import-state", str(binary))
    assert code == 1 and "UTF-8" in err


def test_import_refuses_what_is_not_a_regular_file_without_reading_it(capsys, tmp_path, env_data):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)  # reading it would wait forever for a writer
    code, _, err = run(capsys, "import-state", str(fifo))
    assert code == 1 and err == f"awstui: error: {fifo} is not a regular file (a device, pipe or socket): not read\n"
    code, _, err = run(capsys, "import-state", "/dev/zero")  # reading it would never end
    assert code == 1 and "/dev/zero is not a regular file" in err
    assert not (env_data / "state.db").exists()


def test_import_refuses_an_export_over_the_size_limit(capsys, tmp_path, env_data, monkeypatch):
    import io

    from awstui.cli import state as cli_state

    monkeypatch.setattr(cli_state, "MAX_EXPORT_BYTES", 100)
    big = tmp_path / "big.json"
    big.write_text(" " * 101 + "{}")
    code, _, err = run(capsys, "import-state", str(big))
    assert code == 1 and err == f"awstui: error: {big} is 103 bytes, over the 100 byte limit of an export: not read\n"
    monkeypatch.setattr(sys, "stdin", io.StringIO("x" * 101))
    code, _, err = run(capsys, "import-state", "-")
    assert code == 1 and err == "awstui: error: <stdin>: over the 100 byte limit of an export: not read\n"


@pytest.mark.parametrize("argv", [["stats"], ["stats", "--json"], ["export-state", "-"], ["restore"]])
def test_a_data_dir_that_is_a_file_is_refused(capsys, tmp_path, argv):
    not_a_dir = tmp_path / "file"
    not_a_dir.write_text("x")
    code, out, err = run(capsys, "--data-dir", str(not_a_dir), *argv)
    assert code == 1 and out == ""
    assert err == f"awstui: error: {not_a_dir}: is not a folder (the data dir must be one)\n"


def test_import_from_stdin(capsys, tmp_path, env_data, monkeypatch):
    import io

    monkeypatch.setattr(
        sys,
        "stdin",
        io.StringIO(
            '{"format": "awstui-state", "version": 1, '
            '"settings": {"theme": {"value": "nord", '
            '"updated_at": "2026-01-01T00:00:00Z"}}}'
        ),
    )
    code, out, _ = run(capsys, "import-state", "-")
    assert code == 0 and "<stdin>" in out
    with Store(env_data / "state.db") as s:
        assert s.get_setting("theme") == "nord"


# ---------------------------------------------------------------------- restore


def test_restore_lists_and_restores(capsys, env_data):
    store = open_store(env_data)
    store.tick_question("in-backup")
    backup_now(store, datetime(2026, 11, 1, 10, tzinfo=UTC))
    store.tick_question("later")
    store.close()

    code, out, _ = run(capsys, "restore")
    assert code == 0
    assert "1. state-20261101T100000.db" in out and "2026-11-01 10:00:00 UTC" in out

    code, out, _ = run(capsys, "restore", "1")
    assert code == 0 and "moved the current state to" in out and "restored" in out
    assert len(list(env_data.glob("state.db.before-restore-*"))) == 1
    with Store(env_data / "state.db") as s:
        assert "later" not in s.question_states() and s.question_state("in-backup").answered


def test_restore_with_no_backups(capsys, env_data):
    code, out, _ = run(capsys, "restore")
    assert code == 0 and "no backups" in out


def test_restore_unknown(capsys, env_data):
    code, _, err = run(capsys, "restore", "42")
    assert code == 1 and err.startswith("awstui: error: ") and err.count("\n") == 1


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["export-state"])
    assert exit_.value.code == 2


def test_no_traceback_from_the_real_entry_point(tmp_path):
    """End to end through ``python -m awstui``: a damaged export gives one line and exit 1."""
    bad = tmp_path / "bad.json"
    bad.write_text("{")
    env = dict(os.environ, AWSTUI_DATA_DIR=str(tmp_path / "data"))
    out = subprocess.run(
        [sys.executable, "-m", "awstui", "import-state", str(bad)], capture_output=True, text=True, env=env
    )
    assert out.returncode == 1
    assert "Traceback" not in out.stderr and out.stderr.count("\n") == 1


def test_stats_json_has_the_due_count_and_readiness_for_every_domain_and_task(capsys, env_data):
    from datetime import timedelta

    from awstui.cli.app import load_content
    from awstui.content.models import TASKS

    bank = load_content(env_data).exam
    two_days_ago = datetime.now(UTC) - timedelta(days=2)
    with open_store(env_data, now=lambda: two_days_ago) as store:
        missed = next(q for q in bank if q.domain == 4)
        store.reviews.grade("exam", missed.id, 1)  # missed: due 10 minutes after, long overdue now
    domain1 = [q for q in bank if q.domain == 1][:12]
    with open_store(env_data) as store:
        for q in domain1:
            store.reviews.grade("exam", q.id, 3)  # right: due in days
    code, out, err = run(capsys, "stats", "--json")
    assert code == 0, err
    s = json.loads(out)
    assert s["reviews_due_today"] == 1
    r = s["readiness"]
    assert set(r["domains"]) == {"1", "2", "3", "4"} and set(r["tasks"]) == set(TASKS)
    assert r["domains"]["1"]["answers"] >= 12 and 0 < r["domains"]["1"]["chance"] <= 1
    assert r["domains"]["4"] is None and r["scaled_estimate"] is None
    code, out, err = run(capsys, "stats")
    assert code == 0 and "Reviews due today" in out and "not enough data yet" in out


def test_stats_seeds_the_scheduler_from_past_answers_once_after_the_upgrade(capsys, env_data):
    import sqlite3

    from awstui.cli.app import load_content

    bank = load_content(env_data).exam
    with open_store(env_data) as store:
        aid = store.create_attempt("full", {}, [bank[0].id], {}, 60)
        outcome = {"qid": bank[0].id, "kind": "wrong", "flagged": False}
        store.finish_attempt(aid, "submitted", {"percent": 0.0, "scaled": 100, "outcomes": [outcome]}, 30)
    conn = sqlite3.connect(env_data / "state.db")  # as the v4 release left it
    conn.executescript("DROP TABLE review_card; DROP TABLE review_log; PRAGMA user_version = 4;")
    conn.close()
    code, out, err = run(capsys, "stats", "--json")
    assert code == 0, err
    assert json.loads(out)["reviews_due_today"] == 1  # the missed question, from history
    with open_store(env_data) as store:
        assert not store.reviews.seed_pending() and store.reviews.card("exam", bank[0].id).reps == 1


def test_a_number_too_long_for_python_is_named_not_reported_as_an_internal_error(capsys, tmp_path, env_data):
    big = tmp_path / "big.json"
    big.write_text('{"format": "awstui-state", "version": 1, "questions": {"q": {"answered": ' + "1" * 5000 + "}}}")
    code, out, err = run(capsys, "import-state", str(big))
    assert code == 1 and out == "" and err.count("\n") == 1
    assert "big.json" in err and "number" in err
    assert "ValueError" not in err and "set_int_max_str_digits" not in err and "unexpected" not in err


def test_an_export_that_cannot_be_written_names_the_target_not_its_temporary_file(capsys, tmp_path, env_data):
    _progress(env_data)
    missing = tmp_path / "nowhere" / "x.json"
    code, _, err = run(capsys, "export-state", str(missing))
    assert code == 1 and str(missing) in err and ".tmp-" not in err and err.count("\n") == 1
    code, _, err = run(capsys, "export-state", "/proc/x.json")  # a folder nobody can create files in
    assert code == 1 and "/proc/x.json" in err and ".tmp-" not in err
    assert not list(tmp_path.glob("**/.x.json.tmp-*"))


# ---------------------------------------------------------------------- a data dir that cannot be written


def test_stats_and_export_read_an_immutable_data_dir(capsys, tmp_path, env_data):
    from tests.faults import immutable

    _progress(env_data)
    before = sorted(os.listdir(env_data))
    with immutable(env_data):
        code, out, err = run(capsys, "stats", "--json")
        assert code == 0, err
        assert json.loads(out)["services_reviewed"] == 1
        code, out, err = run(capsys, "export-state", "-")
        assert code == 0, err
        assert json.loads(out)["services"]["s3"]["reviewed"]
    assert sorted(os.listdir(env_data)) == before  # no backup, no WAL files, nothing new


def test_stats_of_an_older_schema_on_a_read_only_data_dir_says_it_needs_upgrading(capsys, env_data):
    import sqlite3

    from awstui.state import SCHEMA_VERSION
    from tests.faults import immutable

    _progress(env_data)
    with sqlite3.connect(env_data / "state.db") as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    with immutable(env_data):
        code, out, err = run(capsys, "stats")
    assert code == 1 and out == ""
    assert "must be upgraded" in err and "write access" in err and err.count("\n") == 1


def test_after_the_app_what_could_not_be_saved_is_said(capsys, env_data):
    from awstui.cli.app import _say_unsaved
    from tests.faults import fail_writes

    store = open_store(env_data)
    try:
        store.keep_unsaved_changes()
        disk = fail_writes(store)
        store.tick_question("s3-q1")
        _say_unsaved(store)
        err = capsys.readouterr().err
        assert "1 change(s) could not be saved: the disk is full" in err and "lost" in err
        disk.failing = False
        _say_unsaved(store)  # one last try: saved, nothing to say
        assert capsys.readouterr().err == ""
        assert store.question_state("s3-q1").answered
    finally:
        store.close()


def test_the_app_opens_an_immutable_data_dir_read_only_and_keeps_changes_in_memory(env_data):
    from awstui.cli.app import open_for_app
    from tests.faults import immutable

    _progress(env_data)
    with immutable(env_data):
        store = open_for_app(env_data)
        try:
            assert store.service_state("s3").reviewed  # the progress there is shown
            assert any("opened read-only" in n for n in store.notices)
            store.keep_unsaved_changes()
            store.tick_question("s3-q1")
            assert store.question_state("s3-q1").answered
            assert "read-only" in (store.unsaved().reason or "")
        finally:
            store.close()


def test_export_and_restore_on_a_full_disk_say_so_and_leave_nothing(capsys, tmp_path):
    from tests.faults import fill, tiny_disk

    with tiny_disk(tmp_path / "disk", 1024) as disk:
        data_dir = disk / "data"
        store = open_store(data_dir)
        store.tick_question("s3-q1")
        backup_now(store)
        store.close()
        fill(disk)
        before = sorted(os.listdir(data_dir))
        code, out, err = run(capsys, "--data-dir", str(data_dir), "export-state", str(disk / "out.json"))
        assert code == 1 and f"cannot write {disk / 'out.json'}: the disk is full" in err
        assert not any(n.startswith(".out.json") or n == "out.json" for n in os.listdir(disk))
        code, out, err = run(capsys, "--data-dir", str(data_dir), "restore", "1")
        assert code == 1 and "the disk is full" in err
        assert sorted(os.listdir(data_dir)) == before
        code, out, err = run(capsys, "--data-dir", str(data_dir), "stats", "--json")
        assert code == 0 and json.loads(out)["questions_answered"] == 0  # (s3-q1 is not in the content)


def test_the_app_on_a_full_disk_says_so_rather_than_opening_read_only(tmp_path):
    from awstui.cli.app import open_for_app
    from awstui.state import StoreError
    from tests.faults import fill, tiny_disk

    with tiny_disk(tmp_path / "disk", 1024) as disk:
        data_dir = disk / "data"
        _progress(data_dir)
        fill(disk)
        before = sorted(os.listdir(data_dir))
        with pytest.raises(StoreError, match="the disk is full"):
            open_for_app(data_dir)  # (SQLite's -shm needs room)
        assert sorted(os.listdir(data_dir)) == before


def test_stats_on_a_read_only_data_dir_after_the_upgrade_reads_and_says_the_seed_is_missing(
    capsys, env_data, monkeypatch
):
    from awstui.state import StoreError

    with open_store(env_data) as store:
        store.tick_question("s3-q1")
    import awstui.state

    real = awstui.state.open_store

    def only_reads(data_dir, *args, read_only=False, **kwargs):
        if not read_only:
            raise StoreError(f"cannot write {data_dir}: the data dir is read-only")
        return real(data_dir, *args, read_only=True, **kwargs)

    monkeypatch.setattr(awstui.state, "open_store", only_reads)
    monkeypatch.setattr("awstui.state.repos.reviews.ReviewRepo.seed_pending", lambda self: True)
    code, out, err = run(capsys, "stats", "--json")
    assert code == 0 and json.loads(out)["reviews_due_today"] == 0
    assert "past exam answers are not in the review figures yet" in err and "read-only" in err


def test_stats_says_the_upgrade_that_the_seed_followed(capsys, env_data):
    import sqlite3

    with open_store(env_data) as store:
        aid = store.create_attempt("full", {}, ["e1"], {}, 60)
        store.finish_attempt(aid, "submitted", {"percent": 0.0, "scaled": 100, "outcomes": []}, 30)
    conn = sqlite3.connect(env_data / "state.db")  # as the v4 release left it
    conn.executescript("DROP TABLE review_card; DROP TABLE review_log; PRAGMA user_version = 4;")
    conn.close()
    code, _, err = run(capsys, "stats", "--json")
    assert code == 0 and err.count("upgraded from schema version 4") == 1


@pytest.mark.parametrize("has_reviews", [False, True], ids=["a new machine", "a machine with reviews"])
def test_importing_an_export_from_before_spaced_review_seeds_the_schedule_at_once(
    capsys, tmp_path, env_data, has_reviews
):
    """`awstui import-state` with an old export: its exams' answers enter the review schedule
    there and then, on a new machine (as the upgrade to spaced review seeds past answers) and on
    one that has reviews of its own (merged with them)."""
    import json

    from awstui.state import Store

    if has_reviews:
        with open_store(env_data) as store:
            store.reviews.grade("exam", "q2", 3)

    old = Store(tmp_path / "old" / "state.db")
    try:
        aid = old.create_attempt("full", {}, ["q1", "q2"], {}, 60)
        old.finish_attempt(
            aid, "submitted", {"outcomes": [{"qid": "q1", "kind": "correct"}, {"qid": "q2", "kind": "wrong"}]}, 30
        )
        doc = old.export_state()
    finally:
        old.close()
    doc.pop("review_cards"), doc.pop("review_logs")
    target = tmp_path / "old.json"
    target.write_text(json.dumps(doc))
    code, out, _ = run(capsys, "import-state", str(target))
    assert code == 0 and "seeded the review schedule with 2 past answers" in out
    assert "will seed the review schedule" in out
    with open_store(env_data) as store:
        assert not store.reviews.seed_pending() and store.reviews.card("exam", "q2").reps == 1 + has_reviews
    code, out, _ = run(capsys, "import-state", str(target))  # again: nothing new, nothing seeded twice
    assert code == 0 and "seeded" not in out
