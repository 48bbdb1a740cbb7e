"""`/` search: the kept index, the result cap, moving and opening, literal text, tiny terminals."""

from __future__ import annotations

from textual.widgets import Input

from awstui.content.search import SearchIndex
from awstui.tui.screens.search import LIMIT, SearchResults, SearchScreen
from awstui.tui.widgets.note_view import NoteView

from .conftest import SIZE
from .helpers import screen_text, static_text


async def open_search(app, pilot, query: str = "") -> SearchScreen:
    app.action_search()
    await pilot.pause()
    assert isinstance(app.screen, SearchScreen)
    if query:
        await pilot.press(*query)
        await pilot.pause()
    return app.screen


def backgrounds(results: SearchResults, y: int) -> set:
    return {seg.style.bgcolor for seg in results.render_line(y) if seg.style}


async def close_search(pilot) -> None:
    await pilot.press("escape")
    await pilot.pause()


async def test_index_is_built_once_and_follows_the_learners_questions(make_app, monkeypatch):
    builds = []
    real_build = SearchIndex.build.__func__
    monkeypatch.setattr(
        SearchIndex, "build", classmethod(lambda cls, *a, **k: builds.append(1) or real_build(cls, *a, **k))
    )
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        first = (await open_search(app, pilot)).index
        await close_search(pilot)
        assert (await open_search(app, pilot)).index is first  # nothing changed: the same index
        await close_search(pilot)

        qid = app.store.add_question("kms", "Why do zebras rotate envelopes?")
        screen = await open_search(app, pilot, "zebras")
        assert [h.entry.question_id for h in screen.hits] == [qid]
        assert screen.index.entries[0] is first.entries[0]  # the library part is shared, not rebuilt
        await close_search(pilot)

        app.store.update_question(qid, "Why do okapis rotate envelopes?")
        screen = await open_search(app, pilot, "zebras")
        assert screen.hits == []
        screen.query_one(Input).value = "okapis"
        await pilot.pause()
        assert [h.entry.question_id for h in screen.hits] == [qid]
        await close_search(pilot)

        app.store.delete_question(qid)
        screen = await open_search(app, pilot, "okapis")
        assert screen.hits == []
        assert len(builds) == 1


async def test_results_are_capped_and_the_count_line_says_so(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = await open_search(app, pilot, "e")
        total = screen.index.search("e")[1]
        assert total > LIMIT
        assert len(screen.hits) == LIMIT == len(screen.query_one(SearchResults).hits)
        count = static_text(screen.query_one("#search-count")).strip()
        assert count == f"{total} matches (first {LIMIT} shown)"
        await pilot.press(*"ncryption")  # "encryption": fewer than the cap
        await pilot.pause()
        total = screen.index.search("encryption")[1]
        assert 1 < total < LIMIT and len(screen.hits) == total
        assert static_text(screen.query_one("#search-count")).strip() == f"{total} matches"


async def test_up_down_move_the_highlight_and_enter_opens_it(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = await open_search(app, pilot, "lambda")
        results = screen.query_one(SearchResults)
        assert len(screen.hits) > 3 and results.highlighted == 0
        await pilot.press("down", "down", "down", "up")
        assert results.highlighted == 2
        assert backgrounds(results, 2) != backgrounds(results, 1) == backgrounds(results, 3)  # the cursor row
        await pilot.press("up", "up", "up")  # wraps around to the last
        assert results.highlighted == len(screen.hits) - 1
        await pilot.press("down")
        assert results.highlighted == 0
        await pilot.press("j", "k")  # letters type into the box, they do not move
        assert screen.query_one(Input).value == "lambdajk" and results.highlighted is None
        await pilot.press("backspace", "backspace", "down", "down")
        await pilot.pause()
        hit = screen.hits[2]
        assert hit.entry.kind == "note"
        await pilot.press("enter")
        await pilot.pause()
        assert app.current_view == "study"
        note = app.query_one(NoteView)
        assert note.service.id == hit.entry.service_id and note.focus_line == hit.entry.line


async def test_page_keys_scroll_the_list_to_keep_the_highlight_visible(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = await open_search(app, pilot, "e")
        results = screen.query_one(SearchResults)
        height = results.size.height
        assert 0 < height < LIMIT
        await pilot.press("pagedown")
        assert results.highlighted == height - 1 and results.top == 0
        await pilot.press("pagedown", "pagedown", "pagedown", "pagedown")
        assert results.highlighted == LIMIT - 1  # stops at the end, no wrap
        assert results.top == LIMIT - height
        await pilot.pause()
        last = screen.hits[-1]
        bottom_row = screen_text(app).splitlines()[results.region.y + height - 1]
        assert (app.library.service(last.entry.service_id).name[:22]) in bottom_row
        await pilot.press("pageup")
        assert results.highlighted == LIMIT - height and results.top == LIMIT - height


async def test_clicking_a_result_opens_it(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = await open_search(app, pilot, "SAML")
        kinds = [h.entry.kind for h in screen.hits]
        assert kinds[0] == "question" and set(kinds[1:]) == {"exam"}  # exam questions come after
        assert screen.hits[0].entry.question_id == "cog-1"
        await pilot.click(SearchResults, offset=(10, 1))  # row 0 (below the list's top border)
        await pilot.pause()
        assert app.current_view == "questions"
        assert app.view("questions").current_row().id == "cog-1"


async def test_clicking_below_the_last_result_does_nothing(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = await open_search(app, pilot, "SAML")
        await pilot.click(SearchResults, offset=(10, 5))
        await pilot.pause()
        assert app.screen is screen


async def test_markup_in_results_is_shown_literally(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.store.add_question("kms", "Is [bold]zebra[/bold] or [link=https://x]okapi[/] safe? [/]")
        await open_search(app, pilot, "zebra")
        text = screen_text(app)
        assert "Is [bold]zebra[/bold] or [link=https://x]okapi[/] safe? [/]" in text


async def test_the_match_is_reversed_and_kept_on_screen_in_a_long_text(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = await open_search(app, pilot, "swapping back")
        results = screen.query_one(SearchResults)
        assert screen.hits and len(screen.hits[0].entry.text) > results.size.width
        strip = results.render_line(0)
        reversed_words = [seg.text for seg in strip if seg.style and seg.style.reverse]
        assert reversed_words == ["back", "swapping", "back"]  # "roll|back| is done via |swapping| |back|"
        assert "…" in strip.text and strip.cell_length == results.size.width


async def test_a_tiny_terminal_does_not_crash(make_app):
    app = make_app()
    async with app.run_test(size=(20, 5)) as pilot:
        await pilot.pause()
        screen = await open_search(app, pilot, "lambda")
        assert screen.hits
        await pilot.press("down", "pagedown", "up", "pageup")
        await pilot.resize_terminal(3, 2)
        await pilot.pause()
        await pilot.press("backspace", "a")
        await pilot.pause()
        screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, SearchScreen)


async def test_exam_questions_are_found_and_open_read_only_with_answer_and_explanation(make_app, data_dir):
    import dataclasses

    from awstui.content import load_library
    from awstui.content.models import ExamQuestion
    from awstui.paths import content_dirs
    from awstui.tui.screens.exam_question import ExamQuestionScreen

    from .helpers import static_text as text_of

    library = load_library(content_dirs(data_dir, None))
    imported = ExamQuestion(
        id="imp-x-1",
        domain="unclassified",
        services=(),
        stem="Which [b]zorblax[/b] setting uses `RetryMode`?",
        options=("Standard", "Legacy", "Adaptive", "None"),
        answer=("c",),
    )
    app = make_app(library=dataclasses.replace(library, exam=(*library.exam, imported)))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        attempts = app.store.attempt_counts()
        screen = await open_search(app, pilot, "zorblax")
        assert [h.entry.question_id for h in screen.hits] == ["imp-x-1"] and screen.hits[0].entry.kind == "exam"
        assert "exam question" in screen_text(app) and "[b]zorblax[/b]" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExamQuestionScreen)
        shown = text_of(app.screen.query_one("#exam-question-text"), width=110)
        assert "Which [b]zorblax[/b] setting uses RetryMode?" in shown
        assert "✓ c) Adaptive" in shown and "The source gave no explanation" in shown and "Docs" not in shown
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ExamQuestionScreen)
        assert app.store.attempt_counts() == attempts  # read-only: nothing was started or answered

        bundled = next(q for q in app.library.exam if q.explanation and q.references and q.services)
        screen = await open_search(app, pilot, bundled.explanation.split(".")[0][:40].lower())
        hit = next(i for i, h in enumerate(screen.hits) if h.entry.question_id == bundled.id)
        screen.query_one(SearchResults).move(hit)
        await pilot.press("enter")
        await pilot.pause()
        shown = text_of(app.screen.query_one("#exam-question-text"), width=110)
        assert "Why" in shown and "Docs" in shown and bundled.references[0] in shown
        await pilot.press("g")
        await pilot.pause()
        assert app.current_view == "study" and app.view("study").service_id in bundled.services


def test_a_newline_in_an_exam_entry_is_one_space_in_its_row():
    from awstui.content.models import ExamQuestion, Library
    from awstui.tui.widgets.search_results import row_segments

    q = ExamQuestion(id="x", domain=1, services=(), stem="Which store\nkeeps sessions?", options=("a",), answer=("a",))
    hit = SearchIndex.build(Library(exam=(q,))).search("keeps")[0][0]
    shown = "".join(seg.text for seg in row_segments(hit, "", 200))
    assert "Which store keeps sessions?" in shown and "\n" not in shown
