"""The exam engine: draw questions, run a session (answers, flags, navigation, clock), score it.

Pure Python: never imports textual or ``awstui.state`` (arrows: exam -> content only), does no
work at import time, and reads time only through an injected clock (``MonotonicClock``: a
callable returning seconds; ``time.monotonic`` by default, ``ManualClock`` in tests).

Modules: ``config`` (ExamConfig), ``draw``, ``scoring`` (Result; ``score`` takes any
``Scorable``), ``status`` (``ExamStatus``), ``clock``, ``timer`` (``ExamTimer``, the session's
clock), ``sheet`` (``AnswerSheet``: questions, orders, answers, flags, navigation — the session's
base), ``views`` (what the UI reads), ``changes`` (what the store is handed), ``record``
(``ExamRecord`` and restoring a saved attempt), ``session`` (``ExamSession``); the learning
loop: ``reviews`` (what an answer is worth to the spaced-repetition scheduler: ``rating_for``,
``Finished.reviews``, ``AnswerChange.review``, seeding from history), ``review_queue`` (review
mode's queue, limits, Anki-style interval texts), ``readiness`` (the estimate per domain and task
statement, and the scaled estimate). The scheduler itself (py-fsrs) runs in the store
(``store.reviews``), where a grade is one transaction.
``ExamStatus`` is a StrEnum (in_progress, submitted, expired, abandoned; equal to its string
values); ``IN_PROGRESS``, ``SUBMITTED`` and ``EXPIRED`` are its members.

Configuring
    ``ExamConfig(mode, count, minutes, domains, services, seed, imported)`` — mode "full" | "custom" |
    "practice" | "weak"; ``minutes=None`` is untimed (practice is always untimed);
    ``domains=None`` allows every domain including "unclassified" (imported banks), otherwise
    name the domains (1–4, "unclassified"); ``services=None`` allows all, otherwise a question
    qualifies when any of its services is named; ``seed=None`` picks one at start.
    ``full_exam_config(seed, imported=True)`` = 65 questions, 130 minutes, domains 1–4 (no
    "unclassified"), imported questions with a domain counting toward it unless
    ``imported=False``; ``full_exam_pool(bank, imported)`` says which questions that draws from.
    Also ``custom_config``, ``practice_config``, ``weak_config``. ``to_dict()``/``from_dict()``.

Drawing (pure, reproducible from the seed, no repeats, bank read in id order)
    ``draw(bank, count, seed, domains=None, services=None) -> list[ExamQuestion]`` — stratified
    by DVA-C02 weight 32/26/24/18 with largest-remainder rounding (``domain_quotas``); a domain
    that runs short is filled from the others; "unclassified" is an extra stratum weighted by
    its share of the pool, drawn only when the domains filter allows it; more than available
    returns all. ``weak_spot_draw(bank, history, count, seed, domains=None, services=None)`` —
    history = ``(qid, correct)`` pairs, oldest first: latest-wrong questions first, then unseen,
    then the rest, each tier weakest service/domain first. ``option_orders(questions, seed)`` —
    ``{qid: order}`` with ``order[display] = original`` option index.

A session
    ``session = ExamSession.start(bank, config, history=(), clock=..., running=True)`` draws and
    starts the clock (raises ``ExamError`` when nothing matches); ``session.config`` records the
    seed and the real count. Then ``store.create_attempt(**session.to_record().create_kwargs())``.

    Showing: ``session.view(i=None) -> QuestionView`` (stem, ``options`` in display order with keys
    a, b, …, ``choose``, ``is_multi``, ``selected``/``selected_keys``, ``flagged``, ``status``,
    ``complete``, ``feedback`` when allowed); ``current``, ``views()``, ``statuses()``,
    ``status_of(i)`` ("flagged" | "answered" | "unanswered"), ``answered_count``,
    ``unanswered_count``, ``flagged_count``, ``position``, ``len(session)``.

    Navigating: ``goto(i)``, ``next()``, ``prev()`` (clamped, return the position),
    ``find("unanswered" | "answered" | "flagged", start=None, forward=True, wrap=True)``.

    Answering (``at`` = position or qid, default the current question; options are display
    indices or keys "a".."j"): ``choose(option)`` — single answer: replaces; multiple response:
    toggles; ``answer(selected)`` sets exactly; ``clear()``; ``flag()``, ``unflag()``,
    ``toggle_flag()``. Each returns an ``AnswerChange(qid, selected, time_used_s)`` (original
    indices) or ``FlagChange(qid, flagged, time_used_s)`` for the store, or ``None`` once the
    attempt is over or the time has run out. Any number of options may be selected on a
    multiple-response question (scored wrong unless it is exactly the right set).
    ``check(qid=None) -> Feedback`` (right or not, right options) in practice mode after an
    answer, and for any question once finished; ``can_check(qid)`` says whether it is allowed.

    Time (computed from the clock on every call, never by counting ticks): ``time_used()`` =
    saved time + (now − resumed_at) while running, clamped to [0, allowed]; ``remaining()``
    (``None`` untimed, never negative); ``pause()``/``resume()`` (the clock runs only while the
    exam is on screen); ``tick()`` -> ``Finished`` once when the time runs out (status
    ``ExamStatus.EXPIRED``, answers so far), else ``None``; ``submit()`` -> ``Finished``
    (``ExamStatus.SUBMITTED``) or
    ``None`` if already over; ``warning_level()`` -> None | "10min" | "5min" | "1min";
    ``crossed_thresholds()`` -> each of 10, 5, 1 once when crossed (thresholds already behind
    when the session was built are not announced). Every time method takes an optional ``now``.

    Saving: ``needs_save(now)`` (≥ 5 s since ``mark_saved()`` while running or after a move),
    ``progress() -> SavePoint(time_used_s, position)`` for ``store.save_progress``;
    ``Finished(status, result, time_used_s)`` for ``store.finish_attempt(id, status,
    result.to_dict(), time_used_s)``. ``to_record() -> ExamRecord`` (the store's Attempt fields);
    ``ExamSession.from_attempt_fields(questions_by_id, mode=, config=, question_ids=,
    option_orders=, answers=, flags=, position=, time_used_s=, time_allowed_s=, status=,
    result=None, clock=, running=False)``, ``from_record(record, questions_by_id)`` and
    ``from_attempt(attempt, questions_by_id)`` rebuild it exactly, paused (call ``resume()``).
    Ids no longer in the bank are skipped into ``session.missing_ids`` (their saved data is
    carried through ``to_record``); questions whose options no longer fit the saved order are
    reordered and listed in ``session.changed_ids``.

Scoring
    ``score(session) -> Result`` (also ``session.result`` once finished; ``score_answers`` for
    raw answers): ``correct``, ``total``, ``percent``, ``scaled`` (ESTIMATE, see
    ``SCALED_SCORE_NOTE``: 0 % -> 100, 72 % -> 720, 100 % -> 1000, piecewise linear, rounded
    down), ``passed`` (scaled >= 720), ``per_domain`` / ``per_service`` / ``per_task`` ``{key: (correct,
    total)}``, ``time_used_s``, ``outcomes`` (``QuestionOutcome``: kind "correct" | "partial" |
    "wrong" | "unanswered"). Unanswered is wrong; multiple response is all-or-nothing.
    ``Result.to_dict()``/``from_dict()``; ``Result.history()`` feeds ``weak_spot_draw``.
"""

from .changes import AnswerChange, Finished, FlagChange, SavePoint
from .clock import ManualClock, MonotonicClock, default_clock
from .config import (
    FULL_EXAM_MINUTES,
    FULL_EXAM_QUESTIONS,
    MODES,
    ExamConfig,
    ExamError,
    custom_config,
    full_exam_config,
    practice_config,
    weak_config,
)
from .draw import (
    FilterEffect,
    FullExamPool,
    accuracy_by_area,
    apportion,
    domain_quotas,
    draw,
    filter_bank,
    filter_effect,
    full_exam_pool,
    is_imported,
    option_order,
    option_orders,
    weak_spot_draw,
)
from .record import ExamRecord
from .scoring import (
    PASSING_SCALED,
    SCALED_SCORE_NOTE,
    QuestionOutcome,
    Result,
    judge,
    scaled_score,
    score,
    score_answers,
)
from .session import ExamSession
from .status import EXPIRED, IN_PROGRESS, SUBMITTED, ExamStatus
from .timer import SAVE_INTERVAL_S, WARNING_MINUTES, ExamTimer
from .views import Feedback, OptionView, QuestionView

__all__ = [
    "EXPIRED",
    "FULL_EXAM_MINUTES",
    "FULL_EXAM_QUESTIONS",
    "IN_PROGRESS",
    "MODES",
    "PASSING_SCALED",
    "SAVE_INTERVAL_S",
    "SCALED_SCORE_NOTE",
    "SUBMITTED",
    "WARNING_MINUTES",
    "AnswerChange",
    "ExamConfig",
    "ExamError",
    "ExamRecord",
    "ExamSession",
    "ExamStatus",
    "ExamTimer",
    "Feedback",
    "FilterEffect",
    "Finished",
    "FlagChange",
    "FullExamPool",
    "ManualClock",
    "MonotonicClock",
    "OptionView",
    "QuestionOutcome",
    "QuestionView",
    "Result",
    "SavePoint",
    "accuracy_by_area",
    "apportion",
    "custom_config",
    "default_clock",
    "domain_quotas",
    "draw",
    "filter_bank",
    "filter_effect",
    "full_exam_config",
    "full_exam_pool",
    "is_imported",
    "judge",
    "option_order",
    "option_orders",
    "practice_config",
    "scaled_score",
    "score",
    "score_answers",
    "weak_config",
    "weak_spot_draw",
]
