"""Loading content dirs, overriding, and every kind of validation problem with its place."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from awstui.content import ContentError, load_library, parse_exam_text, parse_questions_text, parse_service_text
from awstui.content.loader import MAX_FILE_BYTES, load_dir, parse_notes
from awstui.paths import bundled_content_dir

SERVICE = """\
+++
id = "mysvc"
name = "My Service"
category = "compute"
docs = ["https://docs.aws.amazon.com/x/"]
+++
- first
  - nested
- second
"""

EXAM_OK = """\
[[question]]
id = "q1"
domain = 1
services = ["mysvc"]
stem = "Which? (Choose two.)"
options = ["a1", "b1", "c1", "d1", "e1"]
answer = ["a", "c"]
explanation = "because"
references = ["https://docs.aws.amazon.com/x/"]
"""


def write(root: Path, rel: str, text: str) -> Path:
    p = root / rel
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(textwrap.dedent(text), encoding="utf-8")
    return p


def problems_of(root: Path) -> list[str]:
    return [str(p) for p in load_dir(root).problems]


def one_problem(root: Path) -> str:
    found = problems_of(root)
    assert len(found) == 1, found
    return found[0]


# --------------------------------------------------------------------------- happy paths


def test_service_parses_with_nested_bullets():
    s = parse_service_text(SERVICE, "svc.md")
    assert (s.id, s.name, s.category, s.docs) == ("mysvc", "My Service", "compute", ("https://docs.aws.amazon.com/x/",))
    assert [b.text for b in s.notes] == ["first", "second"]
    assert s.notes[0].children[0].text == "nested"
    assert s.notes[0].line == 7 and s.notes[0].children[0].line == 8


def test_notes_keep_paragraphs_headings_and_continuations():
    notes = parse_notes("Intro line\n# Head\n- a\n  continued\n    - deep\n- b", 1)
    assert [(b.kind, b.text) for b in notes] == [
        ("para", "Intro line"),
        ("heading", "Head"),
        ("bullet", "a continued"),
        ("bullet", "b"),
    ]
    assert notes[2].children[0].text == "deep"


def test_bundled_library_loads_clean():
    lib = load_library([bundled_content_dir()])
    assert lib.problems == ()
    assert len(lib.services) == 55
    assert len(lib.questions) == 19
    # tree order: category order, then name
    cats = [c.id for c in lib.categories]
    assert cats[0] == "compute"
    assert [s.category for s in lib.services] == sorted((s.category for s in lib.services), key=cats.index)


def test_learner_dir_overrides_and_adds(tmp_path):
    write(tmp_path, "services/lambda.md", SERVICE.replace('"mysvc"', '"lambda"').replace("My Service", "My Lambda"))
    write(tmp_path, "services/extra.md", SERVICE.replace('"mysvc"', '"extra"').replace("My Service", "Extra"))
    write(tmp_path, "questions.toml", '[[question]]\nid = "vpc-1"\nservices = ["extra"]\ntext = "mine"\n')
    write(tmp_path, "exam/mine.toml", EXAM_OK.replace("mysvc", "extra"))
    lib = load_library([bundled_content_dir(), tmp_path])
    assert lib.problems == ()
    assert lib.service("lambda").name == "My Lambda"
    assert lib.service("extra") is not None and len(lib.services) == 56
    vpc1 = [q for q in lib.questions if q.id == "vpc-1"]
    assert len(vpc1) == 1 and vpc1[0].text == "mine"
    assert any(q.id == "q1" for q in lib.exam)


def test_exam_question_fields(tmp_path):
    (q,) = parse_exam_text(EXAM_OK, "e.toml")
    assert q.answer == ("a", "c") and q.is_multi and q.correct_indices == {0, 2} and q.choose == 2


# --------------------------------------------------------------------------- every problem kind


def test_bad_toml_reports_line_and_column(tmp_path):
    write(tmp_path, "questions.toml", '[[question]]\nid = "x"\ntext = "unterminated\n')
    msg = one_problem(tmp_path)
    assert msg.startswith(f"{tmp_path / 'questions.toml'}:3:")
    assert "invalid TOML" in msg


def test_bad_toml_in_front_matter_counts_the_opening_line(tmp_path):
    write(tmp_path, "services/s.md", '+++\nid = "s"\nname = = "x"\n+++\n- a\n')
    msg = one_problem(tmp_path)
    assert msg.startswith(f"{tmp_path / 'services/s.md'}:3:")


def test_missing_front_matter(tmp_path):
    write(tmp_path, "services/s.md", "- just notes\n")
    assert (
        one_problem(tmp_path)
        == f"{tmp_path / 'services/s.md'}:1:1: missing front matter: the file must start with a +++ line"
    )


def test_unclosed_front_matter(tmp_path):
    write(tmp_path, "services/s.md", '+++\nid = "s"\n- a\n')
    assert "front matter is not closed" in one_problem(tmp_path)


def test_missing_key(tmp_path):
    write(tmp_path, "questions.toml", '[[question]]\nid = "x"\nservices = ["vpc"]\n')
    assert one_problem(tmp_path) == f"{tmp_path / 'questions.toml'}:1:1: question[0]: missing key 'text'"


def test_unknown_key(tmp_path):
    write(tmp_path, "questions.toml", '[[question]]\nid = "x"\nservices = ["vpc"]\ntext = "t"\ncolour = "red"\n')
    msg = one_problem(tmp_path)
    assert msg.startswith(f"{tmp_path / 'questions.toml'}:5:1: question[0].colour: unknown key 'colour'")


def test_unknown_top_level_key(tmp_path):
    write(tmp_path, "questions.toml", 'title = "x"\n')
    assert (
        one_problem(tmp_path)
        == f"{tmp_path / 'questions.toml'}:1:1: title: unknown key 'title' (expected [[question]] tables)"
    )


def test_wrong_type(tmp_path):
    write(tmp_path, "questions.toml", '[[question]]\nid = "x"\nservices = "vpc"\ntext = "t"\n')
    assert one_problem(tmp_path) == (
        f"{tmp_path / 'questions.toml'}:3:1: question[0].services: 'services' must be a list of strings, not a string"
    )


def test_wrong_type_in_front_matter(tmp_path):
    write(tmp_path, "services/s.md", SERVICE.replace('name = "My Service"', "name = 3"))
    assert (
        one_problem(tmp_path)
        == f"{tmp_path / 'services/s.md'}:3:1: service.name: 'name' must be a string, not an integer"
    )


def test_non_https_doc_url(tmp_path):
    write(tmp_path, "services/s.md", SERVICE.replace("https://docs", "http://docs"))
    msg = one_problem(tmp_path)
    assert msg.startswith(f"{tmp_path / 'services/s.md'}:5:1: service.docs:") and "not an https:// URL" in msg


def test_duplicate_id_in_one_file(tmp_path):
    q = '[[question]]\nid = "x"\nservices = ["vpc"]\ntext = "t"\n'
    write(tmp_path, "questions.toml", q + "\n" + q)
    assert one_problem(tmp_path) == (
        f"{tmp_path / 'questions.toml'}:7:1: question[1].id: duplicate id 'x' (first at question[0])"
    )


def test_duplicate_id_across_files_of_one_dir(tmp_path):
    write(tmp_path, "exam/a.toml", EXAM_OK)
    write(tmp_path, "exam/b.toml", EXAM_OK)
    msg = one_problem(tmp_path)
    assert msg.startswith(f"{tmp_path / 'exam/b.toml'}:1:1: id: duplicate exam question id 'q1' (also in ")


def test_question_naming_unknown_service(tmp_path):
    write(tmp_path, "questions.toml", '[[question]]\nid = "x"\nservices = ["nope"]\ntext = "t"\n')
    lib = load_library([bundled_content_dir(), tmp_path])
    msgs = [str(p) for p in lib.problems]
    assert msgs == [
        f"{tmp_path / 'questions.toml'}:1:1: question[id=x].services: question 'x' names unknown service(s): nope"
    ]
    assert not any(q.id == "x" for q in lib.questions)


def test_service_with_unknown_category_is_kept_and_reported(tmp_path):
    write(tmp_path, "services/s.md", SERVICE.replace('"compute"', '"nowhere"'))
    lib = load_library([bundled_content_dir(), tmp_path])
    assert [str(p) for p in lib.problems] == [
        f"{tmp_path / 'services/s.md'}:4:1: service.category: unknown category 'nowhere'; shown under 'Uncategorised'"
    ]
    assert lib.service("mysvc").category == "uncategorised"


def test_exam_answer_not_among_options(tmp_path):
    write(tmp_path, "exam/e.toml", EXAM_OK.replace('answer = ["a", "c"]', 'answer = ["a", "g"]'))
    msg = one_problem(tmp_path)
    assert msg.startswith(f"{tmp_path / 'exam/e.toml'}:7:1: question[0].answer: 'answer' 'g' is not among the options")


def test_exam_choose_count_disagrees(tmp_path):
    write(tmp_path, "exam/e.toml", EXAM_OK.replace('answer = ["a", "c"]', 'answer = ["a"]'))
    assert "the stem says choose 2 but 'answer' has 1 key(s)" in one_problem(tmp_path)


def test_exam_bad_domain(tmp_path):
    write(tmp_path, "exam/e.toml", EXAM_OK.replace("domain = 1", "domain = 7"))
    assert one_problem(tmp_path) == (
        f"{tmp_path / 'exam/e.toml'}:3:1: question[0].domain: 'domain' must be 1, 2, 3, 4 or 'unclassified', not 7"
    )


def test_every_problem_reported_at_once(tmp_path):
    write(tmp_path, "questions.toml", '[[question]]\nid = "x"\n\n[[question]]\nid = "y"\nservices = 1\ntext = "t"\n')
    write(tmp_path, "services/bad.md", "nothing")
    write(tmp_path, "exam/e.toml", "[[question]\n")
    assert len(problems_of(tmp_path)) == 5


def test_oversized_file_is_refused_unread(tmp_path):
    p = write(tmp_path, "questions.toml", "#" * (MAX_FILE_BYTES + 1))
    assert (
        one_problem(tmp_path)
        == f"{p}:1:1: file is {MAX_FILE_BYTES + 1:,} bytes, over the {MAX_FILE_BYTES:,} limit: not read"
    )


def test_not_utf8(tmp_path):
    p = tmp_path / "questions.toml"
    p.write_bytes(b'[[question]]\nid = "\xff"\n')
    assert one_problem(tmp_path) == f"{p}:2:7: not valid UTF-8 text"


def test_valid_items_survive_next_to_bad_ones(tmp_path):
    write(
        tmp_path,
        "questions.toml",
        '[[question]]\nid = "good"\nservices = ["vpc"]\ntext = "t"\n\n[[question]]\nid = "bad"\n',
    )
    c = load_dir(tmp_path)
    assert [q.id for q in c.questions] == ["good"]
    assert sorted(p.message for p in c.problems) == ["missing key 'services'", "missing key 'text'"]


def test_missing_content_dir_is_a_problem_not_a_crash(tmp_path):
    lib = load_library([tmp_path / "nope"])
    assert [p.message for p in lib.problems] == ["content directory not found"]


def test_parse_functions_raise_content_error():
    with pytest.raises(ContentError) as err:
        parse_questions_text('[[question]]\nid = "x"\n', "q.toml")
    assert err.value.problems[0].message == "missing key 'services'"


@pytest.mark.parametrize(
    "stem,count",
    [
        ("Which? (Choose two.)", 2),
        ("Which? (Choose THREE)", 3),
        ("Which? (Select TWO)", 2),
        ("Which? (Choose 3 answers)", 3),
        ("Which?", None),
        ("Choose two of them", None),
    ],
)
def test_choose_markers(stem, count):
    from awstui.content.models import stated_choose_count

    assert stated_choose_count(stem) == count


def test_key_lines_ignore_text_inside_strings(tmp_path):
    """Quotes and header-like lines inside strings do not confuse the reported line."""
    text = (
        '[[question]]\nid = "a"\nservices = ["vpc"]\ntext = "it\'\'\'s"\n\n'
        '[[question]]\nid = "b"\nservices = ["vpc"]\ntext = """\n[[question]]\nid = "zzz"\n"""\n\n'
        '[[question]]\nid = "c"\nservices = "vpc"\ntext = "t"\n'
    )
    write(tmp_path, "questions.toml", text)
    assert one_problem(tmp_path).startswith(f"{tmp_path / 'questions.toml'}:16:1: question[2].services:")


def test_items_know_their_line_even_when_a_string_holds_a_header_lookalike(tmp_path):
    plain = '[[question]]\nid = "a"\nservices = ["vpc"]\ntext = "one"\n\n  [[question]]\nid = "b"\nservices = ["vpc"]\ntext = "two"\n'
    tricky = (
        '[[question]]\nid = "a"\nservices = ["vpc"]\ntext = """one\n[[question]]\nstill one"""\n\n'
        '[[question]]\nid = "b"\nservices = ["vpc"]\ntext = "two"\n'
    )
    for text, lines in ((plain, [1, 6]), (tricky, [1, 8])):
        write(tmp_path, "questions.toml", text)
        lib = load_library([bundled_content_dir(), tmp_path])
        mine = {q.id: q.line for q in lib.questions if q.path.startswith(str(tmp_path))}
        assert [mine["a"], mine["b"]] == lines


# --------------------------------------------------------------------------- task statements


def test_exam_tasks_are_read_in_order(tmp_path):
    (q,) = parse_exam_text(EXAM_OK.replace("domain = 1\n", 'domain = 1\ntasks = ["1.2", "2.2"]\n'), "e.toml")
    assert q.tasks == ("1.2", "2.2")


def test_exam_tasks_are_optional(tmp_path):
    (q,) = parse_exam_text(EXAM_OK, "e.toml")
    assert q.tasks == ()


def test_exam_unknown_task_is_a_problem_with_its_line(tmp_path):
    write(tmp_path, "exam/e.toml", EXAM_OK.replace("domain = 1\n", 'domain = 1\ntasks = ["1.4"]\n'))
    problem = one_problem(tmp_path)
    assert problem.startswith(f"{tmp_path / 'exam/e.toml'}:4:1: question[0].tasks: unknown task statement(s) '1.4'")


def test_exam_tasks_must_include_the_questions_domain(tmp_path):
    write(tmp_path, "exam/e.toml", EXAM_OK.replace("domain = 1\n", 'domain = 1\ntasks = ["3.1"]\n'))
    assert one_problem(tmp_path).endswith("'tasks' names no task statement of domain 1 (tasks 1.n)")


def test_exam_tasks_twice_or_empty_is_a_problem(tmp_path):
    write(tmp_path, "exam/e.toml", EXAM_OK.replace("domain = 1\n", 'domain = 1\ntasks = ["1.1", "1.1"]\n'))
    assert one_problem(tmp_path).endswith("'tasks' lists the same task statement twice")
    write(tmp_path, "exam/e.toml", EXAM_OK.replace("domain = 1\n", "domain = 1\ntasks = []\n"))
    assert one_problem(tmp_path).endswith("'tasks' needs at least 1 item")


# --------------------------------------------------------------------------- control characters


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ('stem = "Which? (Choose two.)"', 'stem = "Wh\\u001b[2Jich? (Choose two.)"', "question[0].stem: 'stem'"),
        ('"b1"', '"b\\u009b1"', "question[0].options: 'options' item 2"),
        ('explanation = "because"', 'explanation = "be\\u0000cause"', "question[0].explanation: 'explanation'"),
        ('"https://docs.aws.amazon.com/x/"', '"https://docs.aws.amazon.com/x/\\u0000"', "'references' item 1"),
        ('services = ["mysvc"]', 'services = ["my\\tsvc"]', "question[0].services: 'services' item 1"),
    ],
)
def test_exam_text_with_a_control_character_is_refused_with_its_place(tmp_path, old, new, where):
    write(tmp_path, "exam/e.toml", EXAM_OK.replace(old, new))
    problem = one_problem(tmp_path)
    assert problem.startswith(str(tmp_path / "exam/e.toml") + ":"), problem
    assert where in problem and "holds a control character (\\x" in problem and problem.endswith("remove it")


def test_layout_characters_are_fine_in_multi_line_text(tmp_path):
    text = EXAM_OK.replace('"b1"', '"b1\\n  indented\\tcode"').replace('"because"', '"be\\tcause\\nsecond line"')
    (q,) = parse_exam_text(text, "e.toml")
    assert q.options[1] == "b1\n  indented\tcode" and q.explanation == "be\tcause\nsecond line"


def test_a_service_name_with_a_tab_is_refused(tmp_path):
    write(tmp_path, "services/mysvc.md", SERVICE.replace('"My Service"', '"My\\tService"'))
    assert one_problem(tmp_path).endswith(
        "service.name: 'name' holds a control character (\\x09 at character 3): remove it"
    )


def test_a_category_name_with_escape_is_refused(tmp_path):
    write(tmp_path, "categories.toml", '[[category]]\nid = "c"\nname = "\\u001b]8;;file:///etc/passwd\\u0007C"\n')
    assert "category[0].name: 'name' holds a control character (\\x1b at character 1)" in one_problem(tmp_path)


def test_control_characters_in_notes_are_kept_visible(tmp_path):
    svc = parse_service_text(SERVICE.replace("- second", "- se\x1b[2Jcond\x9b \x07bell"), "s.md")
    assert svc.notes[1].text == "se\\x1b[2Jcond\\x9b \\x07bell"
