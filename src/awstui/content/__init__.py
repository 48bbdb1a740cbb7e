"""What is studied: models, loading and validation of content. Pure Python: never imports textual.

The names below are loaded on first use (PEP 562): importing ``awstui.content.models`` alone,
as a start with a warm parse cache does, never loads the parser or ``tomllib``.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_WHERE = {
    "load_library": ".loader",
    "parse_exam_text": ".loader",
    "parse_questions_text": ".loader",
    "parse_service_text": ".loader",
    "DOMAINS": ".models",
    "UNCLASSIFIED": ".models",
    "Bullet": ".models",
    "Category": ".models",
    "ContentError": ".models",
    "ExamQuestion": ".models",
    "Library": ".models",
    "OpenQuestion": ".models",
    "Problem": ".models",
    "Service": ".models",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(module, __name__), name)
    globals()[name] = value
    return value
