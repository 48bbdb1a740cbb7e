"""``awstui serve`` in a real browser: the page shows the Study view, keys reach the app, and a
question ticked in the browser is in the store on disk."""

from __future__ import annotations

import re
import time

import pytest

from awstui.content import load_library
from awstui.paths import bundled_content_dir
from awstui.state import open_store

from .serving import open_app, served, wait_for_screen

pytestmark = pytest.mark.browser

ANSWERED = re.compile(r"(\d+) of (\d+) answered")


def answered_ids(data_dir) -> set[str]:
    store = open_store(data_dir, backup=False)
    try:
        return {qid for qid, state in store.question_states().items() if state.answered}
    finally:
        store.close()


def wait_for_answered(data_dir, timeout: float = 10.0) -> set[str]:
    deadline = time.monotonic() + timeout
    while not (ids := answered_ids(data_dir)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return ids


def test_a_question_ticked_in_the_browser_is_in_the_store(browser, tmp_path):
    data_dir = tmp_path / "data"
    with served(data_dir, tmp_path / "serve.log") as url:
        page = open_app(browser, url)
        study = wait_for_screen(page, lambda s: "Amazon EC2" in s and "Questions" in s, "the Study view")
        assert "Your annotation" in study

        page.keyboard.press("2")
        questions = wait_for_screen(page, lambda s: ANSWERED.search(s) is not None, "the Questions view")
        total = ANSWERED.search(questions).group(2)
        assert ANSWERED.search(questions).group(1) == "0"
        assert answered_ids(data_dir) == set()

        page.keyboard.press("Space")
        wait_for_screen(page, lambda s: f"1 of {total} answered" in s, "the tick")
        ticked = wait_for_answered(data_dir)
        assert len(ticked) == 1, ticked
        (qid,) = ticked
        text = next(q.text for q in load_library([bundled_content_dir()]).questions if q.id == qid)
        assert text[:20] in questions  # the question on the first row, where the cursor starts
        page.close()
