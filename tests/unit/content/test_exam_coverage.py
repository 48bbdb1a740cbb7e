"""A service's exam questions and the learner's accuracy on them."""

from __future__ import annotations

from awstui.content.exam_coverage import ServiceExam, by_service
from awstui.content.models import ExamQuestion


def q(qid: str, *services: str) -> ExamQuestion:
    return ExamQuestion(
        id=qid, domain=1, services=services, stem="?", options=("a", "b", "c", "d"), answer=("a",), explanation=""
    )


def test_counts_questions_answered_and_accuracy_per_service():
    bank = [q("a", "lambda"), q("b", "lambda", "s3"), q("c", "s3"), q("d")]
    history = [("a", True), ("a", False), ("b", True), ("gone", True)]
    stats = by_service(bank, history)
    assert stats["lambda"] == ServiceExam(total=2, answered=2, correct=2, answers=3)
    assert stats["s3"] == ServiceExam(total=2, answered=1, correct=1, answers=1)
    assert "" not in stats and set(stats) == {"lambda", "s3"}
    assert stats["lambda"].describe() == "2 exam questions · 2 answered · 67% right"
    assert stats["s3"].accuracy == 1.0


def test_describe_before_any_answer_and_without_questions():
    assert ServiceExam(1).describe() == "1 exam question · none answered yet"
    assert ServiceExam(0).describe() == "No exam questions on this service"
    assert ServiceExam(3).accuracy is None
