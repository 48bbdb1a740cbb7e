"""Learner and content text is never markup; any terminal size works without a crash."""

from __future__ import annotations

import pytest

from awstui.tui.screens.too_small import TooSmall

from .helpers import screen_text

NASTY = ["[bold]x", "[/", "[@click=app.quit]q", '[link="file:///etc/passwd"]p[/link]']
NASTY_LINE = " ".join(NASTY)


def toml_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


@pytest.fixture
def nasty_content(tmp_path):
    root = tmp_path / "nasty"
    (root / "services").mkdir(parents=True)
    (root / "exam").mkdir()
    (root / "services" / "nasty.md").write_text(
        "+++\n"
        'id = "aaa-nasty"\n'
        f"name = {toml_str('[bold]Nasty')}\n"
        'category = "compute"\n'
        'docs = ["https://docs.aws.amazon.com/"]\n'
        "+++\n"
        f"- {NASTY_LINE}\n"
    )
    (root / "questions.toml").write_text(
        f'[[question]]\nid = "nasty-1"\nservices = ["aaa-nasty"]\ntext = {toml_str(NASTY_LINE)}\n'
    )
    (root / "exam" / "nasty.toml").write_text(
        "[[question]]\n"
        'id = "nasty-exam"\n'
        "domain = 1\n"
        'services = ["aaa-nasty"]\n'
        f"stem = {toml_str('Stem ' + NASTY_LINE)}\n"
        f"options = [{', '.join(toml_str(n) for n in NASTY)}]\n"
        'answer = ["a"]\n'
        f"explanation = {toml_str('Because ' + NASTY_LINE)}\n"
        'references = ["https://docs.aws.amazon.com/"]\n'
    )
    return root


def assert_literal(text: str, *needles: str) -> None:
    for n in needles:
        assert n in text, (n, text)


async def test_markup_is_shown_literally_on_every_view(make_app, nasty_content):
    app = make_app(extra_content=[nasty_content])
    app.store.save_answer("nasty-1", NASTY_LINE)
    app.store.save_annotation("aaa-nasty", NASTY_LINE)
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        # Study: tree label, note bullets, question, annotation
        await app.show_service("aaa-nasty")
        await pilot.pause()
        text = screen_text(app)
        assert_literal(text, "[bold]Nasty", *NASTY)
        # Questions view: text and answer
        await pilot.press("2")
        await pilot.pause()
        app.view("questions").select_question("nasty-1")
        await pilot.pause()
        assert_literal(screen_text(app), "[bold]x [/ [@click=app.quit]q")
        # Search
        await pilot.press("slash", *"click")
        await pilot.pause()
        assert_literal(screen_text(app), "[@click=app.quit]q")
        await pilot.press("escape")
        # Exam: a practice exam on the nasty service only
        await pilot.press("3")
        await pilot.pause()
        from awstui.exam import practice_config

        app.view("exam")._start(practice_config(1, services=["aaa-nasty"]))
        await pilot.pause()
        assert_literal(screen_text(app), "Stem [bold]x", '[link="file:///etc/passwd"]p[/link]')
        await pilot.press("a")
        await pilot.pause()
        assert_literal(screen_text(app), "Because [bold]x")
        # Progress
        await pilot.press("escape", "4")
        await pilot.pause()
        assert app.is_running


@pytest.mark.parametrize(
    "width,height", [(1, 1), (2, 5), (10, 3), (20, 10), (59, 15), (60, 16), (80, 24), (120, 36), (250, 80)]
)
async def test_any_size_works(make_app, width, height):
    app = make_app()
    async with app.run_test(size=(width, height)) as pilot:
        for key in ("1", "2", "3", "4", "1"):
            await pilot.press(key)
            await pilot.pause()
        small = width < 60 or height < 16
        assert isinstance(app.screen, TooSmall) == small
        if small and width >= 20:
            assert "terminal too small" in screen_text(app)


async def test_too_small_resumes_when_enlarged(make_app):
    app = make_app()
    async with app.run_test(size=(30, 10)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TooSmall)
        await pilot.resize_terminal(120, 36)
        await pilot.pause()
        assert not isinstance(app.screen, TooSmall)
        await pilot.press("2")
        await pilot.pause()
        assert app.current_view == "questions"
