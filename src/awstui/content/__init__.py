"""What is studied: models, loading and validation of content. Pure Python: never imports textual."""

from .loader import load_library, parse_exam_text, parse_questions_text, parse_service_text
from .models import (
    DOMAINS,
    UNCLASSIFIED,
    Bullet,
    Category,
    ContentError,
    ExamQuestion,
    Library,
    OpenQuestion,
    Problem,
    Service,
)

__all__ = [
    "DOMAINS",
    "UNCLASSIFIED",
    "Bullet",
    "Category",
    "ContentError",
    "ExamQuestion",
    "Library",
    "OpenQuestion",
    "Problem",
    "Service",
    "load_library",
    "parse_exam_text",
    "parse_questions_text",
    "parse_service_text",
]
