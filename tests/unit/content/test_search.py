"""SearchIndex: every word, any order, case-insensitive; typing narrows without changing answers."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from awstui.content import load_library
from awstui.content.search import Entry, SearchIndex
from awstui.paths import bundled_content_dir

TEXTS = [
    "KMS stores master keys",
    "DynamoDB Streams feed Lambda",
    "Cognito user pools",
    "kms key rotation",
    "Streams of keys",
    "Lambda layers",
]


def small_index() -> SearchIndex:
    return SearchIndex(Entry("note", "svc", t, line=n) for n, t in enumerate(TEXTS, 1))


def texts(hits) -> list[str]:
    return [h.entry.text for h in hits]


def test_every_word_in_any_order_case_insensitive_with_spans():
    hits, total = small_index().search("KEY kms")
    assert total == 2
    assert texts(hits) == ["KMS stores master keys", "kms key rotation"]
    assert hits[1].spans == ((0, 3), (4, 7))


def test_limit_caps_the_hits_not_the_total():
    hits, total = small_index().search("s", limit=2)
    assert total == 6 and len(hits) == 2


def test_blank_query_matches_nothing():
    assert small_index().search("   ") == ([], 0)


def test_typing_narrows_and_backspace_and_new_words_still_answer_right():
    index = small_index()
    for query in ("k", "ke", "key", "keys", "key", "k", "kms", "kms k", "s kms", "zzz", "stream", "streams l"):
        assert index.search(query) == small_index().search(query), query


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="kmsa eyltrd", max_size=6), min_size=1, max_size=8))
def test_a_sequence_of_queries_answers_as_a_fresh_index_would(queries):
    index = small_index()
    for query in queries:
        assert index.search(query) == small_index().search(query)


def test_with_questions_shares_the_library_part_and_leaves_it_alone():
    library = load_library([bundled_content_dir()])
    base = SearchIndex.build(library)
    mine = base.with_questions([("mine-1", "kms", "Why zebra envelopes?")])
    assert len(mine.entries) == len(base.entries) + 1
    assert mine.entries[0] is base.entries[0]
    hits, total = mine.search("zebra")
    assert total == 1 and hits[0].entry.question_id == "mine-1" and hits[0].entry.kind == "question"
    assert base.search("zebra") == ([], 0)
    assert SearchIndex.build(library, [("mine-1", "kms", "Why zebra envelopes?")]).search("zebra")[1] == 1


def test_exam_questions_are_searched_by_stem_options_and_explanation():
    from awstui.content.models import ExamQuestion, Library
    from awstui.content.search import SearchIndex

    q = ExamQuestion(
        id="imp-bank-1",
        domain="unclassified",
        services=(),
        stem="Which store\nkeeps sessions?",
        options=("ElastiCache", "Glacier", "EBS", "Snowball"),
        answer=("a",),
        explanation="Glacier is archival.",
    )
    index = SearchIndex.build(Library(exam=(q,)))
    for query in ("keeps sessions", "snowball", "archival"):
        hits, total = index.search(query)
        assert total == 1 and hits[0].entry.kind == "exam" and hits[0].entry.question_id == "imp-bank-1"
    entry = index.search("glacier")[0][0].entry
    assert entry.service_id == ""
    assert entry.text == "Which store\nkeeps sessions? | ElastiCache | Glacier | EBS | Snowball | Glacier is archival."


def test_fold_is_casefold():
    from awstui.content.search import fold

    for text in ("DynamoDB Streams", "Straße", "ΣΊΣΥΦΟΣ", "", "MiXeD 123 !"):
        assert fold(text) == text.casefold()
