"""The parts the session is made of: ExamStatus, SavePoint, ExamTimer, Scorable, the renamed names."""

from __future__ import annotations

import json

import awstui.exam as exam_pkg
from awstui.exam import (
    EXPIRED,
    IN_PROGRESS,
    SUBMITTED,
    ExamSession,
    ExamStatus,
    ExamTimer,
    ManualClock,
    SavePoint,
    full_exam_config,
    score,
)


def test_exam_status_is_a_str_enum_with_the_store_values():
    assert [s.value for s in ExamStatus] == ["in_progress", "submitted", "expired", "abandoned"]
    assert IN_PROGRESS is ExamStatus.IN_PROGRESS and SUBMITTED is ExamStatus.SUBMITTED
    assert EXPIRED is ExamStatus.EXPIRED
    assert SUBMITTED == "submitted" and json.dumps(EXPIRED) == '"expired"' and f"{IN_PROGRESS}" == "in_progress"


def test_session_status_and_finished_are_exam_statuses(bank, clock):
    s = ExamSession.start(bank, full_exam_config(3), clock=clock)
    assert s.status is ExamStatus.IN_PROGRESS
    done = s.submit()
    assert done is not None and done.status is ExamStatus.SUBMITTED and s.status is ExamStatus.SUBMITTED
    assert s.to_record().status == "submitted"


def test_an_abandoned_record_is_rebuilt_in_progress(bank, by_id, clock):
    s = ExamSession.start(bank, full_exam_config(4), clock=clock)
    fields = s.to_record().fields() | {"status": "abandoned"}
    again = ExamSession.from_attempt_fields(by_id, clock=clock, **fields)
    assert again.status is ExamStatus.IN_PROGRESS and not again.finished


def test_progress_is_a_save_point(bank, clock):
    s = ExamSession.start(bank, full_exam_config(5), clock=clock)
    s.goto(3)
    clock.advance(12)
    assert s.progress() == SavePoint(12.0, 3)


def test_old_names_are_gone():
    assert not hasattr(exam_pkg, "Clock") and not hasattr(exam_pkg, "Progress")
    assert {"MonotonicClock", "SavePoint", "ExamStatus", "ExamTimer"} <= set(exam_pkg.__all__)


def test_timer_alone():
    clock = ManualClock(0.0)
    t = ExamTimer(clock, 700.0, 50.0, running=True)
    clock.advance(50)
    assert t.time_used() == 100 and t.remaining() == 600 and t.warning_level() == "10min"
    assert t.crossed_thresholds() == [10] and t.crossed_thresholds() == []
    assert t.needs_save() and (t.mark_saved() is None) and not t.needs_save()
    assert t.pause() == 100 and not t.running
    clock.advance(1000)
    assert t.time_used() == 100 and t.needs_save()  # a pause is a change to save
    t.resume()
    clock.advance(1000)
    assert t.time_up() and t.stop() == 700 and not t.running


def test_score_takes_any_scorable(bank, clock):
    s = ExamSession.start(bank, full_exam_config(6), clock=clock)

    class Plain:
        questions = s.questions
        answers: dict[str, list[int]] = {}
        flags: set[str] = set()

        def time_used(self, now: float | None = None) -> float:
            return 42.0

    r = score(Plain())
    assert r.correct == 0 and r.total == len(s.questions) and r.time_used_s == 42.0


def test_draw_for_needs_a_seed_and_follows_the_mode(bank):
    import pytest

    from awstui.exam import ExamError, draw, weak_config
    from awstui.exam.draw import draw_for

    with pytest.raises(ExamError):
        draw_for(bank, full_exam_config(None))
    cfg = full_exam_config(9)
    assert draw_for(bank, cfg) == draw(bank, cfg.count, 9, cfg.domains, cfg.services)
    weak = weak_config(5, seed=3)
    drawn = [q.id for q in draw_for(bank, weak, [(bank[0].id, False)])]
    assert len(drawn) == 5 and bank[0].id in drawn  # weak mode: the latest-wrong question first
