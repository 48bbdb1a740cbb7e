"""A session under random use: answers, flags, moves, clock jumps, pauses, saves and reloads."""

from __future__ import annotations

from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from awstui.content.models import ExamQuestion
from awstui.exam import ExamConfig, ExamSession, ManualClock


def _bank() -> list[ExamQuestion]:
    bank = []
    for domain in (1, 2, 3, 4, "unclassified"):
        for i in range(6):
            multi = i % 3 == 2
            n = 5 if multi else 4
            bank.append(
                ExamQuestion(
                    id=f"{domain}-{i}",
                    domain=domain,
                    services=(("lambda", "s3", "kms")[i % 3],),
                    stem=f"Q {domain}-{i}" + (" (Choose two.)" if multi else ""),
                    options=tuple(f"option {k}" for k in range(n)),
                    answer=("a", "d") if multi else ("abcd"[i % 4],),
                )
            )
    return bank


event_ = event
BANK = _bank()
BY_ID = {q.id: q for q in BANK}


class ExamMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.clock = ManualClock(0.0)
        self.session: ExamSession | None = None
        self.finishes = 0
        self.answers: dict[str, set[int]] = {}  # the model: what the learner did
        self.flags: set[str] = set()
        self.announced: list[int] = []

    @initialize(
        mode=st.sampled_from(["full", "custom", "practice", "weak"]),
        count=st.integers(1, 30),
        minutes=st.sampled_from([None, 1, 5, 11, 30]),
        seed=st.integers(0, 2**40),
    )
    def start(self, mode, count, minutes, seed):
        config = ExamConfig(mode, count, None if mode == "practice" else minutes, seed=seed)
        history = [(q.id, i % 2 == 0) for i, q in enumerate(BANK[::3])]
        self.session = ExamSession.start(BANK, config, history=history, clock=self.clock)
        assert 1 <= len(self.session) <= count

    # ------------------------------------------------------------ the learner

    @rule(at=st.integers(0, 100), option=st.integers(0, 9))
    def choose(self, at, option):
        s = self.session
        i = at % len(s)
        q = s.questions[i]
        option %= len(q.options)
        accepting = s.accepting() and not s.locked(i)  # a revealed practice answer is locked
        change = s.choose(option, at=i)
        if not accepting:
            assert change is None
            return
        original = s.option_order(q.id)[option]
        before = self.answers.get(q.id, set())
        after = before ^ {original} if q.is_multi else {original}
        self._set(q.id, after)
        assert change.qid == q.id and change.selected == sorted(after)

    @rule(at=st.integers(0, 100), picks=st.sets(st.integers(0, 4), max_size=5))
    def answer_multi(self, at, picks):
        s = self.session
        i = at % len(s)
        q = s.questions[i]
        if not q.is_multi:
            return
        change = s.answer(picks, at=i)
        if change is not None:
            self._set(q.id, {s.option_order(q.id)[d] for d in picks})

    @rule(at=st.integers(0, 100))
    def clear(self, at):
        s = self.session
        q = s.questions[at % len(s)]
        if s.clear(at=q.id) is not None:
            self._set(q.id, set())

    @rule(at=st.integers(0, 100))
    def toggle_flag(self, at):
        s = self.session
        q = s.questions[at % len(s)]
        change = s.toggle_flag(at=q.id)
        if change is not None:
            assert change.flagged == (q.id not in self.flags)
            (self.flags.add if change.flagged else self.flags.discard)(q.id)

    @rule(to=st.integers(-5, 100), how=st.sampled_from(["goto", "next", "prev"]))
    def move(self, to, how):
        s = self.session
        before = s.position
        pos = s.goto(to) if how == "goto" else getattr(s, how)()
        assert 0 <= pos < len(s) and pos == s.position
        if how == "next":
            assert pos == min(before + 1, len(s) - 1)

    @rule()
    def check_if_allowed(self):
        s = self.session
        if s.can_check():
            feedback = s.check()
            assert feedback.correct == (self.answers.get(s.view().qid) == set(s.question().correct_indices))

    def _set(self, qid, selected):
        if selected:
            self.answers[qid] = set(selected)
        else:
            self.answers.pop(qid, None)

    # ------------------------------------------------------------ time and the app

    @rule(seconds=st.one_of(st.floats(0, 120), st.floats(0, 3000), st.just(0.0)))
    def time_passes(self, seconds):
        self.clock.advance(seconds)

    @rule(extra=st.sampled_from([0.0, 0.001, 1.0, 500.0]))
    def run_out_the_clock(self, extra):
        s = self.session
        if s.running and s.timed:
            self.clock.advance(s.remaining() + extra)
            assert s.remaining() < 1e-6  # float rounding may leave a hair when extra is 0

    @rule()
    def pause(self):
        self.session.pause()
        assert not self.session.running

    @rule()
    def resume(self):
        self.session.resume()
        assert self.session.running != self.session.finished

    @rule()
    def tick(self):
        s = self.session
        was_over = s.finished
        event = s.tick()
        if event is not None:
            self.finishes += 1
            event_("expired")
            assert not was_over and event.status == "expired" == s.status
            assert event.time_used_s == s.time_allowed_s
        if s.timed and s.remaining() == 0:
            assert s.finished

    @rule(really=st.integers(0, 3))
    def submit(self, really):
        if really:  # submit less often than other moves, so that the clock can run out too
            return
        s = self.session
        was_over = s.finished
        event = s.submit()
        assert (event is None) == was_over
        if event is not None:
            self.finishes += 1
            event_(event.status)
            assert event.result == s.result and event.status == s.status

    @rule()
    def warnings(self):
        got = self.session.crossed_thresholds()
        assert got == sorted(got, reverse=True)
        self.announced += got
        assert len(self.announced) == len(set(self.announced))

    @rule(resume=st.booleans())
    def save_and_reload(self, resume):
        s = self.session
        record = s.to_record()
        again = ExamSession.from_record(record, BY_ID, clock=self.clock)
        assert again.to_record() == record
        assert again.time_used() == record.time_used_s == s.time_used()
        assert [q.id for q in again.questions] == [q.id for q in s.questions]
        assert all(again.option_order(q.id) == s.option_order(q.id) for q in s.questions)
        assert again.answers == s.answers and again.flags == s.flags
        assert again.position == s.position and again.status == s.status
        assert again.result == s.result
        assert again.missing_ids == () and again.changed_ids == ()
        event_("reloaded a finished attempt" if again.finished else "reloaded")
        if resume:
            again.resume()
        self.session = again

    @rule()
    def save_cadence(self):
        s = self.session
        if s.needs_save():
            s.mark_saved()
            assert not s.needs_save()

    # ------------------------------------------------------------ invariants

    @invariant()
    def time_is_within_bounds(self):
        s = self.session
        used = s.time_used()
        assert used >= 0
        if s.timed:
            assert used <= s.time_allowed_s
            assert 0 <= s.remaining() <= s.time_allowed_s
        else:
            assert s.remaining() is None

    @invariant()
    def at_most_one_submission(self):
        assert self.finishes <= 1
        assert self.session.finished == (self.finishes == 1)

    @invariant()
    def the_session_holds_what_the_learner_did(self):
        s = self.session
        assert s.answers == {k: sorted(v) for k, v in self.answers.items()}
        assert s.flags == self.flags
        assert s.unanswered_count == len(s) - len(self.answers)
        if s.finished:
            assert s.result.total == len(s)
            assert s.result.correct == sum(1 for q in s.questions if self.answers.get(q.id) == set(q.correct_indices))


ExamMachine.TestCase.settings = settings(
    max_examples=150,
    stateful_step_count=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestExamSessionStateMachine = ExamMachine.TestCase
