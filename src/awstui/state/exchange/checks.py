"""The export parser's checks: each takes ``(value, path)`` and returns the value, or raises
``Bad`` naming the path in the file (escaped: the message stays one line)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any, NoReturn, TypeVar

from .. import marks
from ..clock import normalize_ts
from ..errors import StoreError
from ..validate import MAX_ID_LEN

T = TypeVar("T")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")  # content.text's CONTROL_RANGES


class Bad(Exception):
    pass


def fail(path: str, message: str) -> NoReturn:
    from ...content.text import escaped  # only on a bad file: importing the state loads no content

    raise Bad(f"{escaped(path)}: {escaped(message)}")


def type_name(value: Any) -> str:
    return {
        type(None): "null",
        bool: "true/false",
        int: "a number",
        float: "a number",
        str: "a string",
        list: "a list",
        dict: "an object",
    }.get(type(value), type(value).__name__)


def obj(value: Any, path: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        fail(path, f"expected an object, got {type_name(value)}")
    return value


def ident(value: Any, path: str) -> str:
    if not isinstance(value, str) or not value.strip():
        fail(path, "expected a non-empty id")
    if len(value) > MAX_ID_LEN:
        fail(path, f"id longer than {MAX_ID_LEN} characters")
    if _CONTROL.search(value):
        fail(path, "a control character in the id")
    return value


def text(value: Any, path: str) -> str:
    if not isinstance(value, str):
        fail(path, f"expected a string, got {type_name(value)}")
    return value


def boolean(value: Any, path: str) -> bool:
    if not isinstance(value, bool):
        fail(path, f"expected true or false, got {type_name(value)}")
    return value


def ts(value: Any, path: str, optional: bool = True) -> str | None:
    if value is None:
        if not optional:
            fail(path, "a timestamp is required")
        return None
    try:
        return normalize_ts(value)
    except (ValueError, TypeError, OverflowError):
        fail(path, f"expected an ISO 8601 timestamp, got {value!r:.60}")


def required_ts(value: Any, path: str) -> str:
    moment = ts(value, path, optional=False)
    assert moment is not None  # ts() fails on None when not optional
    return moment


def whole(value: Any, path: str, minimum: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum or value > 2**62:
        fail(path, f"expected a whole number >= {minimum}, got {value!r:.60}")
    return value


def seconds(value: Any, path: str, optional: bool = False) -> float | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not (0 <= value < 1e12):
        fail(path, f"expected a number of seconds >= 0, got {value!r:.60}")
    return float(value)


def json_text(value: Any, path: str) -> str:
    try:
        return json.dumps(value, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError):
        fail(path, "not JSON-serialisable")


def section(data: dict[str, Any], key: str, kind: type[T]) -> T:
    value = data.get(key)
    if value is None:
        return kind()
    if not isinstance(value, kind):
        fail(key, f"expected {'an object' if kind is dict else 'a list'}, got {type_name(value)}")
    return value


def reraise(fn: Callable[..., T], path: str, *args: Any) -> T:
    """``fn(*args)`` (one of the store's own checks), its ``StoreError`` named by ``path``."""
    try:
        return fn(*args)
    except StoreError as err:
        fail(path, str(err))


MARK_CHECKS = marks.Checks(boolean=boolean, text=text, ts=ts, count=whole)
