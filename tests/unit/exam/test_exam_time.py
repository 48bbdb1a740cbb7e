"""Time: from the clock, pause/resume, expiry exactly once, warnings once, saving cadence."""

from __future__ import annotations

import pytest

from awstui.exam import ExamConfig, ExamSession, ManualClock, custom_config, full_exam_config


@pytest.fixture
def exam(bank, clock):
    return ExamSession.start(bank, full_exam_config(2), clock=clock)


def test_time_is_read_from_the_clock_not_counted_from_ticks(exam, clock):
    assert exam.running and exam.time_used() == 0 and exam.remaining() == 7800
    clock.advance(61.5)  # no tick at all in between: nothing is lost
    assert exam.time_used() == 61.5 and exam.remaining() == 7800 - 61.5
    for _ in range(100):  # many ticks at the same instant do not add time
        assert exam.tick() is None
    assert exam.time_used() == 61.5
    assert exam.time_used(now=clock.now + 10) == 71.5  # an explicit now


def test_pause_and_resume(exam, clock):
    clock.advance(100)
    assert exam.pause() == 100 and not exam.running
    clock.advance(5000)  # the exam is not on screen: the clock stands still
    assert exam.time_used() == 100 and exam.tick() is None
    exam.pause()  # pausing twice changes nothing
    exam.resume()
    clock.advance(20)
    exam.resume()  # resuming twice does not restart the interval
    clock.advance(5)
    assert exam.time_used() == 125


def test_time_never_negative_even_if_the_clock_goes_back(exam, clock):
    clock.advance(10)
    clock.set(0.0)
    assert exam.time_used() == 0.0 and exam.remaining() == 7800
    exam.pause()
    assert exam.time_used() == 0.0


def test_expiry_submits_exactly_once_with_the_answers_so_far(exam, clock):
    exam.choose("a", at=0)
    exam.flag(at=1)
    clock.advance(7799.5)
    assert exam.tick() is None and exam.status == "in_progress"
    clock.advance(400)  # a late tick, far past the end
    assert exam.remaining() == 0 and exam.time_used() == 7800
    assert exam.choose("b", at=2) is None  # time is up: no more answers, even before the tick
    finished = exam.tick()
    assert finished.status == "expired" and finished.time_used_s == 7800
    assert finished.result.answered == 1 and finished.result.outcome(exam.questions[1].id).flagged
    assert exam.status == "expired" and exam.result is finished.result
    assert exam.tick() is None and exam.submit() is None
    clock.advance(100)
    assert exam.tick() is None and exam.time_used() == 7800 and exam.remaining() == 0
    exam.resume()
    assert not exam.running


def test_submit_once(exam, clock):
    clock.advance(60)
    finished = exam.submit()
    assert finished.status == "submitted" and finished.time_used_s == 60
    clock.advance(10000)
    assert exam.submit() is None and exam.tick() is None
    assert exam.time_used() == 60


def test_submit_after_the_time_ran_out_is_expiry(exam, clock):
    clock.advance(8000)
    assert exam.submit().status == "expired"


def test_untimed_sessions_never_expire(bank, clock):
    s = ExamSession.start(bank, custom_config(10, None, seed=1), clock=clock)
    clock.advance(10**7)
    assert s.remaining() is None and s.tick() is None and s.warning_level() is None
    assert s.crossed_thresholds() == [] and s.time_used() == 10**7
    assert s.submit().status == "submitted"


def test_warning_levels(exam, clock):
    assert exam.warning_level() is None
    clock.advance(7800 - 601)
    assert exam.warning_level() is None
    clock.advance(1)
    assert exam.warning_level() == "10min"
    clock.advance(300)
    assert exam.warning_level() == "5min"
    clock.advance(240)
    assert exam.warning_level() == "1min"
    exam.tick()
    clock.advance(60)
    exam.tick()
    assert exam.warning_level() is None  # finished


def test_thresholds_are_crossed_once_each(exam, clock):
    seen = []
    for _ in range(7800 // 7 + 2):
        clock.advance(7)
        seen += exam.crossed_thresholds()
        exam.tick()
    assert seen == [10, 5, 1]


def test_a_jump_crosses_several_thresholds_at_once(exam, clock):
    clock.advance(7800 - 200)
    assert exam.crossed_thresholds() == [10, 5]
    assert exam.crossed_thresholds() == []
    clock.advance(150)
    assert exam.crossed_thresholds() == [1]
    assert exam.crossed_thresholds() == []


def test_thresholds_behind_at_start_are_not_announced(bank, clock):
    s = ExamSession.start(bank, custom_config(5, 5, seed=1), clock=clock)
    assert s.crossed_thresholds() == []  # a 5-minute exam is not "5 minutes left" news
    clock.advance(241)
    assert s.crossed_thresholds() == [1]


def test_needs_save_every_five_seconds(exam, clock):
    assert not exam.needs_save()
    clock.advance(4.9)
    assert not exam.needs_save()
    clock.advance(0.1)
    assert exam.needs_save()
    exam.mark_saved()
    assert not exam.needs_save()
    clock.advance(5)
    assert exam.needs_save(now=clock.now) and not exam.needs_save(now=clock.now - 1)
    exam.mark_saved()
    exam.pause()
    clock.advance(60)
    assert exam.needs_save()  # the pause itself is not saved yet
    exam.mark_saved()
    clock.advance(60)
    assert not exam.needs_save()  # paused and saved: nothing to write
    exam.submit()
    clock.advance(60)
    assert not exam.needs_save()


def test_progress_for_the_store(exam, clock):
    exam.goto(7)
    clock.advance(33)
    progress = exam.progress()
    assert (progress.time_used_s, progress.position) == (33, 7)


def test_default_clock_is_monotonic_and_real(bank):
    s = ExamSession.start(bank, ExamConfig("custom", 3, 1, seed=1))
    assert 0 <= s.time_used() < 5
    assert isinstance(ManualClock()(), float)


def test_a_stopped_stretch_is_not_charged(exam, clock):
    """Hardening item 15: the clock runs only while awstui is open; a stopped process is not."""
    clock.advance(100)
    stopped_at = clock.now
    clock.advance(3000)  # SIGSTOP / ctrl+z for 50 minutes, continued now
    exam.not_charged(stopped_at)
    assert exam.time_used() == 100
    clock.advance(10)  # and it runs on from the continue
    assert exam.time_used() == 110 and exam.running


def test_not_charged_keeps_what_was_used_and_ignores_a_paused_clock(exam, clock):
    clock.advance(40)
    exam.pause()
    exam.resume()
    clock.advance(10)
    exam.not_charged(since=clock.now - 500)  # a stop from before the last resume: only the 10 s since
    assert exam.time_used() == 40
    clock.advance(10)
    assert exam.time_used() == 50
    exam.pause()
    clock.advance(100)
    exam.not_charged(since=clock.now - 100)
    assert exam.time_used() == 50 and not exam.running
    exam.resume()
    clock.advance(5)
    exam.not_charged(since=clock.now + 10)  # since after until: nothing taken off, nothing added
    assert exam.time_used() == 55
