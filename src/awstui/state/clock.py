"""Timestamps: ISO 8601 UTC strings with microseconds, so that they sort as text."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

# What the store reads the time from: wall-clock UTC moments for its timestamps (the exam timer
# runs on the other kind, ``awstui.exam.clock.MonotonicClock``).
WallClock = Callable[[], datetime]

_TS_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def utc_now() -> datetime:
    return datetime.now(UTC)


def _as_utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:  # a naive datetime is taken to be UTC
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def format_ts(moment: datetime) -> str:
    """``2026-11-27T10:15:00.000000Z``: fixed width, so text order is time order."""
    return _as_utc(moment).strftime(_TS_FORMAT)


def file_stamp(moment: datetime) -> str:
    """``20261127T101500``: a timestamp for file names (UTC)."""
    return _as_utc(moment).strftime("%Y%m%dT%H%M%S")


def parse_ts(text: object) -> datetime:
    """Parse an ISO 8601 timestamp (``Z`` or an offset; naive means UTC). Raises ``ValueError``."""
    if not isinstance(text, str) or not text or len(text) > 64:
        raise ValueError("not a timestamp")
    moment = datetime.fromisoformat(text.strip())
    return _as_utc(moment)


def normalize_ts(text: object) -> str:
    """Any accepted ISO 8601 timestamp, rewritten in the store's own format."""
    return format_ts(parse_ts(text))
