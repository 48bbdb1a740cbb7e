"""Export and import: the whole state as versioned, readable JSON, merged back item by item.

Format (``version`` 1)::

    {"format": "awstui-state", "version": 1, "exported_at": "<ts>",
     "questions":  {qid: {"answered", "answered_at", "answered_changed_at", "answer", "answer_updated_at"}},
     "services":   {sid: {"reviewed", "reviewed_at", "reviewed_changed_at", "review_count",
                          "annotation", "annotation_updated_at"}},
     "learner_questions": {qid: {"service", "text", "created_at", "updated_at", "deleted_at"}},
     "settings":   {key: {"value": <json>, "updated_at"}},
     "attempts":   [{"uid", "mode", "config", "question_ids", "option_orders",
                     "answers": {qid: {"selected": [int], "flagged": bool, "updated_at"}},
                     "position", "time_used_s", "time_allowed_s", "status", "result",
                     "summary", "started_at", "finished_at", "updated_at"}],
     "review_cards": [...], "review_logs": [...]}   (schema v5: see ``exchange.reviews``)

An attempt's ``summary`` (what the exam layer made of its result, for history lists) travels
with it; an export without one (awstui before schema v2) still reads: the exam layer computes
it again on the first read.

Merging: per item (a question's tick, its written answer, a service's mark, its annotation,
a setting, a question of the learner's own, an attempt) the change with the newer timestamp
wins; on a tie ours is kept. A finished attempt stays as it was finished. A deleted question
of the learner's own stays deleted unless the other side changed it later.

Review logs merge as a union and a card follows its newest review (``exchange.reviews``).

``export`` writes the format, ``parse`` checks a file completely before anything is merged,
``merge`` merges what was parsed; each has one function per section.
"""

from .export import FORMAT, FORMAT_VERSION, empty_export, export_rows
from .merge import merge_rows
from .parse import ParsedExport, parse_export

__all__ = ["FORMAT", "FORMAT_VERSION", "ParsedExport", "empty_export", "export_rows", "merge_rows", "parse_export"]
