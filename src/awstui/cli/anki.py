"""``awstui export-anki FILE.apkg``: the exam bank and the learner's answered open questions as
an Anki deck, written with genanki.

Note ids and guids come from awstui's question ids (``anki_notes.stable_id``, genanki's
``guid_for``), and the deck and note types have fixed ids: importing a newer export into Anki
updates the notes it already has instead of adding copies.
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .bank import domain_arg
from .state import _data_dir, _fail, _guarded

if TYPE_CHECKING:
    from .anki_notes import Card, Filters

DECK_ID = 1_733_100_000_013  # fixed: a re-import lands in the same deck
DECK_NAME = "AWS Developer Associate (awstui)"
EXAM_MODEL_ID = 1_733_100_000_101
OPEN_MODEL_ID = 1_733_100_000_102
CSS = ".card { font-family: sans-serif; font-size: 18px; text-align: left; } .options { list-style: none; }"
_BACK = '{{FrontSide}}<hr id="answer">'


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``export-anki`` to the subcommands."""
    p = sub.add_parser(
        "export-anki",
        help="write an Anki deck of the exam questions and your answered open questions",
        description="Write an Anki package: one note per exam question (stem and options on the front; "
        "answer, explanation and links on the back) and one per open question you answered (your answer on "
        "the back). Importing a newer export into Anki updates the notes instead of adding copies.",
    )
    p.add_argument("file", type=Path, metavar="FILE.apkg", help="the package to write")
    p.add_argument(
        "--missed",
        action="store_true",
        help="only exam questions you answered wrong in a finished exam (no open questions)",
    )
    p.add_argument(
        "--domain",
        type=domain_arg,
        action="append",
        default=[],
        metavar="N",
        help="only exam questions of domain N, 1-4 or unclassified (repeatable; no open questions)",
    )
    p.add_argument(
        "--service", action="append", default=[], metavar="ID", help="only questions on service ID (repeatable)"
    )
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.set_defaults(handler=run_export_anki)


def _models() -> tuple[Any, Any]:
    import genanki

    exam = genanki.Model(
        EXAM_MODEL_ID,
        "awstui exam question",
        fields=[{"name": n} for n in ("Stem", "Options", "Answer", "Explanation", "Links", "Id")],
        templates=[
            {
                "name": "Question",
                "qfmt": "{{Stem}}{{Options}}",
                "afmt": _BACK + '<b>{{Answer}}</b><p>{{Explanation}}</p><p class="links">{{Links}}</p>',
            }
        ],
        css=CSS,
    )
    open_ = genanki.Model(
        OPEN_MODEL_ID,
        "awstui open question",
        fields=[{"name": n} for n in ("Question", "Service", "Answer", "Id")],
        templates=[
            {"name": "Question", "qfmt": '{{Question}}<p class="service">{{Service}}</p>', "afmt": _BACK + "{{Answer}}"}
        ],
        css=CSS,
    )
    return exam, open_


def write_package(cards: Iterable[Card], target: Path) -> int:
    """Write ``cards`` to ``target`` (replaced atomically); returns how many notes were written."""
    import genanki

    from .anki_notes import TAG_ROOT

    exam_model, open_model = _models()

    class StableNote(genanki.Note):  # genanki has no type hints: Any
        """A note whose id is awstui's (genanki numbers notes by time): Anki keeps one note per question."""

        note_id = 0

        def write_to_db(self, cursor: Any, timestamp: float, deck_id: int, id_gen: Iterator[int]) -> None:
            super().write_to_db(cursor, timestamp, deck_id, itertools.chain([self.note_id], id_gen))

    deck = genanki.Deck(DECK_ID, DECK_NAME)
    for card in cards:
        model = exam_model if card.kind == "exam" else open_model
        note = StableNote(
            model=model,
            fields=list(card.fields),
            tags=list(card.tags),
            guid=genanki.guid_for(TAG_ROOT, card.kind, card.qid),
        )
        note.note_id = card.note_id
        deck.add_note(note)
    tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    try:
        genanki.Package(deck).write_to_file(str(tmp))
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return len(deck.notes)


def _learner_data(data_dir: Path, missed: bool) -> tuple[dict[str, Any], list[Any], list[tuple[str, bool]]]:
    """(question states, the learner's own questions, exam answer history) from the store, if any."""
    from ..paths import STATE_FILE

    if not (data_dir / STATE_FILE).exists():
        return {}, [], []
    from ..exam.history import answer_history
    from ..state import open_store

    store = open_store(data_dir, backup=False)
    try:
        for notice in store.notices:
            print(f"awstui: {notice}", file=sys.stderr)
        attempts: list[Any] = store.attempt_results() if missed else []  # AttemptLike, read-only
        history = answer_history(attempts)
        return dict(store.question_states()), list(store.learner_questions()), history
    finally:
        store.close()


def _filters(args: argparse.Namespace, history: list[tuple[str, bool]]) -> Filters:
    from .anki_notes import Filters, missed_questions

    return Filters(
        missed=missed_questions(history) if args.missed else None,
        domains=frozenset(args.domain),
        services=frozenset(args.service),
    )


@_guarded
def run_export_anki(args: argparse.Namespace) -> int:
    """The ``export-anki`` handler."""
    from .anki_notes import build_cards
    from .app import load_content

    target = Path(args.file).expanduser()
    if target.is_dir():
        return _fail(f"{target} is a folder; give a file name")
    if target.exists() and not args.force:
        return _fail(f"{target} exists; use --force to replace it")
    data_dir = _data_dir(args)
    library = load_content(data_dir, list(getattr(args, "content", []) or []))
    unknown = sorted(set(args.service) - {s.id for s in library.services})
    if unknown:
        return _fail(f"no service {', '.join(map(repr, unknown))} (`awstui check` lists the services)")
    states, learner, history = _learner_data(data_dir, args.missed)
    cards = build_cards(library, states, learner, _filters(args, history))
    n = write_package(cards, target)
    exam = sum(1 for c in cards if c.kind == "exam")
    print(f"wrote {n} notes ({exam} exam questions, {n - exam} open questions) to {target}", file=sys.stderr)
    return 0
