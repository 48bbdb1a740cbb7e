"""Images of imported questions: kept as text links, image-only options skipped (importers/images.py)."""

from __future__ import annotations

import pytest

from awstui.content.importers import import_bank, parse_markdown_bank
from awstui.content.importers.images import image_links, is_placeholder, show_images

from .conftest import line_of


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("![Exhibit 1](https://x.example/a.png)", "[image: Exhibit 1] https://x.example/a.png"),
        ("![](images/q48.jpg)", "[image] images/q48.jpg"),
        ("[![Diagram](img/d.png)](https://big.example/d.png)", "[image: Diagram] img/d.png"),
        ('<img src="https://x.example/b.png" alt="The table">', "[image: The table] https://x.example/b.png"),
        ("<IMG alt='x' src=pic.png>", "[image: x] pic.png"),
        ("See ![a](u.png) below.", "See\n[image: a] u.png\nbelow."),
        ("No image here, just [a link](https://x).", "No image here, just [a link](https://x)."),
    ],
)
def test_images_become_text_link_lines(text, shown):
    assert show_images(text) == shown


def test_image_links_finds_them_again():
    stem = "What does the exhibit show?\n\n[image: Exhibit] https://x.example/a.png\n[image] b.png"
    assert image_links(stem) == [("Exhibit", "https://x.example/a.png"), ("", "b.png")]
    assert image_links("No [image] here inline") == []


@pytest.mark.parametrize("text", ["Option A.", "B)", "(c)", "Answer 3", "choice D:", "", "[image] x.png"])
def test_placeholders(text):
    assert is_placeholder(text)


@pytest.mark.parametrize("text", ["Amazon S3", "A Lambda function", "Use option B of the API"])
def test_not_placeholders(text):
    assert not is_placeholder(text)


def test_a_stem_image_is_kept_as_a_link():
    text = "### What does the exhibit show?\n\n![Exhibit](https://x.example/e.png)\n\n- [x] A queue\n- [ ] A topic\n"
    (q,) = parse_markdown_bank(text).questions
    assert q.stem == "What does the exhibit show?\n\n[image: Exhibit] https://x.example/e.png" and q.images == ()


def test_an_explanation_image_is_kept_but_is_no_reference():
    text = (
        "### Which one?\n- [x] A queue\n- [ ] A topic\n\nExplanation: queues buffer.\n"
        "![Flow](https://x.example/flow.png)\nSee https://docs.aws.amazon.com/sqs/\n"
    )
    (q,) = parse_markdown_bank(text).questions
    assert "[image: Flow] https://x.example/flow.png" in q.explanation
    assert q.references == ("https://docs.aws.amazon.com/sqs/",)


@pytest.mark.parametrize(
    "options",
    [
        "- [ ] ![Option A](a.png)\n- [x] ![Option B](b.png)\n",  # inline
        "- [ ] Option A.\n![](a.png)\n- [x] Option B.\n![](b.png)\n",  # a label, the picture under it
        '- [ ] <img src="a.png">\n- [x] Real text\n',  # one of them
    ],
)
def test_options_that_are_only_images_are_skipped(options):
    text = "### Which diagram is right?\n" + options
    r = parse_markdown_bank(text)
    assert r.questions == []
    (skip,) = r.skipped
    assert skip.message == f"the option at line {line_of(text, '- [', 1)} is only an image" or (
        skip.message == f"the option at line {line_of(text, '<img')} is only an image"
    )


def test_label_options_under_a_stem_picture_are_skipped():
    text = "### Which is right?\n![Answers](q262.png)\n- [ ] Option A.\n- [x] Option B.\n- [ ] Option C.\n- [ ] Option D.\n"
    (skip,) = parse_markdown_bank(text).skipped
    assert skip.message == (
        "the options are only labels (Option A., Option B., Option C., ...): their text is not in the file (an image?)"
    )
    # without a picture, short options are options
    assert parse_markdown_bank("### Which letter?\n- [x] A\n- [ ] B\n").questions


def test_import_keeps_the_link_and_notes_only_images_left_out(tmp_path):
    src = tmp_path / "b.md"
    text = (
        "### What does the exhibit show?\n![Exhibit](https://x.example/e.png)\n- [x] A queue\n- [ ] A topic\n\n"
        "Some text after.\n\n![Stray](s.png)\n"
    )
    src.write_text(text, encoding="utf-8")
    report = import_bank(src, tmp_path / "data")
    assert report.imported == 1
    assert "[image: Exhibit] https://x.example/e.png" in report.target.read_text(encoding="utf-8")
    assert [f.message for f in report.notes] == [
        f"image at line {line_of(text, '![Stray]')} left out: the question may need it"
    ]
