"""awstui export-anki: the written .apkg is opened as Anki would (a zip holding a SQLite
collection) and its notes, fields and tags are checked."""

from __future__ import annotations

import json
import sqlite3
import warnings
import zipfile

import pytest

from awstui.cli import main
from awstui.cli.anki_notes import Filters, build_cards, exam_card, stable_id, text_html
from awstui.cli.app import load_content
from awstui.content.models import ExamQuestion, Library
from awstui.exam.scoring import score_answers
from awstui.state import open_store

SEP = "\x1f"  # Anki's field separator


def read_apkg(path, tmp_path):
    """{awstui id: note} of the package; a note is a dict of its row, fields by name, tags."""
    with zipfile.ZipFile(path) as z:
        name = next(n for n in z.namelist() if n in ("collection.anki2", "collection.anki21"))
        db = tmp_path / f"read-{path.name}.sqlite"
        db.write_bytes(z.read(name))
    conn = sqlite3.connect(db)
    try:
        models = json.loads(conn.execute("SELECT models FROM col").fetchone()[0])
        notes = {}
        for nid, guid, mid, tags, flds in conn.execute("SELECT id, guid, mid, tags, flds FROM notes"):
            names = [f["name"] for f in models[str(mid)]["flds"]]
            fields = dict(zip(names, flds.split(SEP), strict=True))
            notes[fields["Id"]] = {
                "id": nid,
                "guid": guid,
                "model": models[str(mid)]["name"],
                "fields": fields,
                "tags": tags.split(),
            }
        cards = conn.execute("SELECT count(*) FROM cards").fetchone()[0]
    finally:
        conn.close()
    return notes, cards


def export(capsys, tmp_path, *options, name="deck.apkg"):
    target = tmp_path / name
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # genanki warns of a field holding unescaped HTML tags
        code = main(["export-anki", str(target), "--force", *options])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert code == 0, err
    return read_apkg(target, tmp_path)


@pytest.fixture
def library(data_dir):
    return load_content(data_dir)


def test_every_exam_question_is_a_note_with_its_fields_and_tags(capsys, tmp_path, library):
    notes, cards = export(capsys, tmp_path)
    assert set(notes) == {q.id for q in library.exam}  # nothing answered yet: no open questions
    assert cards == len(notes)
    q = next(q for q in library.exam if len(q.answer) > 1)
    note = notes[q.id]
    assert note["model"] == "awstui exam question"
    assert note["id"] == stable_id("exam", q.id)
    f = note["fields"]
    assert f["Stem"] == text_html(q.stem)
    for option in q.options:
        assert text_html(option) in f["Options"]
    for key in q.answer:
        assert f"{key.upper()}. " in f["Answer"]
    assert f["Explanation"] == text_html(q.explanation)
    for url in q.references:
        assert f'<a href="{url}">' in f["Links"]
    assert "awstui::exam" in note["tags"]
    assert f"awstui::domain::{q.domain}_" in " ".join(note["tags"])
    for sid in q.services:
        assert f"awstui::service::{sid}" in note["tags"]


def test_two_exports_give_the_same_note_ids_and_guids(capsys, tmp_path):
    first, _ = export(capsys, tmp_path, name="one.apkg")
    second, _ = export(capsys, tmp_path, name="two.apkg")
    assert {k: (n["id"], n["guid"]) for k, n in first.items()} == {k: (n["id"], n["guid"]) for k, n in second.items()}
    assert len({n["guid"] for n in first.values()}) == len(first)
    assert len({n["id"] for n in first.values()}) == len(first)


def test_answered_open_questions_carry_the_learners_answer(capsys, tmp_path, data_dir, library):
    bundled = library.questions[0]
    store = open_store(data_dir)
    store.save_answer(bundled.id, "Use a <NAT> gateway & routes\nsecond line")
    store.tick_question(library.questions[1].id)
    mine = store.add_question("s3", "Is <b>S3</b> strongly consistent?")
    store.save_answer(mine, "yes")
    store.close()
    notes, _ = export(capsys, tmp_path)
    opened = {k: n for k, n in notes.items() if n["model"] == "awstui open question"}
    assert set(opened) == {bundled.id, library.questions[1].id, mine}
    assert opened[bundled.id]["fields"]["Answer"] == "Use a &lt;NAT&gt; gateway &amp; routes<br>second line"
    assert opened[bundled.id]["fields"]["Question"] == text_html(bundled.text)
    assert "no written answer" in opened[library.questions[1].id]["fields"]["Answer"]
    assert opened[mine]["fields"]["Question"] == "Is &lt;b&gt;S3&lt;/b&gt; strongly consistent?"
    assert {"awstui::open", "awstui::mine", "awstui::service::s3"} <= set(opened[mine]["tags"])
    assert "awstui::mine" not in opened[bundled.id]["tags"]


def test_missed_keeps_only_questions_answered_wrong_in_finished_exams(capsys, tmp_path, data_dir, library):
    right, wrong, unfinished = library.exam[0], library.exam[1], library.exam[2]
    store = open_store(data_dir)
    store.save_answer(library.questions[0].id, "an answer")  # open questions cannot be missed
    wrong_pick = next(i for i in range(len(wrong.options)) if i not in wrong.correct_indices)
    answers = {right.id: sorted(right.correct_indices), wrong.id: [wrong_pick]}
    result = score_answers([right, wrong], answers)
    aid = store.create_attempt("custom", {}, [right.id, wrong.id], {}, 60)
    store.finish_attempt(aid, "submitted", result.to_dict(), 30)
    aid = store.create_attempt("custom", {}, [unfinished.id], {}, 60)  # in progress: not counted
    store.close()
    notes, _ = export(capsys, tmp_path, "--missed")
    assert set(notes) == {wrong.id}


def test_domain_and_service_filters(capsys, tmp_path, data_dir, library):
    store = open_store(data_dir)
    open_q = next(q for q in library.questions if library.exam_for(q.services[0]))
    sid = open_q.services[0]
    store.save_answer(open_q.id, "an answer")
    store.close()
    notes, _ = export(capsys, tmp_path, "--domain", "2", "--domain", "4")
    assert set(notes) == {q.id for q in library.exam if q.domain in (2, 4)}  # no open questions
    notes, _ = export(capsys, tmp_path, "--service", sid)
    assert set(notes) == {q.id for q in library.exam if sid in q.services} | {open_q.id}


def test_an_unknown_service_or_an_existing_file_is_refused(capsys, tmp_path):
    code = main(["export-anki", str(tmp_path / "x.apkg"), "--service", "nope"])
    assert code == 1
    assert "no service 'nope'" in capsys.readouterr().err
    assert not (tmp_path / "x.apkg").exists()
    (tmp_path / "x.apkg").write_text("mine")
    assert main(["export-anki", str(tmp_path / "x.apkg")]) == 1
    assert "exists; use --force" in capsys.readouterr().err
    assert (tmp_path / "x.apkg").read_text() == "mine"


def test_fields_are_html_escaped_and_only_https_links_are_links():
    q = ExamQuestion(
        "x-1",
        1,
        ("s3",),
        "Pick <script>alert(1)</script> & go\x1b[2J",
        ("a < b", 'say "hi"'),
        ("b",),
        "because <i>",
        ("https://docs.aws.amazon.com/a?b=1&c=2", "javascript:alert(1)"),
    )
    card = exam_card(q, Library())
    stem, options, answer, explanation, links, qid = card.fields
    assert stem == "Pick &lt;script&gt;alert(1)&lt;/script&gt; &amp; go[2J"  # the control character dropped
    assert "A. a &lt; b" in options and "B. say &quot;hi&quot;" in options
    assert answer == "B. say &quot;hi&quot;"
    assert explanation == "because &lt;i&gt;"
    assert (
        links
        == '<a href="https://docs.aws.amazon.com/a?b=1&amp;c=2">https://docs.aws.amazon.com/a?b=1&amp;c=2</a><br>javascript:alert(1)'
    )
    assert qid == "x-1"


def test_task_statements_become_tags():
    q = ExamQuestion("t-1", 3, ("lambda", "api gateway"), "stem", ("a", "b"), ("a",), tasks=("3.1", "3.2"))
    (card,) = build_cards(Library(exam=(q,)), {}, [], Filters())
    assert card.tags == (
        "awstui::exam",
        "awstui::domain::3_Deployment",
        "awstui::task::3.1",
        "awstui::task::3.2",
        "awstui::service::lambda",
        "awstui::service::api_gateway",  # never a space in a tag
    )
